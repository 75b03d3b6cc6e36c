/**
 * The one vocabulary of the product: every code the warehouse can hold, with
 * its Vietnamese label, short label and description. The registry validator,
 * the classifier's lexicon, the evidence template, the coverage engine, the
 * CLI tables, the exports and the site (as data: the `vocabulary` warehouse
 * table and src/data/vocabulary.json) all read this file; nothing else lists
 * codes or labels.
 *
 * To add a code: add one line to its table below (code, label, short label,
 * description). `test/vocabulary/vocabulary.test.ts` checks every code the
 * warehouse can hold has a label.
 */

export interface Term {
  code: string;
  /** Full Vietnamese label, shown in tables, exports and CLI output. */
  label: string;
  /** Short Vietnamese label for chart axes and badges. */
  short: string;
  /** One sentence in Vietnamese: what the code means. */
  description: string;
}

import { ERROR_KIND_LABELS_VI, ERROR_KINDS } from "../crawl/failure-kinds.ts";

type Row = readonly [code: string, label: string, short: string, description: string];

const table = <const R extends readonly Row[]>(rows: R) => rows;

// ── Reform areas (NQ 76/NQ-CP), one list for the lexicon, the registry, evidence, plan tasks and the site ──
const REFORM_AREA_ROWS = table([
  ["the_che", "Cải cách thể chế", "Thể chế", "Xây dựng, hoàn thiện và tổ chức thi hành thể chế, văn bản quy phạm pháp luật."],
  ["tthc", "Cải cách thủ tục hành chính", "TTHC", "Kiểm soát, rà soát, đơn giản hóa thủ tục hành chính; một cửa, một cửa liên thông."],
  ["bo_may", "Cải cách tổ chức bộ máy hành chính", "Tổ chức bộ máy", "Sắp xếp tổ chức bộ máy, đơn vị hành chính; tinh giản biên chế."],
  ["cong_vu", "Cải cách chế độ công vụ, công chức", "Công vụ", "Vị trí việc làm, tuyển dụng, đánh giá, kỷ luật, kỷ cương công vụ."],
  ["tai_chinh_cong", "Cải cách tài chính công", "Tài chính công", "Cơ chế tài chính, tự chủ của đơn vị sự nghiệp, quản lý ngân sách."],
  ["chinh_quyen_so", "Xây dựng chính quyền điện tử, chính quyền số", "Chính quyền số", "Dịch vụ công trực tuyến, chuyển đổi số, hệ thống thông tin."],
  ["chi_so", "Các chỉ số (PAR INDEX, SIPAS, PAPI, PCI, DTI, DDCI)", "Chỉ số", "Chỉ số cải cách hành chính và các chỉ số quản trị, hài lòng."],
  ["chi_dao_dieu_hanh", "Công tác chỉ đạo, điều hành", "Chỉ đạo, điều hành", "Kế hoạch, kiểm tra, báo cáo, thông tin tuyên truyền về CCHC."],
  ["tac_dong", "Tác động của cải cách hành chính", "Tác động", "Kết quả, tác động của CCHC đến người dân, doanh nghiệp và phát triển."],
  ["chung", "Cải cách hành chính (chung)", "CCHC chung", "Tin, bài về CCHC không thuộc riêng lĩnh vực nào."],
]);

