/**
 * The simulated overload threshold, estimated adaptively: the smallest forced initial supernode loss at which the
 * overload simulation collapses (in half of the runs), by a sequential probit design with a profile-likelihood
 * interval — and the same estimate at several population scales (the finite-size study).
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import { simulateOverloadCollapsed } from './overload/simulate.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  scaledPopulation,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';
import { fixedProbitDesign, sequentialProbitDesign } from './sequential-probit.ts';

/**
 * Options of {@link simulatedCriticalLoss}.
 *
 * @category Overload model
 */
export interface SimulatedCriticalLossOptions {
  /** Seed (default 1): run r of the design is `simulateOverload(…, { seed, index: r })`, i.e. draws stream(seed, r). */
  seed?: number;
  /** Simulated hours per run (default min(3, params.durationHours): a collapse comes within the first hour). */
  durationHours?: number;
  /** Losses searched (default [0, 0.5]); the bracketing round is an even grid over it. */
  lossRange?: [number, number];
  /** Runs per round (default 12). */
  batch?: number;
  /** Run budget (default 480). */
  maxRuns?: number;
  /** Target half-width of the interval (default 0.01). */
  targetHalfWidth?: number;
  /** Confidence of the interval (default 0.95). */
  confidence?: number;
  /**
   * 'adaptive' (default): the sequential probit design. 'grid': a fixed design fixed before any run (so it can be
   * sharded, see fixedProbitDesign): `gridPoints` losses evenly spaced over `lossRange` × `gridRuns` runs each, the
   * same penalised probit fit and interval; `batch` and `maxRuns` do not apply.
   */
  design?: 'adaptive' | 'grid';
  /** Grid design: number of losses (default 21). */
  gridPoints?: number;
  /** Grid design: runs per loss (default 24). */
  gridRuns?: number;
}

/**
 * Runs and collapsed runs at one forced loss.
 *
 * @category Overload model
 */
export interface CriticalLossPoint {
  loss: number;
  runs: number;
  collapsed: number;
}

/**
 * Result of {@link simulatedCriticalLoss}.
 *
 * @category Overload model
 */
export interface SimulatedCriticalLoss {
  /** The loss at which half of the runs collapse (probit 50 % point), or null (see `reason`). */
  criticalLoss: number | null;
  /** Its 95 % (or `confidence`) profile-likelihood interval, null with criticalLoss. */
  ci: [number, number] | null;
  /** 'probit-sequential' (the adaptive design) or 'probit-grid' (the fixed grid design). */
  method: 'probit-sequential' | 'probit-grid';
  /** How the interval was computed. */
  ciMethod: 'profile-likelihood (Firth-penalised probit)';
  /** Width σ̂ = 1/ŝ of the fitted probit transition in loss (null with criticalLoss). */
  transitionWidth: number | null;
  runs: number;
  rounds: number;
  halfWidth: number;
  targetHalfWidth: number;
  targetMet: boolean;
  /** Per simulated loss (multiples of 1/S, the losses the model can realise): runs and collapsed runs. */
  points: CriticalLossPoint[];
  seed: number;
  /** Population simulated. */
  scale: number;
  clients: number;
  supernodes: number;
  /** Simulated hours per run. */
  durationHours: number;
  /** Why criticalLoss is null or the target was not met. */
  reason?: string;
}

