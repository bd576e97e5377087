/**
 * Watts (2002) threshold cascades on configuration-model networks: the cascade condition and the window in mean
 * degree z (Poisson / Erdős–Rényi) inside which a single seed can trigger a global cascade.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { checkDegreeLawMoments } from './law-check.ts';
import { brentRoot, type ConvergenceReport } from './root-finding.ts';

/**
 * Threshold distribution: a uniform threshold φ* for every node, or the CDF F(φ) of random thresholds.
 *
 * @category Watts cascades
 */
export type WattsThresholds =
  | {
      /** The threshold φ* shared by every node. */
      phiStar: number;
    }
  | {
      /**
       * The CDF F(φ) = P(threshold ≤ φ) of the random thresholds.
       *
       * @param phi - a fraction of active neighbours in [0, 1].
       * @returns P(threshold ≤ φ).
       */
      thresholdCdf(phi: number): number;
    };

/** Relative slack in k <= 1/φ*, so that e.g. φ* = 0.2 makes degree 5 vulnerable despite rounding. */
const VULNERABLE_SLACK = 1e-12;

/**
 * The largest vulnerable degree for a uniform threshold φ*: K* = ⌊1/φ*⌋ (a node of degree k flips after one active
 * neighbour iff φ* <= 1/k).
 *
 * @param phiStar - the threshold, in (0, 1]
 * @returns K* (Infinity when φ* = 0 is excluded by the check; always finite here)
 * @throws FragilityInputError (field `phiStar`) outside (0, 1]
 *
 * @complexity O(1).
 *
 * @model vulnerable iff k <= 1/φ*, evaluated as ⌊(1/φ*)(1 + 1e-12)⌋.
 *
 * @references D. J. Watts, "A simple model of global cascades on random networks", PNAS 99, 5766 (2002),
 * doi:10.1073/pnas.082090499.
 *
 * @example
 * ```ts
 * wattsVulnerableDegree(0.18); // 5
 * ```
 *
 * @category Watts cascades
 */
export function wattsVulnerableDegree(phiStar: number): number {
  if (!(phiStar > 0 && phiStar <= 1)) throw new FragilityInputError('phiStar', phiStar, 'a number in (0, 1]');
  return Math.floor((1 / phiStar) * (1 + VULNERABLE_SLACK));
}

/**
 * Result of {@link wattsCascadeCondition}.
 *
 * @category Watts cascades
 */
export interface WattsCascadeCondition {
  /** Σ_k k(k − 1) p_k ρ_k. */
  lhs: number;
  /** <k>. */
  rhs: number;
  /** True iff lhs > rhs: a vulnerable cluster percolates and global cascades are possible. */
  globalCascadesPossible: boolean;
}

function vulnerability(thresholds: WattsThresholds): (k: number) => number {
  if ('phiStar' in thresholds) {
    const K = wattsVulnerableDegree(thresholds.phiStar);
    return (k) => (k >= 1 && k <= K ? 1 : 0);
  }
  const F = thresholds.thresholdCdf;
  if (typeof F !== 'function') throw new FragilityInputError('thresholdCdf', F, 'a function φ ↦ P(threshold <= φ)');
  return (k) => {
    if (k < 1) return 0;
    const v = F(1 / k);
    if (!(v >= 0 && v <= 1)) throw new FragilityInputError('thresholdCdf', v, 'values in [0, 1]');
    return v;
  };
}

/**
 * The Watts cascade condition on a configuration-model network.
 *
 * @param law - the degree law p_k
 * @param thresholds - a uniform threshold `{ phiStar }` or a threshold CDF `{ thresholdCdf }`
 * @returns Σ k(k−1) p_k ρ_k, <k>, and whether global cascades are possible
 *
 * @complexity O(kmax).
 *
 * @model ρ_k = P(threshold <= 1/k) (vulnerable nodes); global cascades from a single seed are possible iff the
 * vulnerable nodes percolate: Σ_k k(k − 1) p_k ρ_k > <k>. Locally tree-like, n → ∞.
 *
 * @references D. J. Watts, PNAS 99, 5766 (2002), doi:10.1073/pnas.082090499, eq. (7).
 *
 * @example
 * ```ts
 * wattsCascadeCondition(poissonLaw(3), { phiStar: 0.18 }).globalCascadesPossible; // true
 * ```
 *
 * @category Watts cascades
 */
