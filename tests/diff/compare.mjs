// Compares one case's pipeline result with V8's expectation.
import { compileV8, runV8, expectation } from "./oracle.mjs";

/**
 * null when the module agrees with V8, else a description of the difference.
 * `traced` (the expression wrapped in __t probes) is compiled only when the
 * module reports string_limit and V8's plain run did not: it tells whether an
 * intermediate string went over the limit.
 */
export function compareCase({ expr, names, values, result, traced }) {
  const fn = compileV8(expr, names);
  if (fn instanceof Error) return { kind: "generator", detail: `V8 rejects the generated text: ${fn.message}` };
  const bound = values.map((j) => JSON.parse(j));
  const want = expectation(runV8(fn, bound));
  if ("unexpected" in want) return { kind: "oracle", detail: `V8 gave ${want.unexpected}` };
  if (result === undefined) return { kind: "mismatch", detail: "no output and no error record", want };
  if ("trap" in result) return { kind: "trap", detail: `the module trapped: ${result.trap}`, want };
  if ("config" in result) return { kind: "mismatch", detail: `rejected at configure time: ${result.config.code} ${result.config.message}`, want };
  if ("input" in result) return { kind: "mismatch", detail: `an input was rejected: ${result.input.code} ${result.input.message}`, want };
  if (result.code === "string_limit" && want.code !== "string_limit" && overLimitOnTheWay(traced, names, bound)) return null;
  if ("payload" in want) {
    if (result.payload === want.payload && Buffer.from(want.payload, "utf8").equals(Buffer.from(result.bytes))) return null;
    const detail = "code" in result ? `error ${result.code} (${result.message}) where V8 gives a value` : "payload differs";
    return { kind: "mismatch", detail, want, got: result };
  }
  if (result.code === want.code) {
    // The message is V8's too, except where V8 quotes the call site as it re-prints
    // it ("<callee text> is not a function", "<spread operand> is not iterable",
    // "Spread syntax requires ..."): the module names the method or the value.
    // A lone surrogate in V8's message is U+FFFD in the record (its message is UTF-8).
    if (want.message !== undefined && result.message !== want.message.toWellFormed() && !callSiteMessage(want.message, expr) &&
      !truncated(result.message, want.message.toWellFormed())) {
      return { kind: "message", detail: `message differs`, want, got: result };
    }
    return null;
  }
  return { kind: "mismatch", detail: `error ${result.code} (${result.message})`, want, got: result };
}

/** An error record's message holds at most 512 UTF-8 bytes (assembly/errors.ts): a cut V8 message is the same message. */
function truncated(got, want) {
  return Buffer.byteLength(got) >= 509 && want.startsWith(got.replace(/\uFFFD$/, ""));
}

/** V8 messages that quote the source of the call site (not reproducible from values). */
function callSiteMessage(m, expr) {
  // Object.fromEntries's "… is not iterable" names the value; a spread's names its operand's source text.
  return / is not a function$/.test(m) || (/ is not iterable/.test(m) && expr.includes("...")) || /^Spread syntax requires /.test(m);
}

/** Whether V8 builds a string over the limit on the way to its result (the __t probes tell). */
function overLimitOnTheWay(traced, names, bound) {
  if (traced === undefined) return false;
  const tf = compileV8(traced, names);
  if (tf instanceof Error) return false;
  const t = runV8(tf, bound);
  return "threw" in t && t.threw === "OverLimit";
}
