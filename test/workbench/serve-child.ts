/** Start `cchc serve` as a child process (the real command), read its log lines, stop it hard or softly. */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

/** The CLI reads the fixture registry unless told otherwise (CCHC_REGISTRY_DIR), never the shipped one. */
const FIXTURE_ENV = { ...process.env, CCHC_REGISTRY_DIR: FIXTURE_REGISTRY };

export const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "bin/cchc.mjs");

export interface ServeChild {
  process: ChildProcess;
  url: string;
  lines: string[];
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export function cchc(args: string[], input?: string): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf-8", input, stdio: ["pipe", "pipe", "pipe"], env: FIXTURE_ENV });
}

export async function startServe(args: string[]): Promise<ServeChild> {
  // Its own process group: kill9 ends the server and a site build it started, as systemd does with a unit's cgroup.
  const child = spawn(process.execPath, [CLI, "serve", "--port", "0", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true, env: FIXTURE_ENV });
  const lines: string[] = [];
  let stderr = "";
  let buffer = "";
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding("utf-8").on("data", (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const l of listeners) l();
  });
  child.stderr!.setEncoding("utf-8").on("data", (c: string) => (stderr += c));
  const exited = new Promise<void>((r) => child.on("exit", () => r()));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolvePromise, reject) => {
      const check = () => {
        const hit = lines.find((l) => pattern.test(l));
        if (hit) {
          listeners.delete(check);
          clearTimeout(timer);
          resolvePromise(hit);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`cchc serve exited before ${pattern}: ${stderr.slice(-800)}`));
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no line ${pattern} within ${timeoutMs} ms; lines: ${lines.join(" | ")}; stderr: ${stderr.slice(-800)}`));
      }, timeoutMs);
      listeners.add(check);
      child.on("exit", check);
      check();
    });
  const first = await waitFor(/^cchc serve: http:\/\//);
  const url = first.match(/(http:\/\/[^/\s]+)/)![1];
  return {
    process: child,
    url,
    lines,
    waitFor,
    async kill9() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** A tiny cookie-keeping HTTP client for the API (fetch does not keep cookies). */
export class ApiClient {
  private cookies = new Map<string, string>();
  csrf = "";
  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, { csrf = true }: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (csrf && this.csrf) headers["x-csrf-token"] = this.csrf;
    const response = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (typeof data.csrf_token === "string") this.csrf = data.csrf_token;
    return { status: response.status, headers: response.headers, data };
  }

  async signIn(name: string, password: string) {
    await this.request("GET", "/api/session");
    return this.request("POST", "/api/login", { name, password });
  }
}
