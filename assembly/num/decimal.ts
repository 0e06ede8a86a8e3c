// Exact slow path for decimal -> double, used only when the fast paths of
// lemire.ts cannot decide (subnormals, overflow, halfway cases, 20+ digits that
// straddle a rounding boundary). The decimal is held as up to 800 digits and
// shifted by powers of two until the binary exponent and the 53-bit significand
// are known. Ported from Go's strconv decimal.go and atof.go (decimal.floatBits;
// BSD licence). 800 digits suffice: an exact halfway point between two doubles
// has at most 767 significant digits, and `trunc` records anything dropped.
// State lives in static memory: not re-entrant (nothing in the engine is).

import { LEFT_CHEATS, LEFT_CHEAT_DIGITS } from "./tables";

const MAX_DIGITS: i32 = 800;
const MAX_SHIFT: i32 = 60; // (9 << 60) * 10 still fits in 64 bits
const MANT_BITS: i32 = 52;
const EXP_BITS: i32 = 11;
const BIAS: i32 = -1023;

const d = memory.data(MAX_DIGITS); // digit values 0..9, most significant first
let nd: i32 = 0;     // digits used
let dp: i32 = 0;     // decimal point: value = 0.d[0]d[1]... * 10^dp
let trunc = false;   // nonzero digits were discarded beyond d[nd-1]

// Binary-exponent steps that keep the shifts within MAX_SHIFT, by decimal power.
const POWTAB = memory.data<u8>([1, 3, 6, 9, 13, 16, 19, 23, 26]);

// @ts-ignore: decorator
@inline function dig(i: i32): u32 { return <u32>load<u8>(d + <usize>i); }
// @ts-ignore: decorator
@inline function setDig(i: i32, v: u32): void { store<u8>(d + <usize>i, <u8>v); }

/** Start a new decimal (value 0). */
export function decimalReset(): void { nd = 0; dp = 0; trunc = false; }

/**
 * Append one significant digit (leading zeros must not be appended: the caller
 * moves the point instead). Digits beyond MAX_DIGITS only set `trunc`.
 */
export function decimalPush(v: u32): void {
  if (nd < MAX_DIGITS) setDig(nd++, v);
  else if (v != 0) trunc = true;
}

/** Set the decimal point: the value is 0.<digits> * 10^point. */
export function decimalSetPoint(point: i32): void { dp = point; }

/** Drop trailing zeros. */
function trim(): void {
  while (nd > 0 && dig(nd - 1) == 0) nd--;
  if (nd == 0) dp = 0;
}

/** Divide by 2^k, k <= MAX_SHIFT. */
function rightShift(k: u64): void {
  let r: i32 = 0; // read index
  let w: i32 = 0; // write index
  let n: u64 = 0;
  // Pick up enough leading digits to cover the first shift.
  for (; n >> k == 0; r++) {
    if (r >= nd) {
      if (n == 0) { nd = 0; return; }
      while (n >> k == 0) { n *= 10; r++; }
      break;
    }
    n = n * 10 + <u64>dig(r);
  }
  dp -= r - 1;
  const mask: u64 = ((<u64>1) << k) - 1;
  // Pick up a digit, put down a digit.
  for (; r < nd; r++) {
    const c = <u64>dig(r);
    const q = n >> k;
    n &= mask;
    setDig(w++, <u32>q);
    n = n * 10 + c;
  }
  // Put down extra digits.
  while (n > 0) {
    const q = n >> k;
    n &= mask;
    if (w < MAX_DIGITS) setDig(w++, <u32>q);
    else if (q > 0) trunc = true;
    n *= 10;
  }
  nd = w;
  trim();
}

/** Is the digit prefix lexicographically below the cheat digits of 5^k? */
function prefixIsLessThan(k: i32): bool {
  const off = <usize>load<u16>(LEFT_CHEATS + (<usize>(k * 3 + 1) << 1));
  const len = <i32>load<u16>(LEFT_CHEATS + (<usize>(k * 3 + 2) << 1));
  for (let i = 0; i < len; i++) {
    if (i >= nd) return true;
    const c = <u32>load<u8>(LEFT_CHEAT_DIGITS + off + <usize>i);
    if (dig(i) != c) return dig(i) < c;
  }
  return false;
}

