/**
 * `cchc start`'s front server. Framework's preview server renders the pages from src/ as they
 * change, but it serves only what src/ defines, not the archived copies ("bản lưu") a build writes
 * under dist/ban-luu/. This server listens on the port the user asked for (127.0.0.1), answers
 * /ban-luu/… from the copies `cchc start` wrote (the static server's handler, so the same
 * COPY_HEADERS: CSP default-src 'none' with sandbox, nosniff), and passes every other request,
 * the preview's live-reload WebSocket included, to the preview server on a private port.
 */
import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { listenLocal, staticHandler, type StaticServer } from "./static-server.ts";

export interface PreviewFrontOptions {
  /** The port the user opens (0: a free one). */
  port: number;
  /** The preview server's port on 127.0.0.1. */
  upstreamPort: number;
  /** A folder holding `ban-luu/` (the copies `cchc start` wrote). */
  copiesDir: string;
}

/** Is this request path under the archived copies' folder (served here, never by the preview)? */
export function isCopiesPath(pathname: string): boolean {
  return pathname === "/ban-luu" || pathname.startsWith("/ban-luu/");
}

const STARTING = "Trang đang khởi động; hãy tải lại sau giây lát.";

/** A free port of 127.0.0.1 (for the preview server behind the front). */
export async function freePort(): Promise<number> {
  const probe = await listenLocal(createServer());
  await probe.close();
  return probe.port;
}

/** How long a page request waits for the preview server to listen (it starts just after this server). */
const STARTUP_WAIT_MS = 60_000;

/** Pass one request to the preview; a GET or HEAD made before the preview listens is retried until `until`. */
function forward(req: IncomingMessage, res: ServerResponse, port: number, until: number): void {
  const upstream = httpRequest({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    const bodiless = req.method === "GET" || req.method === "HEAD";
    if (error.code === "ECONNREFUSED" && bodiless && Date.now() < until && !res.destroyed) {
      setTimeout(() => forward(req, res, port, until), 200);
      return;
    }
    if (res.headersSent) res.destroy();
    else res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" }).end(STARTING);
  });
  if (req.method === "GET" || req.method === "HEAD") upstream.end();
  else req.pipe(upstream);
}

export async function startPreviewFront(options: PreviewFrontOptions): Promise<StaticServer & { port: number }> {
  const copies = staticHandler(options.copiesDir);
  const server = createServer((req, res) => {
    if (isCopiesPath(new URL(req.url ?? "/", "http://127.0.0.1").pathname)) {
      copies(req, res);
      return;
    }
    forward(req, res, options.upstreamPort, Date.now() + STARTUP_WAIT_MS);
  });
  // The preview's live reload (a WebSocket on /_observablehq): the upgrade request as it came, then both ways.
  server.on("upgrade", (req, socket, head) => {
    const upstream = connect(options.upstreamPort, "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  return listenLocal(server, options.port);
}
