/**
 * The reduction of an ensemble: canonical means and intervals of the replicate curves, the peak and largest-gap
 * thresholds, the wrapping estimate and the microcanonical averages, all in replicate order.
 *
 * @module
 */
import { FragilityInputError } from '../../errors.ts';
import type { ExperimentIdentity } from '../checkpoint.ts';
import { peakThreshold } from '../peak-threshold.ts';
import { noTransitionReason } from '../transition.ts';
import type { LatticeGeometry } from '../sweep-wrapping.ts';
import {
  type WrappingKind,
  type WrappingThreshold,
  type WrappingSamples,
  packWrappingSweeps,
  universalWrappingProbability,
  wrappingThreshold,
} from '../wrapping-threshold.ts';
import type { ReplicateResult, SweepMode } from '../replicate.ts';
import { meanWithCI } from '../statistics.ts';
import type { EnsembleReduction, EnsembleResult, SweepCurveSummary, SweepPointEstimate } from './types.ts';

function summarize(curves: Float64Array[], from: number, count: number, level: number): SweepCurveSummary {
  const R = curves.length;
  const mean = new Float64Array(count);
  const sd = new Float64Array(count);
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  const col = new Float64Array(R);
  for (let i = 0; i < count; i++) {
    for (let r = 0; r < R; r++) col[r] = curves[r][from + i];
    const e = meanWithCI(col, level);
    mean[i] = e.mean;
    sd[i] = e.sd;
    lo[i] = e.ci[0];
    hi[i] = e.ci[1];
  }
  return { mean, sd, lo, hi };
}

/** The wrapping-probability threshold of the replicates and the samples behind it. */
function wrappingEstimate(
  all: ReplicateResult[],
  wrapping: LatticeGeometry,
  kind: WrappingKind,
  level: number,
): { threshold: WrappingThreshold; samples: WrappingSamples } {
  const samples = packWrappingSweeps(
    all.map((x) => ({ steps: x.steps, dim: x.firstWrap!.length, firstWrap: x.firstWrap!, wrapMass: x.wrapMass! })),
  );
  const uc = universalWrappingProbability(wrapping.lattice, kind);
  const threshold = wrappingThreshold(samples, uc ?? 0.5, {
    kind,
    level,
    targetSource:
      uc !== null
        ? `universal value on the ${wrapping.lattice === 'square' ? 'square (τ = i)' : 'hexagonal (τ = e^(2πi/3))'} torus, Pinson 1994`
        : `median wrapping occupation: no universal R_c tabulated for the ${wrapping.lattice} torus, bias O(L^(−1/ν))`,
  });
  return { threshold, samples };
}

/** Per-k mean and variance of largest/n over replicates of one size. */
function microcanonicalAverages(all: ReplicateResult[]): { mean: Float64Array; variance: Float64Array } {
  const steps = all[0].steps;
  const n = all[0].n;
  if (all.some((x) => x.steps !== steps || x.n !== n || !x.largest)) {
    throw new FragilityInputError('microcanonical', true, 'replicates of one size (fixed n and m) for per-k averages');
  }
  // Integer sums are exact in doubles (L ≤ 2^31, R·L² < 2^53 for R·n² < 9e15), hence order-independent.
  const s1 = new Float64Array(steps + 1);
  const s2 = new Float64Array(steps + 1);
  for (const x of all) {
    const L = x.largest!;
    for (let k = 0; k <= steps; k++) {
      s1[k] += L[k];
      s2[k] += L[k] * L[k];
    }
  }
  const mean = new Float64Array(steps + 1);
  const variance = new Float64Array(steps + 1);
  const R = all.length;
  for (let k = 0; k <= steps; k++) {
    mean[k] = s1[k] / R / n;
    variance[k] = R > 1 ? Math.max(0, (s2[k] - (s1[k] * s1[k]) / R) / (R - 1)) / (n * n) : NaN;
  }
  return { mean, variance };
}