// ── Channels ──
const CHANNEL_ROWS = table([
  ["provincial_portal", "Cổng Thông tin điện tử tỉnh", "Cổng TTĐT tỉnh", "Tin, bài của cơ quan đăng trên Cổng TTĐT tỉnh."],
  ["own_portal", "Cổng/Trang thông tin điện tử của cơ quan", "Trang TTĐT cơ quan", "Trang thông tin điện tử riêng của cơ quan."],
  ["city_portal", "Cổng thông tin điện tử thành phố", "Cổng TTĐT thành phố", "Cổng TTĐT của thành phố, thị xã, huyện."],
  ["newspaper", "Báo Tây Ninh", "Báo", "Tin, bài trên báo in và báo điện tử."],
  ["broadcaster", "Đài Phát thanh - Truyền hình", "Đài PT-TH", "Chương trình, phóng sự, tin phát thanh, truyền hình."],
  ["youtube", "YouTube", "YouTube", "Video trên kênh YouTube của cơ quan."],
  ["facebook", "Facebook", "Facebook", "Bài đăng trên trang Facebook của cơ quan."],
  ["zalo", "Zalo", "Zalo", "Tin trên tài khoản Zalo của cơ quan."],
  ["egov", "Hệ thống quản lý văn bản, điều hành (eGov)", "eGov", "Thông tin gửi qua hệ thống eGov nội bộ."],
  ["meeting", "Hội nghị, cuộc họp", "Hội nghị", "Hội nghị, cuộc họp có lồng ghép tuyên truyền CCHC."],
  ["training", "Lớp tập huấn, bồi dưỡng", "Tập huấn", "Lớp tập huấn, bồi dưỡng về CCHC."],
  ["sms", "Tin nhắn SMS", "SMS", "Tin nhắn gửi đến người dân, doanh nghiệp."],
  ["poster", "Pano, áp phích, tờ rơi", "Pano, áp phích", "Pano, áp phích, băng rôn, tờ rơi."],
  ["public_service_centre", "Trung tâm Phục vụ hành chính công", "Trung tâm HCC", "Tuyên truyền tại Trung tâm Phục vụ HCC, bộ phận một cửa."],
  ["official_document", "Văn bản chỉ đạo, kế hoạch", "Văn bản", "Kế hoạch, văn bản chỉ đạo của cơ quan (số hiệu văn bản)."],
  ["site_visits", "Lượt truy cập trang thông tin điện tử", "Lượt truy cập", "Số lượt truy cập trang TTĐT theo thống kê của cơ quan."],
  // Activities plan 001 (1007/KH-UBND) §II.2 names, entered as evidence (issue 14):
  ["contest", "Cuộc thi, hội thi, hội diễn", "Cuộc thi", "Cuộc thi viết, hội thi, hội diễn về CCHC (II.2.d)."],
  ["dialogue", "Tọa đàm, đối thoại", "Đối thoại", "Tọa đàm, đối thoại giữa chính quyền với người dân, doanh nghiệp (II.2.d)."],
  ["printed_material", "Ấn phẩm, sổ tay, tài liệu, tờ rơi", "Ấn phẩm", "Ấn phẩm dạng tệp hoặc đóng tập, sổ tay, tài liệu, tờ rơi (II.2.a)."],
  ["kiosk", "Ki-ốt tra cứu thủ tục hành chính", "Ki-ốt tra cứu", "Ki-ốt, màn hình tra cứu TTHC tại bộ phận một cửa."],
  ["emulation", "Phong trào thi đua", "Phong trào", "Phong trào của đoàn viên, thanh niên, công chức về CCHC (II.2.d)."],
  ["other", "Hình thức khác (ghi rõ)", "Khác", "Hình thức tuyên truyền khác (II.2.g); minh chứng phải mô tả hoạt động ở cột Ghi chú."],
]);

// ── Channel groups a target may name instead of channels (pipelines/registry/types.ts CHANNEL_GROUPS) ──
const CHANNEL_GROUP_ROWS = table([
  ["mass_media", "Phương tiện thông tin đại chúng", "Đại chúng", "Báo, đài, YouTube, Facebook, Zalo và các cổng/trang TTĐT."],
  ["social", "Mạng xã hội", "Mạng xã hội", "Các mạng xã hội: YouTube, Facebook, Zalo."],
]);

