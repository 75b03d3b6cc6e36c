import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceCsv, evidenceXlsx, readEvidenceCsv, readEvidenceXlsx } from "../../pipelines/evidence/files.ts";
import { importEvidenceFile } from "../../pipelines/evidence/import.ts";
import {
  EVIDENCE_KEYS,
  type EvidenceInput,
  type EvidenceLookups,
  EvidenceValidationError,
  toTemplateCells,
  validateEvidence,
} from "../../pipelines/evidence/schema.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");
const LOOKUPS: EvidenceLookups = {
  knownAgencyIds: new Set(["so-tai-chinh", "so-ngoai-vu", "so-ke-hoach-dau-tu"]),
  agencyValidOn: (id, day) => id !== "so-ke-hoach-dau-tu" || day <= "2025-02-28",
  knownTargetIds: new Set(["KH-STC/2024:egov"]),
};

const row = (cells: Partial<EvidenceInput>): EvidenceInput => ({
  ...(Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, ""])) as unknown as EvidenceInput),
  ...cells,
});

const GOOD: EvidenceInput[] = [
  row({ agency_id: "so-tai-chinh", channel: "zalo", date: "15/03/2024", title: "Tin nhắn Zalo OA hướng dẫn nộp hồ sơ trực tuyến", url: "https://zalo.me/demo-tai-chinh/123" }),
  row({ agency_id: "so-tai-chinh", channel: "meeting", date: "2024-04-02 08:30", title: "Hội nghị quán triệt kế hoạch CCHC năm 2024", reference: "Biên bản số 12/BB-STC", attendance: "85", sessions: "1", reform_area: "tthc", target_id: "KH-STC/2024:egov" }),
  row({ agency_id: "so-ngoai-vu", channel: "training", date: "20/05/2024", title: "Tập huấn sử dụng dịch vụ công trực tuyến, \"toàn trình\"", reference: "Công văn 45/SNgV-VP", attendance: "40", notes: "-5 người vắng; ghi chú có dấu phẩy, và xuống\ndòng" }),
  row({ agency_id: "so-ke-hoach-dau-tu", channel: "broadcaster", date: "Thứ sáu, 09/02/2024", title: "Phóng sự về hỗ trợ nhà đầu tư trên Đài PT-TH", url: "https://www.youtube.com/watch?v=demo" }),
];