/** Validate the parameters and the options of {@link simulatedCriticalLoss} (no run); returns the resolved options. */
function checkCriticalLossOptions(base: OverloadParams, options: SimulatedCriticalLossOptions) {
  validateOverloadParams(base);
  const seed = checkInteger('seed', options.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const duration = checkNumber('durationHours', options.durationHours ?? Math.min(3, base.durationHours), 1e-6, 1e6);
  const range = options.lossRange ?? [0, 0.5];
  if (!(Array.isArray(range) && range.length === 2 && range[0] >= 0 && range[1] <= 1 && range[0] < range[1])) {
    throw new FragilityInputError('lossRange', range, 'an interval [lo, hi] with 0 <= lo < hi <= 1');
  }
  const target = checkNumber('targetHalfWidth', options.targetHalfWidth ?? 0.01, 0, 1);
  const batch = checkInteger('batch', options.batch ?? 12, 2, 100_000);
  const maxRuns = checkInteger('maxRuns', options.maxRuns ?? 480, 2 * batch, 1e9);
  if (options.confidence !== undefined && !(options.confidence > 0 && options.confidence < 1)) {
    throw new FragilityInputError('confidence', options.confidence, 'a number in (0, 1)');
  }
  const design = options.design ?? 'adaptive';
  if (design !== 'adaptive' && design !== 'grid')
    throw new FragilityInputError('design', design, "'adaptive' or 'grid'");
  const gridPoints = checkInteger('gridPoints', options.gridPoints ?? 21, 2, 100_000);
  const gridRuns = checkInteger('gridRuns', options.gridRuns ?? 24, 1, 1e7);
  validateOverloadParams(withOverloadParams(base, { forcedLoss: range[1], durationHours: duration }));
  return { seed, duration, range: range as [number, number], target, batch, maxRuns, design, gridPoints, gridRuns };
}

/**
 * Estimate the simulated critical supernode loss f_c adaptively: a bracketing round over the loss range, then rounds of
 * runs placed across the current interval, a Firth-penalised probit fit of collapse (0/1) against loss after each
 * round, until the 95 % profile-likelihood interval of the 50 % point has half-width ≤ `targetHalfWidth` or the run
 * budget is spent.
 *
 * @param input - model parameters (full or a partial override of the 2010 defaults; `forcedLoss` is set per run).
 * @param options - {@link SimulatedCriticalLossOptions}.
 * @returns {@link SimulatedCriticalLoss}.
 * @throws FragilityInputError naming every model field, `seed`, `batch`, `maxRuns`, `targetHalfWidth`, `lossRange`,
 *   `durationHours` — all checked before the first run.
 *
 * @complexity at most maxRuns runs of O(T·(S + bins)) each (T = durationHours/dt); at the 2010 default scale 0.02
 * about 35 ms per run that does not collapse, 15 ms per run that does; typically 48–72 runs.
 *
 * @model the forced-loss mode of simulateOverload: at T, round(f·S) random supernodes crash, and a share
 * min(1, f·forcedClientCrashRatio) of the clients; a run collapses when its minimum online fraction falls below
 * `collapseThreshold` (0.5). Design losses are rounded to multiples of 1/S, the losses the model realises, so each
 * reported point is exactly what was simulated. P(collapse | f) = Φ((f − f_c)/σ) fitted by penalised maximum
 * likelihood ({@link sequentialProbitThreshold}); the old fixed-grid estimate drew a straight line across the grid's
 * jump from no collapse to certain collapse, which is what made it move with the seed (issue 12).
 *
 * @references D. Firth, Biometrika 80, 27 (1993); B. T. Neyer, Technometrics 36, 61 (1994); D. J. Venzon,
 * S. H. Moolgavkar, Appl. Stat. 37, 87 (1988).
 *
 * @example
 * ```ts
 * const r = simulatedCriticalLoss({ scale: 0.01 }, { seed: 1 });
 * r; // { criticalLoss: ≈ 0.099, halfWidth: <= 0.01, targetMet: true }
 * ```
 *
 * @category Overload model
 */
export function simulatedCriticalLoss(
  input: OverloadParamsInput | OverloadParams = {},
  options: SimulatedCriticalLossOptions = {},
): SimulatedCriticalLoss {
  return driveOverloadDesign(criticalLossDesign(input, options), runOverloadBatch);
}

/**
 * One round of the overload threshold design at one scale: the runs whose outcomes the design needs next. Everything
 * a remote worker needs is here (plain data): run r is `simulateOverload({ ...params, forcedLoss: loss }, { seed,
 * index: r })` and its outcome is whether it collapsed.
 *
 * @category Overload model
 */
export interface OverloadRunBatch {
  /** The scale's model parameters, with `durationHours` and `sampleEvery` set (`forcedLoss` is set per run). */
  params: OverloadParams;
  /** Seed of the design: run r draws stream(seed, r). */
  seed: number;
  /** Round of the design (0 = the bracketing grid). */
  round: number;
  /** The runs: index r and forced loss, in run order. */
  runs: { r: number; loss: number }[];
}

/**
 * Run one batch of the overload threshold design in this thread.
 *
 * @param batch - {@link OverloadRunBatch}.
 * @returns whether each run collapsed, in run order.
 *
 * @complexity |runs| runs of simulateOverload, each stopped at the step where it has collapsed (its outcome is
 * then decided).
 *
 * @model see {@link simulatedCriticalLoss}; `collapsed` of simulateOverload for each run.
 *
 * @references —.
 *
 * @example
 * ```ts
 * const params = withOverloadParams(skype2010OverloadParams, { scale: 0.005 });
 * runOverloadBatch({ params, seed: 1, round: 0, runs: [{ r: 0, loss: 0.1 }] }); // one collapsed flag per run
 * ```
 *
 * @category Overload model
 */
export function runOverloadBatch(batch: OverloadRunBatch): boolean[] {
  return batch.runs.map(({ r, loss }) =>
    simulateOverloadCollapsed(withOverloadParams(batch.params, { forcedLoss: loss }), { seed: batch.seed, index: r }),
  );
}

/**
 * Drive a design generator ({@link criticalLossDesign}, {@link finiteSizeDesign}) with a synchronous batch runner.
 *
 * @param design - the generator.
 * @param run - runs a batch, returns its outcomes in run order.
 * @returns the design's result.
 *
 * @complexity that of the runs and the fits.
 *
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * driveOverloadDesign(criticalLossDesign({ scale: 0.01 }, { seed: 2 }), runOverloadBatch);
 * ```
 *
 * @category Overload model
 */
export function driveOverloadDesign<T>(
  design: Generator<OverloadRunBatch, T, boolean[]>,
  run: (b: OverloadRunBatch) => boolean[],
): T {
  let step = design.next();
  while (!step.done) step = design.next(run(step.value));
  return step.value;
}

/**
 * Drive a design generator with an asynchronous batch runner (a job queue, a pool): the same rounds, the same result
 * as {@link driveOverloadDesign}, whoever runs the batches.
 *
 * @param design - the generator.
 * @param run - runs a batch, resolves to its outcomes in run order.
 * @returns the design's result.
 *
 * @complexity that of the runs and the fits.
 *
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * await driveOverloadDesignAsync(criticalLossDesign({ scale: 0.01 }), async (b) => runOverloadBatch(b));
 * ```
 *
 * @category Overload model
 */
export async function driveOverloadDesignAsync<T>(
  design: Generator<OverloadRunBatch, T, boolean[]>,
  run: (b: OverloadRunBatch) => Promise<boolean[]>,
): Promise<T> {
  let step = design.next();
  while (!step.done) step = design.next(await run(step.value));
  return step.value;
}

/**
 * The design behind {@link simulatedCriticalLoss} as a generator of run batches (one per round): a round's losses
 * are a fixed function of the earlier rounds' outcomes and run r draws stream(seed, r), so the runs of a round can
 * be computed anywhere (src/queue) and the result is the same to the last bit.
 *
 * @param input - model parameters.
 * @param options - {@link SimulatedCriticalLossOptions}.
 * @returns a generator: yields {@link OverloadRunBatch}, receives outcomes, returns {@link SimulatedCriticalLoss}.
 * @throws FragilityInputError as simulatedCriticalLoss, at the first `next()`.
 *
 * @complexity one probit fit per round.
 *
 * @model see {@link simulatedCriticalLoss}.
 *
 * @references see {@link simulatedCriticalLoss}.
 *
 * @example
 * ```ts
 * driveOverloadDesign(criticalLossDesign({ scale: 0.01 }, { seed: 1 }), runOverloadBatch).criticalLoss; // ≈ 0.099 (as simulatedCriticalLoss)
 * ```
 *
 * @category Overload model
 */
export function* criticalLossDesign(
  input: OverloadParamsInput | OverloadParams = {},
  options: SimulatedCriticalLossOptions = {},
): Generator<OverloadRunBatch, SimulatedCriticalLoss, boolean[]> {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  const {
    seed,
    duration,
    range,
    target,
    batch,
    maxRuns,
    design: kind,
    gridPoints,
    gridRuns,
  } = checkCriticalLossOptions(base, options);
  const { clients, supernodes: S } = scaledPopulation(base);
  const p0 = withOverloadParams(base, { durationHours: duration, sampleEvery: 1_000_000 });
  const conf = options.confidence !== undefined ? { confidence: options.confidence } : {};
  const design =
    kind === 'grid'
      ? fixedProbitDesign({
          seed,
          domain: range,
          points: gridPoints,
          runsPerPoint: gridRuns,
          targetHalfWidth: target,
          grid: 1 / S,
          ...conf,
        })
      : sequentialProbitDesign({ seed, domain: range, batch, maxRuns, targetHalfWidth: target, grid: 1 / S, ...conf });
  let step = design.next();
  while (!step.done) {
    const { xs, firstRun, round } = step.value;
    const outcomes = yield { params: p0, seed, round, runs: xs.map((loss, j) => ({ r: firstRun + j, loss })) };
    step = design.next(outcomes);
  }
  const r = step.value;
  const out: SimulatedCriticalLoss = {
    criticalLoss: r.location,
    ci: r.ci,
    method: kind === 'grid' ? 'probit-grid' : 'probit-sequential',
    ciMethod: 'profile-likelihood (Firth-penalised probit)',
    transitionWidth: r.slope === null ? null : r.slope === Infinity ? 0 : 1 / r.slope,
    runs: r.runs,
    rounds: r.rounds,
    halfWidth: r.halfWidth,
    targetHalfWidth: target,
    targetMet: r.targetMet,
    points: r.points.map((q) => ({ loss: q.x, runs: q.runs, collapsed: q.events })),
    seed,
    scale: base.scale,
    clients,
    supernodes: S,
    durationHours: duration,
  };
  if (r.reason) {
    out.reason =
      r.location === null
        ? r.reason
            .replace('every run had the event', 'every run collapsed')
            .replace('no run had the event', 'no run collapsed')
            .replace(/x = /g, 'loss ')
        : r.reason;
  }
  return out;
}

/**
 * Options of {@link finiteSizeCriticalLoss}.
 *
 * @category Overload model
 */
export interface FiniteSizeCriticalLossOptions extends SimulatedCriticalLossOptions {
  /** Population scales (default {@link DEFAULT_FINITE_SIZE_SCALES}). */
  scales?: readonly number[];
  /** Called after each scale with its row. */
  onScale?: (row: FiniteSizeRow, done: number, total: number) => void;
}

/**
 * One scale of {@link finiteSizeCriticalLoss}.
 *
 * @category Overload model
 */
export interface FiniteSizeRow extends SimulatedCriticalLoss {
  /** Wall-clock seconds spent on this scale. */
  seconds: number;
}

/**
 * Default scales of the finite-size study: 0.005 to 0.2. At 0.5 and 1 a run that does not collapse costs ≈ 1 s and
 * ≈ 2 s (measured on the 2-core development machine, scale 1 ≈ 55 runs ≈ 1 min), so they are opt-in (`scales`).
 *
 * @category Overload model
 */
export const DEFAULT_FINITE_SIZE_SCALES: readonly number[] = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2];

