/**
 * The DEMO portals the farm serves. Each has a key that the demo registry
 * (registry/demo/sources.yaml) refers to; the farm binds each key to a base URL
 * on 127.0.0.1 when it starts.
 */
import { type DemoAgency, type DemoArticle, type DemoPortalSpec, generateArticles, withSyndicatedCopies, withUnregisteredBodies } from "./content.ts";
import { baotayninhSite } from "./platforms/baotayninh.ts";
import { nukevietSite } from "./platforms/nukeviet.ts";
import { provincialSite } from "./platforms/provincial2026.ts";
import { sharepointSite } from "./platforms/sharepoint.ts";
import type { FarmSite } from "./site.ts";
import { fromVietnamWallClock } from "../time/vietnam-time.ts";

export const DEFAULT_SEED = 20240404;

const FROM = fromVietnamWallClock(2023, 1, 1)!;
const TO = fromVietnamWallClock(2026, 10, 31, 23, 59)!;

interface PortalDef {
  key: string;
  build(seed: number): FarmSite;
}

function spec(
  key: string,
  agencies: DemoPortalSpec["agencies"],
  count: number,
  cchcShare = 0.6,
  from: Date = FROM,
  to: Date = TO,
): DemoPortalSpec {
  return { key, agencies, count, cchcShare, from, to };
}

const wallDate = (y: number, m: number, d: number, h = 0, mi = 0) => fromVietnamWallClock(y, m, d, h, mi)!;

/** 01/03/2025: departments merged (registry/agencies.yaml); 01/07/2025: the merged province, district level abolished. */
const DEPARTMENT_MERGER = wallDate(2025, 3, 1);
const PROVINCE_MERGER = wallDate(2025, 7, 1);
const isDistrict = (name: string) => name.startsWith("UBND");
const before = (name: string, weight: number) => ({ name, weight, until: isDistrict(name) ? PROVINCE_MERGER : DEPARTMENT_MERGER });
const after = (name: string, weight: number) => ({ name, weight, from: DEPARTMENT_MERGER });

/** Agency portals whose items the provincial portal and the newspaper republish. */
const sonoivuArticles = (seed: number) => generateArticles(spec("sonoivu", [{ name: "Sở Nội vụ", weight: 1 }], 64), seed);
const sotuphapArticles = (seed: number) =>
  withHostileTitle(generateArticles(spec("sotuphap", [{ name: "Sở Tư pháp", weight: 1 }], 48, 0.5), seed));

/**
 * One DEMO item whose title carries a spreadsheet formula and an HTML payload, as a
 * careless or hostile page might: it must reach the site and the CSV/XLSX as inert text.
 */
export const HOSTILE_TITLE =
  '=HYPERLINK("http://127.0.0.1/","Sở Tư pháp") cải cách thủ tục hành chính <img src=x onerror=alert(1)><script>alert(2)</script>';

function withHostileTitle(articles: DemoArticle[]): DemoArticle[] {
  const target = articles.find((a) => a.isCchc && a.published.getUTCFullYear() === 2024);
  if (target) target.title = HOSTILE_TITLE;
  return articles;
}

/** Agencies whose news the provincial portal (NukeViet, until 2026) carries. */
const PROVINCIAL_PORTAL_AGENCIES: DemoAgency[] = [
  { name: "Sở Nội vụ", weight: 3 },
  { name: "Sở Tư pháp", weight: 2 },
  { name: "Sở Tài chính", weight: 2 },
  before("Sở Kế hoạch và Đầu tư", 2),
  before("Sở Tài nguyên và Môi trường", 2),
  before("UBND thị xã Trảng Bàng", 1),
  before("UBND huyện Gò Dầu", 1),
  after("Sở Nông nghiệp và Môi trường", 2),
  after("Sở Xây dựng", 1),
];

/** Agencies the provincial newspaper writes about, named in its credit lines. */
const NEWSPAPER_AGENCIES: DemoAgency[] = [
  { name: "Sở Nội vụ", weight: 3 },
  { name: "Sở Tư pháp", weight: 2 },
  { name: "Sở Tài chính", weight: 2 },
  before("Sở Kế hoạch và Đầu tư", 1),
  before("Sở Tài nguyên và Môi trường", 1),
  { name: "Sở Ngoại vụ", weight: 1 },
  before("UBND huyện Gò Dầu", 1),
  before("UBND thị xã Trảng Bàng", 1),
  after("Sở Nông nghiệp và Môi trường", 1),
  after("Sở Khoa học và Công nghệ", 1),
];

