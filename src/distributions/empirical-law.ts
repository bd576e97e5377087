/**
 * Empirical degree laws: from a degree sequence, from a graph, or from (degree, weight) pairs.
 *
 * @module
 */
import { checkInteger, FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { DegreeLaw } from './types.ts';
import { degreeLawFromPmf, formatSpecNumber, MAX_DEGREE_SUPPORT } from './degree-law.ts';

/**
 * The law with p_k ∝ w_k for given (k, w_k) pairs (repeated degrees add up).
 *
 * @param pairs - (degree, weight) pairs: degrees integers in [0, 1e7], weights finite >= 0, positive total.
 * @returns the law, spec `empirical(k1:w1,k2:w2,…)` listing the positive weights by increasing degree.
 * @throws FragilityInputError (`law.degrees[i]`, `law.weights[i]`, `law.weights`).
 *
 * @complexity O(#pairs + max k).
 *
 * @model p_k = w_k / Σ_j w_j.
 *
 * @references Newman, Strogatz & Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * empiricalLawFromWeights([[1, 2], [3, 2]]).mean; // 2
 * ```
 *
 * @category Degree laws
 */
export function empiricalLawFromWeights(pairs: ReadonlyArray<readonly [number, number]>): DegreeLaw {
  if (pairs.length === 0) throw new FragilityInputError('law.degrees', 0, 'at least one degree');
  let kmax = 0;
  pairs.forEach(([k, w], i) => {
    checkInteger(`law.degrees[${i}]`, k, 0, MAX_DEGREE_SUPPORT);
    if (!(w >= 0 && w < Infinity)) throw new FragilityInputError(`law.weights[${i}]`, w, 'a finite number >= 0');
    kmax = Math.max(kmax, k);
  });
  const w = new Float64Array(kmax + 1);
  for (const [k, x] of pairs) w[k] += x;
  return fromCounts(w, 'law.weights');
}

function fromCounts(w: Float64Array, field: string): DegreeLaw {
  const parts: string[] = [];
  for (let k = 0; k < w.length; k++) if (w[k] > 0) parts.push(`${k}:${formatSpecNumber(w[k])}`);
  if (parts.length === 0) throw new FragilityInputError(field, 0, 'weights with a positive total');
  return degreeLawFromPmf(`empirical(${parts.join(',')})`, w, 0, { field });
}

/**
 * The empirical law of a degree sequence: p_k = (number of entries equal to k) / n.
 *
 * @param degrees - a non-empty sequence of integers in [0, 1e7].
 * @returns the law, spec `empirical(k1:count1,…)`.
 * @throws FragilityInputError (`degrees`, `degrees[i]`).
 *
 * @complexity O(n + max degree).
 *
 * @model p_k = #{i : d_i = k} / n.
 *
 * @references Newman, Strogatz & Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * empiricalDegreeLaw([1, 1, 2, 4]).pmf(1); // 0.5
 * ```
 *
 * @category Degree laws
 */
export function empiricalDegreeLaw(degrees: ArrayLike<number>): DegreeLaw {
  const n = degrees.length;
  if (n === 0) throw new FragilityInputError('degrees', 0, 'a non-empty degree sequence');
  let kmax = 0;
  for (let i = 0; i < n; i++) {
    const d = degrees[i];
    if (!(Number.isInteger(d) && d >= 0 && d <= MAX_DEGREE_SUPPORT)) {
      throw new FragilityInputError(`degrees[${i}]`, d, `an integer in [0, ${MAX_DEGREE_SUPPORT}]`);
    }
    if (d > kmax) kmax = d;
  }
  const counts = new Float64Array(kmax + 1);
  for (let i = 0; i < n; i++) counts[degrees[i]]++;
  return fromCounts(counts, 'degrees');
}

/**
 * The empirical degree law of a graph (self-loops count 2, parallel edges once each, as in CompactGraph).
 *
 * @param graph - a graph with at least one node.
 * @returns the law, spec `empirical(k1:count1,…)`.
 * @throws FragilityInputError (`graph.n`) for an empty graph.
 *
 * @complexity O(n + max degree).
 *
 * @model p_k = #{u : deg(u) = k} / n.
 *
 * @references Newman, Strogatz & Watts, Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * graphDegreeLaw(CompactGraph.fromPairs(3, [[0, 1], [1, 2]])).mean; // 1.3333333333 (4/3)
 * ```
 *
 * @category Degree laws
 */
export function graphDegreeLaw(graph: CompactGraph): DegreeLaw {
  if (graph.n === 0) throw new FragilityInputError('graph.n', 0, 'a graph with at least one node');
  return empiricalDegreeLaw(graph.degrees());
}
