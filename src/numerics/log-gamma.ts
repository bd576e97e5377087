/**
 * The logarithm of the gamma function (absolute error about 3e-15 for x < 10, relative error about 1e-15 above),
 * used by the Poisson and binomial samplers, the Poisson degree law and the Weibull capacity law.
 *
 * @module
 */

const HALF_LOG_2PI = 0.9189385332046727; // 0.5 * ln(2π)

/**
 * ln Γ(x) for x > 0.
 *
 * @param x - a positive number.
 * @returns ln Γ(x) (absolute error ~3e-15 below 10, relative ~1e-15 above); Infinity at x = 0, NaN for x < 0 or NaN.
 *
 * @complexity O(1) (at most 10 multiplications to shift x above 10, then a 7-term Stirling series).
 *
 * @model ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + Σ_(n=1..7) B_2n / [2n(2n−1) x^(2n−1)] + O(x⁻¹⁵) for x ≥ 10
 * (the Stirling series; the first omitted term is below 3e-17), and ln Γ(x) = ln Γ(x + n) − ln[x(x+1)…(x+n−1)] below.
 *
 * @references M. Abramowitz, I. Stegun, *Handbook of Mathematical Functions* (1964), eq. 6.1.40.
 *
 * @example
 * ```ts
 * logGamma(5); // 3.1780538303479458 (= ln 24)
 * ```
 *
 * @category Special functions
 */
export function logGamma(x: number): number {
  if (!(x >= 0)) return NaN;
  if (x === 0) return Infinity;
  if (x === Infinity) return Infinity;
  if (x === 1 || x === 2) return 0;
  let shift = 0;
  if (x < 10) {
    let prod = 1;
    while (x < 10) {
      prod *= x;
      x += 1;
    }
    shift = Math.log(prod);
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 -
      inv2 *
        (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188 - inv2 * (691 / 360360 - inv2 / 156))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
}

/** Cached ln k! for k < 256 (exact to rounding). */
const LOG_FACTORIAL_TABLE: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let k = 2; k < 256; k++) t[k] = t[k - 1] + Math.log(k);
  return t;
})();

/**
 * ln k! for an integer k >= 0.
 *
 * @param k - an integer >= 0.
 * @returns ln k!.
 *
 * @complexity O(1) (table for k < 256, Stirling series above).
 *
 * @model ln k! = ln Γ(k + 1).
 *
 * @references Abramowitz & Stegun (1964), eq. 6.1.40.
 *
 * @example
 * ```ts
 * logFactorial(10); // 15.104412573075516 (= ln 3628800)
 * ```
 *
 * @category Special functions
 */
export function logFactorial(k: number): number {
  return k < 256 ? LOG_FACTORIAL_TABLE[k] : logGamma(k + 1);
}
