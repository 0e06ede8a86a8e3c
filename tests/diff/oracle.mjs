// The oracle: what V8 makes of an expression, as the pipeline must report it
// (docs/behaviour.md §6): the output payload JSON.stringify({value, timestamp_ms}) or the
// class of the error record. Amplifying String methods are guarded so V8 never
// builds a string longer than the module's evaluation limit; a guarded call or
// a traced intermediate over the limit means "string_limit" is the answer.

/** The module's default evaluation string limit (UTF-16 units). */
export const EVAL_STRING_UNITS = 1048576;
/** The clock every differential batch runs with (Date.now()). */
export const CLOCK = 1718000000123;
/** timestamp_ms of every input (and so of every output). */
export const TIMESTAMP = 1717171717171;

class OverLimit extends Error { constructor() { super("over the evaluation string limit"); this.name = "OverLimit"; } }

const P = String.prototype;
const orig = { repeat: P.repeat, padStart: P.padStart, padEnd: P.padEnd, concat: P.concat, replace: P.replace, replaceAll: P.replaceAll };
const toInt = (v) => { const n = Number(v); return Number.isNaN(n) ? 0 : Math.trunc(n); };

/** Length of s.replace(search, repl) (all: replaceAll) for string patterns, without building it. */
function replacedLength(s, search, repl, all) {
  let lit = 0, amp = 0, pre = 0, post = 0;
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i], d = repl[i + 1];
    if (c === "$" && d === "$") { lit++; i++; }
    else if (c === "$" && d === "&") { amp++; i++; }
    else if (c === "$" && d === "`") { pre++; i++; }
    else if (c === "$" && d === "'") { post++; i++; }
    else lit++;
  }
  const m = search.length;
  let total = s.length;
  let at = s.indexOf(search);
  while (at >= 0) {
    total += lit + amp * m + pre * at + post * (s.length - at - m) - m;
    const next = at + Math.max(m, 1);
    if (!all || total > 4 * EVAL_STRING_UNITS || next > s.length) break;
    at = s.indexOf(search, next);
  }
  return total;
}

const guards = {
  repeat(count) {
    const n = toInt(count);
    if (n >= 0 && n !== Infinity && String(this).length * n > EVAL_STRING_UNITS) throw new OverLimit();
    return orig.repeat.call(this, count);
  },
  padStart(max, fill) { pad(this, max, fill); return orig.padStart.call(this, max, fill); },
  padEnd(max, fill) { pad(this, max, fill); return orig.padEnd.call(this, max, fill); },
  concat(...xs) {
    if (xs.reduce((t, x) => t + String(x).length, String(this).length) > EVAL_STRING_UNITS) throw new OverLimit();
    return orig.concat.apply(this, xs);
  },
  replace(a, b) {
    if (replacedLength(String(this), String(a), String(b), false) > EVAL_STRING_UNITS) throw new OverLimit();
    return orig.replace.call(this, a, b);
  },
  replaceAll(a, b) {
    if (replacedLength(String(this), String(a), String(b), true) > EVAL_STRING_UNITS) throw new OverLimit();
    return orig.replaceAll.call(this, a, b);
  },
};
function pad(s, max, fill) {
  const n = Math.min(Math.max(toInt(max), 0), 2 ** 53 - 1);
  if (n <= String(s).length) return;
  if (fill !== undefined && String(fill) === "") return;
  if (n > EVAL_STRING_UNITS) throw new OverLimit();
}

function guarded(f) {
  for (const k of Object.keys(guards)) Object.defineProperty(P, k, { value: guards[k], writable: true, configurable: true });
  try { return f(); } finally {
    for (const k of Object.keys(orig)) Object.defineProperty(P, k, { value: orig[k], writable: true, configurable: true });
  }
}

// Date as V8's, with the differential clock as now; the process runs in UTC (the module's local time).
process.env.TZ = "UTC";
const RealDate = Date;
// new Date(x) and Date.parse(x) take an array's or object's text inside V8, where no __t probe
// sees it: the module builds that text, so over the string limit it is a string_limit record.
const textWithinLimit = (v) => {
  if (v !== null && typeof v === "object" && !(v instanceof RealDate) && String(v).length > EVAL_STRING_UNITS) throw new OverLimit();
};
export function fakeDate(...args) {
  if (new.target === undefined) return new RealDate(CLOCK).toString();
  if (args.length === 1) textWithinLimit(args[0]);
  return args.length === 0 ? new RealDate(CLOCK) : new RealDate(...args);
}
fakeDate.now = () => CLOCK;
fakeDate.UTC = RealDate.UTC;
fakeDate.parse = (s) => { textWithinLimit(s); return RealDate.parse(s); };
fakeDate.prototype = RealDate.prototype;
Object.freeze(fakeDate);
const trace = (v) => { if (typeof v === "string" && v.length > EVAL_STRING_UNITS) throw new OverLimit(); return v; };

/** Compile `expr` as V8 would for a mapping: a SyntaxError object, or the function. */
export function compileV8(expr, names) {
  try {
    // eslint-disable-next-line no-new-func
    return new Function("Date", "__t", ...names, "return (" + expr + "\n)");
  } catch (e) {
    return e;
  }
}

/**
 * Run a compiled function: {value} or {threw: name, message}. Values are the
 * JSON.parse of each alias's JSON text (exactly what the payload says).
 */
export function runV8(fn, values) {
  try {
    return { value: guarded(() => fn(fakeDate, trace, ...values)) };
  } catch (e) {
    return { threw: e instanceof OverLimit ? "OverLimit" : e.name, message: e.message };
  }
}

/**
 * What the pipeline must report for V8's outcome:
 *   {payload: string} (the exact output payload text)
 *   {code: "type_error" | "range_error" | "string_limit" | "non_finite_result" | "nullish_result" | "non_scalar_result", message?}
 *   {unexpected: string} (V8 threw something no record stands for: a test bug)
 */
export function expectation(outcome) {
  if ("threw" in outcome) {
    switch (outcome.threw) {
      case "TypeError": return { code: "type_error", message: outcome.message };
      case "RangeError": return { code: "range_error", message: outcome.message };
      case "SyntaxError": return { code: "syntax_error", message: outcome.message };
      case "OverLimit": return { code: "string_limit" };
      default: return { unexpected: `${outcome.threw}: ${outcome.message}` };
    }
  }
  const v = outcome.value;
  if (v === null || v === undefined) return { code: "nullish_result" };
  if (typeof v === "number" && !Number.isFinite(v)) return { code: "non_finite_result" };
  if (typeof v === "string" && v.length > EVAL_STRING_UNITS) return { code: "string_limit" };
  // An array, object or Date is not a timeseries value (docs/expressions.md "Differences").
  if (typeof v === "object" && Object.getPrototypeOf(v) === (Array.isArray(v) ? Array.prototype : Object.prototype)) return { code: "non_scalar_result" };
  if (v instanceof RealDate) return { code: "non_scalar_result" };
  if (v instanceof RegExp) return { code: "non_scalar_result" }; // a regex is an object too
  if (typeof v !== "number" && typeof v !== "string" && typeof v !== "boolean") return { unexpected: `a ${typeof v} result` };
  return { payload: JSON.stringify({ value: v, timestamp_ms: TIMESTAMP }) };
}
