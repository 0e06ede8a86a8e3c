#!/usr/bin/env node
// The `stream-processor` command: arguments, usage and dispatch to `run`
// (cli_run.ts), `check` (cli_check.ts) and `serve` (serve.ts).
// See docs/host.md "CLI" and `stream-processor --help`.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCommandLine, UsageError } from "./args.js";
import { check, checkBenthos } from "./cli_check.js";
import { fail } from "./cli_common.js";
import { parseDuration, run } from "./cli_run.js";
import { ModuleNotFoundError } from "./errors.js";
import { serveCommand, ServeError } from "./serve.js";
import { closest } from "./suggest.js";

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
