/**
 * Fast approximate samplers for the hot loop of the overload model (per-supernode scatter of request counts).
 *
 * The cohort transitions of the model (a few draws per step) use the exact samplers of `src/random`. Spreading R
 * requests over tens of thousands of supernodes every step needs one binomial draw per supernode, 4.5·10^8 draws in a
 * full-scale run, so this file trades exactness in the far tails for speed: a binomial with variance above 25 is
 * drawn as round(np + sqrt(np(1−p))·Z) with Z taken from a 4096-point table of normal quantiles (|Z| ≤ 3.5); smaller
 * ones are drawn exactly by sequential inversion.
 *
 * @module
 */
import { standardNormalQuantile } from '../distributions/normal-functions.ts';
import type { Rng } from '../random/stream.ts';

const TABLE_BITS = 12;
const TABLE = (() => {
  const t = new Float64Array(1 << TABLE_BITS);
  for (let i = 0; i < t.length; i++) t[i] = standardNormalQuantile((i + 0.5) / t.length);
  return t;
})();

/**
 * A lower bound of the floating-point value `Math.exp(n * Math.log1p(-p))` (that is, of P(X = 0) = (1 − p)^n as
 * approxBinomial's inversion computes it), far cheaper than exp and log1p; −1 when (1 − p)^n may be below e^−1.5.
 *
 * Why it holds: for p <= 1/2, −ln(1 − p) = Σ p^k/k <= p + p²/2 + p³/(3(1 − p)) <= p + p²/2 + 2p³/3, so
 * y = n·ln(1 − p) >= yL = −n(p + p²/2 + 2p³/3); e^y >= e^yL >= T5(yL), the Taylor polynomial of degree 5
 * (remainder e^ξ·yL⁶/720 >= 0 for every yL). With |y| <= 1.5 the rounding errors of the two evaluations are below
 * 1e-14 in absolute terms (a few ulps of numbers of order 1); the bound subtracts 1e-12. So u <= bound implies
 * u <= the computed exp(n·log1p(−p)): the inversion would stop at 0 with the same draw, and skipping exp/log1p
 * changes no bit.
 */
function zeroMassLowerBound(n: number, p: number): number {
  const y = -n * (p + p * p * (0.5 + p * (2 / 3)));
  if (y < -1.5) return -1;
  return 1 + y * (1 + y * (1 / 2 + y * (1 / 6 + y * (1 / 24 + y * (1 / 120))))) - 1e-12;
}

/**
 * A binomial(n, p) draw, exact by inversion when n·p·(1−p) <= 25, normal-approximated (table normal) above.
 *
 * @param rng - the stream.
 * @param n - trials, an integer >= 0 (not checked: internal).
 * @param p - success probability in [0, 1] (not checked).
 * @returns an integer in [0, n].
 *
 * @complexity O(1) for the normal branch; O(1 + n·min(p, 1−p)) expected for inversion (at most ≈ 50 steps).
 *
 * @model inversion of the binomial cdf by the recurrence P(k+1)/P(k) = (n−k)p/((k+1)q); the normal branch is the
 * de Moivre–Laplace approximation rounded to the nearest integer and clamped to [0, n].
 *
 * @references L. Devroye, *Non-Uniform Random Variate Generation* (Springer 1986), §X.4.
 *
 * @example
 * ```ts
 * approxBinomial(stream(1), 1_000_000, 0.5); // ≈ 500000 ± 500
 * ```
 */
export function approxBinomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - approxBinomial(rng, n, 1 - p);
  const q = 1 - p;
  const mean = n * p;
  const v = mean * q;
  if (v > 25) {
    const z = TABLE[rng.nextUint32() >>> (32 - TABLE_BITS)];
    const x = Math.round(mean + Math.sqrt(v) * z);
    return x < 0 ? 0 : x > n ? n : x;
  }
  // inversion; the uniform is drawn first (exp and log1p draw nothing, so the stream is the same) and when it lies
  // below a certified lower bound of P(0) = (1 − p)^n the draw is 0 without evaluating exp and log1p
  let u = rng.next();
  if (u <= zeroMassLowerBound(n, p)) return 0;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.exp(n * Math.log1p(-p));
  let x = 0;
  while (u > r) {
    u -= r;
    x++;
    if (x > n) return n;
    r *= a / x - s;
    if (r <= 0) return x; // underflow guard
  }
  return x;
}

/**
 * Spread `total` items uniformly at random over the bins `ids[0..count)` (a multinomial with equal cells), writing
 * the counts into `out[ids[j]]`. Exact conservation: the counts sum to `total`.
 *
 * @param rng - the stream.
 * @param total - items, an integer >= 0.
 * @param ids - bin ids.
 * @param count - number of bins used from `ids` (>= 1 when total > 0).
 * @param out - receives the counts (overwritten at the used ids).
 * @returns nothing.
 *
 * @complexity O(count) approxBinomial draws.
 *
 * @model sequential conditional binomials: n_j ~ Bin(remaining, 1/(count − j)).
 *
 * @references Devroye (1986), §XI.1 (multinomial by conditional binomials).
 *
 * @example
 * ```ts
 * const out = new Float64Array(3); scatterUniformCounts(stream(1), 10, Int32Array.of(0, 1, 2), 3, out);
 * ```
 */
export function scatterUniformCounts(rng: Rng, total: number, ids: Int32Array, count: number, out: Float64Array): void {
  let rem = total;
  for (let j = 0; j < count - 1; j++) {
    const x = rem > 0 ? approxBinomial(rng, rem, 1 / (count - j)) : 0;
    out[ids[j]] = x;
    rem -= x;
  }
  if (count > 0) out[ids[count - 1]] = rem;
}
