// `stream-processor run`: a config over JSON lines, streaming, with the state
// kept in a file, checkpoints, and the explain report and traces on request.

import { createReadStream, existsSync, fstatSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { createProcessor, fail } from "./cli_common.js";
import { SnapshotError } from "./errors.js";
import { lineChunks } from "./lines.js";
import { renderExplanation } from "./report.js";
import { OutputFormatter, parseInputLine } from "./jsonl.js";
import type { Message } from "./message.js";
import type { StreamProcessor } from "./processor.js";
import { readStateFile, writeStateFile } from "./state_file.js";

const BATCH = 1000;
const PROGRESS_MS = 500;

/** Write `p`'s state to `path` atomically; exit 1 if it cannot be written. */
function saveState(p: StreamProcessor, path: string): void {
  try {
    writeStateFile(path, p.exportState());
  } catch (e) {
    fail(`cannot write state file '${path}': ${(e as Error).message}`, 1);
  }
}

async function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (text.length > 0 && !stream.write(text)) await once(stream, "drain");
}

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Restore the snapshot at `path` into `p`, if the file exists; exit 2 if it is unusable. */
function restoreState(p: StreamProcessor, path: string): void {
  let bytes: Uint8Array | null;
  try {
    bytes = readStateFile(path);
  } catch (e) {
    fail(`cannot read state file '${path}': ${(e as Error).message}`);
  }
  if (bytes === null) {
    // Fail now rather than after the whole input if the state can never be saved.
    if (!existsSync(dirname(resolve(path)))) fail(`cannot write state file '${path}': its directory does not exist`);
    return;
  }
  try {
    p.importState(bytes);
  } catch (e) {
    if (e instanceof SnapshotError) {
      fail(`cannot restore state from '${path}': ${e.message} (delete the file to start with an empty state)`);
    }
    throw e;
  }
}

export interface Reports {
  readonly explain?: "table" | "json";
  readonly trace: boolean;
  /** Save the state this often (ms) while running, when it changed. */
  readonly checkpointMs?: number;
}

