import { describe, expect, it } from "vitest";
import { classify, classifyWith, defaultLexicon, parseLexicon } from "../../pipelines/classify/index.ts";
import { evaluate } from "../../pipelines/classify/evaluate.ts";
import { formatIssue, type RegistryIssue } from "../../pipelines/registry/yaml-source.ts";

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `Trong tháng ${(i % 12) + 1}, sản lượng lúa, cao su và mía của tỉnh tiếp tục tăng; giá trị xuất khẩu đạt khá.`).join(" ");

describe("reform classifier (registry/lexicon.yaml)", () => {
  it("recognises a reform item and says why, with areas, indices and TTHC fields", () => {
    const c = classify({
      title: "Tây Ninh đẩy mạnh cải cách thủ tục hành chính trong lĩnh vực đất đai",
      text: "Sở Nông nghiệp và Môi trường rà soát quy trình cấp giấy chứng nhận quyền sử dụng đất, tăng tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến. Chỉ số SIPAS của tỉnh năm nay tăng.",
    });
    expect(c.is_cchc).toBe(true);
    expect(c.primary_area).toBe("tthc");
    expect(c.areas[0]).toBe("tthc");
    expect(c.indices).toContain("SIPAS");
    expect(c.tthc_fields).toContain("đất đai");
    const top = c.matched[0];
    expect(top.place).toBe("title");
    expect(top.term).toBe("cải cách thủ tục hành chính");
    expect(top.contribution).toBeGreaterThan(top.weight);
  });

  it("matches text that lost its diacritics as well as the original", () => {
    const withMarks = { title: "Sắp xếp tổ chức bộ máy các cơ quan chuyên môn", text: "UBND tỉnh ban hành phương án tinh gọn bộ máy, giảm đầu mối." };
    const without = { title: "Sap xep to chuc bo may cac co quan chuyen mon", text: "UBND tinh ban hanh phuong an tinh gon bo may, giam dau moi." };
    const a = classify(withMarks);
    const b = classify(without);
    expect(a.is_cchc).toBe(true);
    expect(b.is_cchc).toBe(true);
    expect(b.score).toBe(a.score);
    expect(b.primary_area).toBe("bo_may");
  });

  it("does not take a passing mention in a long socio-economic report for a reform item", () => {
    const passing = classify({
      title: "Kết quả phát triển kinh tế - xã hội quý I",
      text: `${filler(40)} Công tác cải cách hành chính tiếp tục được quan tâm. ${filler(40)}`,
    });
    expect(passing.is_cchc).toBe(false);
    expect(passing.areas).toEqual([]);
    // The same sentence as the subject of a short item is a reform item.
    const subject = classify({ title: "Công tác cải cách hành chính quý I", text: "Công tác cải cách hành chính tiếp tục được quan tâm." });
    expect(subject.is_cchc).toBe(true);
  });

  it("weighs a title mention more than the same mention deep in the body", () => {
    const inTitle = classify({ title: "Chuyển đổi số ở xã Hòa Hội", text: `${filler(10)}` });
    const inBody = classify({ title: "Tin địa phương ở xã Hòa Hội", text: `${filler(10)} Chuyển đổi số.` });
    expect(inTitle.score).toBeGreaterThan(inBody.score);
  });

  it("names the general area only when no specific area dominates", () => {
    const general = classify({ title: "Kiểm tra công tác cải cách hành chính tại xã Long Thành", text: "Đoàn kiểm tra công tác CCHC năm 2024." });
    expect(general.primary_area).toBe("chung");
    const digital = classify({ title: "Cải cách hành chính gắn với chuyển đổi số", text: "Tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến toàn trình đạt 80%; triển khai chữ ký số, VNeID và Đề án 06." });
    expect(digital.primary_area).toBe("chinh_quyen_so");
  });

  it("an item that goes through the reform areas one by one is about reform in general", () => {
    const review = classify({
      title: "",
      text:
        "Huyện sơ kết công tác CCHC sáu tháng đầu năm. Báo cáo nêu kết quả cải cách thể chế, cải cách thủ tục hành chính, " +
        "cải cách tổ chức bộ máy, cải cách chế độ công vụ, cải cách tài chính công và xây dựng chính quyền số.",
    });
    expect(review.primary_area).toBe("chung");
    expect(review.areas.length).toBeGreaterThanOrEqual(5);
    // Two areas named side by side are still those areas.
    const two = classify({ title: "Cải cách thủ tục hành chính gắn với chính quyền số", text: "Tiếp nhận hồ sơ tại bộ phận một cửa và qua dịch vụ công trực tuyến." });
    expect(two.primary_area).not.toBe("chung");
  });

  it("is deterministic", () => {
    const lex = defaultLexicon();
    const item = { title: "Dịch vụ công trực tuyến", text: filler(20) };
    expect(classifyWith(lex, item)).toEqual(classifyWith(lex, item));
  });
});

