/**
 * Finite-size extrapolation of effective thresholds: q_c(n) = q_c + a·n^(−1/ν̄).
 *
 * @module
 */
import { FragilityInputError, checkNumber } from '../errors.ts';
import { standardNormalQuantile } from '../distributions/normal-functions.ts';
import { studentTQuantile } from './statistics.ts';

/**
 * One effective threshold measured at size n.
 *
 * @category Threshold estimation
 */
export interface FiniteSizePoint {
  /** System size (number of nodes; n = L^d for a lattice of side L). */
  n: number;
  /** Effective threshold at that size (e.g. the susceptibility peak); null when that size has no transition. */
  q_c: number | null;
  /** Standard error of q_c, when known: the fit is then weighted by 1/se² and its uncertainty uses these. */
  se?: number;
}

/**
 * Options of {@link finiteSizeExtrapolation}.
 *
 * @category Threshold estimation
 */
export interface FiniteSizeOptions {
  /**
   * The exponent ν̄ with respect to n, fixed when given (d·ν on a d-dimensional lattice: 2·4/3 = 8/3 in 2D; 3 for
   * mean-field random graphs). When absent, 1/ν̄ is fitted in [0.05, 2] by golden-section search (needs ≥ 3 sizes).
   */
  nuBar?: number;
  /** Search range of the fitted 1/ν̄ (default [0.05, 2]); a fit that ends at either edge carries a `warning`. */
  thetaRange?: [number, number];
  /** Confidence level of `ci` (default 0.95). */
  level?: number;
}

/**
 * The fitted extrapolation.
 *
 * @category Threshold estimation
 */
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
  /**
   * Standard error of q_c: from the points' se when all are given (weighted least squares, covariance (JᵀWJ)⁻¹),
   * else from the residual variance rss/(k − p) (p = 2 fixed, 3 fitted); NaN when k <= p without se.
   */
  q_cSe: number;
  /** Confidence interval of q_c (Student t with k − p degrees of freedom, normal when the points carry se). */
  ci: [number, number];
  /** Standard error of the fitted ν̄ (absent when ν̄ was fixed; NaN when undetermined). */
  nuBarSe?: number;
  /** Set when the fit is unreliable: the fitted 1/ν̄ ran to an edge of its search range. */
  warning?: string;
}

/** Symmetric 3×3 (or 2×2) inverse via Gauss–Jordan; null when singular. */
function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r;
    if (!(Math.abs(m[piv][c]) > 1e-300)) return null;
    [m[c], m[piv]] = [m[piv], m[c]];
    const d = m[c][c];
    for (let j = 0; j < 2 * n; j++) m[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[c][j];
    }
  }
  return m.map((row) => row.slice(n));
}

/**
 * Parameter covariance of the model y = c + a·n^(−θ) at (c, a, θ): σ²(JᵀWJ)⁻¹ with J = [1, n^(−θ), −a·ln n·n^(−θ)]
 * (the last column only when θ was fitted). Returns [var c, var θ] (var θ NaN when fixed).
 */
function fitCovariance(
  points: ReadonlyArray<FiniteSizePoint>,
  a: number,
  theta: number,
  fitted: boolean,
  rss: number,
  weighted: boolean,
): { varC: number; varTheta: number; dof: number } {
  const k = points.length;
  const p = fitted ? 3 : 2;
  const dof = k - p;
  const jtj = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const pt of points) {
    const x = Math.pow(pt.n, -theta);
    const row = fitted ? [1, x, -a * Math.log(pt.n) * x] : [1, x];
    const w = weighted ? 1 / (pt.se! * pt.se!) : 1;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) jtj[i][j] += w * row[i] * row[j];
  }
  const inv = invert(jtj);
  const sigma2 = weighted ? 1 : dof > 0 ? rss / dof : NaN;
  if (!inv) return { varC: NaN, varTheta: NaN, dof };
  return { varC: sigma2 * inv[0][0], varTheta: fitted ? sigma2 * inv[2][2] : NaN, dof };
}

function linearFit(x: Float64Array, y: Float64Array, w?: Float64Array): { c: number; a: number; rss: number } {
  const k = x.length;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < k; i++) {
    const wi = w ? w[i] : 1;
    sw += wi;
    sx += wi * x[i];
    sy += wi * y[i];
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    const wi = w ? w[i] : 1;
    sxx += wi * (x[i] - mx) * (x[i] - mx);
    sxy += wi * (x[i] - mx) * (y[i] - my);
  }
  const a = sxx > 0 ? sxy / sxx : 0;
  const c = my - a * mx;
  let rss = 0;
  for (let i = 0; i < k; i++) {
    const r = y[i] - c - a * x[i];
    rss += (w ? w[i] : 1) * r * r;
  }
  return { c, a, rss };
}

