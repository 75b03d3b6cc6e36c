/**
 * The lexicon against the plan documents: negative context must never match
 * what the plans ask for, so every context term found in a plan text is
 * listed (with its words around it) and the exit code is 1. Also prints how
 * each plan scores, as a sanity check that the plans themselves read as reform.
 *
 *   node --import tsx scripts/lexicon-seeds.ts ../shared/seeds [--lexicon FILE]
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { classifyWith, defaultLexicon, loadLexicon } from "../pipelines/classify/index.ts";
import { scanWords } from "../pipelines/classify/lexicon.ts";
import { foldedWords } from "../pipelines/text/phrases.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { lexicon: { type: "string" } } });
if (positionals.length !== 1) {
  console.error("usage: node --import tsx scripts/lexicon-seeds.ts DIR_OR_FILE [--lexicon FILE]");
  process.exit(2);
}
const lexicon = values.lexicon ? loadLexicon(values.lexicon) : defaultLexicon();
const target = positionals[0];
const files = statSync(target).isDirectory() ? readdirSync(target).sort().map((f) => join(target, f)) : [target];

let hits = 0;
for (const file of files) {
  const text = readFileSync(file, "utf-8");
  const words = foldedWords(text);
  for (const h of scanWords(lexicon, words)) {
    const context = h.values.find((e) => e.kind === "context");
    if (!context) continue;
    hits++;
    console.log(`${file}: context "${context.term}" (${context.weight}) in: … ${words.slice(Math.max(0, h.start - 6), h.end + 6).join(" ")} …`);
  }
  const c = classifyWith(lexicon, { title: "", text });
  console.log(`${file}: score ${c.score}, ${c.is_cchc ? "CCHC" : "not CCHC"}, areas ${c.areas.join(", ") || "-"}, indices ${c.indices.join(", ") || "-"}`);
}
console.log(hits ? `${hits} context matches in plan text: fix the lexicon` : "no context term matches in plan text");
process.exit(hits ? 1 : 0);
