// docs/behaviour.md §6: a mapping result that JSON cannot carry as a timeseries value
// (NaN, ±Infinity, null, undefined) is an error record, not an output; so is an
// array or object (UMH's timeseries values are scalars), with the fix in the message.

import { Tag, tagOf, numOf } from "./value";
import { ErrorCode, raise, errBegin, errText } from "./errors";

/** 0 if the value in `slot` can be emitted, else the error code (message set). */
export function resultProblem(slot: usize): i32 {
  const t = tagOf(slot);
  if (t == Tag.Number) {
    const x = numOf(slot);
    if (x - x == 0) return 0; // finite
    if (x != x) return raise(ErrorCode.NonFiniteResult, "result is NaN");
    return raise(ErrorCode.NonFiniteResult, x > 0 ? "result is Infinity" : "result is -Infinity");
  }
  if (t == Tag.Undefined) return raise(ErrorCode.NullishResult, "result is undefined");
  if (t == Tag.Null) return raise(ErrorCode.NullishResult, "result is null");
  if (t >= Tag.Array) {
    errBegin();
    errText(t == Tag.Array ? "result is an array" : t == Tag.Date ? "result is a Date" : "result is an object");
    errText("; wrap it in JSON.stringify(...) to emit it as text");
    return ErrorCode.NonScalarResult;
  }
  return 0;
}
