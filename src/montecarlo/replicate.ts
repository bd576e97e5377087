/**
 * One Monte Carlo replicate: draw (or take) the graph, draw the removal order, sweep, and reduce the sweep to its
 * canonical averages on the requested q grid. The same function runs in process and inside the worker threads, so
 * replicate r gives bit-identical numbers wherever it runs.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { type Rng, stream } from '../random/stream.ts';
import { adaptiveDegreeOrder } from './adaptive-degree-order.ts';
import { betweennessOrder } from './betweenness-order.ts';
import { CanonicalAccumulator, canonicalObservables } from './canonical.ts';
import { degreeOrder } from './degree-order.ts';
import { largestGapOccupation } from './largest-gap.ts';
import { randomEdgeOrder, randomOrder } from './random-order.ts';
import { supernodesFirstOrder } from './supernodes-first-order.ts';
import { sweepBond, sweepBondStream } from './sweep-bond.ts';
import type { SweepResult } from './sweep-result.ts';
import { sweepSite, sweepSiteStream } from './sweep-site.ts';
import { type LatticeGeometry, type WrappingSweep, sweepBondWrapping, sweepSiteWrapping } from './sweep-wrapping.ts';

/**
 * Names of the built-in removal orders.
 *
 * @category Ensembles
 */
export const REMOVAL_ORDER_NAMES = [
  'random',
  'degree',
  'adaptive-degree',
  'betweenness',
  'adaptive-betweenness',
  'supernodes-first',
] as const;
/**
 * A built-in removal order.
 *
 * @category Ensembles
 */
export type RemovalOrderName = (typeof REMOVAL_ORDER_NAMES)[number];
/**
 * Percolation mode.
 *
 * @category Ensembles
 */
export type SweepMode = 'site' | 'bond';

/**
 * What a replicate needs besides its graph. Plain data: it crosses the worker boundary.
 *
 * @category Ensembles
 */
export interface ReplicateSpec {
  /** Replicate index r: its stream is `stream(seed, r)`. */
  r: number;
  /** The run's seed. */
  seed: number;
  /** Site or bond. */
  mode: SweepMode;
  /** A built-in order, or `'custom'` with `customOrder`. */
  order: RemovalOrderName | 'custom';
  /** Occupation probabilities at which canonical averages are returned. */
  qs: ArrayLike<number>;
  /** Return the microcanonical largest-cluster sequence too (for per-k means and variances). */
  microcanonical?: boolean;
  /** Betweenness orders: pivots (omitted = exact). */
  betweennessSamples?: number;
  /** Also run the wrapping kernel on this periodic lattice (same order) for the wrapping estimator. */
  wrapping?: LatticeGeometry;
}

/**
 * The compact result of one replicate (what is checkpointed).
 *
 * @category Ensembles
 */
export interface ReplicateResult {
  /** Replicate index. */
  r: number;
  /** Nodes of this replicate's graph. */
  n: number;
  /** Sweep length (n site, m bond). */
  steps: number;
  /** Canonical giant fraction at each q of the spec. */
  giant: Float64Array;
  /** Canonical second-largest fraction. */
  second: Float64Array;
  /** Canonical susceptibility (Σ s² − L²)/n. */
  susceptibility: Float64Array;
  /** Occupation of the largest single jump of the largest cluster ({@link largestGapOccupation}). */
  gapQ: number;
  /** Microcanonical largest-cluster sizes (only with `microcanonical`). */
  largest?: Int32Array;
  /** First step at which a cluster wraps along each axis (only with `wrapping`; see {@link WrappingSweep}). */
  firstWrap?: number[];
  /** Size of the cluster that first wraps (only with `wrapping`). */
  wrapMass?: number;
}

/**
 * The seed of replicate r's graph when the graph is random: the first 53 bits drawn from `stream(seed, r)`.
 * Every replicate draws these bits first, even on a fixed graph, so that its removal order is the same random
 * sequence whether or not the graph is regenerated.
 *
 * @param rng - the replicate's stream, positioned at its start (advanced by two draws).
 * @returns a safe integer in [0, 2^53).
 *
 * @complexity O(1).
 *
 * @model seed_r = ⌊2^53·u⌋ with u = the first `next()` of stream(seed, r) (two 32-bit draws).
 *
 * @references Blackman & Vigna, arXiv:1805.01407.
 *
 * @example
 * ```ts
 * const rng = stream(1, 0);
 * const graphSeed = drawReplicateGraphSeed(rng);
 * ```
 *
 * @category Ensembles
 */
export function drawReplicateGraphSeed(rng: Rng): number {
  return Math.floor(rng.next() * 9007199254740992);
}

/**
 * The removal order (node order for site, edge order for bond) of a built-in strategy.
 *
 * @param g - the graph.
 * @param mode - site or bond (bond supports only `random`).
 * @param name - the strategy.
 * @param rng - the stream (tie-breaking / shuffling / betweenness seed).
 * @param betweennessSamples - pivots for the betweenness orders.
 * @returns the order, first removed first.
 * @throws FragilityInputError naming `order` for an unknown name or a node order in bond mode.
 *
 * @complexity that of the strategy (see each order's documentation).
 *
 * @model see {@link randomOrder}, {@link degreeOrder}, {@link adaptiveDegreeOrder}, {@link betweennessOrder},
 * {@link supernodesFirstOrder}.
 *
 * @references Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const order = removalOrder(g, 'site', 'degree', stream(1, 0));
 * ```
 *
 * @category Ensembles
 */
