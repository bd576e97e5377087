/**
 * Two-tier (supernode) percolation as a multi-type branching process: a configuration-model core of supernodes and
 * clients that each cache H supernodes. Fraction of clients served after a supernode loss, and the critical loss.
 *
 * Assumptions (all stated in every result's `model`):
 * - the supernode core is a configuration model with degree law P (locally tree-like, n → ∞);
 * - every client caches H supernodes drawn independently and uniformly among all original supernodes (for a
 *   capacity-proportional cache this is an approximation: a supernode's chance of being cached then correlates with
 *   its degree and survival);
 * - clients do not relay: a client is a leaf attached to its cached supernodes, never a bridge between them;
 * - clients do not fail; a client is served iff at least one of its H cached supernodes survives and lies in the
 *   giant supernode component;
 * - the loss is a random fraction f of supernodes, or the fraction f with the highest core degree (fractional
 *   boundary degree, degrees not recomputed).
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { checkDegreeLawMoments } from './law-check.ts';
import { attackOccupation, attackThreshold } from './gf-attack.ts';
import { gfSitePercolation } from './gf-percolation.ts';
import { randomFailureThreshold } from './molloy-reed.ts';
import { multiTypeSpectralRadius, MAX_BRANCHING_TYPES } from './multi-type-branching.ts';
import { brentRoot, type ConvergenceReport } from './root-finding.ts';

/**
 * A two-tier overlay model.
 *
 * @category Branching processes
 */
export interface TwoTierSpec {
  /** Degree law of the supernode core (supernode–supernode links). */
  coreLaw: DegreeLaw;
  /** H: supernodes cached by each client (integer >= 1). */
  cacheSize: number;
  /** Clients per supernode C/N_s (default 1); it only sets the client column of the offspring matrix. */
  clientsPerSupernode?: number;
}

/**
 * How supernodes are lost.
 *
 * @category Branching processes
 */
export type SupernodeRemoval = 'random' | 'attack';

/**
 * Options of the two-tier functions.
 *
 * @category Branching processes
 */
export interface TwoTierOptions {
  /** `random` (default) or `attack` (highest core degree first). */
  removal?: SupernodeRemoval;
}

/**
 * Result of {@link twoTierServedFraction}.
 *
 * @category Branching processes
 */
export interface TwoTierServedResult extends ConvergenceReport {
  /** Fraction of clients served: 1 − (1 − S_core)^H. */
  served: number;
  /** Fraction of ALL original supernodes in the surviving giant supernode component. */
  S_core: number;
  /** The supernode loss f. */
  f: number;
  /** The removal used. */
  removal: SupernodeRemoval;
  /** The model and its assumptions. */
  model: string;
}

function checkSpec(spec: TwoTierSpec): void {
  checkDegreeLawMoments(spec.coreLaw, 'coreLaw');
  checkInteger('cacheSize', spec.cacheSize, 1, 1_000_000);
  if (spec.clientsPerSupernode !== undefined) checkNumber('clientsPerSupernode', spec.clientsPerSupernode, 0);
}

function modelText(spec: TwoTierSpec, removal: SupernodeRemoval): string {
  return (
    `two-tier branching: configuration-model supernode core ${spec.coreLaw.spec} (discrete law, truncation error ` +
    `${spec.coreLaw.truncationError}), each client caches H = ${spec.cacheSize} supernodes uniformly at random, ` +
    `clients do not relay and do not fail; ${removal === 'attack' ? 'highest core degree removed first (fractional boundary degree, degrees not recomputed)' : 'random supernode loss'}; ` +
    `served = 1 − (1 − S_core)^H`
  );
}

function occupation(law: DegreeLaw, f: number, removal: SupernodeRemoval): number | Float64Array {
  return removal === 'attack' ? attackOccupation(law, f).phi : 1 - f;
}

