/**
 * Cohen, Erez, ben-Avraham & Havlin's thresholds for power-law degree laws P(k) = c·k^(−γ) on [m, K]: random
 * breakdown (2000) in the continuum or the discrete form, and intentional attack (2001) in the continuum form.
 * The two forms differ strongly for small m (the literature's numbers differ by up to 3× at m = 1), so every result
 * says which one it used.
 *
 * @module
 */
import { FragilityInputError, checkNumber } from '../errors.ts';
import { brentRoot, type ConvergenceReport } from './root-finding.ts';
import { hurwitzZeta } from '../distributions/hurwitz-zeta.ts';

/**
 * Which form of the power law a result used.
 *
 * @category Generating functions
 */
export type PowerLawForm = 'continuum' | 'discrete';

/**
 * Parameters of a Cohen power law.
 *
 * @category Generating functions
 */
export interface CohenPowerLawSpec {
  /** Exponent γ of P(k) = c·k^(−γ). */
  gamma: number;
  /** Smallest degree m (> 0; an integer >= 1 for the discrete form). */
  m: number;
  /** Largest degree K >= m (Infinity allowed in the continuum form). The discrete form sums k = m..floor(K). */
  K: number;
  /** `continuum` (integrals on [m, K]) or `discrete` (sums over k = m..⌊K⌋). */
  form: PowerLawForm;
}

/**
 * Result of {@link cohenRandomBreakdown}.
 *
 * @category Generating functions
 */
export interface CohenRandomBreakdownResult {
  /** The form used. */
  form: PowerLawForm;
  /** A one-line statement of the model. */
  model: string;
  /** κ0 = <k²>/<k> of the intact law (Infinity when it diverges). */
  kappa0: number;
  /** Critical removed fraction f_c = 1 − 1/(κ0 − 1), or null (with `reason`) when κ0 <= 2. */
  f_c: number | null;
  /** Critical occupation q_c = 1 − f_c, or null. */
  q_c: number | null;
  /** Why f_c is null (or why it is exactly 1). */
  reason?: string;
}

/** ∫_a^b k^e dk. */
function powerIntegral(e: number, a: number, b: number): number {
  if (Math.abs(e + 1) < 1e-12) return Math.log(b / a);
  return (Math.pow(b, e + 1) - Math.pow(a, e + 1)) / (e + 1);
}

function checkSpec(spec: CohenPowerLawSpec): void {
  if (spec.form !== 'continuum' && spec.form !== 'discrete') {
    throw new FragilityInputError('form', spec.form, "'continuum' or 'discrete'");
  }
  checkNumber('gamma', spec.gamma);
  if (spec.form === 'discrete') {
    if (!Number.isInteger(spec.m) || spec.m < 1)
      throw new FragilityInputError('m', spec.m, 'an integer >= 1 (discrete form)');
    checkNumber('K', spec.K, spec.m, 1e8);
  } else {
    if (!(spec.m > 0) || !Number.isFinite(spec.m)) throw new FragilityInputError('m', spec.m, 'a finite number > 0');
    if (!(spec.K >= spec.m)) throw new FragilityInputError('K', spec.K, `a number >= m = ${spec.m} (Infinity allowed)`);
  }
}

/**
 * κ0 = <k²>/<k> for P(k) ∝ k^(−γ) on [m, K], continuum or discrete.
 * @internal
 */
function cohenKappa(spec: CohenPowerLawSpec): number {
  const { gamma, m, K } = spec;
  if (spec.form === 'discrete') {
    const top = Math.floor(K + 1e-9);
    let s1 = 0;
    let s2 = 0;
    for (let k = top; k >= m; k--) {
      const p = Math.pow(k, -gamma);
      s1 += k * p;
      s2 += k * k * p;
    }
    return s2 / s1;
  }
  if (K === Infinity) {
    if (gamma <= 3) return Infinity;
    return (m * (gamma - 2)) / (gamma - 3);
  }
  if (K === m) return m;
  return powerIntegral(2 - gamma, m, K) / powerIntegral(1 - gamma, m, K);
}

