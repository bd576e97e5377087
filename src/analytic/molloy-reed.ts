/**
 * The Molloy–Reed criterion for a giant component of the configuration model, and the random-failure threshold
 * q_c = <k>/(<k²> − <k>) that follows from it.
 *
 * @module
 */
import type { DegreeLaw } from '../distributions/types.ts';
import { checkDegreeLawMoments } from './law-check.ts';

/**
 * Result of {@link molloyReedCriterion}.
 *
 * @category Generating functions
 */
export interface MolloyReedResult {
  /** Σ_k k(k − 2) p_k = <k²> − 2<k>. */
  value: number;
  /** κ = <k²>/<k> (null when <k> = 0). */
  kappa: number | null;
  /** True iff value > 0 (κ > 2): the intact configuration model has a giant component. */
  hasGiantComponent: boolean;
}

/**
 * The Molloy–Reed criterion: a configuration-model graph has a giant component iff Σ k(k − 2) p_k > 0.
 *
 * @param law - the degree law
 * @returns Σ k(k−2) p_k, κ = <k²>/<k>, and whether a giant component exists
 *
 * @complexity O(kmax).
 *
 * @model Q = Σ_k k(k − 2) p_k > 0 ⇔ κ = <k²>/<k> > 2 ⇔ G1'(1) > 1 (moments recomputed from the dense pk, or
 * the law's `exactMoments` when it has them: a pure power law, whose <k²> may be infinite, giving Q = κ = ∞).
 *
 * @references M. Molloy, B. Reed, "A critical point for random graphs with a given degree sequence", Random
 * Structures & Algorithms 6, 161 (1995), doi:10.1002/rsa.3240060204.
 *
 * @example
 * ```ts
 * molloyReedCriterion(regularLaw(3)); // { hasGiantComponent: true, value: 3 } (Σ k(k−2)p_k = 3)
 * ```
 *
 * @category Generating functions
 */
export function molloyReedCriterion(law: DegreeLaw): MolloyReedResult {
  const m = lawMoments(law);
  if (m.secondMoment === Infinity) {
    // <k²> diverges (pure power law, τ <= 3): κ = ∞ and the giant exists.
    return { value: Infinity, kappa: Infinity, hasGiantComponent: true };
  }
  const value = m.secondMoment - 2 * m.mean;
  return { value, kappa: m.mean > 0 ? m.secondMoment / m.mean : null, hasGiantComponent: value > 0 };
}

/**
 * A percolation threshold (occupation q_c and removed fraction f_c = 1 − q_c), or null with a reason.
 *
 * @category Generating functions
 */
export interface PercolationThreshold {
  /** Critical occupation (fraction kept), or null when no threshold exists. */
  q_c: number | null;
  /** Critical removed fraction 1 − q_c, or null. */
  f_c: number | null;
  /** Why q_c is null (absent when it exists). */
  reason?: string;
}

/**
 * Result of {@link randomFailureThreshold}.
 *
 * @category Generating functions
 */
export interface RandomFailureThreshold extends PercolationThreshold {
  /** <k>. */
  meanDegree: number;
  /** <k²>. */
  secondMoment: number;
  /** κ0 = <k²>/<k> (null when <k> = 0). */
  kappa: number | null;
  /**
   * Bound on |q_c − exact| propagated from the moments' error bounds (0 when the moments are exact sums of a
   * bounded table, or q_c = 0 because <k²> diverges); present only for laws with `exactMoments`.
   */
  q_cError?: number;
  /** Where the moments came from, for laws with `exactMoments` (e.g. Hurwitz zeta sums). */
  momentMethod?: string;
}

/** <k>, <k²> and their error bounds: the law's exact moments when it has them, else the dense table's. */
function lawMoments(law: DegreeLaw): {
  mean: number;
  secondMoment: number;
  meanError: number;
  secondMomentError: number;
  method?: string;
} {
  const m = checkDegreeLawMoments(law);
  const x = law.exactMoments;
  if (x === undefined) return { mean: m.mean, secondMoment: m.secondMoment, meanError: 0, secondMomentError: 0 };
  return {
    mean: x.mean,
    secondMoment: x.secondMoment,
    meanError: x.meanError,
    secondMomentError: x.secondMomentError,
    method: x.method,
  };
}

