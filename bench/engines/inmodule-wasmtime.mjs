// In-module under wasmtime: frames the batches here, hands them to the Python
// driver (bench/wasmtime/inmodule.py, under a Python with the pinned wasmtime) and reads its result.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { frameBatch, frameStream } from "../lib/frame.mjs";
import { pythonWithWasmtime } from "../gate/measure.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const BENCH = join(here, "..");
let python;
/** A Python with the pinned wasmtime (engines/.venv, or bench/.venv made from bench/requirements.txt when missing). */
export function pythonPath() {
  python ??= pythonWithWasmtime();
  return python;
}
const TMP = join(BENCH, "results", "tmp");

export function available() {
  try {
    pythonPath();
    return true;
  } catch {
    return false; // no python3 with venv and pip here: the wasmtime rows are left out
  }
}

function writeFrames(path, frames) {
  let size = 4;
  for (const f of frames) size += 4 + f.length;
  const out = Buffer.alloc(size);
  out.writeUInt32LE(frames.length, 0);
  let p = 4;
  for (const f of frames) { out.writeUInt32LE(f.length, p); p += 4; out.set(f, p); p += f.length; }
  writeFileSync(path, out);
}

export function bench({ wasmPath, explicitBounds = false, config, prime, messages, batch, runs, warmups = 2, tag }) {
  mkdirSync(TMP, { recursive: true });
  const framesPath = join(TMP, `${tag}-b${batch}.frames`);
  const primePath = join(TMP, `${tag}-prime.frames`);
  writeFrames(framesPath, frameStream(messages, batch));
  writeFrames(primePath, prime.length > 0 ? [frameBatch(prime, 0, prime.length)] : []);
  const jobPath = join(TMP, `${tag}-b${batch}.json`);
  writeFileSync(jobPath, JSON.stringify({
    wasm: wasmPath, explicitBounds, config: JSON.stringify(config), prime: primePath, frames: framesPath,
    messages: messages.length, batch, runs, warmups,
  }));
  const out = execFileSync(pythonPath(), [join(BENCH, "wasmtime", "inmodule.py"), jobPath], { maxBuffer: 1 << 28 });
  return JSON.parse(out.toString());
}
