/**
 * Watts threshold cascades on configuration-model networks, beyond the cascade condition: the expected final cascade
 * size for a random seed fraction ρ0 (Gleeson & Cahalane 2007), the size of a global cascade started by one seed,
 * and the frequency of global cascades from one random seed (the extended vulnerable cluster, Watts 2002).
 *
 * The Monte Carlo twin is src/cascade/watts-threshold.ts with its ensembles in src/montecarlo/watts-cascade.ts; they
 * meet in src/compare/watts.ts.
 *
 * @module
 */
import { FragilityInputError, checkProbability } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { logFactorial } from '../random/log-gamma.ts';
import { checkDegreeLawMoments } from './law-check.ts';
import { brentRoot, type ConvergenceReport } from './root-finding.ts';
import { wattsVulnerableDegree, type WattsThresholds } from './watts-cascade.ts';

/** Relative slack of the activation rule m/k >= φ (as in wattsVulnerableDegree: φ = 0.2 activates 1 of 5). */
const ACTIVATION_SLACK = 1e-12;

/** P(a node of degree k with m >= 1 active neighbours activates) = F(m/k), with the rule's slack. */
function activationProbability(thresholds: WattsThresholds): (m: number, k: number) => number {
  if ('phiStar' in thresholds) {
    wattsVulnerableDegree(thresholds.phiStar); // range check
    const phi = thresholds.phiStar;
    return (m, k) => (m >= phi * k * (1 - ACTIVATION_SLACK) ? 1 : 0);
  }
  const F = thresholds.thresholdCdf;
  if (typeof F !== 'function') throw new FragilityInputError('thresholdCdf', F, 'a function φ ↦ P(threshold <= φ)');
  return (m, k) => {
    const v = F((m / k) * (1 + ACTIVATION_SLACK));
    if (!(v >= 0 && v <= 1)) throw new FragilityInputError('thresholdCdf', v, 'values in [0, 1]');
    return v;
  };
}

/**
 * Per degree k and neighbour count N (k or k − 1): Σ_{m=1}^{N} C(N, m) q^m (1 − q)^(N−m) F(m/k), truncated to
 * |m − Nq| ≤ t with t = 23.03 + √(530.4 + 138.2σ²), where Bernstein's inequality P(X − Nq ≥ t) ≤
 * exp(−t²/(2(σ² + t/3))) (and the same for the lower tail) bounds each dropped tail by 1e-30; t ≈ 11.8σ + 23 for
 * large σ. A plain ±12σ window is not enough for a skewed binomial: at N = 13, q = 5e-4 (σ = 0.08) it kept m ≤ 2
 * and dropped P(m = 3) = 3.6e-8.
 */
function activatedMass(
  N: number,
  k: number,
  q: number,
  act: (m: number, k: number) => number,
  lf: Float64Array,
): number {
  if (N <= 0 || q <= 0) return 0;
  if (q >= 1) return act(N, k);
  const mean = N * q;
  const variance = N * q * (1 - q);
  const t = 23.03 + Math.sqrt(530.4 + 138.2 * variance);
  const lo = Math.max(1, Math.floor(mean - t));
  const hi = Math.min(N, Math.ceil(mean + t));
  const lq = Math.log(q);
  const l1q = Math.log1p(-q);
  let s = 0;
  for (let m = lo; m <= hi; m++) {
    const a = act(m, k);
    if (a === 0) continue;
    s += a * Math.exp(lf[N] - lf[m] - lf[N - m] + m * lq + (N - m) * l1q);
  }
  return s;
}

interface Prepared {
  pk: Float64Array;
  mean: number;
  act: (m: number, k: number) => number;
  lf: Float64Array;
}

function prepare(law: DegreeLaw, thresholds: WattsThresholds): Prepared {
  const m = checkDegreeLawMoments(law);
  if (!(m.mean > 0)) throw new FragilityInputError('law', law.spec, 'a degree law with <k> > 0');
  const act = activationProbability(thresholds);
  const K = law.pk.length;
  const lf = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) lf[k] = logFactorial(k);
  return { pk: law.pk, mean: m.mean, act, lf };
}

/** g(q) = Σ_k (k p_k/<k>) Σ_{m>=1} Bin(k−1, m; q) F(m/k): the probability that an edge's end activates. */
function edgeMap(P: Prepared, q: number): number {
  let s = 0;
  for (let k = 1; k < P.pk.length; k++)
    if (P.pk[k] > 0) s += ((k * P.pk[k]) / P.mean) * activatedMass(k - 1, k, q, P.act, P.lf);
  return s;
}

/** Σ_k p_k Σ_{m>=1} Bin(k, m; q) F(m/k): the probability that a non-seed node activates. */
function nodeMap(P: Prepared, q: number): number {
  let s = 0;
  for (let k = 1; k < P.pk.length; k++) if (P.pk[k] > 0) s += P.pk[k] * activatedMass(k, k, q, P.act, P.lf);
  return s;
}