// ── What a target counts. `amount` says what one matched item adds; `media` limits the items to those media kinds. ──
export type Amount = "one" | "sessions" | "attendance" | "quantity";
const MEASURE_ROWS = table([
  ["items", "Tin, bài", "tin, bài", "Mỗi tin, bài (hoặc minh chứng) được tính là 1."],
  ["video", "Video", "video", "Chỉ tính tin, bài có dạng video và đúng chủ đề."],
  ["programme", "Chương trình", "chương trình", "Chương trình phát thanh, truyền hình."],
  ["reportage", "Phóng sự", "phóng sự", "Phóng sự phát thanh, truyền hình, báo chí."],
  ["sessions", "Số buổi, đợt", "buổi", "Cộng số buổi (cột “Số buổi / lượt”) của minh chứng."],
  ["staff_informed", "Số người được phổ biến", "người", "Cộng số người tham dự (cột “Số người tham dự”) của minh chứng."],
  ["visits", "Lượt truy cập", "lượt truy cập", "Cộng số lượng (cột “Số lượng”) của minh chứng, ví dụ lượt truy cập."],
  ["document", "Văn bản", "văn bản", "Kế hoạch, văn bản ban hành."],
  ["report", "Báo cáo", "báo cáo", "Báo cáo định kỳ."],
]);
export const MEASURE_RULES: Record<string, { amount: Amount; media: readonly string[] | null }> = {
  items: { amount: "one", media: null },
  video: { amount: "one", media: ["video"] },
  programme: { amount: "one", media: null },
  reportage: { amount: "one", media: null },
  sessions: { amount: "sessions", media: null },
  staff_informed: { amount: "attendance", media: null },
  visits: { amount: "quantity", media: null },
  document: { amount: "one", media: null },
  report: { amount: "one", media: null },
};

// ── Media kind of an article or evidence row ──
const MEDIA_KIND_ROWS = table([
  ["text", "Bài viết", "Bài viết", "Tin, bài dạng văn bản (có thể kèm ảnh minh họa)."],
  ["video", "Video", "Video", "Trang có trình phát video hoặc video nhúng; chương trình truyền hình."],
  ["audio", "Âm thanh", "Âm thanh", "Chương trình phát thanh, tệp âm thanh."],
  ["document", "Văn bản, tài liệu", "Tài liệu", "Văn bản, tệp tài liệu (PDF, Word…)."],
  ["image", "Hình ảnh", "Hình ảnh", "Ảnh, pano, áp phích, infographic."],
  ["gallery", "Phóng sự ảnh", "Phóng sự ảnh", "Bộ sưu tập nhiều ảnh."],
]);

// ── Coverage status (computed once, by the coverage engine; see pipelines/coverage/targets.ts targetStatus) ──
const COVERAGE_STATUS_ROWS = table([
  ["met", "Đạt", "Đạt", "Số thực hiện đã bằng hoặc vượt chỉ tiêu."],
  ["on_track", "Đúng tiến độ", "Đúng tiến độ", "Chưa đạt nhưng theo kịp tiến độ của kỳ."],
  ["at_risk", "Có nguy cơ", "Nguy cơ", "Chậm so với tiến độ, hoặc đã qua 80 % thời gian của kỳ mà chưa đạt."],
  ["missed", "Không đạt", "Không đạt", "Kỳ đã kết thúc mà chưa đạt chỉ tiêu."],
  ["not_started", "Chưa đến kỳ", "Chưa đến kỳ", "Kỳ chưa bắt đầu."],
]);

const TASK_STATUS_ROWS = table([
  ["todo", "Chưa thực hiện", "Chưa làm", "Nhiệm vụ chưa bắt đầu."],
  ["in_progress", "Đang thực hiện", "Đang làm", "Nhiệm vụ đang thực hiện."],
  ["done", "Đã hoàn thành", "Hoàn thành", "Nhiệm vụ đã hoàn thành."],
  ["not_applicable", "Không áp dụng", "Không áp dụng", "Nhiệm vụ không áp dụng cho đơn vị."],
]);