export const DEMO_PORTALS: PortalDef[] = [
  {
    key: "sonoivu",
    build: (seed) =>
      nukevietSite({
        name: "Sở Nội vụ tỉnh Tây Ninh",
        category: "cai-cach-hanh-chinh",
        categoryTitle: "Cải cách hành chính",
        perPage: 10,
        // a standard NukeViet display option that hides nine of ten items from a featured-only reader
        layout: "viewcat_grid_new",
        articles: sonoivuArticles(seed),
      }),
  },
  {
    key: "sotuphap",
    build: (seed) =>
      nukevietSite({
        name: "Sở Tư pháp tỉnh Tây Ninh",
        category: "tin-tuc",
        categoryTitle: "Tin tức - Sự kiện",
        perPage: 10,
        articles: sotuphapArticles(seed),
      }),
  },
  {
    key: "trangbang",
    build: (seed) =>
      nukevietSite({
        name: "Ủy ban nhân dân thị xã Trảng Bàng",
        category: "tin-hoat-dong",
        categoryTitle: "Tin hoạt động",
        perPage: 10,
        layout: "viewcat_grid_new",
        articles: generateArticles(spec("trangbang", [{ name: "UBND thị xã Trảng Bàng", weight: 1 }], 40, 0.5), seed),
      }),
  },
  {
    key: "tayninh",
    build: (seed) =>
      nukevietSite({
        name: "Cổng thông tin điện tử tỉnh Tây Ninh",
        category: "cai-cach-hanh-chinh",
        categoryTitle: "Cải cách hành chính",
        perPage: 15,
        articles: withSyndicatedCopies(
          withUnregisteredBodies(generateArticles(spec("tayninh", PROVINCIAL_PORTAL_AGENCIES, 90, 0.75), seed), "tayninh", seed, 0.06),
          [...sonoivuArticles(seed), ...sotuphapArticles(seed)],
          0.2,
          "tayninh",
          seed,
        ),
      }),
  },
  {
    // SharePoint CMS, month-first dates ("7/17/2018 9:00 AM").
    key: "songoaivu",
    build: (seed) =>
      sharepointSite({
        name: "Sở Ngoại vụ tỉnh Tây Ninh",
        list: "TinTuc",
        category: "Cải cách hành chính",
        perPage: 10,
        dateOrder: "mdy",
        articles: generateArticles(spec("songoaivu", [{ name: "Sở Ngoại vụ", weight: 1 }], 36, 0.6), seed),
      }),
  },
  {
    // SharePoint CMS, day-first dates; the district existed until the 2025 reorganisation.
    key: "godau",
    build: (seed) =>
      sharepointSite({
        name: "Ủy ban nhân dân huyện Gò Dầu",
        list: "HoatDong",
        category: "Tin hoạt động",
        perPage: 12,
        dateOrder: "dmy",
        articles: generateArticles(
          spec("godau", [{ name: "UBND huyện Gò Dầu", weight: 1 }], 40, 0.5, FROM, wallDate(2025, 6, 30, 23, 59)),
          seed,
        ),
      }),
  },
  {
    // The provincial newspaper: items about many agencies, named in credit lines.
    key: "baotayninh",
    build: (seed) =>
      baotayninhSite({
        perPage: 12,
        articles: withSyndicatedCopies(
          withUnregisteredBodies(generateArticles(spec("baotayninh", NEWSPAPER_AGENCIES, 72, 0.8, wallDate(2022, 6, 1)), seed), "baotayninh", seed, 0.06),
          sonoivuArticles(seed),
          0.15,
          "baotayninh",
          seed,
        ),
      }),
  },
  {
    // The 2026 provincial portal (CMS not known yet): generic adapter.
    key: "tayninh2026",
    build: (seed) =>
      provincialSite({
        name: "Cổng thông tin điện tử tỉnh Tây Ninh",
        category: "cai-cach-hanh-chinh",
        categoryTitle: "Cải cách hành chính",
        perPage: 10,
        articles: generateArticles(
          spec(
            "tayninh2026",
            [
              { name: "Sở Nội vụ", weight: 3 },
              { name: "Sở Tư pháp", weight: 2 },
              { name: "Sở Tài chính", weight: 2 },
              { name: "Sở Nông nghiệp và Môi trường", weight: 2 },
              { name: "Sở Khoa học và Công nghệ", weight: 1 },
              { name: "UBND phường Tân Ninh", weight: 1 },
            ],
            40,
            0.7,
            wallDate(2026, 1, 1),
          ),
          seed,
        ),
      }),
  },
];
