import { describe, expect, it } from "vitest";
import { attribute, compileAgencies, fromRegistryAgencies, sourceLines, type AgencyRef } from "../../pipelines/attribute/attribute.ts";

const AGENCIES: AgencyRef[] = [
  { id: "so-tu-phap", name: "Sở Tư pháp tỉnh Tây Ninh", aliases: ["Sở Tư pháp", "STP"], valid_from: null, valid_to: null },
  { id: "so-noi-vu", name: "Sở Nội vụ tỉnh Tây Ninh", aliases: ["Sở Nội vụ"], valid_from: null, valid_to: null },
  { id: "so-ke-hoach-dau-tu", name: "Sở Kế hoạch và Đầu tư tỉnh Tây Ninh", aliases: ["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"], valid_from: null, valid_to: "2025-02-28" },
  { id: "so-tai-chinh", name: "Sở Tài chính tỉnh Tây Ninh", aliases: ["Sở Tài chính"], valid_from: null, valid_to: null },
  { id: "ubnd-go-dau", name: "Ủy ban nhân dân huyện Gò Dầu", aliases: ["UBND huyện Gò Dầu", "huyện Gò Dầu"], valid_from: null, valid_to: "2025-06-30" },
];
const m = compileAgencies(AGENCIES);
const shared = { source_agency_id: null, byline: null, title: "Tin hoạt động", text: "Nội dung.", date: "2024-05-10" };

describe("attribution", () => {
  it("credits an item on an agency's own portal to that agency, whatever the text says", () => {
    const a = attribute(m, { ...shared, source_agency_id: "so-noi-vu", title: "Sở Tư pháp tập huấn" });
    expect(a).toMatchObject({ agency_id: "so-noi-vu", method: "source", confidence: 1 });
  });

  it("credits from the byline, diacritic-insensitively", () => {
    const a = attribute(m, { ...shared, byline: "Minh Thu - So Tu phap" });
    expect(a.agency_id).toBe("so-tu-phap");
    expect(a.method).toBe("byline");
    expect(a.evidence).toContain("So Tu phap");
  });

  it("credits from a 'Nguồn:' line or a trailing '– agency' line in the text", () => {
    const nguon = attribute(m, { ...shared, text: "Hội nghị tập huấn nghiệp vụ hộ tịch.\nNguồn: Sở Nội vụ" });
    expect(nguon).toMatchObject({ agency_id: "so-noi-vu", method: "source_line" });
    const dash = attribute(m, { ...shared, text: "Tập huấn nghiệp vụ cho công chức.\nThanh Hà – Sở Tài chính" });
    expect(dash).toMatchObject({ agency_id: "so-tai-chinh", method: "source_line" });
    expect(sourceLines("Bài viết.\nNGUON TIN: UBND huyen Go Dau")).toEqual(["UBND huyen Go Dau"]);
  });

  it("falls back to the title, then the lead, with lower confidence", () => {
    const t = attribute(m, { ...shared, title: "Sở Tài chính triển khai kế hoạch CCHC năm 2024" });
    expect(t).toMatchObject({ agency_id: "so-tai-chinh", method: "title" });
    const l = attribute(m, { ...shared, text: "Sang 12/3, UBND huyen Go Dau to chuc hoi nghi tuyen truyen cai cach hanh chinh." });
    expect(l).toMatchObject({ agency_id: "ubnd-go-dau", method: "lead" });
    expect(l.confidence).toBeLessThan(t.confidence);
  });

  it("uses only agencies valid on the item's date", () => {
    const before = attribute(m, { ...shared, title: "Sở Kế hoạch và Đầu tư hỗ trợ nhà đầu tư", date: "2024-12-01" });
    expect(before.agency_id).toBe("so-ke-hoach-dau-tu");
    const after = attribute(m, { ...shared, title: "Sở Kế hoạch và Đầu tư hỗ trợ nhà đầu tư", date: "2025-08-01" });
    expect(after).toMatchObject({ agency_id: null, method: "unattributed" });
    expect(after.evidence).toBe("names Sở Kế hoạch và Đầu tư tỉnh Tây Ninh, not valid on 2025-08-01");
  });

  it("never guesses: nothing named, or two agencies named alike, is unattributed with the reason", () => {
    const none = attribute(m, { ...shared, title: "Lễ hội xuân núi Bà Đen", text: "Hàng nghìn du khách." });
    expect(none).toMatchObject({ agency_id: null, method: "unattributed", confidence: 0 });
    expect(none.evidence).toContain("no agency named");
    const two = attribute(m, { ...shared, title: "Sở Nội vụ và Sở Tư pháp ký kết quy chế phối hợp" });
    expect(two.agency_id).toBeNull();
    expect(two.evidence).toContain("tie");
    expect(two.candidates.map((c) => c.agency_id).sort()).toEqual(["so-noi-vu", "so-tu-phap"]);
    expect(two.review).toContain("tie");
  });

  it("prefers the byline over an agency named in the title", () => {
    const a = attribute(m, { ...shared, byline: "Nguồn: Sở Nội vụ", title: "Sở Tư pháp được khen thưởng" });
    expect(a.agency_id).toBe("so-noi-vu");
  });

  it("adapts registry agencies (short names and aliases both match)", () => {
    const refs = fromRegistryAgencies([{ id: "x", name: "Sở Y tế tỉnh Tây Ninh", short_names: ["Sở Y tế"], aliases: ["So Y te"], valid_from: null, valid_to: null }]);
    expect(attribute(compileAgencies(refs), { ...shared, title: "SỞ Y TẾ tuyên truyền dịch vụ công" }).agency_id).toBe("x");
  });
});