// ── A plan task's status as shown: the analyst's status, or computed from its deadline and today (pipelines/registry/tasks.ts) ──
const TASK_STATE_ROWS = table([
  ["done", "✓ Hoàn thành", "Hoàn thành", "Đã đánh dấu hoàn thành, hoặc đã có minh chứng hoàn thành (liên kết, số hiệu văn bản)."],
  ["in_progress", "→ Đang thực hiện", "Đang làm", "Đang thực hiện, chưa qua hạn."],
  ["overdue", "✗ Quá hạn", "Quá hạn", "Đã qua ngày cuối của hạn mà chưa có minh chứng hoàn thành."],
  ["todo", "○ Chưa thực hiện", "Chưa làm", "Chưa có minh chứng; chưa đến hạn."],
  ["no_deadline", "○ Chưa thực hiện (không có hạn cụ thể)", "Không hạn", "Chưa có minh chứng; kế hoạch không nêu ngày cụ thể."],
  ["not_applicable", "— Không áp dụng", "Không áp dụng", "Nhiệm vụ không áp dụng cho đơn vị."],
]);

const TASK_KIND_ROWS = table([
  ["task", "Nhiệm vụ", "Nhiệm vụ", "Nhiệm vụ trong kế hoạch."],
  ["report", "Báo cáo", "Báo cáo", "Báo cáo kế hoạch yêu cầu (quý, 6 tháng, 9 tháng, năm)."],
  ["own_plan", "Kế hoạch của đơn vị", "Kế hoạch", "Kế hoạch riêng của cơ quan, đơn vị phải ban hành trước một ngày."],
]);

const SOURCE_HEALTH_ROWS = table([
  ["ok", "Bình thường", "Bình thường", "Lần thu thập gần nhất thành công, không có cảnh báo."],
  ["warning", "Cần chú ý", "Cảnh báo", "Thu thập được nhưng có dấu hiệu bất thường (ví dụ lỗi trích xuất tăng)."],
  ["broken", "Đang lỗi", "Lỗi", "Lần chạy gần nhất thất bại hoặc quá lâu không thu thập được."],
  ["never_crawled", "Chưa thu thập", "Chưa thu thập", "Nguồn chưa từng được thu thập."],
  ["not_crawlable", "Nhập tay (không thu thập tự động)", "Nhập tay", "Kênh không thu thập tự động được; minh chứng do cán bộ nhập."],
]);

const ATTRIBUTION_ROWS = table([
  ["source", "Nguồn của cơ quan", "Nguồn", "Nguồn chỉ đăng tin của một cơ quan."],
  ["byline", "Tác giả, nguồn tin", "Tác giả", "Tên cơ quan ở dòng tác giả."],
  ["source_line", "Dòng “Nguồn:”", "Dòng nguồn", "Tên cơ quan ở dòng “Nguồn:” cuối bài."],
  ["title", "Tiêu đề", "Tiêu đề", "Tên cơ quan trong tiêu đề."],
  ["lead", "Đoạn mở đầu", "Mở đầu", "Tên cơ quan trong đoạn mở đầu."],
  ["body", "Thân bài", "Thân bài", "Tên cơ quan là chủ thể trong thân bài."],
  ["unattributed", "Chưa xác định cơ quan", "Chưa xác định", "Không tìm thấy cơ quan; mục nằm ở nhóm chưa xác định."],
  ["analyst", "Cán bộ nhập hoặc hiệu chỉnh", "Cán bộ", "Cơ quan do cán bộ nhập minh chứng hoặc hiệu chỉnh."],
]);

// Why an attribution waits for an analyst (article_attribution.review_kind, migration 100).
const ATTRIBUTION_REVIEW_ROWS = table([
  ["tie", "Hai cơ quan ngang nhau", "Ngang nhau", "Hai cơ quan cùng là chủ thể; chưa gán, chờ cán bộ chọn."],
  ["unattributed", "Được nhắc đến, không phải chủ thể", "Chỉ được nhắc", "Bài có nhắc cơ quan nhưng không cơ quan nào là chủ thể; chưa gán."],
  ["low_confidence", "Độ tin cậy thấp", "Tin cậy thấp", "Đã gán nhưng căn cứ yếu; cán bộ nên xác nhận."],
]);