/**
 * Least-squares fit of q_c(n) = q_c + a·n^(−1/ν̄) to effective thresholds at several sizes.
 *
 * @param allPoints - (n, q_c(n)) pairs at ≥ 2 distinct sizes (≥ 3 when ν̄ is fitted).
 * @param opts - {@link FiniteSizeOptions}.
 * @returns {@link FiniteSizeFit}.
 * @throws FragilityInputError naming `points` (too few sizes) or `nuBar` (not > 0).
 *
 * @complexity O(k) for fixed ν̄; O(60·k) golden-section steps otherwise (bounded, never hangs).
 *
 * Uncertainty: q_cSe and ci from the parameter covariance (weighted by 1/se² when every point has an se,
 * otherwise scaled by the residual variance); with ν̄ fitted the covariance includes it (nuBarSe). A fitted 1/ν̄
 * at an edge of `thetaRange` sets `warning` (e.g. ν̄ = 20 means the exponent ran to the range's end).
 *
 * @model finite-size scaling of the pseudo-critical point: q_c(L) − q_c ∝ L^(−1/ν); with n = L^d, ν̄ = dν
 * (2D percolation ν = 4/3 ⇒ ν̄ = 8/3); mean-field random graphs ν̄ = 3.
 *
 * @references D. Stauffer, A. Aharony, Introduction to Percolation Theory (1994), §4; Newman & Ziff, PRL 85,
 * 4104 (2000), doi:10.1103/PhysRevLett.85.4104.
 *
 * @example
 * ```ts
 * finiteSizeExtrapolation([{ n: 1024, q_c: 0.58 }, { n: 4096, q_c: 0.588 }, { n: 16384, q_c: 0.591 }], { nuBar: 8 / 3 });
 * ```
 *
 * @category Threshold estimation
 */
export function finiteSizeExtrapolation(
  allPoints: ReadonlyArray<FiniteSizePoint>,
  opts: FiniteSizeOptions = {},
): FiniteSizeFit {
  const sizes = new Set(allPoints.map((p) => p.n));
  const need = opts.nuBar === undefined ? 3 : 2;
  if (sizes.size < need)
    throw new FragilityInputError('points', `${sizes.size} distinct sizes`, `at least ${need} distinct sizes`);
  for (const p of allPoints) {
    checkNumber('points[].n', p.n, 1);
    if (p.q_c !== null) checkNumber('points[].q_c', p.q_c);
    if (p.se !== undefined) checkNumber('points[].se', p.se, Number.MIN_VALUE);
  }
  // Sizes without a transition (q_c null) carry no information on q_c(∞); with too few left there is none to fit.
  const points = allPoints.filter((p): p is FiniteSizePoint & { q_c: number } => p.q_c !== null);
  const k = points.length;
  const left = new Set(points.map((p) => p.n)).size;
  if (left < need) {
    const nuBar = opts.nuBar ?? NaN;
    const reason = `${sizes.size - left} of ${sizes.size} sizes have no transition (q_c null): ${left} left, at least ${need} needed`;
    return {
      q_c: null,
      a: NaN,
      nuBar,
      nuBarFitted: false,
      residual: NaN,
      points: k,
      q_cSe: NaN,
      ci: [NaN, NaN],
      reason,
    };
  }
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  const weighted = points.every((p) => p.se !== undefined && p.se > 0);
  const w = weighted ? Float64Array.from(points, (p) => 1 / (p.se! * p.se!)) : undefined;
  const y = Float64Array.from(points, (p) => p.q_c);
  const x = new Float64Array(k);
  const fitAt = (theta: number) => {
    for (let i = 0; i < k; i++) x[i] = Math.pow(points[i].n, -theta);
    return linearFit(x, y, w);
  };
  const finish = (f: { c: number; a: number; rss: number }, theta: number, fitted: boolean): FiniteSizeFit => {
    const cov = fitCovariance(points, f.a, theta, fitted, f.rss, weighted);
    const q_cSe = Math.sqrt(cov.varC);
    const z = weighted
      ? standardNormalQuantile(0.5 + level / 2)
      : cov.dof >= 1
        ? studentTQuantile(0.5 + level / 2, cov.dof)
        : NaN;
    const out: FiniteSizeFit = {
      q_c: f.c,
      a: f.a,
      nuBar: 1 / theta,
      nuBarFitted: fitted,
      residual: Math.sqrt(f.rss / (weighted ? w!.reduce((s, v) => s + v, 0) : k)),
      points: k,
      q_cSe,
      ci: [f.c - z * q_cSe, f.c + z * q_cSe],
    };
    if (fitted) out.nuBarSe = Math.sqrt(cov.varTheta) / (theta * theta);
    return out;
  };
  if (opts.nuBar !== undefined) {
    checkNumber('nuBar', opts.nuBar, Number.MIN_VALUE);
    const r = finish(fitAt(1 / opts.nuBar), 1 / opts.nuBar, false);
    r.nuBar = opts.nuBar;
    return r;
  }
  const range = opts.thetaRange ?? [0.05, 2];
  if (!(range[0] > 0 && range[1] > range[0] && Number.isFinite(range[1]))) {
    throw new FragilityInputError('thetaRange', range, 'an interval [lo, hi] with 0 < lo < hi < ∞');
  }
  let lo = range[0];
  let hi = range[1];
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
  const res = finish(fitAt(theta), theta, true);
  const edge = 1e-3 * (range[1] - range[0]);
  if (theta - range[0] < edge || range[1] - theta < edge) {
    res.warning =
      `the fitted 1/ν̄ = ${theta.toPrecision(4)} is at the edge of its search range [${range[0]}, ${range[1]}] ` +
      `(ν̄ = ${(1 / theta).toPrecision(4)}): the data do not determine the exponent; fix ν̄ (e.g. dν on a d-dimensional lattice)`;
  }
  return res;
}

