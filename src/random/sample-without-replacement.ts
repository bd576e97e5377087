/**
 * Uniform samples of k distinct integers.
 *
 * @module
 */
import { checkInteger, FragilityInputError } from '../errors.ts';
import type { Rng } from './stream.ts';
import { identityPermutation, partialShuffle } from './shuffle.ts';

/**
 * k distinct integers drawn uniformly from [0, n) (every k-subset equally likely), in increasing order.
 *
 * Floyd's algorithm (a hash set, O(k) draws) when k <= n/8, otherwise a partial Fisher–Yates shuffle of 0..n−1.
 *
 * @param rng - the random stream.
 * @param n - the population size, an integer in [0, 2^31 − 1].
 * @param k - the sample size, an integer in [0, n].
 * @returns an Int32Array of k distinct values, sorted ascending.
 * @throws FragilityInputError (`n`, `k`).
 *
 * @complexity O(k log k) time and O(k) memory for Floyd, O(n) for the partial shuffle.
 *
 * @model for j = n−k..n−1: t uniform in [0, j]; insert t if new, else insert j.
 *
 * @references J. Bentley, R. Floyd, "Programming pearls: a sample of brilliance", Commun. ACM 30 (1987) 754,
 * doi:10.1145/30401.315746.
 *
 * @example
 * ```ts
 * sampleWithoutReplacement(stream(1), 100, 5).length; // 5 (distinct indices in [0, 100))
 * ```
 *
 * @category Streams
 */
export function sampleWithoutReplacement(rng: Rng, n: number, k: number): Int32Array {
  checkInteger('n', n, 0, 0x7fffffff);
  checkInteger('k', k, 0, Infinity);
  if (k > n) throw new FragilityInputError('k', k, `an integer in [0, n] (n = ${n})`);
  const out = new Int32Array(k);
  if (k === 0) return out;
  if (k <= n / 8) {
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = rng.int(j + 1);
      if (chosen.has(t)) chosen.add(j);
      else chosen.add(t);
    }
    let i = 0;
    for (const v of chosen) out[i++] = v;
  } else {
    out.set(partialShuffle(rng, identityPermutation(n), k).subarray(0, k));
  }
  return out.sort();
}
