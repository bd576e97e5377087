/**
 * Finite-size studies of percolation on periodic lattices: the wrapping-probability threshold at several sizes,
 * its extrapolation L → ∞, and the exponents 1/ν and β/ν with intervals.
 *
 * @module
 */
import { FragilityInputError, checkInteger } from '../errors.ts';
import { type EnsembleOptions, type EnsembleRemote, type EnsembleResult, runEnsemble } from './ensemble.ts';
import {
  type FiniteSizeFit,
  type ScalingExponentFit,
  finiteSizeExtrapolation,
  scalingExponentFit,
} from './finite-size.ts';
import { WRAPPING_LATTICES, type WrappingLattice, latticeDimension } from './sweep-wrapping.ts';
import {
  type WrappingKind,
  type WrappingThreshold,
  universalWrappingProbability,
  wrappingCrossing,
} from './wrapping-threshold.ts';

/**
 * Options of {@link finiteSizeStudy}.
 *
 * @category Threshold estimation
 */
export interface FiniteSizeStudyOptions {
  /** The periodic lattice. */
  lattice: WrappingLattice;
  /** Side lengths, >= 2 distinct integers >= 3 (>= 3 sizes to fit the correction exponent). */
  sizes: number[];
  /** `site` (default) or `bond`. */
  mode?: 'site' | 'bond';
  /** Replicates per size: one number for all, or one per size. */
  runs: number | number[];
  /** Seed (default 1); size i uses seed + i so that sizes are independent. */
  seed?: number;
  /** Compute threads (default 1; results identical for any count). */
  workers?: number;
  /** Wrapping event (default `axis`). */
  kind?: WrappingKind;
  /**
   * Correction exponent ω of q_c(L) = q_c + a·L^(−ω), fixed. Default: 2 + 1/ν̂ with the universal R_c (square
   * lattice; Newman & Ziff 2001), 1/ν̂ otherwise, with 1/ν̂ measured by this study. `'fit'` fits it (needs >= 3 sizes).
   */
  omega?: number | 'fit';
  /** Confidence level (default 0.95). */
  level?: number;
  /**
   * Called as replicates finish: `done` of `total` replicates over all sizes (sizes run smallest first, so the
   * later replicates take longer).
   */
  onProgress?: (done: number, total: number) => void;
  /** Compute the replicates on a remote executor (a job queue, see EnsembleOptions.remote); same result. */
  remote?: EnsembleRemote;
}

/**
 * What the reduction of a finite-size study needs besides the ensembles' results (plain data, JSON-safe).
 *
 * @category Threshold estimation
 */
export interface FiniteSizeReduction {
  lattice: WrappingLattice;
  mode: 'site' | 'bond';
  kind: WrappingKind;
  level: number;
  omega?: number | 'fit';
  /** Side lengths in the order of the ensembles (ascending). */
  sizes: number[];
}

/**
 * The validated plan of a finite-size study: its ensembles (ascending L) and what the reduction needs.
 *
 * @category Threshold estimation
 */
export interface FiniteSizePlan {
  reduction: FiniteSizeReduction;
  ensembles: { label: string; options: EnsembleOptions }[];
}

/**
 * One size of a finite-size study.
 *
 * @category Threshold estimation
 */
export interface FiniteSizeStudyRow {
  /** Side length. */
  L: number;
  /** Nodes. */
  n: number;
  /** Replicates. */
  runs: number;
  /** The wrapping threshold at this size. */
  threshold: WrappingThreshold;
  /** Standard deviation over runs of the occupation at which a cluster first wraps along axis 0 (∝ L^(−1/ν)). */
  width: number;
  /** Mean size of the first wrapping cluster (∝ L^(d − β/ν)). */
  wrapMass: number;
  /** Standard error of wrapMass. */
  wrapMassSe: number;
}

/**
 * Result of {@link finiteSizeStudy}.
 *
 * @category Threshold estimation
 */
