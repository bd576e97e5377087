/**
 * Configuration-model percolation by generating functions: the giant-component fraction S, the fixed point u and the
 * mean finite-cluster size for site occupation (uniform q or degree-dependent φ_k) and for bond occupation t.
 *
 * @module
 */
import { FragilityInputError, checkProbability } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { checkDegreeLawMoments } from './law-check.ts';
import { safeguardedNewtonRoot, type ConvergenceReport } from './root-finding.ts';

/**
 * A site occupation: one probability q for every node, or φ_k indexed by degree k (missing entries count as 0).
 *
 * @category Generating functions
 */
export type SiteOccupation = number | ArrayLike<number>;

/**
 * Result of a generating-function percolation solve.
 *
 * @category Generating functions
 */
export interface GfPercolationResult extends ConvergenceReport {
  /** `site` or `bond`. */
  mode: 'site' | 'bond';
  /** Giant-component fraction of ALL original nodes (0 exactly at and below threshold). */
  S: number;
  /** The fixed point u: probability that an edge does not lead to the giant component (1 below threshold). */
  u: number;
  /**
   * Mean size of the finite cluster containing a randomly chosen occupied node that is not in the giant component,
   * H0'(1)/F0(u) (Newman, Strogatz & Watts 2001, eq. 33 and its percolated form). Infinity exactly at threshold,
   * null when no occupied node lies outside the giant component.
   */
  meanFiniteClusterSize: number | null;
  /** Fraction of nodes occupied, F0(1) (1 for bond percolation). */
  occupiedFraction: number;
  /** Branching factor F1'(1) (site) or t·G1'(1) (bond): the giant exists iff it exceeds 1. */
  branchingFactor: number;
  /** True when a giant component exists (branchingFactor > 1 and a root u < 1 was found). */
  supercritical: boolean;
}

/**
 * Options of the generating-function solvers.
 *
 * @category Generating functions
 */
export interface GfSolveOptions {
  /** Absolute tolerance on u (default 1e-14). */
  tolerance?: number;
  /** Iteration bound of the safeguarded Newton solve (default 100). */
  maxIterations?: number;
}

/** Powers of u below this are treated as 0 in the series (the dropped tail is < 1e-20 relative). */
const POWER_FLOOR = 1e-20;

/**
 * Evaluate A1 = Σ_{k≥1} k c_k x^(k−1) and A2 = Σ_{k≥2} k(k−1) c_k x^(k−2) (and A0 = Σ c_k x^k) in one tight pass,
 * stopping once x^(k−2) falls below {@link POWER_FLOOR}.
 */
function series(c: ArrayLike<number>, x: number, out: Float64Array): void {
  const n = c.length;
  const c0 = n > 0 ? c[0] : 0;
  const c1 = n > 1 ? c[1] : 0;
  // Two interleaved power sequences (x^(k−2) for even and odd offsets) halve the multiply dependency chain.
  let s0a = 0;
  let s1a = 0;
  let s2a = 0;
  let s0b = 0;
  let s1b = 0;
  let s2b = 0;
  const x2 = x * x;
  let ra = 1; // x^(k-2) for k = 2, 4, 6, ...
  let rb = x; // x^(k-1) for k = 2, 4, ... i.e. x^((k+1)-2)
  let k = 2;
  for (; k + 1 < n; k += 2) {
    const ca = c[k];
    const cb = c[k + 1];
    s0a += ca * ra;
    s1a += k * ca * ra;
    s2a += k * (k - 1) * ca * ra;
    s0b += cb * rb;
    s1b += (k + 1) * cb * rb;
    s2b += (k + 1) * k * cb * rb;
    ra *= x2;
    rb *= x2;
    if (ra < POWER_FLOOR) {
      k = n; // the tail is negligible
      break;
    }
  }
  if (k < n) {
    const ca = c[k];
    s0a += ca * ra;
    s1a += k * ca * ra;
    s2a += k * (k - 1) * ca * ra;
  }
  const s0 = s0a + s0b;
  const s1 = s1a + s1b;
  out[0] = c0 + c1 * x + x * x * s0;
  out[1] = c1 + x * s1;
  out[2] = s2a + s2b;
}

