/**
 * Deterministic DEMO content for the portal farm: Vietnamese news items, a mix
 * of administrative-reform (CCHC) and ordinary items, dated 2023–2026. The same
 * seed always yields the same items. Every text here was written for the demo.
 */
import { foldDiacritics } from "../text/normalize.ts";
import { fromVietnamWallClock, vietnamParts } from "../time/vietnam-time.ts";

export interface DemoArticle {
  /** Numeric id, unique within a portal (NukeViet / SharePoint identity). */
  id: number;
  title: string;
  slug: string;
  lead: string;
  paragraphs: string[];
  published: Date;
  /** Last edit, later than publication for some items (NukeViet microdata quirk). */
  edited: Date;
  isCchc: boolean;
  /** Credit line as printed under the article ("Nguồn: …"), naming the agency it belongs to. */
  sourceLine: string;
  author: string;
  /**
   * Credit line as a newspaper or the provincial portal prints it at the end of
   * the text, naming the agency in one of several styles ("Nguồn: Sở Tư pháp",
   * "Minh Thư – Sở Tài chính", sometimes without diacritics), for attribution.
   */
  credit: string;
}

/** An agency as printed in DEMO items, with the days it existed (the 2025 reorganisation ended some). */
export interface DemoAgency {
  name: string;
  weight: number;
  /** First instant the agency can be named (default: always). */
  from?: Date;
  /** First instant it can no longer be named (default: never). */
  until?: Date;
}

export interface DemoPortalSpec {
  /** Seed salt: each portal gets its own stream. */
  key: string;
  /** Agencies whose news appears on this portal: [display name as printed, weight]. */
  agencies: DemoAgency[];
  count: number;
  /** Share of CCHC items, 0..1. */
  cchcShare: number;
  from: Date;
  to: Date;
}

/** Mulberry32: small, fast, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(text: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return h >>> 0;
}

/** One element of `list`, drawn with `rand`. */
export const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)];

const CCHC_TITLES = [
  "{A} triển khai kế hoạch cải cách hành chính năm {Y}",
  "{A} tổ chức hội nghị tuyên truyền cải cách hành chính quý {Q}/{Y}",
  "Nâng cao Chỉ số hài lòng của người dân (SIPAS) tại {A}",
  "{A} đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
  "Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch, chứng thực",
  "Cải thiện Chỉ số CCHC (PAR INDEX): {A} đề ra giải pháp trọng tâm",
  "{A} tập huấn kỹ năng tiếp nhận hồ sơ thủ tục hành chính trên môi trường điện tử",
  "Chuyển đổi số trong giải quyết thủ tục hành chính về đất đai",
  "{A} công khai kết quả giải quyết hồ sơ đúng hạn tháng {M}/{Y}",
  "Sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả tại {A}",
  "Nâng cao đạo đức công vụ, kỷ luật, kỷ cương hành chính ở {A}",
  "Hỗ trợ nhà đầu tư tháo gỡ khó khăn, cải thiện Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
];

const OTHER_TITLES = [
  "{A} tổ chức hội thao chào mừng ngày thành lập ngành",
  "Thăm hỏi, tặng quà gia đình chính sách nhân dịp Tết Nguyên đán {Y}",
  "{A} tập huấn công tác phòng cháy, chữa cháy năm {Y}",
  "Tình hình kinh tế - xã hội tháng {M}/{Y} tiếp tục chuyển biến tích cực",
  "Ra quân hưởng ứng Ngày Môi trường thế giới tại {A}",
  "Giải bóng đá công chức, viên chức mở rộng năm {Y}",
  "{A} phát động phong trào hiến máu tình nguyện",
  "Khai mạc hội chợ nông sản, đặc sản địa phương",
];

/**
 * Sentence templates with slots, so that two DEMO items share phrasing but not
 * text (as real items from one office do): {N} a count, {P} a percentage,
 * {D} a day of the item's month, {X} a commune, {T} a procedure, {O} an office,
 * {A} the agency, {M}/{Y} the item's month and year.
 */
