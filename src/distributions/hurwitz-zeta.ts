/**
 * The Hurwitz zeta function ζ(s, a) = Σ_(k>=0) (k + a)^(−s) for real s > 1, a > 0, with a rigorous error bound,
 * and the exact moments of the pure power law p_k ∝ k^(−τ), k >= kmin, built from it.
 *
 * No npm package offers the Hurwitz zeta function with an error bound (checked 2026-12: `hurwitz-zeta` and
 * `@stdlib/math-base-special-hurwitz-zeta` do not exist; mathjs and `@stdlib/math-base-special-riemann-zeta` give
 * the Riemann function ζ(s) only, without a bound), so it is computed here by Euler–Maclaurin summation.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/**
 * A value with an absolute error bound.
 *
 * @category Special functions
 */
export interface BoundedValue {
  /** The computed value. */
  value: number;
  /** An upper bound on |value − exact| (truncation remainder plus floating-point rounding). */
  error: number;
}

/** B_2, B_4, …, B_24 (Bernoulli numbers, exact rationals rounded to double). */
const BERNOULLI_EVEN = [
  1 / 6,
  -1 / 30,
  1 / 42,
  -1 / 30,
  5 / 66,
  -691 / 2730,
  7 / 6,
  -3617 / 510,
  43867 / 798,
  -174611 / 330,
  854513 / 138,
  -236364091 / 2730,
];
/** Terms summed directly before the Euler–Maclaurin tail. */
const DIRECT_TERMS = 32;
const EPS = 2.220446049250313e-16;

/**
 * The Hurwitz zeta function ζ(s, a) = Σ_(k=0)^∞ (k + a)^(−s), with an error bound.
 *
 * @param s - the exponent, a finite number > 1.
 * @param a - the shift, a finite number > 0 (a = 1 gives the Riemann ζ(s); a = kmin gives Σ_(k>=kmin) k^(−s)).
 * @returns ζ(s, a) and a bound on its absolute error.
 * @throws FragilityInputError naming `s` (not > 1) or `a` (not > 0).
 *
 * @complexity O(1): 32 direct terms and 12 Euler–Maclaurin corrections.
 *
 * @model ζ(s, a) = Σ_(k<N) (a+k)^(−s) + (a+N)^(1−s)/(s−1) + (a+N)^(−s)/2
 * + Σ_(j=1)^M B_(2j)/(2j)!·s(s+1)…(s+2j−2)·(a+N)^(−s−2j+1) + R, with N = 32, M = 12 and
 * |R| <= 4·s(s+1)…(s+2M−1)/(2π)^(2M)·(a+N)^(−s−2M+1)/(s+2M−1) (Johansson 2014, Theorem 1, real s). The
 * reported error adds a rounding bound of 4ε per summed term times the magnitude of the sum.
 *
 * @references F. Johansson, "Rigorous high-precision computation of the Hurwitz zeta function and its
 * derivatives", Numerical Algorithms 69, 253–270 (2015), doi:10.1007/s11075-014-9893-1, arXiv:1309.2877;
 * NIST DLMF §25.11 (Hurwitz zeta function) and §2.10 (Euler–Maclaurin formula).
 *
 * @example
 * ```ts
 * hurwitzZeta(2, 1).value; // π²/6 = 1.6449340668482264
 * hurwitzZeta(3, 1).value; // 1.2020569031595942 (Apéry's constant)
 * ```
 *
 * @category Special functions
 */
export function hurwitzZeta(s: number, a: number): BoundedValue {
  if (!(s > 1 && s < Infinity)) throw new FragilityInputError('s', s, 'a finite number > 1');
  if (!(a > 0 && a < Infinity)) throw new FragilityInputError('a', a, 'a finite number > 0');
  const N = DIRECT_TERMS;
  // Direct sum from the smallest terms up (they are decreasing in k).
  let direct = 0;
  for (let k = N - 1; k >= 0; k--) direct += Math.pow(a + k, -s);
  const x = a + N;
  const integral = Math.pow(x, 1 - s) / (s - 1);
  const half = Math.pow(x, -s) / 2;
  // Euler–Maclaurin corrections: term_j = B_2j/(2j)!·(s)_(2j−1)·x^(−s−2j+1).
  let corr = 0;
  let rising = s; // (s)_(2j−1) = s(s+1)…(s+2j−2)
  let factorial = 2; // (2j)!
  let xpow = Math.pow(x, -s - 1); // x^(−s−2j+1)
  const M = BERNOULLI_EVEN.length;
  for (let j = 1; j <= M; j++) {
    corr += (BERNOULLI_EVEN[j - 1] / factorial) * rising * xpow;
    rising *= (s + 2 * j - 1) * (s + 2 * j);
    factorial *= (2 * j + 1) * (2 * j + 2);
    xpow /= x * x;
  }
  // After the loop: rising = (s)_(2M+1) = (s)_(2M)·(s+2M); the bound needs (s)_(2M).
  const risingM = rising / (s + 2 * M);
  const remainder = ((4 * risingM) / Math.pow(2 * Math.PI, 2 * M)) * (Math.pow(x, -s - 2 * M + 1) / (s + 2 * M - 1));
  const value = direct + integral + half + corr;
  const rounding = 4 * EPS * (N + M + 4) * Math.abs(value);
  return { value, error: remainder + rounding };
}

