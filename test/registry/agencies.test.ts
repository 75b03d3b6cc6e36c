import { describe, expect, it } from "vitest";
import { agenciesAt, findAgenciesByName, lineageEdges, mapAgency, resolveWho } from "../../pipelines/registry/agencies.ts";
import { loadRegistry, SHIPPED_REGISTRY_DIR } from "../../pipelines/registry/load.ts";
import { foldName } from "../../pipelines/registry/names.ts";
import { MINIMAL } from "./helpers.ts";

const registry = loadRegistry(SHIPPED_REGISTRY_DIR);
const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe("the shipped registry", () => {
  it("keeps the ids other parts already use", () => {
    const all = new Set(ids(registry.agencies));
    for (const id of ["so-noi-vu", "so-tu-phap", "so-tai-chinh", "so-ke-hoach-dau-tu", "so-tai-nguyen-moi-truong", "so-ngoai-vu", "ubnd-tx-trang-bang", "ubnd-h-go-dau", "bao-tay-ninh", "dai-ptth-tay-ninh"]) {
      expect(all.has(id), id).toBe(true);
    }
  });

  it("has 19 specialised agencies plus the economic zone board, and 9 district-level units, before the 2025 reorganisation", () => {
    const ofTayNinh = <T extends { parent: string | null }>(list: T[]) => list.filter((a) => a.parent === "ubnd-tinh-tay-ninh");
    const sbn = ofTayNinh(agenciesAt(registry, "2024-06-30", ["so_ban_nganh"]));
    expect(sbn).toHaveLength(20);
    expect(ids(sbn)).toContain("bql-khu-kinh-te");
    expect(ofTayNinh(agenciesAt(registry, "2024-06-30", ["ubnd_huyen"]))).toHaveLength(9);
  });

  it("has the 15 provincial bodies of the merged province on 2025-07-01, and no district level", () => {
    const names = agenciesAt(registry, "2025-07-01", ["so_ban_nganh"]).map((a) => a.name.replace(/ tỉnh Tây Ninh$/, ""));
    expect(names.sort()).toEqual(
      [
        "Văn phòng Ủy ban nhân dân", "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Y tế",
        "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng",
        "Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra", "Ban Quản lý Khu kinh tế",
      ].sort(),
    );
    expect(agenciesAt(registry, "2025-07-01", ["ubnd_huyen", "phong_chuyen_mon"])).toEqual([]);
    expect(agenciesAt(registry, "2025-07-01", ["ubnd_xa_phuong"]).every((a) => a.valid_from === "2025-07-01")).toBe(true);
    expect(ids(agenciesAt(registry, "2025-07-01", ["press", "broadcaster", "press_broadcaster"]))).toEqual(["bao-va-ptth-tay-ninh"]);
  });

  it("records the 2025 mergers as lineage", () => {
    const edges = lineageEdges(registry).filter((e) => e.relation === "merged_into").map((e) => `${e.from}>${e.to}`);
    expect(edges).toEqual(
      expect.arrayContaining([
        "so-ke-hoach-dau-tu>so-tai-chinh", "so-lao-dong-tbxh>so-noi-vu", "so-thong-tin-truyen-thong>so-khoa-hoc-cong-nghe",
        "so-giao-thong-van-tai>so-xay-dung", "so-tai-nguyen-moi-truong>so-nong-nghiep-moi-truong",
        "so-nong-nghiep-ptnt>so-nong-nghiep-moi-truong", "bao-tay-ninh>bao-va-ptth-tay-ninh", "dai-ptth-tay-ninh>bao-va-ptth-tay-ninh",
      ]),
    );
  });
});

