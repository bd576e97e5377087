/**
 * Numerically stable binomial weights for canonical (fixed-q) averages of microcanonical (fixed-k) sweeps.
 *
 * @module
 */
import { checkInteger, checkProbability } from '../errors.ts';
import { logFactorial } from '../random/log-gamma.ts';

/**
 * ln B(N, k, q) = ln C(N, k) + k ln q + (N − k) ln(1 − q), computed in log space (no overflow of C(N, k)).
 *
 * @param N - number of trials, an integer >= 0.
 * @param k - number of successes, an integer in [0, N].
 * @param q - success probability in [0, 1].
 * @returns the log probability (−Infinity when the probability is 0).
 *
 * @complexity O(1) (log-factorials by table / Stirling series).
 *
 * @model B(N, k, q) = N!/(k!(N−k)!) q^k (1−q)^(N−k).
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), eq. (2), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * Math.exp(binomialLogPmf(4, 2, 0.5)); // 0.375
 * ```
 *
 * @category Statistics
 */
export function binomialLogPmf(N: number, k: number, q: number): number {
  if (k < 0 || k > N) return -Infinity;
  if (q === 0) return k === 0 ? 0 : -Infinity;
  if (q === 1) return k === N ? 0 : -Infinity;
  return logFactorial(N) - logFactorial(k) - logFactorial(N - k) + k * Math.log(q) + (N - k) * Math.log1p(-q);
}

/**
 * The non-negligible part of a binomial pmf: weights[i] = B(N, lo + i, q), i = 0..hi − lo.
 *
 * @category Statistics
 */
export interface BinomialWindow {
  /** First k of the window. */
  lo: number;
  /** Last k of the window (inclusive). */
  hi: number;
}

/**
 * Write the binomial pmf B(N, k, q) for the window of k where it is non-negligible into `scratch[0 .. hi−lo]`.
 *
 * The weights are computed relative to the mode k* = ⌊(N+1)q⌋, i.e. as exp(ln B(k) − ln B(k*)), so nothing overflows
 * or underflows even at N = 1e6 (C(N, k) itself would): starting from 1 at the mode, the ratio recurrence
 * B(k+1)/B(k) = (N−k)/(k+1) · q/(1−q) extends them to both sides until a weight falls below `tol` (the pmf is
 * unimodal, so every further weight is smaller still), and the window is normalised to sum to 1 (the neglected
 * mass is below N·tol; rounding error ≤ (window length)·ε relative). Like pypercolate, only ≈ 2·8.5·√(Nq(1−q)) + 1 weights
 * are computed, so a canonical average at N = 1e6 costs ~10⁴ operations, not 10⁶.
 *
 * @param N - number of trials (n for site, m for bond), an integer >= 0.
 * @param q - occupation probability in [0, 1].
 * @param scratch - output buffer of length ≥ hi − lo + 1 (see {@link binomialWindowBounds}; N + 1 always suffices);
 *   only `scratch[0 .. hi−lo]` is written.
 * @param tol - relative cut-off (default 1e-17).
 * @returns the window bounds {lo, hi}.
 *
 * @complexity O(hi − lo + 1) = O(√(N q(1−q)) · √ln(1/tol)).
 *
 * @model canonical average ⟨X⟩_q = Σ_k B(N, k, q) X_k.
 *
 * @references Newman & Ziff 2001, eq. (2), doi:10.1103/PhysRevE.64.016706; A. Sabri, pypercolate (2015),
 * percolate.percolate.canonical_averages (binomial pmf in log space, windowed).
 *
 * @example
 * ```ts
 * const w = new Float64Array(11);
 * const { lo, hi } = binomialWindow(10, 0.5, w); // w[0..hi-lo] = B(10, lo.., 0.5)
 * ```
 *
 * @category Statistics
 */
export function binomialWindow(N: number, q: number, scratch: Float64Array, tol = 1e-17): BinomialWindow {
  checkInteger('N', N, 0);
  checkProbability('q', q);
  if (q === 0 || N === 0) {
    scratch[0] = 1;
    return { lo: 0, hi: 0 };
  }
  if (q === 1) {
    scratch[0] = 1;
    return { lo: N, hi: N };
  }
  const { lo, hi, mode, r } = windowAroundMode(N, q, tol);
  // Fill relative weights (mode = 1).
  const im = mode - lo;
  scratch[im] = 1;
  let w = 1;
  for (let k = mode; k > lo; k--) {
    w *= k / ((N - k + 1) * r);
    scratch[k - 1 - lo] = w;
  }
  w = 1;
  for (let k = mode; k < hi; k++) {
    w *= ((N - k) * r) / (k + 1);
    scratch[k + 1 - lo] = w;
  }
  let sum = 0;
  const len = hi - lo + 1;
  for (let i = 0; i < len; i++) sum += scratch[i];
  const inv = 1 / sum;
  for (let i = 0; i < len; i++) scratch[i] *= inv;
  return { lo, hi };
}

/**
 * The window {@link binomialWindow} would fill, without filling it (the same arithmetic, so the same bounds): lets a
 * caller allocate exactly `hi − lo + 1` weights instead of N + 1.
 *
 * @param N - number of trials, an integer >= 0.
 * @param q - occupation probability in [0, 1].
 * @param tol - relative cut-off (default 1e-17).
 * @returns the window bounds {lo, hi}.
 *
 * @complexity O(hi − lo + 1).
 *
 * @model see {@link binomialWindow}.
 *
 * @references see {@link binomialWindow}.
 *
 * @example
 * ```ts
 * const { lo, hi } = binomialWindowBounds(1e8, 0.5); // about 8.5·√(N/4) on either side of N/2
 * ```
 *
 * @category Statistics
 */
export function binomialWindowBounds(N: number, q: number, tol = 1e-17): BinomialWindow {
  checkInteger('N', N, 0);
  checkProbability('q', q);
  if (q === 0 || N === 0) return { lo: 0, hi: 0 };
  if (q === 1) return { lo: N, hi: N };
  const { lo, hi } = windowAroundMode(N, q, tol);
  return { lo, hi };
}

/**
 * The window of binomial(N, q) weights above `tol` relative to the mode, for 0 < q < 1 and N >= 1: walks down from
 * the mode with B(k−1)/B(k) = k/((N−k+1) r) and up with B(k+1)/B(k) = (N−k) r/(k+1), r = q/(1−q).
 */
function windowAroundMode(N: number, q: number, tol: number): { lo: number; hi: number; mode: number; r: number } {
  let mode = Math.floor((N + 1) * q);
  if (mode > N) mode = N;
  const r = q / (1 - q);
  let lo = mode;
  let w = 1;
  while (lo > 0) {
    w *= lo / ((N - lo + 1) * r);
    if (w < tol) break;
    lo--;
  }
  let hi = mode;
  w = 1;
  while (hi < N) {
    w *= ((N - hi) * r) / (hi + 1);
    if (w < tol) break;
    hi++;
  }
  return { lo, hi, mode, r };
}
