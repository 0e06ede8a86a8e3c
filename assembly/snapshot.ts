// State export/import (docs/ABI.md "State snapshot"). A snapshot names its
// version and the config it belongs to, and carries a checksum; import checks
// everything before it touches the state, so a rejected snapshot changes nothing.

import { outputArea, inputArea } from "./area";
import { aliasCount, slotOf, setValue, clearState } from "./state";
import { Program } from "./program";
import { Tag, tagOf, numOf, strPtr, strLen, setNumber, setBool, setString } from "./value";
import { ErrorCode } from "./errors";
import { recordConfigError } from "./records";
import { Limit, limit } from "./limits";
import { intText } from "./text";
import { randomState0, randomState1, setRandomState } from "./expr/index";
import { Msg, msg } from "./messages";

const MAGIC: u32 = 0x54535053; // "SPST" little-endian
// Version 2 added Math.random's generator state after the alias entries, so a
// restored processor continues the same sequence. Version 1 is still read (the
// generator then goes on from its own state).
const VERSION: u32 = 2;
const GENERATOR_BYTES: usize = 16;
// The largest snapshot written: an area may not grow past 512 MiB (limits.ts).
const MAX_SNAPSHOT: usize = 0x20000000;
const tmp = memory.data(16, 8);

function fnv(ptr: usize, len: usize): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i: usize = 0; i < len; i++) h = (h ^ <u32>load<u8>(ptr + i)) * 0x01000193;
  return h;
}

/** Write the snapshot to the output area; its length, or -2 if it would exceed MAX_SNAPSHOT. */
export function exportState(p: Program): i32 {
  // u64: 10 000 aliases of 256 Mi units each would overflow a 32-bit sum.
  let size: u64 = 16 + GENERATOR_BYTES + 4;
  for (let a = 0; a < aliasCount; a++) {
    const slot = slotOf(a);
    size += 16;
    if (tagOf(slot) == Tag.String) size += ((<u64>strLen(slot) << 1) + 7) & ~<u64>7;
  }
  if (size > <u64>MAX_SNAPSHOT || !outputArea.resetTo(<usize>size)) return -2;
  const base = outputArea.ptr;
  store<u32>(base, MAGIC);
  store<u32>(base, VERSION, 4);
  store<u32>(base, p.hash, 8);
  store<u32>(base, <u32>aliasCount, 12);
  let w = base + 16;
  for (let a = 0; a < aliasCount; a++) {
    const slot = slotOf(a);
    const t = tagOf(slot);
    store<u32>(w, t);
    if (t == Tag.String) {
      const len = strLen(slot);
      const bytes = <usize>len << 1;
      store<u32>(w, <u32>len, 4);
      store<f64>(w, 0, 8);
      memory.copy(w + 16, strPtr(slot), bytes);
      const padded = (bytes + 7) & ~<usize>7;
      memory.fill(w + 16 + bytes, 0, padded - bytes);
      w += 16 + padded;
    } else {
      store<u32>(w, 0, 4);
      store<f64>(w, t == Tag.Undefined ? 0 : numOf(slot), 8);
      w += 16;
    }
  }
  store<u64>(w, randomState0());
  store<u64>(w, randomState1(), 8);
  w += GENERATOR_BYTES;
  store<u32>(w, fnv(base, w - base));
  outputArea.length = w + 4 - base;
  return <i32>outputArea.length;
}

function nonCanonical(p: Program, alias: i32): string {
  return msg(Msg.EntryOfAlias) + p.aliases[alias] + msg(Msg.IsNotInCanonical);
}

function reject(why: string): i32 {
  recordConfigError(-1, ErrorCode.SnapshotInvalid, "", -1, -1, msg(Msg.StateSnapshotRejected) + why);
  return -1;
}

/** Validate the whole snapshot first, then replace the state. */
export function importState(p: Program, length: i32): i32 {
  if (length < 0 || <usize>length > inputArea.capacity) return reject("length " + intText(length) + msg(Msg.DoesNotFitThe));
  const len = <usize>length;
  const base = inputArea.ptr;
  if (len < 20) return reject("too short (" + intText(len) + " bytes)");
  if (load<u32>(base) != MAGIC) return reject(msg(Msg.NotAStreamProcessor));
  const version = load<u32>(base, 4);
  if (version != 1 && version != VERSION) return reject(msg(Msg.UnsupportedSnapshotVersion) + intText(version) + msg(Msg.ThisModuleReadsVersions));
  if (fnv(base, len - 4) != load<u32>(base + len - 4)) return reject(msg(Msg.ChecksumMismatchCorrupted));
  if (load<u32>(base, 8) != p.hash || load<u32>(base, 12) != <u32>aliasCount) return reject(msg(Msg.ItBelongsToA));
  const generator: usize = version == 1 ? 0 : GENERATOR_BYTES;
  if (len < 20 + generator) return reject("too short (" + intText(len) + " bytes)");
  const end = base + len - 4 - generator;
  let r = base + 16;
  // Only the canonical form that exportState writes is accepted (zero padding,
  // zero unused fields, booleans 0/1), so import then export gives the same bytes.
  for (let a = 0; a < aliasCount; a++) {
    if (r + 16 > end) return reject(msg(Msg.TruncatedAtAlias) + p.aliases[a] + "'");
    const t = load<u32>(r);
    const len = load<u32>(r, 4);
    const bits = load<u64>(r, 8);
    if (t == Tag.String) {
      const units = <usize>len;
      if (units > <usize>limit(Limit.ValueStringUnits)) {
        return reject(msg(Msg.StringValueOfAlias) + p.aliases[a] + msg(Msg.IsLongerThan) + intText(limit(Limit.ValueStringUnits)) + " code units");
      }
      const bytes = units << 1;
      const padded = (bytes + 7) & ~<usize>7;
      if (padded > end - r - 16) return reject(msg(Msg.TruncatedAtAlias) + p.aliases[a] + "'");
      if (bits != 0) return reject(nonCanonical(p, a));
      for (let i = bytes; i < padded; i++) if (load<u8>(r + 16 + i) != 0) return reject(nonCanonical(p, a));
      r += 16 + padded;
    } else if (t == Tag.Undefined || t == Tag.Boolean || t == Tag.Number) {
      if (len != 0) return reject(nonCanonical(p, a));
      if (t == Tag.Undefined && bits != 0) return reject(nonCanonical(p, a));
      if (t == Tag.Boolean && bits != 0 && bits != 0x3ff0000000000000) return reject(nonCanonical(p, a)); // 0.0 / 1.0
      r += 16;
    } else return reject(msg(Msg.UnknownValueTag) + intText(t) + " for alias '" + p.aliases[a] + "'");
  }
  if (r != end) return reject(msg(Msg.TrailingBytesAfterThe));
  if (generator != 0 && (load<u64>(end) | load<u64>(end, 8)) == 0) return reject(msg(Msg.TheMathRandomState));

  clearState();
  r = base + 16;
  for (let a = 0; a < aliasCount; a++) {
    const t = load<u32>(r);
    if (t == Tag.String) {
      const units = load<i32>(r, 4);
      setString(tmp, r + 16, units);
      setValue(a, tmp);
      r += 16 + ((((<usize>units) << 1) + 7) & ~<usize>7);
      continue;
    }
    if (t == Tag.Number) { setNumber(tmp, load<f64>(r, 8)); setValue(a, tmp); }
    else if (t == Tag.Boolean) { setBool(tmp, load<f64>(r, 8) != 0); setValue(a, tmp); }
    r += 16;
  }
  if (generator != 0) setRandomState(load<u64>(end), load<u64>(end, 8));
  return 0;
}
