/**
 * Uniformly random removal orders (random failures).
 *
 * Convention for every order in this folder: an order lists elements from FIRST REMOVED to LAST REMOVED. The
 * Newman–Ziff sweeps add elements in the reverse order, so after k additions the present elements are the last k
 * of the order and the occupation is q = k/n (nodes present / n; edges present / m for bond orders).
 *
 * @module
 */
import { checkInteger } from '../errors.ts';
import type { Rng } from '../random/stream.ts';
import { randomPermutation } from '../random/shuffle.ts';

/**
 * A uniformly random node removal order (random failure of nodes).
 *
 * @param n - number of nodes, an integer >= 0.
 * @param rng - the seeded stream (replicate r of a run uses `stream(seed, r)`).
 * @returns a permutation of 0..n-1, first removed first.
 *
 * @complexity O(n), n − 1 draws.
 *
 * @model every one of the n! orders has probability 1/n! (Fisher–Yates).
 *
 * @references R. A. Fisher, F. Yates (1938); D. Knuth, TAOCP vol. 2, Algorithm P; Newman & Ziff, PRL 85, 4104
 * (2000), doi:10.1103/PhysRevLett.85.4104.
 *
 * @example
 * ```ts
 * const order = randomOrder(g.n, stream(7, 0));
 * const sweep = sweepSite(g, order);
 * ```
 *
 * @category Removal orders
 */
export function randomOrder(n: number, rng: Rng): Int32Array {
  checkInteger('n', n, 0, 0x7fffffff);
  return randomPermutation(rng, n);
}

/**
 * A uniformly random edge removal order (random failure of links, bond percolation).
 *
 * @param m - number of edges, an integer >= 0.
 * @param rng - the seeded stream.
 * @returns a permutation of the edge ids 0..m-1, first removed first.
 *
 * @complexity O(m).
 *
 * @model uniform over the m! edge orders.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const sweep = sweepBond(g, randomEdgeOrder(g.m, stream(7, 0)));
 * ```
 *
 * @category Removal orders
 */
export function randomEdgeOrder(m: number, rng: Rng): Int32Array {
  checkInteger('m', m, 0, 0x7fffffff);
  return randomPermutation(rng, m);
}
