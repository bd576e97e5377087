/**
 * Exact binomial variates.
 *
 * @module
 */
import { checkInteger, checkProbability } from '../errors.ts';
import { logFactorial } from './log-gamma.ts';
import type { Rng } from './stream.ts';

/**
 * One draw from Binomial(n, p): the number of successes in n independent trials of probability p.
 *
 * Exact: sequential inversion when n·min(p, 1−p) < 10, otherwise Hörmann's BTRS transformed rejection with squeeze;
 * for p > 1/2 it draws n − Binomial(n, 1 − p).
 *
 * @param rng - the random stream.
 * @param n - the number of trials, an integer in [0, 2^53 − 1].
 * @param p - the success probability, in [0, 1].
 * @returns an integer in [0, n].
 * @throws FragilityInputError (`n`, `p`).
 *
 * @complexity O(1 + n·min(p, 1−p)) for inversion (below 10 steps on average), O(1) expected for BTRS
 * (acceptance rate above 0.9 in the squeeze for large n·p).
 *
 * @model P(X = k) = C(n, k) p^k (1 − p)^(n−k).
 *
 * @references W. Hörmann, "The generation of binomial random variates", J. Stat. Comput. Simul. 46 (1993) 101,
 * doi:10.1080/00949659308811496; L. Devroye, *Non-Uniform Random Variate Generation* (1986), §X.4.
 *
 * @example
 * ```ts
 * const k = binomial(stream(1), 1000, 0.3); // mean 300
 * ```
 *
 * @category Samplers
 */
export function binomial(rng: Rng, n: number, p: number): number {
  checkInteger('n', n, 0, Number.MAX_SAFE_INTEGER);
  checkProbability('p', p);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomialBelowHalf(rng, n, 1 - p);
  return binomialBelowHalf(rng, n, p);
}

function binomialBelowHalf(rng: Rng, n: number, p: number): number {
  return n * p < 10 ? binomialInversion(rng, n, p) : binomialBtrs(rng, n, p);
}

/** Sequential-search inversion, p <= 1/2 and n·p < 10 (so (1−p)^n >= e^(−14) does not underflow). */
function binomialInversion(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const r0 = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = rng.next();
    let r = r0;
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break;
      r *= a / x - s;
    }
    if (x <= n) return x;
    // Rounding left u above the total mass: draw again (probability ~1e-16).
  }
}

/** BTRS, p <= 1/2 and n·p >= 10. */
function binomialBtrs(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rng.next() - 0.5;
    let v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (v === 0) continue;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}
