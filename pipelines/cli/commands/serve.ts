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

/** A mistyped --db must not create a new empty warehouse. */
function existingDb(db: string): string {
  if (!existsSync(db)) throw new Error(`--db: không có kho dữ liệu ${db}`);
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
    throw new Error("không đọc được mật khẩu từ stdin (dòng đầu tiên)");
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
  const first = await ask("Mật khẩu: ");
  const second = await ask("Nhập lại mật khẩu: ");
  if (first !== second) throw new Error("hai lần nhập mật khẩu không khớp; chưa tạo tài khoản");
  return first;
}

const viDateTime = (iso: string | null) => {
  if (!iso) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
};

const brief = (v: unknown) => {
  if (v === null || v === undefined) return "—";
  const text = JSON.stringify(v);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

export function registerServeCommands(program: Command): void {
  program
    .command("serve")
    .description("serve the dashboard and the analysts' workbench (sign-in, review queue, evidence, plan tasks) on http://127.0.0.1:PORT/")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--port <n>", "port", "3000")
    .option("--host <address>", "address to listen on (keep 127.0.0.1 behind a reverse proxy)", "127.0.0.1")
    .option("--out <dir>", "built site to serve and rebuild (default: the project's dist/, as `cchc build`)")
    .option("--registry <dir>", "registry directory")
    .option("--no-build", "serve the existing build; rebuild only after edits")
    .option("--trust-proxy", "trust X-Forwarded-For / X-Forwarded-Proto from the reverse proxy")
    .option("--secure-cookies", "always mark cookies Secure (default: when the request came over HTTPS)")
    .action(async (opts) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: "${opts.port}" không phải số cổng`);
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
      console.log(`cchc serve: ${server.url}/ (kho ${opts.db}, trang ${server.rebuilder.out})`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      await new Promise(() => undefined);
    });

  const user = program.command("user").description("workbench accounts (roles: viewer, agency_editor, analyst, admin)");

  user
    .command("add")
    .description("add an account; the password is read from the terminal (typed twice) or the first line of stdin, never from a flag")
    .argument("<name>", "sign-in name")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--agency <id>", "agency_editor: the agency whose evidence it may enter")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--registry <dir>", "registry directory (to check --agency)")
    .action(async (rawName: string, opts) => {
      const name = normaliseUserName(rawName);
      const known = new Set(loadRegistry(opts.registry).agencies.map((a) => a.id));
      const preliminary = newUserProblems({ name, role: opts.role, agency_id: opts.agency, password: "x".repeat(64) }, known);
      if (preliminary.length) throw new Error(preliminary.join("; "));
      const db = existingDb(opts.db);
      const password = await readPassword();
      const problems = newUserProblems({ name, role: opts.role, agency_id: opts.agency, password }, known);
      if (problems.length) throw new Error(`${problems.join("; ")}; chưa tạo tài khoản`);
      const now = new Date();
      await withWarehouse(db, (w) =>
        w.transaction(async () => {
          const created = await insertUser(w, { name, role: opts.role, agency_id: opts.agency ?? null, password }, cliActor(), now);
          await recordAudit(w, { actor: cliActor(), role: null, action: "user.add", subject: name, before: null, after: created }, now);
        }),
      );
      console.log(`đã tạo tài khoản ${name}: ${ROLE_LABELS[opts.role as Role]}${opts.agency ? ` — cơ quan ${opts.agency}` : ""}`);
    });

  user
    .command("list")
    .description("list accounts")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--json", "print JSON")
    .action(async (opts) => {
      const users = await withWarehouse(existingDb(opts.db), (w) => listUsers(w));
      if (opts.json) return void console.log(JSON.stringify(users, null, 2));
      if (!users.length) return void console.log("chưa có tài khoản nào (thêm bằng: cchc user add TÊN --role analyst)");
      const rows = users.map((u) => ({ name: u.name, role: ROLE_LABELS[u.role], agency: u.agency_id, created: viDateTime(u.created_at), state: u.disabled_at ? `đã khóa ${viDateTime(u.disabled_at)}` : "đang dùng" }));
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
    .description("disable an account (it can no longer sign in or write; kept in the audit log)")
    .argument("<name>", "sign-in name")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .action(async (rawName: string, opts) => {
      const name = normaliseUserName(rawName);
      const now = new Date();
      await withWarehouse(existingDb(opts.db), (w) =>
        w.transaction(async () => {
          const change = await disableUser(w, name, now);
          await recordAudit(w, { actor: cliActor(), role: null, action: "user.disable", subject: name, before: change.before, after: change.after }, now);
        }),
      );
      console.log(`đã khóa tài khoản ${name}`);
    });

  program
    .command("audit")
    .description("print the audit log of workbench writes (newest first): who, when, what, before and after")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--limit <n>", "entries", "50")
    .option("--json", "print JSON (full before / after)")
    .action(async (opts) => {
      const entries = await withWarehouse(existingDb(opts.db), (w) => listAudit(w, { limit: Number(opts.limit) || 50 }), { readOnly: true });
      if (opts.json) return void console.log(JSON.stringify(entries, null, 2));
      if (!entries.length) return void console.log("nhật ký trống");
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
