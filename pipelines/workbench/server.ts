/**
 * `cchc serve`: the built site plus a JSON API under /api/ for signed-in users
 * (fastify; sessions @fastify/session in HttpOnly SameSite=Strict cookies;
 * CSRF @fastify/csrf-protection on every non-GET request; sign-in limited by
 * @fastify/rate-limit per address and slowed per account by throttle.ts).
 * Every write goes through writes.ts; after it the site is rebuilt (rebuild.ts).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySession from "@fastify/session";
import fastifyStatic from "@fastify/static";
import { COPY_HEADERS, isArchivedCopyPath } from "../archive/copy-html.ts";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type Session } from "fastify";
import type { Warehouse } from "../warehouse/db.ts";
import { DEFAULT_SITE_DIR } from "../site/build.ts";
import * as product from "./adapter.ts";
import { listAudit } from "./audit.ts";
import { WarehouseBusyError, WarehouseGate } from "./gate.ts";
import { SiteRebuilder } from "./rebuild.ts";
import { type Action, ACTION_LABELS, type Actor, capabilities, ROLE_LABELS } from "./roles.ts";
import { LoginThrottle } from "./throttle.ts";
import { dummyPasswordHash, findUser, listUsers, verifyPassword } from "./users.ts";
import * as writes from "./writes.ts";
import { recordAudit } from "./audit.ts";
import { disableUser } from "./users.ts";

declare module "fastify" {
  interface Session {
    user?: Actor;
  }
}

export interface ServeOptions {
  db: string;
  port?: number;
  host?: string;
  /** The built site (default: the project's dist/, where `cchc build` writes). */
  out?: string;
  registryDir?: string;
  /** Rebuild the whole site at start (default true; the old build is served meanwhile). */
  build?: boolean;
  /** Rebuild the site after writes (default true; false when the site is built elsewhere, e.g. API tests). */
  rebuildAfterWrites?: boolean;
  /** Secure cookies: "auto" (when the request came over HTTPS, e.g. X-Forwarded-Proto from the proxy), or always. */
  secureCookies?: boolean | "auto";
  /** Trust X-Forwarded-* from a reverse proxy on this host. */
  trustProxy?: boolean;
  /** Session lifetime. */
  sessionHours?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  rebuilder: SiteRebuilder;
  close(): Promise<void>;
}

const SESSION_COOKIE = "cchc_session";

/** Sessions in memory, expired ones pruned; a restart signs everyone out. */
class MemorySessionStore {
  private readonly sessions = new Map<string, { session: Session; expires: number }>();
  constructor(private readonly ttlMs: number) {}
  set(id: string, session: Session, cb: (err?: unknown) => void): void {
    this.sessions.set(id, { session, expires: Date.now() + this.ttlMs });
    if (this.sessions.size % 100 === 0) this.prune();
    cb();
  }
  get(id: string, cb: (err: unknown, session?: Session | null) => void): void {
    const e = this.sessions.get(id);
    if (!e || e.expires < Date.now()) {
      this.sessions.delete(id);
      return cb(null, null);
    }
    cb(null, e.session);
  }
  destroy(id: string, cb: (err?: unknown) => void): void {
    this.sessions.delete(id);
    cb();
  }
  private prune(): void {
    const now = Date.now();
    for (const [id, e] of this.sessions) if (e.expires < now) this.sessions.delete(id);
  }
}

