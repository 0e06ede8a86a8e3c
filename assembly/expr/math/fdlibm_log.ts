// log, log1p, log2, log10, acosh, asinh, atanh as V8 computes them: ports of
// fdlibm (e_log.c, s_log1p.c, k_log.h + e_log2.c from FreeBSD, e_log10.c,
// e_acosh.c, s_asinh.c, e_atanh.c) as adapted in V8's src/base/ieee754.cc.
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

import { hiWord, loWord, fromWords, withHigh, withLow } from "./fdlibm_words";

const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const TWO54: f64 = 1.80143985094819840000e+16;
const Lg1: f64 = 6.666666666666735130e-01;
const Lg2: f64 = 3.999999999940941908e-01;
const Lg3: f64 = 2.857142874366239149e-01;
const Lg4: f64 = 2.222219843214978396e-01;
const Lg5: f64 = 1.818357216161805012e-01;
const Lg6: f64 = 1.531383769920937332e-01;
const Lg7: f64 = 1.479819860511658591e-01;

export function log(x: f64): f64 {
  let hfsq: f64, f: f64, s: f64, z: f64, R: f64, w: f64, t1: f64, t2: f64, dk: f64;
  let k: i32, i: i32, j: i32;
  let hx = hiWord(x);
  const lx = loWord(x);
  k = 0;
  if (hx < 0x00100000) { // x < 2^-1022
    if (((hx & 0x7FFFFFFF) | <i32>lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
  }
  if (hx >= 0x7FF00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000FFFFF;
  i = (hx + 0x95F64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3FF00000)); // normalize x or x/2
  k += i >> 20;
  f = x - 1.0;
  if ((0x000FFFFF & (2 + hx)) < 3) { // -2^-20 <= f < 2^-20
    if (f == 0.0) {
      if (k == 0) return 0.0;
      dk = <f64>k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    dk = <f64>k;
    return dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  s = f / (2.0 + f);
  dk = <f64>k;
  z = s * s;
  i = hx - 0x6147A;
  w = z * z;
  j = 0x6B851 - hx;
  t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  i |= j;
  R = t2 + t1;
  if (i > 0) {
    hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

export function log1p(x: f64): f64 {
  let hfsq: f64, f: f64 = 0, c: f64 = 0, s: f64, z: f64, R: f64, u: f64;
  let k: i32, hu: i32 = 0;
  const hx = hiWord(x);
  const ax = hx & 0x7FFFFFFF;
  k = 1;
  if (hx < 0x3FDA827A) { // 1 + x < sqrt(2)+
    if (ax >= 0x3FF00000) { // x <= -1.0
      if (x == -1.0) return -Infinity;
      return NaN;
    }
    if (ax < 0x3E200000) { // |x| < 2^-29
      if (TWO54 + x > 0.0 && ax < 0x3C900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= <i32>0xBFD2BEC4) { k = 0; f = x; hu = 1; }
  }
  if (hx >= 0x7FF00000) return x + x;
  if (k != 0) {
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = hiWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
      c /= u;
    } else {
      u = x;
      hu = hiWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000FFFFF;
    if (hu < 0x6A09E) { // u ~< sqrt(2)
      u = withHigh(u, hu | 0x3FF00000);
    } else {
      k += 1;
      u = withHigh(u, hu | 0x3FE00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  hfsq = 0.5 * f * f;
  if (hu == 0) { // |f| < 2^-20
    if (f == 0.0) {
      if (k == 0) return 0.0;
      c += <f64>k * LN2_LO;
      return <f64>k * LN2_HI + c;
    }
    R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - R;
    return <f64>k * LN2_HI - ((R - (<f64>k * LN2_LO + c)) - f);
  }
  s = f / (2.0 + f);
  z = s * s;
  R = z * (Lg1 + z * (Lg2 + z * (Lg3 + z * (Lg4 + z * (Lg5 + z * (Lg6 + z * Lg7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return <f64>k * LN2_HI - ((hfsq - (s * (hfsq + R) + (<f64>k * LN2_LO + c))) - f);
}

/** k_log1p: log(1 + f) - f for 1 + f in ~[sqrt(2)/2, sqrt(2)]. */
function kLog1p(f: f64): f64 {
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + R);
}

export function log2(x: f64): f64 {
  const ivln2hi = 1.44269504072144627571e+00, ivln2lo = 1.67517131648865118353e-10;
  let hx = hiWord(x);
  const lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7FFFFFFF) | <i32>lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
  }
  if (hx >= 0x7FF00000) return x + x;
  if (hx == 0x3FF00000 && lx == 0) return 0.0;
  k += (hx >> 20) - 1023;
  hx &= 0x000FFFFF;
  const i = (hx + 0x95F64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3FF00000));
  k += i >> 20;
  const y = <f64>k;
  const f = x - 1.0;
  const hfsq = 0.5 * f * f;
  const r = kLog1p(f);
  let hi = f - hfsq;
  hi = withLow(hi, 0);
  const lo = (f - hi) - hfsq + r;
  let val_hi = hi * ivln2hi;
  let val_lo = (lo + hi) * ivln2lo + lo * ivln2hi;
  const w = y + val_hi;
  val_lo += (y - w) + val_hi;
  val_hi = w;
  return val_lo + val_hi;
}

export function log10(x: f64): f64 {
  const ivln10 = 4.34294481903251816668e-01;
  const log10_2hi = 3.01029995663611771306e-01, log10_2lo = 3.69423907715893078616e-13;
  let hx = hiWord(x);
  let lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7FFFFFFF) | <i32>lx) == 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
    lx = loWord(x);
  }
  if (hx >= 0x7FF00000) return x + x;
  if (hx == 0x3FF00000 && lx == 0) return 0.0;
  k += (hx >> 20) - 1023;
  const i = <i32>((<u32>k & 0x80000000) >>> 31);
  hx = (hx & 0x000FFFFF) | ((0x3FF - i) << 20);
  const y = <f64>(k + i);
  x = fromWords(hx, lx);
  const z = y * log10_2lo + ivln10 * log(x);
  return z + y * log10_2hi;
}

export function acosh(x: f64): f64 {
  const ln2 = 6.93147180559945286227e-01;
  const hx = hiWord(x);
  const lx = loWord(x);
  if (hx < 0x3FF00000) return NaN; // x < 1
  if (hx >= 0x41B00000) { // x > 2^28
    if (hx >= 0x7FF00000) return x + x;
    return log(x) + ln2;
  }
  if (((hx - 0x3FF00000) | <i32>lx) == 0) return 0.0;
  if (hx > 0x40000000) { // 2^28 > x > 2
    const t = x * x;
    return log(2.0 * x - 1.0 / (x + Math.sqrt(t - 1.0)));
  }
  const t = x - 1.0; // 1 < x < 2
  return log1p(t + Math.sqrt(2.0 * t + t * t));
}

export function asinh(x: f64): f64 {
  const ln2 = 6.93147180559945286227e-01;
  let w: f64;
  const hx = hiWord(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix >= 0x7FF00000) return x + x;
  if (ix < 0x3E300000) { // |x| < 2^-28
    if (1.0e300 + x > 1.0) return x;
  }
  if (ix > 0x41B00000) { // |x| > 2^28
    w = log(Math.abs(x)) + ln2;
  } else if (ix > 0x40000000) { // 2^28 > |x| > 2
    const t = Math.abs(x);
    w = log(2.0 * t + 1.0 / (Math.sqrt(x * x + 1.0) + t));
  } else {
    const t = x * x;
    w = log1p(Math.abs(x) + t / (1.0 + Math.sqrt(1.0 + t)));
  }
  return hx > 0 ? w : -w;
}

export function atanh(x: f64): f64 {
  let t: f64;
  const hx = hiWord(x);
  const lx = loWord(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix > 0x3FF00000 || (ix == 0x3FF00000 && lx != 0)) return NaN; // |x| > 1
  if (ix == 0x3FF00000) return x > 0 ? Infinity : -Infinity;
  if (ix < 0x3E300000 && (1e300 + x) > 0.0) return x; // |x| < 2^-28
  x = withHigh(x, ix);
  if (ix < 0x3FE00000) { // |x| < 0.5
    t = x + x;
    t = 0.5 * log1p(t + t * x / (1.0 - x));
  } else {
    t = 0.5 * log1p((x + x) / (1.0 - x));
  }
  return hx >= 0 ? t : -t;
}
