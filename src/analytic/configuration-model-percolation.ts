/**
 * One call that answers "how much of this configuration model can be lost?": thresholds, moments and (optionally)
 * the giant-component fraction at one occupation, for site or bond percolation, random failure or degree attack.
 * This is what `fragility analytic` prints.
 *
 * @module
 */
import { FragilityInputError, checkProbability } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { attackThreshold, gfAttackPercolation } from './gf-attack.ts';
import { gfBondPercolation, gfSitePercolation, type GfPercolationResult } from './gf-percolation.ts';
import { checkDegreeLawMoments } from './law-check.ts';
import { hurwitzZeta } from '../distributions/hurwitz-zeta.ts';
import { molloyReedCriterion, randomFailureThreshold } from './molloy-reed.ts';

/**
 * Options of {@link configurationModelPercolation}.
 *
 * @category Generating functions
 */
export interface ConfigurationModelPercolationOptions {
  /** `site` (default) or `bond`. */
  mode?: 'site' | 'bond';
  /** `random` (default) or `attack` (highest degrees removed first; site mode only). */
  removal?: 'random' | 'attack';
  /** Occupation q in [0, 1] at which to evaluate S (fraction kept; for attack the lowest-degree fraction q is kept). */
  q?: number;
}

/**
 * Result of {@link configurationModelPercolation}.
 *
 * @category Generating functions
 */
export interface ConfigurationModelPercolationResult {
  /** A statement of the model: configuration model, discrete law, truncation error, occupation. */
  model: string;
  /** The law's canonical spec. */
  law: string;
  mode: 'site' | 'bond';
  removal: 'random' | 'attack';
  /** Critical occupation (fraction kept), or null with `reason`. */
  q_c: number | null;
  /** Critical removed fraction 1 − q_c, or null with `reason`. */
  f_c: number | null;
  /** <k> (recomputed from the dense pk). */
  meanDegree: number;
  /** <k²>. */
  secondMoment: number;
  /** Tail mass dropped when the law was truncated (0 for bounded laws). */
  truncationError: number;
  /**
   * Bound on |q_c − exact| from the moments' error bounds, for laws with exact moments (pure power laws: Hurwitz
   * zeta sums); absent otherwise (the table's moments are then exact sums of the law as given).
   */
  q_cError?: number;
  /** How <k> and <k²> were computed, for laws with exact moments. */
  momentMethod?: string;
  /**
   * First-order bound on |S − S_untruncated| from the degree table's truncation, for a truncated law with exact
   * moments under random removal: the fixed point moves by at most q·ε1/(1 − q·G1'(u)) and S by
   * q·(ε0 + G0'(u)·δu) (site; bond without the leading q), with ε0 = ζ(τ, K+1)/ζ(τ, kmin) the dropped node mass
   * and ε1 = ζ(τ−1, K+1)/ζ(τ−1, kmin) the dropped edge-end mass (1 when <k> diverges). Present when q is given.
   */
  SError?: number;
  /** Largest degree kept. */
  kmax: number;
  /** Σ k(k − 2) p_k and whether the intact network has a giant component. */
  molloyReed: { value: number; hasGiantComponent: boolean };
  /** The occupation q, when given. */
  q?: number;
  /** Giant fraction of ALL original nodes at occupation q (when q is given). */
  S?: number;
  /** Fixed point u at q (when q is given). */
  u?: number;
  /** Mean finite-cluster size at q (Infinity at threshold, null when undefined). */
  meanFiniteClusterSize?: number | null;
  /** Whether the solve at q met its tolerance (true when nothing was solved). */
  converged: boolean;
  /** Iterations of the solve at q (0 when nothing was solved). */
  iterations: number;
  /** Residual |g(u)| of the solve at q. */
  residual: number;
  /** Why q_c / f_c is null (absent otherwise). */
  reason?: string;
}

/**
 * Configuration-model percolation summary: q_c, f_c, moments and, at an occupation q, the giant fraction S.
 *
 * @param law - the degree law
 * @param options - mode (`site`|`bond`, default site), removal (`random`|`attack`, default random), q
 * @returns thresholds, moments, model statement and, when q is given, S, u, mean finite-cluster size and the
 *   convergence report
 * @throws FragilityInputError naming `q` (outside [0, 1]), `removal` (attack with bond mode), `mode`, or the law
 *
 * @complexity O(kmax) for the thresholds; plus one generating-function solve when q is given.
 *
 * @model configuration model (locally tree-like, n → ∞) with the discrete law p_k; random failure: q_c =
 * <k>/(<k²> − <k>) (site and bond alike); attack: the fraction f = 1 − q of highest degrees removed (fractional
 * boundary degree, degrees not recomputed), f_c where F1'(1) = 1; S = F0(1) − F0(u) (site), 1 − G0(u) (bond).
 *
 * @references Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468; Newman, Strogatz & Watts,
 * PRE 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118; Cohen et al., PRL 85, 4626 (2000),
 * doi:10.1103/PhysRevLett.85.4626, and PRL 86, 3682 (2001), doi:10.1103/PhysRevLett.86.3682.
 *
 * @example
 * ```ts
 * const r = configurationModelPercolation(poissonLaw(4), { q: 0.5 });
 * // r.q_c = 0.25, r.S ≈ 0.398406
 * ```
 *
 * @category Generating functions
 */
