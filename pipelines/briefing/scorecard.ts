/**
 * `cchc scorecard`: which agency and year to print, checked against the
 * warehouse (the agency scorecard mart) before anything is built or printed,
 * with Vietnamese errors; and the page path the PDF is printed from.
 */
import type { Warehouse } from "../warehouse/db.ts";

export class ScorecardError extends Error {}

/** "--year": a four-digit year or a Vietnamese error naming the flag. */
export function parseScorecardYear(text: string): number {
  const year = Number(String(text).trim());
  if (!/^\d{4}$/.test(String(text).trim()) || year < 2000 || year > 2100) throw new ScorecardError(`--year: “${text}” không phải là năm (ví dụ 2025)`);
  return year;
}

export interface ScorecardChoice {
  agency_id: string;
  agency_name: string;
  year: number;
}

/**
 * The agency and year, when the warehouse has a scorecard for them (mart_agency_scorecard);
 * otherwise a ScorecardError saying what exists: an unknown agency id (with close ids), or
 * an agency with no target that year (with the years it has).
 */
export async function resolveScorecard(w: Warehouse, agencyId: string, year: number): Promise<ScorecardChoice> {
  const agency = await w.one("SELECT agency_id, name FROM agencies WHERE agency_id = $id", { id: agencyId });
  if (!agency) {
    const close = await w.all(
      `SELECT DISTINCT agency_id FROM mart_agency_scorecard
       WHERE agency_id ILIKE '%' || $id || '%' OR $id ILIKE '%' || agency_id || '%' ORDER BY agency_id LIMIT 5`,
      { id: agencyId },
    );
    const hint = close.length ? ` Có phải: ${close.map((r) => r.agency_id).join(", ")}?` : "";
    throw new ScorecardError(`--agency: không có cơ quan mã “${agencyId}” trong kho dữ liệu.${hint} Xem danh sách bằng \`cchc agencies\`.`);
  }
  const years = (await w.all("SELECT year FROM mart_agency_scorecard WHERE agency_id = $id ORDER BY year", { id: agencyId })).map((r) => Number(r.year));
  if (!years.includes(year)) {
    throw new ScorecardError(
      `--year: ${agency.name} (${agencyId}) không có chỉ tiêu nào năm ${year}; ${years.length ? `các năm có thẻ điểm: ${years.join(", ")}` : "cơ quan này chưa có chỉ tiêu nào"}.`,
    );
  }
  return { agency_id: agencyId, agency_name: String(agency.name), year };
}

/** The site path of a scorecard; `siteUrl` (the published site) makes the archived copies' links in the PDF absolute. */
export function scorecardPath(choice: { agency_id: string; year: number }, siteUrl: string | null = null): string {
  const q = new URLSearchParams({ agency: choice.agency_id, year: String(choice.year) });
  if (siteUrl) q.set("site", siteUrl);
  return `/the-diem?${q.toString()}`;
}
