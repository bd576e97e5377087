/**
 * Seeded, splittable random streams.
 *
 * The generator is xoshiro128** (Blackman & Vigna 2018): 128 bits of state, 32-bit outputs, all arithmetic on
 * 32-bit integers so that V8 keeps it in registers. The state of `stream(seed, index)` is filled by SplitMix64 from
 * a hash of the pair (seed, index), so replicate `index` of a run seeded `seed` always draws the same numbers,
 * whatever worker computes it and in whatever order. No global state, no unseeded source.
 *
 * References: D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47 (2021),
 * arXiv:1805.01407. G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

const MASK64 = (1n << 64n) - 1n;

function splitmix64(state: bigint): [bigint, bigint] {
  const s = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [s, z ^ (z >> 31n)];
}

/**
 * A seeded stream of pseudo-random numbers (xoshiro128**). Not cryptographic.
 *
 * @category Streams
 */
export class Rng {
  /** The seed the stream was derived from (echoed in result metadata). */
  readonly seed: number;
  /** The stream index (replicate number) within that seed. */
  readonly index: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Prefer {@link stream} or {@link rngFromSeed}; the constructor is public for subclassing. */
  constructor(seed: number, index = 0) {
    if (!Number.isSafeInteger(seed)) throw new FragilityInputError('seed', seed, 'a safe integer');
    if (!Number.isSafeInteger(index) || index < 0) throw new FragilityInputError('index', index, 'an integer >= 0');
    this.seed = seed;
    this.index = index;
    // Hash (seed, index) into one 64-bit SplitMix state, then draw the 128-bit xoshiro state from it.
    let st = BigInt.asUintN(64, BigInt(seed));
    let h: bigint;
    [st, h] = splitmix64(st);
    st = (h ^ BigInt.asUintN(64, BigInt(index) * 0xd1b54a32d192ed03n)) & MASK64;
    const words: number[] = [];
    for (let i = 0; i < 2; i++) {
      [st, h] = splitmix64(st);
      words.push(Number(h & 0xffffffffn) | 0, Number(h >> 32n) | 0);
    }
    if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1; // the all-zero state is absorbing
    this.s0 = words[0];
    this.s1 = words[1];
    this.s2 = words[2];
    this.s3 = words[3];
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A uniform double in (0, 1]: safe to take the logarithm of. */
  nextOpen(): number {
    return 1 - this.next();
  }

  /**
   * A uniform integer in [0, n), without modulo bias (rejection sampling).
   * @param n - the number of outcomes, an integer in [1, 2^53].
   */
  int(n: number): number {
    if (n <= 0x100000000) {
      if ((n & (n - 1)) === 0 && n <= 0x80000000) return this.nextUint32() & (n - 1);
      if (n >= 1 && n === Math.floor(n)) {
        // The same draws and the same value as the general rule below (reject r >= limit = n·⌊2^32/n⌋, return r mod
        // n), without its two double `%` (fmod, a slow library call): with q = ⌊r/n⌋, r < limit ⟺ (q + 1)·n <= 2^32,
        // and r mod n = r − q·n. Exact: r < 2^32 and n < 2^32 are integers, so r/n lies at least 1/n below the next
        // integer, a relative gap above 2^−33 that rounding (2^−53) cannot cross, and q·n + n < 2^33 is exact.
        for (;;) {
          const r = this.nextUint32();
          const q = Math.floor(r / n);
          if (q * n + n <= 0x100000000) return r - q * n;
        }
      }
      const limit = 0x100000000 - (0x100000000 % n);
      let r = this.nextUint32();
      while (r >= limit) r = this.nextUint32();
      return r % n;
    }
    const limit = 9007199254740992 - (9007199254740992 % n);
    for (;;) {
      const r = Math.floor(this.next() * 9007199254740992);
      if (r < limit) return r % n;
    }
  }

  /** A new independent stream derived from this one's seed and index and a tag (for sub-tasks). */
  fork(tag: number): Rng {
    return new Rng(this.seed, this.index * 1_000_003 + 1 + tag);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The xoshiro128** state words of an {@link Rng} (its private fields), for the kernels of this module. */
interface XoshiroState {
  s0: number;
  s1: number;
  s2: number;
  s3: number;
}

const plainNextUint32 = Rng.prototype.nextUint32;
const plainInt = Rng.prototype.int;

/** Whether `rng` draws with Rng's own `nextUint32` and `int` (no subclass override): the precondition of {@link shuffleInt32InPlace}. Internal. */
export function hasPlainDraws(rng: Rng): boolean {
  return rng.nextUint32 === plainNextUint32 && rng.int === plainInt;
}

/**
 * Fisher–Yates on an Int32Array, the same permutation and the same draws as `shuffleInPlace` (for i = n−1 down to
 * 1, swap a[i] with a[rng.int(i + 1)]), with the generator's four state words held in local variables for the whole
 * loop and written back at the end, and {@link Rng.int}'s rule inlined: one monomorphic loop instead of a method
 * call, four field loads and stores and a polymorphic element access per element. Only for a stream whose `int`
 * and `nextUint32` are Rng's own ({@link hasPlainDraws}): src/random/shuffle.ts checks, and a subclass that
 * overrides them gets the generic loop over its own methods. Internal.
 *
 * @param rng - the stream (with {@link hasPlainDraws}), advanced exactly as by the generic loop.
 * @param a - the array, shuffled in place.
 * @returns `a`.
 */
export function shuffleInt32InPlace(rng: Rng, a: Int32Array): Int32Array {
  const st = rng as unknown as XoshiroState;
  let s0 = st.s0;
  let s1 = st.s1;
  let s2 = st.s2;
  let s3 = st.s3;
  for (let i = a.length - 1; i > 0; i--) {
    const n = i + 1;
    const pow2 = (n & i) === 0 && n <= 0x80000000;
    let j: number;
    for (;;) {
      // nextUint32(), as in the class
      const x = Math.imul(s1, 5);
      const r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const shifted = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= shifted;
      s3 = (s3 << 11) | (s3 >>> 21);
      // int(n), as in the class (n is an integer in [2, 2^32])
      if (pow2) {
        j = r & i;
        break;
      }
      const q = Math.floor(r / n);
      if (q * n + n <= 0x100000000) {
        j = r - q * n;
        break;
      }
    }
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  st.s0 = s0;
  st.s1 = s1;
  st.s2 = s2;
  st.s3 = s3;
  return a;
}

/**
 * The stream of replicate `index` for `seed`. Streams with different (seed, index) pairs are statistically
 * independent; the same pair always gives the same numbers.
 *
 * @example
 * ```ts
 * const a = stream(42, 3).next();
 * const b = stream(42, 3).next();
 * // a === b
 * ```
 *
 * @category Streams
 */
export function stream(seed: number, index = 0): Rng {
  return new Rng(seed, index);
}

/**
 * A stream from a seed alone: the same stream as `stream(seed, 0)`, kept for older callers. New code calls
 * {@link stream} (the one way to make a stream: docs/DESIGN.md, "Vocabulary").
 *
 * @category Streams
 */
export function rngFromSeed(seed: number): Rng {
  return new Rng(seed, 0);
}