export function removalOrder(
  g: CompactGraph,
  mode: SweepMode,
  name: string,
  rng: Rng,
  betweennessSamples?: number,
): Int32Array {
  if (mode === 'bond') {
    if (name === 'random') return randomEdgeOrder(g.m, rng);
    throw new FragilityInputError('order', name, "'random' or a custom edge order for bond percolation");
  }
  switch (name) {
    case 'random':
      return randomOrder(g.n, rng);
    case 'degree':
      return degreeOrder(g, rng);
    case 'adaptive-degree':
      return adaptiveDegreeOrder(g, rng);
    case 'betweenness':
    case 'adaptive-betweenness':
      return betweennessOrder(g, {
        adaptive: name === 'adaptive-betweenness',
        seed: rng.nextUint32(),
        ...(betweennessSamples === undefined ? {} : { samples: betweennessSamples }),
      });
    case 'supernodes-first':
      return supernodesFirstOrder(g, rng);
    default:
      throw new FragilityInputError('order', name, `one of ${REMOVAL_ORDER_NAMES.join(', ')} or a custom order`);
  }
}

/**
 * Run replicate `spec.r` on graph `g` (already drawn). `customOrder`, when the spec says `'custom'`, is used as is
 * (validated by the sweep).
 *
 * @param g - the replicate's graph.
 * @param spec - {@link ReplicateSpec}.
 * @param rng - the replicate's stream AFTER the graph-seed draw (see {@link drawReplicateGraphSeed}).
 * @param customOrder - the user's removal order for `'custom'`.
 * @returns {@link ReplicateResult}.
 *
 * @complexity the order's cost + O(n + m·α(n)) for the sweep + O(|qs|·√N) for the canonical averages.
 *
 * @model Newman–Ziff sweep then binomial convolution, per replicate.
 *
 * @references Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const rng = stream(1, 0); drawReplicateGraphSeed(rng);
 * runReplicateOnGraph(g, { r: 0, seed: 1, mode: 'site', order: 'random', qs: [0.5] }, rng);
 * ```
 *
 * @category Ensembles
 */
export function runReplicateOnGraph(
  g: CompactGraph,
  spec: ReplicateSpec,
  rng: Rng,
  customOrder?: ArrayLike<number>,
): ReplicateResult {
  let order: ArrayLike<number>;
  // A built-in strategy's order is an Int32Array permutation by construction: the sweeps skip their O(n) check.
  let validate = true;
  if (spec.order === 'custom') {
    if (!customOrder) throw new FragilityInputError('order', 'custom', 'a custom order array');
    order = customOrder;
  } else {
    order = removalOrder(g, spec.mode, spec.order, rng, spec.betweennessSamples);
    validate = false;
  }
  let out: ReplicateResult;
  if (spec.microcanonical) {
    const sweep: SweepResult =
      spec.mode === 'site' ? sweepSite(g, order, { validate }) : sweepBond(g, order, { validate });
    const c = canonicalObservables(sweep, spec.qs);
    out = {
      r: spec.r,
      n: sweep.n,
      steps: sweep.steps,
      giant: c.giant,
      second: c.second,
      susceptibility: c.susceptibility,
      gapQ: largestGapOccupation(sweep),
    };
    out.largest = sweep.largest;
  } else {
    // Streamed: the per-step observables go block by block into the canonical sums (same values, bit for bit), so
    // a replicate holds O(block) of them instead of 2·8·(steps + 1) bytes (2 GB at n = 1e8).
    const steps = spec.mode === 'site' ? g.n : g.m;
    const acc = new CanonicalAccumulator(steps, g.n, spec.qs);
    if (spec.mode === 'site') sweepSiteStream(g, order, acc, validate);
    else sweepBondStream(g, order, acc, validate);
    const c = acc.result();
    out = {
      r: spec.r,
      n: g.n,
      steps,
      giant: c.giant,
      second: c.second,
      susceptibility: c.susceptibility,
      gapQ: c.gapQ,
    };
  }
  if (spec.wrapping) {
    const w =
      spec.mode === 'site' ? sweepSiteWrapping(g, order, spec.wrapping) : sweepBondWrapping(g, order, spec.wrapping);
    out.firstWrap = Array.from(w.firstWrap);
    out.wrapMass = w.wrapMass;
  }
  return out;
}

/**
 * The stream of replicate r, with its graph seed already drawn (see {@link drawReplicateGraphSeed}).
 *
 * @param seed - the run's seed.
 * @param r - the replicate index.
 * @returns `{ rng, graphSeed }`: rng positioned after the graph-seed draw, ready for the removal order.
 *
 * @complexity O(1).
 *
 * @model stream(seed, r) = xoshiro128** seeded from (seed, r) by SplitMix64.
 *
 * @references Blackman & Vigna, arXiv:1805.01407.
 *
 * @example
 * ```ts
 * const { rng, graphSeed } = replicateStreams(1, 0);
 * ```
 *
 * @category Ensembles
 */
export function replicateStreams(seed: number, r: number): { rng: Rng; graphSeed: number } {
  const rng = stream(seed, r);
  const graphSeed = drawReplicateGraphSeed(rng);
  return { rng, graphSeed };
}