/**
 * Exact moments of the pure power law p_k = k^(−τ)/ζ(τ, kmin), k >= kmin (see {@link purePowerLawMoments}).
 *
 * @category Special functions
 */
export interface PowerLawMoments {
  /** The exponent τ of the law. */
  tau: number;
  /** The smallest degree of the law. */
  kmin: number;
  /** ⟨k⟩ = ζ(τ−1, kmin)/ζ(τ, kmin); Infinity when τ <= 2. */
  mean: number;
  /** Bound on |mean − exact| (0 when mean is Infinity). */
  meanError: number;
  /** ⟨k²⟩ = ζ(τ−2, kmin)/ζ(τ, kmin); Infinity when τ <= 3. */
  secondMoment: number;
  /** Bound on |secondMoment − exact| (0 when it is Infinity). */
  secondMomentError: number;
  /** How the moments were computed (one line). */
  method: string;
}

/**
 * ⟨k⟩ and ⟨k²⟩ of the pure power law p_k ∝ k^(−τ), k >= kmin (no cutoff), from Hurwitz zeta sums, each with an
 * error bound; a moment whose sum diverges is Infinity.
 *
 * @param tau - the exponent τ > 1.
 * @param kmin - the smallest degree, an integer >= 1.
 * @returns the moments with their error bounds.
 * @throws FragilityInputError naming `law.tau` (not > 1) or `law.kmin`.
 *
 * @complexity O(1) (three Hurwitz zeta evaluations).
 *
 * @model ⟨k^j⟩ = ζ(τ−j, kmin)/ζ(τ, kmin), finite iff τ − j > 1; the bound of a ratio A/B with errors e_A, e_B
 * is (e_A + (A/B)·e_B)/(B − e_B).
 *
 * @references Johansson, Numer. Algorithms 69, 253 (2015), doi:10.1007/s11075-014-9893-1; M. E. J. Newman,
 * S. H. Strogatz, D. J. Watts, PRE 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118 (power-law moments via ζ).
 *
 * @example
 * ```ts
 * purePowerLawMoments(3.1, 1).mean; // ζ(2.1)/ζ(3.1) = 1.318436781443…
 * purePowerLawMoments(2.5, 1).secondMoment; // Infinity
 * ```
 *
 * @category Special functions
 */
export function purePowerLawMoments(tau: number, kmin: number): PowerLawMoments {
  if (!(tau > 1 && tau < Infinity))
    throw new FragilityInputError('law.tau', tau, 'a finite number > 1 (pure power law)');
  if (!(Number.isInteger(kmin) && kmin >= 1)) throw new FragilityInputError('law.kmin', kmin, 'an integer >= 1');
  const z0 = hurwitzZeta(tau, kmin);
  const ratio = (j: number): BoundedValue => {
    if (!(tau - j > 1)) return { value: Infinity, error: 0 };
    const zj = hurwitzZeta(tau - j, kmin);
    const value = zj.value / z0.value;
    return { value, error: (zj.error + value * z0.error) / (z0.value - z0.error) + 2 * EPS * value };
  };
  const m1 = ratio(1);
  const m2 = ratio(2);
  return {
    tau,
    kmin,
    mean: m1.value,
    meanError: m1.error,
    secondMoment: m2.value,
    secondMomentError: m2.error,
    method: `Hurwitz zeta sums ⟨k^j⟩ = ζ(τ−j, ${kmin})/ζ(τ, ${kmin}) (Euler–Maclaurin with Johansson's remainder bound)`,
  };
}