/** The smallest root >= a of h on [a, 1], h(a) >= 0 >= h(1): a scan of `grid` points then Brent. */
function smallestRootAbove(h: (q: number) => number, a: number, gridPoints = 2000): { q: number } & ConvergenceReport {
  const ha = h(a);
  if (ha <= 0) return { q: a, converged: true, iterations: 0, residual: Math.abs(ha) };
  // geometric near a (where a slow escape from q = a lives) and linear above
  const pts: number[] = [];
  const lo = Math.max(a, 1e-12);
  for (let i = 1; i <= gridPoints / 2; i++) pts.push(lo * Math.pow(1 / lo, i / (gridPoints / 2)) * (1 - 1e-15));
  for (let i = 1; i <= gridPoints / 2; i++) pts.push(a + ((1 - a) * i) / (gridPoints / 2));
  pts.sort((x, y) => x - y);
  let prev = a;
  for (const x of pts) {
    if (x <= prev) continue;
    if (h(x) <= 0) {
      const r = brentRoot(h, prev, x, { xtol: 1e-15 });
      return { q: r.root, converged: r.converged, iterations: r.iterations + gridPoints, residual: r.residual };
    }
    prev = x;
  }
  return { q: 1, converged: true, iterations: gridPoints, residual: Math.abs(h(1)) };
}

/**
 * Result of {@link wattsCascadeSize}.
 *
 * @category Watts cascades
 */
export interface WattsCascadeSizeResult extends ConvergenceReport {
  /** The seed fraction ρ0. */
  seedFraction: number;
  /** Expected final active fraction ρ (seeds included). */
  size: number;
  /** The edge fixed point q (probability that a random edge end is active). */
  q: number;
}

/**
 * Expected final size of a Watts threshold cascade from a random seed fraction ρ0 on a configuration-model network.
 *
 * @param law - the degree law p_k
 * @param thresholds - a uniform threshold `{ phiStar }` in (0, 1] or a threshold CDF `{ thresholdCdf }`
 * @param seedFraction - ρ0 in [0, 1], the fraction of nodes active at the start (chosen at random)
 * @returns ρ, the expected fraction of all nodes active at the end, and q
 * @throws FragilityInputError for ρ0 outside [0, 1], φ* outside (0, 1], a law with <k> = 0
 *
 * @complexity O(Σ_k √k) per evaluation of the maps (binomial sums truncated where Bernstein's inequality
 * bounds each tail by 1e-30); a scan of
 * 2000 points in q plus one Brent solve.
 *
 * @model Gleeson & Cahalane (2007), exact for locally tree-like networks as n → ∞: a node with k neighbours of
 * which m >= 1 are active activates iff m/k >= φ (probability F(m/k)). The probability q that an edge end is active
 * is the smallest root >= ρ0 of q = ρ0 + (1 − ρ0) Σ_k (k p_k/<k>) Σ_{m=1}^{k−1} C(k−1, m) q^m (1 − q)^(k−1−m) F(m/k)
 * (the limit of the iteration from q = ρ0), and ρ = ρ0 + (1 − ρ0) Σ_k p_k Σ_{m=1}^{k} C(k, m) q^m (1 − q)^(k−m) F(m/k).
 * A node needs at least one active neighbour (the m = 0 term is left out; it is 0 for any F with F(0) = 0).
 *
 * @references J. P. Gleeson & D. J. Cahalane, Seed size strongly affects cascades on random networks, PRE 75,
 * 056103 (2007), doi:10.1103/PhysRevE.75.056103; D. J. Watts, PNAS 99, 5766 (2002), doi:10.1073/pnas.082090499.
 *
 * @example
 * ```ts
 * wattsCascadeSize(poissonLaw(3), { phiStar: 0.18 }, 0.01).size; // a global cascade: ≈ 0.9
 * ```
 *
 * @category Watts cascades
 */
export function wattsCascadeSize(
  law: DegreeLaw,
  thresholds: WattsThresholds,
  seedFraction: number,
): WattsCascadeSizeResult {
  checkProbability('seedFraction', seedFraction);
  const P = prepare(law, thresholds);
  const r0 = seedFraction;
  if (r0 === 0) return { seedFraction: 0, size: 0, q: 0, converged: true, iterations: 0, residual: 0 };
  const h = (q: number): number => r0 + (1 - r0) * edgeMap(P, q) - q;
  const root = smallestRootAbove(h, r0);
  const size = r0 + (1 - r0) * nodeMap(P, root.q);
  return {
    seedFraction: r0,
    size: Math.min(1, size),
    q: root.q,
    converged: root.converged,
    iterations: root.iterations,
    residual: root.residual,
  };
}

/**
 * Result of {@link wattsGlobalCascade}.
 *
 * @category Watts cascades
 */
