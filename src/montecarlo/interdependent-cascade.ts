/**
 * Interdependent networks by simulation (Buldyrev et al. 2010): the cascade of mutual giant components on a pair of
 * graphs with one-to-one dependency links, for a random fraction 1 − p of network A removed, and an ensemble of it
 * with confidence intervals over replicate pairs.
 *
 * The analytic counterpart (src/analytic/interdependent.ts) and this simulation meet only in
 * src/compare/interdependent.ts.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { randomPermutation } from '../random/shuffle.ts';
import { stream, type Rng } from '../random/stream.ts';
import { graphFromSpecLazy, isRandomGraphSpec } from './graph-source.ts';
import { drawReplicateGraphSeed } from './replicate.ts';
import { meanWithCI } from './statistics.ts';

/**
 * Result of {@link mutualGiantCascade}.
 *
 * @category Interdependent networks
 */
export interface MutualGiantCascadeResult {
  /** Mutual giant component: nodes of A left at the end of the cascade / n (each is paired with a live B node). */
  S: number;
  /** Largest component of A right after the initial removal / n (ordinary percolation of A alone): S <= giantA. */
  giantA: number;
  /** Giant-component extractions until nothing changed (A, B, A, … stages of Buldyrev et al.'s Fig. 2). */
  stages: number;
  /** Per node of A: 1 when it is in the mutual giant component (its partner dependency[i] in B is too). */
  alive: Uint8Array;
}

/** Scratch array for one graph size, reused across the stages and p values of a replicate. */
interface Scratch {
  /** The live nodes in breadth-first order, component after component. */
  queue: Int32Array;
}

function scratch(n: number): Scratch {
  return { queue: new Int32Array(n) };
}

/**
 * Keep only the largest connected component of the live nodes of g (ties: the component found first in node-id
 * order). Returns [killed, kept]. `alive` holds 0/1 on entry and exit; during the search 2 marks a visited node, so
 * that an edge costs one load, and the components lie one after the other in the queue, so that no label array is
 * needed to tell the largest from the rest.
 */
function keepLargest(g: CompactGraph, alive: Uint8Array, s: Scratch): [number, number] {
  const { n, offsets, targets } = g;
  const { queue } = s;
  let bestStart = 0;
  let bestSize = 0;
  let tail = 0;
  for (let r = 0; r < n; r++) {
    if (alive[r] !== 1) continue;
    const start = tail;
    let head = tail;
    queue[tail++] = r;
    alive[r] = 2;
    while (head < tail) {
      const u = queue[head++];
      for (let p = offsets[u], e = offsets[u + 1]; p < e; p++) {
        const v = targets[p];
        if (alive[v] === 1) {
          alive[v] = 2;
          queue[tail++] = v;
        }
      }
    }
    if (tail - start > bestSize) {
      bestSize = tail - start;
      bestStart = start;
    }
  }
  const total = tail;
  const bestEnd = bestStart + bestSize;
  for (let i = 0; i < bestStart; i++) alive[queue[i]] = 0;
  for (let i = bestStart; i < bestEnd; i++) alive[queue[i]] = 1;
  for (let i = bestEnd; i < total; i++) alive[queue[i]] = 0;
  return [total - bestSize, bestSize];
}

