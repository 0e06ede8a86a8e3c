// `stream-processor serve`: the playground (build/web/, made by `npm run build:web`)
// on a local HTTP server. Everything runs in the page; the server only hands out
// the static files and, as session.json, the config and input files given on the
// command line (read again on every page load, so edits on disk show on reload).

import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** An error to print as one line (no stack): missing build, port taken, unreadable file. */
export class ServeError extends Error {
  override readonly name = "ServeError";
}

export interface ServeOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Config file shown at start instead of the example. */
  readonly config?: string;
  /** JSON lines file shown at start instead of the example input. */
  readonly input?: string;
  /** Address to bind; default 127.0.0.1 (this machine only). */
  readonly host?: string;
}

/** A running playground server. */
export interface PlaygroundServer {
  /** The page's URL, e.g. `http://127.0.0.1:4195/`. */
  readonly url: string;
  /** Resolves when the server has closed. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
};

/** build/web of this package, from host/*.ts and from dist/host/*.js (like defaultWasmPath). */
export function webRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "..", "build", "web"), join(here, "..", "..", "build", "web")];
  for (const c of candidates) if (existsSync(join(c, "index.html"))) return resolve(c);
  throw new ServeError(`the playground is not built (no build/web/index.html next to this package); run \`npm run build:web\``);
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new ServeError(`cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Start the server; resolves once it listens. */
export async function startServer(options: ServeOptions): Promise<PlaygroundServer> {
  const root = webRoot();
  const port = options.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError(`--port must be an integer from 0 to 65535, got ${String(port)}`);
  const host = options.host ?? "127.0.0.1";
  // Fail now, not on the first page load.
  if (options.config !== undefined) readText(options.config, "config");
  if (options.input !== undefined) readText(options.input, "input");

  const session = (): string => JSON.stringify({
    ...(options.config === undefined ? {} : { config: readText(options.config, "config") }),
    ...(options.input === undefined ? {} : { input: readText(options.input, "input") }),
  });

  const server = createServer((req, res) => {
    try {
      handle(req, res, root, session);
    } catch (e) {
      send(res, 500, "text/plain; charset=utf-8", `${e instanceof Error ? e.message : String(e)}\n`);
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      fail(e.code === "EADDRINUSE" ? new ServeError(`port ${port} on ${host} is already in use; pass another with --port`)
        : e.code === "EACCES" ? new ServeError(`no permission to listen on ${host}:${port}; pass a port above 1023 with --port`)
        : new ServeError(`cannot listen on ${host}:${port}: ${e.message}`));
    });
    server.listen(port, host, () => ok());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address !== null ? address.port : port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const closed = new Promise<void>((ok) => server.once("close", () => ok()));
  return {
    url: `http://${shownHost}:${actualPort}/`,
    closed,
    close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}

function handle(req: IncomingMessage, res: ServerResponse, root: string, session: () => string): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    send(res, 405, "text/plain; charset=utf-8", "method not allowed\n", { Allow: "GET, HEAD" });
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
  } catch {
    send(res, 400, "text/plain; charset=utf-8", "bad path\n");
    return;
  }
  if (path === "/") path = "/index.html";
  if (path === "/session.json") {
    send(res, 200, TYPES[".json"], session(), { "Cache-Control": "no-store" }, req.method === "HEAD");
    return;
  }
  const file = resolve(root, `.${path}`);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    send(res, 404, "text/plain; charset=utf-8", "not found\n");
    return;
  }
  send(res, 200, TYPES[extname(file)] ?? "application/octet-stream", readFileSync(file), { "Cache-Control": "no-cache" }, req.method === "HEAD");
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}, headOnly = false): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": typeof body === "string" ? Buffer.byteLength(body) : body.length,
    "X-Content-Type-Options": "nosniff",
    ...headers,
  });
  res.end(headOnly ? undefined : body);
}

/**
 * `stream-processor serve [--port N] [--config F] [--input F]`: serve the playground,
 * print its URL, and resolve when the server closes (it runs until the process is
 * stopped). Rejects with a ServeError (print its message as one line) when
 * build/web is missing, the port is taken or a file cannot be read.
 */
export async function serveCommand(args: { port: number; config?: string; input?: string; host?: string }): Promise<void> {
  const server = await startServer(args);
  const given = [args.config && `config ${args.config}`, args.input && `input ${args.input}`].filter(Boolean).join(", ");
  process.stdout.write(`stream-processor playground: ${server.url}${given ? ` (${given})` : ""}\n`);
  await server.closed;
}