/**
 * One measurement y(L) for {@link scalingExponentFit}.
 *
 * @category Threshold estimation
 */
export interface ScalingPoint {
  /** Linear size L (> 0). */
  L: number;
  /** The observable at that size (> 0). */
  y: number;
  /** Its standard error, when known (then the fit is weighted and its interval normal). */
  se?: number;
}

/**
 * Result of {@link scalingExponentFit}.
 *
 * @category Threshold estimation
 */
export interface ScalingExponentFit {
  /** The exponent x of y ∝ L^x. */
  exponent: number;
  /** Standard error of x (NaN when undetermined: 2 points without se). */
  se: number;
  /** Confidence interval of x. */
  ci: [number, number];
  /** The amplitude A of y = A·L^x. */
  amplitude: number;
  /** Sizes used. */
  points: number;
}

/**
 * Log–log least-squares fit y = A·L^x, for finite-size exponents such as 1/ν (slope of the wrapping probability at
 * p_c, or inverse width of the wrapping-point distribution) and d − β/ν (mass of the spanning cluster).
 *
 * @param points - (L, y[, se]) at >= 2 distinct sizes, y > 0.
 * @param level - confidence level (default 0.95).
 * @returns x with its standard error and interval.
 * @throws FragilityInputError naming `points` (too few sizes, non-positive values) or `level`.
 *
 * @complexity O(k).
 *
 * @model ln y = ln A + x ln L; with se given, weights 1/(se/y)² and a normal interval; otherwise the residual
 * variance with k − 2 degrees of freedom and a Student-t interval.
 *
 * @references D. Stauffer, A. Aharony, Introduction to Percolation Theory (1994), §4; Newman & Ziff, PRE 64,
 * 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * scalingExponentFit([{ L: 32, y: 13.5 }, { L: 64, y: 22.7 }, { L: 128, y: 38.2 }]).exponent; // ≈ 0.75
 * ```
 *
 * @category Threshold estimation
 */
export function scalingExponentFit(points: ReadonlyArray<ScalingPoint>, level = 0.95): ScalingExponentFit {
  checkNumber('level', level, 0.5, 0.9999);
  const sizes = new Set(points.map((p) => p.L));
  if (sizes.size < 2)
    throw new FragilityInputError('points', `${sizes.size} distinct sizes`, 'at least 2 distinct sizes');
  for (const p of points) {
    checkNumber('points[].L', p.L, Number.MIN_VALUE);
    checkNumber('points[].y', p.y, Number.MIN_VALUE);
  }
  const k = points.length;
  const weighted = points.every((p) => p.se !== undefined && p.se > 0);
  const x = Float64Array.from(points, (p) => Math.log(p.L));
  const y = Float64Array.from(points, (p) => Math.log(p.y));
  const w = weighted ? Float64Array.from(points, (p) => (p.y / p.se!) ** 2) : undefined;
  const f = linearFit(x, y, w);
  let sw = 0;
  let sx = 0;
  for (let i = 0; i < k; i++) {
    sw += w ? w[i] : 1;
    sx += (w ? w[i] : 1) * x[i];
  }
  const mx = sx / sw;
  let sxx = 0;
  for (let i = 0; i < k; i++) sxx += (w ? w[i] : 1) * (x[i] - mx) ** 2;
  const dof = k - 2;
  const sigma2 = weighted ? 1 : dof > 0 ? f.rss / dof : NaN;
  const se = Math.sqrt(sigma2 / sxx);
  const z = weighted
    ? standardNormalQuantile(0.5 + level / 2)
    : dof >= 1
      ? studentTQuantile(0.5 + level / 2, dof)
      : NaN;
  return { exponent: f.a, se, ci: [f.a - z * se, f.a + z * se], amplitude: Math.exp(f.c), points: k };
}