export interface FiniteSizeStudyResult {
  lattice: WrappingLattice;
  mode: 'site' | 'bond';
  /** Dimension d. */
  dim: number;
  kind: WrappingKind;
  /** One row per size, ascending L. */
  rows: FiniteSizeStudyRow[];
  /** Crossings of the wrapping curves of consecutive sizes. */
  crossings: Array<{ L1: number; L2: number; crossing: WrappingThreshold }>;
  /** Extrapolation of the per-size thresholds to L → ∞ (in n = L^d: ν̄ = d/ω). */
  extrapolation: FiniteSizeFit & { omega: number; omegaSource: string };
  /** 1/ν from the width of the wrapping-point distribution, width ∝ L^(−1/ν). */
  inverseNu: ScalingExponentFit;
  /** β/ν = d − d_f, d_f from the first wrapping cluster's mass ∝ L^(d_f). */
  betaOverNu: ScalingExponentFit;
  /** How every number was obtained. */
  method: string;
}

/**
 * The validated plan of a finite-size study: one ensemble per size (ascending L, size i of the options with seed
 * seed + i) and the reduction's options. {@link finiteSizeStudy} runs and reduces it; `fss --shard` shards it.
 *
 * @param opts - {@link FiniteSizeStudyOptions}.
 * @returns {@link FiniteSizePlan}.
 * @throws FragilityInputError naming `lattice`, `sizes`, `runs` or `omega` before any simulation.
 *
 * @complexity O(|sizes|).
 *
 * @model see {@link finiteSizeStudy}.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * finiteSizePlan({ lattice: 'square', sizes: [16, 32], runs: 50 }).ensembles.map((e) => e.label); // ['L=16', 'L=32']
 * ```
 *
 * @category Threshold estimation
 */
export function finiteSizePlan(opts: FiniteSizeStudyOptions): FiniteSizePlan {
  if (!(WRAPPING_LATTICES as readonly string[]).includes(opts.lattice)) {
    throw new FragilityInputError('lattice', opts.lattice, `one of ${WRAPPING_LATTICES.join(', ')}`);
  }
  const mode = opts.mode ?? 'site';
  if (mode !== 'site' && mode !== 'bond') throw new FragilityInputError('mode', mode, "'site' or 'bond'");
  const sizes = [...opts.sizes];
  const maxL = opts.lattice === 'cubic' ? 700 : 4096;
  for (const L of sizes) checkInteger('sizes', L, 3, maxL);
  if (new Set(sizes).size !== sizes.length || sizes.length < 2) {
    throw new FragilityInputError('sizes', sizes, 'at least 2 distinct side lengths');
  }
  const runsList = Array.isArray(opts.runs) ? [...opts.runs] : sizes.map(() => opts.runs as number);
  if (runsList.length !== sizes.length)
    throw new FragilityInputError('runs', opts.runs, `one count, or one per size (${sizes.length})`);
  for (const r of runsList) checkInteger('runs', r, 2, 1e7);
  const omegaOpt = opts.omega;
  if (omegaOpt === 'fit') {
    if (sizes.length < 3) throw new FragilityInputError('omega', 'fit', 'a fixed number with fewer than 3 sizes');
  } else if (omegaOpt !== undefined && !(omegaOpt > 0 && omegaOpt < 100)) {
    throw new FragilityInputError('omega', omegaOpt, "a number in (0, 100) or 'fit'");
  }
  const kind = opts.kind ?? 'axis';
  const level = opts.level ?? 0.95;
  const seed = opts.seed ?? 1;
  const order = sizes.map((L, i) => ({ L, runs: runsList[i], i })).sort((a, b) => a.L - b.L);

  const ensembles = order.map(({ L, runs, i }) => ({
    label: `L=${L}`,
    options: {
      graph: `${opts.lattice}:L=${L}`,
      mode,
      runs,
      seed: seed + i,
      workers: opts.workers ?? 1,
      grid: [0, 1],
      bootstrap: 0,
      level,
      wrapping: true,
      wrappingKind: kind,
    } satisfies EnsembleOptions,
  }));
  const reduction: FiniteSizeReduction = {
    lattice: opts.lattice,
    mode,
    kind,
    level,
    ...(omegaOpt === undefined ? {} : { omega: omegaOpt }),
    sizes: order.map((o) => o.L),
  };
  return { reduction, ensembles };
}

