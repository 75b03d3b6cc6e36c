/**
 * The DEMO portals the farm serves. Each has a key that the demo registry
 * (registry/demo/sources.yaml) refers to; the farm binds each key to a base URL
 * on 127.0.0.1 when it starts.
 */
import { type DemoPortalSpec, generateArticles } from "./content.ts";
import { nukevietSite } from "./platforms/nukeviet.ts";
import type { FarmSite } from "./site.ts";
import { fromVietnamWallClock } from "../time/vietnam-time.ts";

export const DEFAULT_SEED = 20240404;

const FROM = fromVietnamWallClock(2023, 1, 1)!;
const TO = fromVietnamWallClock(2026, 10, 31, 23, 59)!;

interface PortalDef {
  key: string;
  build(seed: number): FarmSite;
}

function spec(key: string, agencies: DemoPortalSpec["agencies"], count: number, cchcShare = 0.6): DemoPortalSpec {
  return { key, agencies, count, cchcShare, from: FROM, to: TO };
}

export const DEMO_PORTALS: PortalDef[] = [
  {
    key: "sonoivu",
    build: (seed) =>
      nukevietSite({
        name: "Sở Nội vụ tỉnh Tây Ninh",
        category: "cai-cach-hanh-chinh",
        categoryTitle: "Cải cách hành chính",
        perPage: 10,
        articles: generateArticles(spec("sonoivu", [{ name: "Sở Nội vụ", weight: 1 }], 64), seed),
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
        articles: generateArticles(spec("sotuphap", [{ name: "Sở Tư pháp", weight: 1 }], 48, 0.5), seed),
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
        articles: generateArticles(
          spec(
            "tayninh",
            [
              { name: "Sở Nội vụ", weight: 3 },
              { name: "Sở Tư pháp", weight: 2 },
              { name: "Sở Tài chính", weight: 2 },
              { name: "Sở Kế hoạch và Đầu tư", weight: 2 },
              { name: "Sở Tài nguyên và Môi trường", weight: 2 },
              { name: "UBND thị xã Trảng Bàng", weight: 1 },
              { name: "UBND huyện Gò Dầu", weight: 1 },
            ],
            90,
            0.75,
          ),
          seed,
        ),
      }),
  },
];