/**
 * Interval propagation of the moment bounds to q_c = m1/(m2 − m1): q_c increases with m1 and decreases with m2,
 * so its range over m1 ± e1, m2 ± e2 is [(m1−e1)/(m2+e2−m1+e1), (m1+e1)/(m2−e2−m1−e1)].
 */
function qcErrorBound(m1: number, e1: number, m2: number, e2: number, qc: number): number {
  const lo = (m1 - e1) / (m2 + e2 - (m1 - e1));
  const denHi = m2 - e2 - (m1 + e1);
  const hi = denHi > 0 ? (m1 + e1) / denHi : Infinity;
  return Math.max(qc - lo, hi - qc);
}

/**
 * The random-failure (uniform site or bond) threshold of the configuration model.
 *
 * @param law - the degree law
 * @returns q_c = <k>/(<k²> − <k>) and f_c = 1 − q_c, or null with a reason when the intact law has no giant
 *   component (Molloy–Reed fails, i.e. q_c ≥ 1) or has no edges
 *
 * @complexity O(kmax).
 *
 * @model the giant exists iff q·G1'(1) > 1, so q_c = 1/G1'(1) = <k>/(<k²> − <k>) = 1/(κ0 − 1); the same value
 * is the bond threshold t_c. Cohen et al.'s f_c = 1 − 1/(κ0 − 1). For a law with `exactMoments` (a pure power law)
 * the moments are those of the untruncated law, with `q_cError` propagated from their bounds; when <k²> diverges
 * (τ <= 3) q_c = 0 with the reason stated.
 *
 * @references Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468; R. Cohen, K. Erez,
 * D. ben-Avraham, S. Havlin, PRL 85, 4626 (2000), doi:10.1103/PhysRevLett.85.4626.
 *
 * @example
 * ```ts
 * randomFailureThreshold(poissonLaw(4)).q_c; // 0.25
 * ```
 *
 * @category Generating functions
 */
export function randomFailureThreshold(law: DegreeLaw): RandomFailureThreshold {
  const m = lawMoments(law);
  const meanDegree = m.mean;
  const secondMoment = m.secondMoment;
  if (m.method !== undefined && secondMoment === Infinity) {
    const why = meanDegree === Infinity ? '<k> and <k²> diverge' : '<k²> diverges';
    return {
      meanDegree,
      secondMoment,
      kappa: Infinity,
      q_c: 0,
      f_c: 1,
      q_cError: 0,
      momentMethod: m.method,
      reason:
        `${why} (pure power law with τ <= ${meanDegree === Infinity ? 2 : 3}, no cutoff): q_c = <k>/(<k²> − <k>) → 0, ` +
        'a giant survives any random failure fraction f < 1 (Cohen et al. 2000)',
    };
  }
  const kappa = meanDegree > 0 ? secondMoment / meanDegree : null;
  const base: Pick<RandomFailureThreshold, 'meanDegree' | 'secondMoment' | 'kappa' | 'momentMethod'> = {
    meanDegree,
    secondMoment,
    kappa,
  };
  if (m.method !== undefined) base.momentMethod = m.method;
  if (!(meanDegree > 0)) return { ...base, q_c: null, f_c: null, reason: 'the law has no edges (<k> = 0)' };
  const excess = secondMoment - meanDegree;
  if (!(excess > meanDegree)) {
    return {
      ...base,
      q_c: null,
      f_c: null,
      reason: `no giant component even intact: Molloy–Reed fails (<k²> − 2<k> = ${secondMoment - 2 * meanDegree} <= 0, q_c = <k>/(<k²>−<k>) >= 1)`,
    };
  }
  const q_c = meanDegree / excess;
  if (m.method === undefined) return { ...base, q_c, f_c: 1 - q_c };
  return {
    ...base,
    q_c,
    f_c: 1 - q_c,
    q_cError: qcErrorBound(meanDegree, m.meanError, secondMoment, m.secondMomentError, q_c),
  };
}
