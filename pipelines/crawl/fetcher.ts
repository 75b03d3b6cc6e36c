/**
 * One HTTP GET with the product's User-Agent, timeouts, a body-size cap and
 * charset decoding. Redirects are not followed here: the caller decides.
 */
import iconv from "iconv-lite";
import { request } from "undici";

export const USER_AGENT = "cchc-monitor/0.1 (+https://github.com/cchc-monitor/cchc-monitor; CCHC coverage monitor for Tây Ninh)";

export interface FetchOptions {
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  maxBytes?: number;
  headers?: Record<string, string>;
}

export interface FetchResult {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  bytes: number;
}

export class FetchError extends Error {
  constructor(
    readonly kind: "timeout" | "network" | "too_large" | "content_type",
    readonly url: string,
    message: string,
  ) {
    super(`${url}: ${message}`);
  }
}

/** Charset from the Content-Type header, else from a <meta> in the first bytes, else UTF-8. */
export function detectCharset(contentType: string | undefined, head: Buffer): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType ?? "")?.[1];
  if (fromHeader && iconv.encodingExists(fromHeader)) return fromHeader.toLowerCase();
  const sniff = head.subarray(0, 2048).toString("latin1");
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(sniff)?.[1] ?? /encoding=["']([\w-]+)["']/.exec(sniff)?.[1];
  if (fromMeta && iconv.encodingExists(fromMeta)) return fromMeta.toLowerCase();
  return "utf-8";
}

export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  let response;
  try {
    response = await request(url, {
      method: "GET",
      headers: { "user-agent": USER_AGENT, accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5", ...options.headers },
      headersTimeout: options.headersTimeoutMs ?? 15_000,
      bodyTimeout: options.bodyTimeoutMs ?? 30_000,
    });
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    const kind = /TIMEOUT/i.test(code) ? "timeout" : "network";
    throw new FetchError(kind, url, `${code || "error"}: ${(error as Error).message}`);
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of response.body) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        response.body.destroy();
        throw new FetchError("too_large", url, `body larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    const code = (error as { code?: string }).code ?? "";
    throw new FetchError(/TIMEOUT/i.test(code) ? "timeout" : "network", url, `${code || "error"}: ${(error as Error).message}`);
  }
  const raw = Buffer.concat(chunks);
  const charset = detectCharset(headers["content-type"], raw);
  return { url, status: response.statusCode, headers, body: iconv.decode(raw, charset).normalize("NFC"), bytes };
}