/** `500ms`, `5s`, `2m`, `1h` (or a plain number of seconds) in milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) return undefined;
  const ms = Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return ms >= 1 && Number.isFinite(ms) ? ms : undefined;
}

export async function run(configPath: string, inputPath: string | undefined, seed: number | undefined, statePath: string | undefined,
  reports: Reports): Promise<number> {
  const p = await createProcessor(configPath, seed);
  if (statePath !== undefined) restoreState(p, statePath);
  let input: Readable = process.stdin;
  if (inputPath !== undefined) input = createReadStream(inputPath);
  else if (process.stdin.isTTY) process.stderr.write("reading JSON lines from stdin (end with Ctrl-D)\n");
  const live = inputPath === undefined && !fstatSync(0).isFile();

  // A signal stops reading at the next line boundary; what was read is finished.
  let stopping: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping !== null) {
      process.stderr.write(`\nstream-processor: ${signal} again: exiting at once${statePath === undefined ? "" : " without saving the state"}\n`);
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    }
    stopping = signal;
    input.destroy(); // wakes a read that waits for more input
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  // Checkpoints: the state saved on a timer whenever it changed since the last
  // save, so a kill -9 loses at most one interval of updates.
  let savedProcessed = p.metrics().messages_processed;
  const checkpoint = (): void => {
    const processed = p.metrics().messages_processed;
    if (statePath === undefined || processed === savedProcessed) return;
    saveState(p, statePath);
    savedProcessed = processed;
  };
  const checkpoints = reports.checkpointMs === undefined ? undefined : setInterval(checkpoint, reports.checkpointMs);
  checkpoints?.unref();

  const fmt = new OutputFormatter();
  const started = performance.now();
  let inputs = 0, outputs = 0, dropped = 0, errors = 0, unreadable = 0, lineNo = 0;
  let batch: Message[] = [];
  let batchLines: number[] = [];
  let notes: [number, string][] = []; // stderr lines of this batch, by input line

  const tty = process.stderr.isTTY === true;
  const progress = (): void => {
    const s = (performance.now() - started) / 1000;
    process.stderr.write(`\r${inputs} inputs, ${outputs} outputs, ${Math.round(inputs / Math.max(s, 1e-9))} msgs/s\x1b[K`);
  };
  const timer = tty ? setInterval(progress, PROGRESS_MS) : undefined;

  const flush = async (): Promise<void> => {
    if (batch.length > 0) {
      const r = p.process(batch, reports.trace ? { trace: true } : undefined);
      inputs += batch.length;
      outputs += r.outputs.length;
      dropped += r.dropped;
      errors += r.errors.length;
      let out = "";
      for (const o of r.outputs) out += fmt.line(o);
      for (const e of r.errors) {
        const line = batchLines[e.index];
        notes.push([line, e.mapping === undefined ? `line ${line}: ${e.message}` : `line ${line}, mapping '${e.mapping}': ${e.message}`]);
      }
      for (const { index, ...t } of r.trace ?? []) {
        const line = batchLines[index];
        notes.push([line, JSON.stringify({ line, ...t })]);
      }
      batch = [];
      batchLines = [];
      await write(process.stdout, out);
    }
    if (notes.length > 0) {
      notes.sort((a, b) => a[0] - b[0]); // stable: per line, module order
      const text = notes.map((n) => n[1]).join("\n") + "\n";
      notes = [];
      await write(process.stderr, tty ? `\r\x1b[K${text}` : text);
    }
  };

  try {
    reading: for await (const lines of lineChunks(input)) {
      for (const line of lines) {
        if (stopping !== null) break reading;
        lineNo++;
        if (line.trim().length === 0) continue;
        const parsed = parseInputLine(line);
        if (!parsed.ok) {
          unreadable++;
          notes.push([lineNo, `line ${lineNo}: ${parsed.error}`]);
          continue;
        }
        batch.push(parsed.message);
        batchLines.push(lineNo);
        if (batch.length >= BATCH) await flush();
      }
      // A live source (a pipe or terminal) that has paused: answer what arrived
      // now rather than when a batch fills. A file just goes on.
      if (live && input.readableLength === 0) await flush();
    }
  } catch (e) {
    // Destroying the input on a signal may end the iteration with an error: that is the stop.
    if (stopping === null) {
      if (timer) clearInterval(timer);
      const err = e as NodeJS.ErrnoException;
      if (err.code !== undefined && err.syscall !== undefined) fail(`cannot read input '${inputPath ?? "stdin"}': ${err.message}`);
      throw e;
    }
  }
  await flush();
  if (timer) clearInterval(timer);
  if (checkpoints) clearInterval(checkpoints);
  if (statePath !== undefined) saveState(p, statePath);

  const seconds = (performance.now() - started) / 1000;
  const rate = inputs > 0 ? Math.round(inputs / Math.max(seconds, 1e-9)) : 0;
  const unread = unreadable > 0 ? ` (+${unreadable} unreadable line${unreadable === 1 ? "" : "s"})` : "";
  process.stderr.write(`${tty ? "\r\x1b[K" : ""}${inputs} inputs${unread}, ${outputs} outputs, ${dropped} dropped, ` +
    `${errors + unreadable} errors in ${seconds.toFixed(3)} s (${rate} msgs/s)\n`);
  if (reports.explain === "table") process.stderr.write(`\n${renderExplanation(p.explain())}`);
  else if (reports.explain === "json") process.stderr.write(`${JSON.stringify(p.explain())}\n`);
  p.close();
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  if (stopping !== null) {
    const saved = statePath === undefined ? "" : `; state saved to ${statePath}`;
    process.stderr.write(`stream-processor: ${stopping}: stopped after input line ${lineNo}${saved}\n`);
    return SIGNAL_EXIT[stopping] ?? 1;
  }
  return 0;
}

