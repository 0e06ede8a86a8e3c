// Decimal text of integers for messages. By hand because i32#toString() brings
// AssemblyScript's generic radix printer and its digit tables (~2.5 KB) along.

/** `n` in decimal, e.g. "-42". */
export function intText(n: i64): string {
  if (n == 0) return "0";
  const neg = n < 0;
  let v: u64 = neg ? <u64>(-n) : <u64>n;
  const units = new StaticArray<u16>(20);
  let i = 20;
  while (v != 0) {
    units[--i] = <u16>(48 + <i32>(v % 10));
    v /= 10;
  }
  if (neg) units[--i] = 45;
  return String.UTF16.decodeUnsafe(changetype<usize>(units) + (<usize>i << 1), <usize>(20 - i) << 1);
}