/**
 * Check the parameters and the options of {@link finiteSizeCriticalLoss} without running anything.
 *
 * @param input - model parameters.
 * @param options - scales and the options of simulatedCriticalLoss.
 * @throws FragilityInputError naming `scales[i]`, a model field or an option.
 *
 * @complexity O(|scales|) parameter validations.
 *
 * @model —.
 * @references —.
 *
 * @example
 * ```ts
 * checkFiniteSizeOptions({}, { scales: [0.01, 2] }); // throws: scales[1]
 * ```
 *
 * @category Overload model
 */
export function checkFiniteSizeOptions(
  input: OverloadParamsInput | OverloadParams,
  options: FiniteSizeCriticalLossOptions = {},
): void {
  const scales = options.scales ?? DEFAULT_FINITE_SIZE_SCALES;
  if (!Array.isArray(scales) || scales.length === 0)
    throw new FragilityInputError('scales', scales, 'a non-empty list of scales in (0, 1]');
  scales.forEach((s, i) => {
    if (!(typeof s === 'number' && s > 0 && s <= 1))
      throw new FragilityInputError(`scales[${i}]`, s, 'a number in (0, 1]');
  });
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  for (const s of scales) checkCriticalLossOptions(withOverloadParams(base, { scale: s }), options);
}

