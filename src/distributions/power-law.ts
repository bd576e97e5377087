/**
 * Power-law degree laws: with an exponential cutoff (Callaway et al. 2000), with a hard cutoff, or pure.
 *
 * @module
 */
import { checkInteger, checkNumber, FragilityInputError } from '../errors.ts';
import type { DegreeLaw } from './types.ts';
import { purePowerLawMoments } from './hurwitz-zeta.ts';
import {
  checkAbove,
  DEGREE_TAIL_TOLERANCE,
  degreeLawFromPmf,
  formatSpecNumber,
  MAX_DEGREE_SUPPORT,
  PmfBuffer,
} from './degree-law.ts';

/**
 * Options of {@link powerLawDegreeLaw}.
 *
 * @category Degree laws
 */
export interface PowerLawOptions {
  /** Smallest degree (default 1). */
  kmin?: number;
  /** Exponential cutoff κ (default none). */
  cutoff?: number;
  /** Hard cutoff: largest degree (default none: truncated where the tail drops below 1e-12, at most 1e7). */
  kmax?: number;
}

/**
 * The power law p_k ∝ k^(−τ) e^(−k/κ) for kmin <= k (<= kmax), in any combination of cutoffs.
 *
 * Without `kmax`, the support is cut at the smallest K where an upper bound on the dropped tail mass,
 * ∫_K^∞ x^(−τ) e^(−x/κ) dx <= t_K·min(κ, K/(τ−1)) relative to the kept total, is below 1e-12, or at 1e7; that bound
 * (accurate to a relative O(1/K)) is reported as `truncationError`. A pure power law needs τ > 1; with τ = 2.5 it
 * reaches the 1e7 cap with about 1.6e-11 of tail left. A pure power law (no cutoff at all) also carries
 * `exactMoments`: ⟨k⟩ and ⟨k²⟩ of the untruncated law from Hurwitz zeta sums with error bounds (Infinity when the
 * sum diverges, τ <= 2 or τ <= 3), which the analytic thresholds use instead of the table's moments.
 *
 * @param tau - the exponent τ: > 1 without any cutoff, >= 0 with an exponential cutoff only, any finite number with kmax.
 * @param options - `kmin` (default 1), `cutoff` κ > 0, `kmax` (>= kmin, <= 1e7); see {@link PowerLawOptions}.
 * @returns the law, spec `powerlaw(tau,kmin=…[,cutoff=…][,kmax=…])`.
 * @throws FragilityInputError naming `law.tau`, `law.kmin`, `law.cutoff` or `law.kmax` with its allowed range.
 *
 * @complexity O(K) where K is the truncation point (about κ·ln(1e12) with a cutoff).
 *
 * @model p_k = k^(−τ) e^(−k/κ) / Σ_j j^(−τ) e^(−j/κ); with κ = ∞ a pure or hard-cut power law.
 *
 * @references D. S. Callaway, M. E. J. Newman, S. H. Strogatz, D. J. Watts, "Network robustness and fragility:
 * percolation on random graphs", Phys. Rev. Lett. 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468, arXiv:cond-mat/0007300.
 * R. Cohen, K. Erez, D. ben-Avraham, S. Havlin, Phys. Rev. Lett. 85, 4626 (2000), doi:10.1103/PhysRevLett.85.4626.
 *
 * @example
 * ```ts
 * powerLawDegreeLaw(2, { cutoff: 10 }).mean; // 1.792552… (reference G10)
 * ```
 *
 * @category Degree laws
 */
export function powerLawDegreeLaw(tau: number, options: PowerLawOptions = {}): DegreeLaw {
  const kmin = options.kmin ?? 1;
  checkInteger('law.kmin', kmin, 1, MAX_DEGREE_SUPPORT);
  const kappa = options.cutoff;
  const kmax = options.kmax;
  if (kappa !== undefined) checkAbove('law.cutoff', kappa, 0);
  if (kmax !== undefined) {
    checkInteger('law.kmax', kmax, 0, MAX_DEGREE_SUPPORT);
    if (kmax < kmin) throw new FragilityInputError('law.kmax', kmax, `an integer >= kmin (${kmin})`);
  }
  if (kmax !== undefined) checkNumber('law.tau', tau);
  else if (kappa !== undefined) checkNumber('law.tau', tau, 0);
  else checkAbove('law.tau', tau, 1);

  let spec = `powerlaw(${formatSpecNumber(tau)},kmin=${kmin}`;
  if (kappa !== undefined) spec += `,cutoff=${formatSpecNumber(kappa)}`;
  if (kmax !== undefined) spec += `,kmax=${kmax}`;
  spec += ')';

  const invKappa = kappa === undefined ? 0 : 1 / kappa;
  if (kmax !== undefined) {
    const pk = new Float64Array(kmax + 1);
    fillPowerTerms(pk, kmin, kmin, kmax, tau, invKappa);
    return degreeLawFromPmf(spec, pk, 0);
  }
  const buf = new PmfBuffer(kappa === undefined ? 1 << 16 : Math.ceil(kmin + 30 * kappa + 64));
  let z = 0;
  let k = kmin;
  let bound = Infinity;
  const CHUNK = 1024;
  for (;;) {
    // Fill a chunk of terms at once, then scan it for the stopping point.
    const hi = Math.min(MAX_DEGREE_SUPPORT, k + CHUNK - 1);
    buf.set(hi, 0);
    fillPowerTerms(buf.data, kmin, k, hi, tau, invKappa);
    let stop = false;
    for (; k <= hi; k++) {
      const t = buf.data[k];
      z += t;
      // Tail beyond k <= ∫_k^∞ t(x) dx <= t_k·min(κ, k/(τ−1)).
      const width = Math.min(kappa ?? Infinity, tau > 1 ? k / (tau - 1) : Infinity);
      bound = (t * width) / z;
      if (bound < DEGREE_TAIL_TOLERANCE || k >= MAX_DEGREE_SUPPORT) {
        stop = true;
        break;
      }
    }
    if (stop) break;
  }
  buf.data.fill(0, k + 1, buf.length);
  buf.length = k + 1;
  // A pure power law also carries its exact moments (Hurwitz zeta sums with error bounds): the table's moments
  // miss the tail beyond K, which for ⟨k²⟩ is not small (τ = 3.1: q_c 0.2507 from the table, 0.1729 exactly).
  const exactMoments = kappa === undefined ? purePowerLawMoments(tau, kmin) : undefined;
  return degreeLawFromPmf(spec, buf.view(), bound / (1 + bound), { exactMoments });
}

