// Word access to doubles for the fdlibm ports (fdlibm's GET_HIGH_WORD etc.).

// @ts-ignore: decorator
@inline export function hiWord(x: f64): i32 { return <i32>(reinterpret<u64>(x) >> 32); }
// @ts-ignore: decorator
@inline export function loWord(x: f64): u32 { return <u32>reinterpret<u64>(x); }
// @ts-ignore: decorator
@inline export function fromWords(hi: i32, lo: u32): f64 {
  return reinterpret<f64>((<u64><u32>hi << 32) | <u64>lo);
}
// @ts-ignore: decorator
@inline export function withHigh(x: f64, hi: i32): f64 { return fromWords(hi, loWord(x)); }
// @ts-ignore: decorator
@inline export function withLow(x: f64, lo: u32): f64 { return fromWords(hiWord(x), lo); }

/** x * 2^n, exact unless the result is subnormal (then rounded once), as scalbn. */
export function scalbn(x: f64, n: i32): f64 {
  let y = x;
  if (n > 1023) {
    y *= 8.98846567431158e307; // 2^1023
    n -= 1023;
    if (n > 1023) {
      y *= 8.98846567431158e307;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // 2^-1022 * 2^53: stay normal so that only the last multiply rounds.
    y *= 2.004168360008973e-292;
    n += 1022 - 53;
    if (n < -1022) {
      y *= 2.004168360008973e-292;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * reinterpret<f64>(<u64>(0x3ff + n) << 52);
}
