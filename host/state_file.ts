// The CLI's state file (`run --state FILE`): a processor's state snapshot
// (docs/ABI.md "State snapshot") on disk, read at start and replaced
// atomically, so that a crash at any moment leaves either the old or the new
// snapshot, never a torn one.

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The snapshot at `path`, or null when there is no such file. Other read errors throw. */
export function readStateFile(path: string): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/**
 * Replace the file at `path` by `bytes` atomically: write a temporary file in
 * the same directory, fsync it, rename it over `path`, then fsync the directory
 * so that the rename itself is durable. Synchronous, so it can run in a signal
 * handler's continuation without interleaving with anything else.
 */
export function writeStateFile(path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "w", 0o644);
  try {
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    const d = openSync(dir, "r");
    try { fsyncSync(d); } finally { closeSync(d); }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}