/**
 * Fraction of clients served when a fraction f of the supernodes is lost.
 *
 * @param spec - the core law and the cache size H ({@link TwoTierSpec})
 * @param f - supernode loss in [0, 1]
 * @param options - `removal`: `random` (default) or `attack`
 * @returns served = 1 − (1 − S_core)^H, S_core and the core solve's convergence report
 * @throws FragilityInputError naming `f`, `cacheSize`, `coreLaw` or `removal`
 *
 * @complexity one configuration-model site-percolation solve, O(kmax) per iteration.
 *
 * @model S_core = F0(1) − F0(u), u = 1 − F1(1) + F1(u) with φ_k = 1 − f (random) or the attack occupation; a
 * client's H cache entries are independent uniform picks among all original supernodes, each alive and in the giant
 * with probability S_core, so served = 1 − (1 − S_core)^H. Assumptions in the module doc.
 *
 * @references Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468; S. A. Baset,
 * H. Schulzrinne, "An analysis of the Skype peer-to-peer Internet telephony protocol", IEEE INFOCOM 2006,
 * doi:10.1109/INFOCOM.2006.312 (host cache).
 *
 * @example
 * ```ts
 * twoTierServedFraction({ coreLaw: poissonLaw(10), cacheSize: 5 }, 0.3).served; // ≈ 0.997544 (S_core ≈ 0.699358)
 * ```
 *
 * @category Branching processes
 */
export function twoTierServedFraction(spec: TwoTierSpec, f: number, options: TwoTierOptions = {}): TwoTierServedResult {
  checkSpec(spec);
  checkProbability('f', f);
  const removal = checkRemoval(options.removal);
  const r = gfSitePercolation(spec.coreLaw, occupation(spec.coreLaw, f, removal));
  const served = 1 - Math.pow(1 - r.S, spec.cacheSize);
  return {
    served,
    S_core: r.S,
    f,
    removal,
    model: modelText(spec, removal),
    converged: r.converged,
    iterations: r.iterations,
    residual: r.residual,
  };
}

function checkRemoval(removal: unknown): SupernodeRemoval {
  const r = removal ?? 'random';
  if (r !== 'random' && r !== 'attack') throw new FragilityInputError('removal', r, "'random' or 'attack'");
  return r;
}

/**
 * Options of {@link twoTierMeanOffspringMatrix}.
 *
 * @category Branching processes
 */
export interface TwoTierMatrixOptions extends TwoTierOptions {
  /** `two-type` (default: [supernode via a core edge, client]) or `degree-classes` (one type per core degree k, then client). */
  types?: 'two-type' | 'degree-classes';
}

/**
 * The mean-offspring matrix of the two-tier exploration after a supernode loss f.
 *
 * @param spec - the two-tier model
 * @param f - supernode loss in [0, 1]
 * @param options - removal and type resolution ({@link TwoTierMatrixOptions})
 * @returns the dense matrix as number[][]; the last type is the client
 * @throws FragilityInputError when `degree-classes` would exceed {@link MAX_BRANCHING_TYPES} types
 *
 * @complexity O(kmax) two-type; O(kmax²) degree classes.
 *
 * @model two-type: M = [[F1'(1), H·c], [0, 0]] with F1'(1) = Σ k(k−1)φ_k p_k/<k> the mean number of surviving
 * supernode children of a supernode reached along a core edge, c = clients per supernode (each supernode is in H·c
 * caches on average); clients are leaves (no relaying), so their row is 0 and ρ(M) = F1'(1): the clients never move
 * the threshold. Degree classes: M[k][k'] = (k − 1)·k'φ_{k'}p_{k'}/<k> (rank one plus the client column), whose
 * radius is again F1'(1).
 *
 * @references T. E. Harris, *The Theory of Branching Processes* (1963); Callaway et al., PRL 85, 5468 (2000),
 * doi:10.1103/PhysRevLett.85.5468.
 *
 * @example
 * ```ts
 * twoTierMeanOffspringMatrix({ coreLaw: poissonLaw(4), cacheSize: 3 }, 0.5); // [[2, 3], [0, 0]]
 * ```
 *
 * @category Branching processes
 */
