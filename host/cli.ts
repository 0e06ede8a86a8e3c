#!/usr/bin/env node
// The `stream-processor` command: `run` a config over JSON lines, `check` a config.
// See docs/host.md "CLI" and `stream-processor --help`.

import { createReadStream, existsSync, fstatSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { parseCommandLine, UsageError } from "./args.js";
import { closest } from "./suggest.js";
import { ConfigError, ModuleNotFoundError, SnapshotError } from "./errors.js";
import { lineChunks } from "./lines.js";
import { renderExplanation } from "./report.js";
import { OutputFormatter, parseInputLine } from "./jsonl.js";
import type { Message } from "./message.js";
import { StreamProcessor } from "./processor.js";
import { serveCommand, ServeError } from "./serve.js";
import { findStreamProcessors, type FoundProcessor } from "./benthos.js";
import { readStateFile, writeStateFile } from "./state_file.js";

const USAGE = `usage: stream-processor <command> [options]

commands:
  run    --config <file> [--input <file.jsonl>] [--seed <n>] [--state <file>]
         [--checkpoint-interval <duration>] [--explain[=json]] [--trace]
         Process JSON lines from --input (default: stdin). Outputs go to stdout as
         JSON lines; errors (one line each) and a summary go to stderr. From a pipe,
         outputs follow each line as it arrives; a file goes in batches.
         SIGINT/SIGTERM: finish the lines read so far, save the state, say after
         which input line it stopped, and exit 130/143 (a second signal exits at once).
  check  --config <file>
         Validate the config and list its mappings: path, kind, dependencies.
  check  --benthos <pipeline.yaml>
         Check every stream_processor in a Benthos config (pipeline, resources, and
         processors nested in branch/switch/try/catch/workflow); exit 2 on any error.
  serve  [--port <n>] [--config <file>] [--input <file.jsonl>]
         The playground: a page on http://127.0.0.1:<port>/ (default 4195) that runs
         the module on a config and input you edit, with live results. Prints the
         URL; opens nothing. --config/--input fill it in (default: the example).

options:
  -c, --config <file>   the config, YAML or JSON (docs/behaviour.md "Config")
  -i, --input <file>    JSON lines to process (run; default: stdin) or to show (serve)
  -p, --port <n>        port of the playground (serve only; default 4195)
      --seed <n>        seed for Math.random (run only; default: random)
      --state <file>    keep the state (latest value per alias) in <file>: restored at
                        start if the file exists, written atomically at exit and on
                        SIGINT/SIGTERM, so a restarted run continues where it stopped
      --checkpoint-interval <duration>
                        also save the state this often while running (e.g. 5s, 500ms)
                        when it changed: a kill -9 loses at most one interval
      --explain[=json]  after the summary, why each mapping did or did not fire: per
                        mapping outputs, skips, errors and what it waits for; per source
                        updates and invalid payloads; dropped topics that nearly match
                        a source; on stderr, as a table or (=json) one JSON object
      --trace           one JSON line per input on stderr: what became of it and of
                        each mapping it triggered
  -h, --help            show this help
  -V, --version         print the version

input line:   {"topic": "...", "payload": <JSON value, passed on as written>, "metadata": {...}}
              or "payload_raw": "<text>" instead of "payload" for a body that is not JSON
output line:  {"topic": "...", "payload": <output payload>, "metadata": {...}}

exit status: 0 done (bad messages are reported on stderr, not fatal),
             2 invalid config, unreadable file, unusable state file or usage error,
             130/143 stopped by SIGINT/SIGTERM (state saved), 1 internal error
`;

/** Messages per process() call, at most. */
const BATCH = 1000;
const PROGRESS_MS = 500;

function fail(message: string, code = 2): never {
  process.stderr.write(`stream-processor: ${message}\n`);
  process.exit(code);
}

function readConfig(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    fail(`cannot read config '${path}': ${(e as Error).message}`);
  }
}