/** Σ k c_k, Σ k(k−1) c_k, Σ k(k−1)(k−2) c_k and Σ c_k: the series at x = 1, with the third factorial moment. */
function seriesAtOne(c: ArrayLike<number>, out: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = 0; k < c.length; k++) {
    const ck = c[k];
    s0 += ck;
    const a = k * ck;
    s1 += a;
    const b = (k - 1) * a;
    s2 += b;
    s3 += (k - 2) * b;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

/**
 * The shared fixed-point solve: u = 1 − F1(1) + F1(u) with F1(x) = s·Σ k c_k x^(k−1)/<k>, S = sS·Σ c_k (1 − u^k).
 * Site: c_k = φ_k p_k (s = 1) or c_k = p_k, s = q. Bond: c_k = p_k, s = t, S scale 1.
 */
function solveFixedPoint(
  mode: 'site' | 'bond',
  c: ArrayLike<number>,
  s: number,
  sS: number,
  mean: number,
  options: GfSolveOptions,
): GfPercolationResult {
  const buf = new Float64Array(4);
  seriesAtOne(c, buf);
  const P0one = buf[0];
  const P1one = buf[1];
  const P2one = buf[2];
  const P3one = buf[3];
  const occupiedFraction = mode === 'site' ? s * P0one : 1;
  const F1one = mean > 0 ? (s * P1one) / mean : 0;
  const branchingFactor = mean > 0 ? (s * P2one) / mean : 0;
  const base = { mode, occupiedFraction, branchingFactor };
  // Mean finite-cluster size H0'(1)/H0_occ(1) from Σ c_k x^k, Σ k c_k x^(k−1), Σ k(k−1) c_k x^(k−2) at x = u.
  // Site: 1 + <k>F1(u)²/(F0(u)(1 − F1'(u))), F0 = s·P0. Bond: 1 + <k>·t·G1(u)²/(G0(u)(1 − t·G1'(u))).
  const clusterSize = (P0x: number, P1x: number, P2x: number, atThreshold: boolean): number | null => {
    const finite = mode === 'site' ? s * P0x : P0x;
    if (!(finite > 0)) return null;
    const F1pu = (s * P2x) / mean;
    if (atThreshold || F1pu >= 1) return Infinity;
    if (!(mean > 0)) return 1;
    const num = mode === 'site' ? (s * P1x * (s * P1x)) / mean : (s * P1x * P1x) / mean;
    return 1 + num / (finite * (1 - F1pu));
  };
  const subcritical = (atThreshold: boolean, iterations: number): GfPercolationResult => {
    const msize = clusterSize(P0one, P1one, P2one, atThreshold);
    return {
      ...base,
      S: 0,
      u: 1,
      meanFiniteClusterSize: msize,
      supercritical: false,
      converged: true,
      iterations,
      residual: 0,
    };
  };
  if (!(s > 0) || !(mean > 0) || branchingFactor <= 1) return subcritical(false, 1);

  // g(u) = 1 − F1(1) + F1(u) − u is convex on [0, 1], g(1) = 0, g(0) >= 0, g'(1) = branchingFactor − 1 > 0:
  // the nontrivial root lies in [0, 1 − ε] for any ε small enough that g(1 − ε) < 0.
  // The series at the last few points is memoised: the bracket end, the Newton iterate and the final S evaluation
  // often coincide, and near threshold (u → 1) every pass runs over the whole pk.
  const memoX = [NaN, NaN, NaN];
  const memoV = [new Float64Array(3), new Float64Array(3), new Float64Array(3)];
  let memoNext = 0;
  const seriesMemo = (x: number): Float64Array => {
    for (let i = 0; i < 3; i++) if (memoX[i] === x) return memoV[i];
    const slot = memoV[memoNext];
    series(c, x, slot);
    memoX[memoNext] = x;
    memoNext = (memoNext + 1) % 3;
    return slot;
  };
  const g = (x: number): [number, number] => {
    const v = seriesMemo(x);
    return [1 - F1one + (s * v[1]) / mean - x, (s * v[2]) / mean - 1];
  };
  let evaluations = 1;
  const g0 = g(0)[0];
  evaluations++;
  let u: number;
  let report: ConvergenceReport;
  if (g0 <= 0) {
    u = 0;
    report = { converged: true, iterations: evaluations, residual: Math.abs(g0) };
  } else {
    // Start ε from the quadratic estimate of the root, 2(F1'(1) − 1)/F1''(1), then shrink until g(1 − ε) < 0.
    const F1pp = (s * P3one) / mean;
    let eps = F1pp > 0 ? Math.min(0.5, (branchingFactor - 1) / F1pp) : 0.5;
    if (!(eps > 0)) eps = 0.5;
    let hi = 1 - eps;
    let ghi = g(hi)[0];
    evaluations++;
    while (!(ghi < 0) && eps > 1e-15) {
      eps *= 0.25;
      hi = 1 - eps;
      ghi = g(hi)[0];
      evaluations++;
    }
    if (!(ghi < 0)) {
      // Tangent case: the nontrivial root is within rounding of 1, i.e. at threshold. S = 0.
      return subcritical(true, evaluations);
    }
    // Start from the quadratic estimate of the root, 1 − 2(F1'(1) − 1)/F1''(1), clipped into the bracket.
    const x0 = F1pp > 0 ? Math.min(hi, Math.max(0, 1 - (2 * (branchingFactor - 1)) / F1pp)) : undefined;
    const r = safeguardedNewtonRoot(g, 0, hi, {
      x0: x0 !== undefined && x0 > 0 && x0 < hi ? x0 : undefined,
      xtol: options.tolerance ?? 1e-14,
      ftol: 1e-16,
      maxIterations: options.maxIterations ?? 100,
    });
    u = r.root;
    report = { converged: r.converged, iterations: evaluations + r.iterations, residual: r.residual };
    if (!Number.isFinite(u)) {
      // Defensive fallback (should not happen: the bracket was checked): the map u ← 1 − F1(1) + F1(u) is increasing,
      // so iterating it from 0 climbs monotonically to the smallest root. Bounded; non-convergence is reported.
      const maxIt = options.maxIterations ?? 100;
      let x = 0;
      let res = Infinity;
      let it = 0;
      for (; it < 100 * maxIt && res > 1e-15; it++) {
        const [gx] = g(x);
        res = Math.abs(gx);
        x = Math.min(hi, x + gx);
      }
      u = x;
      report = { converged: res <= 1e-15, iterations: evaluations + r.iterations + it, residual: res };
    }
  }
  const final = seriesMemo(u);
  const P0u = final[0];
  let S = sS * (P0one - P0u);
  if (S < 0) S = 0;
  if (S > 1) S = 1;
  const meanFiniteClusterSize = clusterSize(P0u, final[1], final[2], false);
  return { ...base, S, u, meanFiniteClusterSize, supercritical: S > 0, ...report };
}

/**
 * Site percolation on the configuration model with occupation φ_k (uniform q or degree-dependent).
 *
 * @param law - the degree law p_k (dense pk array, normalised)
 * @param occupation - q in [0, 1] (every node kept with probability q), or φ_k in [0, 1] indexed by degree
 * @param options - tolerance and iteration bound ({@link GfSolveOptions})
 * @returns S (fraction of ALL original nodes in the giant component), u, the mean finite-cluster size, the
 *   branching factor F1'(1) and a convergence report
 * @throws FragilityInputError when q or some φ_k lies outside [0, 1], or the law is not a normalised pk
 *
 * @complexity O(kmax) per evaluation of F1, F1' (one tight loop over the dense pk, cut off once u^k < 1e-20);
 * O(log(1/tol)) safeguarded Newton steps. Support 1e6: a few milliseconds.
 *
 * @model F0(x) = Σ φ_k p_k x^k, F1(x) = Σ k φ_k p_k x^(k−1)/<k>; u = 1 − F1(1) + F1(u); S = F0(1) − F0(u).
 * The giant exists iff F1'(1) > 1 (for uniform q: q > q_c = <k>/(<k²> − <k>)); otherwise u = 1 is the only root in
 * [0, 1] and S = 0 exactly. The nontrivial root is found by bracketing on [0, 1 − ε] where
 * g(u) = 1 − F1(1) + F1(u) − u changes sign; within rounding of the tangent case S = 0. Locally tree-like
 * configuration model, n → ∞, degrees fixed (for attack: degrees not recomputed after removal).
 *
 * @references D. S. Callaway, M. E. J. Newman, S. H. Strogatz, D. J. Watts, "Network robustness and
 * fragility: percolation on random graphs", PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468.
 * M. E. J. Newman, S. H. Strogatz, D. J. Watts, "Random graphs with arbitrary degree distributions and their
 * applications", PRE 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * const r = gfSitePercolation(poissonLaw(4), 0.5);
 * // r.S ≈ 0.398406
 * ```
 *
 * @category Generating functions
 */
export function gfSitePercolation(
  law: DegreeLaw,
  occupation: SiteOccupation,
  options: GfSolveOptions = {},
): GfPercolationResult {
  const m = checkDegreeLawMoments(law);
  const pk = law.pk;
  if (typeof occupation === 'number') {
    checkProbability('q', occupation);
    return solveFixedPoint('site', pk, occupation, occupation, m.mean, options);
  }
  if (!occupation || typeof occupation.length !== 'number') {
    throw new FragilityInputError('phi', occupation, 'a probability q or an array of φ_k in [0, 1]');
  }
  const c = new Float64Array(pk.length);
  for (let k = 0; k < pk.length; k++) {
    const f = k < occupation.length ? occupation[k] : 0;
    if (!(f >= 0 && f <= 1)) throw new FragilityInputError(`phi[${k}]`, f, 'a probability in [0, 1]');
    c[k] = f * pk[k];
  }
  return solveFixedPoint('site', c, 1, 1, m.mean, options);
}

/**
 * Site percolation from precomputed coefficients c_k = φ_k p_k of an already validated law with mean degree `mean`.
 * Internal to the analytic layer (used by the attack solver to avoid a second copy of pk); not in the barrel.
 *
 * @param c - φ_k p_k for k = 0..K (entries beyond K count as 0)
 * @param mean - <k> of the intact law
 * @param options - solver options
 * @returns as {@link gfSitePercolation}
 *
 * @complexity as {@link gfSitePercolation}.
 * @model as {@link gfSitePercolation}.
 * @references as there.
 *
 * @example
 * ```ts
 * const law = poissonLaw(4);
 * gfSitePercolationFromCoefficients(law.pk, law.mean).S; // ≈ 0.980173 (= gfSitePercolation(law, 1).S)
 * ```
 */
export function gfSitePercolationFromCoefficients(
  c: ArrayLike<number>,
  mean: number,
  options: GfSolveOptions = {},
): GfPercolationResult {
  return solveFixedPoint('site', c, 1, 1, mean, options);
}

/**
 * Bond percolation on the configuration model: every edge kept independently with probability t.
 *
 * @param law - the degree law p_k (dense pk array, normalised)
 * @param t - bond occupation probability in [0, 1]
 * @param options - tolerance and iteration bound ({@link GfSolveOptions})
 * @returns S (fraction of all nodes in the giant component), u, the mean finite-cluster size, the branching factor
 *   t·G1'(1) and a convergence report
 * @throws FragilityInputError when t lies outside [0, 1] (field `t`), or the law is not a normalised pk
 *
 * @complexity as {@link gfSitePercolation}.
 *
 * @model u = 1 − t + t·G1(u), S = 1 − G0(u); the threshold is t_c = <k>/(<k²> − <k>), the same as site q_c.
 * Mean finite-cluster size 1 + <k>·t·G1(u)² / (G0(u)(1 − t·G1'(u))).
 *
 * @references Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468; Newman, Strogatz & Watts,
 * PRE 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * gfBondPercolation(regularLaw(3), 0.75).S; // ≈ 0.962963
 * ```
 *
 * @category Generating functions
 */
export function gfBondPercolation(law: DegreeLaw, t: number, options: GfSolveOptions = {}): GfPercolationResult {
  const m = checkDegreeLawMoments(law);
  checkProbability('t', t);
  return solveFixedPoint('bond', law.pk, t, 1, m.mean, options);
}