const CCHC_SENTENCES = [
  "Thực hiện Kế hoạch cải cách hành chính năm {Y} của Ủy ban nhân dân tỉnh, {A} đã ban hành kế hoạch tuyên truyền với {N} nội dung cụ thể.",
  "Trong tháng {M}/{Y}, đơn vị tiếp nhận {N} hồ sơ thủ tục hành chính, tỷ lệ giải quyết đúng hạn đạt {P}%.",
  "Người dân tại {X} có thể nộp hồ sơ {T} trực tuyến và thanh toán phí, lệ phí qua Cổng Dịch vụ công quốc gia.",
  "Ngày {D}/{M}, {O} đã niêm yết công khai {N} thủ tục hành chính mới và số điện thoại đường dây nóng.",
  "Lãnh đạo {A} yêu cầu {N} cán bộ, công chức làm việc tại bộ phận Một cửa nâng cao thái độ phục vụ nhân dân.",
  "Đến ngày {D}/{M}/{Y}, đã số hóa {N} hồ sơ, kết quả giải quyết thủ tục {T}, đạt {P}% kế hoạch.",
  "Hội nghị ngày {D}/{M} quán triệt các giải pháp nâng cao Chỉ số cải cách hành chính và Chỉ số hài lòng SIPAS với {N} đại biểu tham dự.",
  "Qua rà soát quý vừa qua, {O} kiến nghị đơn giản hóa {N} thủ tục, trong đó có thủ tục {T}.",
  "Tại {X}, tổ công nghệ số cộng đồng đã hướng dẫn {N} lượt người dân sử dụng dịch vụ công trực tuyến.",
  "Kết quả khảo sát sự hài lòng cho thấy {P}% người dân hài lòng khi giải quyết thủ tục {T} tại {X}.",
  "{O} đã tổ chức {N} buổi đối thoại với doanh nghiệp để tháo gỡ vướng mắc về thủ tục {T}.",
  "Thời gian giải quyết thủ tục {T} được rút ngắn còn {N} ngày làm việc so với quy định.",
];

const OTHER_SENTENCES = [
  "Chương trình ngày {D}/{M} thu hút {N} đoàn viên, công chức tham gia trong không khí vui tươi, phấn khởi.",
  "Ban tổ chức đã trao {N} giải thưởng cho các đội có thành tích xuất sắc tại {X}.",
  "Dịp này, {A} trao tặng {N} phần quà cho các gia đình có hoàn cảnh khó khăn ở {X}.",
  "Giá trị sản xuất công nghiệp tháng {M}/{Y} tăng {P}% so với cùng kỳ, sản xuất nông nghiệp ổn định.",
  "Lực lượng chữa cháy đã thực hành {N} tình huống cứu nạn, cứu hộ tại trụ sở {O}.",
  "Hoạt động tại {X} nhằm lan tỏa tinh thần tương thân tương ái, với {N} người tham gia.",
  "Tổng vốn đầu tư toàn xã hội {M} tháng đầu năm {Y} ước đạt {P}% kế hoạch.",
  "Đoàn đã trồng {N} cây xanh dọc các tuyến đường tại {X} hưởng ứng phong trào bảo vệ môi trường.",
];

const COMMUNES = ["phường Tân Ninh", "xã Thạnh Đức", "phường Gò Dầu", "xã Phước Thạnh", "xã Hảo Đước", "phường Trảng Bàng", "xã Long Chữ", "phường Hòa Thành", "xã Tân Đông", "xã Châu Thành"];
const PROCEDURES = ["đăng ký khai sinh", "chứng thực bản sao", "cấp giấy chứng nhận quyền sử dụng đất", "đăng ký kinh doanh hộ cá thể", "cấp phép xây dựng", "đăng ký kết hôn", "cấp phiếu lý lịch tư pháp", "thẩm định dự án đầu tư"];
const OFFICES = ["Văn phòng", "Phòng Hành chính - Tổng hợp", "Bộ phận Một cửa", "Phòng Kiểm soát thủ tục hành chính", "Thanh tra sở", "Phòng Tổ chức cán bộ"];

