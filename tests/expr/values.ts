// Values every operator and built-in is tried on: the corners of JS coercion.
import type { Prim } from "./harness";

export const VALUES: Prim[] = [
  0, -0, 1, -1, 0.5, -0.5, 1.5, -2.5, 3, 42, 0.1, NaN, Infinity, -Infinity,
  2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53),
  5e-324, 1e-7, 1e21, 1.7976931348623157e308, 123.456, -1e300,
  "", " ", "  12  ", "0", "-0", "1", "12", "1.5", "0x1f", "0b101", "0o17", "1e3", "-1e3", ".5", "5.",
  "abc", "Infinity", "-Infinity", "NaN", "null", "true", "\u00e9t\u00e9", "\u00df", "\ud83d\ude00", "\ud800", "\t\n 7 \u00a0",
  "a", "b", "B", "aa", "ab", "10", "9", "1,2,3",
  true, false, null, undefined,
];
