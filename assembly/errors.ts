// Error codes shared by the pipeline, the JSON reader and the expression VM
// (docs/ABI.md "Error codes"; never reuse a code), and one static buffer for the
// message of the error being raised, so that raising an error allocates nothing.

export const enum ErrorCode {
  None = 0,
  InvalidJson = 1,
  MissingValue = 2,
  InvalidValueType = 3,
  InvalidTimestamp = 4,
  PayloadTooLarge = 5,
  StringTooLong = 6,
  NonFiniteResult = 10,
  NullishResult = 11,
  TypeError = 12,
  StringLimit = 13,
  MemoryLimit = 14,
  RangeError = 15,
  NonScalarResult = 16,
  SyntaxError = 18,
  BadFrame = 20,
  ConfigInvalid = 30,
  ConfigLimit = 31,
  SnapshotInvalid = 80,
}

const MESSAGE_CAPACITY: i32 = 512;
const message = memory.data(MESSAGE_CAPACITY);
let messageLen: i32 = 0;

/** Start a new message. */
export function errBegin(): void { messageLen = 0; }

/** Append a string as UTF-8 (a surrogate pair as one code point); truncates at capacity. */
export function errText(s: string): void {
  errUnits(changetype<usize>(s), s.length);
}

/** Append `n` UTF-16 code units at `p` as UTF-8: a pair is one 4-byte character, a lone surrogate U+FFFD. */
export function errUnits(p: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const c = <u32>load<u16>(p + (<usize>i << 1));
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = <u32>load<u16>(p + (<usize>(i + 1) << 1));
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        errByte(0xf0 | (cp >> 18)); errByte(0x80 | ((cp >> 12) & 63)); errByte(0x80 | ((cp >> 6) & 63)); errByte(0x80 | (cp & 63));
        i++;
        continue;
      }
    }
    errCodeUnit(c);
  }
}

/** Append one UTF-16 code unit as UTF-8 (a lone surrogate becomes U+FFFD). */
export function errCodeUnit(u: u32): void {
  if (u >= 0xd800 && u < 0xe000) u = 0xfffd;
  if (u < 0x80) errByte(u);
  else if (u < 0x800) { errByte(0xc0 | (u >> 6)); errByte(0x80 | (u & 63)); }
  else { errByte(0xe0 | (u >> 12)); errByte(0x80 | ((u >> 6) & 63)); errByte(0x80 | (u & 63)); }
}

/** Append a raw byte. */
export function errByte(b: u32): void {
  if (messageLen < MESSAGE_CAPACITY) { store<u8>(message + <usize>messageLen, <u8>b); messageLen++; }
}

/** Append UTF-8 bytes from memory. */
export function errBytes(ptr: usize, len: i32): void {
  for (let i = 0; i < len; i++) errByte(load<u8>(ptr + <usize>i));
}

/** Append a decimal integer. */
export function errInt(n: i64): void {
  if (n < 0) { errByte(45); n = -n; }
  let div: i64 = 1;
  while (div <= n / 10) div *= 10;
  while (div > 0) { errByte(<u32>(48 + (n / div) % 10)); div /= 10; }
}

/** Convenience: set the whole message to one string and return `code`. */
export function raise(code: ErrorCode, text: string): i32 {
  errBegin();
  errText(text);
  return code;
}

export function errPtr(): usize { return message; }
export function errLen(): i32 { return messageLen; }
