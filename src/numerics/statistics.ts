/**
 * Small statistics (the numerics home, src/numerics/): Student-t confidence intervals for means, Wilson and Clopper–Pearson
 * (Beta) intervals for probabilities, and the regularized incomplete beta function they rest on.
 *
 * @module
 */
import { ConvergenceError, checkInteger, checkNumber } from '../errors.ts';
import { logGamma } from './log-gamma.ts';
import { standardNormalQuantile } from './normal.ts';

/**
 * The regularized incomplete beta function I_x(a, b).
 *
 * @param x - in [0, 1].
 * @param a - > 0.
 * @param b - > 0.
 * @returns I_x(a, b).
 * @throws ConvergenceError if the continued fraction needs more than 300 terms (does not happen for a, b ≤ 1e6).
 *
 * @complexity O(√max(a, b)) continued-fraction terms.
 *
 * @model I_x(a,b) = B(x; a, b)/B(a, b), Lentz's continued fraction (Numerical Recipes §6.4), with the symmetry
 * I_x(a,b) = 1 − I_{1−x}(b,a) for fast convergence.
 *
 * @references W. H. Press et al., Numerical Recipes, 3rd ed. (2007), §6.4.
 *
 * @example
 * ```ts
 * regularizedIncompleteBeta(0.5, 2, 2); // 0.5
 * ```
 *
 * @category Statistics
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const bt = Math.exp(lbt);
  if (x < (a + 1) / (a + b + 2)) return (bt * betaContinuedFraction(x, a, b)) / a;
  return 1 - (bt * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const FPMIN = 1e-300;
  const EPS = 1e-15;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new ConvergenceError('incomplete beta continued fraction', 300, Math.abs(h));
}

const tCache = new Map<string, number>();

/**
 * The quantile of Student's t distribution with `df` degrees of freedom.
 *
 * @param p - probability in (0, 1).
 * @param df - degrees of freedom, an integer >= 1.
 * @returns t with P(T ≤ t) = p.
 *
 * @complexity O(100) bisection steps on the CDF (cached per (p, df)).
 *
 * @model F(t) = 1 − ½ I_{df/(df+t²)}(df/2, ½) for t ≥ 0, symmetric.
 *
 * @references Abramowitz & Stegun (1964), 26.7.1.
 *
 * @example
 * ```ts
 * studentTQuantile(0.975, 19); // 2.093
 * ```
 *
 * @category Statistics
 */
export function studentTQuantile(p: number, df: number): number {
  checkNumber('p', p, 0, 1);
  checkInteger('df', df, 1);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const key = `${p}|${df}`;
  const hit = tCache.get(key);
  if (hit !== undefined) return hit;
  const tail = 1 - p; // P(T > t)
  let lo = 0;
  let hi = 1;
  while (0.5 * regularizedIncompleteBeta(df / (df + hi * hi), df / 2, 0.5) > tail && hi < 1e12) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (0.5 * regularizedIncompleteBeta(df / (df + mid * mid), df / 2, 0.5) > tail) lo = mid;
    else hi = mid;
  }
  const t = 0.5 * (lo + hi);
  tCache.set(key, t);
  return t;
}

/**
 * Mean, standard deviation and confidence interval of a sample.
 *
 * @category Statistics
 */
export interface MeanConfidenceEstimate {
  /** Sample mean. */
  mean: number;
  /** Sample standard deviation (n − 1 denominator); NaN for one value. */
  sd: number;
  /** Confidence interval for the mean [lo, hi]; [NaN, NaN] for one value. */
  ci: [number, number];
}

/**
 * Mean with a Student-t confidence interval: mean ± t_{(1+level)/2, R−1} · sd/√R.
 *
 * @param values - the sample (R ≥ 1 values), summed in the given order.
 * @param level - confidence level in (0, 1), default 0.95.
 * @returns {@link MeanConfidenceEstimate} (sd and ci are NaN for R = 1; a zero-spread sample gives ci = [mean, mean]).
 *
 * @complexity O(R), two passes (the second for the centred sum of squares).
 *
 * @model t interval for the mean of i.i.d. replicates (replicate values are close to normal by the CLT).
 *
 * @references W. S. Gosset ("Student"), Biometrika 6, 1 (1908).
 *
 * @example
 * ```ts
 * meanWithCI([1, 2, 3]); // { mean: 2, sd: 1, ci: [-0.484, 4.484] }
 * ```
 *
 * @category Statistics
 */
