// JSON.parse and Date forms for the random-expression fuzzer (issue 17): JSON
// texts, valid and broken at every kind of position; date strings in the ISO
// format (every field, expanded years, offsets, out-of-range values) and in the
// legacy forms V8 accepts or rejects; time values at the edges of the range;
// every Date method. tests/diff/gen/expr.mjs adds these to its typed pools, and
// tests/diff/json_parse.test.ts and date.test.ts use the text generators alone.
import fc from "fast-check";

const lit = (s) => ({ t: "lit", s });
const node = (t, fields) => ({ t, ...fields });
/** A JavaScript string literal of `s` (JSON's quoting is valid JavaScript, \u2028 included). */
export const quoted = (s) => JSON.stringify(s);

// ---- JSON texts ------------------------------------------------------------------

const jsonScalar = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
  fc.string({ maxLength: 6 }), fc.string({ unit: "binary", maxLength: 4 }), fc.constantFrom("", "a", "\u2028", "\ud800", "\"\\/", "01", "10", "x"),
);
const jsonKey = fc.oneof(fc.constantFrom("a", "b", "1", "0", "01", "10", "-1", "__proto__", "", "length", "4294967295", "4294967294"), fc.string({ maxLength: 4 }));
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, jsonScalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.array(fc.tuple(jsonKey, tie("value")), { maxLength: 4 }),
}));

/** JSON text of a generated value: objects as key lists (duplicates kept), random spacing and escapes. */
function jsonText(v, ws, esc) {
  const sp = () => ws[(ws.i = (ws.i + 1) % ws.length)];
  const str = (s) => {
    let t = JSON.stringify(s);
    if (esc) t = t.replace(/[a-z]/g, (c) => (c.charCodeAt(0) % 3 === 0 ? "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0") : c));
    return t;
  };
  if (v && v.pairs) return "{" + sp() + v.pairs.map(([k, x]) => str(k) + sp() + ":" + sp() + jsonText(x, ws, esc)).join(sp() + "," + sp()) + sp() + "}";
  if (Array.isArray(v)) return "[" + sp() + v.map((x) => jsonText(x, ws, esc)).join(sp() + "," + sp()) + sp() + "]";
  if (typeof v === "string") return str(v);
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  return String(v);
}
/** The letrec's objects come out as arrays of [key, value] pairs: make them objects ({pairs}). */
function fixObjects(v) {
  if (!Array.isArray(v)) return v;
  if (v.length > 0 && v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === "string")) return { pairs: v.map(([k, x]) => [k, fixObjects(x)]) };
  return v.map(fixObjects);
}
const shaped = fc.oneof(
  jsonScalar,
  fc.array(jsonValue, { maxLength: 4 }).map(fixObjects),
  fc.array(fc.tuple(jsonKey, jsonValue), { maxLength: 4 }).map((pairs) => ({ pairs: pairs.map(([k, x]) => [k, fixObjects(x)]) })),
);
const WS = [["", ""], [" ", ""], ["\n", " ", "\t"], ["\r\n", "  "], [""]];
const validJson = fc.tuple(shaped, fc.constantFrom(...WS), fc.boolean(), fc.constantFrom("", " ", "\n "))
  .map(([v, ws, esc, pad]) => pad + jsonText(v, Object.assign([...ws], { i: 0 }), esc) + pad.trim());

/** Break a text at a random place: drop, insert or replace one character, or cut it short. */
const BREAKERS = ["", ",", "]", "}", "[", "{", ":", "\"", "\\", "x", "1", "-", ".", "e", "\u0001", "t", "n", "\u00ff", "\u0100", "😀", " ", "\\u12", "0", "01"];
const brokenJson = fc.tuple(validJson, fc.nat(), fc.constantFrom("drop", "insert", "replace", "cut"), fc.constantFrom(...BREAKERS))
  .map(([t, at, how, c]) => {
    const i = t.length === 0 ? 0 : at % (t.length + 1);
    if (how === "drop") return t.slice(0, i) + t.slice(i + 1);
    if (how === "insert") return t.slice(0, i) + c + t.slice(i);
    if (how === "replace") return t.slice(0, i) + c + t.slice(i + 1);
    return t.slice(0, i);
  });