describe("mapAgency: what an agency corresponds to on a date", () => {
  it("is the agency itself while it exists", () => {
    expect(mapAgency(registry, "so-ke-hoach-dau-tu", "2024-06-01")).toEqual(["so-ke-hoach-dau-tu"]);
    expect(mapAgency(registry, "so-ke-hoach-dau-tu", "2025-02-28")).toEqual(["so-ke-hoach-dau-tu"]);
  });

  it("follows successors forward, main successors only when a part went elsewhere", () => {
    expect(mapAgency(registry, "so-ke-hoach-dau-tu", "2025-03-01")).toEqual(["so-tai-chinh"]);
    expect(mapAgency(registry, "so-lao-dong-tbxh", "2025-07-01")).toEqual(["so-noi-vu"]);
    expect(mapAgency(registry, "bao-tay-ninh", "2026-01-01")).toEqual(["bao-va-ptth-tay-ninh"]);
  });

  it("follows predecessors back before an agency existed", () => {
    // Tây Ninh's two departments, and Long An's (whose merged department joined it on 2025-07-01)
    expect(mapAgency(registry, "so-nong-nghiep-moi-truong", "2024-01-01").sort()).toEqual([
      "so-nong-nghiep-ptnt", "so-nong-nghiep-ptnt-long-an", "so-tai-nguyen-moi-truong", "so-tai-nguyen-moi-truong-long-an",
    ]);
    // the merged press body exists from 2025-06-20 (leadership appointed that day)
    expect(mapAgency(registry, "bao-va-ptth-tay-ninh", "2025-06-19").sort()).toEqual(["bao-tay-ninh", "bao-va-dai-ptth-long-an", "dai-ptth-tay-ninh"]);
  });

  it("is empty for an abolished agency without successor", () => {
    expect(mapAgency(registry, "ubnd-h-go-dau", "2025-06-30")).toEqual(["ubnd-h-go-dau"]);
    expect(mapAgency(registry, "ubnd-h-go-dau", "2025-07-01")).toEqual([]);
  });

  it("follows chains transitively (fixture)", () => {
    const r = loadRegistry(MINIMAL);
    expect(mapAgency(r, "so-a", "2025-03-01")).toEqual(["so-c"]);
    expect(mapAgency(r, "so-c", "2024-12-31").sort()).toEqual(["so-a", "so-b"]);
  });

  it("rejects an unknown id", () => {
    expect(() => mapAgency(registry, "so-khong-co", "2024-01-01")).toThrow(/unknown agency id "so-khong-co"/);
  });
});

describe("names and selectors", () => {
  it("finds an agency by name with or without diacritics, or by its abbreviation", () => {
    for (const name of ["Sở Tài chính", "So Tai chinh", "STC", "SỞ TÀI CHÍNH", "so tai  chinh"]) {
      expect(ids(findAgenciesByName(registry, name, "2024-05-01")), name).toEqual(["so-tai-chinh"]);
    }
    expect(ids(findAgenciesByName(registry, "Sở KH&ĐT", "2024-05-01"))).toEqual(["so-ke-hoach-dau-tu"]);
    expect(findAgenciesByName(registry, "Sở KH&ĐT", "2025-07-01")).toEqual([]);
  });

  it("folds Vietnamese letters, đ included", () => {
    expect(foldName("Đài PT-TH Tây Ninh")).toBe("dai pt th tay ninh");
    expect(foldName("Sở Nông nghiệp & PTNT")).toBe("so nong nghiep ptnt");
  });

  it("resolves selectors on the date", () => {
    const who = { kinds: ["ubnd_xa_phuong" as const], parent: "ubnd-tp-tay-ninh" };
    expect(resolveWho(registry, who, "2023-05-01")).toHaveLength(10);
    expect(resolveWho(registry, who, "2025-07-01")).toEqual([]);
    expect(resolveWho(registry, { agencies: ["so-ke-hoach-dau-tu"] }, "2025-07-01")).toEqual([]);
  });

  it("lists the DEMO sources the farm needs, with their agencies and platforms", () => {
    const demo = Object.fromEntries(registry.demo_sources.map((s) => [s.id, [s.portal, s.agency_id, s.channel, s.platform, s.date_order, s.attribution]]));
    expect(demo).toEqual({
      "demo-sonoivu": ["sonoivu", "so-noi-vu", "own_portal", "nukeviet", "dmy", "fixed"],
      "demo-sotuphap": ["sotuphap", "so-tu-phap", "own_portal", "nukeviet", "dmy", "fixed"],
      "demo-trangbang": ["trangbang", "ubnd-tx-trang-bang", "own_portal", "nukeviet", "dmy", "fixed"],
      "demo-tayninh": ["tayninh", null, "provincial_portal", "nukeviet", "dmy", "byline"],
      "demo-songoaivu": ["songoaivu", "so-ngoai-vu", "own_portal", "sharepoint", "mdy", "fixed"],
      "demo-godau": ["godau", "ubnd-h-go-dau", "own_portal", "sharepoint", "dmy", "fixed"],
      "demo-baotayninh": ["baotayninh", null, "newspaper", "baotayninh", "dmy", "byline"],
      "demo-tayninh2026": ["tayninh2026", null, "provincial_portal", "generic", "dmy", "byline"],
    });
    expect(registry.demo_sources.every((s) => s.is_demo)).toBe(true);
  });
});
