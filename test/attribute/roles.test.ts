/**
 * Attribution on the failure patterns seen on real articles (issue 12), with
 * sentences written for this test and a fixture list of agencies.
 */
import { describe, expect, it } from "vitest";
import { attribute, compileAgencies, dateRange, type AgencyRef, type AttributionInput } from "../../pipelines/attribute/attribute.ts";

const open = { valid_from: null, valid_to: null };
const district = { valid_from: null, valid_to: "2025-06-30" };
const AGENCIES: AgencyRef[] = [
  { id: "ubnd-tinh", name: "Ủy ban nhân dân tỉnh Tây Ninh", aliases: ["UBND tỉnh Tây Ninh", "UBND tỉnh"], kind: "provincial_government", parent: null, ...open },
  { id: "hdnd-tinh", name: "Hội đồng nhân dân tỉnh Tây Ninh", aliases: ["HĐND tỉnh Tây Ninh", "HĐND tỉnh"], kind: "provincial_body", parent: null, ...open },
  { id: "tinh-uy", name: "Tỉnh ủy Tây Ninh", aliases: ["Tỉnh ủy"], kind: "provincial_body", parent: null, ...open },
  { id: "so-tu-phap", name: "Sở Tư pháp tỉnh Tây Ninh", aliases: ["Sở Tư pháp", "STP"], kind: "so_ban_nganh", parent: "ubnd-tinh", ...open },
  { id: "so-y-te", name: "Sở Y tế tỉnh Tây Ninh", aliases: ["Sở Y tế"], kind: "so_ban_nganh", parent: "ubnd-tinh", ...open },
  { id: "so-vh", name: "Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh", aliases: ["Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL"], kind: "so_ban_nganh", parent: "ubnd-tinh", ...open },
  { id: "so-ngoai-vu", name: "Sở Ngoại vụ tỉnh Tây Ninh", aliases: ["Sở Ngoại vụ"], kind: "so_ban_nganh", parent: "ubnd-tinh", ...open },
  { id: "so-khdt", name: "Sở Kế hoạch và Đầu tư tỉnh Tây Ninh", aliases: ["Sở Kế hoạch và Đầu tư"], kind: "so_ban_nganh", parent: "ubnd-tinh", valid_from: null, valid_to: "2025-02-28" },
  { id: "bao", name: "Báo Tây Ninh", aliases: ["Báo Tây Ninh"], kind: "press", parent: "ubnd-tinh", valid_from: null, valid_to: "2025-06-30" },
  { id: "ubnd-tp", name: "Ủy ban nhân dân thành phố Tây Ninh", aliases: ["UBND thành phố Tây Ninh", "Thành phố Tây Ninh"], kind: "ubnd_huyen", parent: "ubnd-tinh", ...district },
  { id: "ubnd-tx-tb", name: "Ủy ban nhân dân thị xã Trảng Bàng", aliases: ["UBND thị xã Trảng Bàng", "Thị xã Trảng Bàng"], kind: "ubnd_huyen", parent: "ubnd-tinh", ...district },
  { id: "ubnd-h-gd", name: "Ủy ban nhân dân huyện Gò Dầu", aliases: ["UBND huyện Gò Dầu", "Huyện Gò Dầu"], kind: "ubnd_huyen", parent: "ubnd-tinh", ...district },
  { id: "ubnd-p2", name: "Ủy ban nhân dân Phường 2", aliases: ["UBND Phường 2", "Phường 2"], kind: "ubnd_xa_phuong", parent: "ubnd-tp", ...district },
  { id: "ubnd-p4", name: "Ủy ban nhân dân Phường IV", aliases: ["UBND Phường IV", "Phường 4"], kind: "ubnd_xa_phuong", parent: "ubnd-tp", ...district },
];
const m = compileAgencies(AGENCIES);
const item = (x: Partial<AttributionInput>): AttributionInput => ({ source_agency_id: null, byline: null, title: "Tin hoạt động", text: "Nội dung.", date: "2024-05-10", channel: "newspaper", ...x });
const credit = (x: Partial<AttributionInput>) => attribute(m, item(x)).agency_id;

describe("actor detection", () => {
  it("credits the subject of the title or of a clause of the lead", () => {
    expect(credit({ title: "Sở Tư pháp tổ chức hội thi hòa giải viên giỏi" })).toBe("so-tu-phap");
    const a = attribute(m, item({ title: "Hội thi hòa giải viên giỏi", text: "Sáng 3/4, Sở Tư pháp tỉnh Tây Ninh đã tổ chức hội thi cho các xã." }));
    expect(a).toMatchObject({ agency_id: "so-tu-phap", method: "lead" });
    expect(a.evidence).toContain("tổ chức hội thi");
    expect(a.candidates[0]).toMatchObject({ agency_id: "so-tu-phap" });
  });

  it("reads source lines and sayings: 'Theo Sở X', 'Sở X cho biết'", () => {
    expect(credit({ title: "Số hồ sơ trực tuyến tăng", text: "Theo Sở Y tế, quý I có 900 hồ sơ nộp qua mạng." })).toBe("so-y-te");
    expect(credit({ title: "Số hồ sơ trực tuyến tăng", text: "Quý I có 900 hồ sơ. Sở Y tế cho biết sẽ mở thêm dịch vụ." })).toBe("so-y-te");
  });

  it("credits the organiser named with 'do … tổ chức'", () => {
    expect(credit({ title: "Cuộc thi ảnh đẹp quê hương", text: "Cuộc thi do Sở VHTTDL tổ chức từ tháng 5." })).toBe("so-vh");
  });
});

