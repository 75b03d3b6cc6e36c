/**
 * Attribution speed (issue 12): 100,000 synthetic articles (10,000 with --quick)
 * credited with the shipped registry's agencies, single process = one core.
 * Baseline: attribution as it was before issue 12 (bench/lib/attribution-baseline.ts)
 * over the same articles. Target: within 2× of that time.
 */
import { pick, prng } from "../pipelines/farm/content.ts";
import { attribute, compileAgencies, fromRegistryAgencies } from "../pipelines/attribute/attribute.ts";
import { loadRegistry } from "../pipelines/registry/load.ts";
import { attributeBaseline, compileBaseline } from "./lib/attribution-baseline.ts";
import { corpusText } from "./lib/corpus.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const LEADS = ["Sáng 12/3,", "Chiều 5/6,", "Ngày 20/9,", "Vừa qua,", ""];
const VERBS = ["tổ chức hội nghị", "ban hành kế hoạch", "triển khai", "cho biết", "tập huấn cho cán bộ", "kiểm tra tại"];
const ROLES = ["", "", "Phó Chủ tịch", "lãnh đạo", "Đoàn kiểm tra làm việc với"];

export const attributionBench: Benchmark = {
  name: "attribution",
  description: "Attribution speed on synthetic articles naming registry agencies (per core), against the pre-issue-12 alias scan",
  async run({ quick }) {
    const registry = loadRegistry(undefined, ["agencies"]);
    const refs = fromRegistryAgencies(registry.agencies);
    const names = refs.flatMap((a) => [a.name, ...a.aliases]);
    const n = quick ? 10_000 : 100_000;
    const rnd = prng(12);
    const articles = Array.from({ length: n }, () => {
      const { title, body } = corpusText(rnd, rnd() < 0.3);
      const a = pick(rnd, names);
      const b = pick(rnd, names);
      const lead = `${pick(rnd, LEADS)} ${pick(rnd, ROLES)} ${a} ${pick(rnd, VERBS)} ${body.slice(0, 200)} ${b} ${pick(rnd, VERBS)}.`;
      const year = 2018 + Math.floor(rnd() * 9);
      return {
        title: rnd() < 0.4 ? `${pick(rnd, names)} ${pick(rnd, VERBS)} ${title}` : title,
        text: `${lead}\n${body}${rnd() < 0.2 ? `\nNguồn: ${pick(rnd, names)}` : ""}`,
        byline: rnd() < 0.1 ? `Minh Thu - ${pick(rnd, names)}` : null,
        date: rnd() < 0.3 ? null : `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
      };
    });
    const matcher = compileAgencies(refs);
    const trie = compileBaseline(refs);
    // Interleaved in chunks, so that a busy shared machine slows both sides alike.
    let credited = 0;
    let baseCredited = 0;
    let oursSeconds = 0;
    let baseSeconds = 0;
    const CHUNK = 500;
    for (let i = 0; i < n; i += CHUNK) {
      const chunk = articles.slice(i, i + CHUNK);
      let t = performance.now();
      for (const x of chunk) if (attribute(matcher, { source_agency_id: null, channel: "newspaper", latest: "2026-06-30", ...x }).agency_id) credited++;
      oursSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      for (const x of chunk) if (attributeBaseline(trie, x)) baseCredited++;
      baseSeconds += (performance.now() - t) / 1000;
    }
    const ours = { seconds: oursSeconds };
    const base = { seconds: baseSeconds };
    const ratio = ours.seconds / base.seconds;
    return {
      sizes: { articles: n, agencies: refs.length },
      notes: [`credited: ${credited} of ${n} (baseline ${baseCredited}); time ratio ours/baseline ${ratio.toFixed(2)}`],
      figures: [
        compare(
          { name: `attribute ${n.toLocaleString("en")} articles`, value: ours.seconds, unit: "s" },
          { name: "pre-issue-12 alias scan", value: base.seconds, unit: "s" },
          { higherIsBetter: false, target: "≤ 2× the pre-issue-12 time", targetMet: ratio <= 2 },
        ),
      ],
    };
  },
};