describe("lexicon validation", () => {
  const parse = (text: string) => {
    const issues: RegistryIssue[] = [];
    parseLexicon("lex.yaml", text, issues);
    return issues.map(formatIssue);
  };
  const areas = (extra = "") =>
    ["the_che", "tthc", "bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so", "chi_so", "chung"]
      .map((a) => `  ${a}:\n    label: ${a}\n    terms:\n      từ ${a}: 1\n${a === "tthc" ? extra : ""}`)
      .join("");

  it("accepts a minimal valid lexicon", () => {
    expect(parse(`areas:\n${areas()}`)).toEqual([]);
  });

  it("reports a repeated term (same after folding diacritics) and a bad weight with file:line", () => {
    const issues = parse(`areas:\n${areas("      thủ tục: 2\n      THU TUC: 3\n      hồ sơ: nhiều\n")}`);
    expect(issues).toContain('lex.yaml:11: areas.tthc.terms.THU TUC: thuật ngữ "THU TUC" trùng với "thủ tục" trong lĩnh vực Cải cách thủ tục hành chính (so sánh không phân biệt hoa thường và dấu)');
    expect(issues).toContain("lex.yaml:12: areas.tthc.terms.hồ sơ: trọng số phải là một số");
  });

  it("reports an unknown area and a missing one", () => {
    const issues = parse("areas:\n  cai_cach_moi:\n    label: x\n    terms:\n      a: 1\n");
    expect(issues[0]).toBe('lex.yaml:3: areas.cai_cach_moi: không có lĩnh vực CCHC "cai_cach_moi" (chỉ nhận: the_che, tthc, bo_may, cong_vu, tai_chinh_cong, chinh_quyen_so, chi_so, chi_dao_dieu_hanh, tac_dong, chung)');
    expect(issues.some((i) => i.includes('thiếu lĩnh vực "tthc"'))).toBe(true);
  });

  it("requires negative weights under context", () => {
    expect(parse(`areas:\n${areas()}context:\n  lễ hội: 2\n`)).toEqual(["lex.yaml:35: context.lễ hội: trọng số ngữ cảnh phải âm"]);
  });
});

describe("evaluation", () => {
  it("computes precision, recall, F1 and strict area accuracy", () => {
    const items = [
      { title: "a", is_cchc: true, cchc_area: "tthc" },
      { title: "b", is_cchc: true, cchc_area: "cong_vu" },
      { title: "c", is_cchc: false, cchc_area: null },
      { title: "d", is_cchc: false, cchc_area: null },
    ];
    const p = (is_cchc: boolean, primary_area: string | null) => ({ is_cchc, primary_area, score: 0, areas: [], area_scores: {}, indices: [], tthc_fields: [], matched: [] }) as never;
    const r = evaluate(items, [p(true, "tthc"), p(false, null), p(true, "chung"), p(false, null)]);
    expect([r.tp, r.fp, r.fn, r.tn]).toEqual([1, 1, 1, 1]);
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(0.5);
    expect(r.f1).toBe(0.5);
    expect(r.area_accuracy).toBe(0.5);
    expect(r.misclassified.map((m) => m.title)).toEqual(["b", "c"]);
  });

  it("reads an area label written with an earlier code (to_chuc_bo_may is bo_may)", () => {
    const p = { is_cchc: true, primary_area: "bo_may", score: 9, areas: ["bo_may"], area_scores: {}, indices: [], tthc_fields: [], matched: [] } as never;
    const r = evaluate([{ title: "Sắp xếp bộ máy", is_cchc: true, cchc_area: "to_chuc_bo_may" }], [p]);
    expect([r.area_correct, r.area_n]).toEqual([1, 1]);
  });
});
