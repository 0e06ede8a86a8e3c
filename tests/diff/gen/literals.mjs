// Source text of literals: numbers in every notation the subset accepts, string
// literals with every kind of escape, and template pieces (raw text).
import fc from "fast-check";

const NUMBER_LITERALS = [
  "0", "1", "2", "3", "5", "7", "10", "16", "36", "100", "0.5", ".5", "5.", "1.25", "0.1", "0.2", "1e3", "1E-7",
  "2.5e+10", "1e21", "1e-7", "0x1F", "0XfF", "0x0", "0o17", "0O7", "0b101", "0B0", "1e308", "1e309", "5e-324",
  "9007199254740993", "9007199254740991", "2147483647", "2147483648", "4294967295", "4294967296",
  "123456789012345678901234567890", "0.1e1", "1.7976931348623157e308", "2.2250738585072014e-308", "0.0",
  "65", "97", "128512", "1114111", "1114112", "55296", "65536", "1.5", "2.5", "0.49999999999999994", "1.005",
  "1000000", "1048577", "0xFFFFFFFF", "0x100000000", "0x1fffffffffffff", "1.0000000000000002",
  "0.000001", "0.0000001", "1.50", "0.10", "1e0", "1E00", "0e0", "0.e1", "7e-1000", "3e+400",
];

export const numberLiteral = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NUMBER_LITERALS) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1000 }).map(String) },
  { weight: 1, arbitrary: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((x) => String(x)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffff }).map((n) => "0x" + n.toString(16)) },
);

/** Characters a string or template literal may contain raw. */
const RAW = [
  "a", "b", "x", "Z", "0", "1", "5", " ", ",", ".", "-", "+", "e", "$", "&", "/", "_", "#", "\u00e9", "\u00df",
  "\u0130", "\u03a3", "\u2028", "\u2029", "\ud83d\ude00", "\u4e2d", "\u00a0", "\t", "\u000b", "\u000c",
  "\ufeff", "\u180e", "\u3000",
];

const ESCAPES = [
  "\\n", "\\t", "\\r", "\\b", "\\f", "\\v", "\\0", "\\\\", "\\x41", "\\xe9", "\\x00", "\\u0041", "\\u00DF",
  "\\ud800", "\\udfff", "\\uD83D\\uDE00", "\\ud83d", "\\u2028", "\\u{1F600}", "\\u{41}", "\\u{10FFFF}",
  "\\u{0000D800}", "\\q", "\\a", "\\%", "\\\n", "\\\r\n", "\\\u2028", "\\'", "\\\"",
];

/** A string literal's source text (quotes included). */
export const stringLiteral = fc.tuple(
  fc.constantFrom("'", '"'),
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...RAW) }, { weight: 1, arbitrary: fc.constantFrom(...ESCAPES) }), { maxLength: 8 }),
).map(([q, parts]) => {
  let body = "";
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    if ((p === "'" || p === '"') && p === q) p = "\\" + p;
    // "\0" before a digit would be a legacy octal escape (outside the subset).
    if (p === "\\0" && /^[0-9]/.test(parts[i + 1] ?? "")) p = "\\x00";
    body += p;
  }
  return q + body + q;
});

const TEMPLATE_ESCAPES = ESCAPES.filter((e) => e !== "\\0" && e !== "\\'" && e !== "\\\"").concat(["\\`", "\\${", "\\$", "\\{"]);
const TEMPLATE_RAW = RAW.concat(["\n", "\r\n", "\r", "'", "\"", "}"]);

/** Raw text of one template piece (between ` or } and ` or ${). */
export const templatePiece = fc.array(
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TEMPLATE_RAW) }, { weight: 1, arbitrary: fc.constantFrom(...TEMPLATE_ESCAPES) }),
  { maxLength: 5 },
).map((parts) => parts.join(""));
