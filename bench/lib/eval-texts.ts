/**
 * The real texts of `shared/eval/` (labelled dev sets, read only: only their
 * statistics or timings are reported, no text is copied), found beside the
 * checkout or one of its parents (a worktree sits a level deeper).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface EvalText {
  title: string;
  text: string;
}

/** The eval folder: `dir` when given, else `shared/eval` beside the checkout or its parent; null when absent. */
export function evalDir(dir?: string): string | null {
  if (dir) return existsSync(dir) ? dir : null;
  return [join(ROOT, ".."), join(ROOT, "..", "..")].map((d) => join(d, "shared", "eval")).find((d) => existsSync(join(d, "dev.jsonl"))) ?? null;
}

/** The texts of the named JSONL files of the eval folder (those present), or null when there is none. */
export function evalTexts(files: string[], dir?: string): EvalText[] | null {
  const at = evalDir(dir);
  const present = at ? files.map((f) => join(at, f)).filter(existsSync) : [];
  if (!present.length) return null;
  return present.flatMap((f) =>
    readFileSync(f, "utf-8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { title?: string; text?: string })
      .map((r) => ({ title: r.title ?? "", text: r.text ?? "" })),
  );
}