describe("mentioned, not acting", () => {
  it("a body inside a person's title, or a former title, is not credited", () => {
    expect(credit({ title: "Phó Bí thư Tỉnh ủy dự ngày hội đoàn kết ở ấp" })).toBeNull();
    expect(credit({ title: "Gặp mặt nguyên Bí thư Tỉnh ủy nhân dịp Tết" })).toBeNull();
    expect(credit({ title: "Ra mắt sách", text: "Nguyên Giám đốc Sở Y tế tặng sách cho thư viện." })).toBeNull();
  });

  it("the addressee, the host of a visit, the inspected body, the council being elected are not credited", () => {
    expect(credit({ title: "Người dân gửi kiến nghị", text: "Nhiều hộ dân gửi Tỉnh ủy đơn kiến nghị về đường sá." })).toBeNull();
    expect(credit({ title: "Lãnh đạo tỉnh thăm Báo Tây Ninh nhân ngày Báo chí" })).toBeNull();
    expect(credit({ title: "Đoàn liên ngành kiểm tra UBND huyện Gò Dầu về đất đai" })).toBeNull();
    expect(credit({ title: "Chuẩn bị bầu cử đại biểu HĐND tỉnh nhiệm kỳ mới" })).toBeNull();
  });

  it("a ranked or awarded unit is not credited, even in the headline", () => {
    expect(credit({ title: "Sở Tư pháp dẫn đầu bảng xếp hạng chuyển đổi số" })).toBeNull();
  });

  it("a body inside the agency (its Party committee) is not the agency", () => {
    expect(credit({ title: "Đảng ủy Sở Y tế tổ chức đại hội chi bộ" })).toBeNull();
  });

  it("another province's body with the same bare name is not credited", () => {
    expect(credit({ title: "Sở Tư pháp tỉnh Long An tổ chức tập huấn hộ tịch" })).toBeNull();
    const other = attribute(m, item({ title: "Đoàn công tác tỉnh Nghệ An thăm tỉnh bạn", byline: "Thu Hà - Sở Ngoại vụ", text: "Chuyến thăm diễn ra hai ngày." }));
    expect(other.agency_id).toBeNull();
  });

  it("a press byline on the newspaper is the publisher, not the actor", () => {
    expect(credit({ byline: "Báo Tây Ninh", title: "Mưa lớn gây ngập nhiều tuyến đường" })).toBeNull();
  });
});

describe("places are not agencies", () => {
  it("a bare place name is never credited; the agency named with its head word is", () => {
    expect(credit({ title: "Thành phố Tây Ninh rực rỡ cờ hoa", text: "Các tuyến đường ở thành phố Tây Ninh được trang trí." })).toBeNull();
    expect(credit({ title: "Khánh thành cầu mới ở thị xã Trảng Bàng" })).toBeNull();
    expect(credit({ title: "UBND thành phố Tây Ninh tổ chức hội nghị tổng kết" })).toBe("ubnd-tp");
  });

  it("an alias the registry marks unambiguous names the agency even with a place word first", () => {
    const refs: AgencyRef[] = [{ id: "tp", name: "Ủy ban nhân dân thành phố Thử", aliases: [], unambiguous: ["Thành phố Thử"], kind: "ubnd_huyen", parent: null, ...open }];
    expect(attribute(compileAgencies(refs, "Thử"), item({ title: "Thành phố Thử ban hành kế hoạch chuyển đổi số" })).agency_id).toBe("tp");
  });

  it("numbered wards do not match ordinary words once accents are folded", () => {
    const a = attribute(m, item({ title: "Vận hành chính quyền địa phương 2 cấp", text: "Thành phố còn 4 phường, 4 xã. UBND tỉnh chỉ đạo các địa phương 2 cấp rà soát." }));
    expect(a.candidates.map((c) => c.agency_id)).not.toContain("ubnd-p2");
    expect(a.candidates.map((c) => c.agency_id)).not.toContain("ubnd-p4");
    expect(credit({ title: "UBND Phường 2 tổ chức đối thoại với nhân dân" })).toBe("ubnd-p2");
    // Text that lost its diacritics still matches.
    expect(credit({ title: "UBND Phuong 2 to chuc doi thoai voi nhan dan" })).toBe("ubnd-p2");
  });
});

