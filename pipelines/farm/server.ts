/**
 * The DEMO portal farm: one HTTP server per portal on 127.0.0.1 (port 0 by
 * default, so each portal is its own host:port as real portals are their own hosts).
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_SEED, DEMO_PORTALS } from "./portals.ts";
import type { FarmSite } from "./site.ts";

export interface FarmOptions {
  seed?: number;
  /** First port; 0 (default) lets the OS choose a free port for every portal. */
  port?: number;
  host?: string;
  /** Only these portal keys (default: all). */
  only?: string[];
  /** Wrap each portal's request listener (the fault farm, pipelines/farm/faults.ts). */
  wrap?: (key: string, site: FarmSite, listener: RequestListener) => RequestListener;
}

export interface RunningPortal {
  key: string;
  platform: string;
  baseUrl: string;
  site: FarmSite;
}

export interface Farm {
  portals: RunningPortal[];
  /** Requests served, per portal key (for tests and benchmarks). */
  requests: Map<string, number>;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startFarm(options: FarmOptions = {}): Promise<Farm> {
  const seed = options.seed ?? DEFAULT_SEED;
  const host = options.host ?? "127.0.0.1";
  const servers: Server[] = [];
  const portals: RunningPortal[] = [];
  const requests = new Map<string, number>();
  const defs = DEMO_PORTALS.filter((d) => !options.only || options.only.includes(d.key));
  for (const [index, def] of defs.entries()) {
    const site = def.build(seed);
    let origin = "";
    const listener: RequestListener = (req, res) => {
      requests.set(def.key, (requests.get(def.key) ?? 0) + 1);
      const url = new URL(req.url ?? "/", origin);
      const out = site.handle(decodeURIComponent(url.pathname), origin, url.searchParams);
      res.writeHead(out.status, {
        "content-type": out.type ?? "text/html; charset=utf-8",
        "x-demo-farm": "DEMO",
        ...out.headers,
      });
      res.end(out.body);
    };
    const server = createServer(options.wrap ? options.wrap(def.key, site, listener) : listener);
    server.keepAliveTimeout = 5000;
    const port = await listen(server, options.port ? options.port + index : 0, host);
    origin = `http://${host}:${port}`;
    servers.push(server);
    portals.push({ key: def.key, platform: site.platform, baseUrl: origin, site });
  }
  return {
    portals,
    requests,
    close: () =>
      Promise.all(
        servers.map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })),
      ).then(() => undefined),
  };
}