/**
 * The power law with exponential cutoff p_k ∝ k^(−τ) e^(−k/κ), k >= kmin (Callaway et al. 2000); shorthand for
 * {@link powerLawDegreeLaw}(tau, { cutoff: kappa, kmin }).
 *
 * @param tau - the exponent τ >= 0.
 * @param kappa - the cutoff κ > 0.
 * @param options - `kmin` (default 1).
 * @returns the law, spec `powerlaw(tau,kmin=…,cutoff=kappa)`.
 * @throws FragilityInputError (`law.tau`, `law.cutoff`, `law.kmin`).
 *
 * @complexity O(κ·ln 1e12).
 *
 * @model p_k = k^(−τ) e^(−k/κ) / Σ_(j>=kmin) j^(−τ) e^(−j/κ).
 *
 * @references Callaway, Newman, Strogatz & Watts, Phys. Rev. Lett. 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468.
 *
 * @example
 * ```ts
 * powerLawCutoff(2.5, 20).mean; // 1.531781… (reference G10)
 * ```
 *
 * @category Degree laws
 */
export function powerLawCutoff(tau: number, kappa: number, options: { kmin?: number } = {}): DegreeLaw {
  return powerLawDegreeLaw(tau, { kmin: options.kmin, cutoff: kappa });
}

/**
 * The power law with a hard cutoff p_k ∝ k^(−τ), kmin <= k <= kmax; shorthand for
 * {@link powerLawDegreeLaw}(tau, { kmax, kmin }).
 *
 * @param tau - the exponent τ, any finite number.
 * @param kmax - the largest degree, an integer in [kmin, 1e7].
 * @param options - `kmin` (default 1).
 * @returns the law, spec `powerlaw(tau,kmin=…,kmax=K)`.
 * @throws FragilityInputError (`law.tau`, `law.kmax`, `law.kmin`).
 *
 * @complexity O(kmax).
 *
 * @model p_k = k^(−τ) / Σ_(j=kmin)^(kmax) j^(−τ).
 *
 * @references Cohen, Erez, ben-Avraham & Havlin, Phys. Rev. Lett. 85, 4626 (2000), doi:10.1103/PhysRevLett.85.4626.
 *
 * @example
 * ```ts
 * powerLawHardCutoff(2.5, 1000, { kmin: 2 }).kmax; // 1000
 * ```
 *
 * @category Degree laws
 */
export function powerLawHardCutoff(tau: number, kmax: number, options: { kmin?: number } = {}): DegreeLaw {
  return powerLawDegreeLaw(tau, { kmin: options.kmin, kmax });
}

/**
 * Fill out[k] = (k/kmin)^(−τ)·e^(−(k−kmin)/κ) for k in [from, to], given out[j] for kmin <= j < from.
 *
 * Speed: k^(−τ) is completely multiplicative, so for k divisible by 2, 3 or 5 (73 % of integers) the power is
 * out[k/p]-part × p^(−τ), a multiplication instead of a log and an exp; the exponential factor is re-anchored with
 * Math.exp(−(k−j)/κ) at every such reuse. Relative error: a few ulps per factor over at most ~25 factors, plus
 * ε·k/κ from the exponential: measured < 5e-15 (hard cutoff) and < 5e-14 (κ = 5000, k <= 1e6).
 */
function fillPowerTerms(
  out: Float64Array,
  kmin: number,
  from: number,
  to: number,
  tau: number,
  invKappa: number,
): void {
  const p2 = Math.pow(2, -tau);
  const p3 = Math.pow(3, -tau);
  const p5 = Math.pow(5, -tau);
  // With a cutoff the stored values carry e^(−(k−kmin)/κ); the reuse must divide it out and put it back:
  // e^(−(k−kmin)/κ) = e^(−(j−kmin)/κ)·e^(−(k−j)/κ) for j = k/p.
  for (let k = from; k <= to; k++) {
    let j = 0;
    let f = 0;
    if ((k & 1) === 0 && k >> 1 >= kmin) {
      j = k >> 1;
      f = p2;
    } else if (k % 3 === 0 && k / 3 >= kmin) {
      j = k / 3;
      f = p3;
    } else if (k % 5 === 0 && k / 5 >= kmin) {
      j = k / 5;
      f = p5;
    }
    if (j > 0 && out[j] > 0) {
      out[k] = invKappa === 0 ? out[j] * f : out[j] * f * Math.exp(-(k - j) * invKappa);
    } else {
      out[k] = Math.exp(-tau * Math.log(k / kmin) - (k - kmin) * invKappa);
    }
  }
}