/**
 * A finite-size study of site or bond percolation on a periodic lattice by the wrapping-probability estimator.
 *
 * @param opts - {@link FiniteSizeStudyOptions}.
 * @returns per-size thresholds, crossings, the extrapolated threshold with its interval and a warning if the fitted
 *   correction exponent ran to the edge of its range, and 1/ν, β/ν with intervals.
 * @throws FragilityInputError naming `lattice`, `sizes`, `runs`, `omega` or `workers` before any simulation.
 *
 * @complexity Σ_L runs_L·O(L^d·α) per size (two sweeps per replicate: plain and wrapping), spread over `workers`.
 *
 * @model q_c(L) where R_L(q) = R_c (universal) or 1/2; q_c(L) = q_c + a·L^(−ω) (weighted by the per-size se);
 * width of the wrapping-point distribution ∝ L^(−1/ν); mass of the incipient wrapping cluster ∝ L^(d−β/ν).
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706; Newman & Ziff, PRL 85,
 * 4104 (2000), doi:10.1103/PhysRevLett.85.4104; Stauffer & Aharony (1994) §4; exact 2D exponents ν = 4/3,
 * β = 5/36 (den Nijs 1979; Nienhuis 1982); see docs/reference/literature-values.md.
 *
 * @example
 * ```ts
 * const s = await finiteSizeStudy({ lattice: 'square', sizes: [32, 64, 128], runs: 50 });
 * s.extrapolation.q_c; // ≈ 0.592 (the square-lattice site threshold is 0.592746)
 * ```
 *
 * @category Threshold estimation
 */
export async function finiteSizeStudy(opts: FiniteSizeStudyOptions): Promise<FiniteSizeStudyResult> {
  const plan = finiteSizePlan(opts);
  const results: EnsembleResult[] = [];
  const total = plan.ensembles.reduce((a, e) => a + (e.options.runs ?? 0), 0);
  let before = 0; // replicates of the sizes already done
  for (const e of plan.ensembles) {
    const base = before;
    const progress = opts.onProgress ? { onProgress: (done: number) => opts.onProgress!(base + done, total) } : {};
    results.push(await runEnsemble({ ...e.options, ...progress, ...(opts.remote ? { remote: opts.remote } : {}) }));
    before += e.options.runs ?? 0;
  }
  return finiteSizeReduce(plan.reduction, results);
}

/**
 * The reduction of a finite-size study from its ensembles' results (what {@link finiteSizeStudy} does after the
 * simulations; `fragility merge` calls it on merged shards).
 *
 * @param red - {@link FiniteSizeReduction} (from {@link finiteSizePlan}).
 * @param results - the ensembles' results, in the plan's order (ascending L).
 * @returns {@link FiniteSizeStudyResult}.
 * @throws FragilityInputError naming `omega` when the measured 1/ν is not positive and ω is not given.
 *
 * @complexity O(Σ runs) plus the fits.
 *
 * @model see {@link finiteSizeStudy}.
 *
 * @references see {@link finiteSizeStudy}.
 *
 * @example
 * ```ts
 * const plan = finiteSizePlan({ lattice: 'square', sizes: [16, 32], runs: 50 });
 * finiteSizeReduce(plan.reduction, await Promise.all(plan.ensembles.map((e) => runEnsemble(e.options))));
 * ```
 *
 * @category Threshold estimation
 */
