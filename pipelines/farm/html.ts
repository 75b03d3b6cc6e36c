/** Escaping for the farm's hand-built HTML and XML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Wall-clock parts in +07:00 for rendering dates the way Vietnamese portals print them. */
export function wall(date: Date) {
  const d = new Date(date.getTime() + 7 * 3_600_000);
  return {
    y: d.getUTCFullYear(),
    m: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    weekday: d.getUTCDay(),
    hour12: d.getUTCHours() % 12 || 12,
    ampm: d.getUTCHours() < 12 ? "AM" : "PM",
  };
}

export const VI_WEEKDAYS = ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"];

export const DEMO_BANNER =
  '<div class="demo-banner" style="background:#ffe08a;padding:4px 8px;font-weight:bold">DEMO — cổng thông tin mô phỏng, dữ liệu không có thật</div>';

/** robots.txt of a DEMO portal (the crawler honours it). */
export function robots(disallow: string[]): { status: number; type: string; body: string } {
  return { status: 200, type: "text/plain", body: `User-agent: *\n${disallow.map((d) => `Disallow: ${d}`).join("\n")}\n` };
}

export const NOT_FOUND = { status: 404, type: "text/html; charset=utf-8", body: "<h1>404 - Không tìm thấy trang (DEMO)</h1>" };

/** "d/m/Y H:i" day-first, or "n/j/Y g:i A" month-first, as the two SharePoint portals print dates. */
export function numericDate(date: Date, order: "dmy" | "mdy"): string {
  const w = wall(date);
  if (order === "mdy") return `${Number(w.m)}/${Number(w.d)}/${w.y} ${w.hour12}:${w.M} ${w.ampm}`;
  return `${w.d}/${w.m}/${w.y} ${w.H}:${w.M}`;
}

/** "07/02/2026": the day as Vietnamese portals print it. */
export function dmyDate(date: Date): string {
  const w = wall(date);
  return `${w.d}/${w.m}/${w.y}`;
}