const FAMOUS = ["", " ", "undefined", "NaN", "Infinity", "-Infinity", "[object Object]", "{", "[", "\"", "tru", "nul", "01", "-", "1.", "1e", "1e+",
  "[1,]", "{\"a\":1,}", "{'a':1}", "\"\\x41\"", "\"\\u00e9\"", "\"a\nb\"", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{1:2}", "\"\\ud83d\\ude00\"",
  "0x10", "+1", ".5", "1_000", "\"abc", "[\"a\"", "{\"abcdefghijklmnopqrstuvwxyz\": x}", "{\"a\":1}x", "truex", "[-]", "\"\\u123\"", "\"\\u{41}\""];

/** JSON texts: valid, broken at any position, and the classics. */
export const jsonTextArb = fc.oneof({ weight: 4, arbitrary: validJson }, { weight: 4, arbitrary: brokenJson }, { weight: 1, arbitrary: fc.constantFrom(...FAMOUS) });

// ---- time values and date strings ---------------------------------------------------

const MAX = 8.64e15;
const EDGE_TIMES = [0, -1, 1, MAX, -MAX, MAX + 1, -MAX - 1, MAX - 1, 86400000, -86400000, 951782400000, 951868800000, 1796527452123,
  -62198755200000, -62135596800000, -62167219200000, 253402300799999, 253402300800000, -2208988800000, 1e12, 1.5, -1.5, 0.9, -0.9, 2 ** 31, -(2 ** 53)];
/** Time values: the edges of the range, around leap days and year ends, anywhere. */
export const timeValue = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_TIMES) },
  { weight: 3, arbitrary: fc.integer({ min: -MAX - 10, max: MAX + 10 }) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: -271821, max: 275760 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 31 }))
    .map(([y, m, d]) => Date.UTC(y, m, d)).filter((t) => !Number.isNaN(t)) },
  { weight: 1, arbitrary: fc.integer({ min: -10000, max: 10000 }).map((n) => n * 86400000 + 43200000) },
);

