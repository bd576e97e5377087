/**
 * The efficiency-based overload cascade of Crucitti, Latora & Marchiori (2004): nodes carry the load of the most
 * efficient (weighted shortest) paths, tolerate (1 + α) times their initial load, and an overloaded node does not
 * fail — it degrades the efficiency of its links; the network's global efficiency E(t) is followed to a steady state.
 *
 * Update semantics (fixed here, because the paper leaves the edge between two overloaded nodes open):
 * - **Efficiencies**: e_ij(0) = 1 on every edge; the length of an edge is 1/e_ij (an edge with e = 0 is cut).
 * - **Load** L_i(t): betweenness on the lengths of step t, unordered pairs once, endpoints excluded
 *   ({@link weightedLoadAndEfficiency}). **Capacity** C_i = (1 + α)·L_i(0), α >= 0 (the paper writes C_i = α'·L_i(0)
 *   with α' = 1 + α >= 1).
 * - **Trigger**: the trigger node is removed at t = 0 (its edges are cut for good).
 * - **Update** (synchronous, relative to the initial efficiencies, as in the paper):
 *   e_ij(t + 1) = e_ij(0)·min(1, C_i/L_i(t), C_j/L_j(t)) — an edge takes the stronger degradation of its two ends.
 *   A node with L_i(0) = 0 has C_i = 0: if it ever carries load, its edges are cut.
 * - **Steady state**: the efficiencies are deterministic functions of the previous ones, so the run ends when a state
 *   repeats: a fixed point, or (common: a node degrades, sheds load, recovers, is overloaded again) a cycle of period
 *   p <= 16; E(∞) is the mean of E over the cycle, its range reported alongside.
 * - **E(t)** = Σ_{i≠j} 1/d_ij / (N(N − 1)) with N the ORIGINAL number of nodes; reported relative to E(0) of the
 *   intact graph. The run stops at the steady state (below) or after `maxSteps`.
 *
 * No analytic theory of this model exists; its one exact statement is the no-cascade limit: when α >= α* =
 * max_i L_i(1)/L_i(0) − 1 (loads right after the trigger, on the undegraded graph), nothing is overloaded and
 * E(∞) = E(G − trigger). For every α, E(∞) <= E(G − trigger) (lengths only grow). src/compare/efficiency.ts lines
 * the simulation up against that limit and against the paper's findings.
 *
 * References: P. Crucitti, V. Latora & M. Marchiori, Model for cascading failures in complex networks, PRE 69,
 * 045104(R) (2004), doi:10.1103/PhysRevE.69.045104; V. Latora & M. Marchiori, PRL 87, 198701 (2001).
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { Rng } from '../random/stream.ts';
import { weightedLoadAndEfficiency } from '../metrics/weighted-betweenness.ts';

/**
 * Options of {@link efficiencyCascade}.
 *
 * @category Load redistribution
 */
export interface EfficiencyCascadeOptions {
  /** Tolerance α >= 0: capacity (1 + α)·L_i(0). */
  alpha: number;
  /** `top-load` (default: the node of largest L(0), lowest id on ties), `random` (needs rng), or a node id. */
  trigger?: 'top-load' | 'random' | number;
  /** Stream for a random trigger. */
  rng?: Rng;
  /** Step bound (default 100). */
  maxSteps?: number;
  /** Precomputed intact loads L(0) and efficiency E(0) (shared across an α sweep on one graph). */
  initial?: { load: Float64Array; efficiency: number };
  /** Called before each step with (step, maxSteps); the run may stop earlier at its steady state. */
  onProgress?: (step: number, maxSteps: number) => void;
}

/**
 * Result of {@link efficiencyCascade}.
 *
 * @category Load redistribution
 */
export interface EfficiencyCascadeResult {
  /** The trigger node. */
  trigger: number;
  /** E(0) of the intact graph (absolute). */
  E0: number;
  /** E(t)/E(0) for t = 0 (intact, 1), 1 (trigger removed, no degradation yet), 2, … up to the last step. */
  efficiency: number[];
  /**
   * E(∞)/E(0): the mean of E(t)/E(0) over the steady cycle (a fixed point has period 1; the synchronous update often
   * settles into a period-2 orbit, overloaded nodes degrading and recovering in turn); without a repeat within
   * maxSteps, the mean over the last 20 steps.
   */
  finalEfficiency: number;
  /** Smallest and largest E(t)/E(0) on the steady cycle (or the last 20 steps). */
  cycleRange: [number, number];
  /** Period of the steady cycle (1: fixed point; 0: not steady within maxSteps). */
  period: number;
  /** E(G − trigger)/E(0): the no-cascade value, an upper bound on every E(t)/E(0) for t >= 1. */
  noCascadeEfficiency: number;
  /** α* = max_i L_i(1)/L_i(0) − 1: for α >= α* nothing is overloaded (Infinity when a zero-capacity node gains load). */
  alphaStar: number;
  /** Overloaded nodes at each step t >= 1. */
  overloaded: number[];
  /** Whether the efficiencies repeated (a fixed point or a cycle of period <= 16) within maxSteps. */
  steady: boolean;
  /**
   * Seed of the stream the random trigger drew from (`opts.rng.seed`), or null when nothing random was drawn (a given
   * or top-load trigger): every stochastic result echoes its seed.
   */
  seed: number | null;
}

/** Steps averaged for E(∞) when no state repeated within maxSteps. */
const UNSTEADY_WINDOW = 20;

/** Longest cycle of the efficiency state that is detected. */
const MAX_PERIOD = 16;

