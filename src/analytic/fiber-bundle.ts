/**
 * Fiber bundle with equal load sharing (ELS), mean-field theory: the critical stress σ_c, the fixed point U*(σ) of the
 * recursive breaking dynamics, and collapse after an initial random loss f0 — the mean-field core of the supernode
 * overload model.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import type { CapacityLaw } from '../distributions/types.ts';
import { brentRoot } from './root-finding.ts';

/**
 * Result of {@link fiberBundleCritical}.
 *
 * @category Fiber bundles
 */
export interface FiberBundleCriticalResult {
  /** Critical stress σ_c = max_x x[1 − F(x)] (load per ORIGINAL element). */
  sigmaC: number;
  /** The maximiser x_c (the load per surviving element at the critical point). */
  xC: number;
  /** Fraction of elements intact at the critical point, U*_c = 1 − F(x_c). */
  UC: number;
}

/**
 * Options of {@link fiberBundleFixedPoint}.
 *
 * @category Fiber bundles
 */
export interface FiberBundleFixedPointOptions {
  /** Fraction of elements lost at random before the load is applied, in [0, 1] (default 0). */
  f0?: number;
  /** Bound on the number of map iterations (default 10 000). */
  maxIterations?: number;
  /** Stop when the estimated distance of the iterate to its limit is <= tol (default 1e-13). */
  tol?: number;
  /** The iterate counts as collapsed once U_t <= collapseBelow (default 1e-12). */
  collapseBelow?: number;
  /** The critical point if already computed (saves a maximisation). */
  critical?: FiberBundleCriticalResult;
}

/**
 * Result of {@link fiberBundleFixedPoint}.
 *
 * @category Fiber bundles
 */
