// Math.random: xorshift128+ exactly as V8 (src/numbers/math-random.cc,
// base/utils/random-number-generator.h), deterministic per seed. The host passes
// the seed at configure time (the module imports nothing, so no entropy source).

let state0: u64 = 1;
let state1: u64 = 2;

// splitmix64 step (Steele, Lea, Flood 2014): spreads any seed, including 0,
// over both state words so they are never both zero in practice.
let mixState: u64 = 0;
function splitmix64(): u64 {
  mixState += 0x9e3779b97f4a7c15;
  let z = mixState;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Reset the generator; the same seed gives the same sequence. */
export function seedRandom(seed: u64): void {
  mixState = seed;
  state0 = splitmix64();
  state1 = splitmix64();
  if ((state0 | state1) == 0) state1 = 1; // xorshift must not start at all zeros
}

/** The generator's two state words, for a state snapshot. */
export function randomState0(): u64 { return state0; }
export function randomState1(): u64 { return state1; }

/** Continue from a snapshot's generator state (not both zero). */
export function setRandomState(s0: u64, s1: u64): void {
  state0 = s0;
  state1 = s1;
}

/** Next value in [0, 1): V8's XorShift128 then ToDouble (top 52 bits as mantissa). */
export function nextRandom(): f64 {
  let s1 = state0;
  const s0 = state1;
  state0 = s0;
  s1 ^= s1 << 23;
  s1 ^= s1 >> 17;
  s1 ^= s0;
  s1 ^= s0 >> 26;
  state1 = s1;
  // Exponent bits of [1, 2), then subtract 1 (V8 ToDouble uses state0).
  return reinterpret<f64>((state0 >> 12) | 0x3ff0000000000000) - 1.0;
}
