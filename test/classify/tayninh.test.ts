/**
 * Issue 12: the lexicon on Tây Ninh items – negative context that worked against
 * the plans, "công chức viên chức" alone, terms the seeds use. Sentences written for this test.
 */
import { describe, expect, it } from "vitest";
import { classify, classifyWith, parseLexicon } from "../../pipelines/classify/index.ts";
import type { RegistryIssue } from "../../pipelines/registry/yaml-source.ts";

describe("lexicon on Tây Ninh items", () => {
  it("a sports event 'of civil servants' is not reform on 'công chức, viên chức' alone", () => {
    const run = classify({
      title: "Giải chạy việt dã của công chức, viên chức năm 2025",
      text: "Hơn 500 công chức, viên chức tham gia giải chạy. Cán bộ, công chức, viên chức các cơ quan thi đấu sôi nổi.",
    });
    expect(run.is_cchc).toBe(false);
    // The same people with reform work are reform.
    expect(classify({ title: "Bồi dưỡng kỹ năng cho công chức, viên chức", text: "Lớp học về văn hóa công vụ và đạo đức công vụ cho công chức, viên chức." }).is_cchc).toBe(true);
  });

  it("the socio-economic impact of reform and a digital operations centre are not penalised", () => {
    const impact = classify({
      title: "Tác động của cải cách hành chính đến phát triển kinh tế - xã hội",
      text: "Tỉnh đánh giá tác động của cải cách hành chính đến phát triển kinh tế - xã hội (KT-XH) của địa phương.",
    });
    expect(impact.is_cchc).toBe(true);
    expect(impact.matched.filter((m) => m.contribution < 0)).toEqual([]);
    const ioc = classify({
      title: "Trung tâm điều hành thông minh theo dõi chỉ số kinh tế - xã hội",
      text: "Trung tâm điều hành thông minh của tỉnh kết nối dữ liệu KT-XH, KT-XH được cập nhật hằng ngày phục vụ chính quyền số.",
    });
    expect(ioc.is_cchc).toBe(true);
  });

  it("an emulation movement for reform is reform", () => {
    const c = classify({ title: "Phát động phong trào thi đua khen thưởng trong cải cách hành chính", text: "Thi đua khen thưởng gắn với cải cách thủ tục hành chính." });
    expect(c.is_cchc).toBe(true);
    expect(c.matched.filter((m) => m.contribution < 0)).toEqual([]);
  });

  it("a socio-economic plan that names reform once stays below the threshold", () => {
    const c = classify({ title: "Nhiệm vụ kinh tế - xã hội sáu tháng cuối năm", text: "Tỉnh tập trung thực hiện kế hoạch kinh tế - xã hội; tiếp tục cải cách hành chính; giữ vững quốc phòng." });
    expect(c.is_cchc).toBe(false);
  });

  it.each([
    ["ICT INDEX", "Tỉnh cải thiện ICT INDEX năm nay", "chi_so"],
    ["PAPI as the seeds write it", "Nâng cao chỉ số hiệu quả quản trị hành chính công cấp tỉnh", "chi_so"],
    ["hộ khẩu", "Bỏ sổ hộ khẩu giấy: người dân dùng dữ liệu dân cư", null],
    ["766/QĐ-TTg", "Đánh giá theo Quyết định 766/QĐ-TTg về bộ chỉ số phục vụ người dân", null],
    ["thanh toán không dùng tiền mặt", "Đẩy mạnh thanh toán không dùng tiền mặt khi nộp hồ sơ", null],
    ["04 tại chỗ", "Thí điểm mô hình 04 tại chỗ tại Trung tâm Phục vụ hành chính công", null],
    ["BCCI", "Công bố kết quả BCCI của các sở, ngành", "chi_so"],
    ["26/CT-TTg", "Thực hiện Chỉ thị 26/CT-TTg về chấn chỉnh kỷ luật", null],
  ])("knows %s", (_name, title, area) => {
    const c = classify({ title, text: "" });
    expect(c.is_cchc).toBe(true);
    if (area) expect(c.areas).toContain(area);
  });

  it("the not_alone list must name area terms (file:line)", () => {
    const areas = ["the_che", "tthc", "bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so", "chi_so", "chung"]
      .map((a) => `  ${a}:\n    label: ${a}\n    terms:\n      từ ${a}: 1\n`)
      .join("");
    const issues: RegistryIssue[] = [];
    parseLexicon("lex.yaml", `scoring:\n  min_specific: 2\nareas:\n${areas}not_alone:\n  - từ cong_vu\n  - từ lạ\n`, issues);
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`)).toEqual(['lex.yaml:38: not_alone[1]: "từ lạ" is not a term of any area']);
    const lex = parseLexicon("lex.yaml", `scoring:\n  threshold: 1\n  min_specific: 1\nareas:\n${areas}not_alone:\n  - từ cong_vu\n`, []);
    expect(classifyWith(lex, { title: "từ cong_vu", text: "" }).is_cchc).toBe(false);
    expect(classifyWith(lex, { title: "từ tthc", text: "" }).is_cchc).toBe(true);
  });
});