export interface FiberBundleFixedPointResult {
  /**
   * Fraction of ALL original elements intact at the fixed point: 0 on collapse, otherwise the largest fixed point
   * (the limit of the map), polished by a bracketed root solve to machine precision.
   */
  U: number;
  /** True iff σ > (1 − f0)·σ_c: no non-zero fixed point exists and the bundle breaks completely. */
  collapse: boolean;
  /** Map iterations performed (the trajectory has iterations + 1 entries). */
  iterations: number;
  /**
   * True when the map itself reached its limit within maxIterations (|U_t − U*| <= tol by the linear-rate error
   * estimate, or U_t <= collapseBelow on collapse). Near σ_c the map slows down (critical slowing down ~ (σ_c − σ)^(−1/2))
   * and this is false; `U` and `collapse` are still exact (see Model).
   */
  converged: boolean;
  /** U_0 = 1 − f0, U_1, …: the map's trajectory (fractions of all original elements). */
  trajectory: number[];
  /** The load per original element σ and the initial loss f0 used. */
  sigma: number;
  f0: number;
  /** The collapse load (1 − f0)·σ_c. */
  sigmaStar: number;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** x·[1 − F(x)], the load per original element carried when the per-survivor load is x. */
function carried(law: CapacityLaw, x: number): number {
  return x * (1 - law.cdf(x));
}

function checkLaw(law: CapacityLaw): void {
  if (!law || typeof law.cdf !== 'function' || typeof law.quantile !== 'function') {
    throw new FragilityInputError(
      'capacity',
      (law as { spec?: string })?.spec ?? law,
      'a capacity law (cdf, pdf, quantile)',
    );
  }
  if (!(law.lo >= 0) || !(law.hi > law.lo)) {
    throw new FragilityInputError('capacity', law.spec, 'a capacity law supported on [lo, hi] with 0 <= lo < hi');
  }
}

/**
 * Critical stress of an ELS fiber bundle: σ_c = max_x x[1 − F(x)], its argmax x_c and U*_c = 1 − F(x_c).
 *
 * @param law - the threshold (capacity) law, supported on [lo, hi] with lo >= 0
 * @returns { sigmaC, xC, UC }
 * @throws FragilityInputError for a law with negative support; FragilityInputError('capacity') when x[1 − F(x)]
 *   keeps growing into the far tail (tail heavier than 1/x: the bundle has no finite critical stress)
 *
 * @complexity ~415 quantile, cdf and pdf evaluations for the scan, then ~50 for the refinement (200 000 for
 * atomic laws).
 *
 * @model the load per original element a bundle can carry when each survivor bears x is x[1 − F(x)]; the bundle
 * breaks once σ exceeds its maximum. The maximum is bracketed by scanning x at the quantiles F⁻¹(u), u = 0, 1/400, …,
 * then extended into the tail (u = 1 − 10^(−k)) when the maximum sits at the last point. The bracket is refined by
 * Brent's root of h'(x) = 1 − F(x) − x·f(x) when h' changes sign on it (x_c to machine precision; uniform [0, 1]
 * gives exactly 1/4, 1/2, 1/2), otherwise by golden-section search on h (e.g. a maximum at the lower end lo).
 * Atomic laws (pdf 0 everywhere, e.g. `empirical(...)`): h is evaluated at the quantiles k/200000 and its largest
 * attained value is returned — an element whose threshold equals its load fails, so for N samples this is
 * max_k x_(k)(N − k)/N, within max x/N of Daniels' strength max_k x_(k)(N − k + 1)/N.
 *
 * @references S. Pradhan, A. Hansen & B. K. Chakrabarti, Failure processes in elastic fiber bundles, Rev. Mod.
 * Phys. 82, 499 (2010), doi:10.1103/RevModPhys.82.499, §II.A (eqs. 7–11); H. E. Daniels, Proc. R. Soc. A 183, 405 (1945).
 *
 * @example
 * ```ts
 * fiberBundleCritical(uniformCapacity(0, 1)); // { sigmaC: 0.25, xC: 0.5, UC: 0.5 }
 * ```
 *
 * @category Fiber bundles
 */
export function fiberBundleCritical(law: CapacityLaw): FiberBundleCriticalResult {
  checkLaw(law);
  const N = 400;
  const xs: number[] = [];
  for (let k = 0; k < N; k++) xs.push(k === 0 ? law.lo : law.quantile(k / N));
  // tail points
  for (let e = 3; e <= 15; e++) xs.push(law.quantile(1 - 10 ** -e));
  if (Number.isFinite(law.hi)) xs.push(law.hi);
  let best = 0;
  let bestH = -Infinity;
  const hs = xs.map((x) => carried(law, x));
  for (let k = 0; k < xs.length; k++) {
    if (hs[k] > bestH) {
      bestH = hs[k];
      best = k;
    }
  }
  if (!Number.isFinite(law.hi) && best >= xs.length - 2 && hs[xs.length - 1] > hs[xs.length - 2] * (1 + 1e-12)) {
    throw new FragilityInputError(
      'capacity',
      law.spec,
      'a capacity law whose tail decays faster than 1/x (finite critical stress)',
    );
  }
  if (xs.every((x) => !(law.pdf(x) > 0))) {
    // Atomic law (e.g. empirical): h only takes its values at the atoms; scan the quantiles finely.
    const M = 200_000;
    for (let k = 1; k < M; k++) {
      const x = law.quantile(k / M);
      const h = carried(law, x);
      if (h > bestH) {
        bestH = h;
        best = xs.length;
        xs.push(x);
      }
    }
    const x = xs[best];
    return { sigmaC: bestH, xC: x, UC: 1 - law.cdf(x) };
  }
  let a = xs[Math.max(0, best - 1)];
  let b = xs[Math.min(xs.length - 1, best + 1)];
  if (!(b > a)) return { sigmaC: bestH, xC: xs[best], UC: 1 - law.cdf(xs[best]) };
  const dh = (x: number): number => 1 - law.cdf(x) - x * law.pdf(x);
  let xC = NaN;
  const da = dh(a);
  const db = dh(b);
  if (da > 0 && db < 0) {
    const r = brentRoot(dh, a, b, { xtol: 1e-15 * Math.max(1, Math.abs(b)), maxIterations: 200 });
    if (Number.isFinite(r.root) && carried(law, r.root) >= bestH * (1 - 1e-12)) xC = r.root;
  }
  if (!Number.isFinite(xC)) {
    // golden section on h over [a, b]
    let c = b - GOLDEN * (b - a);
    let d = a + GOLDEN * (b - a);
    let fc = carried(law, c);
    let fd = carried(law, d);
    for (let it = 0; it < 200 && b - a > 1e-15 * Math.max(1, Math.abs(b)); it++) {
      if (fc >= fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - GOLDEN * (b - a);
        fc = carried(law, c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + GOLDEN * (b - a);
        fd = carried(law, d);
      }
    }
    xC = (a + b) / 2;
    // keep the best of the scan if the refinement did worse (flat or ragged h)
    if (carried(law, xC) < bestH) xC = xs[best];
  }
  return { sigmaC: carried(law, xC), xC, UC: 1 - law.cdf(xC) };
}

/**
 * The load at which an ELS bundle collapses after an initial random loss f0: σ* = (1 − f0)·σ_c.
 *
 * @param law - the threshold law
 * @param f0 - fraction lost at random before the load is applied, in [0, 1]
 * @returns σ* (load per ORIGINAL element)
 * @throws FragilityInputError for f0 outside [0, 1]
 *
 * @complexity one {@link fiberBundleCritical}.
 *
 * @model survivors of the random loss are a random (1 − f0) fraction with the same threshold law, so the carried
 * load per original element is (1 − f0)·x[1 − F(x)]; its maximum is (1 − f0)·σ_c.
 *
 * @references Pradhan, Hansen & Chakrabarti, RMP 82, 499 (2010), doi:10.1103/RevModPhys.82.499.
 *
 * @example
 * ```ts
 * fiberBundleCollapseLoad(uniformCapacity(0, 1), 0.25); // 0.1875
 * ```
 *
 * @category Fiber bundles
 */
export function fiberBundleCollapseLoad(law: CapacityLaw, f0: number): number {
  checkProbability('f0', f0);
  return (1 - f0) * fiberBundleCritical(law).sigmaC;
}

/**
 * Fixed point of the ELS fiber-bundle dynamics under load σ after an initial random loss f0.
 *
 * @param law - the threshold law
 * @param sigma - total load divided by the ORIGINAL number of elements, >= 0
 * @param options - f0, iteration bound, tolerance ({@link FiberBundleFixedPointOptions})
 * @returns U (fraction of ALL original elements intact at the fixed point), collapse, the trajectory and a
 *   convergence report
 * @throws FragilityInputError for sigma < 0, f0 outside [0, 1], bad options
 *
 * @complexity O(maxIterations) cdf evaluations at most, plus one {@link fiberBundleCritical} and a bracketed root.
 *
 * @model N elements, total load σN. A random fraction f0 fails first; the (1 − f0)N survivors are a random subset,
 * so their thresholds still follow F. When a fraction U_t of the ORIGINAL elements is intact, each bears σ/U_t, and
 * the survivors of the initial loss with threshold above σ/U_t stay intact:
 *   U_0 = 1 − f0,  U_{t+1} = (1 − f0)·[1 − F(σ/U_t)]
 * (failed elements never recover because σ/U_t only grows). The sequence decreases to the largest fixed point. With
 * y = σ/U a fixed point solves (1 − f0)·y·[1 − F(y)] = σ, which has a solution iff σ <= (1 − f0)·σ_c: collapse
 * (U → 0) iff σ > (1 − f0)·σ_c, for any F. Uniform [0, 1], f0 = 0: U* = 1/2 + √(1/4 − σ); f0 = 0.25, σ = 0.18:
 * U* = 0.45. The returned U is the map's limit located exactly: y* is the smallest root of (1 − f0)y[1 − F(y)] = σ
 * above the last iterate y_t = σ/U_t (bracketed by a forward scan to x_c, then Brent), so U is exact even when the
 * map has not converged near σ_c. On collapse U = 0; the map is iterated until U_t <= collapseBelow.
 *
 * @references Pradhan, Hansen & Chakrabarti, RMP 82, 499 (2010), doi:10.1103/RevModPhys.82.499, §II.A (eq. 5–6:
 * U_{t+1} = 1 − F(σ/U_t)); the initial-loss variant follows from the random-subset argument above.
 *
 * @example
 * ```ts
 * fiberBundleFixedPoint(uniformCapacity(0, 1), 0.18, { f0: 0.25 }); // U = 0.45, collapse = false
 * ```
 *
 * @category Fiber bundles
 */
export function fiberBundleFixedPoint(
  law: CapacityLaw,
  sigma: number,
  options: FiberBundleFixedPointOptions = {},
): FiberBundleFixedPointResult {
  checkLaw(law);
  checkNumber('sigma', sigma, 0);
  const f0 = checkProbability('f0', options.f0 ?? 0);
  const maxIterations = checkInteger('maxIterations', options.maxIterations ?? 10_000, 1);
  const tol = checkNumber('tol', options.tol ?? 1e-13, 0, 1);
  const collapseBelow = checkNumber('collapseBelow', options.collapseBelow ?? 1e-12, 0, 1);
  const crit = options.critical ?? fiberBundleCritical(law);
  const keep = 1 - f0;
  const sigmaStar = keep * crit.sigmaC;
  const collapse = sigma > sigmaStar;

  const trajectory: number[] = [keep];
  let U = keep;
  let prevStep = NaN;
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations) {
    if (U <= collapseBelow) {
      converged = true;
      break;
    }
    const next = keep * (1 - law.cdf(sigma / U));
    iterations++;
    trajectory.push(next);
    const step = U - next;
    U = next;
    if (!collapse) {
      if (step <= 0) {
        converged = true;
        break;
      }
      const rate = Number.isFinite(prevStep) && prevStep > 0 ? step / prevStep : NaN;
      const errorEstimate = rate >= 0 && rate < 1 ? (step * rate) / (1 - rate) : Infinity;
      if (errorEstimate <= tol || step <= Number.EPSILON * U) {
        converged = true;
        break;
      }
    }
    prevStep = step;
  }
  if (collapse) {
    return { U: 0, collapse, iterations, converged, trajectory, sigma, f0, sigmaStar };
  }
  if (sigma === 0 || keep === 0) {
    return { U, collapse, iterations, converged, trajectory, sigma, f0, sigmaStar };
  }
  // Exact limit: smallest root y* >= y_t of psi(y) = keep·y·(1 − F(y)) − sigma, psi(y_t) <= 0 <= psi(x_c).
  const psi = (y: number): number => keep * carried(law, y) - sigma;
  const yt = sigma / U;
  let lo = yt;
  let hi = Math.max(crit.xC, yt);
  if (psi(lo) < 0) {
    const steps = 256;
    let found = false;
    let prev = lo;
    for (let s = 1; s <= steps; s++) {
      const y = yt + ((hi - yt) * s) / steps;
      if (psi(y) >= 0) {
        lo = prev;
        hi = y;
        found = true;
        break;
      }
      prev = y;
    }
    if (found) {
      const r = brentRoot(psi, lo, hi, { xtol: 1e-16 * hi, maxIterations: 300 });
      // U = (1 − f0)(1 − F(y*)) rather than σ/y*: no precision loss for tiny σ, and U <= 1 − f0 by construction.
      if (Number.isFinite(r.root)) U = keep * (1 - law.cdf(r.root));
    }
  }
  return { U, collapse, iterations, converged, trajectory, sigma, f0, sigmaStar };
}