/**
 * The cascade of mutual giant components of two interdependent networks, from a given set of live A nodes.
 *
 * @param gA - network A (n nodes).
 * @param gB - network B (the same n).
 * @param dependency - a permutation of 0..n−1: A node i and B node dependency[i] depend on each other (one-to-one,
 *   both ways).
 * @param kept - per A node, 1 when it survives the initial attack (not modified).
 * @returns the mutual giant fraction S, the giant of A alone after the attack, the number of stages and the final
 *   membership.
 * @throws FragilityInputError naming `gB` (size differs), `dependency` (not a permutation of length n) or `kept`.
 *
 * @complexity O((n + m_A + m_B)·stages) time, O(n) memory; stages is small away from p_c and grows like
 * n^(1/3) near it (the plateau of Buldyrev et al.'s Fig. 3, Zhou et al. 2014).
 *
 * @model Buldyrev et al. 2010: a node functions only if it belongs to the giant component of its own network and
 * its partner functions. Stage 1 keeps the largest component of A's live nodes; B loses the partners of the A nodes
 * lost so far and keeps its largest component; A loses the partners of the lost B nodes and keeps its largest
 * component; … until a stage removes nothing. The final set is connected in A and in B (a mutually connected
 * cluster); S is its size over the ORIGINAL n.
 *
 * @references S. V. Buldyrev, R. Parshani, G. Paul, H. E. Stanley & S. Havlin, Catastrophic cascade of failures in
 * interdependent networks, Nature 464, 1025 (2010), doi:10.1038/nature08932; D. Zhou et al., Simultaneous first- and
 * second-order percolation transitions in interdependent networks, PRE 90, 012803 (2014),
 * doi:10.1103/PhysRevE.90.012803.
 *
 * @example
 * ```ts
 * const A = CompactGraph.fromPairs(4, [[0, 1], [1, 2], [2, 3]]);
 * const B = CompactGraph.fromPairs(4, [[0, 1], [2, 3]]);
 * mutualGiantCascade(A, B, Int32Array.of(0, 1, 2, 3), Uint8Array.of(1, 1, 1, 1)).S; // 0.5 ({0, 1}: ties go to the lower ids)
 * ```
 *
 * @category Interdependent networks
 */
export function mutualGiantCascade(
  gA: CompactGraph,
  gB: CompactGraph,
  dependency: Int32Array,
  kept: Uint8Array,
): MutualGiantCascadeResult {
  const n = gA.n;
  if (gB.n !== n) throw new FragilityInputError('gB', gB.n, `a graph with the same number of nodes as A (${n})`);
  checkPermutation(dependency, n);
  if (!(kept instanceof Uint8Array) || kept.length !== n)
    throw new FragilityInputError('kept', kept?.length, `a Uint8Array of length ${n}`);
  return cascadeFrom(
    gA,
    gB,
    dependency,
    Uint8Array.from(kept, (v) => (v ? 1 : 0)),
    new Uint8Array(n),
    scratch(n),
  );
}

function checkPermutation(dep: Int32Array, n: number): void {
  if (!(dep instanceof Int32Array) || dep.length !== n)
    throw new FragilityInputError('dependency', dep?.length, `an Int32Array permutation of 0..${n - 1}`);
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const j = dep[i];
    if (!(j >= 0 && j < n) || seen[j])
      throw new FragilityInputError('dependency', j, `a permutation of 0..${n - 1} (one-to-one dependencies)`);
    seen[j] = 1;
  }
}

/** The cascade proper; aliveA is the initial live set and is updated in place; aliveB is scratch. */
function cascadeFrom(
  gA: CompactGraph,
  gB: CompactGraph,
  dep: Int32Array,
  aliveA: Uint8Array,
  aliveB: Uint8Array,
  s: Scratch,
): MutualGiantCascadeResult {
  const n = gA.n;
  if (n === 0) return { S: 0, giantA: 0, stages: 0, alive: aliveA };
  let [, size] = keepLargest(gA, aliveA, s);
  const giantA = size / n;
  let stages = 1;
  for (;;) {
    // B loses the partners of dead A nodes, then keeps its giant.
    for (let i = 0; i < n; i++) aliveB[dep[i]] = aliveA[i];
    const [killedB, sizeB] = keepLargest(gB, aliveB, s);
    stages++;
    size = sizeB;
    if (killedB === 0) break;
    for (let i = 0; i < n; i++) aliveA[i] = aliveB[dep[i]];
    const [killedA, sizeA] = keepLargest(gA, aliveA, s);
    stages++;
    size = sizeA;
    if (killedA === 0) break;
  }
  // On exit aliveA and aliveB hold the same pairs (the last stage removed nothing).
  for (let i = 0; i < n; i++) aliveA[i] = aliveB[dep[i]];
  return { S: size / n, giantA, stages, alive: aliveA };
}

/**
 * One replicate of {@link interdependentCascadeSweep}: per p the mutual giant, the giant of A alone and the stages.
 *
 * @category Interdependent networks
 */
export interface InterdependentSweepResult {
  ps: number[];
  S: Float64Array;
  giantA: Float64Array;
  stages: Int32Array;
}

