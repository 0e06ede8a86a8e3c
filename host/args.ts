// Command-line arguments of the CLI: options by name, with one-line errors that
// say what was meant (`unknown option '--conf'; did you mean '--config'?`).

import { closest } from "./suggest.js";

/** A usage mistake: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {}

/**
 * One option: `--name` (and `-x` when `short` is set); a string unless `flag`
 * (no value) or `optionalValue` (`--name` alone, or `--name=value`).
 */
export interface OptionSpec {
  readonly short?: string;
  readonly flag?: boolean;
  readonly optionalValue?: boolean;
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Record<string, string | true>;
}

/**
 * Parse `argv` against `specs`: `--name value`, `--name=value`, `-x value`, flags,
 * and `--` ending the options. Throws UsageError for an unknown option (with the
 * closest known name), a missing value, a value given to a flag, or a repeat.
 */
export function parseCommandLine(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const byShort = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.short !== undefined) byShort.set(spec.short, name);
  const positionals: string[] = [];
  const values: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") { positionals.push(...argv.slice(i + 1)); break; }
    if (!arg.startsWith("-") || arg === "-") { positionals.push(arg); continue; }
    const eq = arg.indexOf("=");
    const written = eq === -1 ? arg : arg.slice(0, eq);
    const name = written.startsWith("--") ? written.slice(2) : byShort.get(written.slice(1));
    if (name === undefined || !Object.hasOwn(specs, name)) {
      throw new UsageError(`unknown option '${written}'${suggestion(written, specs)}`);
    }
    if (Object.hasOwn(values, name)) throw new UsageError(`option '--${name}' given twice`);
    if (specs[name].flag || (specs[name].optionalValue && eq === -1)) {
      if (eq !== -1) throw new UsageError(`option '--${name}' takes no value`);
      values[name] = true;
    } else if (eq !== -1) {
      values[name] = arg.slice(eq + 1);
    } else {
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith("-") && value !== "-")) throw new UsageError(`option '--${name}' needs a value`);
      values[name] = value;
      i++;
    }
  }
  return { positionals, values };
}

/** `; did you mean '--x'?` for the known option closest to `written`, or "". */
function suggestion(written: string, specs: Readonly<Record<string, OptionSpec>>): string {
  const bare = written.replace(/^-+/, "");
  const best = closest(bare, Object.keys(specs));
  return best === undefined ? "" : `; did you mean '--${best}'?`;
}
