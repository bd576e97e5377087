/**
 * The overload threshold three ways, on one model: the fluid limit (deterministic), the adaptive simulated
 * estimate at several population scales (the finite-size study), and the static mean field kept as a labelled bound.
 *
 * @module
 */
import { fluidCriticalLoss } from '../analytic/overload-fluid.ts';
import { overloadCriticalLossFromParams } from '../analytic/overload-mean-field.ts';
import {
  type FiniteSizeRow,
  type OverloadRunBatch,
  type SimulatedCriticalLossOptions,
  checkFiniteSizeOptions,
  driveOverloadDesign,
  driveOverloadDesignAsync,
  finiteSizeDesign,
  runOverloadBatch,
} from '../cascade/overload-threshold.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';
import { linePlot } from '../report/line-plot.ts';
import { markdownTable } from '../report/markdown-table.ts';

/**
 * One sentence on why the static mean field is only a bound (shown wherever the bound is).
 *
 * @category Overload model
 */
export const STATIC_BOUND_NOTE =
  'The static mean field shares a single estimated restart surge equally among the surviving supernodes; it overstates the averaged storm and leaves out the feedback of supernodes that shut down (their clients search again) and the averaging window of the load, so it is a rough bound, not a prediction.';

/**
 * Options of {@link compareOverloadThreshold}.
 *
 * @category Overload model
 */
export interface CompareOverloadThresholdOptions extends SimulatedCriticalLossOptions {
  /** Population scales of the simulated estimate (default DEFAULT_FINITE_SIZE_SCALES: 0.005 … 0.2). */
  scales?: readonly number[];
  /** Called after each scale. */
  onScale?: (row: FiniteSizeRow, done: number, total: number) => void;
}

/**
 * Result of {@link compareOverloadThreshold}.
 *
 * @category Overload model
 */
export interface OverloadThresholdComparison {
  seed: number;
  /** Fluid f_c (to 1e-4), or null with a reason. */
  fluid: {
    criticalLoss: number | null;
    reason?: string;
    bracket: [number, number];
    evaluations: number;
    tolerance: number;
    seconds: number;
  };
  /** The static equal-load-sharing mean field ('admission' model), labelled as a bound. */
  staticBound: { criticalLoss: number | null; reason?: string; note: string };
  /** One row per scale: the adaptive simulated estimate and its distance to the fluid f_c. */
  rows: (FiniteSizeRow & { gapToFluid: number | null })[];
}

/**
 * Simulated critical supernode loss at several scales against the fluid limit and the static mean-field bound.
 *
 * @param params - overload-model parameters (full or a partial override of the 2010 defaults).
 * @param options - scales, seed and the options of simulatedCriticalLoss.
 * @returns the fluid f_c, the static bound and one simulated row per scale.
 * @throws FragilityInputError naming any model field or option, before any run.
 *
 * @complexity one fluid f_c (≈ 20 fluid runs of 3 h) plus, per scale, 48–100 runs of simulateOverload whose
 * cost grows linearly with the scale (≈ 35 ms at 0.02, ≈ 2 s at 1 for a run that does not collapse).
 *
 * @model fluid f_c — the smallest forced loss whose deterministic trajectory falls below the collapse threshold
 * (fluidCriticalLoss); simulated f_c — the 50 % point of P(collapse | loss) by the sequential probit design
 * (simulatedCriticalLoss); static bound — overloadCriticalLossFromParams. The fluid limit is the infinite-population
 * limit of the simulation, so the simulated values should approach it as the scale grows.
 *
 * @references see fluidCriticalLoss and simulatedCriticalLoss; S. Pradhan, A. Hansen, B. K. Chakrabarti,
 * Rev. Mod. Phys. 82, 499 (2010) (the equal-load-sharing bound).
 *
 * @example
 * ```ts
 * const c = compareOverloadThreshold({}, { scales: [0.005, 0.01] });
 * c.rows.map((r) => [r.scale, r.criticalLoss, r.gapToFluid]);
 * ```
 *
 * @category Overload model
 */
