/**
 * Monte Carlo ensembles of the Watts threshold cascade: the mean final size against the seed fraction, and the
 * frequency and size of global cascades triggered by single random seeds, with confidence intervals.
 *
 * @module
 */
import { wattsThresholdCascade, wattsThresholds } from '../cascade/watts-threshold.ts';
import type { CapacityLaw } from '../distributions/types.ts';
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { randomPermutation } from '../random/shuffle.ts';
import { stream, type Rng } from '../random/stream.ts';
import { graphFromSpecLazy, isRandomGraphSpec } from './graph-source.ts';
import { drawReplicateGraphSeed } from './replicate.ts';
import { meanWithCI, wilsonInterval } from './statistics.ts';

/**
 * Thresholds: one φ in (0, 1] for every node, or a law drawn i.i.d. per node (per replicate graph).
 *
 * @category Watts cascades
 */
export type WattsThresholdInput = number | CapacityLaw;

/**
 * Shared options of the Watts ensembles.
 *
 * @category Watts cascades
 */
export interface WattsEnsembleOptions {
  /** A graph (used as is) or a `--graph` spec (random specs redrawn per replicate). */
  graph: CompactGraph | string;
  /** φ or a threshold law. */
  thresholds: WattsThresholdInput;
  /** Replicate graphs (default 20). */
  runs?: number;
  /** Seed (default 1): replicate r uses stream(seed, r): fork 1 the graph, fork 2 the thresholds, fork 3 the seeds. */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

/**
 * A mean with its interval.
 *
 * @category Watts cascades
 */
export interface WattsSizeEstimate {
  x: number;
  mean: number;
  sd: number;
  ci: [number, number];
}

function checkThresholds(t: WattsThresholdInput): void {
  if (typeof t === 'number') {
    if (!(t > 0 && t <= 1))
      throw new FragilityInputError('thresholds', t, 'a threshold φ in (0, 1] or a threshold law');
  } else if (!t || typeof t.sample !== 'function')
    throw new FragilityInputError('thresholds', t, 'a threshold φ in (0, 1] or a threshold law');
}

/**
 * The thresholds of a replicate (fork 2 of its stream): a single φ stays a number, so that each cascade takes the
 * uniform path instead of checking n equal per-node thresholds (the same φ for every node, the same result; a
 * single φ draws nothing from the stream either way).
 */
function replicateThresholds(n: number, law: WattsThresholdInput, rng: Rng): number | Float64Array {
  return typeof law === 'number' ? law : wattsThresholds(n, law, rng.fork(2));
}

async function replicateGraph(
  graph: CompactGraph | string,
  seed: number,
  rng: Rng,
  cache: { g?: CompactGraph },
): Promise<CompactGraph> {
  if (typeof graph !== 'string') return graph;
  if (isRandomGraphSpec(graph)) return graphFromSpecLazy(graph, drawReplicateGraphSeed(rng));
  cache.g ??= await graphFromSpecLazy(graph, seed);
  return cache.g;
}

function common(opts: WattsEnsembleOptions): { runs: number; seed: number; level: number } {
  const runs = checkInteger('runs', opts.runs ?? 20, 1, 1e7);
  const seed = checkInteger('seed', opts.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  checkThresholds(opts.thresholds);
  if (opts.graph === undefined || opts.graph === null)
    throw new FragilityInputError('graph', opts.graph, 'a graph or a graph spec');
  return { runs, seed, level };
}

/**
 * Result of {@link simulateWattsSeedFractions}.
 *
 * @category Watts cascades
 */
export interface WattsSeedFractionResult {
  n: number;
  runs: number;
  seed: number;
  level: number;
  /** Per seed fraction ρ0: the mean final active fraction (seeds included) with its Student-t interval. */
  points: WattsSizeEstimate[];
  /** Per replicate (row) and ρ0 (column): the final active fraction. */
  replicates: Float64Array[];
}

/**
 * Mean final size of the Watts cascade against the seed fraction ρ0, over replicate graphs.
 *
 * @param opts - {@link WattsEnsembleOptions} and `seedFractions` (each in [0, 1]).
 * @returns per ρ0 the mean active fraction with its interval, and the per-replicate values.
 * @throws FragilityInputError naming `seedFractions`, `runs`, `seed`, `level`, `thresholds`, `graph`.
 *
 * @complexity R × (graph generation + n threshold draws + |ρ0| cascades of O(n + m)).
 *
 * @model per replicate one graph and one set of thresholds; the seeds at ρ0 are the first round(ρ0·n) nodes of
 * one random permutation, so the seed sets are nested and (the dynamics being monotone) each replicate's size is
 * non-decreasing in ρ0.
 *
 * @references Gleeson & Cahalane, PRE 75, 056103 (2007), doi:10.1103/PhysRevE.75.056103; Watts, PNAS 99, 5766
 * (2002), doi:10.1073/pnas.082090499.
 *
 * @example
 * ```ts
 * const r = await simulateWattsSeedFractions({ graph: 'er:n=10000,k=7', thresholds: 0.18, seedFractions: [0.01, 0.1], runs: 10 });
 * ```
 *
 * @category Watts cascades
 */
export async function simulateWattsSeedFractions(
  opts: WattsEnsembleOptions & { seedFractions: readonly number[] },
): Promise<WattsSeedFractionResult> {
  const { runs, seed, level } = common(opts);
  const fr = opts.seedFractions;
  if (!Array.isArray(fr) || fr.length === 0)
    throw new FragilityInputError('seedFractions', fr, 'a non-empty list of seed fractions in [0, 1]');
  fr.forEach((x, i) => checkProbability(`seedFractions[${i}]`, x));
  const cache: { g?: CompactGraph } = {};
  const replicates: Float64Array[] = [];
  let n = 0;
  for (let r = 0; r < runs; r++) {
    const rng = stream(seed, r);
    const g = await replicateGraph(opts.graph, seed, rng.fork(1), cache);
    n = g.n;
    const th = replicateThresholds(g.n, opts.thresholds, rng);
    const perm = randomPermutation(rng.fork(3), g.n);
    replicates.push(
      Float64Array.from(
        fr,
        (x) => wattsThresholdCascade(g, { thresholds: th, seeds: perm.subarray(0, Math.round(x * g.n)) }).size,
      ),
    );
  }
  const points = fr.map((x, k) => {
    const e = meanWithCI(
      Float64Array.from(replicates, (v) => v[k]),
      level,
    );
    return { x, mean: e.mean, sd: e.sd, ci: e.ci };
  });
  return { n, runs, seed, level, points, replicates };
}

/**
 * Result of {@link simulateWattsSingleSeeds}.
 *
 * @category Watts cascades
 */
export interface WattsSingleSeedResult {
  n: number;
  runs: number;
  trialsPerGraph: number;
  seed: number;
  level: number;
  /** A cascade is global when it reaches at least this fraction of the nodes. */
  globalFraction: number;
  /** Trials (runs × trialsPerGraph). */
  trials: number;
  /** Global cascades among them. */
  globalCascades: number;
  /** Frequency of global cascades with its Wilson interval. */
  frequency: number;
  frequencyCi: [number, number];
  /** Mean size of the global cascades (NaN when there was none) with its Student-t interval. */
  globalSize: WattsSizeEstimate;
  /** Mean size of all cascades. */
  meanSize: number;
}

/**
 * Frequency and size of global cascades triggered by one random seed.
 *
 * @param opts - {@link WattsEnsembleOptions}, `trialsPerGraph` (default 10) single seeds per replicate graph, and
 *   `globalFraction` (default 0.05): a cascade is global when it reaches at least that fraction of the n nodes.
 * @returns the frequency with a Wilson interval and the mean size of the global cascades.
 * @throws FragilityInputError naming `trialsPerGraph`, `globalFraction`, `runs`, `seed`, `level`, `thresholds`, `graph`.
 *
 * @complexity R × (graph generation + T cascades of O(n + m) at most).
 *
 * @model per replicate one graph and one set of thresholds, T seeds drawn uniformly with replacement. Outside
 * the cascade window cascades stay O(1) (n → ∞); inside, a seed either stays local or reaches a finite fraction, so
 * the split at `globalFraction` is insensitive to its value away from the window's edges.
 *
 * @references Watts, PNAS 99, 5766 (2002), doi:10.1073/pnas.082090499 (Fig. 1: frequency of global cascades
 * against z); E. B. Wilson, JASA 22, 209 (1927).
 *
 * @example
 * ```ts
 * const r = await simulateWattsSingleSeeds({ graph: 'er:n=10000,k=3', thresholds: 0.18, runs: 20 });
 * r.frequency; // ≈ 0.87
 * ```
 *
 * @category Watts cascades
 */
export async function simulateWattsSingleSeeds(
  opts: WattsEnsembleOptions & { trialsPerGraph?: number; globalFraction?: number },
): Promise<WattsSingleSeedResult> {
  const { runs, seed, level } = common(opts);
  const T = checkInteger('trialsPerGraph', opts.trialsPerGraph ?? 10, 1, 1e7);
  const globalFraction = checkNumber('globalFraction', opts.globalFraction ?? 0.05, Number.MIN_VALUE, 1);
  const cache: { g?: CompactGraph } = {};
  const globalSizes: number[] = [];
  let total = 0;
  let sum = 0;
  let n = 0;
  for (let r = 0; r < runs; r++) {
    const rng = stream(seed, r);
    const g = await replicateGraph(opts.graph, seed, rng.fork(1), cache);
    n = g.n;
    if (n === 0) throw new FragilityInputError('graph', 0, 'a graph with at least one node');
    const th = replicateThresholds(g.n, opts.thresholds, rng);
    const pick = rng.fork(3);
    const seedBuf = new Int32Array(1);
    for (let t = 0; t < T; t++) {
      seedBuf[0] = pick.int(n);
      const s = wattsThresholdCascade(g, { thresholds: th, seeds: seedBuf }).size;
      total++;
      sum += s;
      if (s >= globalFraction) globalSizes.push(s);
    }
  }
  const e = meanWithCI(Float64Array.from(globalSizes), level);
  return {
    n,
    runs,
    trialsPerGraph: T,
    seed,
    level,
    globalFraction,
    trials: total,
    globalCascades: globalSizes.length,
    frequency: globalSizes.length / total,
    frequencyCi: wilsonInterval(globalSizes.length, total, level),
    globalSize: { x: globalFraction, mean: e.mean, sd: e.sd, ci: e.ci },
    meanSize: sum / total,
  };
}
