// acos, asin, atan, atan2, cbrt as V8 computes them: ports of fdlibm (e_acos.c,
// e_asin.c, s_atan.c, e_atan2.c) and FreeBSD's s_cbrt.c as adapted in V8's
// src/base/ieee754.cc.
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

import { hiWord, loWord, fromWords, withLow } from "./fdlibm_words";

const PIO2_HI: f64 = 1.57079632679489655800e+00;
const PIO2_LO: f64 = 6.12323399573676603587e-17;
const pS0: f64 = 1.66666666666666657415e-01;
const pS1: f64 = -3.25565818622400915405e-01;
const pS2: f64 = 2.01212532134862925881e-01;
const pS3: f64 = -4.00555345006794114027e-02;
const pS4: f64 = 7.91534994289814532176e-04;
const pS5: f64 = 3.47933107596021167570e-05;
const qS1: f64 = -2.40339491173441421878e+00;
const qS2: f64 = 2.02094576023350569471e+00;
const qS3: f64 = -6.88283971605453293030e-01;
const qS4: f64 = 7.70381505559019352791e-02;

// @ts-ignore: decorator
@inline function rp(z: f64): f64 { return z * (pS0 + z * (pS1 + z * (pS2 + z * (pS3 + z * (pS4 + z * pS5))))); }
// @ts-ignore: decorator
@inline function rq(z: f64): f64 { return 1.0 + z * (qS1 + z * (qS2 + z * (qS3 + z * qS4))); }

export function acos(x: f64): f64 {
  const pi = 3.14159265358979311600e+00;
  const hx = hiWord(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix >= 0x3FF00000) { // |x| >= 1
    if (((ix - 0x3FF00000) | <i32>loWord(x)) == 0) {
      return hx > 0 ? 0.0 : pi + 2.0 * PIO2_LO;
    }
    return NaN;
  }
  if (ix < 0x3FE00000) { // |x| < 0.5
    if (ix <= 0x3C600000) return PIO2_HI + PIO2_LO;
    const z = x * x;
    const r = rp(z) / rq(z);
    return PIO2_HI - (x - (PIO2_LO - x * r));
  }
  if (hx < 0) { // x < -0.5
    const z = (1.0 + x) * 0.5;
    const p = rp(z), q = rq(z);
    const s = Math.sqrt(z);
    const r = p / q;
    const w = r * s - PIO2_LO;
    return pi - 2.0 * (s + w);
  }
  const z = (1.0 - x) * 0.5; // x > 0.5
  const s = Math.sqrt(z);
  const df = withLow(s, 0);
  const c = (z - df * df) / (s + df);
  const p = rp(z), q = rq(z);
  const r = p / q;
  const w = r * s + c;
  return 2.0 * (df + w);
}

export function asin(x: f64): f64 {
  const pio4_hi = 7.85398163397448278999e-01;
  let t: f64 = 0, w: f64, p: f64, q: f64;
  const hx = hiWord(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix >= 0x3FF00000) { // |x| >= 1
    if (((ix - 0x3FF00000) | <i32>loWord(x)) == 0) return x * PIO2_HI + x * PIO2_LO;
    return NaN;
  } else if (ix < 0x3FE00000) { // |x| < 0.5
    if (ix < 0x3E400000) {
      if (1.0e300 + x > 1.0) return x;
    } else {
      t = x * x;
    }
    p = rp(t);
    q = rq(t);
    w = p / q;
    return x + x * w;
  }
  w = 1.0 - Math.abs(x); // 1 > |x| >= 0.5
  t = w * 0.5;
  p = rp(t);
  q = rq(t);
  const s = Math.sqrt(t);
  if (ix >= 0x3FEF3333) { // |x| > 0.975
    w = p / q;
    t = PIO2_HI - (2.0 * (s + s * w) - PIO2_LO);
  } else {
    w = withLow(s, 0);
    const c = (t - w * w) / (s + w);
    const r = p / q;
    p = 2.0 * s * r - (PIO2_LO - 2.0 * c);
    q = pio4_hi - 2.0 * w;
    t = pio4_hi - (p - q);
  }
  return hx > 0 ? t : -t;
}

const ATAN_HI = memory.data<f64>([
  4.63647609000806093515e-01, 7.85398163397448278999e-01,
  9.82793723247329054082e-01, 1.57079632679489655800e+00,
]);
const ATAN_LO = memory.data<f64>([
  2.26987774529616870924e-17, 3.06161699786838301793e-17,
  1.39033110312309984516e-17, 6.12323399573676603587e-17,
]);

