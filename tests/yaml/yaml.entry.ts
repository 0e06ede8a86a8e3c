// Test entry for assembly/yaml: config text (YAML or JSON) -> the config JSON.
import { configText, configTextError, ByteSink } from "../../assembly/yaml/index";

export function alloc(bytes: i32): usize { return heap.alloc(<usize>bytes); }
export function reset(): void { heap.reset(); }

let result: ByteSink | null = null;
let message = "";
let messageBytes: ArrayBuffer = new ArrayBuffer(0);

/** 0: ok (result()), 1: rejected (error()). */
export function convert(ptr: usize, len: i32): i32 {
  result = configText(ptr, len);
  if (result != null) return 0;
  message = configTextError();
  messageBytes = String.UTF8.encode(message);
  return 1;
}
export function resultPtr(): usize { return result!.ptr; }
export function resultLen(): i32 { return result!.len; }
export function errorPtr(): usize { return changetype<usize>(messageBytes); }
export function errorLen(): i32 { return messageBytes.byteLength; }
