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
    // [name, title, the term that must match, an area it must tag]
    ["ICT INDEX", "Tỉnh cải thiện ICT INDEX năm nay", "ICT INDEX", "chi_so"],
    ["PAPI as the seeds write it", "Nâng cao chỉ số hiệu quả quản trị hành chính công cấp tỉnh", "chỉ số hiệu quả quản trị hành chính công", "chi_so"],
    ["hộ khẩu", "Bỏ sổ hộ khẩu giấy: người dân dùng dữ liệu dân cư", "sổ hộ khẩu", "tthc"],
    ["766/QĐ-TTg", "Đánh giá theo 766/QĐ-TTg về bộ chỉ số phục vụ người dân", "766/QĐ-TTg", "chi_so"],
    ["thanh toán không dùng tiền mặt", "Đẩy mạnh thanh toán không dùng tiền mặt khi nộp hồ sơ", "thanh toán không dùng tiền mặt", "chinh_quyen_so"],
    ["04 tại chỗ as the seeds write it", "Thí điểm mô hình 04 tại chỗ ở cấp tỉnh", "04 tại chỗ", "tthc"],
    ["BCCI: the public postal service, not an index", "Hướng dẫn nộp hồ sơ qua BCCI", "BCCI", "tthc"],
    ["26/CT-TTg", "Thực hiện 26/CT-TTg về chấn chỉnh kỷ luật", "26/CT-TTg", "cong_vu"],
    ["the province's Zalo filing channel", "Nộp hồ sơ qua Cổng Hành chính công trên Zalo", "cổng hành chính công", "tthc"],
    ["the internal eGov system", "Đưa tin về cải cách lên Văn phòng điện tử", "văn phòng điện tử", "chinh_quyen_so"],
    ["measuring satisfaction (SIPAS)", "Tổ chức đo lường sự hài lòng của người dân năm nay", "đo lường sự hài lòng", "chi_so"],
    ["PCI without 'cấp tỉnh'", "Nâng cao Chỉ số năng lực cạnh tranh của thành phố", "chỉ số năng lực cạnh tranh", "chi_so"],
    ["DDCI as the city plan writes it", "Công bố Chỉ số Đánh giá năng lực cạnh tranh thành phố", "chỉ số đánh giá năng lực cạnh tranh", "chi_so"],
    ["modernising the administration", "Hiện đại hóa hành chính ở cấp xã", "hiện đại hóa hành chính", "chung"],
    ["the one-stop decree", "Sơ kết thực hiện Nghị định số 61/2018/NĐ-CP", "61/2018/NĐ-CP", "tthc"],
    ["the resolution that arranged the province's communes", "Triển khai Nghị quyết 1682/NQ-UBTVQH15", "1682/NQ-UBTVQH15", "bo_may"],
    ["the decree on staff affected by the arrangement", "Giải quyết chế độ theo Nghị định 178/2024/NĐ-CP", "178/2024/NĐ-CP", "bo_may"],
  ])("knows %s", (_name, title, term, area) => {
    const c = classify({ title, text: "" });
    expect(c.is_cchc).toBe(true);
    expect(c.matched.map((m) => m.term)).toContain(term);
    expect(c.areas).toContain(area);
  });

  it.each([
    ["Nâng cao chỉ số hài lòng của người dân", "SIPAS"],
    ["Công bố chỉ số cải cách hành chính năm trước", "PAR INDEX"],
    ["Cải thiện chỉ số năng lực cạnh tranh cấp tỉnh", "PCI"],
    ["Xây dựng chỉ số năng lực cạnh tranh cấp sở, ngành", "DDCI"],
  ])("a verb before an index name does not hide it: %s", (title, index) => {
    expect(classify({ title, text: "" }).indices).toEqual([index]);
  });

  it("merging bodies or communes is reform; 'after the merger' only dates an item", () => {
    const merge = classify({ title: "Công bố quyết định hợp nhất hai sở", text: "Tỉnh công bố quyết định hợp nhất Sở Nội vụ và Sở Lao động – Thương binh và Xã hội." });
    expect(merge.is_cchc).toBe(true);
    expect(merge.areas).toContain("bo_may");
    expect(classify({ title: "Sáp nhập các xã: người dân góp ý tên gọi mới", text: "" }).is_cchc).toBe(true);
    const dated = classify({
      title: "Nông dân xã biên giới vào vụ lúa mới",
      text: "Sau sáp nhập, xã có hơn 5.000 ha lúa. Sau khi sáp nhập, huyện cũ trồng thêm mì và mía, năng suất tăng.",
    });
    expect(dated.is_cchc).toBe(false);
    expect(dated.matched.map((m) => m.term)).not.toContain("sáp nhập xã");
  });

  it("BCCI is not the competitiveness index DDCI", () => {
    expect(classify({ title: "Hướng dẫn nộp hồ sơ qua BCCI", text: "" }).indices).toEqual([]);
    expect(classify({ title: "Kết quả DDCI của các sở, ngành", text: "" }).indices).toEqual(["DDCI"]);
  });

  it.each([
    ["Chỉ thị 26/CT-TTg", "chỉ thị 26/CT-TTg", 3],
    ["Quyết định 766/QĐ-TTg", "quyết định 766/QĐ-TTg", 4],
    ["Nghị quyết 76/NQ-CP", "nghị quyết 76/NQ-CP", 3],
  ])("a document named with its kind (%s) keeps the code's weight", (name, term, weight) => {
    const c = classify({ title: `Triển khai ${name} trong năm`, text: "" });
    expect(c.matched[0]).toMatchObject({ term, weight });
  });

  it("names of the bodies the plans give CCHC work are not negative context", () => {
    const c = classify({
      title: "Trung tâm Văn hóa, Thể thao và Truyền thanh thành phố phát sóng phóng sự cải cách hành chính",
      text: "Sở Văn hóa, Thể thao và Du lịch phối hợp thực hiện chuyên mục cải cách thủ tục hành chính.",
    });
    expect(c.matched.filter((m) => m.contribution < 0)).toEqual([]);
    // A sports event is still marked as one.
    const games = classify({ title: "Khai mạc giải thể thao mừng xuân", text: "Các đội thi đấu thể dục thể thao." });
    expect(games.matched.some((m) => m.contribution < 0)).toBe(true);
  });

  it("reform named only in the body of another kind of item is context, not the topic", () => {
    // An anniversary that recalls a restructuring in passing: no reform words in the title or lead.
    const anniversary = classify({
      title: "Trung tâm Y tế huyện gặp mặt nhân kỷ niệm 30 năm thành lập",
      text:
        "Trung tâm Y tế huyện vừa tổ chức gặp mặt cán bộ, viên chức nhân kỷ niệm 30 năm ngày thành lập. " +
        "Những năm đầu, trung tâm chỉ có vài phòng khám nhỏ, trang thiết bị thiếu thốn, đội ngũ bác sĩ còn mỏng. " +
        "Qua nhiều giai đoạn, trung tâm mở thêm khoa sản, khoa nhi, phòng xét nghiệm và tiếp nhận hàng nghìn lượt người bệnh mỗi tháng. " +
        "Đến nay, trung tâm đã sắp xếp bộ máy theo hướng tinh gọn và nâng cao chất lượng khám chữa bệnh.",
    });
    expect(anniversary.is_cchc).toBe(false);
    // The same restructuring as the lead's subject is reform.
    const restructuring = classify({
      title: "Trung tâm Y tế huyện gặp mặt nhân kỷ niệm 30 năm thành lập",
      text: "Trung tâm Y tế huyện đã sắp xếp bộ máy theo hướng tinh gọn, giảm đầu mối các khoa, phòng.",
    });
    expect(restructuring.is_cchc).toBe(true);
    // A long feature whose reform evidence is substantial still counts without title or lead words.
    const filler = "Người dân trong xã chủ yếu trồng lúa, mì và cây ăn trái, đời sống từng bước được nâng lên. ".repeat(6);
    const feature = classify({
      title: "Một ngày ở xã biên giới",
      text: `${filler}Tại xã, bộ phận một cửa tiếp nhận hồ sơ thủ tục hành chính; người dân nộp hồ sơ trực tuyến qua cổng dịch vụ công và được hướng dẫn dùng dịch vụ công trực tuyến.`,
    });
    expect(feature.is_cchc).toBe(true);
  });

  it("the not_alone list must name area terms (file:line)", () => {
    const areas = ["the_che", "tthc", "bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so", "chi_so", "chung"]
      .map((a) => `  ${a}:\n    label: ${a}\n    terms:\n      từ ${a}: 1\n`)
      .join("");
    const issues: RegistryIssue[] = [];
    parseLexicon("lex.yaml", `scoring:\n  min_specific: 2\nareas:\n${areas}not_alone:\n  - từ cong_vu\n  - từ lạ\n`, issues);
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.field}: ${i.message}`)).toEqual(['lex.yaml:38: not_alone[1]: "từ lạ" không phải thuật ngữ của lĩnh vực nào']);
    const lex = parseLexicon("lex.yaml", `scoring:\n  threshold: 1\n  min_specific: 1\nareas:\n${areas}not_alone:\n  - từ cong_vu\n`, []);
    expect(classifyWith(lex, { title: "từ cong_vu", text: "" }).is_cchc).toBe(false);
    expect(classifyWith(lex, { title: "từ tthc", text: "" }).is_cchc).toBe(true);
  });
});