/**
 * Random-breakdown threshold of a power-law network (Cohen et al. 2000): f_c = 1 − 1/(κ0 − 1).
 *
 * @param spec - γ, m, K and the form ({@link CohenPowerLawSpec})
 * @returns κ0, f_c and q_c, stating the form; f_c = null with a reason when κ0 <= 2 (no giant even intact);
 *   f_c = 1 when κ0 diverges (continuum, K = ∞, γ <= 3)
 * @throws FragilityInputError naming `gamma`, `m`, `K` or `form`
 *
 * @complexity O(1) continuum; O(K − m) discrete.
 *
 * @model κ0 = <k²>/<k>; continuum: κ0 = ∫_m^K k^(2−γ) dk / ∫_m^K k^(1−γ) dk =
 * [(2−γ)/(3−γ)]·(K^(3−γ) − m^(3−γ))/(K^(2−γ) − m^(2−γ)) (logarithms at γ = 2, 3); discrete: sums over
 * k = m..⌊K⌋. A giant survives a random removal of a fraction f iff f < f_c = 1 − 1/(κ0 − 1). For a network of
 * n nodes the natural cutoff is K ≈ m·n^(1/(γ−1)).
 *
 * @references R. Cohen, K. Erez, D. ben-Avraham, S. Havlin, "Resilience of the Internet to random
 * breakdowns", PRL 85, 4626 (2000), doi:10.1103/PhysRevLett.85.4626.
 *
 * @example
 * ```ts
 * cohenRandomBreakdown({ gamma: 2.5, m: 1, K: 1e4 ** (1 / 1.5), form: 'continuum' }).f_c; // ≈ 0.9513
 * ```
 *
 * @category Generating functions
 */
export function cohenRandomBreakdown(spec: CohenPowerLawSpec): CohenRandomBreakdownResult {
  checkSpec(spec);
  const kappa0 = cohenKappa(spec);
  const range =
    spec.form === 'discrete' ? `k = ${spec.m}..${Math.floor(spec.K + 1e-9)}` : `k in [${spec.m}, ${spec.K}]`;
  const model = `Cohen et al. 2000 random breakdown, ${spec.form} power law P(k) = c·k^-${spec.gamma}, ${range}; f_c = 1 − 1/(κ0 − 1)`;
  if (kappa0 === Infinity) {
    return {
      form: spec.form,
      model,
      kappa0,
      f_c: 1,
      q_c: 0,
      reason: 'κ0 diverges (K = ∞, γ <= 3): no finite threshold, f_c = 1',
    };
  }
  if (!(kappa0 > 2)) {
    return {
      form: spec.form,
      model,
      kappa0,
      f_c: null,
      q_c: null,
      reason: 'κ0 <= 2: no giant component even intact (Molloy–Reed fails)',
    };
  }
  const f_c = 1 - 1 / (kappa0 - 1);
  return { form: spec.form, model, kappa0, f_c, q_c: 1 - f_c };
}

/**
 * Result of {@link cohenAttackThreshold}.
 *
 * @category Generating functions
 */
export interface CohenAttackResult extends ConvergenceReport {
  /** Always `continuum` (the form of Cohen et al. 2001). */
  form: 'continuum';
  /** A one-line statement of the model. */
  model: string;
  /** Critical fraction of nodes removed, highest degrees first; null (with reason) when there is no giant intact. */
  p_c: number | null;
  /** The new cutoff K̃ at the threshold (null with p_c). */
  cutoffAtThreshold: number | null;
  /** Fraction of edge ends removed with the attacked nodes at the threshold, p̃ (null with p_c). */
  edgeFractionRemoved: number | null;
  /** Why p_c is null. */
  reason?: string;
}