export function configurationModelPercolation(
  law: DegreeLaw,
  options: ConfigurationModelPercolationOptions = {},
): ConfigurationModelPercolationResult {
  const mode = options.mode ?? 'site';
  const removal = options.removal ?? 'random';
  if (mode !== 'site' && mode !== 'bond') throw new FragilityInputError('mode', mode, "'site' or 'bond'");
  if (removal !== 'random' && removal !== 'attack')
    throw new FragilityInputError('removal', removal, "'random' or 'attack'");
  if (mode === 'bond' && removal === 'attack') {
    throw new FragilityInputError(
      'removal',
      removal,
      "'random' with mode 'bond' (degree attack removes nodes: use mode 'site')",
    );
  }
  if (options.q !== undefined) checkProbability('q', options.q);
  const moments = checkDegreeLawMoments(law);
  const mr = molloyReedCriterion(law);
  const threshold = removal === 'attack' ? attackThreshold(law) : randomFailureThreshold(law);
  const truncationError = law.truncationError ?? 0;
  const occupationText =
    removal === 'attack'
      ? 'degree-targeted attack (highest degrees removed first, fractional boundary degree, degrees not recomputed; q = fraction of nodes kept)'
      : mode === 'bond'
        ? 'bond percolation (each edge kept with probability q)'
        : 'site percolation, random failure (each node kept with probability q)';
  const momentText =
    removal === 'random' && law.exactMoments !== undefined
      ? `; q_c from the untruncated moments (${law.exactMoments.method}), S from the table with its truncation bound`
      : '';
  const model =
    `configuration model (locally tree-like, n → ∞), discrete degree law ${law.spec} on k = 0..${law.pk.length - 1}, ` +
    `truncation error ${truncationError}; ${occupationText}; generating functions (Callaway et al. 2000)${momentText}`;
  const result: ConfigurationModelPercolationResult = {
    model,
    law: law.spec,
    mode,
    removal,
    q_c: threshold.q_c,
    f_c: threshold.f_c,
    meanDegree: removal === 'random' && 'meanDegree' in threshold ? threshold.meanDegree : moments.mean,
    secondMoment: removal === 'random' && 'secondMoment' in threshold ? threshold.secondMoment : moments.secondMoment,
    truncationError,
    kmax: law.pk.length - 1,
    molloyReed: { value: mr.value, hasGiantComponent: mr.hasGiantComponent },
    converged: true,
    iterations: 0,
    residual: 0,
  };
  if (threshold.reason) result.reason = threshold.reason;
  if ('q_cError' in threshold && threshold.q_cError !== undefined) result.q_cError = threshold.q_cError;
  if ('momentMethod' in threshold && threshold.momentMethod !== undefined) result.momentMethod = threshold.momentMethod;
  if (options.q !== undefined) {
    const q = options.q;
    let r: GfPercolationResult;
    if (removal === 'attack') r = gfAttackPercolation(law, 1 - q);
    else if (mode === 'bond') r = gfBondPercolation(law, q);
    else r = gfSitePercolation(law, q);
    result.q = q;
    result.S = r.S;
    result.u = r.u;
    result.meanFiniteClusterSize = r.meanFiniteClusterSize;
    result.converged = r.converged;
    result.iterations = r.iterations;
    result.residual = r.residual;
    if (removal === 'random' && law.exactMoments !== undefined) result.SError = truncationErrorOfS(law, mode, q, r.u);
  }
  return result;
}

/**
 * First-order bound on the error of S caused by truncating a law that has exact (untruncated) moments, i.e. a pure
 * power law p_k ∝ k^(−τ), k >= kmin, cut at K = law.kmax: see `SError` in {@link ConfigurationModelPercolationResult}.
 */
function truncationErrorOfS(law: DegreeLaw, mode: 'site' | 'bond', q: number, u: number): number {
  const { tau, kmin } = law.exactMoments!;
  const K = law.kmax;
  const eps0 = hurwitzZeta(tau, K + 1).value / hurwitzZeta(tau, kmin).value;
  const eps1 = tau - 1 > 1 ? hurwitzZeta(tau - 1, K + 1).value / hurwitzZeta(tau - 1, kmin).value : 1;
  const contraction = 1 - q * law.G1p(u);
  const du = contraction > 0 ? Math.min(1, (q * eps1) / contraction) : 1;
  const dS = eps0 + law.G0p(u) * du;
  return Math.min(1, mode === 'site' ? q * dS : dS);
}
