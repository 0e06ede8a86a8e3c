// Command-line arguments, as the Node CLI reads them (host/args.ts): `--name value`,
// `--name=value`, `-x value`, flags, `--` ending the options; one-line errors
// with the closest known name.

import { args_sizes_get, args_get } from "./bindings";

/** The arguments after the program name. */
export function commandArgs(): string[] {
  const sizes = memory.data(8);
  args_sizes_get(sizes, sizes + 4);
  const argc = load<u32>(sizes);
  const bufSize = load<u32>(sizes, 4);
  const argv = heap.alloc(<usize>max<u32>(argc, 1) << 2);
  const buf = heap.alloc(<usize>max<u32>(bufSize, 1));
  args_get(argv, buf);
  const out = new Array<string>();
  for (let i: u32 = 1; i < argc; i++) {
    const p = load<u32>(argv + (<usize>i << 2));
    let e = p;
    while (load<u8>(e) != 0) e++;
    out.push(String.UTF8.decodeUnsafe(p, e - p));
  }
  return out;
}

export class OptionSpec {
  constructor(public name: string, public short: string, public flag: bool, public optionalValue: bool) {}
}

/** The options of the Node CLI (so that mistakes are worded the same). */
export const OPTIONS: OptionSpec[] = [
  new OptionSpec("config", "c", false, false),
  new OptionSpec("input", "i", false, false),
  new OptionSpec("seed", "", false, false),
  new OptionSpec("state", "", false, false),
  new OptionSpec("port", "p", false, false),
  new OptionSpec("explain", "", false, true),
  new OptionSpec("trace", "", true, false),
  new OptionSpec("help", "h", true, false),
  new OptionSpec("version", "V", true, false),
];

export class Parsed {
  positionals: string[] = [];
  names: string[] = [];
  values: string[] = []; // "" for a flag
  error: string = "";

  has(name: string): bool { return this.names.includes(name); }
  get(name: string): string | null {
    const i = this.names.indexOf(name);
    return i < 0 ? null : this.values[i];
  }
}

function specOf(name: string): OptionSpec | null {
  for (let i = 0; i < OPTIONS.length; i++) if (OPTIONS[i].name == name) return OPTIONS[i];
  return null;
}
function specOfShort(short: string): OptionSpec | null {
  for (let i = 0; i < OPTIONS.length; i++) if (OPTIONS[i].short.length > 0 && OPTIONS[i].short == short) return OPTIONS[i];
  return null;
}

export function parseCommandLine(argv: string[]): Parsed {
  const r = new Parsed();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg == "--") { for (let j = i + 1; j < argv.length; j++) r.positionals.push(argv[j]); break; }
    if (!arg.startsWith("-") || arg == "-") { r.positionals.push(arg); continue; }
    const eq = arg.indexOf("=");
    const written = eq < 0 ? arg : arg.substring(0, eq);
    const spec = written.startsWith("--") ? specOf(written.substring(2)) : specOfShort(written.substring(1));
    if (spec == null) {
      r.error = "unknown option '" + written + "'" + suggestion(written);
      return r;
    }
    const name = spec.name;
    if (r.has(name)) { r.error = "option '--" + name + "' given twice"; return r; }
    if (spec.flag || (spec.optionalValue && eq < 0)) {
      if (eq >= 0) { r.error = "option '--" + name + "' takes no value"; return r; }
      r.names.push(name); r.values.push("");
    } else if (eq >= 0) {
      r.names.push(name); r.values.push(arg.substring(eq + 1));
    } else {
      if (i + 1 >= argv.length || (argv[i + 1].startsWith("-") && argv[i + 1] != "-")) {
        r.error = "option '--" + name + "' needs a value";
        return r;
      }
      r.names.push(name); r.values.push(argv[i + 1]);
      i++;
    }
  }
  return r;
}

function suggestion(written: string): string {
  let bare = written;
  while (bare.startsWith("-")) bare = bare.substring(1);
  const names = new Array<string>();
  for (let i = 0; i < OPTIONS.length; i++) names.push(OPTIONS[i].name);
  const best = closest(bare, names);
  return best == null ? "" : "; did you mean '--" + best! + "'?";
}

/** The candidate nearest to `word` (a prefix, or within a third of its length in edits), if any (host/suggest.ts). */
export function closest(word: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance: f64 = Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const d: f64 = word.length >= 2 && c.startsWith(word) ? 0.5 : <f64>editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return bestDistance <= <f64>max(1, word.length / 3) ? best : null;
}

/** Optimal string alignment distance (insert, delete, substitute, swap neighbours). */
function editDistance(a: string, b: string): i32 {
  const w = b.length + 1;
  const d = new Array<i32>((a.length + 1) * w);
  for (let i = 0; i <= a.length; i++) d[i * w] = i;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1);
      v = min(v, d[(i - 1) * w + j - 1] + (a.charCodeAt(i - 1) == b.charCodeAt(j - 1) ? 0 : 1));
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) == b.charCodeAt(j - 2) && a.charCodeAt(i - 2) == b.charCodeAt(j - 1)) {
        v = min(v, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length];
}