const AGENCY_KIND_ROWS = table([
  ["provincial_government", "UBND tỉnh", "UBND tỉnh", "Ủy ban nhân dân tỉnh."],
  ["provincial_body", "Cơ quan cấp tỉnh khác", "Cơ quan tỉnh", "HĐND tỉnh, Tỉnh ủy và cơ quan cấp tỉnh khác."],
  ["so_ban_nganh", "Sở, ban, ngành tỉnh", "Sở, ban, ngành", "Sở, ban, ngành (gồm Văn phòng UBND tỉnh, Thanh tra tỉnh, BQL Khu kinh tế)."],
  ["ubnd_huyen", "UBND huyện, thị xã, thành phố", "UBND cấp huyện", "Ủy ban nhân dân cấp huyện (đến 30/6/2025)."],
  ["phong_chuyen_mon", "Phòng chuyên môn", "Phòng chuyên môn", "Phòng chuyên môn thuộc UBND cấp huyện."],
  ["don_vi_su_nghiep", "Đơn vị sự nghiệp", "Đơn vị sự nghiệp", "Đơn vị sự nghiệp công lập (ví dụ Trung tâm VH-TT&TT)."],
  ["ubnd_xa_phuong", "UBND xã, phường, thị trấn", "UBND cấp xã", "Ủy ban nhân dân cấp xã."],
  ["press", "Báo", "Báo", "Cơ quan báo chí."],
  ["broadcaster", "Đài Phát thanh - Truyền hình", "Đài PT-TH", "Đài phát thanh, truyền hình."],
  ["press_broadcaster", "Báo và Phát thanh, Truyền hình", "Báo và PT-TH", "Cơ quan báo chí hợp nhất báo và đài (từ 2025)."],
]);

const PERIOD_KIND_ROWS = table([
  ["month", "Tháng", "Tháng", "Chỉ tiêu tính theo từng tháng."],
  ["quarter", "Quý", "Quý", "Chỉ tiêu tính theo từng quý."],
  ["half", "6 tháng", "6 tháng", "Chỉ tiêu tính theo 6 tháng."],
  ["nine_months", "9 tháng", "9 tháng", "Chỉ tiêu tính cho 9 tháng đầu năm."],
  ["year", "Năm", "Năm", "Chỉ tiêu tính cho cả năm."],
]);

const LINEAGE_RELATION_ROWS = table([
  ["merged_into", "Hợp nhất vào", "Hợp nhất", "Cơ quan được hợp nhất, sáp nhập vào cơ quan kế thừa."],
  ["renamed_to", "Đổi tên thành", "Đổi tên", "Cơ quan đổi tên."],
  ["split_into", "Tách thành", "Tách", "Cơ quan được tách thành nhiều cơ quan."],
  ["part_to", "Chuyển một phần chức năng sang", "Chuyển một phần", "Một phần chức năng chuyển sang cơ quan khác; cơ quan không vì thế mà tương ứng với cơ quan đó."],
]);

const PLATFORM_ROWS = table([
  ["nukeviet", "NukeViet", "NukeViet", "Cổng/trang TTĐT trên nền NukeViet."],
  ["sharepoint", "SharePoint", "SharePoint", "Cổng TTĐT trên nền SharePoint."],
  ["baotayninh", "Báo Tây Ninh điện tử", "baotayninh.vn", "Trang báo điện tử Báo Tây Ninh."],
  ["rss", "Nguồn tin RSS", "RSS", "Nguồn tin dạng RSS/Atom."],
  ["generic", "Trang tin chung", "Trang tin", "Trang tin điện tử khác (trích xuất chung)."],
]);

// Crawl failure kinds and their labels are defined with the crawler (pipelines/crawl/failure-kinds.ts); listed here from there.
const CRAWL_ERROR_KIND_ROWS: readonly Row[] = ERROR_KINDS.map((k) => [k, ERROR_KIND_LABELS_VI[k], ERROR_KIND_LABELS_VI[k], `Lỗi khi thu thập: ${ERROR_KIND_LABELS_VI[k]}.`] as const);

