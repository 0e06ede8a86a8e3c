// The one 128-bit powers-of-ten table, shared by the parser (Eisel–Lemire,
// lemire.ts) and the printer (dtoa.ts): the mantissa of 10^e with its top bit
// set, truncated (Go strconv's detailedPowersOfTen values; xjb-as's table holds
// the same ones).
//
// The range [-326, 323] is the union of what the two users can use:
// - dtoa.ts (xjb64) scales by 10^p for p in [-293, 323] (all finite doubles).
// - Lemire multiplies a mantissa 1 <= m < 2^64 by 10^e. Below e = -326,
//   m * 10^e < 2^64 * 10^-327 < 2^-1022 is subnormal or zero; above 308,
//   m * 10^e >= 10^309 overflows. Lemire declines both and the exact slow path
//   answers, as it did with Go's [-348, 347] table: no result changes.
// tests/unit/num_pow10.test.ts derives both ranges and checks every entry
// against BigInt.
//
// One full table, not xjb-as's half-size anchors (odd powers rebuilt as
// anchor * 5): the anchors cost about 2% on the W1 benchmark (docs/RATIONALE.md).

import { POW10_128 } from "./tables";

export const POW10_MIN_EXP: i32 = -326;
export const POW10_MAX_EXP: i32 = 323;

/** Low 64 bits of the last pow10() result. */
export let pow10Lo: u64 = 0;

/** The table row of 10^e, e in [POW10_MIN_EXP, POW10_MAX_EXP]: the high 64 bits of the mantissa, then the low 64. */
// @ts-ignore: decorator
@inline export function pow10Row(e: i32): usize { return POW10_128 + (<usize>(e - POW10_MIN_EXP) << 4); }

/** High 64 bits of the 128-bit mantissa of 10^e, e in [POW10_MIN_EXP, POW10_MAX_EXP]; the low half goes to pow10Lo. */
// @ts-ignore: decorator
@inline export function pow10(e: i32): u64 {
  const row = pow10Row(e);
  pow10Lo = load<u64>(row, 8);
  return load<u64>(row);
}
