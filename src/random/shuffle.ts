/**
 * Fisher–Yates shuffles and random permutations: the full shuffle, and the one partial Fisher–Yates behind sampling
 * without replacement, betweenness pivots and the overload model's forced supernode loss.
 *
 * @module
 */
import { checkInteger } from '../errors.ts';
import { hasPlainDraws, type Rng, shuffleInt32InPlace } from './stream.ts';

/**
 * Anything indexable and writable with a length: arrays and typed arrays.
 *
 * @category Streams
 */
export interface MutableArrayLike<T> {
  readonly length: number;
  [index: number]: T;
}

/**
 * Shuffle an array or typed array in place, every permutation equally likely.
 *
 * @param rng - the random stream.
 * @param array - the array to shuffle (modified).
 * @returns the same array.
 *
 * @complexity O(n) time, O(1) extra memory; n − 1 calls to `rng.int`.
 *
 * @model for i = n−1 down to 1, swap a[i] with a[j], j uniform in [0, i].
 *
 * @references R. Durstenfeld, "Algorithm 235: Random permutation", Commun. ACM 7 (1964) 420,
 * doi:10.1145/364520.364540; D. E. Knuth, *TAOCP* vol. 2, §3.4.2, Algorithm P.
 *
 * @example
 * ```ts
 * shuffleInPlace(stream(1), [1, 2, 3, 4]);
 * ```
 *
 * @category Streams
 */
export function shuffleInPlace<T, A extends MutableArrayLike<T>>(rng: Rng, array: A): A {
  // Int32Array (every permutation and removal order): the same draws in a monomorphic loop, several times faster.
  if (array instanceof Int32Array && hasPlainDraws(rng)) return shuffleInt32InPlace(rng, array) as unknown as A;
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}

/**
 * A uniformly random permutation of 0..n−1.
 *
 * @param rng - the random stream.
 * @param n - the length, an integer in [0, 2^31 − 1].
 * @returns an Int32Array holding each of 0..n−1 once.
 * @throws FragilityInputError (`n`).
 *
 * @complexity O(n).
 *
 * @model the identity, shuffled by Fisher–Yates ({@link shuffleInPlace}).
 *
 * @references Durstenfeld, Commun. ACM 7 (1964) 420, doi:10.1145/364520.364540.
 *
 * @example
 * ```ts
 * randomPermutation(stream(1), 5); // e.g. Int32Array [3, 0, 4, 1, 2]
 * ```
 *
 * @category Streams
 */
export function randomPermutation(rng: Rng, n: number): Int32Array {
  checkInteger('n', n, 0, 0x7fffffff);
  return shuffleInPlace(rng, identityPermutation(n));
}

/**
 * Shuffle the first k places of `a` uniformly (partial Fisher–Yates): for i = 0 … k−1, swap a[i] with a[j], j uniform
 * in [i, n). Afterwards a[0 … k) is a uniform k-sample of the entries, in uniform order. `onPick(a[i], i)` is called
 * right after place i is fixed, before the next draw (callers that draw from the same stream in between keep
 * their order of draws).
 *
 * @param rng - the random stream (one `rng.int` per place).
 * @param a - the array, shuffled in place.
 * @param k - places to fix, 0 ≤ k ≤ a.length (not checked: an internal kernel).
 * @param onPick - optional, called with each picked entry and its place.
 * @returns `a`.
 *
 * @complexity O(k) time, no memory.
 *
 * @model Durstenfeld's shuffle stopped after k steps.
 *
 * @references R. Durstenfeld, Commun. ACM 7, 420 (1964), doi:10.1145/364520.364540; D. E. Knuth, TAOCP vol. 2,
 * §3.4.2, algorithm P.
 *
 * @example
 * ```ts
 * partialShuffle(stream(1), Int32Array.of(0, 1, 2, 3, 4), 2).subarray(0, 2); // two distinct values of 0..4
 * ```
 */
export function partialShuffle<A extends MutableArrayLike<number>>(
  rng: Rng,
  a: A,
  k: number,
  onPick?: (value: number, place: number) => void,
): A {
  const n = a.length;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
    if (onPick) onPick(a[i], i);
  }
  return a;
}

/**
 * The identity permutation 0 … n−1.
 *
 * @param n - length.
 * @returns Int32Array [0, 1, …, n−1].
 *
 * @complexity O(n).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * identityPermutation(3); // Int32Array [0, 1, 2]
 * ```
 */
export function identityPermutation(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}