/**
 * Reduce the replicates of an ensemble to its result: canonical means, intervals and thresholds, in replicate order
 * (the same doubles whichever process or thread computed each replicate). `runEnsemble` ends with it;
 * `mergeShardFiles` applies it to the replicates of shard files.
 *
 * @param all - replicates 0 … R−1, each at its index.
 * @param experiment - the experiment identity (seed, mode, qs, microcanonical are read).
 * @param reduction - the reduction parameters ({@link EnsembleReduction}).
 * @param counts - runs R, replicates resumed from a checkpoint, worker retries (reported as given).
 * @returns {@link EnsembleResult}.
 * @throws FragilityInputError naming `microcanonical` when replicates differ in size.
 *
 * @complexity O(R·|qs|) plus the bootstrap O(B·R·G) and, with microcanonical, O(R·steps).
 *
 * @model as `runEnsemble`.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const { results, header } = mergeShardFiles(['s0.ndjson', 's1.ndjson', 's2.ndjson']);
 * reduceEnsemble(results, header.experiment, header.reduction, { runs: header.runs, resumed: 0, retries: 0 });
 * ```
 *
 * @category Ensembles
 */
export function reduceEnsemble(
  all: ReplicateResult[],
  experiment: Pick<ExperimentIdentity, 'seed' | 'mode' | 'qs' | 'microcanonical'>,
  reduction: EnsembleReduction,
  counts: { runs: number; resumed: number; retries: number },
): EnsembleResult {
  const { runs, resumed, retries } = counts;
  const { seed, microcanonical } = experiment;
  const mode = experiment.mode as SweepMode;
  const { level, thresholdObservable, wrapping } = reduction;
  const G = reduction.gridPoints;
  const grid = Float64Array.from(experiment.qs.slice(0, G));
  const at = experiment.qs.slice(G);
  const orderName = reduction.order;
  const label = reduction.graph;
  const giantCurves = all.map((x) => x.giant);
  const giant = summarize(giantCurves, 0, G, level);
  const second = summarize(
    all.map((x) => x.second),
    0,
    G,
    level,
  );
  const susceptibility = summarize(
    all.map((x) => x.susceptibility),
    0,
    G,
    level,
  );
  const atSummary = summarize(giantCurves, G, at.length, level);
  const atOut: SweepPointEstimate[] = at.map((q, i) => ({
    q,
    S: atSummary.mean[i],
    sd: atSummary.sd[i],
    ci: [atSummary.lo[i], atSummary.hi[i]],
  }));
  const thrCurves = all.map((x) => (thresholdObservable === 'second' ? x.second : x.susceptibility).subarray(0, G));
  const thr = peakThreshold(grid, thrCurves, { bootstrap: reduction.bootstrap, seed, level });
  const gap = meanWithCI(
    Float64Array.from(all, (x) => x.gapQ),
    level,
  );
  // No transition to locate (issue 14): both estimators say so with the same reason rather than report q_c = 1 or
  // the position of a meaningless jump. The giant at full occupation is read at q = 1 when the grid reaches it.
  const n0 = all[0].n;
  const top = G > 0 && grid[G - 1] === 1 ? giant.mean[G - 1] : undefined;
  const none = noTransitionReason(n0, top, top === undefined ? undefined : top * n0) ?? thr.reason;
  const gapNone = noTransitionReason(n0, top, top === undefined ? undefined : top * n0);

  const out: EnsembleResult = {
    runs,
    seed,
    mode,
    order: orderName,
    graph: label,
    graphPerReplicate: reduction.graphPerReplicate,
    n: all[0].n,
    steps: all[0].steps,
    level,
    grid,
    giant,
    second,
    susceptibility,
    at: atOut,
    threshold: none
      ? { q_c: null, ci: [NaN, NaN], observable: thresholdObservable, method: 'peak', bootstrap: 0, reason: none }
      : { q_c: thr.q_c, ci: thr.ci, observable: thresholdObservable, method: 'peak', bootstrap: thr.bootstrap },
    gapThreshold: gapNone
      ? { q_c: null, sd: NaN, ci: [NaN, NaN], reason: gapNone }
      : { q_c: gap.mean, sd: gap.sd, ci: gap.ci },
    resumed,
    retries,
  };
  if (wrapping) {
    const w = wrappingEstimate(all, wrapping, reduction.wrappingKind ?? 'axis', level);
    out.wrappingThreshold = w.threshold;
    out.wrappingSamples = w.samples;
  }
  if (microcanonical) out.microcanonical = microcanonicalAverages(all);
  return out;
}
