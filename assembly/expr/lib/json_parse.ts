// JSON.parse (ECMA-262 §25.5.1) without a reviver: the text is ToString of the
// argument; json/parse_check.ts reads it (V8's grammar and messages) and tells
// this sink each token, which builds the value in the evaluation arena: values
// go on a stack of slots (grown by doubling), an open container is a marker
// slot, and a container is made from its children when it closes. Strings
// without escapes point into the text; objects go through object_builder
// (last duplicate wins, index keys first, as V8).

import { Tag, setString, setNumber, setBool, setNull, setComposite, copySlot, strPtr, strLen } from "../../value";
import { arenaAlloc } from "../../arena";
import { ErrorCode, raise } from "../../errors";
import { checkJson, Json } from "../../json/parse_check";
import { stringToNumber } from "../../num/parse";
import { argAt, toStringSlot } from "./coerce";
import { allocSlots } from "./composite";
import { beginObject, addEntry, finishObject } from "./object_builder";

const text = memory.data(16, 8);
const MARKER: u32 = 0xff; // an open container's slot: u32 1 for an object, then the enclosing marker's index

let stack: usize = 0;
let capacity: i32 = 0;
let sp: i32 = 0;
let open: i32 = -1;

// @ts-ignore: decorator
@inline function slot(i: i32): usize { return stack + (<usize>i << 4); }

function memoryLimit(): bool { raise(ErrorCode.MemoryLimit, "evaluation memory limit exceeded"); return false; }

/** JSON.parse(text[, reviver]): a reviver is ignored unless callable, and nothing here is. */
export function jsonParse(args: usize, argc: i32, out: usize): i32 {
  const r = toStringSlot(argAt(args, argc, 0), text);
  if (r != ErrorCode.None) return r;
  stack = 0;
  capacity = 0;
  sp = 0;
  open = -1;
  const code = checkJson(strPtr(text), strLen(text), onToken);
  if (code == ErrorCode.None) copySlot(out, slot(0));
  return code;
}

function onToken(what: Json, from: usize, to: usize): bool {
  if (what == Json.Close) return close();
  if (sp == capacity) {
    const more = max(capacity << 1, 16);
    const next = arenaAlloc(<usize>more << 4);
    if (next == 0) return memoryLimit();
    if (sp > 0) memory.copy(next, stack, <usize>sp << 4);
    stack = next;
    capacity = more;
  }
  const s = slot(sp);
  const units = <i32>((to - from) >> 1);
  switch (what) {
    case Json.Number: setNumber(s, stringToNumber(from, units)); break;
    case Json.String: setString(s, from, units); break;
    case Json.EscapedString: if (!unescape(from, units, s)) return false; break;
    case Json.True: setBool(s, true); break;
    case Json.False: setBool(s, false); break;
    case Json.Null: setNull(s); break;
    default: { // an open container
      store<u32>(s, MARKER);
      store<u32>(s, what == Json.OpenObject ? 1 : 0, 4);
      store<i32>(s, open, 8);
      open = sp;
    }
  }
  sp++;
  return true;
}

/** Make the innermost open container from its children on the stack, in its marker's slot. */
function close(): bool {
  const s = slot(open);
  const first = open + 1;
  const count = sp - first;
  const object = load<u32>(s, 4) != 0;
  const enclosing = load<i32>(s, 8);
  const children = slot(first);
  if (object) {
    const pairs = count >> 1;
    if (!beginObject(pairs)) return false;
    for (let i = 0; i < pairs; i++) addEntry(children + (<usize>i << 5), children + (<usize>i << 5) + 16);
    if (finishObject(s) != ErrorCode.None) return false;
  } else {
    const dst = allocSlots(count);
    if (dst == 0) return memoryLimit();
    memory.copy(dst, children, <usize>count << 4);
    setComposite(s, Tag.Array, dst, count);
  }
  sp = first;
  open = enclosing;
  return true;
}

/** The checked contents of a string with escapes (`units` at `p`) decoded into the arena. */
function unescape(p: usize, units: i32, s: usize): bool {
  const dst = arenaAlloc(<usize>units << 1);
  if (dst == 0) return memoryLimit();
  const end = p + (<usize>units << 1);
  let o = dst;
  for (let r = p; r < end; r += 2) {
    let c = <u32>load<u16>(r);
    if (c == 0x5c) {
      r += 2;
      c = <u32>load<u16>(r);
      switch (c) {
        case 0x62: c = 8; break;
        case 0x66: c = 12; break;
        case 0x6e: c = 10; break;
        case 0x72: c = 13; break;
        case 0x74: c = 9; break;
        case 0x75: {
          c = 0;
          for (let k = 0; k < 4; k++) { r += 2; c = (c << 4) | hexValue(<u32>load<u16>(r)); }
          break;
        }
      }
    }
    store<u16>(o, <u16>c);
    o += 2;
  }
  setString(s, dst, <i32>((o - dst) >> 1));
  return true;
}

function hexValue(c: u32): u32 { return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10; }
