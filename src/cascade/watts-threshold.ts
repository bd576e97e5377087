/**
 * The Watts (2002) threshold cascade on a graph: a node becomes active when the fraction of its active neighbours
 * reaches its threshold φ; active nodes stay active. The analytic side (cascade condition, window, expected size) is
 * in src/analytic/watts-cascade.ts and watts-cascade-size.ts; they meet in src/compare/watts.ts.
 *
 * @module
 */
import type { CapacityLaw } from '../distributions/types.ts';
import { FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';

/**
 * Relative slack of the rule m/k >= φ, the same as the analytic side's (φ = 0.2 activates 1 of 5 neighbours).
 *
 * @category Watts cascades
 */
export const WATTS_ACTIVATION_SLACK = 1e-12;

/**
 * Options of {@link wattsThresholdCascade}.
 *
 * @category Watts cascades
 */
export interface WattsThresholdCascadeOptions {
  /** One threshold φ in (0, 1] for every node, or a threshold per node (length n, values >= 0). */
  thresholds: number | ArrayLike<number>;
  /** The seed nodes, active at the start whatever their threshold (duplicates ignored). */
  seeds: ArrayLike<number>;
}

/**
 * Result of {@link wattsThresholdCascade}.
 *
 * @category Watts cascades
 */
export interface WattsThresholdCascadeResult {
  /** Active nodes at the end (seeds included) / n. */
  size: number;
  /** Number of active nodes at the end, seeds included. */
  activated: number;
  /** Distinct seeds. */
  seeds: number;
  /** Breadth-first generations after the seeds until nothing changed (0 when no node beyond the seeds activated). */
  generations: number;
  /** 1 for the active nodes. */
  active: Uint8Array;
}

/**
 * Run a Watts threshold cascade to its final state.
 *
 * @param g - the graph (a self-loop adds 2 to the degree and counts its node's own state twice; parallel edges count
 *   once per copy).
 * @param opts - {@link WattsThresholdCascadeOptions}.
 * @returns the final active fraction of all n nodes, the count, the generations and the active set.
 * @throws FragilityInputError naming `thresholds` (a number outside (0, 1], wrong length, negative or NaN values) or
 *   `seeds` (an id outside 0..n−1).
 *
 * @complexity O(n + Σ degrees of the active nodes) time, O(n) memory: each active node's half-edges are scanned
 * once.
 *
 * @model Watts (2002): node u with degree k_u >= 1 and m_u active neighbours becomes active when
 * m_u >= φ_u·k_u (evaluated as m_u >= φ_u·k_u·(1 − 1e-12)) and m_u >= 1; isolated nodes never activate. The dynamics is
 * monotone (active nodes stay active), so the final state does not depend on the update order; nodes are processed
 * breadth-first from the seeds, and `generations` counts the BFS layers (the rounds of synchronous updating).
 *
 * @references D. J. Watts, A simple model of global cascades on random networks, PNAS 99, 5766 (2002),
 * doi:10.1073/pnas.082090499; J. P. Gleeson & D. J. Cahalane, PRE 75, 056103 (2007),
 * doi:10.1103/PhysRevE.75.056103.
 *
 * @example
 * ```ts
 * const path = CompactGraph.fromPairs(4, [[0, 1], [1, 2], [2, 3]]);
 * wattsThresholdCascade(path, { thresholds: 0.5, seeds: [0] }).size; // 1: every inner node needs 1 of 2
 * ```
 *
 * @category Watts cascades
 */
export function wattsThresholdCascade(
  g: CompactGraph,
  opts: WattsThresholdCascadeOptions,
): WattsThresholdCascadeResult {
  const { n, offsets, targets } = g;
  const th = opts.thresholds;
  let uniform = NaN;
  let perNode: ArrayLike<number> | null = null;
  if (typeof th === 'number') {
    if (!(th > 0 && th <= 1))
      throw new FragilityInputError('thresholds', th, 'a threshold φ in (0, 1] (or one per node)');
    uniform = th;
  } else {
    if (!th || th.length !== n)
      throw new FragilityInputError('thresholds', th?.length, `a number in (0, 1] or an array of ${n} thresholds`);
    for (let u = 0; u < n; u++)
      if (!(th[u] >= 0)) throw new FragilityInputError(`thresholds[${u}]`, th[u], 'a threshold >= 0');
    perNode = th;
  }
  const active = new Uint8Array(n);
  const count = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  const seeds = opts.seeds;
  for (let i = 0; i < seeds.length; i++) {
    const s = seeds[i];
    if (!(Number.isInteger(s) && s >= 0 && s < n)) throw new FragilityInputError('seeds', s, `node ids in 0..${n - 1}`);
    if (!active[s]) {
      active[s] = 1;
      queue[tail++] = s;
    }
  }
  const nSeeds = tail;
  const keep = 1 - WATTS_ACTIVATION_SLACK;
  let head = 0;
  let generations = 0;
  let layerEnd = tail;
  while (head < tail) {
    const u = queue[head++];
    for (let p = offsets[u], e = offsets[u + 1]; p < e; p++) {
      const v = targets[p];
      if (active[v]) continue;
      const m = ++count[v];
      const k = offsets[v + 1] - offsets[v];
      const phi = perNode === null ? uniform : perNode[v];
      if (m >= phi * k * keep) {
        active[v] = 1;
        queue[tail++] = v;
      }
    }
    if (head === layerEnd && tail > layerEnd) {
      generations++;
      layerEnd = tail;
    }
  }
  return { size: n === 0 ? 0 : tail / n, activated: tail, seeds: nSeeds, generations, active };
}

/**
 * Draw one threshold per node from a law (a capacity law such as `uniform(0.1,0.3)` or `lognormal(...)`), or fill a
 * uniform φ.
 *
 * @param n - nodes.
 * @param law - a number φ (every node) or a law with `sample(rng)` (values >= 0).
 * @param rng - the stream (n draws, node order).
 * @returns the thresholds.
 *
 * @complexity O(n) draws.
 * @model i.i.d. thresholds (Watts 2002).
 * @references Watts, PNAS 99, 5766
 * (2002).
 *
 * @example
 * ```ts
 * wattsThresholds(3, parseCapacityLaw('uniform(0.1,0.3)'), stream(1));
 * ```
 *
 * @category Watts cascades
 */
export function wattsThresholds(n: number, law: number | CapacityLaw, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  if (typeof law === 'number') return out.fill(law);
  for (let u = 0; u < n; u++) out[u] = law.sample(rng);
  return out;
}
