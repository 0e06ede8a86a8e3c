// The Math object's functions with V8's results (ECMA-262 §21.3.2). Functions V8
// computes with its fdlibm port (src/base/ieee754.cc) come from fdlibm.ts; the
// rest are exact operations or follow V8's builtins (math.tq) step by step.

import { toNumber, toInt32, toUint32 } from "./coerce";
import * as fd from "../math/fdlibm";

export const enum MathFn {
  Abs, Acos, Acosh, Asin, Asinh, Atan, Atanh, Atan2, Cbrt, Ceil, Clz32, Cos, Cosh,
  Exp, Expm1, Floor, Fround, Hypot, Imul, Log, Log1p, Log10, Log2, Max, Min, Pow,
  Random, Round, Sign, Sin, Sinh, Sqrt, Tan, Tanh, Trunc,
}

/** A one-argument Math function of x. */
export function math1(fn: MathFn, x: f64): f64 {
  switch (fn) {
    case MathFn.Abs: return Math.abs(x);
    case MathFn.Acos: return fd.acos(x);
    case MathFn.Acosh: return fd.acosh(x);
    case MathFn.Asin: return fd.asin(x);
    case MathFn.Asinh: return fd.asinh(x);
    case MathFn.Atan: return fd.atan(x);
    case MathFn.Atanh: return fd.atanh(x);
    case MathFn.Cbrt: return fd.cbrt(x);
    case MathFn.Ceil: return Math.ceil(x);
    case MathFn.Clz32: return <f64>clz<u32>(toUint32(x));
    case MathFn.Cos: return fd.cos(x);
    case MathFn.Cosh: return fd.cosh(x);
    case MathFn.Exp: return fd.exp(x);
    case MathFn.Expm1: return fd.expm1(x);
    case MathFn.Floor: return Math.floor(x);
    case MathFn.Fround: return <f64><f32>x;
    case MathFn.Log: return fd.log(x);
    case MathFn.Log1p: return fd.log1p(x);
    case MathFn.Log10: return fd.log10(x);
    case MathFn.Log2: return fd.log2(x);
    case MathFn.Round: return jsRound(x);
    case MathFn.Sign: return x > 0 ? 1.0 : x < 0 ? -1.0 : x; // NaN and ±0 unchanged
    case MathFn.Sin: return fd.sin(x);
    case MathFn.Sinh: return fd.sinh(x);
    case MathFn.Sqrt: return Math.sqrt(x);
    case MathFn.Tan: return fd.tan(x);
    case MathFn.Tanh: return fd.tanh(x);
    case MathFn.Trunc: return Math.trunc(x);
    default: return NaN;
  }
}

/** A two-argument Math function (atan2, imul, pow). */
export function math2(fn: MathFn, x: f64, y: f64): f64 {
  switch (fn) {
    case MathFn.Atan2: return fd.atan2(x, y);
    case MathFn.Imul: return <f64>(toInt32(x) * toInt32(y));
    case MathFn.Pow: return jsPow(x, y);
    default: return NaN;
  }
}

/** Math.round §21.3.2.28: ties toward +Infinity, -0 and (-0.5, -0] give -0. */
export function jsRound(x: f64): f64 {
  if (!isFinite(x) || x == 0) return x;
  if (x > 0 && x < 0.5) return 0.0;
  if (x < 0 && x >= -0.5) return -0.0;
  const r = Math.floor(x);
  return x - r >= 0.5 ? r + 1.0 : r; // x - floor(x) is exact
}

/**
 * Number::exponentiate (§6.1.6.1.3) as V8's Float64Pow: the IEEE pow of the
 * platform C library, except that the spec makes NaN exponents and
 * (±1) ** ±Infinity NaN where C gives 1.
 */
export function jsPow(x: f64, y: f64): f64 {
  if (y != y) return NaN;
  if (!isFinite(y) && (x == 1 || x == -1)) return NaN;
  return fd.pow(x, y);
}

/** Math.max (max = true) / Math.min over argc argument slots (ToNumber each). */
export function maxMin(args: usize, argc: i32, max: bool): f64 {
  let r = max ? -Infinity : Infinity;
  let nan = false;
  for (let i = 0; i < argc; i++) {
    const v = toNumber(args + (<usize>i << 4));
    if (v != v) { nan = true; continue; }
    // Equal values: +0 beats -0 for max, -0 beats +0 for min.
    if (max ? (v > r || (v == r && v == 0 && !negZero(v))) : (v < r || (v == r && v == 0 && negZero(v)))) r = v;
  }
  return nan ? NaN : r;
}

/**
 * Math.hypot as V8's builtin (math.tq MathHypot): Infinity wins over NaN, then
 * the values scaled by the largest are summed with Kahan compensation.
 */
export function hypot(args: usize, argc: i32): f64 {
  if (argc == 0) return 0;
  let max: f64 = 0;
  let nan = false;
  for (let i = 0; i < argc; i++) {
    const v = toNumber(args + (<usize>i << 4));
    if (v != v) nan = true;
    else if (Math.abs(v) > max) max = Math.abs(v);
  }
  if (max == Infinity) return Infinity;
  if (nan) return NaN;
  if (max == 0) return 0;
  let sum: f64 = 0, compensation: f64 = 0;
  for (let i = 0; i < argc; i++) {
    const n = Math.abs(toNumber(args + (<usize>i << 4))) / max;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = (preliminary - sum) - summand;
    sum = preliminary;
  }
  return Math.sqrt(sum) * max;
}

// @ts-ignore: decorator
@inline function negZero(v: f64): bool { return (reinterpret<u64>(v) >> 63) != 0; }
