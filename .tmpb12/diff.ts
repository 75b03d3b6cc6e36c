import { DuckDBInstance } from "@duckdb/node-api";
import { classifyWith, loadLexicon } from "../pipelines/classify/index.ts";
const a = loadLexicon("/tmp/b12/lex.main.yaml"), b = loadLexicon();
const db = await DuckDBInstance.create("/tmp/b12/w/w.duckdb", { access_mode: "READ_ONLY" });
const c = await db.connect();
const r = await c.runAndReadAll("select article_id, title, body_text from articles");
for (const [id, title, text] of r.getRows() as any) {
  const x = classifyWith(a, { title, text }), y = classifyWith(b, { title, text });
  if (x.is_cchc !== y.is_cchc) console.log(id, x.is_cchc, x.score, "→", y.is_cchc, y.score, "|", title, "|", String(text).slice(0, 600).replace(/\n/g, " / "), "\n  new:", y.matched.slice(0,8).map(m=>`${m.term}@${m.place}=${m.contribution}`).join("; "));
}
