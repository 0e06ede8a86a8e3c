// `stream-processor check --benthos FILE`: every `stream_processor` in a Benthos
// config (pipeline, input and output processors, resources, and processors
// nested in branch/switch/try/catch/workflow: any mapping key of that name),
// read the way Benthos reads the file: environment variables first, then YAML.

import { isMap, isScalar, isSeq, LineCounter, type Document, type Node, type Pair } from "yaml";
import { configValue, parseYamlDocument } from "./config.js";

/** One `stream_processor` found in a Benthos config. */
export interface FoundProcessor {
  /** Where it is, e.g. `pipeline.processors[0].stream_processor`. */
  readonly path: string;
  /** 1-based line of its `stream_processor:` key. */
  readonly line: number;
  /** Its fields as the module reads them (Benthos-only fields removed). */
  readonly config: Record<string, unknown>;
  /** Its seed and limits, when set. */
  readonly options: { seed?: number; limits?: Record<string, unknown> };
  /** Line and column (1-based) of each mapping leaf, by dotted path. */
  readonly leaves: ReadonlyMap<string, { line: number; column: number }>;
  /** Problems found before the module sees it (e.g. an unset environment variable in an expression). */
  readonly problems: readonly string[];
}

/** Fields of the Benthos processor that are not the module's config. */
const BENTHOS_ONLY = ["on_error", "state", "on_bad_snapshot", "limits", "seed"];

// Benthos's environment variable syntax: ${NAME}, ${NAME:default}, ${NAME|decoder};
// ${{NAME}} is the escape for a literal ${NAME}.
const ENV_VAR = /\$\{\{([0-9A-Za-z_.]+)\}\}|\$\{([0-9A-Za-z_.]+)((?::[^}]*)|(?:\|[^}]*))?\}/g;

interface Interpolated { text: string; unset: { line: number; text: string; name: string }[] }

/** `text` with environment variables replaced as Benthos replaces them; unset ones become "". */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): Interpolated {
  const unset: Interpolated["unset"] = [];
  const out = text.replace(ENV_VAR, (match, escaped: string | undefined, name: string, tail: string | undefined, offset: number) => {
    if (escaped !== undefined) return `\${${escaped}}`;
    const value = env[name];
    if (value !== undefined && value !== "") return value;
    if (tail?.startsWith(":")) return tail.slice(1);
    unset.push({ line: text.slice(0, offset).split("\n").length, text: match, name });
    return "";
  });
  return { text: out, unset };
}

/** Every `stream_processor` in the Benthos config `text`. Throws ConfigError for invalid YAML. */
export function findStreamProcessors(text: string, env: Readonly<Record<string, string | undefined>> = process.env): FoundProcessor[] {
  const { text: interpolated, unset } = interpolate(text, env);
  const lines = new LineCounter();
  const doc = parseYamlDocument(interpolated);
  lines.addNewLine(0);
  for (let i = 0; i < interpolated.length; i++) if (interpolated.charCodeAt(i) === 10) lines.addNewLine(i + 1);
  const found: FoundProcessor[] = [];
  walk(doc.contents, "", (pair, path) => {
    const value = pair.value as Node;
    const keyNode = pair.key as Node;
    const line = lines.linePos(keyNode.range?.[0] ?? 0).line;
    const end = lines.linePos(value.range?.[2] ?? keyNode.range?.[2] ?? 0).line;
    const config = configValue(doc as Document, value) as Record<string, unknown>;
    const options: FoundProcessor["options"] = {};
    if (typeof config.seed === "number") options.seed = config.seed;
    if (config.limits !== null && typeof config.limits === "object") options.limits = config.limits as Record<string, unknown>;
    for (const f of BENTHOS_ONLY) delete config[f];
    const leaves = new Map<string, { line: number; column: number }>();
    const mapping = isMap(value) ? value.get("mapping", true) : undefined;
    leafPositions(mapping, "", (leafPath, node) => {
      const p = lines.linePos(node.range?.[0] ?? 0);
      leaves.set(leafPath, { line: p.line, column: p.col });
    });
    const problems = unset.filter((u) => u.line >= line && u.line <= end).map((u) =>
      `line ${u.line}: Benthos reads ${u.text} as the environment variable '${u.name}', which is not set; ` +
      `for the alias in a template literal write \${ ${u.name} } or \${{${u.name}}}`);
    found.push({ path, line, config, options, leaves, problems });
  });
  return found;
}

function walk(node: unknown, path: string, onProcessor: (pair: Pair, path: string) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const here = path === "" ? key : `${path}.${key}`;
      if (key === "stream_processor" && isMap(pair.value)) onProcessor(pair, here);
      else walk(pair.value, here, onProcessor);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, `${path}[${i}]`, onProcessor));
  }
}

function leafPositions(node: unknown, prefix: string, at: (path: string, node: Node) => void): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (isMap(pair.value)) leafPositions(pair.value, path, at);
    else if (pair.value) at(path, pair.value as Node);
  }
}
