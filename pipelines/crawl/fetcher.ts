/**
 * One HTTP GET with the product's User-Agent, connect / header / body / total
 * timeouts, a body-size cap (streamed: a huge body is never allocated), a
 * content-type allow-list and charset decoding. Redirects are not followed
 * here: the caller (client.ts) decides whether a Location may be followed.
 */
import { crawlMessage } from "./messages.ts";
import iconv from "iconv-lite";
import { Agent, type Dispatcher, request } from "undici";
import { AddressGuard, type AddressPolicy, findAddressRefusal, STRICT_POLICY } from "./address-guard.ts";

/** Plain ASCII (a header is bytes: "Tây" would go out as a raw non-ASCII byte). */
export const USER_AGENT = "cchc-monitor/0.1 (+https://github.com/cchc-monitor/cchc-monitor; CCHC coverage monitor for Tay Ninh province)";

/** Media types the crawler reads: HTML, XML / RSS / Atom, and plain text (robots.txt). */
export const ALLOWED_CONTENT_TYPES = [
  "text/html",
  "application/xhtml+xml",
  "text/xml",
  "application/xml",
  "application/rss+xml",
  "application/atom+xml",
  "text/plain",
];

export interface FetchOptions {
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxBytes?: number;
  /** Abandon a body whose average rate stays below this after `slowBodyGraceMs` (slow drip). */
  minBytesPerSecond?: number;
  slowBodyGraceMs?: number;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
  allowedTypes?: string[];
}

export interface FetchResult {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** Decoded text (NFC); empty for redirects and 304. */
  body: string;
  /** The bytes as received (for the archive). */
  raw: Buffer;
  bytes: number;
  charset: string;
}

export type FetchErrorKind = "timeout" | "network" | "too_large" | "content_type" | "address_refused";

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    readonly url: string,
    message: string,
    readonly bytes = 0,
  ) {
    super(`${url}: ${message}`);
  }
}

export interface DispatcherOptions {
  /** Which addresses may be connected to (address-guard.ts); default: public addresses only. */
  addresses?: AddressPolicy;
  /** Accept a broken TLS chain (a source's insecure_tls). */
  insecureTls?: boolean;
}

/**
 * A connection pool with a connect timeout whose every connection goes through
 * the address guard (IP literal, lookup and connected socket checked).
 */
export function createDispatcher(connectTimeoutMs: number, connectionsPerOrigin = 4, options: DispatcherOptions = {}): Agent {
  const guard = new AddressGuard(options.addresses ?? STRICT_POLICY);
  return new Agent({
    connect: guard.connector({ timeout: connectTimeoutMs, ...(options.insecureTls ? { rejectUnauthorized: false } : {}) }),
    connections: connectionsPerOrigin,
    keepAliveTimeout: 4_000,
  });
}

const CHARSET_ALIASES: Record<string, string> = { "x-user-defined": "windows-1252", "iso-8859-1": "windows-1252", "us-ascii": "windows-1252" };

function normaliseCharset(name: string | undefined): string | null {
  if (!name) return null;
  const lower = name.toLowerCase();
  const mapped = CHARSET_ALIASES[lower] ?? lower;
  return iconv.encodingExists(mapped) ? mapped : null;
}

