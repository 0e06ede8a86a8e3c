// What the numbers were measured on: CPU, cores, memory, runtimes, module.

import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import os from "node:os";

function tryRun(cmd, args) {
  try { return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(); } catch { return null; }
}

export function machine({ python, wasmPath }) {
  const cpus = os.cpus();
  let flags = null;
  try { flags = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? null; } catch {}
  return {
    cpu: flags ?? cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    v8: process.versions.v8,
    wasmtime: python ? tryRun(python, ["-c", "import importlib.metadata as m; print(m.version('wasmtime'))"]) : null,
    go: tryRun("go", ["env", "GOVERSION"]),
    quickjsEmscripten: (() => { try { return JSON.parse(readFileSync(new URL("../../node_modules/quickjs-emscripten/package.json", import.meta.url))).version; } catch { return null; } })(),
    commit: tryRun("git", ["rev-parse", "--short", "HEAD"]),
    dirty: (tryRun("git", ["status", "--porcelain", "--untracked-files=no"]) ?? "") !== "",
    moduleBytes: statSync(wasmPath).size,
  };
}
