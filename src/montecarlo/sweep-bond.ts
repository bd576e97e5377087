/**
 * Newman–Ziff bond percolation sweep.
 *
 * @module
 */
import type { CompactGraph } from '../graph/compact-graph.ts';
import { STREAM_BLOCK, bondKernel, sweepArrays, type SweepSink } from './sweep-kernel.ts';
import type { SweepResult } from './sweep-result.ts';
import { validateOrder } from './validate-order.ts';

/**
 * Options of {@link sweepBond}.
 *
 * @category Sweeps
 */
export interface SweepBondOptions {
  /** Check that the edge order is a permutation of 0..m-1 (default true; O(m)). */
  validate?: boolean;
}

/**
 * Bond percolation by the Newman–Ziff algorithm: all n nodes are present from the start as singletons and edges are
 * ADDED in the reverse of the removal `edgeOrder`; after every addition the observables are recorded.
 *
 * Index k is the configuration with k edges present (the last k of `edgeOrder`), occupation q = k/m; at k = 0 every
 * node is an isolated cluster (largest = 1 when n ≥ 1), at k = m the graph is intact. Self-loops and parallel
 * copies of an edge are additions that change nothing.
 *
 * @param g - the graph.
 * @param edgeOrder - edge removal order (first removed first), a permutation of the edge ids 0..m-1 (edge e joins
 *   `g.edgeSource[e]`–`g.edgeTarget[e]`), e.g. {@link randomEdgeOrder}.
 * @param opts - {@link SweepBondOptions}.
 * @returns the microcanonical observables (arrays of length m + 1).
 * @throws FragilityInputError naming `edgeOrder` when it is not a permutation.
 *
 * @complexity O(n + m·α(n)) time, arrays allocated once, no allocation per step; union–find with parent and size
 * in one Int32Array, endpoints gathered 64 Ki edges at a time (src/montecarlo/sweep-kernel.ts).
 *
 * @model bond percolation: P(edge present) = t; S(t) = Σ_k B(m, k, t) largest_k / n.
 *
 * @references Newman & Ziff, PRL 85, 4104 (2000), doi:10.1103/PhysRevLett.85.4104; PRE 64, 016706 (2001),
 * doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const g = CompactGraph.fromPairs(3, [[0, 1], [1, 2]]);
 * sweepBond(g, [0, 1]).largest; // Int32Array [1, 2, 3]  (edge 1 added first, then edge 0)
 * ```
 *
 * @category Sweeps
 */
export function sweepBond(g: CompactGraph, edgeOrder: ArrayLike<number>, opts: SweepBondOptions = {}): SweepResult {
  const n = g.n;
  const m = g.m;
  const ord = opts.validate === false ? (edgeOrder as Int32Array) : validateOrder(edgeOrder, m, 'edgeOrder');
  const out = sweepArrays(m);
  bondKernel(n, m, g.edgeSource, g.edgeTarget, ord as Int32Array, out);
  return { mode: 'bond', n, steps: m, ...out };
}

/**
 * {@link sweepBond} streamed: the observables go to `sink` in blocks of {@link STREAM_BLOCK} configurations instead of
 * arrays of length m + 1 (internal to the replicates; same values).
 *
 * @param g - the graph.
 * @param edgeOrder - edge removal order, a permutation of 0..m-1 (validated unless `validate` is false).
 * @param sink - receives the blocks, k ascending.
 * @param validate - false for an order built by this library (an Int32Array permutation by construction).
 */
export function sweepBondStream(g: CompactGraph, edgeOrder: ArrayLike<number>, sink: SweepSink, validate = true): void {
  const ord = validate ? validateOrder(edgeOrder, g.m, 'edgeOrder') : (edgeOrder as Int32Array);
  bondKernel(g.n, g.m, g.edgeSource, g.edgeTarget, ord, sweepArrays(Math.min(STREAM_BLOCK, g.m + 1) - 1), sink);
}
