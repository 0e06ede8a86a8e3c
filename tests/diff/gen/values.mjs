// Alias values for differential cases, as the JSON text of the payload's
// "value" (the oracle binds JSON.parse of that same text, so number parsing and
// string unescaping on the way in are part of every comparison).
import fc from "fast-check";

/** Numbers that sit on the edges JavaScript code trips over. */
const EDGE_NUMBERS = [
  "0", "-0", "0.0", "-0.0", "1", "-1", "2", "3", "7", "10", "16", "36", "65", "100", "255", "0.1", "0.2", "0.5",
  "1.5", "-1.5", "2.5", "-2.5", "1.005", "4.35", "1e21", "-1e21", "1e-7", "1e-6", "123e-20", "5e-324", "-5e-324",
  "2.2250738585072014e-308", "2.225073858507201e-308", "1.7976931348623157e308", "-1.7976931348623157e308",
  "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "4294967297",
  "9007199254740991", "9007199254740992", "9007199254740993", "-9007199254740993", "18446744073709551616",
  "1e300", "1E+2", "12.50", "104.00001", "191.41935483870967", "0.000001", "1e-300", "3.14159", "1114111",
  "1114112", "65535", "65536", "55296", "56320", "128512", "0.30000000000000004", "1.0000000000000002",
  "1000000", "1048576", "999999999999999900000", "0.9999999999999999", "-4294967295", "2.5e-324", "1e-323",
];

const MAGNITUDES = [2 ** 31, 2 ** 32, 2 ** 53, 2 ** 16, 2 ** 21, 2 ** 63, 2 ** 64, 1e21, 1e15];

/** JSON text of a finite double: shortest form, keeping the sign of zero. */
export function numberJson(x) {
  return Object.is(x, -0) ? "-0" : String(x);
}

const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });

export const numberText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 3, arbitrary: fc.integer({ min: -300, max: 300 }).map(String) },
  { weight: 2, arbitrary: finiteDouble.map(numberJson) },
  // Integers next to the 32-bit and 53-bit edges.
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...MAGNITUDES), fc.integer({ min: -3, max: 3 }), fc.boolean())
      .map(([m, d, neg]) => numberJson((neg ? -1 : 1) * (m + d))),
  },
  // Human decimals: d.ddd with a few places.
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 0, max: 6 }))
      .map(([n, k]) => numberJson(n / 10 ** k)),
  },
  // 17 to 25 significant digits and exponent spellings: correct rounding on the way in.
  {
    weight: 1,
    arbitrary: fc.tuple(finiteDouble, fc.integer({ min: 17, max: 25 }))
      .map(([x, p]) => (Object.is(x, -0) ? "-0.0" : x.toPrecision(p))),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: -330, max: 310 }), fc.constantFrom("e", "E", "e+", "E-", "e-"))
      .map(([m, e, sep]) => `${m}${sep.endsWith("-") || e < 0 ? sep[0] + "-" : sep}${Math.abs(e)}`),
  },
);

/** Characters strings are built from: ASCII, case-mapping specials, surrogates, separators, controls. */
export const ALPHABET = [
  "a", "b", "c", "x", "Z", "0", "1", "2", "5", "9", ".", "-", "+", "e", "E", " ", " ", ",", ",", ";", ":",
  "$", "&", "'", "`", "\"", "\\", "/", "_", "\t", "\n", "\r", "\u0000", "\u001f", "\u007f", "\u00a0",
  "\u00e9", "\u00df", "\u0130", "\u0131", "\u01c5", "\u03a3", "\u03c2", "\ufb00", "\u0149", "\u0390",
  "\u1e9e", "\u2126", "\u2028", "\u2029", "\ufeff", "\u4e2d", "\uff21", "\ud83d\ude00", "\ud800", "\udfff",
  "\udbff", "\ud83d", "\u0345", "\u1f88",
  // The rest of JavaScript's whitespace (trim, Number) and a look-alike that is not.
  "\u000b", "\u000c", "\u1680", "\u2000", "\u200a", "\u202f", "\u205f", "\u3000", "\u180e", "\u0085",
];

export const STRING_POOL = [
  "", " ", "0", "-0", "1", "12", "1.5", " 12 ", "\t42\n", "0x1f", "0X1F", "0b101", "0o17", "1e3", "-1e-3", ".5",
  "5.", "Infinity", "-Infinity", "+Infinity", "NaN", "abc", "ABC", "a,b,c", "a,,b,", ",", "true", "false",
  "null", "undefined", "1_000", "12px", "  ", "\u00a0 42 \ufeff", "$&", "$'", "$`", "$$", "$1", "$<x>",
  "hello world", "\u0130stanbul", "stra\u00dfe", "\u01c5emal", "\u0391\u03a3", "\ud83d\ude00x", "\ud83d",
  "\ude00", "x\u2028y", "2147483648", "-2147483649", "9007199254740993", "00012", "1n", "\u0661", "0.1",
];

const randomString = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((a) => a.join(""));

export const stringValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...STRING_POOL) },
  { weight: 3, arbitrary: randomString },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...STRING_POOL), randomString).map(([a, b]) => a + b) },
);

/**
 * JSON text of string `s`, with escapes chosen by `seed`: required ones
 * (quote, backslash, controls, lone surrogates) in short or \u form, and other
 * characters sometimes escaped too (\u with either hex case, \/).
 */
export function stringJson(s, seed) {
  let r = seed >>> 0 || 1;
  const rnd = () => { r ^= r << 13; r >>>= 0; r ^= r >>> 17; r ^= r << 5; r >>>= 0; return r / 4294967296; };
  const u = (c) => {
    const h = c.toString(16).padStart(4, "0");
    return "\\u" + (rnd() < 0.5 ? h : h.toUpperCase());
  };
  const SHORT = { 0x22: '\\"', 0x5c: "\\\\", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hi = c >= 0xd800 && c <= 0xdbff, lo = c >= 0xdc00 && c <= 0xdfff;
    const paired = hi && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (SHORT[c] !== undefined) out += rnd() < 0.7 ? SHORT[c] : u(c);
    else if (c < 0x20 || ((hi || lo) && !paired)) out += u(c);
    else if (paired) { out += rnd() < 0.3 ? u(c) + u(s.charCodeAt(i + 1)) : s.slice(i, i + 2); i++; }
    else if (c === 0x2f && rnd() < 0.3) out += "\\/";
    else out += rnd() < 0.1 ? u(c) : s[i];
  }
  return out + '"';
}

export const stringText = fc.tuple(stringValue, fc.integer()).map(([s, seed]) => stringJson(s, seed));
export const booleanText = fc.constantFrom("true", "false");

/** Value JSON for the alias slots: v0, v1 numbers; v2, v3 strings; v4 any type. */
export const ALIAS_KINDS = ["number", "number", "string", "string", "any"];

export const aliasValues = fc.tuple(
  numberText, numberText, stringText, stringText,
  fc.oneof({ weight: 2, arbitrary: numberText }, { weight: 2, arbitrary: stringText }, { weight: 1, arbitrary: booleanText }),
);