const RUN_STATUS_ROWS = table([
  ["ok", "Thành công", "Thành công", "Lần chạy hoàn tất không lỗi."],
  ["partial", "Thành công một phần", "Một phần", "Lần chạy hoàn tất nhưng có trang lỗi."],
  ["failed", "Thất bại", "Thất bại", "Lần chạy không thu thập được."],
  ["running", "Đang chạy", "Đang chạy", "Lần chạy chưa kết thúc."],
  ["interrupted", "Bị gián đoạn", "Gián đoạn", "Lần chạy bị dừng giữa chừng."],
]);

/** Why an item is credited to an agency (the resolved lineage table, intermediate layer). */
const CREDIT_REASON_ROWS = table([
  ["own", "Cơ quan đăng tin", "Cơ quan đăng", "Mục được ghi cho chính cơ quan tại ngày đăng."],
  ["successor", "Cơ quan kế thừa", "Kế thừa", "Cơ quan đăng tin đã không còn tại ngày đăng; mục được ghi cho cơ quan kế thừa."],
  ["current", "Vẫn đang hoạt động", "Đang hoạt động", "Cơ quan vẫn tồn tại đến nay."],
  ["abolished", "Đã giải thể, không có cơ quan kế thừa", "Giải thể", "Cơ quan đã kết thúc và không có cơ quan kế thừa."],
]);

/** Completeness alarms of a crawl (pipelines/crawl/completeness.ts): the run read less than the portal showed. */
const CRAWL_ALARM_ROWS = table([
  ["links_unread", "Trang danh sách có liên kết bài viết chưa được đọc", "Liên kết chưa đọc", "Trang danh sách có nhiều liên kết bài viết hơn số mục đọc được."],
  ["page_emptied", "Trang danh sách không còn mục nào (lần trước có)", "Trang rỗng", "Trang không đọc được mục nào trong khi lần trước đọc được."],
  ["since_not_reached", "Chưa thu thập lùi tới ngày yêu cầu (--since)", "Chưa lùi tới ngày", "Thu thập lùi dừng trước khi gặp bài cũ hơn ngày yêu cầu."],
  ["short_page", "Trang danh sách ít mục hơn cỡ trang mà chưa phải trang cuối", "Trang thiếu mục", "Trang có trang sau nhưng ít mục hơn cỡ trang của danh sách."],
  ["feed_only_backfill", "Địa chỉ bắt đầu chỉ là nguồn tin RSS khi thu thập lùi", "Chỉ có RSS", "Nguồn tin RSS chỉ giữ các bài mới nhất; cần khai báo trang danh sách."],
  ["undated_share", "Tỷ lệ bài không có ngày đăng vượt ngưỡng", "Thiếu ngày đăng", "Quá 20 % số bài của lần chạy không có ngày đăng."],
  ["bodyless_share", "Tỷ lệ bài không đọc được nội dung vượt ngưỡng", "Thiếu nội dung", "Quá 20 % số trang bài viết của lần chạy không đọc được nội dung."],
]);

/**
 * Why a countable item counts toward no target in force (mart_item_targets): the Minh chứng page
 * lists such items apart from the counted ones, with this reason, and the search says it.
 */
