/**
 * Degree-targeted attack on the configuration model: the highest degrees are removed first, with a fractional
 * removal at the boundary degree, degrees not recomputed (non-adaptive attack).
 *
 * @module
 */
import { checkProbability } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { checkDegreeLawMoments } from './law-check.ts';
import { gfSitePercolationFromCoefficients, type GfPercolationResult, type GfSolveOptions } from './gf-percolation.ts';
import type { PercolationThreshold } from './molloy-reed.ts';

/**
 * The occupation φ_k left by an attack.
 *
 * @category Generating functions
 */
export interface AttackOccupation {
  /** φ_k for k = 0..kmax: 1 below the boundary degree, fractional at it, 0 above. */
  phi: Float64Array;
  /** The boundary degree k_b (the largest degree with φ_k > 0), or -1 when every node is removed. */
  boundaryDegree: number;
  /** φ at the boundary degree. */
  boundaryOccupation: number;
}

/**
 * The occupation φ_k after removing a fraction f of the nodes, highest degrees first.
 *
 * @param law - the degree law
 * @param removedFraction - f in [0, 1], the fraction of all nodes removed
 * @returns φ_k and the boundary degree
 * @throws FragilityInputError when f is outside [0, 1] (field `f`) or the law is invalid
 *
 * @complexity O(kmax).
 *
 * @model φ_k = 0 for k > k_b, φ_k = 1 for k < k_b, φ_{k_b} = 1 − (f − Σ_{k>k_b} p_k)/p_{k_b}, with k_b the
 * degree at which the cumulative tail mass reaches f. Degrees are those of the intact graph (not recomputed).
 *
 * @references Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468 (the φ_k formalism);
 * R. Cohen, K. Erez, D. ben-Avraham, S. Havlin, PRL 86, 3682 (2001), doi:10.1103/PhysRevLett.86.3682.
 *
 * @example
 * ```ts
 * const { phi, boundaryDegree } = attackOccupation(poissonLaw(4), 0.2);
 * boundaryDegree; // 6 (degrees above 6 removed, degree 6 kept with probability phi[6] ≈ 0.1427)
 * ```
 *
 * @category Generating functions
 */
export function attackOccupation(law: DegreeLaw, removedFraction: number): AttackOccupation {
  checkDegreeLawMoments(law);
  checkProbability('f', removedFraction);
  const pk = law.pk;
  const phi = new Float64Array(pk.length).fill(1);
  if (removedFraction >= 1) {
    phi.fill(0);
    return { phi, boundaryDegree: -1, boundaryOccupation: 0 };
  }
  const kb = attackBoundary(pk, removedFraction);
  for (let k = kb.k + 1; k < pk.length; k++) phi[k] = 0;
  if (kb.k < 0) return { phi, boundaryDegree: -1, boundaryOccupation: 0 };
  phi[kb.k] = kb.keptMass / pk[kb.k];
  return { phi, boundaryDegree: kb.k, boundaryOccupation: phi[kb.k] };
}

/** Removal that leaves less than this (absolute) mass in a class is treated as removing the class exactly. */
const MASS_SLACK = 1e-15;

/**
 * The boundary class of an attack: every degree above `k` is removed, `keptMass` of p_k stays at `k`
 * (k = −1 when everything is removed).
 */
function attackBoundary(pk: Float64Array, f: number): { k: number; keptMass: number } {
  let remaining = f;
  for (let k = pk.length - 1; k >= 0; k--) {
    const p = pk[k];
    if (p <= 0) continue;
    if (remaining <= MASS_SLACK) return { k, keptMass: p };
    if (p <= remaining + MASS_SLACK) {
      remaining = Math.max(0, remaining - p);
      continue;
    }
    return { k, keptMass: p - remaining };
  }
  return { k: -1, keptMass: 0 };
}

