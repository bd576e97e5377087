/**
 * Finite-size extrapolation of effective thresholds: q_c(n) = q_c + a·n^(−1/ν̄).
 *
 * @module
 */
import { FragilityInputError, checkNumber } from '../errors.ts';

/** One effective threshold measured at size n. */
export interface FiniteSizePoint {
  /** System size (number of nodes; n = L^d for a lattice of side L). */
  n: number;
  /** Effective threshold at that size (e.g. the susceptibility peak); null when that size has no transition. */
  q_c: number | null;
}

/** Options of {@link finiteSizeExtrapolation}. */
export interface FiniteSizeOptions {
  /**
   * The exponent ν̄ with respect to n, fixed when given (d·ν on a d-dimensional lattice: 2·4/3 = 8/3 in 2D; 3 for
   * mean-field random graphs). When absent, 1/ν̄ is fitted in [0.05, 2] by golden-section search (needs ≥ 3 sizes).
   */
  nuBar?: number;
}

/** The fitted extrapolation. */
export interface FiniteSizeFit {
  /** The extrapolated threshold (n → ∞); null when too few sizes have a transition (see `reason`). */
  q_c: number | null;
  /** Why q_c is null. */
  reason?: string;
  /** The amplitude a. */
  a: number;
  /** The exponent used (fixed or fitted). */
  nuBar: number;
  /** Whether ν̄ was fitted. */
  nuBarFitted: boolean;
  /** Root-mean-square residual of the fit. */
  residual: number;
  /** Number of sizes used. */
  points: number;
}

function linearFit(x: Float64Array, y: Float64Array): { c: number; a: number; rss: number } {
  const k = x.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < k; i++) {
    sx += x[i];
    sy += y[i];
  }
  const mx = sx / k;
  const my = sy / k;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  const a = sxx > 0 ? sxy / sxx : 0;
  const c = my - a * mx;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    const r = y[i] - c - a * x[i];
    rss += r * r;
  }
  return { c, a, rss };
}

/**
 * Least-squares fit of q_c(n) = q_c + a·n^(−1/ν̄) to effective thresholds at several sizes.
 *
 * @param points - (n, q_c(n)) pairs at ≥ 2 distinct sizes (≥ 3 when ν̄ is fitted).
 * @param opts - {@link FiniteSizeOptions}.
 * @returns {@link FiniteSizeFit}.
 * @throws FragilityInputError naming `points` (too few sizes) or `nuBar` (not > 0).
 *
 * **Complexity** O(k) for fixed ν̄; O(60·k) golden-section steps otherwise (bounded, never hangs).
 *
 * **Model** finite-size scaling of the pseudo-critical point: q_c(L) − q_c ∝ L^(−1/ν); with n = L^d, ν̄ = dν
 * (2D percolation ν = 4/3 ⇒ ν̄ = 8/3); mean-field random graphs ν̄ = 3.
 *
 * **References** D. Stauffer, A. Aharony, Introduction to Percolation Theory (1994), §4; Newman & Ziff, PRL 85,
 * 4104 (2000), doi:10.1103/PhysRevLett.85.4104.
 *
 * @example
 * ```ts
 * finiteSizeExtrapolation([{ n: 1024, q_c: 0.58 }, { n: 4096, q_c: 0.588 }, { n: 16384, q_c: 0.591 }], { nuBar: 8 / 3 });
 * ```
 */
export function finiteSizeExtrapolation(allPoints: ReadonlyArray<FiniteSizePoint>, opts: FiniteSizeOptions = {}): FiniteSizeFit {
  const sizes = new Set(allPoints.map((p) => p.n));
  const need = opts.nuBar === undefined ? 3 : 2;
  if (sizes.size < need) throw new FragilityInputError('points', `${sizes.size} distinct sizes`, `at least ${need} distinct sizes`);
  for (const p of allPoints) {
    checkNumber('points[].n', p.n, 1);
    if (p.q_c !== null) checkNumber('points[].q_c', p.q_c);
  }
  // Sizes without a transition (q_c null) carry no information on q_c(∞); with too few left there is none to fit.
  const points = allPoints.filter((p): p is { n: number; q_c: number } => p.q_c !== null);
  const k = points.length;
  const left = new Set(points.map((p) => p.n)).size;
  if (left < need) {
    const nuBar = opts.nuBar ?? NaN;
    const reason = `${sizes.size - left} of ${sizes.size} sizes have no transition (q_c null): ${left} left, at least ${need} needed`;
    return { q_c: null, a: NaN, nuBar, nuBarFitted: false, residual: NaN, points: k, reason };
  }
  const y = Float64Array.from(points, (p) => p.q_c);
  const x = new Float64Array(k);
  const fitAt = (theta: number) => {
    for (let i = 0; i < k; i++) x[i] = Math.pow(points[i].n, -theta);
    return linearFit(x, y);
  };
  if (opts.nuBar !== undefined) {
    checkNumber('nuBar', opts.nuBar, Number.MIN_VALUE);
    const f = fitAt(1 / opts.nuBar);
    return { q_c: f.c, a: f.a, nuBar: opts.nuBar, nuBarFitted: false, residual: Math.sqrt(f.rss / k), points: k };
  }
  let lo = 0.05;
  let hi = 2;
  const gr = (Math.sqrt(5) - 1) / 2;
  let c = hi - gr * (hi - lo);
  let d = lo + gr * (hi - lo);
  let fc = fitAt(c).rss;
  let fd = fitAt(d).rss;
  for (let it = 0; it < 60; it++) {
    if (fc < fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - gr * (hi - lo);
      fc = fitAt(c).rss;
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + gr * (hi - lo);
      fd = fitAt(d).rss;
    }
  }
  const theta = 0.5 * (lo + hi);
  const f = fitAt(theta);
  return { q_c: f.c, a: f.a, nuBar: 1 / theta, nuBarFitted: true, residual: Math.sqrt(f.rss / k), points: k };
}
