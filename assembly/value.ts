// The one Value type: a 16-byte slot in linear memory, shared by the state table,
// the constant pool, the VM stack and built-ins. Nothing here allocates.
//
//   offset 0  u32 tag      (Tag)
//   offset 4  u32 len      string length in UTF-16 code units (strings only)
//   offset 8  f64 num      number; boolean as 0.0 / 1.0
//          or u32 ptr      string data: UTF-16LE code units (strings only)
//                          array: `len` element slots; object: `len` entries of a
//                          key slot (a string) then a value slot (32 bytes each)
//
// Accesses to one slot go highest offset first: wazero (the Benthos engine's
// runtime) then checks the bounds once for the lot.
//
// Strings are immutable and never owned by a slot: the data lives in the constant
// pool (configure time), an alias's state buffer, or the evaluation arena.

export const enum Tag {
  Undefined = 0,
  Null = 1,
  Boolean = 2,
  Number = 3,
  String = 4,
  // Composites (issue 17): their memory is in the evaluation arena, never mutated.
  Array = 5,
  Object = 6,
  // A regular expression (issue 17): `ptr` is its descriptor (assembly/regex/program.ts), `len` 0.
  RegExp = 7,
  // Date (issue 17): `ptr` is an 8-byte time value in the arena (an object: it has an identity).
  Date = 8,
  // A callback (expr/lib/callbacks.ts): only ever an argument of an array method, never stored.
  Function = 9,
}

/** Arrays, objects and regular expressions: everything from Tag.Array up. */
// @ts-ignore: decorator
@inline export function isComposite(t: Tag): bool { return t >= Tag.Array; }
// @ts-ignore: decorator
@inline export function setComposite(slot: usize, tag: Tag, ptr: usize, count: i32): void {
  store<u64>(slot, <u64>ptr, 8);
  store<i32>(slot, count, 4);
  store<u32>(slot, tag);
}

export const SLOT_SIZE: usize = 16;

// @ts-ignore: decorator
@inline export function tagOf(slot: usize): Tag { return load<u32>(slot); }
// @ts-ignore: decorator
@inline export function numOf(slot: usize): f64 { return load<f64>(slot, 8); }
// @ts-ignore: decorator
@inline export function boolOf(slot: usize): bool { return load<f64>(slot, 8) != 0; }
// @ts-ignore: decorator
@inline export function strPtr(slot: usize): usize { return <usize>load<u32>(slot, 8); }
// @ts-ignore: decorator
@inline export function strLen(slot: usize): i32 { return load<i32>(slot, 4); }

// @ts-ignore: decorator
@inline export function setUndefined(slot: usize): void { store<u32>(slot, Tag.Undefined); }
// @ts-ignore: decorator
@inline export function setNull(slot: usize): void { store<u32>(slot, Tag.Null); }
// @ts-ignore: decorator
@inline export function setBool(slot: usize, b: bool): void {
  store<f64>(slot, b ? 1.0 : 0.0, 8);
  store<u32>(slot, Tag.Boolean);
}
// @ts-ignore: decorator
@inline export function setNumber(slot: usize, n: f64): void {
  store<f64>(slot, n, 8);
  store<u32>(slot, Tag.Number);
}
// @ts-ignore: decorator
@inline export function setString(slot: usize, ptr: usize, len: i32): void {
  store<u64>(slot, <u64>ptr, 8);
  store<i32>(slot, len, 4);
  store<u32>(slot, Tag.String);
}
// @ts-ignore: decorator
@inline export function copySlot(dst: usize, src: usize): void {
  store<u64>(dst, load<u64>(src, 8), 8);
  store<u64>(dst, load<u64>(src));
}