/**
 * The simulated critical loss at several population scales (the finite-size study): one
 * {@link simulatedCriticalLoss} per scale, each with the same seed and design rules.
 *
 * @param input - model parameters (the `scale` is replaced per row).
 * @param options - scales, plus the options of {@link simulatedCriticalLoss}.
 * @returns one row per scale, in the order given.
 * @throws FragilityInputError naming `scales[i]` (a number in (0, 1]) and every option of simulatedCriticalLoss,
 *   before the first run.
 *
 * @complexity Σ over scales of the runs of simulatedCriticalLoss; the cost of a run grows linearly with the scale.
 *
 * @model as simulatedCriticalLoss. The fluid limit (src/analytic) is the scale → ∞ limit of the same dynamics;
 * at small scales the transition is wide (σ̂ large: few supernodes, so the per-supernode noise of the restart storm
 * decides) and its 50 % point can sit away from the fluid value.
 *
 * @references as simulatedCriticalLoss.
 *
 * @example
 * ```ts
 * const rows = finiteSizeCriticalLoss({}, { scales: [0.005, 0.02] });
 * rows.map((r) => [r.scale, r.criticalLoss, r.ci]);
 * ```
 *
 * @category Overload model
 */
export function finiteSizeCriticalLoss(
  input: OverloadParamsInput | OverloadParams = {},
  options: FiniteSizeCriticalLossOptions = {},
): FiniteSizeRow[] {
  return driveOverloadDesign(finiteSizeDesign(input, options), runOverloadBatch);
}