async function createProcessor(path: string, seed?: number): Promise<StreamProcessor> {
  try {
    return await StreamProcessor.create(readConfig(path), seed === undefined ? {} : { seed });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${path}: invalid config\n${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

async function check(configPath: string): Promise<number> {
  const p = await createProcessor(configPath);
  const mappings = p.mappings();
  const width = Math.max(0, ...mappings.map((m) => m.path.length));
  let text = "";
  for (const m of mappings) {
    text += `${m.path.padEnd(width)}  ${m.kind.padEnd(8)}  ${m.dependencies.join(", ")}`.trimEnd() + "\n";
  }
  process.stdout.write(text);
  process.stderr.write(`${configPath}: ok, ${mappings.length} mapping${mappings.length === 1 ? "" : "s"}\n`);
  p.close();
  return 0;
}

/** `check --benthos FILE`: every stream_processor of a Benthos config; 2 if any is invalid or there is none. */
async function checkBenthos(path: string): Promise<number> {
  let found: FoundProcessor[];
  try {
    found = findStreamProcessors(readConfig(path));
  } catch (e) {
    if (e instanceof ConfigError) fail(`${path}: ${e.message}`);
    throw e;
  }
  if (found.length === 0) fail(`${path}: no stream_processor in this Benthos config`);
  let invalid = 0;
  for (const f of found) {
    const problems = [...f.problems];
    let mappings = 0;
    try {
      const limits = f.options.limits === undefined ? undefined
        : Object.fromEntries(Object.entries(f.options.limits).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
      const p = await StreamProcessor.create(f.config as never, { seed: f.options.seed ?? 0, ...(limits ? { limits } : {}) });
      mappings = p.mappings().length;
      p.close();
    } catch (e) {
      if (e instanceof ConfigError) {
        for (const d of e.diagnostics) {
          const at = d.path === undefined ? undefined : f.leaves.get(d.path);
          problems.push(at === undefined ? d.message : `line ${at.line}, column ${at.column}: ${d.message}`);
        }
      } else if (e instanceof TypeError || e instanceof RangeError) {
        problems.push(e.message);
      } else throw e;
    }
    if (problems.length === 0) {
      process.stdout.write(`${path}:${f.line}: ${f.path}: ok, ${mappings} mapping${mappings === 1 ? "" : "s"}\n`);
    } else {
      invalid++;
      process.stdout.write(`${path}:${f.line}: ${f.path}: invalid\n${problems.map((m) => m.replace(/^line (\d+)/, `${path}:$1`)).join("\n")}\n`);
    }
  }
  process.stderr.write(`${path}: ${found.length} stream_processor${found.length === 1 ? "" : "s"}, ${invalid} invalid\n`);
  return invalid === 0 ? 0 : 2;
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

interface Reports {
  readonly explain?: "table" | "json";
  readonly trace: boolean;
  /** Save the state this often (ms) while running, when it changed. */
  readonly checkpointMs?: number;
}

/** `500ms`, `5s`, `2m`, `1h` (or a plain number of seconds) in milliseconds; undefined if malformed. */
function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) return undefined;
  const ms = Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? "s") as "ms" | "s" | "m" | "h"];
  return ms >= 1 && Number.isFinite(ms) ? ms : undefined;
}

async function run(configPath: string, inputPath: string | undefined, seed: number | undefined, statePath: string | undefined,
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
    try {
      writeStateFile(statePath, p.exportState());
    } catch (e) {
      fail(`cannot write state file '${statePath}': ${(e as Error).message}`, 1);
    }
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
  if (statePath !== undefined) {
    try {
      writeStateFile(statePath, p.exportState());
    } catch (e) {
      fail(`cannot write state file '${statePath}': ${(e as Error).message}`, 1);
    }
  }

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

const OPTIONS = {
  config: { short: "c" },
  input: { short: "i" },
  seed: {},
  state: {},
  "checkpoint-interval": {},
  benthos: {},
  port: { short: "p" },
  explain: { optionalValue: true },
  trace: { flag: true },
  help: { short: "h", flag: true },
  version: { short: "V", flag: true },
} as const;

/** The options each command accepts (besides --help and --version). */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  run: ["config", "input", "seed", "state", "checkpoint-interval", "explain", "trace"],
  check: ["config", "benthos"],
  serve: ["port", "config", "input"],
};

function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, "..", "package.json"), join(here, "..", "..", "package.json")]) {
    if (existsSync(candidate)) return (JSON.parse(readFileSync(candidate, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

async function serve(portText: string | undefined, config: string | undefined, input: string | undefined): Promise<number> {
  const port = portText === undefined ? 4195 : Number(portText);
  if (portText !== undefined && (!/^\d+$/.test(portText) || port > 65535)) throw new UsageError(`--port must be an integer from 0 to 65535, got '${portText}'`);
  try {
    await serveCommand({ port, config, input });
  } catch (e) {
    if (e instanceof ServeError) fail(e.message);
    throw e;
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`stream-processor ${packageVersion()}\n`);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (command === undefined) throw new UsageError("missing command (run, check, serve)");
  const allowed = COMMAND_OPTIONS[command];
  if (allowed === undefined) {
    const near = closest(command, Object.keys(COMMAND_OPTIONS));
    throw new UsageError(`unknown command '${command}'${near === undefined ? "" : `; did you mean '${near}'?`}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  for (const name of Object.keys(values)) {
    if (!allowed.includes(name)) throw new UsageError(`${command} does not take --${name} (it takes ${allowed.map((a) => `--${a}`).join(", ")})`);
  }
  const config = values.config as string | undefined;
  if (command === "check" && values.benthos !== undefined) {
    if (config !== undefined) throw new UsageError("check takes --config or --benthos, not both");
    return checkBenthos(values.benthos as string);
  }
  if (command === "serve") return serve(values.port as string | undefined, config, values.input as string | undefined);
  if (config === undefined) throw new UsageError(`${command}: --config <file>${command === "check" ? " or --benthos <file>" : ""} is required`);
  if (command === "check") return check(config);
  let seed: number | undefined;
  const seedText = values.seed as string | undefined;
  if (seedText !== undefined) {
    seed = Number(seedText);
    if (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got '${seedText}'`);
  }
  const explain = values.explain;
  if (explain !== undefined && explain !== true && explain !== "json" && explain !== "table") {
    throw new UsageError(`--explain takes no value or =json, got '${explain}'`);
  }
  const interval = values["checkpoint-interval"] as string | undefined;
  const checkpointMs = interval === undefined ? undefined : parseDuration(interval);
  if (interval !== undefined && checkpointMs === undefined) throw new UsageError(`--checkpoint-interval must be a duration such as 500ms, 5s or 1m, got '${interval}'`);
  if (interval !== undefined && values.state === undefined) throw new UsageError("--checkpoint-interval needs --state <file>");
  return run(config, values.input as string | undefined, seed, values.state as string | undefined, {
    explain: explain === undefined ? undefined : explain === "json" ? "json" : "table",
    trace: values.trace === true,
    checkpointMs,
  });
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0); // e.g. `| head`
  throw e;
});

const argsGiven = process.argv.length > 2;
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    if (e instanceof UsageError) {
      // No arguments at all: show what there is; otherwise one line.
      process.stderr.write(argsGiven ? `stream-processor: ${e.message} (see 'stream-processor --help')\n` : USAGE);
      process.exitCode = 2;
    } else if (e instanceof ModuleNotFoundError) {
      process.stderr.write(`stream-processor: ${e.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`stream-processor: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