export function finiteSizeReduce(red: FiniteSizeReduction, results: EnsembleResult[]): FiniteSizeStudyResult {
  const { kind, level, mode } = red;
  const omegaOpt = red.omega;
  const dim = latticeDimension(red.lattice);
  const opts = { lattice: red.lattice };
  const rows: FiniteSizeStudyRow[] = [];
  const samples = [];
  for (let b = 0; b < results.length; b++) {
    const res = results[b];
    const L = red.sizes[b];
    const runs = res.runs;
    const s = res.wrappingSamples!;
    samples.push(s);
    const occ = new Float64Array(s.runs);
    for (let r = 0; r < s.runs; r++) occ[r] = s.firstWrap[r * s.dim] / s.steps;
    const mass = s.wrapMass!;
    rows.push({
      L,
      n: res.n,
      runs,
      threshold: res.wrappingThreshold!,
      width: sd(occ),
      wrapMass: mean(mass),
      wrapMassSe: sd(mass) / Math.sqrt(s.runs),
    });
  }
  const crossings = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    crossings.push({
      L1: rows[i].L,
      L2: rows[i + 1].L,
      crossing: wrappingCrossing(samples[i], samples[i + 1], { kind, level }),
    });
  }
  const inverseNuFit = scalingExponentFit(
    rows.map((r) => ({ L: r.L, y: r.width, se: r.width / Math.sqrt(2 * (r.runs - 1)) })),
    level,
  );
  const inverseNu: ScalingExponentFit = {
    ...inverseNuFit,
    exponent: -inverseNuFit.exponent,
    ci: [-inverseNuFit.ci[1], -inverseNuFit.ci[0]],
  };
  const df = scalingExponentFit(
    rows.map((r) => ({ L: r.L, y: r.wrapMass, se: r.wrapMassSe })),
    level,
  );
  const betaOverNu: ScalingExponentFit = { ...df, exponent: dim - df.exponent, ci: [dim - df.ci[1], dim - df.ci[0]] };

  const universal = universalWrappingProbability(opts.lattice, kind) !== null;
  let omega: number;
  let omegaSource: string;
  const pts = rows
    .filter((r) => r.threshold.q_c !== null)
    .map((r) => ({ n: r.n, q_c: r.threshold.q_c!, se: r.threshold.se }));
  let fit: FiniteSizeFit;
  if (omegaOpt === 'fit') {
    fit = finiteSizeExtrapolation(pts, { level, thetaRange: [0.05 / dim, 4 / dim] });
    omega = dim / fit.nuBar;
    omegaSource = 'fitted';
    if (fit.warning) {
      fit.warning = `the fitted ω = ${omega.toPrecision(4)} is at the edge of its search range [0.05, 4]: the data do not determine the correction exponent; fix it with omega`;
    }
  } else {
    if (omegaOpt !== undefined) {
      omega = omegaOpt;
      omegaSource = 'given';
    } else if (universal) {
      omega = 2 + inverseNu.exponent;
      omegaSource = `2 + 1/ν with 1/ν = ${inverseNu.exponent.toFixed(4)} measured here (universal R_c: corrections O(L^(−2−1/ν)), Newman & Ziff 2001)`;
    } else {
      omega = inverseNu.exponent;
      omegaSource = `1/ν = ${inverseNu.exponent.toFixed(4)} measured here (R = 1/2 is not the universal value: corrections O(L^(−1/ν)))`;
    }
    if (!(omega > 0))
      throw new FragilityInputError(
        'omega',
        omega,
        'a positive correction exponent (the measured 1/ν is not positive: use more runs or --omega)',
      );
    fit = finiteSizeExtrapolation(pts, { nuBar: dim / omega, level });
  }
  return {
    lattice: opts.lattice,
    mode,
    dim,
    kind,
    rows,
    crossings,
    extrapolation: { ...fit, omega, omegaSource },
    inverseNu,
    betaOverNu,
    method:
      `wrapping-probability thresholds (Newman & Ziff 2001) at each size, extrapolated with q_c(L) = q_c + a·L^(−ω) weighted by ` +
      `their standard errors; 1/ν from the width of the wrapping-point distribution, β/ν = d − d_f from the mass of the first ` +
      `wrapping cluster (log–log fits weighted by their standard errors)`,
  };
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

function sd(x: ArrayLike<number>): number {
  const m = mean(x);
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2;
  return Math.sqrt(v / (x.length - 1));
}