/** Strip Vietnamese diacritics for URL slugs (as NukeViet does). */
export function slugify(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The styles of credit line seen on newspaper and portal pages. */
const CREDIT_STYLES: Array<(agency: string, author: string) => string> = [
  (agency) => `Nguồn: ${agency}`,
  (agency, author) => `${author} – ${agency}`,
  (agency) => foldDiacritics(`Nguồn: ${agency}`),
  (agency, author) => `${author} - ${foldDiacritics(agency)}`,
  (agency) => `Theo ${agency}`,
];

function fill(template: string, agency: string, date: Date, rand: () => number = () => 0): string {
  const { year, month } = vietnamParts(date);
  return template
    .replaceAll("{A}", agency)
    .replaceAll("{Y}", String(year))
    .replaceAll("{M}", String(month))
    .replaceAll("{Q}", ["I", "II", "III", "IV"][Math.floor((month - 1) / 3)])
    .replace(/\{N\}/g, () => String(2 + Math.floor(rand() * 480)))
    .replace(/\{P\}/g, () => String(80 + Math.floor(rand() * 20)) + "," + String(Math.floor(rand() * 10)))
    .replace(/\{D\}/g, () => String(1 + Math.floor(rand() * 28)))
    .replace(/\{X\}/g, () => pick(rand, COMMUNES))
    .replace(/\{T\}/g, () => pick(rand, PROCEDURES))
    .replace(/\{O\}/g, () => pick(rand, OFFICES));
}

/** Generate a portal's items, newest first, deterministically from `seed`. */
export function generateArticles(spec: DemoPortalSpec, seed: number): DemoArticle[] {
  const rand = prng(hashSeed(spec.key, seed));
  const span = spec.to.getTime() - spec.from.getTime();
  const items: DemoArticle[] = [];
  for (let i = 0; i < spec.count; i++) {
    const share = rand();
    const at = new Date(spec.from.getTime() + Math.floor(rand() * span));
    // Only agencies that existed on the item's date are named in it.
    const existing = spec.agencies.filter((a) => (!a.from || a.from <= at) && (!a.until || at < a.until));
    if (existing.length === 0) throw new Error(`DEMO portal ${spec.key}: no agency exists on ${at.toISOString()}`);
    let r = share * existing.reduce((sum, a) => sum + a.weight, 0);
    const agency = existing.find((a) => (r -= a.weight) < 0) ?? existing[0];
    const day = vietnamParts(at);
    const published = fromVietnamWallClock(
      day.year,
      day.month,
      day.day,
      7 + Math.floor(rand() * 11),
      Math.floor(rand() * 60),
    )!;
    const isCchc = rand() < spec.cchcShare;
    const title = fill(pick(rand, isCchc ? CCHC_TITLES : OTHER_TITLES), agency.name, at);
    const pool = isCchc ? CCHC_SENTENCES : OTHER_SENTENCES;
    // Sentences come from the item's own stream, so adding or changing them leaves every other field as it was.
    const textRand = prng(hashSeed(`${spec.key}:text:${i}`, seed));
    const paragraphs = Array.from({ length: 3 + Math.floor(textRand() * 3) }, () =>
      Array.from({ length: 2 }, () => fill(pick(textRand, pool), agency.name, at, textRand)).join(" "),
    );
    const edited = rand() < 0.3 ? new Date(published.getTime() + Math.floor(rand() * 20) * 86_400_000) : published;
    items.push({
      id: 0,
      title,
      slug: slugify(title),
      lead: `(DEMO) ${fill(pick(rand, pool), agency.name, at, textRand)}`,
      paragraphs,
      published,
      edited,
      isCchc,
      sourceLine: agency.name,
      author: pick(rand, ["Minh Thư", "Hoàng Yến", "Quốc Bảo", "Thanh Tâm", "Ngọc Hân"]),
      credit: "",
    });
  }
  // Credit lines draw from their own stream so that adding them left every other field as it was.
  const creditRand = prng(hashSeed(`${spec.key}:credit`, seed));
  for (const item of items) item.credit = pick(creditRand, CREDIT_STYLES)(item.sourceLine, item.author);
  items.sort((x, y) => x.published.getTime() - y.published.getTime());
  items.forEach((item, index) => (item.id = 1000 + index * 7 + (hashSeed(spec.key, seed) % 5)));
  return items.reverse();
}

/**
 * A portal that republishes items of agency portals (syndication): copies keep
 * the body, are published the same day or up to two days later, and credit the
 * agency. Merged with the portal's own items, newest first, ids re-assigned by date.
 */
export function withSyndicatedCopies(own: DemoArticle[], originals: DemoArticle[], share: number, key: string, seed: number): DemoArticle[] {
  const rand = prng(hashSeed(`${key}:syndication`, seed));
  const copies = originals
    .filter(() => rand() < share)
    .map((o) => {
      const published = new Date(o.published.getTime() + Math.floor(rand() * 3) * 86_400_000 + 3_600_000);
      return { ...o, published, edited: published, credit: pick(rand, CREDIT_STYLES)(o.sourceLine, o.author) };
    });
  const all = [...own, ...copies].sort((x, y) => x.published.getTime() - y.published.getTime());
  all.forEach((item, index) => (item.id = 1000 + index * 7 + (hashSeed(key, seed) % 5)));
  return all.reverse();
}

/**
 * Bodies the province's papers write about that are not agencies of the
 * registry (mass organisations): their items must stay unattributed, in the
 * review queue, never credited to a registered agency by guess.
 */
export const UNREGISTERED_BODIES = ["Hội Nông dân tỉnh", "Liên đoàn Lao động tỉnh"] as const;

/**
 * A share of a portal's own items rewritten to be about an unregistered body
 * (drawn from their own stream, so every other item stays as it was): the
 * DEMO then always has unattributed items for the review queue.
 */
export function withUnregisteredBodies(items: DemoArticle[], key: string, seed: number, share: number): DemoArticle[] {
  const rand = prng(hashSeed(`${key}:unregistered`, seed));
  return items.map((item) => {
    if (rand() >= share) return item;
    const body = pick(rand, UNREGISTERED_BODIES);
    const swap = (s: string) => s.split(item.sourceLine).join(body);
    const title = swap(item.title);
    return {
      ...item,
      title,
      slug: slugify(title),
      lead: swap(item.lead),
      paragraphs: item.paragraphs.map(swap),
      credit: swap(item.credit),
      sourceLine: body,
    };
  });
}
