// Decimal text of integers for messages, through the module's own number printer:
// i32#toString() would bring AssemblyScript's generic radix printer and its digit
// tables (~2.5 KB) along.

import { formatNumber, NUMBER_MAX_UNITS } from "./num/format";

const digits = memory.data(NUMBER_MAX_UNITS << 1);

/** `n` in decimal, e.g. "-42" (exact for |n| < 2^53; callers pass 32-bit values). */
export function intText(n: i64): string {
  const units = formatNumber(digits, <f64>n);
  return String.UTF16.decodeUnsafe(digits, <usize>units << 1);
}
