// Limits of docs/behaviour.md §8. Defaults here; the host may change them with
// set_limit() before configure(). Exceeding one is an error record or a config
// error, never a trap.

export const enum Limit {
  ExpressionBytes = 0,   // expression text, UTF-8 bytes
  Mappings = 1,          // mapping leaves
  Sources = 2,           // aliases
  PayloadBytes = 3,      // one input payload
  ValueStringUnits = 4,  // a string value in a payload, UTF-16 code units
  EvalStringUnits = 5,   // any string built during evaluation, UTF-16 code units
  EvalArenaBytes = 6,    // all scratch memory one evaluation may use
  InputAreaBytes = 7,    // the largest input area the host may reserve
  COUNT = 8,
}

const values = memory.data<u32>([
  4096,        // ExpressionBytes: 4 KiB
  10000,       // Mappings
  10000,       // Sources
  1048576,     // PayloadBytes: 1 MiB
  65536,       // ValueStringUnits: 64 Ki code units
  1048576,     // EvalStringUnits: 1 Mi code units
  33554432,    // EvalArenaBytes: 32 MiB
  268435456,   // InputAreaBytes: 256 MiB
]);

// @ts-ignore: decorator
@inline export function limit(which: Limit): u32 {
  return load<u32>(values + (<usize>which << 2));
}

// The largest value each limit accepts. Every buffer the module sizes from a
// limit must stay below the stub runtime's largest block (1 GiB, above which it
// traps) even after power-of-two rounding, so byte sizes stop at 512 MiB and
// UTF-16 unit counts at 256 Mi (512 MiB of data). Counts are unbounded: the
// config that carries them is itself bounded (CONFIG_MAX_BYTES in config.ts).
const maxima = memory.data<u32>([
  0xffffffff,  // ExpressionBytes
  0xffffffff,  // Mappings
  0xffffffff,  // Sources
  0x20000000,  // PayloadBytes: 512 MiB (no batch can hold more)
  0x10000000,  // ValueStringUnits: 256 Mi units
  0x10000000,  // EvalStringUnits: 256 Mi units
  0x20000000,  // EvalArenaBytes: 512 MiB
  0x20000000,  // InputAreaBytes: 512 MiB
]);

/** The largest value limit `which` accepts (docs/reliability.md "Limits"). */
export function limitMax(which: Limit): u32 {
  return load<u32>(maxima + (<usize>which << 2));
}

/** Returns false for an unknown limit id, a zero value or a value above the limit's maximum. */
export function setLimit(which: i32, value: u32): bool {
  if (which < 0 || which >= Limit.COUNT || value == 0) return false;
  if (value > limitMax(<Limit>which)) return false;
  store<u32>(values + (<usize>which << 2), value);
  return true;
}
