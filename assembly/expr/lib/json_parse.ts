// JSON.parse (ECMA-262 §25.5.1) without a reviver: the text is ToString of the
// argument, checked first with V8's messages (json/parse_check.ts), then built in
// one pass over the valid text into the evaluation arena: values go on a stack
// of slots, and a container is made from its children when it closes. Strings
// without escapes point into the text; objects go through object_builder
// (last duplicate wins, index keys first, as V8).

import { Tag, setString, setNumber, setBool, setNull, setComposite, copySlot, strPtr, strLen } from "../../value";
import { arenaAlloc } from "../../arena";
import { ErrorCode, raise } from "../../errors";
import { checkJson, checkedDepth, checkedValues } from "../../json/parse_check";
import { stringToNumber } from "../../num/parse";
import { argAt, toStringSlot } from "./coerce";
import { allocSlots } from "./composite";
import { beginObject, addEntry, finishObject } from "./object_builder";

const text = memory.data(16, 8);

let end: usize = 0;
let stack: usize = 0; // value slots (16 bytes), keys and values of open containers
let sp: i32 = 0;
let frames: usize = 0; // per open container: u32 first stack index, u32 1 for an object
let depth: i32 = 0;

// @ts-ignore: decorator
@inline function at(p: usize): u32 { return <u32>load<u16>(p); }
// @ts-ignore: decorator
@inline function slot(i: i32): usize { return stack + (<usize>i << 4); }

// @ts-ignore: decorator
@inline function ws(p: usize): usize {
  while (p < end) {
    const c = at(p);
    if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
    p += 2;
  }
  return p;
}

// @ts-ignore: decorator
@inline function memoryLimit(): i32 { return raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); }

/** JSON.parse(text[, reviver]): a reviver is ignored unless callable, and nothing here is. */
export function jsonParse(args: usize, argc: i32, out: usize): i32 {
  let r = toStringSlot(argAt(args, argc, 0), text);
  if (r != ErrorCode.None) return r;
  const p = strPtr(text), n = strLen(text);
  r = checkJson(p, n);
  if (r != ErrorCode.None) return r;
  stack = arenaAlloc(<usize>checkedValues << 5);
  frames = arenaAlloc(<usize>max(checkedDepth, 1) << 3);
  if (stack == 0 || frames == 0) return memoryLimit();
  return build(p, p + (<usize>n << 1), out);
}

function build(p: usize, last: usize, out: usize): i32 {
  end = last;
  sp = 0;
  depth = 0;
  let expectValue = true;
  while (true) {
    if (expectValue) {
      p = ws(p);
      const c = at(p);
      if (c == 0x7b || c == 0x5b) {
        const f = frames + (<usize>depth << 3);
        store<u32>(f, <u32>sp);
        store<u32>(f, c == 0x7b ? 1 : 0, 4);
        depth++;
        p = ws(p + 2);
        if (at(p) == 0x7d || at(p) == 0x5d) {
          p += 2;
          const r = close();
          if (r != ErrorCode.None) return r;
          expectValue = false;
          continue;
        }
        if (c == 0x7b) p = key(p);
        if (p == 0) return ErrorCode.MemoryLimit;
        continue;
      }
      const s = slot(sp++);
      if (c == 0x22) p = readString(p, s);
      else if (c == 0x74) { setBool(s, true); p += 8; }
      else if (c == 0x66) { setBool(s, false); p += 10; }
      else if (c == 0x6e) { setNull(s); p += 8; }
      else p = readNumber(p, s);
      if (p == 0) return ErrorCode.MemoryLimit;
      expectValue = false;
      continue;
    }
    p = ws(p);
    if (depth == 0) { copySlot(out, slot(0)); return ErrorCode.None; }
    if (at(p) == 0x2c) {
      p = ws(p + 2);
      if (load<u32>(frames + (<usize>(depth - 1) << 3), 4) != 0) p = key(p);
      if (p == 0) return ErrorCode.MemoryLimit;
      expectValue = true;
      continue;
    }
    p += 2; // '}' or ']'
    const r = close();
    if (r != ErrorCode.None) return r;
  }
  return ErrorCode.None; // not reached
}

/** A property name and its colon; the position of the value. */
function key(p: usize): usize {
  p = readString(p, slot(sp++));
  if (p == 0) return 0;
  return ws(p) + 2;
}

/** Make the innermost open container from its children on the stack. */
function close(): i32 {
  depth--;
  const f = frames + (<usize>depth << 3);
  const first = <i32>load<u32>(f);
  const count = sp - first;
  const s = slot(first);
  if (load<u32>(f, 4) != 0) {
    const pairs = count >> 1;
    if (!beginObject(pairs)) return ErrorCode.MemoryLimit;
    for (let i = 0; i < pairs; i++) addEntry(s + (<usize>i << 5), s + (<usize>i << 5) + 16);
    const r = finishObject(s);
    if (r != ErrorCode.None) return r;
  } else {
    const dst = allocSlots(count);
    if (dst == 0) return memoryLimit();
    memory.copy(dst, s, <usize>count << 4);
    setComposite(s, Tag.Array, dst, count);
  }
  sp = first + 1;
  return ErrorCode.None;
}

/** The string at `p` (its quote) into `s`; the position after it, or 0 when the arena is full. */
function readString(p: usize, s: usize): usize {
  const from = p + 2;
  let q = from;
  let escapes = false;
  while (at(q) != 0x22) {
    if (at(q) == 0x5c) { escapes = true; q += 2; }
    q += 2;
  }
  const raw = <i32>((q - from) >> 1);
  if (!escapes) { setString(s, from, raw); return q + 2; }
  const dst = raw == 0 ? changetype<usize>("") : arenaAlloc(<usize>raw << 1);
  if (dst == 0) { memoryLimit(); return 0; }
  let o = dst;
  for (let r = from; r < q; r += 2) {
    let c = at(r);
    if (c == 0x5c) {
      r += 2;
      c = at(r);
      switch (c) {
        case 0x62: c = 8; break;
        case 0x66: c = 12; break;
        case 0x6e: c = 10; break;
        case 0x72: c = 13; break;
        case 0x74: c = 9; break;
        case 0x75: {
          c = 0;
          for (let k = 0; k < 4; k++) { r += 2; c = (c << 4) | hexValue(at(r)); }
          break;
        }
      }
    }
    store<u16>(o, <u16>c);
    o += 2;
  }
  setString(s, dst, <i32>((o - dst) >> 1));
  return q + 2;
}

function hexValue(c: u32): u32 { return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10; }

function readNumber(p: usize, s: usize): usize {
  let q = p;
  while (q < end) {
    const c = at(q);
    if (!(c - 0x30 < 10 || c == 0x2d || c == 0x2b || c == 0x2e || (c | 0x20) == 0x65)) break;
    q += 2;
  }
  setNumber(s, stringToNumber(p, <i32>((q - p) >> 1)));
  return q;
}