/**
 * The mutual giant component at several kept fractions p on one pair of graphs, with nested attacks (the nodes kept
 * at a smaller p are kept at every larger p) and one random dependency permutation.
 *
 * @param gA - network A.
 * @param gB - network B (same n).
 * @param ps - kept fractions of A, each in [0, 1]: the last round(p·n) nodes of a random order survive the attack.
 * @param rng - the replicate's stream: fork 3 draws the dependency permutation, fork 4 the removal order.
 * @param dependency - an explicit dependency permutation instead of a random one.
 * @returns per p the mutual giant fraction S, the giant of A alone after the attack, and the stages.
 * @throws FragilityInputError naming `ps`, `gB` or `dependency`.
 *
 * @complexity O(n) for the permutations plus, per p, {@link mutualGiantCascade}'s O((n + m)·stages).
 *
 * @model see {@link mutualGiantCascade}; the attack removes exactly n − round(p·n) nodes of A chosen uniformly
 * (a microcanonical version of "each node kept with probability p"; the two agree to O(n^(−1/2)) away from p_c).
 *
 * @references Buldyrev et al., Nature 464, 1025 (2010), doi:10.1038/nature08932.
 *
 * @example
 * ```ts
 * const r = interdependentCascadeSweep(gA, gB, [0.7, 0.8], stream(1, 0));
 * r.S; // Float64Array [≈0.558, ≈0.707] for two ER(n = 1e4, <k> = 4) graphs (theory 0.55762 at 0.7)
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentCascadeSweep(
  gA: CompactGraph,
  gB: CompactGraph,
  ps: readonly number[],
  rng: Rng,
  dependency?: Int32Array,
): InterdependentSweepResult {
  const n = gA.n;
  if (gB.n !== n) throw new FragilityInputError('gB', gB.n, `a graph with the same number of nodes as A (${n})`);
  checkPs(ps);
  let dep: Int32Array;
  if (dependency) {
    checkPermutation(dependency, n);
    dep = dependency;
  } else dep = randomPermutation(rng.fork(3), n);
  const order = randomPermutation(rng.fork(4), n); // first removed first
  const s = scratch(n);
  const aliveA = new Uint8Array(n);
  const aliveB = new Uint8Array(n);
  const out: InterdependentSweepResult = {
    ps: [...ps],
    S: new Float64Array(ps.length),
    giantA: new Float64Array(ps.length),
    stages: new Int32Array(ps.length),
  };
  ps.forEach((p, k) => {
    const keep = Math.round(p * n);
    aliveA.fill(0);
    for (let i = n - keep; i < n; i++) aliveA[order[i]] = 1;
    const r = cascadeFrom(gA, gB, dep, aliveA, aliveB, s);
    out.S[k] = r.S;
    out.giantA[k] = r.giantA;
    out.stages[k] = r.stages;
  });
  return out;
}

/**
 * Result of {@link interdependentCollapsePoint}.
 *
 * @category Interdependent networks
 */
export interface InterdependentCollapsePoint {
  /** The smallest kept fraction k/n at which the mutual giant holds at least `minSize` nodes (null: not even at p = 1). */
  pc: number | null;
  /** The size criterion used: max(2, ⌈√n⌉) nodes. */
  minSize: number;
  /** Cascades run by the bisection. */
  cascades: number;
}

