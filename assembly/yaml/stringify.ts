// JSON.stringify of a JsValue as UTF-8: object keys in JavaScript's property order
// (array indexes first, ascending), numbers as String(x).

import { JsKind, JsValue, numberText } from "./tojs";
import { jsonStringMaxBytes, writeJsonString, writeAscii } from "../json/writer";

/** A growable UTF-8 buffer. */
export class ByteSink {
  ptr: usize = 0;
  len: i32 = 0;
  cap: i32 = 0;

  reserve(extra: i32): usize {
    const need = this.len + extra;
    if (need > this.cap) {
      let cap = max(need, this.cap * 2);
      cap = max(cap, 256);
      const next = heap.alloc(<usize>cap);
      if (this.len > 0) memory.copy(next, this.ptr, <usize>this.len);
      if (this.ptr != 0) heap.free(this.ptr);
      this.ptr = next;
      this.cap = cap;
    }
    return this.ptr + <usize>this.len;
  }
  ascii(s: string): void { this.len += writeAscii(this.reserve(s.length), s); }
  byte(b: i32): void { store<u8>(this.reserve(1), <u8>b); this.len++; }
  jsonString(s: string): void {
    this.len += writeJsonString(this.reserve(jsonStringMaxBytes(s.length)), changetype<usize>(s), s.length);
  }
}

/** A canonical array index ("0", "17"; below 2^32 - 1): such keys come first in JavaScript. */
function arrayIndex(key: string): f64 {
  const len = key.length;
  if (len == 0 || len > 10) return -1;
  const c0 = key.charCodeAt(0);
  if (c0 == 0x30 && len > 1) return -1;
  let v: f64 = 0;
  for (let i = 0; i < len; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + <f64>(c - 0x30);
  }
  return v < 4294967295 ? v : -1;
}

/** JSON.stringify of `v` (not Undefined) appended to `out`. */
export function writeJs(out: ByteSink, v: JsValue): void {
  switch (v.kind) {
    case JsKind.Null: case JsKind.Undefined: out.ascii("null"); break;
    case JsKind.Bool: out.ascii(v.bool ? "true" : "false"); break;
    case JsKind.Number: out.ascii(isFinite(v.num) ? numberText(v.num) : "null"); break;
    case JsKind.String: out.jsonString(v.str); break;
    case JsKind.Array: {
      out.byte(0x5b);
      for (let i = 0; i < v.items.length; i++) {
        if (i > 0) out.byte(0x2c);
        writeJs(out, v.items[i]);
      }
      out.byte(0x5d);
      break;
    }
    default: {
      // Array-index keys first, ascending; then the others in insertion order.
      const order = new Array<i32>();
      const indexes = new Array<f64>();
      for (let i = 0; i < v.keys.length; i++) {
        const x = arrayIndex(v.keys[i]);
        if (x < 0) continue;
        order.push(i);
        indexes.push(x);
        for (let at = order.length - 1; at > 0 && indexes[at - 1] > indexes[at]; at--) {
          const o = order[at]; order[at] = order[at - 1]; order[at - 1] = o;
          const y = indexes[at]; indexes[at] = indexes[at - 1]; indexes[at - 1] = y;
        }
      }
      for (let i = 0; i < v.keys.length; i++) if (arrayIndex(v.keys[i]) < 0) order.push(i);
      out.byte(0x7b);
      let first = true;
      for (let j = 0; j < order.length; j++) {
        const value = v.values[order[j]];
        if (value.kind == JsKind.Undefined) continue;
        if (!first) out.byte(0x2c);
        first = false;
        out.jsonString(v.keys[order[j]]);
        out.byte(0x3a);
        writeJs(out, value);
      }
      out.byte(0x7d);
    }
  }
}