function sameArray(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Run the Crucitti–Latora–Marchiori efficiency cascade after the removal of one node.
 *
 * @param g - the graph (n >= 2; keep n <= ~2000: each step is a weighted all-pairs Brandes, O(n·m log m)).
 * @param opts - {@link EfficiencyCascadeOptions}.
 * @returns E(t)/E(0), the steady state, the no-cascade bound and α*.
 * @throws FragilityInputError naming `alpha`, `trigger`, `maxSteps`, `graph`.
 *
 * @complexity O(steps·n·(n + m) log m); measured ~2.5 s per step for ER(n = 2000, <k> = 4) on a shared 2-core
 * machine.
 *
 * @model see the module documentation.
 *
 * @references Crucitti, Latora & Marchiori, PRE 69, 045104(R) (2004), doi:10.1103/PhysRevE.69.045104.
 *
 * @example
 * ```ts
 * const r = efficiencyCascade(barabasiAlbert(300, 2, stream(1)), { alpha: 0.1 });
 * r.finalEfficiency <= r.noCascadeEfficiency; // true
 * ```
 *
 * @category Load redistribution
 */
export function efficiencyCascade(g: CompactGraph, opts: EfficiencyCascadeOptions): EfficiencyCascadeResult {
  const alpha = checkNumber('alpha', opts.alpha, 0, 1e12);
  const maxSteps = checkInteger('maxSteps', opts.maxSteps ?? 100, 1, 1e6);
  const { n, m, edgeSource, edgeTarget } = g;
  if (n < 2) throw new FragilityInputError('graph', n, 'a graph with at least 2 nodes');
  const init = opts.initial ?? weightedLoadAndEfficiency(g, new Float64Array(m).fill(1));
  if (init.load.length !== n) throw new FragilityInputError('initial.load', init.load.length, `${n} loads`);
  const L0 = init.load;
  const E0 = init.efficiency;
  if (!(E0 > 0))
    throw new FragilityInputError('graph', `${n} nodes, ${m} edges`, 'a graph with at least one edge (E(0) > 0)');
  let trigger: number;
  const t = opts.trigger ?? 'top-load';
  if (t === 'top-load') {
    trigger = 0;
    for (let i = 1; i < n; i++) if (L0[i] > L0[trigger]) trigger = i;
  } else if (t === 'random') {
    if (!opts.rng) throw new FragilityInputError('rng', undefined, 'a stream for the random trigger');
    trigger = opts.rng.int(n);
  } else {
    trigger = checkInteger('trigger', t, 0, n - 1);
  }
  const cap = Float64Array.from(L0, (x) => (1 + alpha) * x);
  const alive = new Uint8Array(n).fill(1);
  alive[trigger] = 0;
  const base = new Float64Array(m); // e_ij(0) after the trigger: 1, or 0 on the trigger's edges
  for (let e = 0; e < m; e++) base[e] = edgeSource[e] === trigger || edgeTarget[e] === trigger ? 0 : 1;
  let eff = Float64Array.from(base);
  const lengths = new Float64Array(m);
  const efficiency = [1];
  const overloaded: number[] = [];
  let alphaStar = 0;
  let noCascade = NaN;
  let steady = false;
  let period = 0;
  let cycle: number[] = [];
  const history: { step: number; eff: Float64Array }[] = [];
  const slack = 1e-10;
  for (let step = 1; step <= maxSteps; step++) {
    opts.onProgress?.(step, maxSteps);
    for (let e = 0; e < m; e++) lengths[e] = eff[e] > 0 ? 1 / eff[e] : Infinity;
    const r = weightedLoadAndEfficiency(g, lengths, alive);
    efficiency.push(r.efficiency / E0);
    const L = r.load;
    if (step === 1) {
      noCascade = r.efficiency / E0;
      for (let i = 0; i < n; i++) {
        if (!alive[i] || L[i] <= 0) continue;
        alphaStar = Math.max(alphaStar, L0[i] > 0 ? L[i] / L0[i] - 1 : Infinity);
      }
    }
    // per node degradation factor min(1, C/L), with a relative slack for rounding
    const factor = new Float64Array(n).fill(1);
    let over = 0;
    for (let i = 0; i < n; i++) {
      if (alive[i] && L[i] > cap[i] + slack * Math.max(1, cap[i])) {
        factor[i] = cap[i] / L[i];
        over++;
      }
    }
    overloaded.push(over);
    const next = new Float64Array(m);
    for (let e = 0; e < m; e++) next[e] = base[e] * Math.min(factor[edgeSource[e]], factor[edgeTarget[e]]);
    history.push({ step, eff });
    if (history.length > MAX_PERIOD) history.shift();
    // a repeated state closes a cycle: a fixed point (period 1) or a periodic orbit of the synchronous update
    let hit: { step: number; eff: Float64Array } | undefined;
    for (let k = history.length - 1; k >= 0 && !hit; k--) if (sameArray(history[k].eff, next)) hit = history[k];
    eff = next;
    if (hit) {
      steady = true;
      period = step + 1 - hit.step;
      cycle = efficiency.slice(hit.step, step + 1);
      break;
    }
  }
  if (!steady) cycle = efficiency.slice(Math.max(1, efficiency.length - UNSTEADY_WINDOW));
  return {
    trigger,
    E0,
    efficiency,
    finalEfficiency: cycle.reduce((a, b) => a + b, 0) / cycle.length,
    cycleRange: [Math.min(...cycle), Math.max(...cycle)],
    period,
    noCascadeEfficiency: noCascade,
    alphaStar,
    overloaded,
    steady,
    seed: opts.trigger === 'random' && opts.rng ? opts.rng.seed : null,
  };
}
