/**
 * Which links a crawl may follow: only http(s) URLs on the source's own hosts
 * (its base URL, start URLs and the `hosts` its registry entry names). Any
 * other link a listing shows is recorded (`off_host`, `bad_url`) and never
 * requested; an article's canonical URL is kept only when it is such a URL.
 */
import { crawlMessage, type LinkWhat } from "./messages.ts";
import { isSameSourceHost } from "./hosts.ts";

export type LinkProblem = { kind: "off_host" | "bad_url"; message: string };

/** null when `raw` may be requested for the source, else why not. */
export function linkProblem(raw: string, hostKeys: Set<string>, what: LinkWhat = "link"): LinkProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: "bad_url", message: crawlMessage("crawl.link_not_url", { what, url: raw.slice(0, 200) }) };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { kind: "bad_url", message: crawlMessage("crawl.link_scheme", { what, url: url.href.slice(0, 200), protocol: url.protocol }) };
  }
  if (!isSameSourceHost(url, hostKeys)) {
    return { kind: "off_host", message: crawlMessage("crawl.link_off_host", { what, url: url.href.slice(0, 200), host: url.host }) };
  }
  return null;
}

/**
 * The canonical URL stored for an article: the page's own when it is http(s)
 * on the source's hosts, else the URL it was fetched from (with the problem, to record).
 */
export function sourceCanonical(canonical: string | null | undefined, fetchedUrl: string, hostKeys: Set<string>): { url: string; problem: LinkProblem | null } {
  if (!canonical) return { url: fetchedUrl, problem: null };
  const problem = linkProblem(canonical, hostKeys, "canonical");
  return problem ? { url: fetchedUrl, problem } : { url: canonical, problem: null };
}
