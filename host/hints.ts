// Hints for the two quoting traps of writing expressions in YAML (or JSON):
// text meant literally (`label: "SN-42"` is the expression SN-42, an unknown
// identifier), and an unquoted ternary (`k: a ? 'x' : 'y'` is not valid YAML).

/** How the config reached the host. */
export type ConfigFormat = "yaml" | "json" | "object";

/** Text such as `SN-42`, `running` or `Line 1`: words, digits, `-`, `_`, `.` and spaces. */
const PLAIN_TEXT = /^[\p{L}_][\p{L}\p{N}_\-. ]*$/u;

/**
 * A hint for an expression that does not compile (an unknown identifier, or a
 * syntax error) and looks like text that was meant literally: words, digits,
 * `-`, `.` and spaces only, and none of `aliases` was suggested for it (a typo of
 * an alias is the likelier fault then). Undefined otherwise.
 */
export function literalTextHint(expression: string, message: string, format: ConfigFormat, aliases: readonly string[]): string | undefined {
  const text = expression.trim();
  if (!PLAIN_TEXT.test(text) || aliases.some((a) => message.includes(`did you mean '${a}'?`))) return undefined;
  const literal = JSON.stringify(text); // a JavaScript string literal of the text
  if (format === "yaml") return `hint: for the text ${literal}, quote it inside the YAML string: '${literal}'`;
  if (format === "json") return `hint: for the text ${literal}, quote it inside the JSON string: ${JSON.stringify(literal)}`;
  return `hint: for the text ${literal}, write the expression ${literal} (a JavaScript string literal, quotes included)`;
}

/**
 * A hint for a YAML syntax error on a line that holds an unquoted expression
 * with ` ? ` and ` : ` (a ternary), whose `: ` YAML reads as a nested mapping.
 * `line` is the source line of the error. Undefined when the line is not that.
 */
export function ternaryQuotingHint(line: string): string | undefined {
  const m = /^(\s*(?:- )?)([^\s:#'"][^:#]*?):\s+(.*\s\?\s.*\s:\s.*?)\s*(#.*)?$/.exec(line);
  if (m === null) return undefined;
  const [, indent, key, value] = m;
  const first = value[0];
  if (first === "'" || first === '"') return undefined; // quoted: some other problem
  // Single-quote the expression unless it has single quotes, else double-quote it (JSON is valid YAML there).
  const quoted = value.includes("'") ? JSON.stringify(value) : `'${value}'`;
  return `hint: an expression with ': ' in it (like a ternary a ? b : c) must be quoted in YAML: ${indent.trimStart()}${key}: ${quoted}`;
}
