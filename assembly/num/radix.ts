// Number.prototype.toString(radix) with V8's exact results: a line-by-line port
// of V8 DoubleToRadixCString (src/numbers/conversions.cc, BSD licence). The
// fraction is generated only up to the input's precision, `delta` being half
// the distance to the next double, with round-half-even and carry back-tracking;
// integer digits beyond 2^53 are printed as zeros. Allocation-free.

import { Char } from "./chars";
import { formatNumber } from "./shortest";

/** Longest output: radix 2 of a subnormal is "-0." + 1074 digits. */
export const RADIX_MAX_UNITS: i32 = 1100;

const BUFFER_UNITS: i32 = 2200;
const MID: i32 = BUFFER_UNITS / 2;
const buffer = memory.data(BUFFER_UNITS << 1); // UTF-16; the point starts at MID

// @ts-ignore: decorator
@inline function put(i: i32, c: u32): void { store<u16>(buffer + (<usize>i << 1), <u16>c); }
// @ts-ignore: decorator
@inline function at(i: i32): u32 { return <u32>load<u16>(buffer + (<usize>i << 1)); }
// @ts-ignore: decorator
@inline function digitChar(d: i32): u32 { return d < 10 ? Char._0 + d : Char.a + d - 10; }

/** The next double above a positive finite x (Infinity above the largest). */
// @ts-ignore: decorator
@inline function nextUp(x: f64): f64 { return reinterpret<f64>(reinterpret<u64>(x) + 1); }

/** x.toString(radix) as UTF-16 at `buf` (room for RADIX_MAX_UNITS); radix in [2, 36]. */
export function formatRadix(buf: usize, x: f64, radix: i32): i32 {
  if (radix == 10 || x != x || x == Infinity || x == -Infinity || x == 0) {
    return formatNumber(buf, x);
  }
  let integerCursor = MID;
  let fractionCursor = MID;
  const negative = x < 0;
  let value = negative ? -x : x;

  // Split the value into an integer part and a fractional part.
  let integer = Math.floor(value);
  let fraction = value - integer;
  // Only compute fractional digits up to the input double's precision.
  let delta = 0.5 * (nextUp(value) - value);
  delta = Math.max(reinterpret<f64>(1), delta);
  if (fraction >= delta) {
    put(fractionCursor++, Char.DOT);
    do {
      // Shift up by one digit.
      fraction *= radix;
      delta *= radix;
      const digit = <i32>fraction;
      put(fractionCursor++, digitChar(digit));
      fraction -= digit;
      // Round to even.
      if (fraction > 0.5 || (fraction == 0.5 && (digit & 1) != 0)) {
        if (fraction + delta > 1) {
          // Back-trace already written digits in case of carry-over.
          while (true) {
            fractionCursor--;
            if (fractionCursor == MID) {
              // Carry over to the integer part (the '.' is dropped).
              integer += 1;
              break;
            }
            const c = at(fractionCursor);
            const d = c > <u32>Char._9 ? <i32>(c - Char.a + 10) : <i32>(c - Char._0);
            if (d + 1 < radix) {
              put(fractionCursor++, digitChar(d + 1));
              break;
            }
          }
          break;
        }
      }
    } while (fraction >= delta);
  }

  // Integer digits; those beyond the double's precision (quotient >= 2^53) are zeros.
  while (<i32>((reinterpret<u64>(integer / radix) >> 52) & 0x7ff) - 1075 > 0) {
    integer /= radix;
    put(--integerCursor, Char._0);
  }
  do {
    const remainder = integer % <f64>radix;
    put(--integerCursor, digitChar(<i32>remainder));
    integer = (integer - remainder) / radix;
  } while (integer > 0);

  if (negative) put(--integerCursor, Char.MINUS);
  const n = fractionCursor - integerCursor;
  memory.copy(buf, buffer + (<usize>integerCursor << 1), <usize>n << 1);
  return n;
}
