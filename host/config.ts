// Config input -> the config JSON the module reads (docs/ABI.md `configure`).
// An object is used as is; text is JSON if it parses as JSON, else YAML. In
// YAML, a number or boolean leaf under `mapping` becomes its source text, so
// `ratio: 1.50` is the expression "1.50" (SPEC section 2).

import { Alias, Document, isScalar, parseDocument, Scalar, visit, type Node } from "yaml";
import { ConfigError } from "./errors.js";

/** A config: an object in the shape of SPEC section 2, or its YAML or JSON text. */
export type ConfigInput = string | object;

/**
 * The config JSON text for `config`. Throws ConfigError for YAML that does not
 * parse (syntax, duplicate keys; yaml's message with line and column) or an
 * object that cannot be serialised. Field validation is the module's job.
 */
export function configJson(config: ConfigInput): string {
  if (typeof config === "string") return JSON.stringify(parseConfigText(config));
  if (config === null || typeof config !== "object") {
    throw new ConfigError([{ code: "config_invalid", message: "config must be an object or YAML/JSON text" }]);
  }
  try {
    return JSON.stringify(config);
  } catch (e) {
    throw new ConfigError([{ code: "config_invalid", message: `config cannot be serialised as JSON: ${(e as Error).message}` }]);
  }
}

/** Parse config text: JSON if it is valid JSON, else YAML. */
export function parseConfigText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parseYaml(text);
  }
}

function parseYaml(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => ({ code: "config_invalid", message: `invalid YAML: ${e.message.trimEnd()}` })));
  }
  const mapping = mappingNode(doc);
  if (mapping !== undefined) keepScalarSource(doc, mapping);
  return doc.toJS();
}

/** The value node of the top-level `mapping` key, if any. */
function mappingNode(doc: Document): Node | undefined {
  const root = doc.contents;
  if (root === null || !("items" in root) || isScalar(root)) return undefined;
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