/** Charset from the Content-Type header, else from a <meta> / XML declaration in the first bytes, else UTF-8. */
export function detectCharset(contentType: string | undefined, head: Buffer): string {
  const fromHeader = normaliseCharset(/charset=["']?([\w-]+)/i.exec(contentType ?? "")?.[1]);
  // A server default of Latin-1 over a UTF-8 page (common on old IIS/Apache): valid UTF-8
  // with multi-byte sequences is practically never intended as windows-1252.
  if (fromHeader === "windows-1252" && isMultibyteUtf8(head)) return "utf-8";
  if (fromHeader) return fromHeader;
  const sniff = head.subarray(0, 2048).toString("latin1");
  const fromMeta = normaliseCharset(
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(sniff)?.[1] ?? /<\?xml[^>]+encoding=["']([\w-]+)["']/i.exec(sniff)?.[1],
  );
  return fromMeta ?? "utf-8";
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Valid UTF-8 that contains at least one multi-byte sequence. */
export function isMultibyteUtf8(raw: Buffer): boolean {
  if (!raw.some((b) => b >= 0x80)) return false;
  try {
    strictUtf8.decode(raw);
    return true;
  } catch {
    return false;
  }
}

export function decodeBody(raw: Buffer, charset: string): string {
  return iconv.decode(raw, charset).normalize("NFC");
}

/** Is this Content-Type one the crawler reads? A missing type is sniffed, so it passes. */
export function isAllowedContentType(contentType: string | undefined, allowed: string[] = ALLOWED_CONTENT_TYPES): boolean {
  if (!contentType) return true;
  const media = contentType.split(";")[0]!.trim().toLowerCase();
  return allowed.includes(media);
}

/** Abandon a body without an unhandled 'error' event (undici emits AbortError on destroy). */
function discard(body: Dispatcher.ResponseData["body"]): void {
  body.on("error", () => {});
  body.destroy();
}

function classify(error: unknown, url: string, bytes = 0): FetchError {
  if (error instanceof FetchError) return error;
  const refusal = findAddressRefusal(error);
  if (refusal) return new FetchError("address_refused", url, refusal.message, bytes);
  const code = (error as { code?: string }).code ?? "";
  const name = (error as { name?: string }).name ?? "";
  const timeout = /TIMEOUT/i.test(code) || name === "TimeoutError" || /timeout|aborted/i.test((error as Error).message ?? "");
  return new FetchError(timeout ? "timeout" : "network", url, crawlMessage(timeout ? "crawl.timeout" : "crawl.network", { detail: `${code || name || "error"}: ${(error as Error).message}` }), bytes);
}

/** The reason `AbortSignal.timeout` aborts with (the same error name and message). */
const timeoutReason = () => new DOMException("The operation was aborted due to timeout", "TimeoutError");

export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  // The total timeout as `AbortSignal.timeout` would give it, but cleared once the page is read:
  // a timeout signal per page lives on for its whole timeout (a minute) after the page is done.
  const total = new AbortController();
  const deadline = setTimeout(() => total.abort(timeoutReason()), options.totalTimeoutMs ?? 60_000);
  deadline.unref();
  try {
    return await fetchWithin(url, options, total.signal);
  } finally {
    clearTimeout(deadline);
  }
}

async function fetchWithin(url: string, options: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: "GET",
      headers: {
        "user-agent": USER_AGENT,
        accept: "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,*/*;q=0.5",
        ...options.headers,
      },
      headersTimeout: options.headersTimeoutMs ?? 15_000,
      bodyTimeout: options.bodyTimeoutMs ?? 15_000,
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
  } catch (error) {
    throw classify(error, url);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  const status = response.statusCode;
  const empty = (): FetchResult => ({ url, status, headers, body: "", raw: Buffer.alloc(0), bytes: 0, charset: "utf-8" });
  if ((status >= 300 && status < 400) || status === 204) {
    discard(response.body);
    return empty();
  }
  if (status === 200 && !isAllowedContentType(headers["content-type"], options.allowedTypes)) {
    discard(response.body);
    throw new FetchError("content_type", url, crawlMessage("crawl.content_type", { type: String(headers["content-type"]) }));
  }
  const declared = Number(headers["content-length"] ?? NaN);
  if (declared > maxBytes) {
    discard(response.body);
    throw new FetchError("too_large", url, crawlMessage("crawl.too_large_declared", { declared, max: maxBytes }));
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  const bodyStart = Date.now();
  const minRate = options.minBytesPerSecond ?? 0;
  const grace = options.slowBodyGraceMs ?? 10_000;
  // a server that drips a byte now and then never trips the between-chunks timeout: check the average rate
  const slow = minRate > 0 ? setInterval(() => {
    const elapsed = Date.now() - bodyStart;
    if (elapsed >= grace && (bytes * 1000) / elapsed < minRate) {
      response.body.destroy(new FetchError("timeout", url, crawlMessage("crawl.slow_body", { rate: minRate, bytes, seconds: Math.round(elapsed / 1000) }), bytes));
    }
  }, Math.max(50, Math.min(1_000, grace / 4))) : null;
  try {
    for await (const chunk of response.body) {
      bytes += (chunk as Buffer).length;
      if (bytes > maxBytes) {
        discard(response.body);
        throw new FetchError("too_large", url, crawlMessage("crawl.too_large_body", { max: maxBytes }), bytes);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw classify(error, url, bytes);
  } finally {
    if (slow) clearInterval(slow);
  }
  const raw = Buffer.concat(chunks);
  if (Number.isFinite(declared) && raw.length < declared) {
    throw new FetchError("network", url, crawlMessage("crawl.truncated_body", { got: raw.length, declared }), bytes);
  }
  const charset = detectCharset(headers["content-type"], raw);
  return { url, status, headers, body: decodeBody(raw, charset), raw, bytes, charset };
}
