/**
 * Every kind of crawl failure, each named for what it is (crawl_errors.kind,
 * crawl_run_sources.errors_by_kind), with the Vietnamese label a user sees.
 * docs/reliability.md lists the same kinds with what a user sees for each.
 */
export const ERROR_KINDS = [
  "timeout",
  "network",
  "4xx",
  "5xx",
  "robots",
  "robots_unreachable",
  "address_refused",
  "off_host",
  "bad_url",
  "refused_redirect",
  "redirect_loop",
  "parse",
  "too_large",
  "content_type",
  "paused",
  "budget",
  "truncated",
  "disk_full",
  "storage",
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Vietnamese labels (UI, health page, CLI); full diacritics. */
export const ERROR_KIND_LABELS_VI: Record<ErrorKind, string> = {
  timeout: "Hết thời gian chờ",
  network: "Lỗi mạng",
  "4xx": "Trang không truy cập được (4xx)",
  "5xx": "Lỗi máy chủ (5xx)",
  robots: "robots.txt không cho phép",
  robots_unreachable: "Không đọc được robots.txt (tạm không thu thập)",
  address_refused: "Địa chỉ mạng nội bộ bị chặn",
  off_host: "Liên kết sang trang web khác (ghi nhận, không theo)",
  bad_url: "Liên kết không hợp lệ (không phải http/https)",
  refused_redirect: "Chuyển hướng sang trang web khác bị từ chối",
  redirect_loop: "Vòng lặp chuyển hướng",
  parse: "Lỗi trích xuất nội dung",
  too_large: "Trang quá lớn",
  content_type: "Loại nội dung không đọc",
  paused: "Máy chủ tạm dừng trong lần thu thập này",
  budget: "Vượt hạn mức thu thập của nguồn",
  truncated: "Nội dung quá dài, đã cắt bớt",
  disk_full: "Hết dung lượng đĩa",
  storage: "Lỗi ghi dữ liệu",
};

/** A write that failed because the disk (or quota) is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "ENOSPC" || code === "EDQUOT" || /No space left on device|disk quota exceeded/i.test((error as Error | null)?.message ?? "");
}

/** The kind of a storage failure (archive, warehouse). */
export function storageKind(error: unknown): "disk_full" | "storage" {
  return isDiskFull(error) ? "disk_full" : "storage";
}

/**
 * A write that failed (archive, export, warehouse): names the path and the
 * cause in one line a user can act on; no stack trace reaches the terminal.
 */
export class StorageError extends Error {
  readonly kind: "disk_full" | "storage";
  /** Per-source failures of the run that could not be written either (set by the crawl). */
  unrecorded?: { run_id: string; failures: Array<{ source_id: string; url: string; kind: ErrorKind; message: string }> };
  constructor(
    readonly path: string,
    readonly cause: unknown,
  ) {
    const kind = storageKind(cause);
    const code = (cause as { code?: string } | null)?.code;
    const detail = (cause as Error | null)?.message?.split("\n")[0] ?? String(cause);
    super(
      kind === "disk_full"
        ? `không đủ dung lượng đĩa khi ghi ${path}${code ? ` (${code})` : ""}: dữ liệu đã ghi trước đó vẫn nguyên; hãy giải phóng dung lượng rồi chạy lại`
        : `không ghi được ${path}${code ? ` (${code})` : ""}: ${detail}`,
    );
    this.kind = kind;
  }
}

/** Is `error` a failed write (a StorageError, or a raw ENOSPC / I/O error from the file system or DuckDB)? */
export function isStorageFailure(error: unknown): boolean {
  if (error instanceof StorageError) return true;
  const code = (error as { code?: string } | null)?.code ?? "";
  if (isDiskFull(error) || ["EIO", "EROFS", "EDQUOT", "EFBIG"].includes(code)) return true;
  return /Could not write file|Failed to commit|IO Error/i.test((error as Error | null)?.message ?? "");
}
