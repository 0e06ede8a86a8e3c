// Appending error records to the error area (docs/ABI.md "Error records").
// Run-time records take their message from the static buffer of errors.ts, so
// recording an error allocates nothing.

import { errorArea } from "./area";
import { errPtr, errLen } from "./errors";

export let errorCount: i32 = 0;

// @ts-ignore: decorator (inlined: called per batch)
@inline export function resetErrors(): void {
  errorArea.length = 0;
  errorCount = 0;
}

function appendRecord(input: i32, mapping: i32, code: i32, start: i32, end: i32,
                      pathPtr: usize, pathLen: i32, msgPtr: usize, msgLen: i32): void {
  if (!errorArea.reserve(<usize>(28 + pathLen + msgLen + 3))) return;
  const p = errorArea.end;
  store<i32>(p, input);
  store<i32>(p, mapping, 4);
  store<u32>(p, <u32>code, 8);
  store<i32>(p, start, 12);
  store<i32>(p, end, 16);
  store<u32>(p, <u32>pathLen, 20);
  store<u32>(p, <u32>msgLen, 24);
  memory.copy(p + 28, pathPtr, <usize>pathLen);
  memory.copy(p + 28 + <usize>pathLen, msgPtr, <usize>msgLen);
  errorArea.length += <usize>(28 + pathLen + msgLen);
  errorArea.pad4();
  errorCount++;
}

/** A run-time error whose message is in the errors.ts buffer. */
// @ts-ignore: decorator
@inline export function recordError(input: i32, mapping: i32, code: i32): void {
  appendRecord(input, mapping, code, -1, -1, 0, 0, errPtr(), errLen());
}

/** A config or snapshot error (configure time: may allocate). */
export function recordConfigError(mapping: i32, code: i32, path: string, start: i32, end: i32, message: string): void {
  const pathBytes = String.UTF8.encode(path);
  const msgBytes = String.UTF8.encode(message);
  appendRecord(-1, mapping, code, start, end,
    changetype<usize>(pathBytes), pathBytes.byteLength,
    changetype<usize>(msgBytes), msgBytes.byteLength);
}