export interface WattsGlobalCascadeResult extends ConvergenceReport {
  /** Probability that one random seed triggers a global cascade: the extended vulnerable cluster's fraction. */
  frequency: number;
  /** Fraction of nodes active in a global cascade (ρ0 → 0+ branch of {@link wattsCascadeSize}); 0 without one. */
  size: number;
  /** Whether the vulnerable nodes percolate (the cascade condition Σ k(k−1) p_k ρ_k > <k>). */
  globalCascadesPossible: boolean;
}

/**
 * Frequency and size of global cascades triggered by a single random seed.
 *
 * @param law - the degree law
 * @param thresholds - `{ phiStar }` or `{ thresholdCdf }`
 * @returns the probability that one seed triggers a global cascade and the fraction of nodes such a cascade reaches
 * @throws FragilityInputError for φ* outside (0, 1] or a law with <k> = 0
 *
 * @complexity O(kmax) per evaluation of the vulnerable-cluster map, a scan of 2000 points and one Brent solve;
 * the size as {@link wattsCascadeSize}.
 *
 * @model vulnerable nodes (ρ_k = F(1/k)) flip after one active neighbour. v, the probability that an edge leads
 * to the infinite vulnerable cluster, is the largest root of v = Σ_k (k p_k/<k>) ρ_k [1 − (1 − v)^(k−1)]; a seed
 * triggers a global cascade iff one of its edges does: frequency = 1 − G0(1 − v) (the extended vulnerable cluster,
 * Watts 2002). The size of a global cascade is the ρ0 → 0+ limit of the Gleeson–Cahalane fixed point (the smallest
 * root q > 0 of q = g(q) when q = 0 is unstable). Both are 0 outside the cascade window.
 *
 * @references D. J. Watts, PNAS 99, 5766 (2002), doi:10.1073/pnas.082090499; J. P. Gleeson & D. J. Cahalane, PRE
 * 75, 056103 (2007), doi:10.1103/PhysRevE.75.056103.
 *
 * @example
 * ```ts
 * const g = wattsGlobalCascade(poissonLaw(3), { phiStar: 0.18 }); // frequency ≈ 0.87, size ≈ 0.9
 * ```
 *
 * @category Watts cascades
 */
export function wattsGlobalCascade(law: DegreeLaw, thresholds: WattsThresholds): WattsGlobalCascadeResult {
  const P = prepare(law, thresholds);
  const pk = P.pk;
  const rho = new Float64Array(pk.length);
  for (let k = 1; k < pk.length; k++) rho[k] = P.act(1, k);
  // vulnerable-cluster map φ(v) = Σ q_k ρ_k [1 − (1 − v)^(k−1)] − v; largest root in [0, 1]
  const phi = (v: number): number => {
    let s = 0;
    for (let k = 2; k < pk.length; k++)
      if (pk[k] > 0 && rho[k] > 0) s += ((k * pk[k]) / P.mean) * rho[k] * (1 - Math.pow(1 - v, k - 1));
    return s - v;
  };
  let lhs = 0;
  for (let k = 2; k < pk.length; k++) lhs += k * (k - 1) * pk[k] * rho[k];
  const possible = lhs > P.mean;
  if (!possible)
    return { frequency: 0, size: 0, globalCascadesPossible: false, converged: true, iterations: 0, residual: 0 };
  const N = 2000;
  let v = 0;
  let iterations = N;
  let residual = 0;
  let converged = true;
  if (phi(1) >= 0) v = 1;
  else {
    let prev = 1;
    for (let i = N - 1; i >= 1; i--) {
      const x = i / N;
      if (phi(x) > 0) {
        const r = brentRoot(phi, x, prev, { xtol: 1e-15 });
        v = r.root;
        iterations += r.iterations;
        residual = r.residual;
        converged = r.converged;
        break;
      }
      prev = x;
    }
    if (v === 0) {
      // the root lies below 1/N: refine geometrically towards 0
      let hi = 1 / N;
      for (let x = hi / 2; x > 1e-300; x /= 2) {
        if (phi(x) > 0) {
          const r = brentRoot(phi, x, hi, { xtol: 1e-300, maxIterations: 400 });
          v = r.root;
          iterations += r.iterations;
          residual = r.residual;
          converged = r.converged;
          break;
        }
        hi = x;
      }
    }
  }
  let g0 = 0;
  for (let k = 0; k < pk.length; k++) g0 += pk[k] * Math.pow(1 - v, k);
  const frequency = 1 - g0;
  const h = (q: number): number => edgeMap(P, q) - q;
  // q = 0 is unstable here (the cascade condition is g'(0) > 1): start just above it
  const root = smallestRootAbove(h, 1e-12);
  const size = Math.min(1, nodeMap(P, root.q));
  return {
    frequency,
    size,
    globalCascadesPossible: true,
    converged: converged && root.converged,
    iterations: iterations + root.iterations,
    residual: Math.max(residual, root.residual),
  };
}
