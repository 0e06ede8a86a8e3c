// The module core as the command drives it (assembly/index.ts, called directly): its
// input area, loading the config, the mappings it describes, and the byte helpers
// that read its records.

import { input_area, configure, describe, output_ptr, error_ptr, error_count } from "../index";
import { configText, configTextError } from "../yaml/index";
import { stderr, exit, readFile, fileError, fail, Output } from "./io";
import { Buf } from "./buf";
import { validUtf8Prefix, sanitizeUtf8 } from "./utf8";
import { intText } from "../text";

export let mappingPaths: string[] = [];
export let mappingTopicJson: Buf[] = [];
/** Per mapping: `{"topic":<topic>,"payload":`, the start of each of its output lines. */
export let mappingHeads: Buf[] = [];
let inputAreaPtr: usize = 0;
let inputAreaCap: i32 = 0;

/** The input area of the module with room for `bytes`. */
export function area(bytes: i32): usize {
  if (bytes > inputAreaCap) {
    const want = max(bytes, max(inputAreaCap * 2, 64 << 10));
    inputAreaPtr = <usize>input_area(want);
    inputAreaCap = want;
    if (inputAreaPtr == 0) {
      inputAreaPtr = <usize>input_area(bytes);
      inputAreaCap = bytes;
      if (inputAreaPtr == 0) fail("internal error: a batch of " + intText(bytes) + " bytes does not fit the module's input area", 1);
    }
  }
  return inputAreaPtr;
}

export function u32At(p: usize): i32 { return <i32>load<u32>(p); }
export function text(p: usize, len: i32): string { return String.UTF8.decodeUnsafe(p, <usize>len); }
export const pad4 = (n: i32): i32 => (n + 3) & ~3;

/** Read, convert and configure the config at `path`; exits 2 when it is unreadable or invalid. */
export function loadConfig(path: string, seed: i32): void {
  const bytes = readFile(path);
  if (bytes == null) { fail("cannot read config '" + path + "': " + fileError()); return; }
  const json = configText(bytes.ptr, bytes.len);
  if (json == null) {
    stderr.text(path + ": invalid config\n" + configTextError() + "\n");
    exit(2);
    return;
  }
  const at = area(json.len);
  memory.copy(at, json.ptr, <usize>json.len);
  if (configure(json.len, seed) != 0) {
    stderr.text(path + ": invalid config\n");
    const count = error_count();
    let p = <usize>error_ptr();
    if (count == 0) stderr.text("config rejected without a reason (module bug)");
    for (let i = 0; i < count; i++) {
      const pathLen = u32At(p + 20);
      const messageLen = u32At(p + 24);
      if (i > 0) stderr.byte(0x0a);
      sanitizedTo(stderr, p + 28 + <usize>pathLen, messageLen);
      p += <usize>pad4(28 + pathLen + messageLen);
    }
    stderr.byte(0x0a);
    exit(2);
  }
  readDescription();
}

/** Bytes to an output stream as Node's TextDecoder would have read them. */
export function sanitizedTo(out: Output, p: usize, len: i32): void {
  if (validUtf8Prefix(p, p + <usize>len) == <usize>len) { out.bytes(p, len); return; }
  const tmp = heap.alloc(<usize>len * 3);
  out.bytes(tmp, sanitizeUtf8(tmp, p, len));
  heap.free(tmp);
}

class MappingInfo {
  path: string = "";
  kind: i32 = 0;
  deps: string[] = [];
}
export let mappings: MappingInfo[] = [];

function readDescription(): void {
  describe();
  let p = <usize>output_ptr();
  const aliasCount = u32At(p);
  const mappingCount = u32At(p + 4);
  p += 8;
  const aliases = new Array<string>();
  for (let i = 0; i < aliasCount; i++) {
    const nameLen = u32At(p), topicLen = u32At(p + 4);
    aliases.push(text(p + 8, nameLen));
    p += <usize>pad4(8 + nameLen + topicLen);
  }
  for (let i = 0; i < mappingCount; i++) {
    const m = new MappingInfo();
    m.kind = u32At(p);
    const depCount = u32At(p + 4), topicLen = u32At(p + 8), pathLen = u32At(p + 12), exprLen = u32At(p + 16);
    p += 20;
    for (let d = 0; d < depCount; d++) { m.deps.push(aliases[u32At(p)]); p += 4; }
    const t = text(p, topicLen);
    m.path = text(p + <usize>topicLen, pathLen);
    p += <usize>pad4(topicLen + pathLen + exprLen);
    const json = new Buf();
    json.jsonString(changetype<usize>(t), t.length);
    mappingTopicJson.push(json);
    const head = new Buf();
    head.ascii("{\"topic\":");
    head.bytes(json.ptr, json.len);
    head.ascii(",\"payload\":");
    mappingHeads.push(head);
    mappingPaths.push(m.path);
    mappings.push(m);
  }
}
