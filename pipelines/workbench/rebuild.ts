/**
 * Rebuilding the site after a write: the loaders whose data the write changed
 * run again (the others come from Framework's cache) against a snapshot of the
 * warehouse taken under the gate, into <out>.next, which then replaces <out>.
 * Writes queue while a build runs; the state is shown by /api/status and the
 * pages say "đang cập nhật" until it is done.
 */
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { buildSite } from "../cli/commands/site.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import type { WarehouseGate } from "./gate.ts";
import type { Changed } from "./writes.ts";

/** Site data files each kind of change makes stale (src/data/<name>); meta.json always. */
const LOADERS: Record<Changed, string[]> = {
  items: ["items.arrow"],
  coverage: ["coverage.arrow"],
  evidence: ["evidence.arrow"],
  "plan-tasks": ["plan-tasks.arrow"],
};

export interface RebuildState {
  status: "idle" | "running" | "failed";
  /** Changes waiting for the next build. */
  pending: string[];
  /** Changes the running build covers. */
  running: string[];
  started_at: string | null;
  finished_at: string | null;
  /** Increases with each finished build. */
  generation: number;
  error: string | null;
}

export class SiteRebuilder {
  readonly state: RebuildState = { status: "idle", pending: [], running: [], started_at: null, finished_at: null, generation: 0, error: null };
  private pendingAll = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly gate: WarehouseGate,
    readonly out: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Ask for a rebuild of what `changed` touches ("all": every loader). */
  request(changed: Changed[] | "all"): void {
    if (changed === "all") this.pendingAll = true;
    else for (const c of changed) if (!this.state.pending.includes(c)) this.state.pending.push(c);
    if (this.pendingAll && !this.state.pending.includes("all")) this.state.pending.push("all");
    this.loop ??= this.run().finally(() => {
      this.loop = null;
    });
  }

  /** Resolves when no build is running or pending. */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  private async run(): Promise<void> {
    while (this.state.pending.length) {
      const all = this.pendingAll;
      const changed = this.state.pending.filter((c) => c !== "all") as Changed[];
      this.state.pending = [];
      this.pendingAll = false;
      this.state.running = all ? ["all"] : changed;
      this.state.status = "running";
      this.state.started_at = toVietnamIso(new Date());
      this.state.error = null;
      const t0 = Date.now();
      try {
        await this.buildOnce(all ? "all" : [...new Set(["meta.json", ...changed.flatMap((c) => LOADERS[c])])]);
        this.state.generation++;
        this.state.status = "idle";
        this.log(`site rebuilt (${this.state.running.join(", ")}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (error) {
        this.state.status = "failed";
        this.state.error = (error as Error).message;
        this.log(`site rebuild failed: ${(error as Error).message}`);
      }
      this.state.running = [];
      this.state.finished_at = toVietnamIso(new Date());
    }
  }

  private async buildOnce(clear: "all" | string[]): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), "cchc-serve-snapshot-"));
    try {
      // A consistent copy: no write of this server runs while it is taken (the gate), and DuckDB checkpoints on close.
      const snapshot = join(dir, basename(this.gate.db));
      // Held open read-only while copying, so no other process writes meanwhile.
      await this.gate.use(async () => {
        copyFileSync(this.gate.db, snapshot);
        if (existsSync(`${this.gate.db}.wal`)) copyFileSync(`${this.gate.db}.wal`, `${snapshot}.wal`);
      }, { readOnly: true });
      const out = resolve(this.out);
      const next = `${out}.next`;
      rmSync(next, { recursive: true, force: true });
      const code = await buildSite({ CCHC_DB: snapshot, CCHC_SITE_OUTPUT: next }, clear, "ignore");
      if (code !== 0) throw new Error(`site build failed (exit ${code})`);
      const old = `${out}.old`;
      rmSync(old, { recursive: true, force: true });
      if (existsSync(out)) renameSync(out, old);
      renameSync(next, out);
      rmSync(old, { recursive: true, force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
