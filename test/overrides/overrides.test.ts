import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { effectiveOverrides, makeOverride, overrideProblems, parseOverride } from "../../pipelines/overrides/overrides.ts";
import { exportOverridesFile, importOverridesFile, loadOverrides, readOverridesFile, recordOverride } from "../../pipelines/overrides/store.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const T0 = new Date("2024-05-01T03:00:00Z");
const T1 = new Date("2024-05-02T03:00:00Z");
const req = { article_id: "cong-tinh:55", by: "Nguyễn Văn An", why: "Bài về lễ hội, không phải CCHC" };

describe("overrides (pure)", () => {
  it("validates who, why and areas", () => {
    expect(overrideProblems({ ...req, action: "areas", areas: ["tthc", "cai_cach_gi"], by: "", why: " " }).map((p) => `${p.field}: ${p.message}`)).toEqual([
      "by: cần ghi người thực hiện thay đổi",
      "why: cần ghi lý do",
      'areas: không có lĩnh vực CCHC "cai_cach_gi" (chỉ nhận: the_che, tthc, bo_may, cong_vu, tai_chinh_cong, chinh_quyen_so, chi_so, chi_dao_dieu_hanh, tac_dong, chung)',
    ]);
    expect(() => makeOverride({ ...req, action: "exclude", why: "" }, T0)).toThrow("why: cần ghi lý do");
  });

  it("stamps when in Vietnamese time and keeps the latest decision per aspect", () => {
    const ex = makeOverride({ ...req, action: "exclude" }, T0);
    expect(ex.at).toBe("2024-05-01T10:00:00+07:00");
    const inc = makeOverride({ ...req, action: "include", why: "Xem lại: có nội dung một cửa" }, T1);
    const areas = makeOverride({ ...req, action: "areas", areas: ["tthc"] }, T0);
    const e = effectiveOverrides([inc, areas, ex]).get("cong-tinh:55")!;
    expect(e.include).toBe(true); // the later include wins over the earlier exclude
    expect(e.areas).toEqual(["tthc"]);
    expect(e.override_ids).toHaveLength(3);
    expect(e.override_ids[2]).toBe(inc.override_id); // oldest first
    expect(new Set(e.override_ids)).toEqual(new Set([ex.override_id, areas.override_id, inc.override_id]));
  });

  it("rejects a bad stored line with file:line: field", () => {
    const o = makeOverride({ ...req, action: "agency", agency_id: "so-tu-phap" }, T0);
    expect(parseOverride("o.jsonl", 3, o)).toEqual(o);
    expect(() => parseOverride("o.jsonl", 3, { ...o, by: "" })).toThrow("o.jsonl:3: by: cần một chuỗi không rỗng");
    expect(() => parseOverride("o.jsonl", 4, { ...o, action: "delete" })).toThrow("o.jsonl:4: action: phải là một trong: include, exclude, areas, agency");
  });
});

describe("override store", () => {
  let w: Warehouse | null = null;
  afterEach(async () => {
    await w?.close();
    w = null;
  });

  it("records in the table, mirrors to the file, and restores a rebuilt warehouse from the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-ovr-"));
    const file = join(dir, "overrides.jsonl");
    w = await Warehouse.open(":memory:");
    await w.run(
      `INSERT INTO articles (article_id, source_id, item_id, url, title, body_text, content_hash, version, first_seen_at, fetched_at)
       VALUES ('cong-tinh:55', 'cong-tinh', '55', 'https://x/55', 'Lễ hội', 'Nội dung', 'h', 1, now(), now())`,
    );
    const o = makeOverride({ ...req, action: "exclude" }, T0);
    await recordOverride(w, o);
    await expect(recordOverride(w, makeOverride({ ...req, article_id: "khong-co:1", action: "exclude" }, T0))).rejects.toThrow('không có tin, bài "khong-co:1"');
    expect(await exportOverridesFile(w, file)).toBe(1);
    expect(readOverridesFile(file)).toEqual([o]);
    await w.close();

    w = await Warehouse.open(":memory:"); // a rebuilt warehouse
    expect(await importOverridesFile(w, file)).toBe(1);
    expect(await importOverridesFile(w, file)).toBe(0); // idempotent
    expect(await loadOverrides(w)).toEqual([o]);

    writeFileSync(file, `${readFileSync(file, "utf-8")}{"override_id":"x"}\n`);
    await expect(importOverridesFile(w, file)).rejects.toThrow(`${file}:2: article_id: cần một chuỗi không rỗng`);
  });
});
