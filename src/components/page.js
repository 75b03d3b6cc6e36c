// Small page helpers: DEMO banner, query parameters, item tables. Text is always inserted as text.
import {dataTable} from "./table.js";
import {html} from "npm:htl";
import {agencyLabel, areaLabel, channelLabel, formatDate, splitList} from "./format.js";
import {archiveUrl} from "./archive-link.js";

/** The DEMO banner, shown whenever demo data is on the page. */
export function demoBanner(meta) {
  return meta?.is_demo
    ? html`<div class="demo-banner" role="status">DEMO — số liệu lấy từ các cổng thông tin mô phỏng (DEMO farm), không phải dữ liệu thật.</div>`
    : html``;
}

/** A query-string parameter of the current page, or null (url-state.js holds the URL rules). */
export {urlParam as queryParam} from "./url-state.js";

/** A safe external link: only http(s) URLs become links; the text is text. */
export function itemLink(url, text = "mở") {
  return /^https?:\/\//i.test(url ?? "") ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${text}</a>` : html`<span>—</span>`;
}

/** The archived copy ("bản lưu") of an item, opened from the built site (path from the marts' archive_path). */
export function archiveLink(path, text = "bản lưu", base = null) {
  const href = archiveUrl(path, base);
  return href ? html`<a class="archive-link" href=${href} target="_blank" rel="noopener" title="Bản lưu do hệ thống thu thập (mở được khi trang gốc đã thay đổi)">${text}</a>` : "";
}

/** The live link and, beside it, the archived copy: "mở · bản lưu" (`base`: the published site, for a PDF). */
export function itemLinks(url, archivePath, base = null) {
  const copy = archiveLink(archivePath, "bản lưu", base);
  return archiveUrl(archivePath) ? html`<span class="item-links">${itemLink(url)} · ${copy}</span>` : itemLink(url);
}

/** The standard table of items behind a number: date, title, agency, channel, area, link. */
export function itemsTable(items, {rows = 15, agency = true} = {}) {
  const columns = ["published_at", "title", ...(agency ? ["agency_name"] : []), "channel", "primary_area", "url"];
  return dataTable(items, {
    columns,
    header: {published_at: "Ngày đăng", title: "Tiêu đề", agency_name: "Cơ quan", channel: "Kênh", primary_area: "Lĩnh vực", url: "Liên kết"},
    format: {
      published_at: (d) => formatDate(d),
      title: (d) => html`<span>${d}</span>`,
      agency_name: agencyLabel,
      channel: channelLabel,
      primary_area: areaLabel,
      url: (d, i, data) => itemLinks(d, data[i]?.archive_path)
    },
    width: {published_at: 95, title: 380, channel: 150, url: 110},
    sort: "published_at",
    reverse: true,
    rows
  });
}

/** Items whose item_key is in a coverage row's comma-separated item_keys. */
export function itemsOf(coverageRow, itemsByKey) {
  return splitList(coverageRow?.item_keys).map((k) => itemsByKey.get(k)).filter(Boolean);
}
