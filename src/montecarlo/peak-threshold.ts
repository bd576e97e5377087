/**
 * Threshold estimate from the peak of an ensemble-mean curve (susceptibility or second-largest cluster), with a
 * bootstrap confidence interval over replicates.
 *
 * @module
 */
import { FragilityInputError, checkInteger } from '../errors.ts';
import { stream } from '../random/stream.ts';

/**
 * The stream index used for bootstrap resampling: far above any replicate index, so it never collides.
 *
 * @category Threshold estimation
 */
export const BOOTSTRAP_STREAM_INDEX = 2 ** 45;

/**
 * Options of {@link peakThreshold}.
 *
 * @category Threshold estimation
 */
export interface PeakThresholdOptions {
  /** Number of bootstrap resamples (default 200; 0 = no interval). */
  bootstrap?: number;
  /** Seed of the bootstrap stream (default 1); the stream is `stream(seed, BOOTSTRAP_STREAM_INDEX)`. */
  seed?: number;
  /** Confidence level of the percentile interval (default 0.95). */
  level?: number;
}

/**
 * A threshold estimate with its confidence interval.
 *
 * @category Threshold estimation
 */
export interface PeakThresholdEstimate {
  /**
   * The location of the peak of the mean curve (parabolic refinement between grid points), or null when the curve
   * has no interior peak (see `reason`).
   */
  q_c: number | null;
  /** Bootstrap percentile interval [lo, hi] (NaN when bootstrap = 0, one replicate, or q_c is null). */
  ci: [number, number];
  /** Number of bootstrap resamples used. */
  bootstrap: number;
  /** Why q_c is null: the mean curve is zero everywhere, or still rising at the last grid point. */
  reason?: string;
}

/**
 * Location of the maximum of a curve sampled on an increasing grid, refined by the vertex of the parabola through
 * the maximum and its two neighbours (clamped to that bracket). Ends of the grid are returned as they are.
 *
 * @param grid - increasing abscissae.
 * @param y - values, same length.
 * @returns the abscissa of the peak (NaN for an empty grid).
 *
 * @complexity O(G).
 *
 * @model three-point parabolic interpolation.
 *
 * @references W. H. Press et al., Numerical Recipes (2007), §10.3.
 *
 * @example
 * ```ts
 * peakLocation([0, 1, 2], [0, 1, 0]); // 1
 * ```
 *
 * @category Threshold estimation
 */
export function peakLocation(grid: ArrayLike<number>, y: ArrayLike<number>): number {
  const G = grid.length;
  if (G === 0) return NaN;
  let best = 0;
  for (let i = 1; i < G; i++) if (y[i] > y[best]) best = i;
  if (best === 0 || best === G - 1) return grid[best];
  const x0 = grid[best - 1];
  const x1 = grid[best];
  const x2 = grid[best + 1];
  const y0 = y[best - 1];
  const y1 = y[best];
  const y2 = y[best + 1];
  const d0 = (y1 - y0) / (x1 - x0);
  const d1 = (y2 - y1) / (x2 - x1);
  const curv = (d1 - d0) / (x2 - x0);
  if (!(curv < 0)) return x1;
  const v = 0.5 * (x0 + x1) - d0 / (2 * curv);
  return Math.min(x2, Math.max(x0, v));
}

