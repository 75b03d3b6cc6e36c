/**
 * Deterministic synthetic Vietnamese articles for benchmarks (seeded, pure).
 * The words are written for this file; nothing comes from the evaluation set.
 */
import { pick, prng } from "../../pipelines/farm/content.ts";
import { contentHash } from "../../pipelines/warehouse/articles.ts";
import { fromVietnamWallClock, toVietnamIso, vietnamParts } from "../../pipelines/time/vietnam-time.ts";


const CCHC_SUBJECTS = [
  "Cải cách hành chính",
  "Chuyển đổi số",
  "Dịch vụ công trực tuyến",
  "Bộ phận một cửa",
  "Thủ tục hành chính",
  "Chính quyền điện tử",
  "Chỉ số hài lòng của người dân",
  "Đề án 06",
];
const OTHER_SUBJECTS = [
  "Hội thao truyền thống",
  "Mùa mưa bão",
  "Giải bóng đá thiếu niên",
  "Lễ hội văn hóa",
  "Phòng chống sốt xuất huyết",
  "Vụ lúa đông xuân",
  "Hiến máu tình nguyện",
  "Ngày hội đọc sách",
];
const ACTIONS = ["triển khai", "tổng kết", "sơ kết", "đẩy mạnh", "kiểm tra", "hướng dẫn", "tuyên truyền", "đánh giá"];
const PLACES = ["xã Tân Hòa", "phường Long Hoa", "huyện Dương Minh Châu", "thị xã Trảng Bàng", "xã Phước Vinh", "phường Ninh Sơn"];
const FILLER = [
  "Ủy ban nhân dân",
  "cán bộ, công chức",
  "người dân và doanh nghiệp",
  "hồ sơ được giải quyết đúng hạn",
  "kế hoạch năm",
  "quý này",
  "theo chỉ đạo của tỉnh",
  "kết quả bước đầu",
  "trên địa bàn",
  "nâng cao chất lượng phục vụ",
];
export const CCHC_AREAS = ["the-che", "thu-tuc", "bo-may", "cong-vu", "tai-chinh-cong", "so-hoa"] as const;

export interface SyntheticArticle {
  article_id: string;
  source_id: string;
  item_id: string;
  url: string;
  title: string;
  published_at: Date;
  published_text: string;
  body_text: string;
  content_hash: string;
  agency_id: string;
  is_cchc: boolean;
  cchc_area: string | null;
}

export interface CorpusShape {
  agencies: number;
  sourcesPerAgency: number;
  /** First year covered; articles spread over `years` calendar years. */
  fromYear: number;
  years: number;
  /** Share of articles that are about CCHC. */
  cchcShare: number;
  /** Body length in words (at least), to keep rows realistic but bounded. */
  bodyWords: number;
}

export const TAY_NINH_SHAPE: CorpusShape = { agencies: 300, sourcesPerAgency: 2, fromYear: 2022, years: 4, cchcShare: 0.3, bodyWords: 40 };

export const agencyId = (n: number) => `agency-${String(n).padStart(4, "0")}`;
export const sourceId = (agency: number, s: number) => `${agencyId(agency)}-src${s}`;

const pad = (n: number) => String(n).padStart(2, "0");

/** Synthetic Vietnamese title and body for one article (used by the classify benchmark too). */
export function syntheticText(rnd: () => number, isCchc: boolean, bodyWords: number): { title: string; body: string } {
  const subject = pick(rnd, isCchc ? CCHC_SUBJECTS : OTHER_SUBJECTS);
  const title = `${pick(rnd, PLACES)} ${pick(rnd, ACTIONS)} ${subject.toLowerCase()} ${pick(rnd, FILLER)}`.replace(/^./, (c) => c.toUpperCase());
  // Paragraphs of about 60 words, as portal articles are laid out.
  const paragraphs: string[] = [];
  let phrases: string[] = [subject];
  let words = subject.split(" ").length;
  let inParagraph = words;
  while (words < bodyWords) {
    const phrase = pick(rnd, [FILLER, ACTIONS, PLACES][Math.floor(rnd() * 3)]);
    phrases.push(phrase);
    const n = phrase.split(" ").length;
    words += n;
    inParagraph += n;
    if (inParagraph >= 60) {
      paragraphs.push(`${phrases.join(" ")}.`);
      phrases = [];
      inParagraph = 0;
    }
  }
  if (phrases.length) paragraphs.push(`${phrases.join(" ")}.`);
  return { title, body: paragraphs.join("\n\n") };
}

/**
 * Generate articles `start` … `start + count - 1` of a corpus. Article `i` is
 * the same whatever the batch boundaries, so a corpus can be produced in chunks.
 */
export function syntheticArticles(shape: CorpusShape, start: number, count: number, seed = 20240101): SyntheticArticle[] {
  const out: SyntheticArticle[] = [];
  const from = fromVietnamWallClock(shape.fromYear, 1, 1)!.getTime();
  const to = fromVietnamWallClock(shape.fromYear + shape.years, 1, 1)!.getTime();
  for (let i = start; i < start + count; i++) {
    const rnd = prng(seed ^ Math.imul(i + 1, 2654435761));
    const agency = Math.floor(rnd() * shape.agencies);
    const source = sourceId(agency, Math.floor(rnd() * shape.sourcesPerAgency));
    const instant = new Date(from + Math.floor(rnd() * (to - from) / 60_000) * 60_000);
    const isCchc = rnd() < shape.cchcShare;
    const { title, body } = syntheticText(rnd, isCchc, shape.bodyWords);
    const item = String(i + 1);
    const p = vietnamParts(instant);
    out.push({
      article_id: `${source}:${item}`,
      source_id: source,
      item_id: item,
      url: `https://${source}.tayninh.gov.vn/tin-tuc/bai-viet-${item}.html`,
      title,
      published_at: instant,
      published_text: `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`,
      body_text: body,
      content_hash: contentHash(title, body),
      agency_id: agencyId(agency),
      is_cchc: isCchc,
      cchc_area: isCchc ? pick(rnd, CCHC_AREAS) : null,
    });
  }
  return out;
}

/** ISO +07:00 of a synthetic instant (for row INSERT parameters). */
export const isoOf = (d: Date) => toVietnamIso(d);