/**
 * Where the mutual giant component collapses on one pair of graphs: bisection on the number of A nodes kept, with
 * nested attacks (one random order) and one dependency permutation — the finite-size p_c of one replicate.
 *
 * @param gA - network A.
 * @param gB - network B (same n).
 * @param rng - the replicate's stream: fork 3 the dependency permutation, fork 4 the attack order (the same draws as
 *   {@link interdependentCascadeSweep}, so the two see the same attacks).
 * @param dependency - an explicit dependency permutation instead of a random one.
 * @returns p_c = k/n, the smallest k (in the bisection's sense) at which at least max(2, ⌈√n⌉) nodes survive.
 * @throws FragilityInputError naming `gB` or `dependency`.
 *
 * @complexity ⌈log2 n⌉ + 1 cascades, each O((n + m)·stages); near p_c the stages grow (~40 at n = 1e5).
 *
 * @model above p_c the mutual giant is a finite fraction of n (>= S(p_c)·n, the first-order jump), below it only
 * O(1)-node mutually connected clusters remain, so any size between separates the phases; √n does for n >= 100. The
 * bisection assumes one crossing (S need not be monotone in k on one pair; it returns a crossing point).
 *
 * @references Buldyrev et al., Nature 464, 1025 (2010), doi:10.1038/nature08932 (p_c from simulations, Fig. 3).
 *
 * @example
 * ```ts
 * interdependentCollapsePoint(gA, gB, stream(1, 0)).pc; // ≈ 0.61 for two ER(1e4, <k> = 4) (theory 0.613852)
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentCollapsePoint(
  gA: CompactGraph,
  gB: CompactGraph,
  rng: Rng,
  dependency?: Int32Array,
): InterdependentCollapsePoint {
  const n = gA.n;
  if (gB.n !== n) throw new FragilityInputError('gB', gB.n, `a graph with the same number of nodes as A (${n})`);
  let dep: Int32Array;
  if (dependency) {
    checkPermutation(dependency, n);
    dep = dependency;
  } else dep = randomPermutation(rng.fork(3), n);
  const order = randomPermutation(rng.fork(4), n);
  const minSize = Math.max(2, Math.ceil(Math.sqrt(n)));
  const s = scratch(n);
  const aliveA = new Uint8Array(n);
  const aliveB = new Uint8Array(n);
  let cascades = 0;
  const survives = (keep: number): boolean => {
    aliveA.fill(0);
    for (let i = n - keep; i < n; i++) aliveA[order[i]] = 1;
    cascades++;
    return cascadeFrom(gA, gB, dep, aliveA, aliveB, s).S * n >= minSize;
  };
  if (n === 0 || !survives(n)) return { pc: null, minSize, cascades };
  let lo = 0; // fails (fewer than minSize nodes can never hold minSize)
  let hi = n; // survives
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (survives(mid)) hi = mid;
    else lo = mid;
  }
  return { pc: hi / n, minSize, cascades };
}

function checkPs(ps: readonly number[]): void {
  if (!Array.isArray(ps) || ps.length === 0)
    throw new FragilityInputError('ps', ps, 'a non-empty list of kept fractions in [0, 1]');
  ps.forEach((p, i) => checkProbability(`ps[${i}]`, p));
}

/**
 * A graph for {@link simulateInterdependent}: a CompactGraph (used as is) or a `--graph` spec (random specs redrawn per replicate).
 *
 * @category Interdependent networks
 */
export type InterdependentGraphInput = CompactGraph | string;

/**
 * Options of {@link simulateInterdependent}.
 *
 * @category Interdependent networks
 */
export interface SimulateInterdependentOptions {
  /** Network A: a graph or a spec such as `er:n=100000,k=4`. */
  graphA: InterdependentGraphInput;
  /** Network B (default: a second, independent draw of graphA's spec; the same graph when graphA is a graph). */
  graphB?: InterdependentGraphInput;
  /** Kept fractions p of A. */
  ps: readonly number[];
  /** Replicates (default 10). */
  runs?: number;
  /** Seed (default 1): replicate r uses stream(seed, r). */
  seed?: number;
  /** Confidence level of the Student-t intervals (default 0.95). */
  level?: number;
  /** Also locate each replicate's collapse point p_c by bisection ({@link interdependentCollapsePoint}); default false. */
  threshold?: boolean;
}

/**
 * Per-p estimate of {@link simulateInterdependent}.
 *
 * @category Interdependent networks
 */
export interface InterdependentEstimate {
  p: number;
  /** Mean mutual giant fraction over the replicates, its sd and Student-t interval. */
  S: number;
  sd: number;
  ci: [number, number];
  /** Mean giant of A alone after the attack (ordinary percolation at p). */
  giantA: number;
  /** Mean number of stages. */
  stages: number;
}

/**
 * Result of {@link simulateInterdependent}.
 *
 * @category Interdependent networks
 */
export interface SimulateInterdependentResult {
  graphA: string;
  graphB: string;
  n: number;
  runs: number;
  seed: number;
  level: number;
  points: InterdependentEstimate[];
  /** Per replicate (row) and p (column): the mutual giant fraction. */
  replicates: Float64Array[];
  /**
   * With `threshold`: the mean finite-size p_c over the replicates with its Student-t interval and the per-replicate
   * values (null entries: no mutual giant even at p = 1; they are left out of the mean).
   */
  threshold?: { pc: number | null; sd: number; ci: [number, number]; values: (number | null)[]; minSize: number };
}

function describeGraph(g: InterdependentGraphInput): string {
  return typeof g === 'string' ? g : `graph(n=${g.n},m=${g.m})`;
}