const UNCOUNTED_REASON_ROWS = table([
  ["no_targets_year", "Năm của tin, bài chưa có chỉ tiêu nào", "Năm chưa có chỉ tiêu", "Không có chỉ tiêu nào (kể cả chỉ tiêu tạm tính) đang áp dụng cho năm đăng tin, bài."],
  ["unattributed", "Chưa xác định cơ quan nên chưa tính cho chỉ tiêu nào", "Chưa xác định cơ quan", "Tin, bài chưa được ghi cho cơ quan nào; cán bộ xác nhận cơ quan ở trang Dữ liệu."],
  ["agency_ended", "Cơ quan đã kết thúc hoạt động trước ngày đăng, không có chỉ tiêu áp dụng", "Cơ quan đã kết thúc", "Cơ quan đăng tin đã kết thúc hoạt động (sắp xếp 2025) trước ngày đăng và không có chỉ tiêu nào áp dụng cho cơ quan được ghi nhận."],
  ["agency_not_bound", "Không có chỉ tiêu nào áp dụng cho cơ quan trong năm", "Cơ quan không có chỉ tiêu", "Không chỉ tiêu nào của năm áp dụng cho cơ quan được ghi nhận (với chỉ tiêu tạm tính: loại cơ quan chưa được xác nhận)."],
  ["channel_not_counted", "Kênh đăng không thuộc chỉ tiêu nào của cơ quan", "Kênh không thuộc chỉ tiêu", "Có chỉ tiêu áp dụng cho cơ quan trong năm nhưng không chỉ tiêu nào tính kênh này."],
  ["not_matched", "Không khớp chủ đề, cách tính hoặc thời hạn của chỉ tiêu nào", "Không khớp chỉ tiêu", "Có chỉ tiêu tính kênh này cho cơ quan nhưng tin, bài không khớp chủ đề, dạng (ví dụ video) hoặc nằm ngoài kỳ, sau thời hạn."],
]);

const DOMAINS = {
  reform_area: REFORM_AREA_ROWS,
  channel: CHANNEL_ROWS,
  channel_group: CHANNEL_GROUP_ROWS,
  measure: MEASURE_ROWS,
  media_kind: MEDIA_KIND_ROWS,
  coverage_status: COVERAGE_STATUS_ROWS,
  task_status: TASK_STATUS_ROWS,
  task_state: TASK_STATE_ROWS,
  task_kind: TASK_KIND_ROWS,
  source_health: SOURCE_HEALTH_ROWS,
  attribution: ATTRIBUTION_ROWS,
  attribution_review: ATTRIBUTION_REVIEW_ROWS,
  agency_kind: AGENCY_KIND_ROWS,
  period_kind: PERIOD_KIND_ROWS,
  lineage_relation: LINEAGE_RELATION_ROWS,
  credit_reason: CREDIT_REASON_ROWS,
  crawl_alarm: CRAWL_ALARM_ROWS,
  platform: PLATFORM_ROWS,
  crawl_error_kind: CRAWL_ERROR_KIND_ROWS,
  run_status: RUN_STATUS_ROWS,
  uncounted_reason: UNCOUNTED_REASON_ROWS,
} as const;

export type Domain = keyof typeof DOMAINS;
type CodesOf<D extends Domain> = (typeof DOMAINS)[D][number][0];

function codes<D extends Domain>(domain: D): readonly CodesOf<D>[] {
  return DOMAINS[domain].map((r) => r[0]) as unknown as readonly CodesOf<D>[];
}

export const REFORM_AREAS = codes("reform_area");
export type ReformArea = CodesOf<"reform_area">;
/** Areas the lexicon must define terms for (articles are tagged with them); the others name plan tasks and targets only. */
export const TAGGED_AREAS = REFORM_AREAS.filter((a) => a !== "chi_dao_dieu_hanh" && a !== "tac_dong");
export const CHANNELS = codes("channel");
export type Channel = CodesOf<"channel">;
export const MEASURES = codes("measure");
export type Measure = CodesOf<"measure">;
export const MEDIA_KINDS = codes("media_kind");
export type MediaKind = CodesOf<"media_kind">;
export const COVERAGE_STATUSES = codes("coverage_status");
export type CoverageStatus = CodesOf<"coverage_status">;
export const TASK_STATUSES = codes("task_status");
export type TaskStatus = CodesOf<"task_status">;
export const TASK_STATES = codes("task_state");
export type TaskState = CodesOf<"task_state">;
export const TASK_KINDS = codes("task_kind");
export type TaskKind = CodesOf<"task_kind">;
export const AGENCY_KINDS = codes("agency_kind");
export type AgencyKind = CodesOf<"agency_kind">;
export const PERIOD_KINDS = codes("period_kind");
export const LINEAGE_RELATIONS = codes("lineage_relation");
export const CRAWL_ALARMS = codes("crawl_alarm");
export type CrawlAlarm = CodesOf<"crawl_alarm">;
export type LineageRelation = CodesOf<"lineage_relation">;