function sendError(reply: FastifyReply, status: number, error: string, problems: string[] = [], headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(status).send({ error, problems });
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const db = resolve(options.db);
  if (!existsSync(db)) throw new Error(`--db: warehouse ${options.db} does not exist (run \`cchc crawl\` / \`cchc report\` first)`);
  const out = resolve(options.out ?? DEFAULT_SITE_DIR);
  const log = options.log ?? ((line: string) => console.log(line));
  const ctx: product.ProductContext = { db, registryDir: options.registryDir };
  const gate = new WarehouseGate(db);
  const rebuilder = new SiteRebuilder(gate, out, log);
  const throttle = new LoginThrottle();
  const ttlMs = (options.sessionHours ?? 8) * 3600_000;

  // Migrate, then make the overrides file agree with the table (a crash after a COMMIT and before the
  // file was rewritten leaves the file one entry short; entries made elsewhere are imported first).
  await gate.use(async (w) => {
    await w.transaction(() => product.recordOverrides(w, ctx, []));
    await product.mirrorOverridesFile(w, ctx);
  });
  product.registryOf(ctx); // a broken registry fails now, not at the first write

  const app = Fastify({ logger: false, trustProxy: options.trustProxy ?? false, bodyLimit: 1024 * 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: randomBytes(32).toString("hex"),
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    store: new MemorySessionStore(ttlMs),
    cookie: { httpOnly: true, sameSite: "strict", secure: options.secureCookies ?? "auto", path: "/", maxAge: ttlMs },
  });
  await app.register(fastifyCsrf, { sessionPlugin: "@fastify/session" });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 10 } });

  // Every request that can change anything carries the CSRF token (header x-csrf-token).
  app.addHook("onRequest", (request, reply, done) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return done();
    app.csrfProtection(request, reply, done);
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("X-Content-Type-Options", "nosniff");
    reply.header("X-Frame-Options", "DENY");
    reply.header("Referrer-Policy", "same-origin");
    return payload;
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof writes.WriteError) return sendError(reply, error.status, error.message, error.problems);
    if (error instanceof WarehouseBusyError) return sendError(reply, 503, "kho dữ liệu đang bận (đang thu thập hoặc tính lại); chưa ghi gì, hãy thử lại sau ít phút", [], { "Retry-After": "30" });
    if (error.code?.startsWith("FST_CSRF")) return sendError(reply, 403, "thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang; chưa ghi gì");
    if (error.statusCode === 429) return sendError(reply, 429, "quá nhiều lần thử; hãy đợi rồi thử lại");
    if (error.statusCode && error.statusCode < 500) return sendError(reply, error.statusCode, error.message);
    log(`error ${request.method} ${request.url}: ${error.stack ?? error.message}`);
    return sendError(reply, 500, "lỗi máy chủ; chưa ghi gì nếu thao tác chưa được báo là xong");
  });

  const signedIn = (request: FastifyRequest): Actor => {
    const user = request.session.user;
    if (!user) throw new writes.WriteError(401, "chưa đăng nhập");
    return user;
  };

  /** Run a write, log it, ask for the rebuild of what it changed. */
  const write = async (request: FastifyRequest, fn: (w: Warehouse, actor: Actor, now: Date, hooks: writes.WriteHooks) => Promise<writes.WriteResult>) => {
    const actor = signedIn(request);
    const hooks: writes.WriteHooks = { begun: (action: Action, subject: string) => log(`write begun: ${action} ${subject} by ${actor.name}`) };
    const r = await gate.use((w) => fn(w, actor, new Date(), hooks));
    for (const a of r.audit) log(`write committed: ${a.action} ${a.subject} by ${a.actor} (audit ${a.audit_id})`);
    if (options.rebuildAfterWrites ?? true) rebuilder.request(r.changed);
    return { ok: true, audit_id: r.audit[0]?.audit_id, result: r.result, rebuild: rebuilder.state };
  };

  // ── session ────────────────────────────────────────────────────────────────
  app.get("/api/session", async (request, reply) => {
    const user = request.session.user ?? null;
    return {
      served: true,
      user: user ? { ...user, role_label: ROLE_LABELS[user.role], capabilities: capabilities(user) } : null,
      csrf_token: await reply.generateCsrf(),
      rebuild: rebuilder.state,
    };
  });

  app.post<{ Body: { name?: string; password?: string } }>(
    "/api/login",
    { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
    async (request, reply) => {
      const name = String(request.body?.name ?? "").normalize("NFC").trim().toLowerCase();
      const password = String(request.body?.password ?? "");
      const wait = throttle.waitFor(name, Date.now());
      if (wait > 0) return sendError(reply, 429, `đăng nhập sai nhiều lần: hãy đợi ${wait} giây rồi thử lại`, [], { "Retry-After": String(wait) });
      const user = await gate.use((w) => findUser(w, name), { readOnly: true });
      const ok = user && !user.disabled_at ? await verifyPassword(user.password_hash, password) : (await verifyPassword(await dummyPasswordHash(), password), false);
      if (!ok || !user) {
        const n = throttle.failed(name, Date.now());
        const next = throttle.waitFor(name, Date.now());
        log(`sign-in failed for "${name}" (${n} in a row)${next ? `, next attempt in ${next} s` : ""}`);
        return sendError(reply, 401, "sai tên đăng nhập hoặc mật khẩu (hoặc tài khoản đã bị khóa)", [], next ? { "Retry-After": String(next) } : {});
      }
      throttle.succeeded(name);
      await request.session.regenerate(); // no session fixation: a new id and a new CSRF secret
      const actor: Actor = { name: user.name, role: user.role, agency_id: user.agency_id };
      request.session.user = actor;
      log(`signed in: ${user.name} (${user.role})`);
      return { ok: true, user: { ...actor, role_label: ROLE_LABELS[actor.role], capabilities: capabilities(actor) }, csrf_token: await reply.generateCsrf() };
    },
  );

  app.post("/api/logout", async (request) => {
    const name = request.session.user?.name;
    await request.session.destroy();
    if (name) log(`signed out: ${name}`);
    return { ok: true };
  });

  app.get("/api/status", async () => ({ rebuild: rebuilder.state }));

  // ── writes ─────────────────────────────────────────────────────────────────
  app.post<{ Body: writes.ReviewInput }>("/api/review", async (request) =>
    write(request, (w, actor, now, hooks) => writes.reviewItem(w, ctx, actor, request.body ?? ({} as writes.ReviewInput), now, hooks)),
  );

  // The template's columns for the page's form (one definition: pipelines/evidence/schema.ts).
  app.get("/api/evidence/columns", async () => product.evidenceSchema());

  app.post<{ Body: writes.EvidenceForm }>("/api/evidence", async (request) =>
    write(request, (w, actor, now, hooks) => writes.addEvidence(w, ctx, actor, request.body ?? {}, now, hooks)),
  );

  app.post("/api/evidence/upload", async (request) => {
    signedIn(request);
    const file = await request.file();
    if (!file) throw new writes.WriteError(400, "chưa chọn tệp", ["file: bắt buộc"]);
    const data = await file.toBuffer();
    return write(request, (w, actor, now, hooks) => writes.uploadEvidence(w, ctx, actor, file.filename, data, now, hooks));
  });

  app.post<{ Params: { id: string }; Body: Omit<writes.TaskInput, "task_id"> }>("/api/tasks/:id", async (request) =>
    write(request, (w, actor, now, hooks) => writes.updateTask(w, actor, { ...(request.body ?? ({} as writes.TaskInput)), task_id: request.params.id }, now, hooks)),
  );

  app.post("/api/plans/import", async (request) => {
    signedIn(request);
    const file = await request.file();
    if (!file) throw new writes.WriteError(400, "chưa chọn tệp", ["file: bắt buộc"]);
    const data = await file.toBuffer();
    return write(request, (w, actor, now) => writes.importPlan(w, ctx, actor, file.filename, data, now));
  });

  app.post<{ Params: { id: string } }>("/api/targets/:id/confirm", async (request) =>
    write(request, (w, actor, now) => writes.confirmTarget(w, ctx, actor, request.params.id, now)),
  );

  // ── reading the audit log, accounts ──────────────────────────────────────────
  app.get<{ Querystring: { limit?: string } }>("/api/audit", async (request) => {
    signedIn(request);
    const entries = await gate.use((w) => listAudit(w, { limit: Number(request.query.limit ?? 200) || 200 }), { readOnly: true });
    return { entries: entries.map((e) => ({ ...e, action_label: ACTION_LABELS[e.action as Action] ?? e.action })) };
  });

  app.get("/api/users", async (request) => {
    const actor = signedIn(request);
    if (actor.role !== "admin") throw new writes.WriteError(403, "chỉ quản trị viên xem được danh sách tài khoản");
    return { users: (await gate.use((w) => listUsers(w), { readOnly: true })).map((u) => ({ ...u, role_label: ROLE_LABELS[u.role] })) };
  });

  app.post<{ Params: { name: string } }>("/api/users/:name/disable", async (request) =>
    write(request, async (w, actor, now) => {
      if (actor.role !== "admin") throw new writes.WriteError(403, "chỉ quản trị viên khóa được tài khoản");
      return await w.transaction(async () => {
        const me = await findUser(w, actor.name);
        if (!me || me.disabled_at || me.role !== "admin") throw new writes.WriteError(401, "tài khoản không còn hiệu lực: hãy đăng nhập lại");
        let change;
        try {
          change = await disableUser(w, request.params.name, now);
        } catch (error) {
          throw new writes.WriteError(404, (error as Error).message);
        }
        const audit = await recordAudit(w, { actor: actor.name, role: actor.role, action: "user.disable", subject: request.params.name, before: change.before, after: change.after }, now);
        return { audit: [audit], changed: [], result: change.after };
      });
    }),
  );

  app.all("/api/*", async (_request, reply) => sendError(reply, 404, "không có địa chỉ này"));

  // ── the site ────────────────────────────────────────────────────────────────
  await app.register(fastifyStatic, {
    root: out,
    extensions: ["html"],
    index: "index.html",
    wildcard: true,
    // Tells the pages' scripts that `cchc serve` is behind them (the static build never sets it).
    setHeaders: (res, path) => {
      // An archived copy of a crawled page is sandboxed (a unique origin: no access to the workbench session).
      if (isArchivedCopyPath(path)) for (const [name, value] of Object.entries(COPY_HEADERS)) res.setHeader(name, value);
      else if (path.endsWith(".html")) res.setHeader("Set-Cookie", "cchc_serve=1; Path=/; SameSite=Strict");
    },
  });
  app.setNotFoundHandler((request, reply) => {
    if (!existsSync(out)) return reply.code(503).type("text/html; charset=utf-8").send("<!doctype html><meta charset=utf-8><title>Đang dựng trang</title><p>Trang đang được dựng lần đầu; hãy tải lại sau ít phút.</p>");
    return reply.code(404).type("text/plain; charset=utf-8").send(`không có trang ${request.url}`);
  });

  const address = await app.listen({ port: options.port ?? 3000, host: options.host ?? "127.0.0.1" });
  if (options.build ?? true) rebuilder.request("all");
  return {
    url: address.replace("[::1]", "localhost"),
    app,
    rebuilder,
    close: async () => {
      await app.close();
      await rebuilder.idle();
      rebuilder.dispose();
    },
  };
}