const pad = (n, w) => String(n).padStart(w, "0");
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sunday", "thursday", "FRI"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "January", "february", "SEPT", "Decem", "ju"];
const ZONES = ["GMT", "UTC", "UT", "Z", "z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "gmt", "utc", "CET", "XYZ"];

/** ECMAScript date-time strings, mostly well formed, with every field sometimes out of range. */
const isoDate = fc.tuple(
  fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 9999 }).map((y) => pad(y, 4)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 999999 })).map(([s, y]) => s + pad(y, 6)) },
    { weight: 1, arbitrary: fc.constantFrom("+275760", "-271821", "+275761", "-271822", "-000000", "+000000", "20260", "026", "1970") }),
  fc.option(fc.integer({ min: 0, max: 13 }), { nil: null }), fc.option(fc.integer({ min: 0, max: 32 }), { nil: null }),
  fc.option(fc.tuple(fc.constantFrom("T", "t", " "), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }),
    fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), fc.option(fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 10 }), { nil: null })), { nil: null }),
  fc.option(fc.oneof(fc.constantFrom("Z", "z", "+00:00", "-00:00", "+05:30", "-12:00", "+23:59", "+24:00", "+0530", "-0800", "+5", "+05", "+05:3", "+05:60"),
    fc.tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(m, 2)}`)), { nil: null }),
  fc.constantFrom("", "", "", " ", "x", "Z"),
).map(([y, mo, d, time, zone, tail]) => {
  let s = y;
  if (mo !== null) { s += "-" + pad(mo, 2); if (d !== null) s += "-" + pad(d, 2); }
  if (time !== null) {
    const [sep, h, mi, sec, frac] = time;
    s += sep + pad(h, 2) + ":" + pad(mi, 2);
    if (sec !== null) { s += ":" + pad(sec, 2); if (frac !== null) s += "." + frac; }
  }
  if (zone !== null) s += zone;
  return s + tail;
});

/** Legacy strings: month names, weekdays, slashes, AM/PM, zones, offsets, parentheses, junk. */
const legacyDate = fc.tuple(
  fc.option(fc.constantFrom(...WEEKDAYS), { nil: null }), fc.constantFrom(...MONTHS), fc.integer({ min: 0, max: 40 }),
  fc.oneof(fc.integer({ min: 0, max: 2100 }), fc.constantFrom(99, 49, 50, 0, 100, 275760, 275761, 12345)),
  fc.option(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.option(fc.integer({ min: 0, max: 61 }), { nil: null }),
    fc.option(fc.constantFrom("AM", "PM", "am", "pm", "a.m."), { nil: null })), { nil: null }),
  fc.option(fc.oneof(fc.constantFrom(...ZONES), fc.constantFrom("GMT+0100", "GMT-0800", "GMT+01:00", "UTC+5", "+0200", "-07", "GMT+123456", "GMT-"), fc.constant("(Coordinated Universal Time)")), { nil: null }),
  fc.constantFrom(0, 1, 2, 3, 4, 5),
).map(([wd, mon, day, year, time, zone, layout]) => {
  const t = time === null ? "" : ` ${time[0]}:${pad(time[1], 2)}${time[2] === null ? "" : ":" + pad(time[2], 2)}${time[3] === null ? "" : " " + time[3]}`;
  const z = zone === null ? "" : " " + zone;
  const w = wd === null ? "" : wd + (layout === 1 ? ", " : " ");
  switch (layout) {
    case 0: return `${w}${mon} ${day} ${year}${t}${z}`;
    case 1: return `${w}${pad(day, 2)} ${mon} ${year}${t}${z}`;
    case 2: return `${year}/${pad(day % 13, 2)}/${pad(day, 2)}${t}${z}`;
    case 3: return `${day % 13}/${day}/${year}${t}${z}`;
    case 4: return `${mon}-${day}-${year}${t}`;
    default: return `${year}-${pad(day % 13, 2)}-${pad(day, 2)}${t}${z}`;
  }
});
const FAMOUS_DATES = ["", " ", "Dec 6 2026 10:00", "2026/12/06 10:00:00", "Sun Dec 06 2026 03:24:12 GMT+0000 (Coordinated Universal Time)",
  "Sun, 06 Dec 2026 03:24:12 GMT", "Dec 25", "2026", "12", "1", "0", "-1", "2026-12", "2026-12-06", "2026-12-06T10:00", "2026-12-06T24:00",
  "2026-12-06T24:00:01", "2026-02-30", "2026-12-06T10:00:00.123456789Z", "2026-12-06T10:00:00,5Z", "6 December 2026", "December 6, 2026 10:00 PM",
  "Tue Apr 20 -271821 00:00:00 GMT+0000", "Invalid Date", "now", "today", "T10:00", "2026-12-06T10:00:00+01", "2026-12-06 10:00:00 +0100",
  "12/6/2026, 3:24:12 AM", "2026-12-06T10:00:00.000+0530", "(comment) Dec 6 2026", "Dec 6 2026 (a (nested) comment)", "Dec 6 2026 )",
  "Dec 6 2026 10:00:00 GMT+01:00", "10:00 Dec 6 2026", "Dec 6 2026 10::", "Dec 6 2026 10:00.5", "2026-12-06T10:00:00.Z", "1970-01-01T00:00:00\u0000junk",
  "Dec\u00a06\u00a02026", "２０２６", "Dec 6 2026 12:00 AM", "Dec 6 2026 13:00 PM", "Dec 6 2026 0:00 am", "+002026-12-06", "-002026-12-06T00:00Z"];
/** Date strings of every kind, a time value's own texts, and mutations of them. */
export const dateString = fc.oneof(
  { weight: 3, arbitrary: isoDate }, { weight: 3, arbitrary: legacyDate }, { weight: 1, arbitrary: fc.constantFrom(...FAMOUS_DATES) },
  { weight: 1, arbitrary: fc.tuple(timeValue, fc.constantFrom("toString", "toUTCString", "toISOString", "toDateString")).map(([t, m]) => {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? "Invalid Date" : d[m]();
  }) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(isoDate, legacyDate), fc.nat(), fc.constantFrom("", " ", "-", "+", ":", ".", "T", "Z", "(", ")", "1", "x", ","))
    .map(([s, at, c]) => { const i = at % (s.length + 1); return s.slice(0, i) + c + s.slice(i + 1); }) },
);

// ---- the fuzzer's forms ----------------------------------------------------------------

const GETTERS = ["getDate", "getDay", "getFullYear", "getHours", "getMilliseconds", "getMinutes", "getMonth", "getSeconds",
  "getUTCDate", "getUTCDay", "getUTCFullYear", "getUTCHours", "getUTCMilliseconds", "getUTCMinutes", "getUTCMonth", "getUTCSeconds",
  "getTime", "getTimezoneOffset", "getYear", "valueOf"];
export const SETTERS = { setDate: 1, setFullYear: 3, setHours: 4, setMilliseconds: 1, setMinutes: 3, setMonth: 2, setSeconds: 2,
  setUTCDate: 1, setUTCFullYear: 3, setUTCHours: 4, setUTCMilliseconds: 1, setUTCMinutes: 3, setUTCMonth: 2, setUTCSeconds: 2, setTime: 1, setYear: 1 };
const TEXTS = ["toString", "toDateString", "toTimeString", "toISOString", "toUTCString", "toGMTString", "toJSON", "toLocaleString", "toLocaleDateString", "toLocaleTimeString"];
const FIELD_EXTRA = ["-1", "0", "12", "13", "24", "60", "99", "100", "1e6", "-1e6", "1e8", "275760", "-271821", "1.5", "-0.5", "NaN", "Infinity", "'7'", "null", "undefined", "true"];

/**
 * The forms the fuzzer adds, per kind of result. `g` gives the generator's
 * pieces at the current depth: {num, str, bool, any, val, arg}.
 */
export function jsonDateForms({ num, str, any, val, arg }) {
  const meth = (r, m, args) => node("meth", { r, m, args });
  const call = (f, args) => node("call", { f, args });
  const field = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: -5, max: 70 }).map((n) => (n < 0 ? node("un", { op: "-", a: lit(String(-n)) }) : lit(String(n)))) },
    { weight: 1, arbitrary: fc.constantFrom(...FIELD_EXTRA).map((s) => (s.startsWith("-") ? node("un", { op: "-", a: lit(s.slice(1)) }) : lit(s))) },
    { weight: 1, arbitrary: arg("num") });
  const year = fc.oneof(fc.integer({ min: -300000, max: 300000 }).map((n) => (n < 0 ? node("un", { op: "-", a: lit(String(-n)) }) : lit(String(n)))), field);
  const timeLit = timeValue.map((t) => (t < 0 || Object.is(t, -0) ? node("un", { op: "-", a: lit(String(-t)) }) : lit(String(t))));
  const dateStr = dateString.map((s) => lit(quoted(s)));
  const fields = fc.tuple(year, fc.array(field, { minLength: 1, maxLength: 6 })).map(([y, rest]) => [y, ...rest]);
  // A Date: from a time value, a string, fields, another Date, or anything.
  const date = fc.oneof(
    { weight: 3, arbitrary: fc.oneof(timeLit, arg("num")).map((t) => node("new", { args: [t] })) },
    { weight: 3, arbitrary: fc.oneof({ weight: 3, arbitrary: dateStr }, { weight: 1, arbitrary: arg("str") }).map((s) => node("new", { args: [s] })) },
    { weight: 2, arbitrary: fields.map((args) => node("new", { args })) },
    { weight: 1, arbitrary: fc.oneof(any, val).map((a) => node("new", { args: [a] })) },
    { weight: 1, arbitrary: timeLit.map((t) => node("new", { args: [node("new", { args: [t] })] })) },
  );
  const text = fc.oneof({ weight: 5, arbitrary: jsonTextArb.map((s) => lit(quoted(s))) }, { weight: 1, arbitrary: arg("str") }, { weight: 1, arbitrary: any });
  const parsed = text.map((t) => call("JSON.parse", [t]));
  const key = fc.constantFrom("'a'", "'b'", "0", "1", "'1'", "'01'", "'length'").map(lit);
  return {
    nums: [
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...GETTERS), date).map(([m, d]) => meth(d, m, [])) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(SETTERS)), date, fc.array(field, { minLength: 0, maxLength: 4 }))
        .map(([m, d, args]) => meth(d, m, args.slice(0, SETTERS[m]))) },
      { weight: 1, arbitrary: fields.map((args) => call("Date.UTC", args)) },
      { weight: 1, arbitrary: fc.oneof(dateStr, arg("str")).map((s) => call("Date.parse", [s])) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("-", "*", "/", "%"), date, fc.oneof(date, num)).map(([op, a, b]) => node("bin", { op, a, b })) },
      { weight: 1, arbitrary: date.map((a) => node("un", { op: "+", a })) },
      { weight: 1, arbitrary: parsed.map((p) => node("un", { op: "+", a: p })) },
    ],
    strs: [
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...TEXTS), date).map(([m, d]) => meth(d, m, [])) },
      { weight: 1, arbitrary: fc.tuple(date, str, fc.boolean()).map(([a, b, flip]) => node("bin", { op: "+", a: flip ? b : a, b: flip ? a : b })) },
      { weight: 1, arbitrary: date.map((d) => call("String", [d])) },
      { weight: 1, arbitrary: fc.tuple(date, fc.integer({ min: 0, max: 12 })).map(([d, n]) => meth(meth(d, "toISOString", []), "slice", [lit("0"), lit(String(n))])) },
      { weight: 3, arbitrary: fc.tuple(parsed, fc.option(fc.integer({ min: 0, max: 3 }), { nil: null })).map(([p, sp]) => call("JSON.stringify", sp === null ? [p] : [p, lit("null"), lit(String(sp))])) },
      { weight: 1, arbitrary: fc.array(fc.oneof(date, val), { maxLength: 3 }).map((xs) => call("JSON.stringify", [node("arr", { xs })])) },
      { weight: 1, arbitrary: parsed.map((p) => node("un", { op: "typeof", a: p })) },
      { weight: 1, arbitrary: fc.constantFrom("typeof new Date()", "typeof Date()", "typeof new Date", "Date().slice(-33)").map((s) => node("volatile", { s })) },
    ],
    bools: [
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom("<", "<=", ">", ">=", "==", "!=", "===", "!=="), fc.oneof(date, num, str), fc.oneof(date, num, str)).map(([op, a, b]) => node("bin", { op, a, b })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom("'getTime'", "'toJSON'", "'x'", "'length'", "0"), date).map(([k, d]) => node("bin", { op: "in", a: lit(k), b: d })) },
      { weight: 1, arbitrary: fc.constantFrom("new Date() > 0", "new Date() - Date.now() === 0", "Date().length === 62", "new Date().getTime() === Date.now()").map((s) => node("volatile", { s })) },
    ],
    anys: [
      { weight: 3, arbitrary: parsed },
      { weight: 2, arbitrary: fc.tuple(parsed, key).map(([r, k]) => node("idx", { r, k, opt: false })) },
      { weight: 1, arbitrary: date },
      { weight: 1, arbitrary: date.map((d) => node("len", { r: call("Object.keys", [d]) })) },
    ],
  };
}
