/**
 * `cchc serve` (the analysts' workbench), `cchc user add|list|disable` and
 * `cchc audit`. See docs/workbench.md.
 */
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { loadRegistry } from "../../registry/load.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { listAudit } from "../../workbench/audit.ts";
import { recordAudit } from "../../workbench/audit.ts";
import { ACTION_LABELS, type Action, ROLE_LABELS, ROLES, type Role } from "../../workbench/roles.ts";
import { startServer } from "../../workbench/server.ts";
import { disableUser, insertUser, listUsers, newUserProblems, normaliseUserName } from "../../workbench/users.ts";
import { formatTable } from "./registry.ts";
import { usage, when, workbench as say } from "../messages.ts";

/** A mistyped --db must not create a new empty warehouse. */
function existingDb(db: string): string {
  if (!existsSync(db)) throw new Error(usage.noWarehouse(db));
  return db;
}

const cliActor = () => `cli:${userInfo().username}`;

/** The password, typed twice on a terminal (not echoed), or the first line of stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      rl.close();
      return line.replace(/\r$/, "");
    }
    throw new Error(say.noPasswordOnStdin);
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolvePromise) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
      let prompted = false;
      out._writeToOutput = (s: string) => {
        if (!prompted) {
          prompted = true;
          process.stderr.write(s);
        }
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stderr.write("\n");
        resolvePromise(answer);
      });
    });
  const first = await ask(say.passwordPrompt);
  const second = await ask(say.passwordAgain);
  if (first !== second) throw new Error(say.passwordsDiffer);
  return first;
}

const viDateTime = (iso: string | null) => (iso ? when(iso) : "—");

const brief = (v: unknown) => {
  if (v === null || v === undefined) return "—";
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

export function registerServeCommands(program: Command): void {
  program
    .command("serve")
    .description("chạy bảng điều khiển và bàn làm việc của cán bộ (đăng nhập, hàng chờ rà soát, minh chứng, nhiệm vụ theo kế hoạch) tại http://127.0.0.1:CỔNG/")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--port <số>", "cổng", "3000")
    .option("--host <địa-chỉ>", "địa chỉ lắng nghe (giữ 127.0.0.1 khi chạy sau máy chủ chuyển tiếp trên cùng máy)", "127.0.0.1")
    .option("--out <thư-mục>", "trang đã dựng để phục vụ và dựng lại (mặc định: dist/ của dự án, như `cchc build`)")
    .option("--registry <thư-mục>", "thư mục danh mục")
    .option("--no-build", "phục vụ bản dựng hiện có; chỉ dựng lại sau khi có chỉnh sửa")
    .option("--trust-proxy", "tin X-Forwarded-For / X-Forwarded-Proto từ máy chủ chuyển tiếp (reverse proxy) trên cùng máy")
    .option("--secure-cookies", "luôn đánh dấu cookie Secure (mặc định: khi yêu cầu đến qua HTTPS)")
    .action(async (opts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(usage.notPort("--port", opts.port));
      const server = await startServer({
        db: existingDb(opts.db),
        port,
        host: opts.host,
        out: opts.out,
        registryDir: opts.registry,
        build: opts.build,
        trustProxy: Boolean(opts.trustProxy),
        secureCookies: opts.secureCookies ? true : "auto",
      });
      console.log(say.serving(server.url, opts.db, server.rebuilder.out));
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      await new Promise(() => undefined);
    });

  const user = program.command("user").description(`tài khoản của bàn làm việc (vai trò: ${ROLES.map((r) => `${r} — ${ROLE_LABELS[r]}`).join(", ")})`);

  user
    .command("add")
    .description("thêm tài khoản; mật khẩu đọc từ bàn phím (gõ hai lần) hoặc dòng đầu của stdin, không bao giờ từ tùy chọn")
    .argument("<tên>", "tên đăng nhập")
    .requiredOption("--role <vai-trò>", `một trong: ${ROLES.join(", ")}`)
    .option("--agency <mã>", "với agency_editor: cơ quan mà tài khoản được nhập minh chứng")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--registry <thư-mục>", "thư mục danh mục (để kiểm tra --agency)")
    .action(async (rawName: string, opts) => {
      const name = normaliseUserName(rawName);
      const known = new Set(loadRegistry(opts.registry).agencies.map((a) => a.id));
      const preliminary = newUserProblems({ name, role: opts.role, agency_id: opts.agency, password: "x".repeat(64) }, known);
      if (preliminary.length) throw new Error(preliminary.join("; "));
      const db = existingDb(opts.db);
      const password = await readPassword();
      const problems = newUserProblems({ name, role: opts.role, agency_id: opts.agency, password }, known);
      if (problems.length) throw new Error(say.notCreated(problems));
      const now = new Date();
      await withWarehouse(db, (w) =>
        w.transaction(async () => {
          const created = await insertUser(w, { name, role: opts.role, agency_id: opts.agency ?? null, password }, cliActor(), now);
          await recordAudit(w, { actor: cliActor(), role: null, action: "user.add", subject: name, before: null, after: created }, now);
        }),
      );
      console.log(say.created(name, ROLE_LABELS[opts.role as Role], opts.agency ?? null));
    });

  user
    .command("list")
    .description("liệt kê các tài khoản")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--json", "in dạng JSON")
    .action(async (opts) => {
      const users = await withWarehouse(existingDb(opts.db), (w) => listUsers(w));
      if (opts.json) return void console.log(JSON.stringify(users, null, 2));
      if (!users.length) return void console.log(say.noUsers);
      const rows = users.map((u) => ({ name: u.name, role: ROLE_LABELS[u.role], agency: u.agency_id, created: viDateTime(u.created_at), state: u.disabled_at ? say.disabledAt(u.disabled_at) : say.active }));
      console.log(formatTable(rows, [
        { key: "name", header: "Tài khoản" },
        { key: "role", header: "Vai trò" },
        { key: "agency", header: "Cơ quan" },
        { key: "created", header: "Tạo lúc" },
        { key: "state", header: "Trạng thái" },
      ]));
    });

  user
    .command("disable")
    .description("khóa một tài khoản (không đăng nhập, không ghi được nữa; vẫn giữ trong nhật ký)")
    .argument("<tên>", "tên đăng nhập")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .action(async (rawName: string, opts) => {
      const name = normaliseUserName(rawName);
      const now = new Date();
      await withWarehouse(existingDb(opts.db), (w) =>
        w.transaction(async () => {
          const change = await disableUser(w, name, now);
          await recordAudit(w, { actor: cliActor(), role: null, action: "user.disable", subject: name, before: change.before, after: change.after }, now);
        }),
      );
      console.log(say.disabled(name));
    });

  program
    .command("audit")
    .description("in nhật ký các thao tác ghi trên bàn làm việc (mới nhất trước): ai, lúc nào, làm gì, trước và sau")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--limit <số>", "số mục", "50")
    .option("--json", "in dạng JSON (đầy đủ trước / sau)")
    .action(async (opts) => {
      const entries = await withWarehouse(existingDb(opts.db), (w) => listAudit(w, { limit: Number(opts.limit) || 50 }), { readOnly: true });
      if (opts.json) return void console.log(JSON.stringify(entries, null, 2));
      if (!entries.length) return void console.log(say.emptyAudit);
      const rows = entries.map((e) => ({
        at: viDateTime(e.at),
        actor: e.actor,
        action: ACTION_LABELS[e.action as Action] ?? e.action,
        subject: e.subject,
        reason: e.reason,
        before: brief(e.before),
        after: brief(e.after),
      }));
      console.log(formatTable(rows, [
        { key: "at", header: "Thời điểm" },
        { key: "actor", header: "Người thực hiện" },
        { key: "action", header: "Thao tác" },
        { key: "subject", header: "Đối tượng" },
        { key: "reason", header: "Lý do" },
        { key: "before", header: "Trước" },
        { key: "after", header: "Sau" },
      ]));
    });
}
