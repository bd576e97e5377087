/**
 * Walker's alias method, built by Vose's algorithm: O(1) draws from a fixed discrete law.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { Rng } from './stream.ts';

/**
 * A table for drawing index i in [0, n) with probability w_i / Σ w in O(1) time.
 *
 * @complexity O(n) to build (time and 12 bytes per entry), O(1) per draw (one 53-bit uniform).
 *
 * @model column i is split between i itself (with probability `prob[i]`) and `alias[i]`; a draw picks a column
 * uniformly and then one of its two owners.
 *
 * @references A. J. Walker, "An efficient method for generating discrete random variables with general
 * distributions", ACM TOMS 3 (1977) 253, doi:10.1145/355744.355749. M. D. Vose, "A linear algorithm for generating
 * random numbers with a given distribution", IEEE TSE 17 (1991) 972, doi:10.1109/32.92917.
 *
 * @example
 * ```ts
 * const table = new AliasTable([0.2, 0.5, 0.3]);
 * const i = table.sample(stream(1)); // i is 1 with probability 0.5
 * ```
 *
 * @category Samplers
 */
export class AliasTable {
  /** Number of outcomes. */
  readonly size: number;
  /** Probability of keeping column i (instead of taking its alias). */
  readonly prob: Float64Array;
  /** The alias of column i. */
  readonly alias: Int32Array;

  /**
   * @param weights - non-negative finite weights, not all zero (they need not sum to 1); at most 2^31 − 1 of them.
   * @throws FragilityInputError (`weights`) for an empty list, a negative or non-finite weight, or a zero total.
   */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0 || n > 0x7fffffff) throw new FragilityInputError('weights', n, 'a non-empty list of weights');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0 && w < Infinity)) {
        throw new FragilityInputError(`weights[${i}]`, w, 'a finite number >= 0');
      }
      total += w;
    }
    if (!(total > 0 && total < Infinity)) {
      throw new FragilityInputError('weights', total, 'weights with a positive finite total');
    }
    this.size = n;
    const prob = new Float64Array(n);
    const alias = new Int32Array(n);
    const scale = n / total;
    // Work stacks: small (< 1) grow from the front, large (>= 1) from the back of one buffer.
    const work = new Int32Array(n);
    let nSmall = 0;
    let largeStart = n;
    for (let i = 0; i < n; i++) {
      const p = weights[i] * scale;
      prob[i] = p;
      if (p < 1) work[nSmall++] = i;
      else work[--largeStart] = i;
    }
    while (nSmall > 0 && largeStart < n) {
      const s = work[--nSmall];
      const l = work[largeStart];
      alias[s] = l;
      const rest = prob[l] + prob[s] - 1;
      prob[l] = rest;
      if (rest < 1) {
        // l moves from the large stack to the small one (the small stack's top slot is free).
        largeStart++;
        work[nSmall++] = l;
      }
    }
    // Whatever is left is 1 up to rounding.
    while (largeStart < n) {
      const l = work[largeStart++];
      prob[l] = 1;
      alias[l] = l;
    }
    while (nSmall > 0) {
      const s = work[--nSmall];
      prob[s] = 1;
      alias[s] = s;
    }
    this.prob = prob;
    this.alias = alias;
  }

  /**
   * One index drawn with probability proportional to its weight.
   * @param rng - the random stream.
   * @returns an integer in [0, size).
   */
  sample(rng: Rng): number {
    const u = rng.next() * this.size;
    const i = Math.floor(u);
    return u - i < this.prob[i] ? i : this.alias[i];
  }

  /**
   * Fill `out` with independent draws plus `offset` (allocation-free; draw i equals the i-th `sample` call).
   * @param rng - the random stream.
   * @param out - the array to fill.
   * @param offset - added to every index (default 0), e.g. the smallest degree of a law.
   * @returns `out`.
   */
  sampleInto(rng: Rng, out: Int32Array, offset = 0): Int32Array {
    const n = this.size;
    const prob = this.prob;
    const alias = this.alias;
    for (let j = 0; j < out.length; j++) {
      const u = rng.next() * n;
      const i = Math.floor(u);
      out[j] = (u - i < prob[i] ? i : alias[i]) + offset;
    }
    return out;
  }
}
