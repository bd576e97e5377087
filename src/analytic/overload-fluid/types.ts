/**
 * Options and result of the overload fluid limit (`fluidOverload`, src/analytic/overload-fluid.ts).
 *
 * @module
 */
import type { OverloadRunSummary } from '../../models/overload-timeline.ts';

/**
 * How the requests of one step are spread over the up supernodes in `fluidOverload`.
 * - `poisson` (default): each up supernode receives an independent Poisson(λ) count, λ = requests per up supernode
 *   (the limit of the simulation's multinomial at fixed clients per supernode);
 * - `mean`: every up supernode receives exactly λ (a step function: a cohort trips or survives as a whole).
 *
 * @category Overload model
 */
export type FluidRequestSpread = 'poisson' | 'mean';

/**
 * Options of `fluidOverload`.
 *
 * @category Overload model
 */
export interface FluidOverloadOptions {
  /** Midpoint quantiles u = (q + 1/2)/Q of the headroom law that stand for the supernodes (default 100; 2–10 000). */
  quantiles?: number;
  /**
   * Two up-cohorts of one headroom quantile merge (mass-weighted, so clients are conserved) when their attached
   * counts and their monitored loads both differ by at most this many nominal units L0 (default 1e-3).
   */
  mergeTolerance?: number;
  /** Most cohorts kept per quantile; above it the two closest merge (default 4). */
  maxCohortsPerQuantile?: number;
  /** Request spread over the up supernodes (default 'poisson', see {@link FluidRequestSpread}). */
  requestSpread?: FluidRequestSpread;
  /**
   * Extra capacity injected on top of the parameters' mega-supernode waves, as more waves (same capacity per
   * mega-supernode, `mega.capacityClients`, unless `capacityClients` is given); used by `fluidRecovery`.
   */
  extraMega?: { atHours: number; count: number; capacityClients?: number }[];
  /**
   * Start from another state than the healthy network: 'collapsed' puts every client in the search (level 0, first
   * attempt at step 0) and every ordinary supernode in the re-entry lag (uniform rejoin pmf, as after an overload
   * shutdown at step 0). Used by `fluidBistability`. Default 'healthy'.
   */
  initialState?: 'healthy' | 'collapsed';
  /**
   * Stop at the end of the first step whose online fraction falls below `collapseThreshold` (the summary then covers
   * the steps run; `steps` says how many). Used by `fluidCriticalLoss`. Default false.
   */
  stopOnCollapse?: boolean;
  /**
   * Measure client and supernode conservation at every step (default false: at the sampled steps only; the client
   * sum costs O(L·B) per step).
   */
  checkConservation?: boolean;
  /**
   * Split each cohort's survivors at r = ⌊λ⌋ into two cohorts, so that part of the spread of the monitored load
   * survives the step (default false). Measured at the 2010 defaults: f_c 0.1106 → 0.1102 (4 cohorts per quantile)
   * → 0.1095 (16), toward the simulated 0.1056 at scale 0.02, at 3–4× the cost.
   */
  splitSurvivors?: boolean;
}

/**
 * Result of `fluidOverload`: the fields of the simulation's `OverloadResult` that make sense without a seed.
 *
 * @category Overload model
 */
export interface FluidOverloadResult extends OverloadRunSummary {
  /** The discretisation used. */
  model: {
    quantiles: number;
    mergeTolerance: number;
    maxCohortsPerQuantile: number;
    requestSpread: FluidRequestSpread;
  };
  /**
   * Largest |total − 1| of the client fractions and of the supernode fractions (both ≈ 1e-15), over every step with
   * `checkConservation`, else over the sampled steps.
   */
  conservation: { maxClientError: number; maxSupernodeError: number };
  /** Largest and mean number of up-cohorts alive (all quantiles together) over the steps. */
  cohorts: { max: number; mean: number };
}