describe("evidence validation", () => {
  it("accepts good rows, with ISO dates, the date as written and a stable key", () => {
    const rows = validateEvidence("f.csv", GOOD.map((cells, i) => ({ line: i + 2, cells })), NOW, LOOKUPS);
    expect(rows.map((r) => [r.line, r.channel, r.published_at, r.published_text, r.attendance, r.sessions])).toEqual([
      [2, "zalo", "2024-03-15T00:00:00+07:00", "15/03/2024", null, 1],
      [3, "meeting", "2024-04-02T08:30:00+07:00", "2024-04-02 08:30", 85, 1],
      [4, "training", "2024-05-20T00:00:00+07:00", "20/05/2024", 40, 1],
      [5, "broadcaster", "2024-02-09T00:00:00+07:00", "Thứ sáu, 09/02/2024", null, 1],
    ]);
    const again = validateEvidence("other.csv", GOOD.map((cells, i) => ({ line: i + 10, cells })), NOW, LOOKUPS);
    expect(again.map((r) => r.evidence_id)).toEqual(rows.map((r) => r.evidence_id));
    expect(new Set(rows.map((r) => r.evidence_id)).size).toBe(4);
  });

  it("reports every problem with file:line: field, and returns nothing", () => {
    const bad = [
      row({ agency_id: "so-khong-co", channel: "zalo", date: "15/03/2024", title: "A", url: "https://zalo.me/x" }),
      row({ agency_id: "so-tai-chinh", channel: "bo-cau", date: "31/02/2024", title: "B", url: "ftp://x" }),
      row({ agency_id: "so-tai-chinh", channel: "training", date: "01/01/2027", title: "", attendance: "nhiều" }),
      row({ agency_id: "so-tai-chinh", channel: "meeting", date: "02/04/2024", title: "C", reference: "BB 1" }),
      row({ agency_id: "so-tai-chinh", channel: "zalo", date: "02/04/2024", title: "D", url: "https://zalo.me/d", attendance: "5", reform_area: "khac", target_id: "X" }),
      row({ agency_id: "so-ke-hoach-dau-tu", channel: "poster", date: "01/08/2025", title: "E", reference: "Ảnh pano" }),
      row({}),
      GOOD[0],
      GOOD[0],
    ];
    let error: unknown;
    try {
      validateEvidence("bad.csv", bad.map((cells, i) => ({ line: i + 2, cells })), NOW, LOOKUPS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvidenceValidationError);
    expect((error as EvidenceValidationError).problems).toEqual([
      'bad.csv: dòng 2, cột agency_id: không có cơ quan "so-khong-co" trong danh mục (registry/agencies.yaml)',
      expect.stringMatching(/^bad\.csv: dòng 3, cột channel: không có kênh "bo-cau" \(một trong: provincial_portal, /),
      'bad.csv: dòng 3, cột date: "31/02/2024" không phải ngày hợp lệ (dd/mm/yyyy, có thể kèm giờ hh:mm, hoặc yyyy-mm-dd)',
      'bad.csv: dòng 3, cột url: "ftp://x" không phải đường dẫn http(s)',
      'bad.csv: dòng 4, cột date: "01/01/2027" là ngày trong tương lai',
      "bad.csv: dòng 4, cột title: bắt buộc",
      "bad.csv: dòng 4, cột url: cần đường dẫn (cột url) hoặc tài liệu minh chứng (cột reference)",
      'bad.csv: dòng 4, cột attendance: "nhiều" không phải số nguyên',
      'bad.csv: dòng 5, cột attendance: bắt buộc với kênh "meeting" (Hội nghị, cuộc họp)',
      'bad.csv: dòng 6, cột attendance: kênh "zalo" (Zalo) không ghi số người tham dự',
      expect.stringMatching(/^bad\.csv: dòng 6, cột reform_area: không có lĩnh vực CCHC "khac"/),
      'bad.csv: dòng 6, cột target_id: không có chỉ tiêu "X" (registry/targets.yaml)',
      'bad.csv: dòng 7, cột agency_id: cơ quan "so-ke-hoach-dau-tu" không còn (hoặc chưa có) vào ngày 01/08/2025; xem cơ quan kế thừa trong danh mục',
      "bad.csv: dòng 10, cột title: trùng với minh chứng ở dòng 9 (cùng cơ quan, kênh, ngày, tiêu đề và đường dẫn/tài liệu)",
    ]);
  });
});

describe("evidence files", () => {
  it("the CSV template is a BOM, the header and CRLF, and reads back to no rows", () => {
    const csv = evidenceCsv();
    expect(csv).toBe(`\uFEFF${EVIDENCE_KEYS.join(",")}\r\n`);
    expect(readEvidenceCsv("t.csv", csv)).toEqual([]);
  });

  it("round-trips filled rows through CSV (quotes, commas, newlines, formula-like cells) and XLSX", async () => {
    const expected = validateEvidence("x", GOOD.map((cells, i) => ({ line: i + 2, cells })), NOW, LOOKUPS).map(toTemplateCells);
    expect(readEvidenceCsv("raw.csv", evidenceCsv(GOOD)).map((r) => r.line)).toEqual([2, 3, 4, 6]); // a note spans two lines
    const csvRows = readEvidenceCsv("t.csv", evidenceCsv(expected));
    const fromCsv = validateEvidence("t.csv", csvRows, NOW, LOOKUPS).map(toTemplateCells);
    expect(fromCsv).toEqual(expected);
    const fromXlsx = validateEvidence("t.xlsx", await readEvidenceXlsx("t.xlsx", await evidenceXlsx(expected)), NOW, LOOKUPS).map(toTemplateCells);
    expect(fromXlsx).toEqual(expected);
  });

  it("reads a CSV that Excel saved with semicolons and Vietnamese headers, and XLSX date cells", async () => {
    const csv = "Mã cơ quan;Kênh;Ngày;Tiêu đề / nội dung;Đường dẫn\r\nso-tai-chinh;facebook;05/06/2024;Bài đăng Fanpage;https://facebook.com/demo/1\r\n";
    const [r] = validateEvidence("vi.csv", readEvidenceCsv("vi.csv", csv), NOW, LOOKUPS);
    expect(r).toMatchObject({ agency_id: "so-tai-chinh", channel: "facebook", published_at: "2024-06-05T00:00:00+07:00" });

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("evidence");
    sheet.addRow(["agency_id", "channel", "date", "title", "url"]);
    sheet.addRow(["so-tai-chinh", "poster", new Date(Date.UTC(2024, 5, 5)), { richText: [{ text: "Pano " }, { text: "tuyên truyền" }] }, { text: "ảnh", hyperlink: "https://example.gov.vn/pano.jpg" }]);
    const [x] = validateEvidence("d.xlsx", await readEvidenceXlsx("d.xlsx", Buffer.from(await wb.xlsx.writeBuffer())), NOW, LOOKUPS);
    expect(x).toMatchObject({ published_at: "2024-06-05T00:00:00+07:00", title: "Pano tuyên truyền", url: "https://example.gov.vn/pano.jpg" });
  });

  it("rejects a header with unknown or missing columns", () => {
    expect(() => readEvidenceCsv("h.csv", "agency_id,kenh,date,title\r\n")).toThrow(
      /h\.csv: dòng 1: dòng tiêu đề có cột "kenh" \(cột thứ 2\) không thuộc biểu mẫu\nh\.csv: dòng 1: dòng tiêu đề thiếu cột "channel" \(Kênh\)\nh\.csv: dòng 1: dòng tiêu đề thiếu cột "url" hoặc "reference"/,
    );
  });
});

describe("evidence import into the warehouse", () => {
  const dir = mkdtempSync(join(tmpdir(), "cchc-evidence-"));
  let w: Warehouse;
  beforeAll(async () => {
    w = await Warehouse.open(join(dir, "w.duckdb"));
  });
  afterAll(() => w.close());

  it("imports its own template filled in, re-imports idempotently, updates changed rows, and imports nothing from a bad file", async () => {
    const file = join(dir, "filled.xlsx");
    writeFileSync(file, await evidenceXlsx(GOOD));
    expect(await importEvidenceFile(w, file, NOW, LOOKUPS)).toMatchObject({ rows: 4, inserted: 4, updated: 0, unchanged: 0 });
    expect(await importEvidenceFile(w, file, NOW, LOOKUPS)).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 4 });

    const csv = join(dir, "filled.csv");
    writeFileSync(csv, evidenceCsv([{ ...GOOD[1], attendance: "90" }, GOOD[0]]));
    expect(await importEvidenceFile(w, csv, NOW, LOOKUPS)).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await w.one("SELECT count(*) AS n, sum(attendance) AS people FROM evidence_items")).toEqual({ n: 4, people: 130 });

    const bad = join(dir, "bad.csv");
    writeFileSync(bad, evidenceCsv([row({ ...GOOD[0], title: "Một mục mới hợp lệ" }), row({ ...GOOD[1], channel: "training", attendance: "" })]));
    await expect(importEvidenceFile(w, bad, NOW, LOOKUPS)).rejects.toThrow(`${bad}: dòng 3, cột attendance: bắt buộc với kênh "training" (Lớp tập huấn, bồi dưỡng)`);
    expect((await w.one("SELECT count(*) AS n FROM evidence_items"))!.n).toBe(4);
    expect((await w.one("SELECT count(*) AS n FROM evidence_imports"))!.n).toBe(3);
  });
});