export function atan(x: f64): f64 {
  const aT0 = 3.33333333333329318027e-01, aT1 = -1.99999999998764832476e-01;
  const aT2 = 1.42857142725034663711e-01, aT3 = -1.11111104054623557880e-01;
  const aT4 = 9.09088713343650656196e-02, aT5 = -7.69187620504482999495e-02;
  const aT6 = 6.66107313738753120669e-02, aT7 = -5.83357013379057348645e-02;
  const aT8 = 4.97687799461593236017e-02, aT9 = -3.65315727442169155270e-02;
  const aT10 = 1.62858201153657823623e-02;
  let id: i32;
  const hx = hiWord(x);
  const ix = hx & 0x7FFFFFFF;
  if (ix >= 0x44100000) { // |x| >= 2^66
    if (ix > 0x7FF00000 || (ix == 0x7FF00000 && loWord(x) != 0)) return x + x;
    const hi = load<f64>(ATAN_HI, 24), lo = load<f64>(ATAN_LO, 24);
    return hx > 0 ? hi + lo : -hi - lo;
  }
  if (ix < 0x3FDC0000) { // |x| < 0.4375
    if (ix < 0x3E400000) {
      if (1.0e300 + x > 1.0) return x;
    }
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3FF30000) { // |x| < 1.1875
      if (ix < 0x3FE60000) { id = 0; x = (2.0 * x - 1.0) / (2.0 + x); }
      else { id = 1; x = (x - 1.0) / (x + 1.0); }
    } else {
      if (ix < 0x40038000) { id = 2; x = (x - 1.5) / (1.0 + 1.5 * x); }
      else { id = 3; x = -1.0 / x; }
    }
  }
  const z = x * x;
  const w = z * z;
  const s1 = z * (aT0 + w * (aT2 + w * (aT4 + w * (aT6 + w * (aT8 + w * aT10)))));
  const s2 = w * (aT1 + w * (aT3 + w * (aT5 + w * (aT7 + w * aT9))));
  if (id < 0) return x - x * (s1 + s2);
  const hi = load<f64>(ATAN_HI + (<usize>id << 3)), lo = load<f64>(ATAN_LO + (<usize>id << 3));
  const r = hi - ((x * (s1 + s2) - lo) - x);
  return hx < 0 ? -r : r;
}

export function atan2(y: f64, x: f64): f64 {
  const tiny = 1.0e-300;
  const pi_o_4 = 7.8539816339744827900E-01, pi_o_2 = 1.5707963267948965580E+00;
  const pi = 3.1415926535897931160E+00, pi_lo = 1.2246467991473531772E-16;
  let z: f64;
  const hx = hiWord(x), lx = loWord(x);
  const ix = hx & 0x7FFFFFFF;
  const hy = hiWord(y), ly = loWord(y);
  const iy = hy & 0x7FFFFFFF;
  if (x != x || y != y) return x + y;
  if (((hx - 0x3FF00000) | <i32>lx) == 0) return atan(y); // x = 1.0
  let m = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2*sign(x) + sign(y)
  if ((iy | <i32>ly) == 0) { // y = 0
    switch (m) {
      case 0: case 1: return y;
      case 2: return pi + tiny;
      default: return -pi - tiny;
    }
  }
  if ((ix | <i32>lx) == 0) return hy < 0 ? -pi_o_2 - tiny : pi_o_2 + tiny; // x = 0
  if (ix == 0x7FF00000) { // x is INF
    if (iy == 0x7FF00000) {
      switch (m) {
        case 0: return pi_o_4 + tiny;
        case 1: return -pi_o_4 - tiny;
        case 2: return 3.0 * pi_o_4 + tiny;
        default: return -3.0 * pi_o_4 - tiny;
      }
    }
    switch (m) {
      case 0: return 0.0;
      case 1: return -0.0;
      case 2: return pi + tiny;
      default: return -pi - tiny;
    }
  }
  if (iy == 0x7FF00000) return hy < 0 ? -pi_o_2 - tiny : pi_o_2 + tiny; // y is INF
  const k = (iy - ix) >> 20;
  if (k > 60) { // |y/x| > 2^60
    z = pi_o_2 + 0.5 * pi_lo;
    m &= 1;
  } else if (hx < 0 && k < -60) {
    z = 0.0;
  } else {
    z = atan(Math.abs(y / x));
  }
  switch (m) {
    case 0: return z;
    case 1: return -z;
    case 2: return pi - (z - pi_lo);
    default: return (z - pi_lo) - pi;
  }
}

export function cbrt(x: f64): f64 {
  const B1: u32 = 715094163, B2: u32 = 696219795;
  const P0 = 1.87595182427177009643, P1 = -1.88497979543377169875;
  const P2 = 1.621429720105354466140, P3 = -0.758397934778766047437;
  const P4 = 0.145996192886612446982;
  let r: f64, s: f64, t: f64 = 0.0, w: f64;
  let hx = <u32>hiWord(x);
  const low = loWord(x);
  const sign = hx & 0x80000000;
  hx ^= sign;
  if (hx >= 0x7FF00000) return x + x;
  if (hx < 0x00100000) { // zero or subnormal
    if ((hx | low) == 0) return x;
    t = fromWords(0x43500000, 0); // 2^54
    t *= x;
    const high = <u32>hiWord(t);
    t = fromWords(<i32>(sign | ((high & 0x7FFFFFFF) / 3 + B2)), 0);
  } else {
    t = fromWords(<i32>(sign | (hx / 3 + B1)), 0);
  }
  r = (t * t) * (t / x);
  t = t * ((P0 + r * (P1 + r * P2)) + ((r * r) * r) * (P3 + r * P4));
  // Round t away from zero to 23 bits.
  t = reinterpret<f64>((reinterpret<u64>(t) + 0x80000000) & 0xFFFFFFFFC0000000);
  s = t * t;
  r = x / s;
  w = t + t;
  r = (r - t) / (w + r);
  t = t + t * r;
  return t;
}