/**
 * The finite-size study ({@link finiteSizeCriticalLoss}) as a generator of run batches: the scales one after
 * another, each a {@link criticalLossDesign}. Options are checked for every scale before the first batch.
 *
 * @param input - model parameters (the `scale` is replaced per row).
 * @param options - scales, plus the options of {@link simulatedCriticalLoss}.
 * @returns a generator: yields {@link OverloadRunBatch}, receives outcomes, returns one row per scale.
 * @throws FragilityInputError as finiteSizeCriticalLoss, at the first `next()`.
 *
 * @complexity as finiteSizeCriticalLoss.
 *
 * @model as finiteSizeCriticalLoss; `seconds` is the wall-clock time from a scale's first batch to its result
 * (a timing field: it differs from run to run).
 *
 * @references as simulatedCriticalLoss.
 *
 * @example
 * ```ts
 * driveOverloadDesign(finiteSizeDesign({}, { scales: [0.005] }), runOverloadBatch);
 * ```
 *
 * @category Overload model
 */
export function* finiteSizeDesign(
  input: OverloadParamsInput | OverloadParams = {},
  options: FiniteSizeCriticalLossOptions = {},
): Generator<OverloadRunBatch, FiniteSizeRow[], boolean[]> {
  const scales = options.scales ?? DEFAULT_FINITE_SIZE_SCALES;
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  const { scales: _s, onScale, ...rest } = options;
  checkFiniteSizeOptions(base, options);
  const rows: FiniteSizeRow[] = [];
  for (let i = 0; i < scales.length; i++) {
    const t0 = performance.now();
    const r = yield* criticalLossDesign(withOverloadParams(base, { scale: scales[i] }), rest);
    const row = { ...r, seconds: Math.round(performance.now() - t0) / 1000 };
    rows.push(row);
    onScale?.(row, i + 1, scales.length);
  }
  return rows;
}
