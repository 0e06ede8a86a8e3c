// Exact, case-sensitive lookup of a UTF-8 topic among the source topics:
// an open-addressing hash table built once at configure time.

let slots: usize = 0;        // capacity × (u32 hash, i32 alias)
let mask: u32 = 0;
let topicPtrs: usize = 0;    // alias -> topic bytes
let topicLens: usize = 0;    // alias -> topic length

/** 32-bit FNV-1a over 4-byte words then bytes, finished with a murmur3 mix. */
export function hashBytes(ptr: usize, len: usize): u32 {
  let h: u32 = 0x811c9dc5;
  let i: usize = 0;
  for (; i + 4 <= len; i += 4) h = (h ^ load<u32>(ptr + i)) * 0x01000193;
  for (; i < len; i++) h = (h ^ <u32>load<u8>(ptr + i)) * 0x01000193;
  h ^= <u32>len;
  h ^= h >> 16; h *= 0x85ebca6b; h ^= h >> 13; h *= 0xc2b2ae35; h ^= h >> 16;
  return h;
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

/** Alias index of the topic at [ptr, ptr+len), or -1. Allocates nothing. */
export function lookupTopic(ptr: usize, len: usize): i32 {
  if (slots == 0) return -1;
  const h = hashBytes(ptr, len);
  let i = h & mask;
  while (true) {
    const e = slots + (<usize>i << 3);
    const a = load<i32>(e, 4);
    if (a < 0) return -1;
    if (load<u32>(e) == h) {
      const off = <usize>a << 2;
      if (<usize>load<u32>(topicLens + off) == len &&
          memory.compare(<usize>load<u32>(topicPtrs + off), ptr, len) == 0) return a;
    }
    i = (i + 1) & mask;
  }
  return -1;
}

export function topicPtr(alias: i32): usize { return <usize>load<u32>(topicPtrs + (<usize>alias << 2)); }
export function topicLen(alias: i32): i32 { return load<i32>(topicLens + (<usize>alias << 2)); }