/**
 * Intentional-attack threshold of a power-law network (Cohen et al. 2001), continuum form.
 *
 * @param spec - γ, m and K (K = Infinity for the paper's infinite network); `form` must be `continuum`
 * @returns p_c (fraction of nodes removed, highest degrees first), the new cutoff K̃ and the removed edge fraction
 *   p̃, with a convergence report
 * @throws FragilityInputError naming `gamma`, `m`, `K` or `form` (`discrete`: use {@link attackThreshold} on a
 *   discrete law instead)
 *
 * @complexity O(log(1/tol)) evaluations of closed-form integrals (Brent on log K̃).
 *
 * @model removing the fraction p of highest degrees lowers the cutoff to K̃ with
 * p = ∫_K̃^K k^(−γ) / ∫_m^K k^(−γ) and removes the fraction p̃ = ∫_K̃^K k^(1−γ) / ∫_m^K k^(1−γ) of edge ends; the rest
 * percolates iff (1 − p̃)(κ̃ − 1) > 1 with κ̃ = <k²>/<k> on [m, K̃]. For K = ∞ this is the paper's
 * p^((2−γ)/(1−γ)) − 2 = [(2−γ)/(3−γ)]·m·(p^((3−γ)/(1−γ)) − 1). Needs γ > 2 for K = ∞.
 *
 * @references R. Cohen, K. Erez, D. ben-Avraham, S. Havlin, "Breakdown of the Internet under intentional
 * attack", PRL 86, 3682 (2001), doi:10.1103/PhysRevLett.86.3682.
 *
 * @example
 * ```ts
 * cohenAttackThreshold({ gamma: 2.5, m: 1, K: Infinity, form: 'continuum' }).p_c; // ≈ 0.05573 (γ = 2.5, m = 1)
 * ```
 *
 * @category Generating functions
 */
export function cohenAttackThreshold(spec: CohenPowerLawSpec): CohenAttackResult {
  if (spec.form !== 'continuum') {
    throw new FragilityInputError(
      'form',
      spec.form,
      "'continuum' (use attackThreshold on a discrete DegreeLaw for the discrete form)",
    );
  }
  checkSpec(spec);
  const { gamma, m, K } = spec;
  if (K === Infinity && !(gamma > 2)) throw new FragilityInputError('gamma', gamma, 'a number > 2 when K = Infinity');
  const model = `Cohen et al. 2001 intentional attack, continuum power law P(k) = c·k^-${gamma}, k in [${m}, ${K}]`;
  const nodeTail = (kt: number): number =>
    K === Infinity ? Math.pow(kt / m, 1 - gamma) : powerIntegral(-gamma, kt, K) / powerIntegral(-gamma, m, K);
  const edgeTail = (kt: number): number =>
    K === Infinity ? Math.pow(kt / m, 2 - gamma) : powerIntegral(1 - gamma, kt, K) / powerIntegral(1 - gamma, m, K);
  const kappaUpTo = (kt: number): number =>
    kt <= m ? m : powerIntegral(2 - gamma, m, kt) / powerIntegral(1 - gamma, m, kt);
  // h(K̃) = (1 − p̃)(κ̃ − 1) − 1: < 0 for K̃ → m (κ̃ → m... p̃ → 1), increasing in K̃.
  const h = (logKt: number): number => {
    const kt = Math.exp(logKt);
    return (1 - edgeTail(kt)) * (kappaUpTo(kt) - 1) - 1;
  };
  const lo = Math.log(m);
  const hi = K === Infinity ? Math.log(m) + 700 / Math.max(gamma - 2, 1e-3) : Math.log(K);
  const hHi = K === Infinity ? 1 : h(hi);
  if (K !== Infinity && !(hHi > 0)) {
    return {
      form: 'continuum',
      model,
      p_c: null,
      cutoffAtThreshold: null,
      edgeFractionRemoved: null,
      converged: true,
      iterations: 1,
      residual: 0,
      reason: 'κ0 <= 2: no giant component even intact',
    };
  }
  const r = brentRoot(h, lo, Math.min(hi, 700), { xtol: 1e-13, maxIterations: 300 });
  if (!Number.isFinite(r.root)) {
    return {
      form: 'continuum',
      model,
      p_c: null,
      cutoffAtThreshold: null,
      edgeFractionRemoved: null,
      converged: false,
      iterations: r.iterations,
      residual: NaN,
      reason: 'no sign change of (1 − p̃)(κ̃ − 1) − 1 on [m, K]',
    };
  }
  const kt = Math.exp(r.root);
  return {
    form: 'continuum',
    model,
    p_c: nodeTail(kt),
    cutoffAtThreshold: kt,
    edgeFractionRemoved: edgeTail(kt),
    converged: r.converged,
    iterations: r.iterations,
    residual: r.residual,
  };
}