export function meanWithCI(values: ArrayLike<number>, level = 0.95): MeanConfidenceEstimate {
  const R = values.length;
  if (R === 0) return { mean: NaN, sd: NaN, ci: [NaN, NaN] };
  let s = 0;
  for (let i = 0; i < R; i++) s += values[i];
  const mean = s / R;
  if (R === 1) return { mean, sd: NaN, ci: [NaN, NaN] };
  let ss = 0;
  for (let i = 0; i < R; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / (R - 1));
  const half = studentTQuantile((1 + level) / 2, R - 1) * (sd / Math.sqrt(R));
  return { mean, sd, ci: [mean - half, mean + half] };
}

/**
 * Wilson score interval for a binomial proportion.
 *
 * @param successes - number of successes, 0..trials.
 * @param trials - number of trials >= 1.
 * @param level - confidence level, default 0.95.
 * @returns [lo, hi] within [0, 1].
 *
 * @complexity O(1).
 *
 * @model (p̂ + z²/2n ± z√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
 *
 * @references E. B. Wilson, JASA 22, 209 (1927), doi:10.1080/01621459.1927.10502953.
 *
 * @example
 * ```ts
 * wilsonInterval(20, 20); // [0.839, 1]
 * ```
 *
 * @category Statistics
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): [number, number] {
  checkInteger('trials', trials, 1);
  checkInteger('successes', successes, 0, trials);
  checkNumber('level', level, 0, 1);
  return wilsonScore(successes, trials, standardNormalQuantile((1 + level) / 2));
}

/**
 * The Wilson score interval for k successes in n trials at a given normal quantile z (no validation: the callers
 * of {@link wilsonInterval} and the overload collapse estimate, which computes z once for many intervals).
 *
 * @param k - successes, 0..n.
 * @param n - trials (n = 0 gives [0, 1]).
 * @param z - normal quantile, e.g. 1.96 for 95 %.
 * @returns [lo, hi] within [0, 1].
 *
 * @complexity O(1).
 *
 * @model as {@link wilsonInterval}.
 *
 * @references E. B. Wilson, JASA 22, 209 (1927), doi:10.1080/01621459.1927.10502953.
 *
 * @example
 * ```ts
 * wilsonScore(20, 20, 1.959963984540054); // [0.839, 1]
 * ```
 */
export function wilsonScore(k: number, n: number, z: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Clopper–Pearson (Beta) interval for a binomial proportion.
 *
 * @param successes - 0..trials.
 * @param trials - >= 1.
 * @param level - confidence level, default 0.95.
 * @returns [lo, hi].
 *
 * @complexity O(100) bisection steps per bound.
 *
 * @model lo = Beta⁻¹(α/2; x, n−x+1), hi = Beta⁻¹(1−α/2; x+1, n−x).
 *
 * @references C. J. Clopper, E. S. Pearson, Biometrika 26, 404 (1934), doi:10.1093/biomet/26.4.404.
 *
 * @example
 * ```ts
 * betaInterval(0, 10); // [0, 0.3085]
 * ```
 *
 * @category Statistics
 */
export function betaInterval(successes: number, trials: number, level = 0.95): [number, number] {
  checkInteger('trials', trials, 1);
  checkInteger('successes', successes, 0, trials);
  const alpha = 1 - level;
  const x = successes;
  const n = trials;
  const lo = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const hi = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return [lo, hi];
}

function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (regularizedIncompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Standard normal quantile Φ⁻¹(p): the same function as {@link standardNormalQuantile} (src/numerics/normal.ts), kept
 * under this name for the ensembles' callers. One contract for both names: NaN outside [0, 1] (a math function, like
 * `Math.log`; a caller that takes p from user input validates it and names its own field), −Infinity at 0,
 * Infinity at 1, accurate to about 1e-15 relative (Acklam's approximation refined by one Halley step).
 *
 * @param p - a probability in [0, 1].
 * @returns z with Φ(z) = p.
 *
 * @complexity O(1).
 *
 * @model Φ(z) = ½ erfc(−z/√2).
 *
 * @references P. J. Acklam (2003), "An algorithm for computing the inverse normal cumulative distribution function".
 *
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963984540054
 * ```
 *
 * @category Statistics
 */
export function normalQuantile(p: number): number {
  return standardNormalQuantile(p);
}
