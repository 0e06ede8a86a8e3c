// `stream-processor check`: a config file, or every stream_processor of a Benthos config.

import { findStreamProcessors, type FoundProcessor } from "./benthos.js";
import { fail, createProcessor, readConfig } from "./cli_common.js";
import { ConfigError } from "./errors.js";
import { StreamProcessor } from "./processor.js";

export async function check(configPath: string): Promise<number> {
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
export async function checkBenthos(path: string): Promise<number> {
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

