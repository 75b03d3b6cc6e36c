/**
 * Which hosts belong to a source: only they are ever requested (redirects,
 * listing links, next pages). Which addresses may be connected to is the
 * address guard's business (address-guard.ts).
 */
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
