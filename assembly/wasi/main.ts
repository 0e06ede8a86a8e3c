// The `stream-processor` command as a WASI preview1 command (build/stream-processor.wasi.wasm):
// `run` a config over JSON lines, `check` a config, with the Node CLI's contract
// (host/cli.ts): the same stdout bytes, the same stderr lines, the same exit codes.
// The module core is called directly (assembly/index.ts); everything the Node host
// does around it (YAML, JSON lines, batching, state file) happens in here.
// Here: the command line; `run` is in run.ts, `check` in check.ts.

import { commandArgs, parseCommandLine, closest } from "./args";
import { stdout, stderr, exit, randomU32, fail } from "./io";
import { check } from "./check";
import { run } from "./run";
import { VERSION } from "./version";

const USAGE = `usage: stream-processor <command> [options]
       wasmtime run --dir . stream-processor.wasi.wasm <command> [options]

commands:
  run    --config <file> [--input <file.jsonl>] [--seed <n>] [--state <file>]
         Process JSON lines from --input (default: stdin). Outputs go to stdout as
         JSON lines; errors (one line each) and a summary go to stderr. From a pipe,
         outputs follow each line as it arrives; a file goes in batches.
  check  --config <file>
         Validate the config and list its mappings: path, kind, dependencies.

options:
  -c, --config <file>   the config, YAML or JSON (docs/behaviour.md "Config")
  -i, --input <file>    JSON lines to process (default: stdin)
      --seed <n>        seed for Math.random (default: random)
      --state <file>    keep the state (latest value per alias) in <file>: restored at
                        start if the file exists, written atomically at exit
  -h, --help            show this help
  -V, --version         print the version

Files are reached through the directories the WASI runtime grants
(wasmtime run --dir .). Not in this build: serve, --explain, --trace, signals.

exit status: 0 done (bad messages are reported on stderr, not fatal),
             2 invalid config, unreadable file, unusable state file or usage error,
             1 internal error
`;


function usageError(message: string, argsGiven: bool): void {
  if (argsGiven) stderr.text("stream-processor: " + message + " (see 'stream-processor --help')\n");
  else stderr.text(USAGE);
  exit(2);
}

// ---- main ---------------------------------------------------------------------------

const COMMANDS = ["run", "check", "serve"];

function main(): void {
  const argv = commandArgs();
  const argsGiven = argv.length > 0;
  const a = parseCommandLine(argv);
  if (a.error.length > 0) { usageError(a.error, argsGiven); return; }
  if (a.has("help")) { stdout.text(USAGE); return; }
  if (a.has("version")) { stdout.text("stream-processor " + VERSION + "\n"); return; }
  if (a.positionals.length == 0) { usageError("missing command (run, check, serve)", argsGiven); return; }
  const command = a.positionals[0];
  if (!COMMANDS.includes(command)) {
    const near = closest(command, COMMANDS);
    usageError("unknown command '" + command + "'" + (near == null ? "" : "; did you mean '" + near! + "'?"), argsGiven);
    return;
  }
  if (a.positionals.length > 1) { usageError("unexpected argument '" + a.positionals[1] + "'", argsGiven); return; }
  const allowed = command == "run" ? ["config", "input", "seed", "state", "explain", "trace"]
    : command == "check" ? ["config"] : ["port", "config", "input"];
  for (let i = 0; i < a.names.length; i++) {
    const name = a.names[i];
    if (name == "help" || name == "version") continue;
    if (!allowed.includes(name)) {
      const list = new Array<string>();
      for (let k = 0; k < allowed.length; k++) list.push("--" + allowed[k]);
      usageError(command + " does not take --" + name + " (it takes " + list.join(", ") + ")", argsGiven);
      return;
    }
  }
  if (command == "serve") { fail("serve is not available in the WASI command (use the Node CLI)"); return; }
  if (a.has("explain") || a.has("trace")) { fail("--explain and --trace are not available in the WASI command (use the Node CLI)"); return; }
  const config = a.get("config");
  if (config == null) { usageError(command + ": --config <file> is required", argsGiven); return; }
  if (command == "check") { check(config!); return; }
  let seed: i32 = <i32>randomU32();
  const seedText = a.get("seed");
  if (seedText != null) {
    const s = seedText!;
    // /^-?\d+$/ and a safe integer, as the Node CLI checks it.
    let i = s.startsWith("-") ? 1 : 0;
    let ok = i < s.length;
    let v: f64 = 0;
    for (; ok && i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x30 || c > 0x39) { ok = false; break; }
      v = v * 10 + <f64>(c - 0x30);
      if (v > 9007199254740991) ok = false;
    }
    if (!ok) { usageError("--seed must be an integer, got '" + s + "'", argsGiven); return; }
    seed = <i32><i64>(s.startsWith("-") ? -v : v); // seed | 0
  }
  run(config!, a.get("input"), seed, a.get("state"));
}

/** The command. Success returns from _start (exit status 0); failures end in proc_exit. */
export function _start(): void {
  main();
  stdout.flush();
  stderr.flush();
}
export { heap_top } from "../index";