/** Multiply by 2^k, k <= MAX_SHIFT. */
function leftShift(k: i32): void {
  let delta = <i32>load<u16>(LEFT_CHEATS + (<usize>(k * 3) << 1));
  if (prefixIsLessThan(k)) delta--;
  let r = nd;          // read index
  let w = nd + delta;  // write index
  let n: u64 = 0;
  for (r--; r >= 0; r--) {
    n += (<u64>dig(r)) << <u64>k;
    const q = n / 10;
    const rem = n - 10 * q;
    w--;
    if (w < MAX_DIGITS) setDig(w, <u32>rem);
    else if (rem != 0) trunc = true;
    n = q;
  }
  while (n > 0) {
    const q = n / 10;
    const rem = n - 10 * q;
    w--;
    if (w < MAX_DIGITS) setDig(w, <u32>rem);
    else if (rem != 0) trunc = true;
    n = q;
  }
  nd += delta;
  if (nd >= MAX_DIGITS) nd = MAX_DIGITS;
  dp += delta;
  trim();
}

/** Binary shift: left (k > 0) or right (k < 0). */
function shift(k: i32): void {
  if (nd == 0) return;
  if (k > 0) {
    while (k > MAX_SHIFT) { leftShift(MAX_SHIFT); k -= MAX_SHIFT; }
    leftShift(k);
  } else if (k < 0) {
    while (k < -MAX_SHIFT) { rightShift(<u64>MAX_SHIFT); k += MAX_SHIFT; }
    rightShift(<u64>-k);
  }
}

/** Round up when chopping at `n` digits? (Half-way: to even, or up if truncated.) */
function shouldRoundUp(n: i32): bool {
  if (n < 0 || n >= nd) return false;
  if (dig(n) == 5 && n + 1 == nd) {
    if (trunc) return true;
    return n > 0 && (dig(n - 1) & 1) == 1;
  }
  return dig(n) >= 5;
}

/** The integer part, rounded to nearest (ties to even). */
function roundedInteger(): u64 {
  if (dp > 20) return 0xffffffffffffffff;
  let i: i32 = 0;
  let n: u64 = 0;
  for (; i < dp && i < nd; i++) n = n * 10 + <u64>dig(i);
  for (; i < dp; i++) n *= 10;
  if (shouldRoundUp(dp)) n++;
  return n;
}

/** The correctly rounded double of the decimal built so far. */
export function decimalToDouble(neg: bool): f64 {
  let exp: i32 = 0;
  let mant: u64 = 0;
  let overflow = false;
  if (nd == 0 || dp < -330) {
    mant = 0;
    exp = BIAS;
  } else if (dp > 310) {
    overflow = true;
  } else {
    // Scale by powers of two until in range [0.5, 1).
    while (dp > 0) {
      const n = dp >= 9 ? 27 : <i32>load<u8>(POWTAB + <usize>dp);
      shift(-n);
      exp += n;
    }
    while (dp < 0 || (dp == 0 && dig(0) < 5)) {
      const n = -dp >= 9 ? 27 : <i32>load<u8>(POWTAB + <usize>(-dp));
      shift(n);
      exp -= n;
    }
    // Our range is [0.5, 1) but floating point range is [1, 2).
    exp--;
    // Minimum representable exponent is BIAS + 1; below it, denormalise.
    if (exp < BIAS + 1) {
      const n = BIAS + 1 - exp;
      shift(-n);
      exp += n;
    }
    if (exp - BIAS >= (1 << EXP_BITS) - 1) {
      overflow = true;
    } else {
      // Extract 1 + MANT_BITS bits.
      shift(1 + MANT_BITS);
      mant = roundedInteger();
      // Rounding might have added a bit; shift down.
      if (mant == (<u64>2) << MANT_BITS) {
        mant >>= 1;
        exp++;
        if (exp - BIAS >= (1 << EXP_BITS) - 1) overflow = true;
      }
      // Denormalised?
      if (!overflow && (mant & ((<u64>1) << MANT_BITS)) == 0) exp = BIAS;
    }
  }
  if (overflow) return neg ? -Infinity : Infinity;
  let bits = mant & (((<u64>1) << MANT_BITS) - 1);
  bits |= (<u64>((exp - BIAS) & ((1 << EXP_BITS) - 1))) << MANT_BITS;
  if (neg) bits |= (<u64>1) << 63;
  return reinterpret<f64>(bits);
}
