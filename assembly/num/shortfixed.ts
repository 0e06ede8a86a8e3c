// The shortest round-trip digits of most sensor values (40.07001, 9.0175) in a
// few floating-point operations, for dtoa.ts, which lays them out; numbers
// that need 16 or 17 significant digits are left to its general algorithm.
//
// For a (positive, not an integer) with 10^e <= a < 10^(e+1), let t = a·10^f
// with f = 14 - e, so 10^14 <= t < 10^15 and f <= 22 (10^f is exact).
// - A decimal m·10^-f converts to a iff m / 10^f == a: both are exact doubles
//   and IEEE division rounds as decimal-to-double conversion does.
// - Below 10^15 the interval of reals that round to a, scaled by 10^f, is
//   narrower than 0.23, so at most one such m exists; if it does it is
//   nearest(t) (t is off the exact product by at most 0.0625).
// - Every decimal with at most f digits after the point that converts to a
//   is that m with zeros appended, so the shortest such decimal, which is the
//   shortest of all (a is not an integer; a power of ten in the interval
//   would be that m stripped), is m with its trailing zeros removed: unique,
//   so there is no tie for Number::toString's "closest" rule to break.

/** 10^e <= a, the decimal exponent of the last shortSignificand. */
export let shortExponent: i32 = 0;

// Exact for 0..22; the negative powers are the doubles nearest 10^-k, which
// at worst makes e one too large for a = fl(10^-k): t is then just below
// 10^14, nearest(t) = 10^14 and the text ("0.001") is still right.
const POW10 = memory.data<f64>([
  1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1,
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);
const POW10_ZERO: usize = 7; // index of 1e0
const TWO52: f64 = 4503599627370496.0;

// @ts-ignore: decorator
@inline function pow10f(e: i32): f64 { return load<f64>(POW10 + ((<usize>(e + <i32>POW10_ZERO)) << 3)); }

/**
 * For a in [1e-6, 1e15) and not an integer: the shortest round-trip digits as
 * a 16-digit integer (the digits, then zeros) with shortExponent set, if they
 * are at most 15; else 0 (then the caller takes the general algorithm).
 */
// @ts-ignore: decorator
@inline export function shortSignificand(a: f64): u64 {
  if (!(a >= 1e-6 && a < 1e15)) return 0;
  // floor(log10(a)) from the binary exponent is exact or one short; one compare fixes it.
  const e2 = <i32>(reinterpret<u64>(a) >> 52) - 1023;
  let e = (e2 * 78913) >> 18;
  e += i32(a >= pow10f(e + 1));
  const p = pow10f(14 - e);
  const t = a * p;
  // t < 2^50: adding 2^52 rounds it to the nearest integer (ties to even), whose
  // bits are then the low bits of the sum; no conversion instruction needed.
  const big = t + TWO52;
  const m = big - TWO52;
  if (!(m < 1e15) || m / p != a) return 0;
  shortExponent = e;
  return (reinterpret<u64>(big) - reinterpret<u64>(TWO52)) * 10;
}
