// Exact, case-sensitive lookup of a UTF-8 topic among the source topics:
// an open-addressing hash table built once at configure time.

let slots: usize = 0;        // capacity × (u32 hash, i32 alias)
let mask: u32 = 0;
let topicPtrs: usize = 0;    // alias -> topic bytes
let topicLens: usize = 0;    // alias -> topic length

/**
 * A 32-bit hash of the bytes: 16-byte blocks as two independent lanes of
 * xor-then-multiply (the splitmix64 finaliser's constants; each step is a
 * bijection of the lane, and two lanes halve the dependency chain), the last
 * block being the 16 bytes that end at the end (it may overlap the one before;
 * the length is hashed too), then the finaliser. Below 16 bytes: the first and
 * the last word, below 8 the bytes. Unaligned u64 loads are fine in wasm.
 * Reads only [ptr, ptr+len). tests/fuzz/raw.mjs topicHash mirrors it.
 */
export function hashBytes(ptr: usize, len: usize): u32 {
  let a: u64 = 0x9e3779b97f4a7c15 ^ <u64>len;
  let b: u64 = 0xc2b2ae3d27d4eb4f;
  if (len >= 16) {
    const last = ptr + len - 16;
    for (let p = ptr; p < last; p += 16) {
      a = (a ^ load<u64>(p)) * 0xbf58476d1ce4e5b9;
      b = (b ^ load<u64>(p, 8)) * 0x94d049bb133111eb;
    }
    a = (a ^ load<u64>(last)) * 0xbf58476d1ce4e5b9;
    b = (b ^ load<u64>(last, 8)) * 0x94d049bb133111eb;
  } else if (len >= 8) {
    a = (a ^ load<u64>(ptr)) * 0xbf58476d1ce4e5b9;
    b = (b ^ load<u64>(ptr + len - 8)) * 0x94d049bb133111eb;
  } else {
    let t: u64 = 0;
    for (let i: usize = 0; i < len; i++) t |= <u64>load<u8>(ptr + i) << (<u64>i << 3);
    b = (b ^ t) * 0x94d049bb133111eb;
  }
  let h = a ^ rotr<u64>(b, 29);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9;
  h ^= h >> 29;
  h *= 0x94d049bb133111eb;
  h ^= h >> 32;
  return <u32>h;
}

/**
 * Whether [a, a+len) and [b, b+len) hold the same bytes: the 16 bytes that end
 * at the end first (topics that differ mostly differ near the end: ids,
 * measurement names), then 16-byte blocks from the start (the last may overlap
 * the first one compared); short ones by words.
 */
function sameBytes(a: usize, b: usize, len: usize): bool {
  if (len >= 16) {
    const d = b - a, last = a + len - 16;
    if (differ16(last, last + d)) return false;
    for (let p = a; p < last; p += 16) if (differ16(p, p + d)) return false;
    return true;
  }
  if (len >= 8) return ((load<u64>(a) ^ load<u64>(b)) | (load<u64>(a + len - 8) ^ load<u64>(b + len - 8))) == 0;
  for (let i: usize = 0; i < len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

// @ts-ignore: decorator
@inline function differ16(p: usize, q: usize): bool {
  // Offset 8 first: wazero then checks each base's bounds once.
  return ((load<u64>(p, 8) ^ load<u64>(q, 8)) | (load<u64>(p) ^ load<u64>(q))) != 0;
}

/** Copy a string's UTF-8 bytes into raw memory; returns the pointer (length via String.UTF8.byteLength). */
export function utf8Copy(s: string): usize {
  const buf = String.UTF8.encode(s);
  const n = <usize>buf.byteLength;
  const p = heap.alloc(n > 0 ? n : 1);
  memory.copy(p, changetype<usize>(buf), n);
  return p;
}

/** Build the table; topics[i] is the topic of alias i. Returns the index of a
 * topic that repeats an earlier one (its first owner via `duplicateOf`), or -1. */
export let duplicateOf: i32 = -1;
export function buildTopicTable(topics: string[]): i32 {
  const n = topics.length;
  let cap: u32 = 8;
  while (cap < <u32>(n * 2)) cap <<= 1;
  mask = cap - 1;
  slots = heap.alloc(<usize>cap << 3);
  memory.fill(slots, 0xff, <usize>cap << 3); // alias -1 marks an empty slot
  topicPtrs = heap.alloc(<usize>max(n, 1) << 2);
  topicLens = heap.alloc(<usize>max(n, 1) << 2);
  for (let a = 0; a < n; a++) {
    const len = String.UTF8.byteLength(topics[a]);
    const p = utf8Copy(topics[a]);
    store<u32>(topicPtrs + (<usize>a << 2), <u32>p);
    store<u32>(topicLens + (<usize>a << 2), <u32>len);
    const existing = lookupTopic(p, len);
    if (existing >= 0) { duplicateOf = existing; return a; }
    const h = hashBytes(p, len);
    let i = h & mask;
    while (load<i32>(slots + (<usize>i << 3), 4) >= 0) i = (i + 1) & mask;
    store<u32>(slots + (<usize>i << 3), h);
    store<i32>(slots + (<usize>i << 3), a, 4);
  }
  return -1;
}

// The alias found last, with its topic's bytes and length (no table loads to
// reach them): a stream often repeats its topic, and comparing with that one
// topic first costs less than hashing (a few operations when it differs).
let lastFound: i32 = -1;
let lastPtr: usize = 0;
let lastLen: usize = 0;

/** Alias index of the topic at [ptr, ptr+len), or -1. Allocates nothing. */
export function lookupTopic(ptr: usize, len: usize): i32 {
  if (slots == 0) return -1;
  if (lastFound >= 0 && len == lastLen && sameBytes(lastPtr, ptr, len)) return lastFound;
  const h = hashBytes(ptr, len);
  let i = h & mask;
  while (true) {
    const e = slots + (<usize>i << 3);
    const a = load<i32>(e, 4);
    if (a < 0) return -1;
    if (load<u32>(e) == h) {
      const off = <usize>a << 2;
      if (<usize>load<u32>(topicLens + off) == len &&
          sameBytes(<usize>load<u32>(topicPtrs + off), ptr, len)) {
        lastFound = a;
        lastPtr = <usize>load<u32>(topicPtrs + off);
        lastLen = len;
        return a;
      }
    }
    i = (i + 1) & mask;
  }
  return -1;
}

export function topicPtr(alias: i32): usize { return <usize>load<u32>(topicPtrs + (<usize>alias << 2)); }
export function topicLen(alias: i32): i32 { return load<i32>(topicLens + (<usize>alias << 2)); }
