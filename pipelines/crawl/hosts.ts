/**
 * Which hosts belong to a source (redirects may only go there) and which
 * addresses are never fetched (private, link-local: no SSRF into the LAN).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import type { CrawlSource } from "./types.ts";

/** hostname without a leading "www." plus the explicit port ("" for the scheme's default). */
export function hostKey(url: URL): string {
  return `${url.hostname.toLowerCase().replace(/^www\./, "")}:${url.port}`;
}

export function sourceHostKeys(source: Pick<CrawlSource, "base_url" | "start_urls" | "hosts">): Set<string> {
  const keys = new Set<string>();
  for (const u of [source.base_url, ...source.start_urls, ...(source.hosts ?? [])]) {
    if (!u) continue;
    try {
      keys.add(hostKey(new URL(/^[a-z]+:\/\//i.test(u) ? u : `https://${u}`)));
    } catch {
      // a malformed registry URL is reported by the registry validator
    }
  }
  return keys;
}

/** Is `target` on one of the source's hosts (http→https and www. variants included)? */
export function isSameSourceHost(target: URL, keys: Set<string>): boolean {
  return (target.protocol === "http:" || target.protocol === "https:") && keys.has(hostKey(target));
}

/** Private (RFC 1918, unique-local), link-local, CGNAT or unspecified; loopback is not included. */
export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a, b] = address.split(".").map(Number) as [number, number];
    return a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (v === 6) {
    const lower = address.toLowerCase();
    if (lower.startsWith("::ffff:")) return isPrivateAddress(lower.slice(7));
    return /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || lower === "::";
  }
  return false;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup for the connection pool that refuses a host name resolving to a
 * private address (IP literals in a source's own URLs never go through lookup).
 */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) {
      const refused = Object.assign(new Error(`${hostname} resolves to private address ${bad.address}: refused`), { code: "EPRIVATEADDR" });
      return callback(refused, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}