export function compareOverloadThreshold(
  params: OverloadParams | OverloadParamsInput = {},
  options: CompareOverloadThresholdOptions = {},
): OverloadThresholdComparison {
  return driveOverloadDesign(overloadThresholdDesign(params, options), runOverloadBatch);
}

/**
 * {@link compareOverloadThreshold} with the simulation runs handed to `run` one round at a time (a job queue: see
 * src/queue): the same rounds and the same result, timing fields (`seconds`) aside.
 *
 * @param params - overload-model parameters.
 * @param options - as {@link compareOverloadThreshold}.
 * @param run - runs a batch ({@link OverloadRunBatch}) and resolves to whether each run collapsed, in run order.
 * @returns as {@link compareOverloadThreshold}.
 * @throws FragilityInputError as compareOverloadThreshold, before any run.
 *
 * @complexity as compareOverloadThreshold.
 *
 * @model as compareOverloadThreshold.
 *
 * @references as compareOverloadThreshold.
 *
 * @example
 * ```ts
 * await compareOverloadThresholdAsync({}, { scales: [0.01] }, async (b) => runOverloadBatch(b));
 * ```
 *
 * @category Overload model
 */
export async function compareOverloadThresholdAsync(
  params: OverloadParams | OverloadParamsInput,
  options: CompareOverloadThresholdOptions,
  run: (batch: OverloadRunBatch) => Promise<boolean[]>,
): Promise<OverloadThresholdComparison> {
  return driveOverloadDesignAsync(overloadThresholdDesign(params, options), run);
}

/** The comparison as a generator of simulation batches (the fluid limit and the bound are computed in place). */
function* overloadThresholdDesign(
  params: OverloadParams | OverloadParamsInput,
  options: CompareOverloadThresholdOptions,
): Generator<OverloadRunBatch, OverloadThresholdComparison, boolean[]> {
  const p = withOverloadParams(skype2010OverloadParams, params as OverloadParamsInput);
  validateOverloadParams(p);
  // the simulated rows validate everything (scales, options) before their first run; do that before the fluid too
  checkFiniteSizeOptions(p, options);
  const t0 = performance.now();
  const fl = fluidCriticalLoss(p, options.durationHours !== undefined ? { durationHours: options.durationHours } : {});
  const seconds = Math.round(performance.now() - t0) / 1000;
  const mf = overloadCriticalLossFromParams(p);
  const simulated = yield* finiteSizeDesign(p, options);
  const rows = simulated.map((r) => ({
    ...r,
    gapToFluid: r.criticalLoss === null || fl.criticalLoss === null ? null : r.criticalLoss - fl.criticalLoss,
  }));
  return {
    seed: options.seed ?? 1,
    fluid: {
      criticalLoss: fl.criticalLoss,
      ...(fl.reason ? { reason: fl.reason } : {}),
      bracket: fl.bracket,
      evaluations: fl.evaluations,
      tolerance: fl.tolerance,
      seconds,
    },
    staticBound: { criticalLoss: mf.fC, ...(mf.reason ? { reason: mf.reason } : {}), note: STATIC_BOUND_NOTE },
    rows,
  };
}