/** Earlier spellings still accepted on input (stored overrides, old files), mapped to the code. */
export const LEGACY_CODES: Record<string, string> = {
  to_chuc_bo_may: "bo_may",
};

/** The media kind an evidence row has when its file does not say (by channel). */
export const CHANNEL_MEDIA_KIND: Partial<Record<Channel, MediaKind>> = {
  youtube: "video",
  broadcaster: "video",
  official_document: "document",
  poster: "image",
};

const INDEX: Map<string, Map<string, Term>> = new Map(
  Object.entries(DOMAINS).map(([domain, rows]) => [
    domain,
    new Map(rows.map(([code, label, short, description]) => [code, { code, label, short, description }])),
  ]),
);

/** Every term of a domain, in table order. */
export function terms(domain: Domain): Term[] {
  return [...INDEX.get(domain)!.values()];
}

export function term(domain: Domain, code: string): Term | undefined {
  return INDEX.get(domain)!.get(LEGACY_CODES[code] ?? code);
}

/** The Vietnamese label of a code; an unknown code is shown as "Không rõ (code)" so it is visible, never silent. */
export function label(domain: Domain, code: string | null | undefined, kind: "label" | "short" = "label"): string {
  if (code === null || code === undefined || code === "") return "";
  const t = term(domain, code);
  return t ? t[kind] : `Không rõ (${code})`;
}

/** A comma-separated list of codes → their labels joined with "; " (a code of `also` domains is labelled from there). */
export function labels(domain: Domain, list: string | readonly string[] | null | undefined, also: Domain[] = []): string {
  if (!list) return "";
  const items = typeof list === "string" ? list.split(",") : list;
  const one = (c: string) => {
    const d = [domain, ...also].find((x) => term(x, c));
    return label(d ?? domain, c);
  };
  return items.map((c) => c.trim()).filter(Boolean).map(one).join("; ");
}

/** Is `code` a code of the domain (legacy spellings excluded)? */
export function isCode(domain: Domain, code: string): boolean {
  return INDEX.get(domain)!.has(code);
}

/** The canonical code for an input spelling (legacy codes mapped), or the input itself. */
export function canonicalCode(code: string): string {
  return LEGACY_CODES[code] ?? code;
}

/** Period key → Vietnamese label: "2024-Q1" → "Quý I/2024", "2024-05" → "Tháng 5/2024", "2024" → "Năm 2024". */
export function periodKeyLabel(period: string | null | undefined): string {
  if (period === null || period === undefined) return "";
  const p = String(period);
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(p))) return `Quý ${["I", "II", "III", "IV"][Number(m[2]) - 1]}/${m[1]}`;
  if ((m = /^(\d{4})-M?(\d{2})$/.exec(p))) return `Tháng ${Number(m[2])}/${m[1]}`;
  if ((m = /^(\d{4})-H1$/.exec(p))) return `6 tháng đầu năm ${m[1]}`;
  if ((m = /^(\d{4})-H2$/.exec(p))) return `6 tháng cuối năm ${m[1]}`;
  if ((m = /^(\d{4})-9M$/.exec(p))) return `9 tháng năm ${m[1]}`;
  if ((m = /^(\d{4})$/.exec(p))) return `Năm ${m[1]}`;
  return p;
}

/** Every (domain, term) pair: what the `vocabulary` warehouse table and src/data/vocabulary.json hold. */
export function vocabularyRows(): ({ domain: Domain } & Term)[] {
  return (Object.keys(DOMAINS) as Domain[]).flatMap((domain) => terms(domain).map((t) => ({ domain, ...t })));
}