/**
 * Giant component after a degree-targeted attack that removes a fraction f of the nodes, highest degrees first.
 *
 * @param law - the degree law
 * @param removedFraction - f in [0, 1]
 * @param options - solver options ({@link GfSolveOptions})
 * @returns the site-percolation result for the attack occupation (S = fraction of ALL original nodes)
 *
 * @complexity O(kmax) per F1 evaluation, as gfSitePercolation (the series stops at the boundary degree).
 *
 * @model site percolation with φ_k from {@link attackOccupation}: u = 1 − F1(1) + F1(u), S = F0(1) − F0(u).
 *
 * @references Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468.
 *
 * @example
 * ```ts
 * gfAttackPercolation(poissonLaw(4), 0.2).S; // ≈ 0.685777
 * ```
 *
 * @category Generating functions
 */
export function gfAttackPercolation(
  law: DegreeLaw,
  removedFraction: number,
  options: GfSolveOptions = {},
): GfPercolationResult {
  const m = checkDegreeLawMoments(law);
  checkProbability('f', removedFraction);
  // c_k = φ_k p_k: p_k below the boundary degree, a fraction of it at the boundary, 0 above (no full-length copy).
  const pk = law.pk;
  const kb = removedFraction >= 1 ? { k: -1, keptMass: 0 } : attackBoundary(pk, removedFraction);
  if (kb.k < 0) return gfSitePercolationFromCoefficients(new Float64Array(1), m.mean, options);
  const c = pk.slice(0, kb.k + 1);
  c[kb.k] = kb.keptMass;
  return gfSitePercolationFromCoefficients(c, m.mean, options);
}

/**
 * Result of {@link attackThreshold}.
 *
 * @category Generating functions
 */
export interface AttackThreshold extends PercolationThreshold {
  /** The boundary degree at the threshold (-1 when there is no threshold). */
  boundaryDegree: number;
}

/**
 * Critical removed fraction f_c of a degree-targeted attack (highest degrees first, fractional boundary degree).
 *
 * @param law - the degree law
 * @returns f_c and q_c = 1 − f_c, or null with a reason when the intact law has no giant component
 *
 * @complexity O(kmax), one pass from the top degree down.
 *
 * @model the giant survives iff F1'(1) = Σ k(k−1) φ_k p_k / <k> > 1 (<k> of the intact law: edges to removed
 * nodes are lost). F1'(1) is continuous, non-increasing and piecewise linear in f, linear within each degree class;
 * the class where it crosses 1 is bracketed by walking down from k_max, and the crossing inside it is solved
 * exactly: f_c = Σ_{k>k_b} p_k + (Σ_{k≤k_b} k(k−1)p_k − <k>)/(k_b(k_b − 1)).
 *
 * @references Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468; Cohen et al., PRL 86, 3682
 * (2001), doi:10.1103/PhysRevLett.86.3682.
 *
 * @example
 * ```ts
 * attackThreshold(poissonLaw(4)).f_c; // ≈ 0.361646
 * ```
 *
 * @category Generating functions
 */
export function attackThreshold(law: DegreeLaw): AttackThreshold {
  const m = checkDegreeLawMoments(law);
  const pk = law.pk;
  let total = 0;
  for (let k = 2; k < pk.length; k++) total += k * (k - 1) * pk[k];
  if (!(m.mean > 0) || !(total > m.mean)) {
    return {
      q_c: null,
      f_c: null,
      boundaryDegree: -1,
      reason: 'no giant component even intact: Molloy–Reed fails (Σ k(k−2) p_k <= 0)',
    };
  }
  let removedMass = 0;
  let remaining = total; // Σ k(k−1) p_k over the classes not yet removed
  for (let k = pk.length - 1; k >= 2; k--) {
    const p = pk[k];
    if (p <= 0) continue;
    const w = k * (k - 1) * p;
    if (remaining - w <= m.mean) {
      const x = Math.min(p, Math.max(0, (remaining - m.mean) / (k * (k - 1))));
      const f_c = Math.min(1, removedMass + x);
      return { q_c: 1 - f_c, f_c, boundaryDegree: k };
    }
    remaining -= w;
    removedMass += p;
  }
  // Unreachable for a valid law (the remaining sum over k >= 2 reaches 0 <= <k>); kept for safety.
  return { q_c: 1 - removedMass, f_c: removedMass, boundaryDegree: 1 };
}
