/**
 * Fisher–Yates shuffles and random permutations.
 *
 * @module
 */
import { checkInteger } from '../errors.ts';
import type { Rng } from './stream.ts';

/** Anything indexable and writable with a length: arrays and typed arrays. */
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
 * **Complexity**: O(n) time, O(1) extra memory; n − 1 calls to `rng.int`.
 *
 * **Model**: for i = n−1 down to 1, swap a[i] with a[j], j uniform in [0, i].
 *
 * **References**: R. Durstenfeld, "Algorithm 235: Random permutation", Commun. ACM 7 (1964) 420,
 * doi:10.1145/364520.364540; D. E. Knuth, *TAOCP* vol. 2, §3.4.2, Algorithm P.
 *
 * @example
 * ```ts
 * shuffleInPlace(stream(1), [1, 2, 3, 4]);
 * ```
 */
export function shuffleInPlace<T, A extends MutableArrayLike<T>>(rng: Rng, array: A): A {
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
 * **Complexity**: O(n).
 *
 * **Model**: the identity, shuffled by Fisher–Yates ({@link shuffleInPlace}).
 *
 * **References**: Durstenfeld, Commun. ACM 7 (1964) 420, doi:10.1145/364520.364540.
 *
 * @example
 * ```ts
 * randomPermutation(stream(1), 5); // e.g. Int32Array [3, 0, 4, 1, 2]
 * ```
 */
export function randomPermutation(rng: Rng, n: number): Int32Array {
  checkInteger('n', n, 0, 0x7fffffff);
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return shuffleInPlace(rng, a);
}
