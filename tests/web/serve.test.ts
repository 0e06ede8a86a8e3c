// host/serve.ts: the playground's local server (no browser needed here).

import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ServeError, startServer } from "../../host/serve.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function get(url: string, init?: RequestInit): Promise<{ status: number; type: string | null; body: Buffer }> {
  const r = await fetch(url, init);
  return { status: r.status, type: r.headers.get("content-type"), body: Buffer.from(await r.arrayBuffer()) };
}

describe("stream-processor serve", () => {
  it("serves build/web, an empty session without files, and nothing outside build/web", async () => {
    const s = await startServer({ port: 0 });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await get(s.url);
      expect(page.status).toBe(200);
      expect(page.body.toString()).toBe(readFileSync(join(root, "build", "web", "index.html"), "utf8"));
      const wasm = await get(`${s.url}stream_processor.wasm`);
      expect(wasm.type).toBe("application/wasm");
      expect(wasm.body.equals(readFileSync(join(root, "build", "stream_processor.wasm")))).toBe(true);
      expect(JSON.parse((await get(`${s.url}session.json`)).body.toString())).toEqual({});
      // Encoded slashes survive URL normalisation: these would reach real files outside build/web.
      for (const path of ["..%2f..%2fpackage.json", "..%2fstream_processor.wasm", "nope.js"]) {
        expect((await get(`${s.url}${path}`)).status, path).toBe(404);
      }
      expect((await get(s.url, { method: "POST" })).status).toBe(405);
    } finally {
      await s.close();
    }
  });

  it("hands the page the --config and --input files, read on every load", async () => {
    const config = join(root, "examples", "pump.yaml");
    const input = join(root, "examples", "pump.jsonl");
    const s = await startServer({ port: 0, config, input });
    try {
      const session = JSON.parse((await get(`${s.url}session.json`)).body.toString()) as Record<string, string>;
      expect(session).toEqual({ config: readFileSync(config, "utf8"), input: readFileSync(input, "utf8") });
    } finally {
      await s.close();
    }
  });

  it("says in one line when the port is taken or a file is unreadable", async () => {
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(0, "127.0.0.1", ok));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await startServer({ port }).then(() => null, (e: unknown) => e);
      expect(taken).toBeInstanceOf(ServeError);
      expect((taken as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use; pass another with --port`);
    } finally {
      blocker.close();
    }
    const missing = await startServer({ port: 0, config: join(root, "no-such.yaml") }).then(() => null, (e: unknown) => e);
    expect(missing).toBeInstanceOf(ServeError);
    expect((missing as Error).message).toMatch(/^cannot read config '.*no-such\.yaml': ENOENT$/);
  });

  it("says in one line that the playground is not built when build/web is missing", async () => {
    // The built server alone, in a folder without build/web (serve.js imports only node: modules).
    const dir = mkdtempSync(join(tmpdir(), "serve-"));
    try {
      mkdirSync(join(dir, "dist", "host"), { recursive: true });
      copyFileSync(join(root, "dist", "host", "serve.js"), join(dir, "dist", "host", "serve.js"));
      const r = spawnSync(process.execPath, ["--input-type=module", "-e",
        `import { serveCommand } from ${JSON.stringify(join(dir, "dist", "host", "serve.js"))};
         serveCommand({ port: 0 }).catch((e) => { console.error(e.name + ": " + e.message); process.exit(2); });`], { encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("ServeError: the playground is not built (no build/web/index.html next to this package); run `npm run build:web`\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("`stream-processor serve` prints the URL and keeps serving; a taken port is one line and exit 2", async () => {
    const cli = join(root, "dist", "host", "cli.js");
    const config = join(root, "examples", "pump.yaml");
    const child = spawn(process.execPath, [cli, "serve", "--port", "0", "--config", config], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((ok, fail) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => { out += d.toString(); if (out.includes("\n")) ok(out); });
        child.stderr.on("data", (d: Buffer) => fail(new Error(d.toString())));
        child.on("exit", (code) => fail(new Error(`exited ${code}`)));
      });
      const m = /^stream-processor playground: (http:\/\/127\.0\.0\.1:(\d+)\/) \(config (.*)\)\n$/.exec(line);
      expect(m?.[3]).toBe(config);
      const url = m![1];
      expect((await get(url)).status).toBe(200);
      expect(JSON.parse((await get(`${url}session.json`)).body.toString())).toEqual({ config: readFileSync(config, "utf8") });
      expect(child.exitCode).toBeNull();

      // A second server on the same port.
      const second = spawnSync(process.execPath, [cli, "serve", "--port", m![2]], { encoding: "utf8" });
      expect(second.status).toBe(2);
      expect(second.stdout).toBe("");
      expect(second.stderr).toBe(`stream-processor: port ${m![2]} on 127.0.0.1 is already in use; pass another with --port\n`);
    } finally {
      child.kill();
    }
  });
});
