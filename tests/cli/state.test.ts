// `stream-processor run --state FILE`: the state survives a stop and a restart.
// Real child processes of dist/host/cli.js (or $SP_CLI), killed with real signals.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = process.env.SP_CLI ?? join(root, "dist", "host", "cli.js");
const pumpYaml = join(root, "examples", "pump.yaml");
const tmp = mkdtempSync(join(tmpdir(), "sp-state-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const RAW = "umh.v1.corpA.plant-A.aawd._raw.";
/** press, tempF and run in turn: `combined` needs both press and tF, so it shows whether state survived. */
function lines(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = ["press", "tempF", "run"][i % 3];
    out.push(JSON.stringify({ topic: RAW + t, payload: { value: t === "run" ? i % 2 === 0 : i * 0.5, timestamp_ms: 1000 + i }, metadata: { n: String(i) } }));
  }
  return out;
}
const INPUT = lines(6000);

function sp(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: "utf8", maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const full = sp(["run", "--config", pumpYaml], INPUT.join("\n") + "\n");

/**
 * Start a run, feed it `first` lines, wait until it has emitted outputs for
 * them, send `signal`, and return what it printed and after which line it stopped.
 */
async function interrupted(state: string, first: number, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [cli, "run", "--config", pumpYaml, "--state", state], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
  child.stderr.setEncoding("utf8").on("data", (d: string) => { stderr += d; });
  const exited = new Promise<number | null>((done) => child.on("exit", (code) => done(code)));
  child.stdin.write(INPUT.slice(0, first).join("\n") + "\n");
  // Whole batches of 1000 lines are processed as they arrive; wait for the first ones.
  const deadline = Date.now() + 20_000;
  while (stdout.split("\n").length < 3 * 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
  child.kill(signal);
  const code = await exited;
  child.stdin.destroy();
  const m = /stopped after input line (\d+); state saved to /.exec(stderr);
  return { code, stdout, stderr, stoppedAfter: m ? Number(m[1]) : -1 };
}

describe("run --state", () => {
  it("SIGTERM mid-stream, then a restart on the rest of the input: the outputs equal an uninterrupted run's", async () => {
    expect(full.code).toBe(0);
    const state = join(tmp, "term.state");
    const first = await interrupted(state, 2500, "SIGTERM");
    expect(first.code, first.stderr).toBe(143);
    // Every line written before the signal was read and finished, including the partial last batch.
    expect(first.stoppedAfter).toBe(2500);
    expect(existsSync(state)).toBe(true);
    const rest = INPUT.slice(first.stoppedAfter).join("\n") + "\n";
    const second = sp(["run", "--config", pumpYaml, "--state", state], rest);
    expect(second.code, second.stderr).toBe(0);
    expect(first.stdout + second.stdout).toBe(full.stdout);
    // Without the state the continuation differs (combined needs press and tF from before the stop).
    const cold = sp(["run", "--config", pumpYaml], rest);
    expect(first.stdout + cold.stdout).not.toBe(full.stdout);
  });

  it("SIGINT stops the same way with exit status 130", async () => {
    const state = join(tmp, "int.state");
    const first = await interrupted(state, 1500, "SIGINT");
    expect(first.code, first.stderr).toBe(130);
    expect(first.stoppedAfter).toBe(1500);
    const second = sp(["run", "--config", pumpYaml, "--state", state], INPUT.slice(1500).join("\n") + "\n");
    expect(first.stdout + second.stdout).toBe(full.stdout);
  });

  it("a missing state file starts empty and is created at exit; several runs chain", () => {
    const state = join(tmp, "chain.state");
    let out = "";
    for (let i = 0; i < 6000; i += 1700) {
      const r = sp(["run", "--config", pumpYaml, "--state", state], INPUT.slice(i, i + 1700).join("\n") + "\n");
      expect(r.code, r.stderr).toBe(0);
      out += r.stdout;
    }
    expect(out).toBe(full.stdout);
    // Written by rename of a temporary file: nothing else is left in the directory.
    expect(readdirSync(tmp).filter((f) => f.includes("chain"))).toEqual(["chain.state"]);
  });

  it("a corrupted state file is refused with exit status 2 and left as it was", () => {
    const state = join(tmp, "bad.state");
    sp(["run", "--config", pumpYaml, "--state", state], INPUT.slice(0, 10).join("\n"));
    const good = readFileSync(state);
    const bad = Buffer.from(good);
    bad[bad.length - 10] ^= 0xff;
    writeFileSync(state, bad);
    const r = sp(["run", "--config", pumpYaml, "--state", state], INPUT.slice(10, 20).join("\n"));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/cannot restore state from '.*bad\.state': state snapshot rejected: checksum mismatch \(corrupted\) \(delete the file to start with an empty state\)/);
    expect(readFileSync(state)).toEqual(bad);
  });

  it("the state file of another sources configuration is refused", () => {
    const state = join(tmp, "other.state");
    const other = join(tmp, "other.yaml");
    writeFileSync(other, "model: {name: x, version: v1}\noutput_topic: o\nsources: {a: t}\nmapping: {m: a}\n");
    expect(sp(["run", "--config", other, "--state", state], '{"topic":"t","payload":{"value":1,"timestamp_ms":1}}').code).toBe(0);
    const r = sp(["run", "--config", pumpYaml, "--state", state], "");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/different sources configuration/);
  });

  it("a state file in a directory that does not exist is refused before any input is read", () => {
    const r = sp(["run", "--config", pumpYaml, "--state", join(tmp, "nope", "x.state")], INPUT.slice(0, 3).join("\n"));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/its directory does not exist/);
  });

  it("check does not take --state", () => {
    const r = sp(["check", "--config", pumpYaml, "--state", join(tmp, "x")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/check does not take --state/);
  });

  it("the state file is a plain snapshot: the same bytes as exportState", () => {
    const state = join(tmp, "plain.state");
    sp(["run", "--config", pumpYaml, "--state", state], INPUT.slice(0, 3).join("\n"));
    const bytes = readFileSync(state);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("SPST");
    expect(statSync(state).size).toBe(bytes.length);
  });
});

describe("run --checkpoint-interval", () => {
  const line = (topic: string, value: number, t: number) => JSON.stringify({ topic: RAW + topic, payload: { value, timestamp_ms: t } }) + "\n";

  /** Start a run with a live stdin; returns helpers to feed it, wait for output lines, and kill it. */
  function live(args: string[]) {
    const child = spawn(process.execPath, [cli, "run", "--config", pumpYaml, ...args], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
    const until = async (ok: () => boolean, what: string) => {
      for (const deadline = Date.now() + 10_000; !ok(); await new Promise((r) => setTimeout(r, 10))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      }
    };
    return { child, exited, until, lines: () => stdout.split("\n").filter((l) => l !== "").length };
  }

  it("kill -9 loses at most the updates of the last interval: a restart continues from the last checkpoint", async () => {
    const state = join(tmp, "ckpt.state");
    const run = live(["--state", state, "--checkpoint-interval", "100ms"]);
    run.child.stdin.write(line("press", 11, 1) + line("tempF", 20, 2));
    await run.until(() => run.lines() >= 6, "the outputs of the first two lines"); // press: 3 outputs, tF: temperature, combined, serialNumber
    const written = Date.now();
    await run.until(() => existsSync(state), "the first checkpoint");
    expect(Date.now() - written).toBeLessThan(5_000);
    run.child.stdin.write(line("press", 40, 3));
    await run.until(() => run.lines() >= 10, "the outputs of the third line");
    run.child.kill("SIGKILL");
    expect(await run.exited).toBe("SIGKILL");
    run.child.stdin.destroy();
    // The restart has press from a checkpoint: 11 (the last interval lost) or 40 (saved in time); never nothing.
    const next = sp(["run", "--config", pumpYaml, "--state", state], line("tempF", 1, 4));
    expect(next.code, next.stderr).toBe(0);
    const combined = next.stdout.split("\n").filter((l) => l.includes("._pump_v1.combined")).map((l) => JSON.parse(l).payload.value);
    expect([[12], [41]]).toContainEqual(combined);
  });

  it("without checkpoints a kill -9 saves nothing", async () => {
    const state = join(tmp, "nockpt.state");
    const run = live(["--state", state]);
    run.child.stdin.write(line("press", 11, 1));
    await run.until(() => run.lines() >= 3, "the outputs of the first line");
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill("SIGKILL");
    await run.exited;
    run.child.stdin.destroy();
    expect(existsSync(state)).toBe(false);
  });

  it.each([
    [["--checkpoint-interval", "5s"], "--checkpoint-interval needs --state <file>"],
    [["--state", "x", "--checkpoint-interval", "soon"], "--checkpoint-interval must be a duration such as 500ms, 5s or 1m, got 'soon'"],
  ])("%j is a usage error", (args, message) => {
    const r = sp(["run", "--config", pumpYaml, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`stream-processor: ${message} (see 'stream-processor --help')\n`);
  });
});
