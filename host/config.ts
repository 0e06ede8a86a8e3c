// Config input -> the config JSON the module reads (docs/ABI.md `configure`).
// An object is used as is; text is JSON if it parses as JSON, else YAML. In
// YAML, a number or boolean leaf under `mapping` becomes its source text, so
// `ratio: 1.50` is the expression "1.50" (docs/behaviour.md "Config").

import { Alias, Document, isScalar, parseDocument, Scalar, visit, type Node } from "yaml";
import { ConfigError } from "./errors.js";
import { ternaryQuotingHint, type ConfigFormat } from "./hints.js";

/** A config (docs/behaviour.md §2): what `StreamProcessor.create` accepts as an object. */
export interface Config {
  /** Optional; the only accepted value. */
  readonly mode?: "timeseries";
  /** The data contract: outputs go to `<output_topic>._<name>_<version>.<path>`. */
  readonly model: { readonly name: string; readonly version: string };
  /** The base of every output topic, e.g. `umh.v1.corpA.plant-A.aawd`. */
  readonly output_topic: string;
  /** Alias -> exact source topic. Aliases are the names the expressions use. */
  readonly sources: Readonly<Record<string, string>>;
  /** The mapping tree: each leaf is one expression; nested objects give dotted paths. */
  readonly mapping?: MappingTree;
}

/** A mapping tree: an expression per leaf (a number or boolean stands for its own text). */
export interface MappingTree {
  readonly [key: string]: string | number | boolean | MappingTree;
}

/** A config: a `Config` object, or its YAML or JSON text. */
export type ConfigInput = string | Config;

/**
 * The config JSON text for `config`. Throws ConfigError, and nothing else, for
 * text that does not parse (YAML syntax, duplicate keys in YAML or JSON, alias
 * bombs; the message has line and column) and for a value that cannot become
 * JSON (cycles, nesting too deep for the JS stack, BigInt). Field validation is
 * the module's job.
 */
export function configJson(config: ConfigInput): string {
  return readConfig(config).json;
}

/** `configJson`, and the format the config came in (for hints in error messages). */
export function readConfig(config: ConfigInput): { json: string; format: ConfigFormat } {
  let value: unknown;
  let format: ConfigFormat = "object";
  if (typeof config === "string") {
    ({ value, format } = parseText(config));
  } else if (config === null || typeof config !== "object") {
    throw new ConfigError([{ code: "config_invalid", message: "config must be an object or YAML/JSON text" }]);
  } else value = config;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    throw new ConfigError([{ code: "config_invalid", message: `config cannot be serialised as JSON: ${serialisationProblem(e)}` }]);
  }
  // JSON.stringify gives undefined for a function or symbol, e.g. a YAML `!!js/function`.
  if (json === undefined) throw new ConfigError([{ code: "config_invalid", message: "config must be an object" }]);
  return { json, format };
}



function serialisationProblem(e: unknown): string {
  if (e instanceof RangeError) return "it is nested too deeply";
  const message = e instanceof Error ? e.message : String(e);
  if (/circular/i.test(message)) return "it refers to itself (a YAML alias inside its own anchor?)";
  return message.split("\n")[0];
}

/** Parse config text: JSON if it is valid JSON (duplicate keys rejected), else YAML. */
export function parseConfigText(text: string): unknown {
  return parseText(text).value;
}

function parseText(text: string): { value: unknown; format: "json" | "yaml" } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { value: parseYaml(text), format: "yaml" };
  }
  const dup = duplicateJsonKey(text);
  if (dup !== null) {
    throw new ConfigError([{
      code: "config_invalid",
      path: dup.key,
      message: `invalid JSON: duplicate key ${JSON.stringify(dup.key)} at line ${dup.line}, column ${dup.column}`,
    }]);
  }
  return { value, format: "json" };
}

/**
 * The first key that repeats an earlier key of the same object in `text`, which
 * must be valid JSON (JSON.parse would silently keep the last one). Iterative, so
 * any nesting depth is fine.
 */
export function duplicateJsonKey(text: string): { key: string; line: number; column: number } | null {
  const objects: (Set<string> | null)[] = []; // null: an array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string token: find its closing quote
      let j = i + 1;
      for (let d = text.charCodeAt(j); d !== 0x22; d = text.charCodeAt(j)) j += d === 0x5c ? 2 : 1;
      const keys = objects[objects.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (keys.has(key)) {
          const before = text.slice(0, i);
          const line = before.split("\n").length;
          return { key, line, column: i - before.lastIndexOf("\n") };
        }
        keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b) { objects.push(new Set()); expectKey = true; } // {
    else if (c === 0x5b) objects.push(null);                              // [
    else if (c === 0x7d || c === 0x5d) objects.pop();                     // } ]
    else if (c === 0x2c) expectKey = objects[objects.length - 1] != null; // ,
  }
  return null;
}

// `merge`: `<<` merge keys, as Go's yaml.v3 (Benthos) reads them.
const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: true, merge: true } as const;

function parseYaml(text: string): unknown {
  try {
    const doc = parseYamlDocument(text);
    return configValue(doc, doc.contents);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    // The yaml package throws for alias bombs ("Excessive alias count …") and
    // overflows the JS stack on very deep nesting.
    const why = e instanceof RangeError ? "nested too deeply" : e instanceof Error ? e.message : String(e);
    throw new ConfigError([{ code: "config_invalid", message: `invalid YAML: ${why}` }]);
  }
}

/**
 * Parse YAML text as the hosts read configs (duplicate keys rejected, `<<` merge
 * keys); throws ConfigError with line, column and quoting hints.
 */
export function parseYamlDocument(text: string): Document {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0) {
    const lines = text.split("\n");
    throw new ConfigError(doc.errors.map((e) => {
      const line = e.linePos === undefined ? undefined : lines[e.linePos[0].line - 1];
      const hint = line === undefined ? undefined : ternaryQuotingHint(line);
      return { code: "config_invalid", message: `invalid YAML: ${e.message.trimEnd()}${hint === undefined ? "" : `\n  ${hint}`}` };
    }));
  }
  return doc;
}

/** The config object of the YAML node `node` (a config's root, or one nested in a Benthos config) in `doc`. */
export function configValue(doc: Document, node: unknown): unknown {
  const mapping = mappingNode(node);
  if (mapping !== undefined) keepScalarSource(doc, mapping);
  return node === null || node === undefined ? null : (node as Node).toJS(doc);
}

/** The value node of the `mapping` key of the config node `root`, if any. */
function mappingNode(root: unknown): Node | undefined {
  if (root === null || typeof root !== "object" || !("items" in root) || isScalar(root)) return undefined;
  for (const item of root.items as unknown[]) {
    const pair = item as { key?: unknown; value?: unknown };
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (key === "mapping" && pair.value) return pair.value as Node;
  }
  return undefined;
}

function isSourceKept(value: unknown): boolean {
  return typeof value === "number" || typeof value === "boolean" || typeof value === "bigint";
}

/** Replace every number or boolean leaf under `node` by its source text (`1.50` -> "1.50"). */
function keepScalarSource(doc: Document, node: Node): void {
  const fix = (s: Scalar): void => {
    if (isSourceKept(s.value) && s.source !== undefined) s.value = s.source;
  };
  if (isScalar(node)) { fix(node); return; }
  visit(node, {
    Scalar(key, s) {
      if (key !== "key") fix(s);
    },
    Alias(key, a: Alias) {
      if (key === "key") return;
      const target = a.resolve(doc);
      if (isScalar(target) && isSourceKept(target.value) && target.source !== undefined) {
        return new Scalar(target.source);
      }
    },
  });
}
