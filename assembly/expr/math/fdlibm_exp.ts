// exp, expm1, sinh, cosh, tanh and pow as V8 computes them: ports of fdlibm
// (e_exp.c, s_expm1.c, e_sinh.c, e_cosh.c, s_tanh.c, e_pow.c) as adapted in V8's
// src/base/ieee754.cc (pow: ieee754::legacy::pow). Operation order is kept.
//
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================

import { hiWord, loWord, fromWords, withHigh, withLow, scalbn } from "./fdlibm_words";

const HUGE: f64 = 1.0e300;
const TINY: f64 = 1.0e-300;

export function exp(x: f64): f64 {
  const o_threshold = 7.09782712893383973096e+02, u_threshold = -7.45133219101941108420e+02;
  const ln2HI = 6.93147180369123816490e-01, ln2LO = 1.90821492927058770002e-10;
  const invln2 = 1.44269504088896338700e+00;
  const P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03;
  const P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06;
  const P5 = 4.13813679705723846039e-08;
  const E = 2.718281828459045;
  const twom1000 = 9.33263618503218878990e-302, two1023 = 8.988465674311579539e307;
  let y: f64, hi: f64 = 0, lo: f64 = 0, c: f64, t: f64, twopk: f64;
  let k: i32 = 0;
  let hx = <u32>hiWord(x);
  const xsb = <i32>((hx >> 31) & 1);
  hx &= 0x7FFFFFFF;
  if (hx >= 0x40862E42) { // |x| >= 709.78...
    if (hx >= 0x7FF00000) {
      if (((hx & 0xFFFFF) | loWord(x)) != 0) return x + x; // NaN
      return xsb == 0 ? x : 0.0;
    }
    if (x > o_threshold) return HUGE * HUGE;
    if (x < u_threshold) return twom1000 * twom1000;
  }
  if (hx > 0x3FD62E42) { // |x| > 0.5 ln2
    if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
      if (x == 1.0) return E; // V8 special-cases exp(1)
      hi = x - (xsb == 0 ? ln2HI : -ln2HI);
      lo = xsb == 0 ? ln2LO : -ln2LO;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      t = <f64>k;
      hi = x - t * ln2HI;
      lo = t * ln2LO;
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) { // |x| < 2^-28
    if (HUGE + x > 1.0) return 1.0 + x;
  } else {
    k = 0;
  }
  t = x * x;
  if (k >= -1021) twopk = fromWords(0x3FF00000 + (k << 20), 0);
  else twopk = fromWords(0x3FF00000 + ((k + 1000) << 20), 0);
  c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * two1023;
    return y * twopk;
  }
  return y * twopk * twom1000;
}

export function expm1(x: f64): f64 {
  const o_threshold = 7.09782712893383973096e+02;
  const ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const invln2 = 1.44269504088896338700e+00;
  const Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03;
  const Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06;
  const Q5 = -2.01099218183624371326e-07;
  let y: f64, hi: f64, lo: f64, c: f64 = 0, t: f64, e: f64;
  let k: i32;
  let hx = <u32>hiWord(x);
  const xsb = hx & 0x80000000;
  hx &= 0x7FFFFFFF;
  if (hx >= 0x4043687A) { // |x| >= 56 ln2
    if (hx >= 0x40862E42) { // |x| >= 709.78...
      if (hx >= 0x7FF00000) {
        if (((hx & 0xFFFFF) | loWord(x)) != 0) return x + x;
        return xsb == 0 ? x : -1.0;
      }
      if (x > o_threshold) return HUGE * HUGE;
    }
    if (xsb != 0) {
      if (x + TINY < 0.0) return TINY - 1.0;
    }
  }
  if (hx > 0x3FD62E42) { // |x| > 0.5 ln2
    if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
      if (xsb == 0) { hi = x - ln2_hi; lo = ln2_lo; k = 1; }
      else { hi = x + ln2_hi; lo = -ln2_lo; k = -1; }
    } else {
      k = <i32>(invln2 * x + (xsb == 0 ? 0.5 : -0.5));
      t = <f64>k;
      hi = x - t * ln2_hi;
      lo = t * ln2_lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3C900000) { // |x| < 2^-54
    t = HUGE + x;
    return x - (t - (HUGE + x));
  } else {
    k = 0;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  t = 3.0 - r1 * hfx;
  e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  const twopk = fromWords(0x3FF00000 + (k << 20), 0);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - x);
    if (k == 1024) y = y * 2.0 * 8.98846567431158e+307;
    else y = y * twopk;
    return y - 1.0;
  }
  if (k < 20) {
    t = fromWords(0x3FF00000 - (0x200000 >> k), 0); // 1 - 2^-k
    y = t - (e - x);
    y = y * twopk;
  } else {
    t = fromWords((0x3FF - k) << 20, 0); // 2^-k
    y = x - (e + t);
    y += 1.0;
    y = y * twopk;
  }
  return y;
}

