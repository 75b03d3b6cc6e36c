import { describe, expect, it } from "vitest";
import { analysisFingerprint, analysisModules, fullRunReason, runtimeVersions } from "../../pipelines/analyse/fingerprint.ts";
import { DEFAULT_LEXICON } from "../../pipelines/classify/lexicon.ts";
import { report } from "../../pipelines/cli/messages.ts";

describe("analysis fingerprint", () => {
  it("covers the per-article analysis' modules, and not the orchestration around it", () => {
    const modules = analysisModules().map((f) => f.slice(f.indexOf("pipelines/")));
    for (const m of ["pipelines/analyse/article.ts", "pipelines/analyse/batch.ts", "pipelines/classify/classify.ts", "pipelines/attribute/attribute.ts", "pipelines/dedupe/cluster.ts", "pipelines/text/prepared.ts", "pipelines/text/normalize.ts"]) {
      expect(modules).toContain(m);
    }
    for (const m of ["pipelines/analyse/index.ts", "pipelines/analyse/pool.ts", "pipelines/analyse/incremental.ts", "pipelines/dedupe/segments.ts", "pipelines/report/refresh.ts", "pipelines/overrides/overrides.ts"]) {
      expect(modules).not.toContain(m);
    }
  });

  it("names the part that changed", () => {
    const fp = { lexicon: "a", agencies: "b", sources: "c", code: "d", runtime: "e" };
    expect(fullRunReason(fp, JSON.stringify(fp), false)).toBeNull();
    expect(fullRunReason(fp, JSON.stringify({ ...fp, sources: "x" }), false)).toBe("sources");
    expect(fullRunReason(fp, JSON.stringify({ ...fp, code: "x" }), false)).toBe("code");
    expect(fullRunReason(fp, JSON.stringify({ ...fp, runtime: "x" }), false)).toBe("runtime");
    // A fingerprint stored before the runtime was a part forces one full run, said as the runtime's change.
    const { runtime: _, ...older } = fp;
    expect(fullRunReason(fp, JSON.stringify(older), false)).toBe("runtime");
    expect(fullRunReason(fp, "not json", false)).toBe("first");
    expect(fullRunReason(fp, JSON.stringify(fp), true)).toBe("requested");
    expect(fullRunReason(fp, JSON.stringify(fp), false, false)).toBe("incomplete");
  });

  it("holds the running Node.js' Unicode and ICU versions, which the folding follows", () => {
    const fp = analysisFingerprint({ lexiconFile: DEFAULT_LEXICON, agencies: [], sources: new Map() });
    expect(fp.runtime).toBe(`unicode ${process.versions.unicode}, icu ${process.versions.icu}`);
    expect(runtimeVersions({ ...process.versions, unicode: "99.0" })).not.toBe(fp.runtime);
  });

  it("says in Vietnamese, with vi-VN numbers, what was analysed and why", () => {
    expect(report.analysisScope({ analysed: 10_000, articles: 1_010_000, full_reason: null })).toBe("phân tích 10.000 tin, bài mới hoặc đã đổi trong 1.010.000 tin, bài");
    expect(report.analysisScope({ analysed: 1_000_000, articles: 1_000_000, full_reason: "lexicon" })).toBe("phân tích lại toàn bộ 1.000.000 tin, bài: từ điển phân loại đã đổi");
    expect(report.analysisScope({ analysed: 5, articles: 5, full_reason: "code" }).normalize("NFC")).toBe(report.analysisScope({ analysed: 5, articles: 5, full_reason: "code" }));
  });
});