describe("ties resolved by role", () => {
  it("the department that organises wins over the provincial leader who chairs or opens it", () => {
    const a = attribute(m, item({
      title: "Hội nghị tập huấn pháp luật",
      text: "Sáng 5/6, Sở Tư pháp tổ chức hội nghị tập huấn. Phó Chủ tịch UBND tỉnh chủ trì và phát biểu khai mạc.",
    }));
    expect(a.agency_id).toBe("so-tu-phap");
    expect(a.evidence).toContain("tie resolved");
    expect(a.candidates.map((c) => c.agency_id)).toContain("ubnd-tinh");
  });

  it("a People's Committee leader deciding alone credits the People's Committee", () => {
    expect(credit({ title: "Thành lập tổ công tác đặc biệt", text: "Chủ tịch UBND tỉnh Tây Ninh vừa ký quyết định thành lập tổ công tác." })).toBe("ubnd-tinh");
  });

  it("two equal actors stay unattributed with both candidates, for review", () => {
    const a = attribute(m, item({ title: "Sở Y tế và Sở Ngoại vụ ký kết quy chế phối hợp" }));
    expect(a.agency_id).toBeNull();
    expect(a.candidates.map((c) => c.agency_id).sort()).toEqual(["so-ngoai-vu", "so-y-te"]);
    expect(a.review).toContain("tie");
  });
});

describe("validity by date", () => {
  it("an undated item gets only agencies valid over the whole range the page can be from", () => {
    const title = "Sở Kế hoạch và Đầu tư tổ chức hội nghị xúc tiến đầu tư";
    expect(credit({ title, date: null, latest: "2026-03-01" })).toBeNull();
    expect(credit({ title, date: null, text: "Hội nghị năm 2023 thu hút nhiều nhà đầu tư.", latest: "2024-06-01" })).toBe("so-khdt");
    expect(credit({ title, date: "2024-06-01" })).toBe("so-khdt");
  });

  it("an undated page describing the merged province is from after the merger", () => {
    expect(dateRange({ date: null, title: "Bộ máy sau sáp nhập vận hành thông suốt", text: "", latest: "2026-01-10" }).from).toBe("2025-07-01");
    expect(dateRange({ date: null, title: "Kế hoạch năm 2019", text: "", latest: "2026-01-10" })).toEqual({ from: "2018-01-01", to: "2026-01-10" });
  });

  it("an own portal's item is its agency's whatever the text names", () => {
    expect(attribute(m, item({ source_agency_id: "so-ngoai-vu", title: "Sở Tư pháp tổ chức hội nghị" }))).toMatchObject({ agency_id: "so-ngoai-vu", method: "source" });
  });
});

describe("the title's actor is a body the registry lacks", () => {
  it("a registered agency named once in the lead is context, not the actor", () => {
    const a = attribute(m, item({ title: "Công an tỉnh cấp căn cước cho người dân vùng biên", text: "Thực hiện chỉ đạo, UBND tỉnh đề nghị các xã phối hợp. Sáng 3/5, Sở Y tế cho biết đã hỗ trợ." }));
    expect(a.agency_id).toBeNull();
    expect(a.evidence).toContain("not a registered agency");
  });

  it("a title that starts with 'Hội nghị' is not an association's", () => {
    expect(credit({ title: "Hội nghị triển khai công tác năm 2024", text: "Sáng 5/1, Sở Tư pháp tổ chức hội nghị triển khai nhiệm vụ." })).toBe("so-tu-phap");
  });

  it("a title naming an outsider's own event: the leader's decision cited in the lead is background", () => {
    expect(credit({ title: "Khai mạc Đại hội Hội Nông dân tỉnh lần thứ X", text: "Trước đó, Chủ tịch UBND tỉnh đã ký quyết định phê duyệt đề án." })).toBeNull();
    expect(credit({ title: "Đại hội Hội Nông dân tỉnh lần thứ X", text: "Chủ tịch UBND tỉnh ký quyết định công nhận ban chấp hành." })).toBeNull();
  });
});

describe("clauses around a name", () => {
  it("the assigning body acts; the assigned ones do not", () => {
    expect(credit({ title: "Tập huấn hộ tịch", text: "Sáng 2/3, UBND tỉnh giao Sở Tư pháp chủ trì, phối hợp với Sở Y tế tổ chức tập huấn." })).toBe("ubnd-tinh");
  });

  it("a venue named after an agency is not a co-actor", () => {
    const a = attribute(m, item({ title: "Tập huấn hộ tịch", text: "Sáng 2/3, tại hội trường UBND tỉnh, Sở Tư pháp tổ chức tập huấn cho công chức." }));
    expect(a.agency_id).toBe("so-tu-phap");
    expect(a.evidence).not.toContain("tie");
  });

  it("the agent of a relative clause ('nhiệm vụ do UBND tỉnh giao') is background", () => {
    expect(credit({ title: "Báo cáo chín tháng", text: "Các nhiệm vụ do UBND tỉnh giao đã hoàn thành đúng hạn." })).toBeNull();
  });

  it("a unit that scores points in a ranking is ranked, not acting", () => {
    expect(credit({ title: "Kết quả đánh giá năm", text: "Đứng đầu là Sở Y tế, Sở Tư pháp đạt 340 điểm." })).toBeNull();
  });
});