const pct = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(100 * x).toFixed(d)} %`;

/**
 * The finite-size table: one row per scale (population, simulated f_c with its interval, runs, distance to the fluid).
 *
 * @param c - a {@link compareOverloadThreshold} result.
 * @returns a GitHub-flavoured markdown table.
 *
 * @complexity O(rows).
 *
 * @model none (formatting).
 *
 * @references —.
 *
 * @example
 * ```ts
 * overloadThresholdTable(compareOverloadThreshold({}, { scales: [0.01] }));
 * ```
 *
 * @category Overload model
 */
export function overloadThresholdTable(c: OverloadThresholdComparison): string {
  return markdownTable(
    c.rows.map((r) => ({
      scale: r.scale,
      clients: r.clients,
      supernodes: r.supernodes,
      fc: pct(r.criticalLoss, 2),
      ci: r.ci ? `[${pct(r.ci[0], 2)}, ${pct(r.ci[1], 2)}]` : 'n/a',
      hw: r.targetMet ? pct(r.halfWidth, 2) : `${pct(r.halfWidth, 2)} (target not met)`,
      width: pct(r.transitionWidth, 2),
      runs: r.runs,
      gap: r.gapToFluid === null ? 'n/a' : `${r.gapToFluid >= 0 ? '+' : '−'}${pct(Math.abs(r.gapToFluid), 2)}`,
      seconds: r.seconds,
    })),
    [
      { key: 'scale', header: 'scale' },
      { key: 'clients', header: 'clients' },
      { key: 'supernodes', header: 'supernodes' },
      { key: 'fc', header: 'simulated f_c' },
      { key: 'ci', header: '95 % interval' },
      { key: 'hw', header: 'half-width' },
      { key: 'width', header: 'transition width σ' },
      { key: 'runs', header: 'runs' },
      { key: 'gap', header: `− fluid (${pct(c.fluid.criticalLoss, 2)})` },
      { key: 'seconds', header: 'seconds' },
    ],
  );
}

/**
 * The finite-size plot: simulated f_c with its 95 % interval against the population scale (log axis), the fluid
 * f_c as a horizontal line and the static mean-field bound as a dashed one.
 *
 * @param c - a {@link compareOverloadThreshold} result.
 * @param title - plot title (default names the study).
 * @returns a standalone SVG string.
 *
 * @complexity O(rows).
 *
 * @model none (drawing).
 *
 * @references —.
 *
 * @example
 * ```ts
 * const svg = overloadThresholdPlot(compareOverloadThreshold({}, { scales: [0.005, 0.01] }));
 * ```
 *
 * @category Overload model
 */
export function overloadThresholdPlot(
  c: OverloadThresholdComparison,
  title = 'Critical supernode loss against population size',
): string {
  const pts = c.rows.filter((r) => r.criticalLoss !== null);
  const ys = [
    ...pts.flatMap((r) => [r.ci![0], r.ci![1]]),
    ...(c.fluid.criticalLoss !== null ? [c.fluid.criticalLoss] : []),
    ...(c.staticBound.criticalLoss !== null ? [c.staticBound.criticalLoss] : []),
  ];
  const lo = Math.max(0, Math.min(...ys) - 0.01);
  const hi = Math.max(...ys) + 0.01;
  const scales = c.rows.map((r) => r.scale);
  return linePlot({
    title,
    subtitle: `simulated 50 %-collapse loss with its 95 % interval (sequential probit, seed ${c.seed}) against the fluid limit`,
    x: {
      label: 'population scale (1 = full size, log)',
      type: 'log',
      domain: [Math.min(...scales) / 1.5, Math.max(...scales) * 1.5],
    },
    y: { label: 'critical supernode loss f_c (%)', percent: true, domain: [lo, hi] },
    markers: [
      {
        name: 'simulated f_c, 95 % interval',
        points: pts.map((r) => ({ x: r.scale, y: r.criticalLoss, lo: r.ci![0], hi: r.ci![1] })),
      },
    ],
    rules: [
      ...(c.fluid.criticalLoss !== null
        ? [
            {
              y: c.fluid.criticalLoss,
              label: `fluid limit ${pct(c.fluid.criticalLoss, 2)}`,
              stroke: '#e15759',
              dash: '',
            },
          ]
        : []),
      ...(c.staticBound.criticalLoss !== null
        ? [
            {
              y: c.staticBound.criticalLoss,
              label: `static mean-field bound ${pct(c.staticBound.criticalLoss, 1)}`,
              stroke: '#999',
            },
          ]
        : []),
    ],
  });
}
