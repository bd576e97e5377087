/**
 * Bracketed scalar root finding that cannot hang: Brent's method and a safeguarded Newton iteration, both with an
 * iteration bound and a returned convergence report.
 *
 * @module
 */

/**
 * How a bounded iteration ended.
 *
 * @category Numerics
 */
export interface ConvergenceReport {
  /** True when the tolerance was met within the iteration bound. */
  converged: boolean;
  /** Number of iterations used (function evaluations for Brent, Newton/bisection steps for Newton). */
  iterations: number;
  /** |f(root)| at the returned point. */
  residual: number;
}

/**
 * A root and how it was found.
 *
 * @category Numerics
 */
export interface RootResult extends ConvergenceReport {
  /** The returned abscissa (the best point found, even when not converged). */
  root: number;
}

/**
 * Options shared by the root finders.
 *
 * @category Numerics
 */
export interface RootOptions {
  /** Absolute tolerance on x (default 1e-14). */
  xtol?: number;
  /** Stop when |f(x)| <= ftol (default 0: stop on the x tolerance only). */
  ftol?: number;
  /** Iteration bound (default 200). */
  maxIterations?: number;
  /** Starting point of {@link safeguardedNewtonRoot} inside the bracket (default: the midpoint). */
  x0?: number;
}

/**
 * Brent's method on a bracket [a, b] where f(a) and f(b) have opposite signs (or one is zero).
 *
 * @param f - the function
 * @param a - left end of the bracket
 * @param b - right end of the bracket
 * @param options - tolerances and the iteration bound ({@link RootOptions})
 * @returns the root and a convergence report; if f(a)·f(b) > 0 the result has `converged: false` and `root = NaN`
 *
 * @complexity at most `maxIterations` evaluations of f; superlinear near a simple root, never worse than
 * bisection by more than a factor ~2.
 *
 * @model inverse quadratic interpolation / secant steps, falling back to bisection when a step leaves the bracket
 * or does not halve it fast enough.
 *
 * @references R. P. Brent, *Algorithms for Minimization without Derivatives*, Prentice-Hall (1973), ch. 4.
 *
 * @example
 * ```ts
 * const r = brentRoot((x) => x * x - 2, 0, 2);
 * // r.root ≈ 1.41421356, r.converged === true
 * ```
 *
 * @category Numerics
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, options: RootOptions = {}): RootResult {
  const xtol = options.xtol ?? 1e-14;
  const ftol = options.ftol ?? 0;
  const maxIterations = options.maxIterations ?? 200;
  let fa = f(a);
  let fb = f(b);
  let iterations = 2;
  if (fa === 0) return { root: a, converged: true, iterations, residual: 0 };
  if (fb === 0) return { root: b, converged: true, iterations, residual: 0 };
  // Compare signs, not the product (a product of two tiny values underflows to 0).
  if (!((fa < 0 && fb > 0) || (fa > 0 && fb < 0))) return { root: NaN, converged: false, iterations, residual: NaN };
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  while (iterations < maxIterations) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0 || Math.abs(fb) <= ftol) {
      return { root: b, converged: true, iterations, residual: Math.abs(fb) };
    }
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    iterations++;
  }
  return { root: b, converged: false, iterations, residual: Math.abs(fb) };
}

/**
 * Newton's method kept inside a sign-changing bracket [lo, hi] (rtsafe): a Newton step that leaves the bracket or
 * does not shrink the step fast enough is replaced by bisection.
 *
 * @param fdf - returns [f(x), f'(x)]
 * @param lo - one end of the bracket
 * @param hi - the other end (f(lo)·f(hi) <= 0)
 * @param options - tolerances and the iteration bound ({@link RootOptions})
 * @returns the root and a convergence report (`root = NaN`, `converged: false` if the ends do not bracket a root)
 *
 * @complexity at most `maxIterations` evaluations of fdf; quadratic near a simple root.
 *
 * @model x ← x − f(x)/f'(x), safeguarded by bisection.
 *
 * @references W. H. Press et al., *Numerical Recipes*, 3rd ed., §9.4 (rtsafe).
 *
 * @example
 * ```ts
 * const r = safeguardedNewtonRoot((x) => [x * x - 2, 2 * x], 0, 2);
 * // r.root ≈ 1.41421356
 * ```
 *
 * @category Numerics
 */
export function safeguardedNewtonRoot(
  fdf: (x: number) => [number, number],
  lo: number,
  hi: number,
  options: RootOptions = {},
): RootResult {
  const xtol = options.xtol ?? 1e-14;
  const ftol = options.ftol ?? 0;
  const maxIterations = options.maxIterations ?? 200;
  const [flo] = fdf(lo);
  const [fhi] = fdf(hi);
  let iterations = 2;
  if (flo === 0) return { root: lo, converged: true, iterations, residual: 0 };
  if (fhi === 0) return { root: hi, converged: true, iterations, residual: 0 };
  if (!((flo < 0 && fhi > 0) || (flo > 0 && fhi < 0)))
    return { root: NaN, converged: false, iterations, residual: NaN };
  // Orient so that f(xl) < 0 < f(xh).
  let xl = flo < 0 ? lo : hi;
  let xh = flo < 0 ? hi : lo;
  const x0 = options.x0;
  let x = x0 !== undefined && x0 > Math.min(lo, hi) && x0 < Math.max(lo, hi) ? x0 : 0.5 * (lo + hi);
  let dxOld = Math.abs(hi - lo);
  let dx = dxOld;
  let [fx, dfx] = fdf(x);
  iterations++;
  while (iterations < maxIterations) {
    if (fx === 0 || Math.abs(fx) <= ftol) return { root: x, converged: true, iterations, residual: Math.abs(fx) };
    const newtonOut = ((x - xh) * dfx - fx) * ((x - xl) * dfx - fx) > 0;
    const tooSlow = Math.abs(2 * fx) > Math.abs(dxOld * dfx);
    if (newtonOut || tooSlow || !Number.isFinite(dfx) || dfx === 0) {
      dxOld = dx;
      dx = 0.5 * (xh - xl);
      x = xl + dx;
    } else {
      dxOld = dx;
      dx = fx / dfx;
      x -= dx;
    }
    if (Math.abs(dx) < xtol) {
      [fx] = fdf(x);
      iterations++;
      return { root: x, converged: true, iterations, residual: Math.abs(fx) };
    }
    [fx, dfx] = fdf(x);
    iterations++;
    if (fx < 0) xl = x;
    else xh = x;
    if (Math.abs(xh - xl) < xtol) return { root: x, converged: true, iterations, residual: Math.abs(fx) };
  }
  return { root: x, converged: false, iterations, residual: Math.abs(fx) };
}
