/**
 * Rebuild the extraction evaluation corpus (eval/extract/corpus/, gitignored)
 * from stored public copies of real pages:
 *   - the HTML pages (only the HTML, never its ground truth) of the public
 *     article-extraction benchmark repository (a bare git mirror; set
 *     EVAL_AEB_REPO, default /work/.mirror/scrapinghub+article-extraction-benchmark/repo),
 *   - the real NukeViet 4.5.05 article pages of the shared fixtures
 *     (EVAL_NUKEVIET_DIR, default /work/shared/fixtures/nukeviet-4.5.05).
 * The ground truth is ours: eval/extract/annotations.json (see docs/adapters.md).
 *
 *   node --import tsx scripts/eval-extract/build-corpus.ts
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const ROOT = new URL("../../eval/extract/corpus/", import.meta.url).pathname;
const AEB = process.env.EVAL_AEB_REPO ?? "/work/.mirror/scrapinghub+article-extraction-benchmark/repo";
const NUKEVIET = process.env.EVAL_NUKEVIET_DIR ?? "/work/shared/fixtures/nukeviet-4.5.05";

function buildAeb(): number {
  if (!existsSync(AEB)) {
    console.error(`skip: no benchmark mirror at ${AEB} (set EVAL_AEB_REPO)`);
    return 0;
  }
  const out = join(ROOT, "aeb");
  mkdirSync(out, { recursive: true });
  const names = execFileSync("git", ["--git-dir", AEB, "ls-tree", "--name-only", "HEAD", "html/"], { encoding: "utf8" })
    .split("\n")
    .filter((n) => n.endsWith(".html.gz"));
  for (const name of names) {
    const gz = execFileSync("git", ["--git-dir", AEB, "show", `HEAD:${name}`], { maxBuffer: 64 << 20 });
    const id = name.replace(/^html\//, "").replace(/\.html\.gz$/, "");
    writeFileSync(join(out, `${id.slice(0, 12)}.html`), gunzipSync(gz));
  }
  return names.length;
}

function buildNukeviet(): number {
  if (!existsSync(NUKEVIET)) {
    console.error(`skip: no NukeViet fixtures at ${NUKEVIET} (set EVAL_NUKEVIET_DIR)`);
    return 0;
  }
  const out = join(ROOT, "nukeviet");
  mkdirSync(out, { recursive: true });
  const files = readdirSync(NUKEVIET).filter((f) => /^(?:multi|single)-article-.*\.html$/.test(f));
  for (const f of files) copyFileSync(join(NUKEVIET, f), join(out, f));
  return files.length;
}

mkdirSync(ROOT, { recursive: true });
console.log(`corpus: ${buildAeb()} benchmark pages, ${buildNukeviet()} NukeViet pages in ${ROOT}`);
