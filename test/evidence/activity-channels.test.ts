/** Every activity plan 001 §II.2 names can be entered as evidence; "other" needs a description. */
import { describe, expect, it } from "vitest";
import { EVIDENCE_KEYS, type EvidenceInput, EvidenceValidationError, validateEvidence } from "../../pipelines/evidence/schema.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");
const row = (cells: Partial<EvidenceInput>, line: number) => ({
  line,
  cells: { ...(Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, ""])) as unknown as EvidenceInput), agency_id: "so-noi-vu", date: "15/10/2026", ...cells },
});

describe("evidence of activities §II.2 names", () => {
  it("accepts contests, dialogues, printed material, lookup kiosks, emulation movements and described other activities", () => {
    const rows = [
      row({ channel: "contest", title: "Hội thi tìm hiểu CCHC cấp tỉnh", reference: "Quyết định 15/QĐ-SNV", attendance: "120" }, 2),
      row({ channel: "dialogue", title: "Tọa đàm chính quyền với doanh nghiệp về thủ tục đất đai", reference: "Thông báo 3/TB-SNV" }, 3),
      row({ channel: "printed_material", title: "Tờ rơi hướng dẫn nộp hồ sơ trực tuyến (5.000 bản)", reference: "Hợp đồng in 7/HĐ" }, 4),
      row({ channel: "kiosk", title: "Ki-ốt tra cứu TTHC tại Trung tâm Phục vụ HCC", url: "https://example.org/kiosk" }, 5),
      row({ channel: "emulation", title: "Phong trào thi đua 'Công chức trẻ với CCHC'", reference: "Kế hoạch 9/KH-ĐTN" }, 6),
      row({ channel: "other", title: "Tuyên truyền qua cộng tác viên tại khu phố", reference: "Báo cáo 22/BC-SNV", notes: "thông qua đội ngũ cộng tác viên (II.2.b)" }, 7),
    ];
    expect(validateEvidence("e.csv", rows, NOW).map((r) => r.channel)).toEqual(["contest", "dialogue", "printed_material", "kiosk", "emulation", "other"]);
  });

  it('rejects "other" without a description, with its line', () => {
    try {
      validateEvidence("e.csv", [row({ channel: "other", title: "Hoạt động", reference: "1/BC" }, 9)], NOW);
      expect.unreachable();
    } catch (e) {
      expect((e as EvidenceValidationError).problems).toEqual(['e.csv: dòng 9, cột notes: kênh "other" (Hình thức khác (ghi rõ)) cần mô tả hoạt động (hình thức gì) ở cột notes']);
    }
  });
});