export function twoTierMeanOffspringMatrix(
  spec: TwoTierSpec,
  f: number,
  options: TwoTierMatrixOptions = {},
): number[][] {
  checkSpec(spec);
  checkProbability('f', f);
  const removal = checkRemoval(options.removal);
  const law = spec.coreLaw;
  const pk = law.pk;
  const phi = removal === 'attack' ? attackOccupation(law, f).phi : null;
  const q = 1 - f;
  const mean = checkDegreeLawMoments(law, 'coreLaw').mean;
  const clientColumn = spec.cacheSize * (spec.clientsPerSupernode ?? 1);
  const phiOf = (k: number): number => (phi ? phi[k] : q);
  if ((options.types ?? 'two-type') === 'two-type') {
    let s = 0;
    for (let k = 2; k < pk.length; k++) s += k * (k - 1) * phiOf(k) * pk[k];
    const F1p = mean > 0 ? s / mean : 0;
    return [
      [F1p, clientColumn],
      [0, 0],
    ];
  }
  if (options.types !== 'degree-classes')
    throw new FragilityInputError('types', options.types, "'two-type' or 'degree-classes'");
  const K = pk.length; // classes k = 0..kmax, then the client
  if (K + 1 > MAX_BRANCHING_TYPES) {
    throw new FragilityInputError(
      'coreLaw',
      law.spec,
      `a law with kmax < ${MAX_BRANCHING_TYPES - 1} for degree-class matrices`,
    );
  }
  const M: number[][] = [];
  for (let k = 0; k < K; k++) {
    const row = new Array<number>(K + 1).fill(0);
    if (mean > 0 && k >= 1) for (let j = 1; j < K; j++) row[j] = ((k - 1) * j * phiOf(j) * pk[j]) / mean;
    row[K] = clientColumn;
    M.push(row);
  }
  M.push(new Array<number>(K + 1).fill(0));
  return M;
}

/**
 * Result of {@link twoTierCriticalLoss}.
 *
 * @category Branching processes
 */
export interface TwoTierCriticalLossResult extends ConvergenceReport {
  /** Critical supernode loss where ρ(M) crosses 1 (null with `reason` when the intact core has no giant). */
  f_c: number | null;
  /** The configuration-model core threshold for the same removal (random: 1 − q_c; attack: attack f_c). */
  coreThreshold: number | null;
  /** ρ(M) of the intact network (f = 0). */
  spectralRadiusIntact: number;
  /** The removal used. */
  removal: SupernodeRemoval;
  /** The model and its assumptions. */
  model: string;
  /** Why f_c is null. */
  reason?: string;
}

/**
 * Critical supernode loss of a two-tier overlay: where the spectral radius of the mean-offspring matrix crosses 1.
 *
 * @param spec - the two-tier model
 * @param options - `removal`: `random` (default) or `attack`
 * @returns f_c from the spectral radius (Brent on f), and the core threshold it must equal (clients are leaves)
 *
 * @complexity O(log(1/tol)) matrix builds and 2×2 eigenvalue problems (mathjs), each O(kmax).
 *
 * @model ρ(M(f)) = F1'(1; φ(f)) is continuous and non-increasing in f; f_c solves ρ(M(f_c)) = 1 on [0, 1].
 * Clients do not relay, so f_c equals the core's configuration-model threshold; served(f) = 0 for f ≥ f_c.
 *
 * @references Harris (1963); Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468.
 *
 * @example
 * ```ts
 * twoTierCriticalLoss({ coreLaw: poissonLaw(4), cacheSize: 3 }).f_c; // 0.75
 * ```
 *
 * @category Branching processes
 */
export function twoTierCriticalLoss(spec: TwoTierSpec, options: TwoTierOptions = {}): TwoTierCriticalLossResult {
  checkSpec(spec);
  const removal = checkRemoval(options.removal);
  const model = modelText(spec, removal);
  const core = removal === 'attack' ? attackThreshold(spec.coreLaw) : randomFailureThreshold(spec.coreLaw);
  const rho = (f: number): number =>
    multiTypeSpectralRadius(twoTierMeanOffspringMatrix(spec, f, { removal })).spectralRadius;
  const rho0 = rho(0);
  if (!(rho0 > 1)) {
    return {
      f_c: null,
      coreThreshold: core.f_c,
      spectralRadiusIntact: rho0,
      removal,
      model,
      converged: true,
      iterations: 1,
      residual: 0,
      reason: 'no giant supernode component even intact: ρ(M) <= 1 at f = 0',
    };
  }
  const r = brentRoot((f) => rho(f) - 1, 0, 1, { xtol: 1e-13, maxIterations: 200 });
  return {
    f_c: Number.isFinite(r.root) ? r.root : null,
    coreThreshold: core.f_c,
    spectralRadiusIntact: rho0,
    removal,
    model,
    converged: r.converged,
    iterations: r.iterations,
    residual: r.residual,
  };
}
