/**
 * The crawl's user-facing error and warning sentences (events, crawl_errors.message):
 * every one has a stable code (`crawl.*`) and its Vietnamese sentence is written once,
 * here. A detail from outside (a Node error, an adapter, robots.txt) stays in parentheses.
 * The class of each failure is crawl_errors.kind (failure-kinds.ts), which the site shows
 * with its Vietnamese label; rows written before this catalogue keep their English text.
 */
import { n, type Params, s, viNumber } from "../vocabulary/messages.ts";

/** What a link is, as a user says it. */
export const LINK_WHAT = { link: "liên kết", article: "liên kết bài", next_page: "liên kết trang sau", canonical: "địa chỉ chuẩn (canonical)" } as const;
export type LinkWhat = keyof typeof LINK_WHAT;

export const CRAWL_MESSAGES = {
  "crawl.host_paused": (p: Params) => `máy chủ ${s(p, "host")} tạm dừng: ${s(p, "reason")}`,
  "crawl.paused_timeouts": (p: Params) => `${n(p, "count")} yêu cầu liên tiếp hết thời gian chờ (máy chủ không trả lời)`,
  "crawl.paused_retry_after": (p: Params) => `máy chủ yêu cầu chờ ${n(p, "seconds")} giây (Retry-After), quá giới hạn chờ`,
  "crawl.paused_failures": (p: Params) => `${n(p, "count")} yêu cầu liên tiếp thất bại`,
  "crawl.address_refused": (p: Params) => `địa chỉ ${s(p, "address")} bị chặn: ${s(p, "reason")}`,
  "crawl.host_address_refused": (p: Params) => `${s(p, "host")} → ${s(p, "address")} bị chặn: ${s(p, "reason")}`,
  "crawl.robots_unreachable": (p: Params) => `${s(p, "url")}: không đọc được robots.txt (${s(p, "reason")}): lần này không tải gì từ máy chủ này`,
  "crawl.robots_disallowed": (p: Params) => `${s(p, "url")}: robots.txt không cho phép`,
  "crawl.redirect_without_location": (p: Params) => `${s(p, "url")}: HTTP ${s(p, "status")} nhưng không có Location`,
  "crawl.redirect_refused": (p: Params) => `${s(p, "from")} → ${s(p, "to")}: từ chối chuyển hướng ra ngoài các máy chủ của nguồn`,
  "crawl.redirect_loop": (p: Params) => `${s(p, "url")}: quá ${n(p, "max")} lần chuyển hướng hoặc vòng lặp tại ${s(p, "at")}`,
  "crawl.http_status": (p: Params) => `${s(p, "url")}: máy chủ trả về HTTP ${s(p, "status")}`,
  "crawl.retry_after": (p: Params) => `${s(p, "url")}: HTTP ${s(p, "status")}, Retry-After ${n(p, "seconds")} giây: tạm dừng máy chủ`,
  "crawl.not_attempted": () => "chưa thử tải",
  "crawl.network": (p: Params) => `lỗi mạng (${s(p, "detail")})`,
  "crawl.timeout": (p: Params) => `hết thời gian chờ (${s(p, "detail")})`,
  "crawl.content_type": (p: Params) => `không đọc loại nội dung ${s(p, "type")}`,
  "crawl.too_large_declared": (p: Params) => `Content-Length ${n(p, "declared")} byte vượt giới hạn ${n(p, "max")} byte`,
  "crawl.too_large_body": (p: Params) => `nội dung lớn hơn ${n(p, "max")} byte`,
  "crawl.slow_body": (p: Params) => `nội dung về chậm hơn ${n(p, "rate")} byte/giây (${n(p, "bytes")} byte trong ${n(p, "seconds")} giây): bỏ dở`,
  "crawl.truncated_body": (p: Params) => `nội dung bị cắt: nhận ${n(p, "got")} trên ${n(p, "declared")} byte`,
  "crawl.link_not_url": (p: Params) => `${LINK_WHAT[s(p, "what") as LinkWhat] ?? s(p, "what")} "${s(p, "url")}" không phải địa chỉ URL: không theo`,
  "crawl.link_scheme": (p: Params) => `${LINK_WHAT[s(p, "what") as LinkWhat] ?? s(p, "what")} ${s(p, "url")}: chỉ theo liên kết http(s), không theo ${s(p, "protocol")}`,
  "crawl.link_off_host": (p: Params) =>
    `${LINK_WHAT[s(p, "what") as LinkWhat] ?? s(p, "what")} ${s(p, "url")} thuộc ${s(p, "host")}, không phải máy chủ của nguồn: đã ghi nhận, không theo`,
  "crawl.budget_queued": (p: Params) => `đã dùng hết hạn mức mỗi lần thu thập (${s(p, "amount")}); phần còn lại để lần sau`,
  "crawl.budget_url": (p: Params) => `${s(p, "url")}: đã dùng hết hạn mức mỗi lần thu thập (${s(p, "amount")})`,
  "crawl.bad_budget": (p: Params) => `hạn mức ${BUDGET_PART_VI[s(p, "part") as keyof typeof BUDGET_PART_VI] ?? s(p, "part")} mỗi lần thu thập phải là số dương, không phải ${s(p, "value")}`,
  "crawl.title_cut": (p: Params) => `tiêu đề dài ${n(p, "length")} ký tự, đã cắt còn ${n(p, "max")} (bỏ ${n(p, "cut")} ký tự)`,
  "crawl.parse_failed": (p: Params) => `không trích xuất được nội dung (${s(p, "detail")})`,
  "crawl.recorded_next_run": (p: Params) => `${s(p, "message")} (ghi lại ở lần chạy sau)`,
  "crawl.locked_by_build": (p: Params) =>
    `một lần dựng trang (cchc build) đang đọc ${s(p, "db")} (pid ${s(p, "pid")}, từ ${s(p, "since")}); hãy chờ nó xong hoặc dừng nó (tệp khóa ${s(p, "lock")})`,
  "crawl.locked_by_crawl": (p: Params) =>
    `một lần thu thập khác đang chạy trên ${s(p, "db")} (pid ${s(p, "pid")}, từ ${s(p, "since")}); hãy chờ nó xong hoặc dừng nó (tệp khóa ${s(p, "lock")})`,
  "crawl.lock_failed": (p: Params) => `không lấy được khóa thu thập ${s(p, "lock")}`,
  "crawl.warn_insecure_tls": () => "cảnh báo: nguồn này tắt kiểm tra chứng chỉ TLS (insecure_tls)",
  "crawl.warn_private_addresses": (p: Params) => `cảnh báo: nguồn này được kết nối tới địa chỉ mạng nội bộ ${s(p, "addresses")} (politeness.allow_addresses)`,
} satisfies Record<string, (p: Params) => string>;

export type CrawlCode = keyof typeof CRAWL_MESSAGES;

export const crawlMessage = (code: CrawlCode, params: Params = {}): string => CRAWL_MESSAGES[code](params);

/** A budget's parts (budgets.ts SourceBudget) as a user says them. */
export const BUDGET_PART_VI = { pages: "số yêu cầu", new_articles: "số bài mới", bytes: "dung lượng tải về", time_ms: "thời gian" } as const;

/** A budget amount in Vietnamese ("200 yêu cầu", "50 bài mới", "5 MiB", "600 giây"). */
export const BUDGET_AMOUNT_VI = {
  pages: (v: number) => `${viNumber(v)} yêu cầu`,
  new_articles: (v: number) => `${viNumber(v)} bài mới`,
  bytes: (v: number) => (v < 1024 * 1024 ? `${viNumber(Math.round(v / 1024))} KiB` : `${viNumber(Math.round(v / 1024 / 1024))} MiB`),
  time_ms: (v: number) => `${viNumber(Math.round(v / 1000))} giây`,
} as const;
