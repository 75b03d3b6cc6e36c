/**
 * A small static file server for the built site (dist/), on 127.0.0.1.
 * Used by browser tests, screenshots and the briefing PDF. Clean URLs:
 * /page serves page.html; / serves index.html. Paths cannot leave the root.
 * Text, scripts and data (HTML, JS, CSS, JSON, Arrow, CSV, SVG) go out gzipped
 * to a client that accepts it, as any web server of a deployment would send
 * them: the bytes a page downloads (npm run bench, docs/performance.md) are the
 * bytes on the wire.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createGzip } from "node:zlib";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { COPY_HEADERS, isArchivedCopyPath } from "../archive/copy-html.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".arrow": "application/vnd.apache.arrow.file",
  ".parquet": "application/vnd.apache.parquet",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".arrow", ".csv", ".svg"]);

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

function resolveFile(root: string, pathname: string): string | null {
  const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, "");
  const base = resolve(root, `.${sep}${clean}`);
  if (base !== root && !base.startsWith(root + sep)) return null;
  for (const candidate of [base, `${base}.html`, join(base, "index.html")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The request handler of the static server: the files under `dir`, archived copies with COPY_HEADERS. */
export function staticHandler(dir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const root = resolve(dir);
  return (req, res) => {
    const file = resolveFile(root, new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Không tìm thấy");
      return;
    }
    // An archived copy of a crawled page: sandboxed, nothing may load (pipelines/archive/copy-html.ts).
    const copy = isArchivedCopyPath(file) ? COPY_HEADERS : {};
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      res.writeHead(200, { "content-type": type, "content-encoding": "gzip", vary: "accept-encoding", ...copy });
      createReadStream(file).pipe(createGzip()).pipe(res);
      return;
    }
    res.writeHead(200, { "content-type": type, vary: "accept-encoding", ...copy });
    createReadStream(file).pipe(res);
  };
}

/** Start `server` on 127.0.0.1 (`port` 0: a free one): its address, and a close that drops open connections. */
export async function listenLocal(server: Server, port = 0): Promise<StaticServer & { port: number }> {
  await new Promise<void>((r, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      r();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

export async function serveStatic(dir: string, port = 0): Promise<StaticServer> {
  return listenLocal(createServer(staticHandler(dir)), port);
}
