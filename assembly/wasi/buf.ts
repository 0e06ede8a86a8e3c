// A growable byte buffer, reused between lines (it never shrinks).

import { writeJsonString, jsonStringMaxBytes, writeInt } from "../json/writer";

/** A growable byte buffer that is reused (never shrinks). */
export class Buf {
  ptr: usize = 0;
  len: i32 = 0;
  cap: i32 = 0;
  reserve(extra: i32): usize {
    const need = this.len + extra;
    if (need > this.cap) {
      const cap = max(need, max(this.cap * 2, 4096));
      const next = heap.alloc(<usize>cap);
      if (this.len > 0) memory.copy(next, this.ptr, <usize>this.len);
      this.ptr = next;
      this.cap = cap;
    }
    return this.ptr + <usize>this.len;
  }
  bytes(src: usize, n: i32): void {
    if (n <= 0) return;
    memory.copy(this.reserve(n), src, <usize>n);
    this.len += n;
  }
  byte(b: i32): void { store<u8>(this.reserve(1), <u8>b); this.len++; }
  ascii(s: string): void {
    const dst = this.reserve(s.length);
    for (let i = 0; i < s.length; i++) store<u8>(dst + <usize>i, <u8>s.charCodeAt(i));
    this.len += s.length;
  }
  /** JSON.stringify of the UTF-16 string (units at `src`). */
  jsonString(src: usize, units: i32): void {
    this.len += writeJsonString(this.reserve(jsonStringMaxBytes(units)), src, units);
  }
  pad4(): void { while ((this.len & 3) != 0) this.byte(0); }
  int(n: i64): void { this.len += writeInt(this.reserve(21), n); }
}
