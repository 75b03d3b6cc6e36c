/**
 * robots.txt per origin (RFC 9309): fetched once per run, cached, obeyed.
 * 2xx: parsed; 4xx: no rules (all allowed); 5xx or unreachable: everything
 * disallowed for this run (RFC 9309 §2.3.1.4).
 */
import robotsParser from "robots-parser";

interface RobotsParserRobot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}

export const ROBOTS_AGENT = "cchc-monitor";

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay in ms, if the file sets one for us. */
  crawlDelayMs: number | null;
  /** How the rules were obtained: "refused" when the address guard refused robots.txt's host. */
  origin: "parsed" | "absent" | "unreachable" | "refused";
  /** Why robots.txt could not be read (unreachable / refused). */
  reason?: string;
  /** Its Sitemap lines (absolute URLs), for listing discovery (`cchc source probe`). */
  sitemaps: string[];
}

export function parseRobots(robotsUrl: string, text: string): RobotsRules {
  const robot = (robotsParser as unknown as (url: string, text: string) => RobotsParserRobot)(robotsUrl, text);
  const delay = robot.getCrawlDelay(ROBOTS_AGENT);
  return {
    isAllowed: (url) => robot.isAllowed(url, ROBOTS_AGENT) !== false,
    crawlDelayMs: typeof delay === "number" && Number.isFinite(delay) ? delay * 1000 : null,
    origin: "parsed",
    sitemaps: robot.getSitemaps().flatMap((u) => {
      try {
        return [new URL(u, robotsUrl).href];
      } catch {
        return [];
      }
    }),
  };
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: null, origin: "absent", sitemaps: [] };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelayMs: null, origin: "unreachable", sitemaps: [] };

/** robots.txt could not be fetched: why, and whether the address guard refused the host. */
export interface RobotsFailure {
  failure: "unreachable" | "refused";
  reason: string;
}

/** Rules from the outcome of fetching /robots.txt: a status and text, a failure, or null when it could not be fetched. */
export function robotsFromResponse(robotsUrl: string, response: { status: number; body: string } | RobotsFailure | null): RobotsRules {
  if (response && "failure" in response) return { ...DISALLOW_ALL, origin: response.failure, reason: response.reason };
  if (response && (response.status >= 500 || response.status === 429)) return { ...DISALLOW_ALL, reason: `HTTP ${response.status}` };
  if (!response) return DISALLOW_ALL;
  if (response.status >= 400) return ALLOW_ALL;
  if (response.status >= 200 && response.status < 300) return parseRobots(robotsUrl, response.body);
  return ALLOW_ALL;
}

export type RobotsLoader = (robotsUrl: string) => Promise<{ status: number; body: string } | RobotsFailure | null>;

export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();
  constructor(private readonly load: RobotsLoader) {}

  /** The rules for `url`'s origin, fetched once per run (with `load`, when given, else the cache's loader). */
  rules(url: string, load: RobotsLoader = this.load): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    let rules = this.byOrigin.get(origin);
    if (!rules) {
      const robotsUrl = `${origin}/robots.txt`;
      rules = load(robotsUrl).then(
        (r) => robotsFromResponse(robotsUrl, r),
        (error: Error) => ({ ...DISALLOW_ALL, reason: error.message }),
      );
      this.byOrigin.set(origin, rules);
    }
    return rules;
  }
}