export function wattsCascadeCondition(law: DegreeLaw, thresholds: WattsThresholds): WattsCascadeCondition {
  const m = checkDegreeLawMoments(law);
  const rho = vulnerability(thresholds);
  const pk = law.pk;
  let lhs = 0;
  for (let k = 2; k < pk.length; k++) if (pk[k] > 0) lhs += k * (k - 1) * pk[k] * rho(k);
  return { lhs, rhs: m.mean, globalCascadesPossible: lhs > m.mean };
}

/**
 * Result of {@link wattsCascadeWindowPoisson}.
 *
 * @category Watts cascades
 */
export interface WattsCascadeWindow extends ConvergenceReport {
  /** Lower edge of the window in z (null with `reason` when there is no window). */
  zLower: number | null;
  /** Upper edge of the window in z. */
  zUpper: number | null;
  /** K* = ⌊1/φ*⌋. */
  vulnerableDegree: number;
  /** Why there is no window. */
  reason?: string;
}

/**
 * The cascade window in mean degree z for Erdős–Rényi (Poisson) networks with a uniform threshold φ*.
 *
 * @param phiStar - the threshold in (0, 1]
 * @returns the two roots zLower < zUpper of the cascade condition (global cascades for zLower < z < zUpper)
 *
 * @complexity O(K*) per evaluation; a grid scan of 4000 points plus two Brent solves.
 *
 * @model with p_k = e^(−z) z^k/k! and ρ_k = 1 for 1 <= k <= K*, the condition Σ k(k−1)p_kρ_k = z becomes
 * h(z) = z e^(−z) Σ_{j=0}^{K*−2} z^j/j! − 1 = 0. h(0) = −1, h(∞) = −1; the window is where h > 0, its edges are
 * bracketed around the maximum of h and solved by Brent. No window when K* <= 2 (φ* > 1/3) or max h <= 0.
 *
 * @references D. J. Watts, PNAS 99, 5766 (2002), doi:10.1073/pnas.082090499, Fig. 1.
 *
 * @example
 * ```ts
 * const w = wattsCascadeWindowPoisson(0.18); // zLower ≈ 1.0207, zUpper ≈ 5.7647
 * ```
 *
 * @category Watts cascades
 */
export function wattsCascadeWindowPoisson(phiStar: number): WattsCascadeWindow {
  const K = wattsVulnerableDegree(phiStar);
  const h = (z: number): number => {
    let term = 1;
    let sum = 1;
    for (let j = 1; j <= K - 2; j++) {
      term *= z / j;
      sum += term;
    }
    return z * Math.exp(-z) * sum - 1;
  };
  const none = (reason: string): WattsCascadeWindow => ({
    zLower: null,
    zUpper: null,
    vulnerableDegree: K,
    reason,
    converged: true,
    iterations: 0,
    residual: 0,
  });
  if (K <= 2) return none(`φ* = ${phiStar} > 1/3: only degree <= 2 nodes are vulnerable, no cascade window`);
  // h rises from −1 and falls back to −1; its maximum lies below z = K (the Poisson mass moves past K* there).
  const zMax = 2 * K + 40;
  const N = 4000;
  let best = -Infinity;
  let zb = 0;
  for (let i = 1; i <= N; i++) {
    const z = (zMax * i) / N;
    const v = h(z);
    if (v > best) {
      best = v;
      zb = z;
    }
  }
  if (!(best > 0))
    return none(`the cascade condition never holds for φ* = ${phiStar} (max of Σk(k−1)p_kρ_k − z is <= 0)`);
  const lo = brentRoot(h, 1e-12, zb, { xtol: 1e-13 });
  const hi = brentRoot(h, zb, zMax, { xtol: 1e-13 });
  return {
    zLower: lo.root,
    zUpper: hi.root,
    vulnerableDegree: K,
    converged: lo.converged && hi.converged,
    iterations: lo.iterations + hi.iterations + N,
    residual: Math.max(lo.residual, hi.residual),
  };
}