/**
 * Result of {@link purePowerLawCriticalExponent}.
 *
 * @category Generating functions
 */
export interface PurePowerLawCriticalExponent {
  /** The smallest degree kmin of the law. */
  kmin: number;
  /** τ_c: the giant component of the intact configuration model exists iff τ < τ_c; null (with reason) if none. */
  tau_c: number | null;
  /** Bound on |τ_c − exact|: root-bracket width plus the Hurwitz zeta error bounds divided by |dQ/dτ|. */
  error: number;
  /** A one-line statement of the model. */
  model: string;
  /** Why τ_c is null. */
  reason?: string;
}

/**
 * The critical exponent τ_c of the pure power law p_k ∝ k^(−τ), k >= kmin (no cutoff): the intact configuration
 * model has a giant component iff τ < τ_c. For kmin = 1, τ_c = 3.47875… (Aiello, Chung & Lu 2000).
 *
 * @param kmin - the smallest degree, an integer >= 1 (default 1).
 * @returns τ_c with an error bound; null with a reason when kmin >= 2 (then <k²> − 2<k> > 0 for every τ > 1).
 * @throws FragilityInputError naming `kmin`.
 *
 * @complexity O(log(1/tol)) Hurwitz zeta evaluations (Brent on τ ∈ (3, 30]).
 *
 * @model Molloy–Reed Q(τ) = Σ k(k−2) p_k ∝ ζ(τ−2, kmin) − 2ζ(τ−1, kmin) changes sign at τ_c; ζ(s, a) by
 * Euler–Maclaurin with Johansson's bound ({@link hurwitzZeta}). Q → +∞ as τ → 3+; for kmin = 1, Q < 0 for large τ
 * (ζ(τ−2)/ζ(τ−1) → 1 < 2); for kmin >= 2 the ratio ⟨k²⟩/⟨k⟩ stays > kmin >= 2.
 *
 * @references W. Aiello, F. Chung, L. Lu, "A random graph model for massive graphs", STOC 2000, 171–180,
 * doi:10.1145/335305.335326 (β_0 = 3.47875…); M. Molloy, B. Reed, Random Struct. Algorithms 6, 161 (1995),
 * doi:10.1002/rsa.3240060204; see docs/reference/literature-values.md.
 *
 * @example
 * ```ts
 * purePowerLawCriticalExponent(1).tau_c; // 3.478750785733960…
 * ```
 *
 * @category Generating functions
 */
export function purePowerLawCriticalExponent(kmin = 1): PurePowerLawCriticalExponent {
  if (!(Number.isInteger(kmin) && kmin >= 1 && kmin <= 1e7))
    throw new FragilityInputError('kmin', kmin, 'an integer in [1, 1e7]');
  const model = `pure power law p_k ∝ k^-τ, k >= ${kmin}, no cutoff; Molloy–Reed ζ(τ−2, ${kmin}) − 2ζ(τ−1, ${kmin}) = 0 (Hurwitz zeta)`;
  if (kmin >= 2) {
    return {
      kmin,
      tau_c: null,
      error: 0,
      model,
      reason: `kmin = ${kmin} >= 2: <k²>/<k> > 2 for every τ, the giant always exists`,
    };
  }
  const q = (tau: number): number => hurwitzZeta(tau - 2, kmin).value - 2 * hurwitzZeta(tau - 1, kmin).value;
  const r = brentRoot(q, 3 + 1e-6, 30, { xtol: 1e-14, maxIterations: 200 });
  const tau = r.root;
  // |Δτ| <= (error of Q at the root)/|Q'(τ)|, Q' by a central difference (Q is smooth there).
  const h = 1e-5;
  const slope = Math.abs((q(tau + h) - q(tau - h)) / (2 * h));
  const qErr = hurwitzZeta(tau - 2, kmin).error + 2 * hurwitzZeta(tau - 1, kmin).error + Math.abs(r.residual);
  return { kmin, tau_c: tau, error: qErr / slope + 1e-14, model };
}