/**
 * The threshold as the peak of the replicate-mean curve, with a seeded bootstrap percentile interval (replicates
 * resampled with replacement, the peak of each resampled mean curve).
 *
 * @param grid - increasing occupation probabilities.
 * @param curves - one curve per replicate (each of length grid.length), in replicate order.
 * @param opts - {@link PeakThresholdOptions}.
 * @returns {@link PeakThresholdEstimate}; `q_c` is null with a `reason` when the mean curve has no interior peak
 *   (zero everywhere, or maximal at q = 1 on a grid that ends at 1).
 * @throws FragilityInputError naming `curves` when there are none or their lengths differ from the grid.
 *
 * @complexity O(B·R·G) for B resamples, R replicates, G grid points.
 *
 * @model q_c(n) = argmax_q ⟨χ⟩_q (or ⟨s₂⟩_q); the finite-n peak approaches q_c as n^(−1/ν̄), see
 * {@link finiteSizeExtrapolation}.
 *
 * @references Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706 (§ IV); B. Efron, R. Tibshirani, An
 * Introduction to the Bootstrap (1993).
 *
 * @example
 * ```ts
 * const grid = [0.3, 0.4, 0.5, 0.6];
 * const replicateSusceptibilities = [[1, 3, 2, 1], [1, 4, 2, 1], [2, 3, 1, 1]];
 * const est = peakThreshold(grid, replicateSusceptibilities, { seed: 1 });
 * est.q_c; est.ci;
 * ```
 *
 * @category Threshold estimation
 */
export function peakThreshold(
  grid: ArrayLike<number>,
  curves: ReadonlyArray<ArrayLike<number>>,
  opts: PeakThresholdOptions = {},
): PeakThresholdEstimate {
  const R = curves.length;
  const G = grid.length;
  if (R === 0) throw new FragilityInputError('curves', 'an empty list', 'at least one replicate curve');
  for (const c of curves) {
    if (c.length !== G)
      throw new FragilityInputError('curves', `a curve of length ${c.length}`, `curves of the grid length ${G}`);
  }
  const B = checkInteger('bootstrap', opts.bootstrap ?? 200, 0);
  const level = opts.level ?? 0.95;
  const mean = new Float64Array(G);
  for (let r = 0; r < R; r++) for (let i = 0; i < G; i++) mean[i] += curves[r][i];
  for (let i = 0; i < G; i++) mean[i] /= R;
  const q_c = peakLocation(grid, mean);
  // No interior peak, no transition: a curve that is zero everywhere (no finite clusters at all), or one still
  // rising at the top of a grid that reaches q = 1 (clusters keep growing until everything is present: er k < 1).
  let maxMean = -Infinity;
  for (let i = 0; i < G; i++) maxMean = Math.max(maxMean, mean[i]);
  if (G > 0 && !(maxMean > 0))
    return {
      q_c: null,
      ci: [NaN, NaN],
      bootstrap: 0,
      reason: 'the curve is zero on the whole grid: no finite clusters, no transition',
    };
  if (G >= 3 && grid[G - 1] === 1 && q_c === 1) {
    return {
      q_c: null,
      ci: [NaN, NaN],
      bootstrap: 0,
      reason: 'the curve is still rising at full occupation (q = 1): no transition below q = 1',
    };
  }
  if (B === 0 || R < 2) return { q_c, ci: [NaN, NaN], bootstrap: R < 2 ? 0 : B };
  const rng = stream(opts.seed ?? 1, BOOTSTRAP_STREAM_INDEX);
  const peaks = new Float64Array(B);
  const acc = new Float64Array(G);
  for (let b = 0; b < B; b++) {
    acc.fill(0);
    for (let j = 0; j < R; j++) {
      const c = curves[rng.int(R)];
      for (let i = 0; i < G; i++) acc[i] += c[i];
    }
    peaks[b] = peakLocation(grid, acc);
  }
  peaks.sort();
  const alpha = (1 - level) / 2;
  return { q_c, ci: [quantileSorted(peaks, alpha), quantileSorted(peaks, 1 - alpha)], bootstrap: B };
}

function quantileSorted(a: Float64Array, p: number): number {
  const h = (a.length - 1) * p;
  const i = Math.floor(h);
  const f = h - i;
  // a[i] + f·(a[i+1] − a[i]), capped at a[i+1]: exact when the two are equal, never outside [a[i], a[i+1]]. The
  // weighted mean a[i]·(1 − f) + a[i+1]·f is not: 0.999·0.7 + 0.999·0.3 = 0.9989999999999999.
  return i + 1 < a.length ? Math.min(a[i + 1], a[i] + f * (a[i + 1] - a[i])) : a[i];
}
