/**
 * Rebuilding the site after a write: the loaders whose data the write changed
 * run again (the others come from the loader cache of the server's private copy
 * of src/, pipelines/site/build.ts) against a snapshot of the warehouse taken
 * under the gate; the new site replaces <out> only when the build succeeded.
 * Writes queue while a build runs; the state is shown by /api/status and the
 * pages say "đang cập nhật" until it is done.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { isProcessAlive } from "../os/process.ts";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runFramework } from "../cli/commands/site.ts";
import { buildSite, warehouseStamp } from "../site/build.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import type { WarehouseGate } from "./gate.ts";
import type { Changed } from "./writes.ts";

/**
 * Site data files each kind of change makes stale (src/data/<name>); meta.json always. An archive loader
 * (<name>.zip) goes with the folder of its extracted entries (<name>/), which Framework keeps fresh by the
 * loader script's date only.
 */
const LOADERS: Record<Changed, string[]> = {
  items: ["items.arrow", "sources.arrow", "articles.arrow", "attribution-review.arrow", "channel-mix.json", "area-mix.json", "agency-items.json", "review-summary.json", "review-items.arrow", "search.arrow", "evidence.arrow", "evidence-summary.arrow"],
  // The marts built on coverage (overview, briefing), the provisional targets still awaiting confirmation,
  // and what reads coverage_items (counted items, the search's statuses, the evidence split).
  coverage: ["coverage.arrow", "overview.json", "briefing.json", "provisional-pending.json", "coverage-items.arrow", "search.arrow", "evidence.arrow", "evidence-summary.arrow", "scorecard.json", "scorecard-items.zip", "scorecard-items"],
  evidence: ["evidence.arrow", "evidence-summary.arrow"],
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
  /** The server's private copy of src/ (its loader cache survives between rebuilds), made fresh at start. */
  private readonly root: string;

  constructor(
    private readonly gate: WarehouseGate,
    readonly out: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    const project = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
    this.root = join(project, `.cchc-build-serve-${createHash("sha256").update(resolve(out)).digest("hex").slice(0, 10)}`);
    rmSync(this.root, { recursive: true, force: true });
    // Snapshots left by a server that was killed while taking one.
    for (const entry of readdirSync(tmpdir())) {
      const pid = Number(/^cchc-serve-snapshot-(\d+)-/.exec(entry)?.[1]);
      if (pid && !isProcessAlive(pid)) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    }
  }

  /** Remove the private copy of src/ (after the last build). */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

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

  private async buildOnce(stale: "all" | string[]): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), `cchc-serve-snapshot-${process.pid}-`));
    try {
      // A consistent copy: no write of this server runs while it is taken (the gate), no other process
      // writes while the server holds the file read-only, and DuckDB checkpoints on close.
      const snapshot = join(dir, basename(this.gate.db));
      const stamp = await this.gate.use(async () => {
        copyFileSync(this.gate.db, snapshot);
        if (existsSync(`${this.gate.db}.wal`)) copyFileSync(`${this.gate.db}.wal`, `${snapshot}.wal`);
      }, { readOnly: true }).then(() => warehouseStamp(snapshot));
      await buildSite((args, env) => runFramework(args, env, "ignore"), {
        db: snapshot,
        outDir: this.out,
        persistentRoot: this.root,
        stale,
        stamp: { ...stamp, warehouse: resolve(this.gate.db) },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