/**
 * Monte Carlo ensemble of the interdependent cascade: R replicate pairs (A, B) with random one-to-one dependencies.
 *
 * @param opts - {@link SimulateInterdependentOptions}.
 * @returns per p the mean mutual giant with its sd and interval, the mean giant of A alone and the mean stages; the
 *   per-replicate values.
 * @throws FragilityInputError naming `runs`, `seed`, `level`, `ps`, `graphA`/`graphB` (bad spec, sizes differ).
 *
 * @complexity R × (graph generation + {@link interdependentCascadeSweep} [+ {@link interdependentCollapsePoint}]).
 *
 * @model replicate r draws stream(seed, r); fork 1 seeds graph A, fork 2 graph B (random specs only; fixed specs
 * and CompactGraphs are the same in every replicate), fork 3 the dependency permutation, fork 4 the attack. Same
 * seed ⇒ same output.
 *
 * @references Buldyrev et al., Nature 464, 1025 (2010), doi:10.1038/nature08932.
 *
 * @example
 * ```ts
 * const r = await simulateInterdependent({ graphA: 'er:n=10000,k=4', ps: [0.7], runs: 10, seed: 1 });
 * r.points[0].S; // ≈ 0.558 (theory 0.55762)
 * ```
 *
 * @category Interdependent networks
 */
export async function simulateInterdependent(
  opts: SimulateInterdependentOptions,
): Promise<SimulateInterdependentResult> {
  const runs = checkInteger('runs', opts.runs ?? 10, 1, 1e7);
  const seed = checkInteger('seed', opts.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  checkPs(opts.ps as number[]);
  const specA = opts.graphA;
  const specB = opts.graphB ?? opts.graphA;
  if (specA === undefined || specA === null) throw new FragilityInputError('graphA', specA, 'a graph or a graph spec');
  const fixed = new Map<string, CompactGraph>();
  const build = async (g: InterdependentGraphInput, rng: Rng, field: string): Promise<CompactGraph> => {
    if (typeof g !== 'string') return g;
    if (isRandomGraphSpec(g)) return graphFromSpecLazy(g, drawReplicateGraphSeed(rng));
    let c = fixed.get(g);
    if (!c) {
      c = await graphFromSpecLazy(g, seed);
      fixed.set(g, c);
    }
    if (!c) throw new FragilityInputError(field, g, 'a graph spec');
    return c;
  };
  const replicates: Float64Array[] = [];
  const giantA: Float64Array[] = [];
  const stages: Int32Array[] = [];
  const pcs: (number | null)[] = [];
  let minSize = 0;
  let n = -1;
  for (let r = 0; r < runs; r++) {
    const rng = stream(seed, r);
    const a = await build(specA, rng.fork(1), 'graphA');
    const b = await build(specB, rng.fork(2), 'graphB');
    if (a.n !== b.n)
      throw new FragilityInputError(
        'graphB',
        describeGraph(specB),
        `a graph with as many nodes as graphA (${a.n}; one-to-one dependencies)`,
      );
    n = a.n;
    const sw = interdependentCascadeSweep(a, b, opts.ps, rng);
    replicates.push(sw.S);
    giantA.push(sw.giantA);
    stages.push(sw.stages);
    if (opts.threshold) {
      const c = interdependentCollapsePoint(a, b, rng);
      pcs.push(c.pc);
      minSize = c.minSize;
    }
  }
  const points = opts.ps.map((p, k) => {
    const e = meanWithCI(
      Float64Array.from(replicates, (v) => v[k]),
      level,
    );
    let ga = 0;
    let st = 0;
    for (let r = 0; r < runs; r++) {
      ga += giantA[r][k];
      st += stages[r][k];
    }
    return { p, S: e.mean, sd: e.sd, ci: e.ci, giantA: ga / runs, stages: st / runs };
  });
  const out: SimulateInterdependentResult = {
    graphA: describeGraph(specA),
    graphB: describeGraph(specB),
    n,
    runs,
    seed,
    level,
    points,
    replicates,
  };
  if (opts.threshold) {
    const found = pcs.filter((x): x is number => x !== null);
    const e = meanWithCI(Float64Array.from(found), level);
    out.threshold = { pc: found.length ? e.mean : null, sd: e.sd, ci: e.ci, values: pcs, minSize };
  }
  return out;
}