export function cosh(x: f64): f64 {
  const KCOSH_OVERFLOW = 710.4758600739439;
  const ix = hiWord(x) & 0x7FFFFFFF;
  if (ix < 0x3FD62E43) { // |x| in [0, 0.5 ln2]
    const t = expm1(Math.abs(x));
    const w = 1.0 + t;
    if (ix < 0x3C800000) return w;
    return 1.0 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) { // |x| in [0.5 ln2, 22]
    const t = exp(Math.abs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862E42) return 0.5 * exp(Math.abs(x));
  if (Math.abs(x) <= KCOSH_OVERFLOW) {
    const w = exp(0.5 * Math.abs(x));
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7FF00000) return x * x;
  return HUGE * HUGE;
}

export function sinh(x: f64): f64 {
  const KSINH_OVERFLOW = 710.4758600739439, TWO_M28 = 3.725290298461914e-9;
  const LOG_MAXD = 709.7822265625;
  const shuge = 1.0e307;
  const h = x < 0 ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ax < 22) {
    if (ax < TWO_M28) return x;
    const t = expm1(ax);
    if (ax < 1) return h * (2 * t - t * t / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < LOG_MAXD) return h * exp(ax);
  if (ax <= KSINH_OVERFLOW) {
    const w = exp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * shuge;
}

export function tanh(x: f64): f64 {
  let t: f64, z: f64;
  const jx = hiWord(x);
  const ix = jx & 0x7FFFFFFF;
  if (ix >= 0x7FF00000) {
    if (jx >= 0) return 1.0 / x + 1.0;
    return 1.0 / x - 1.0;
  }
  if (ix < 0x40360000) { // |x| < 22
    if (ix < 0x3E300000) {
      if (HUGE + x > 1.0) return x;
    }
    if (ix >= 0x3FF00000) {
      t = expm1(2.0 * Math.abs(x));
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      t = expm1(-2.0 * Math.abs(x));
      z = -t / (t + 2.0);
    }
  } else {
    z = 1.0 - TINY;
  }
  return jx >= 0 ? z : -z;
}

// e_pow.c tables: bp = {1, 1.5}, dp_h/dp_l = {0, log2(1.5) hi/lo}.
export function pow(x: f64, y: f64): f64 {
  const dp_h1 = 5.84962487220764160156e-01, dp_l1 = 1.35003920212974897128e-08;
  const two53 = 9007199254740992.0;
  const L1 = 5.99999999999994648725e-01, L2 = 4.28571428578550184252e-01;
  const L3 = 3.33333329818377432918e-01, L4 = 2.72728123808534006489e-01;
  const L5 = 2.30660745775561754067e-01, L6 = 2.06975017800338417784e-01;
  const P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03;
  const P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06;
  const P5 = 4.13813679705723846039e-08;
  const lg2 = 6.93147180559945286227e-01, lg2_h = 6.93147182464599609375e-01;
  const lg2_l = -1.90465429995776804525e-09;
  const ovt = 8.0085662595372944372e-17;
  const cp = 9.61796693925975554329e-01, cp_h = 9.61796700954437255859e-01;
  const cp_l = -7.02846165095275826516e-09;
  const ivln2 = 1.44269504088896338700e+00, ivln2_h = 1.44269502162933349609e+00;
  const ivln2_l = 1.92596299112661746887e-08;

  let z: f64, ax: f64, z_h: f64, z_l: f64, p_h: f64, p_l: f64;
  let y1: f64, t1: f64, t2: f64, r: f64, s: f64, t: f64, u: f64, v: f64, w: f64;
  let i: i32, j: i32, k: i32, yisint: i32, n: i32;
  const hx = hiWord(x), hy = hiWord(y);
  const lx = loWord(x), ly = loWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((<u32>iy | ly) == 0) return 1.0; // x**0 = 1
  if (ix > 0x7ff00000 || (ix == 0x7ff00000 && lx != 0) || iy > 0x7ff00000 || (iy == 0x7ff00000 && ly != 0)) {
    return x + y; // NaN
  }
  // yisint: 0 = not an integer, 1 = odd, 2 = even (only needed when x < 0).
  yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2;
    } else if (iy >= 0x3ff00000) {
      k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const jj = ly >> <u32>(52 - k);
        if ((jj << <u32>(52 - k)) == ly) yisint = 2 - <i32>(jj & 1);
      } else if (ly == 0) {
        j = iy >> (20 - k);
        if ((j << (20 - k)) == iy) yisint = 2 - (j & 1);
      }
    }
  }
  // Special values of y.
  if (ly == 0) {
    if (iy == 0x7ff00000) { // y is +-inf
      if (((ix - 0x3ff00000) | <i32>lx) == 0) return y - y; // (+-1)**+-inf is NaN
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0;
      return hy < 0 ? -y : 0.0;
    }
    if (iy == 0x3ff00000) return hy < 0 ? 1.0 / x : x; // y is +-1
    if (hy == 0x40000000) return x * x; // y is 2
    if (hy == 0x3fe00000) { // y is 0.5
      if (hx >= 0) return Math.sqrt(x);
    }
  }
  ax = Math.abs(x);
  // Special values of x.
  if (lx == 0) {
    if (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000) {
      z = ax;
      if (hy < 0) z = 1.0 / z;
      if (hx < 0) {
        if (((ix - 0x3ff00000) | yisint) == 0) z = NaN; // (-1)**non-int
        else if (yisint == 1) z = -z;
      }
      return z;
    }
  }
  n = (hx >> 31) + 1;
  if ((n | yisint) == 0) return NaN; // (x<0)**(non-int)
  s = 1.0;
  if ((n | (yisint - 1)) == 0) s = -1.0; // (-ve)**(odd int)

  if (iy > 0x41e00000) { // |y| > 2^31
    if (iy > 0x43f00000) { // |y| > 2^64: must over/underflow
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 - x| <= 2^-20: log(x) by x - x^2/2 + x^3/3 - x^4/4.
    t = ax - 1.0;
    w = (t * t) * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    u = ivln2_h * t;
    v = t * ivln2_l - w * ivln2;
    t1 = u + v;
    t1 = withLow(t1, 0);
    t2 = v - (t1 - u);
  } else {
    let ss: f64, s2: f64, s_h: f64, s_l: f64, t_h: f64, t_l: f64;
    n = 0;
    if (ix < 0x00100000) { // subnormal x
      ax *= two53;
      n -= 53;
      ix = hiWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    if (j <= 0x3988E) k = 0; // |x| < sqrt(3/2)
    else if (j < 0xBB67A) k = 1; // |x| < sqrt(3)
    else { k = 0; n += 1; ix -= 0x00100000; }
    ax = withHigh(ax, ix);
    const bp = k == 0 ? 1.0 : 1.5;
    const dp_h = k == 0 ? 0.0 : dp_h1;
    const dp_l = k == 0 ? 0.0 : dp_l1;
    // ss = s_h + s_l = (x - 1) / (x + 1) or (x - 1.5) / (x + 1.5)
    u = ax - bp;
    v = 1.0 / (ax + bp);
    ss = u * v;
    s_h = withLow(ss, 0);
    t_h = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    t_l = ax - (t_h - bp);
    s_l = v * ((u - s_h * t_h) - s_h * t_l);
    // log(ax)
    s2 = ss * ss;
    r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += s_l * (s_h + ss);
    s2 = s_h * s_h;
    t_h = 3.0 + s2 + r;
    t_h = withLow(t_h, 0);
    t_l = r - ((t_h - 3.0) - s2);
    u = s_h * t_h;
    v = s_l * t_h + t_l * ss;
    p_h = u + v;
    p_h = withLow(p_h, 0);
    p_l = v - (p_h - u);
    z_h = cp_h * p_h;
    z_l = cp_l * p_h + p_l * cp + dp_l;
    t = <f64>n;
    t1 = (((z_h + z_l) + dp_h) + t);
    t1 = withLow(t1, 0);
    t2 = z_l - (((t1 - t) - dp_h) - z_h);
  }
  // (y1 + y2) * (t1 + t2)
  y1 = withLow(y, 0);
  p_l = (y - y1) * t1 + y * t2;
  p_h = y1 * t1;
  z = p_l + p_h;
  j = hiWord(z);
  i = <i32>loWord(z);
  if (j >= 0x40900000) { // z >= 1024
    if (((j - 0x40900000) | i) != 0) return s * HUGE * HUGE;
    if (p_l + ovt > z - p_h) return s * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) { // z <= -1075
    if (((j - <i32>0xc090cc00) | i) != 0) return s * TINY * TINY;
    if (p_l <= z - p_h) return s * TINY * TINY;
  }
  // 2^(p_h + p_l)
  i = j & 0x7fffffff;
  k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) { // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    p_h -= t;
  }
  t = p_l + p_h;
  t = withLow(t, 0);
  u = t * lg2_h;
  v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
  z = u + v;
  w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  r = (z * t1) / ((t1 - 2.0) - (w + z * w));
  z = 1.0 - (r - z);
  j = hiWord(z);
  j += n << 20;
  if ((j >> 20) <= 0) z = scalbn(z, n); // subnormal result
  else z = withHigh(z, hiWord(z) + (n << 20));
  return s * z;
}
