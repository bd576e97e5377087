/**
 * Interdependent networks (Buldyrev et al. 2010; Gao et al. 2011): the mutual giant component of two coupled
 * configuration-model networks with one-to-one dependencies, its first-order threshold p_c and the size of the jump,
 * plus the Erdős–Rényi closed forms for two networks and for a chain of n networks.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { checkDegreeLawMoments } from './law-check.ts';
import { brentRoot } from './root-finding.ts';

/**
 * Result of {@link interdependentCritical} and {@link interdependentErCritical}.
 *
 * @category Interdependent networks
 */
export interface InterdependentCriticalResult {
  /** The threshold p_c (fraction of network A kept), or null when no mutual giant exists for any p <= 1. */
  pc: number | null;
  /** Mutual giant fraction just at p_c (the size of the first-order jump), null with pc. */
  SAtPc: number | null;
  /** The tangency point p* = min_S p(S) even when it exceeds 1 (then pc is null). */
  pTangency: number;
  /** S at the tangency point. */
  STangency: number;
  /** Why pc is null. */
  reason?: string;
}

/**
 * Result of {@link interdependentMutualGiant} and {@link interdependentErGiant}.
 *
 * @category Interdependent networks
 */
export interface InterdependentGiantResult {
  /** The fraction p of network A kept. */
  p: number;
  /** Mutual giant fraction of ALL nodes of network A (0 below p_c). */
  S: number;
  /** Effective occupation of A at the fixed point (x = p·g_B(y)); 0 below p_c. */
  x: number;
  /** Effective occupation of B at the fixed point (y = p·g_A(x)); 0 below p_c. */
  y: number;
}

/** One network's percolation branch parametrised by the fixed point u (u = 1 − x + x·G1(u)). */
interface Branch {
  law: DegreeLaw;
  /** u at x = 1 (the intact network). */
  u1: number;
  /** x·g(x) at x = 1: the giant fraction of the intact network. */
  Smax: number;
  /** G1'(1): the intact branching factor. */
  g1p1: number;
  g1pp1: number;
}

/** x(u) = (1 − u)/(1 − G1(u)): the occupation at which u is the fixed point. */
function occupationAt(b: Branch, u: number): number {
  const d = 1 - u;
  if (d <= 0) return 1 / b.g1p1;
  if (d < 1e-7) return 1 / (b.g1p1 - (b.g1pp1 * d) / 2);
  return d / (1 - b.law.G1(u));
}

/** S(u) = x(u)·[1 − G0(u)], the giant fraction at occupation x(u). */
function giantAt(b: Branch, u: number): number {
  if (u >= 1) return 0;
  return occupationAt(b, u) * (1 - b.law.G0(u));
}

function makeBranch(law: DegreeLaw, field: string): Branch {
  checkDegreeLawMoments(law, field);
  const g1p1 = law.G1p(1);
  const g1pp1 = law.G1pp(1);
  const b: Branch = { law, u1: 1, Smax: 0, g1p1, g1pp1 };
  if (!(g1p1 > 1)) return b; // no giant component even intact (Molloy–Reed)
  // u1: x(u) = 1, x decreasing in u from x(0) >= 1 to 1/G1'(1) < 1.
  const f = (u: number): number => occupationAt(b, u) - 1;
  const r = f(0) <= 0 ? { root: 0 } : brentRoot(f, 0, 1, { xtol: 1e-16, maxIterations: 300 });
  b.u1 = r.root;
  b.Smax = 1 - law.G0(b.u1);
  return b;
}

/** X(S): the occupation x at which the giant fraction x·g(x) equals S (S in (0, Smax]). */
function occupationForGiant(b: Branch, S: number): number {
  if (S >= b.Smax) return 1;
  const r = brentRoot((u) => giantAt(b, u) - S, b.u1, 1, { xtol: 1e-16, maxIterations: 300 });
  return occupationAt(b, r.root);
}

/** p(S) = ∏_i X_i(S) / S^(n−1): the kept fraction at which S is a fixed point (n = 2: X_A(S)·X_B(S)/S). */
function keptFractionFor(branches: readonly Branch[], S: number): number {
  let v = occupationForGiant(branches[0], S);
  for (let i = 1; i < branches.length; i++) v *= occupationForGiant(branches[i], S) / S;
  return v;
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Minimise a function on [lo, hi] by a scan on `grid` points and golden-section refinement. */
function scanMinimise(f: (s: number) => number, grid: number[]): { s: number; value: number } {
  const vals = grid.map(f);
  let k = 0;
  for (let i = 1; i < grid.length; i++) if (vals[i] < vals[k]) k = i;
  let a = grid[Math.max(0, k - 1)];
  let b = grid[Math.min(grid.length - 1, k + 1)];
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let it = 0; it < 200 && b - a > 1e-15 * Math.max(1e-300, b); it++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLDEN * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLDEN * (b - a);
      fd = f(d);
    }
  }
  const s = (a + b) / 2;
  const v = f(s);
  return v <= vals[k] ? { s, value: v } : { s: grid[k], value: vals[k] };
}

/** The S grid used to bracket: denser near 0, where p(S) blows up. */
function giantGrid(Smax: number, N = 400): number[] {
  const g: number[] = [];
  for (let k = 1; k <= N; k++) g.push(Smax * (k / N) ** 2);
  return g;
}

const NO_GIANT_REASON = 'no mutual giant component for any p <= 1';

function makeBranches(laws: readonly DegreeLaw[]): Branch[] {
  if (!Array.isArray(laws) || laws.length < 1 || laws.length > 1000) {
    throw new FragilityInputError('laws', Array.isArray(laws) ? laws.length : laws, 'a list of 1 to 1000 degree laws');
  }
  const made = new Map<DegreeLaw, Branch>();
  return laws.map((law, i) => {
    let b = made.get(law);
    if (!b) {
      b = makeBranch(law, laws.length === 2 ? (i === 0 ? 'lawA' : 'lawB') : `laws[${i}]`);
      made.set(law, b);
    }
    return b;
  });
}

function criticalOf(branches: readonly Branch[]): InterdependentCriticalResult {
  let Smax = Infinity;
  for (const b of branches) Smax = Math.min(Smax, b.Smax);
  if (!(Smax > 0)) {
    return {
      pc: null,
      SAtPc: null,
      pTangency: Infinity,
      STangency: 0,
      reason: `${NO_GIANT_REASON} (a network has no giant component)`,
    };
  }
  if (branches.length === 1) {
    // a single network: ordinary percolation, continuous at x_c = 1/G1'(1)
    const pc = 1 / branches[0].g1p1;
    return { pc, SAtPc: 0, pTangency: pc, STangency: 0 };
  }
  const { s, value } = scanMinimise((S) => keptFractionFor(branches, S), giantGrid(Smax));
  if (value > 1)
    return {
      pc: null,
      SAtPc: null,
      pTangency: value,
      STangency: s,
      reason: `${NO_GIANT_REASON} (tangency at p = ${value.toPrecision(6)} > 1)`,
    };
  return { pc: value, SAtPc: s, pTangency: value, STangency: s };
}

function giantOf(
  branches: readonly Branch[],
  p: number,
  crit: InterdependentCriticalResult,
): { S: number; occupations: number[] } {
  if (crit.pc === null || p < crit.pc || p === 0) return { S: 0, occupations: branches.map(() => 0) };
  let Smax = Infinity;
  for (const b of branches) Smax = Math.min(Smax, b.Smax);
  const f = (S: number): number => keptFractionFor(branches, S) - p;
  let S: number;
  if (f(Smax) <= 0) S = Smax;
  else {
    // Largest root: scan down from Smax to the first grid point with p(S) <= p (the tangency point qualifies).
    const grid = giantGrid(Smax).filter((v) => v > crit.STangency);
    let hi = Smax;
    let lo = crit.STangency;
    for (let k = grid.length - 1; k >= 0; k--) {
      if (f(grid[k]) <= 0) {
        lo = grid[k];
        break;
      }
      hi = grid[k];
    }
    if (lo === 0) lo = Math.min(hi, Smax) * 1e-12; // single network: p(S) → x_c as S → 0
    const r = f(lo) >= 0 ? { root: lo } : brentRoot(f, lo, hi, { xtol: 1e-15, maxIterations: 300 });
    S = r.root;
  }
  return { S, occupations: branches.map((b) => occupationForGiant(b, S)) };
}

/**
 * Threshold p_c and first-order jump of two interdependent configuration-model networks.
 *
 * @param lawA - degree law of network A (the one a random fraction 1 − p is removed from)
 * @param lawB - degree law of network B (default: the same law)
 * @returns p_c, S(p_c) (null with a reason when no mutual giant exists even at p = 1) and the tangency point
 * @throws FragilityInputError for laws that do not normalise
 *
 * @complexity ~400 + 100 evaluations of p(S), each two bracketed root solves in u of O(kmax) generating-function
 * evaluations (Brent, <= 300 steps each).
 *
 * @model one-to-one dependencies, a random fraction 1 − p of A removed. With g(x) = 1 − G0(u(x)), where u solves
 * u = 1 − x + x·G1(u) (equivalently g(x) = 1 − G0(1 − x(1 − f)), f = G1(1 − x(1 − f))), the cascade ends at
 * x = p·g_B(y), y = p·g_A(x); the mutual giant is S = x·g_A(x) = y·g_B(y). Parametrising by S:
 * x = X_A(S), y = X_B(S) (inverses of the increasing maps x ↦ x·g(x)) give p(S) = X_A(S)·X_B(S)/S. A fixed point at
 * kept fraction p is a root of p(S) = p; the cascade from the intact state stops at the largest one. p_c = min_S p(S)
 * (the tangency / saddle-node condition), S(p_c) its argmin (a first-order jump when > 0), located by a scan of
 * 400 points in S and golden-section refinement (S(p_c) to ~1e-8, p_c to ~1e-15). The inverse maps are computed
 * through u: x(u) = (1 − u)/(1 − G1(u)) and x·g = x(u)·(1 − G0(u)) are monotone in u.
 *
 * @references S. V. Buldyrev, R. Parshani, G. Paul, H. E. Stanley & S. Havlin, Catastrophic cascade of failures in
 * interdependent networks, Nature 464, 1025 (2010), doi:10.1038/nature08932; J. Gao, S. V. Buldyrev, S. Havlin &
 * H. E. Stanley, Robustness of a network of networks, PRL 107, 195701 (2011), doi:10.1103/PhysRevLett.107.195701.
 *
 * @example
 * ```ts
 * interdependentCritical(poissonLaw(4)); // pc ≈ 0.613852, SAtPc ≈ 0.314108
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentCritical(lawA: DegreeLaw, lawB: DegreeLaw = lawA): InterdependentCriticalResult {
  return criticalOf(makeBranches([lawA, lawB]));
}

/**
 * Mutual giant component of two interdependent configuration-model networks when a fraction p of A is kept.
 *
 * @param lawA - degree law of network A
 * @param p - fraction of A kept, in [0, 1]
 * @param lawB - degree law of network B (default: the same law)
 * @param critical - the result of {@link interdependentCritical} if already computed
 * @returns S (fraction of all A nodes in the mutual giant), x, y
 * @throws FragilityInputError for p outside [0, 1] or laws that do not normalise
 *
 * @complexity as {@link interdependentCritical} plus one bracketed solve of p(S) = p.
 *
 * @model see {@link interdependentCritical}: S is the largest root of p(S) = p, 0 for p < p_c.
 *
 * @references Buldyrev et al., Nature 464, 1025 (2010), doi:10.1038/nature08932.
 *
 * @example
 * ```ts
 * interdependentMutualGiant(poissonLaw(4), 0.7).S; // ≈ 0.55762
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentMutualGiant(
  lawA: DegreeLaw,
  p: number,
  lawB: DegreeLaw = lawA,
  critical?: InterdependentCriticalResult,
): InterdependentGiantResult {
  checkProbability('p', p);
  const branches = makeBranches([lawA, lawB]);
  const crit = critical ?? criticalOf(branches);
  const { S, occupations } = giantOf(branches, p, crit);
  return { p, S, x: occupations[0], y: occupations[1] };
}

/**
 * Result of {@link interdependentNetworkGiant}.
 *
 * @category Interdependent networks
 */
export interface InterdependentNetworkGiantResult {
  /** The fraction p kept. */
  p: number;
  /** Mutual giant fraction (of the nodes of each network; one-to-one dependencies make them equal). */
  S: number;
  /** The effective occupation x_i of each network at the fixed point (0 below p_c). */
  occupations: number[];
}

/**
 * Threshold of a tree-like network of n interdependent configuration-model networks (a chain, a star, …).
 *
 * @param laws - the degree law of each network, 1 to 1000 of them (n = 2: as {@link interdependentCritical})
 * @returns p_c, S(p_c) (null with a reason when no mutual giant exists for p <= 1)
 * @throws FragilityInputError for an empty list or laws that do not normalise
 *
 * @complexity ~500 evaluations of p(S), each n bracketed root solves of O(kmax) generating-function evaluations.
 *
 * @model tree-like network of networks with one-to-one dependencies and a random fraction 1 − p removed
 * (Gao et al. 2011): x_i = p·∏_{j≠i} g_j(x_j), S = x_i·g_i(x_i) for every i = p·∏_j g_j(x_j). With x_i = X_i(S):
 * p(S) = ∏_i X_i(S) / S^(n−1); p_c = min_S p(S). For n equal ER networks this is S = p(1 − e^(−<k>S))^n
 * ({@link interdependentErCritical}). n = 1 is ordinary percolation (p_c = 1/G1'(1), continuous).
 *
 * @references J. Gao, S. V. Buldyrev, S. Havlin & H. E. Stanley, Robustness of a network of networks, PRL 107,
 * 195701 (2011), doi:10.1103/PhysRevLett.107.195701; Buldyrev et al., Nature 464, 1025 (2010), doi:10.1038/nature08932.
 *
 * @example
 * ```ts
 * interdependentNetworkCritical([poissonLaw(6), poissonLaw(6), poissonLaw(6)]).pc; // = interdependentErCritical(6, 3).pc
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentNetworkCritical(laws: readonly DegreeLaw[]): InterdependentCriticalResult {
  return criticalOf(makeBranches(laws));
}

/**
 * Mutual giant of a tree-like network of n interdependent configuration-model networks at kept fraction p.
 *
 * @param laws - the degree law of each network (1 to 1000)
 * @param p - the fraction kept, in [0, 1]
 * @param critical - the result of {@link interdependentNetworkCritical} if already computed
 * @returns S and the effective occupations x_i
 * @throws FragilityInputError for p outside [0, 1], an empty list, laws that do not normalise
 *
 * @complexity as {@link interdependentNetworkCritical} plus one bracketed solve of p(S) = p.
 *
 * @model see {@link interdependentNetworkCritical}; S is the largest root of p(S) = p, 0 below p_c.
 *
 * @references Gao et al., PRL 107, 195701 (2011), doi:10.1103/PhysRevLett.107.195701.
 *
 * @example
 * ```ts
 * interdependentNetworkGiant([poissonLaw(6), poissonLaw(6), poissonLaw(6)], 0.9).S;
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentNetworkGiant(
  laws: readonly DegreeLaw[],
  p: number,
  critical?: InterdependentCriticalResult,
): InterdependentNetworkGiantResult {
  checkProbability('p', p);
  const branches = makeBranches(laws);
  const crit = critical ?? criticalOf(branches);
  const { S, occupations } = giantOf(branches, p, crit);
  return { p, S, occupations };
}

/**
 * Threshold of n interdependent Erdős–Rényi networks with the same mean degree (closed form).
 *
 * @param meanDegree - <k> > 0 of every network
 * @param networks - n >= 1 networks in a chain (n = 2: Buldyrev et al. 2010), default 2
 * @returns p_c and S(p_c) (null with a reason when p_c > 1)
 * @throws FragilityInputError for meanDegree <= 0 or n < 1
 *
 * @complexity one bracketed root solve.
 *
 * @model S = p(1 − e^(−<k>S))^n. Tangency (S = p F(S)^n and 1 = p n F^(n−1) F'): with z = <k>S,
 * e^z − 1 = n z, S_c = z/<k>, p_c = z/(<k>(1 − e^(−z))^n). n = 2: p_c<k> = 2.455407, <k>S_c = 1.256431.
 * n = 1 is ordinary ER percolation: p_c = 1/<k>, continuous (S_c = 0).
 *
 * @references Buldyrev et al., Nature 464, 1025 (2010), doi:10.1038/nature08932 (the abstract's 2.445 is a
 * transposition of 2.455); Gao, Buldyrev, Havlin & Stanley, PRL 107, 195701 (2011), doi:10.1103/PhysRevLett.107.195701.
 *
 * @example
 * ```ts
 * interdependentErCritical(4); // pc ≈ 0.613852, SAtPc ≈ 0.314108
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentErCritical(meanDegree: number, networks = 2): InterdependentCriticalResult {
  checkNumber('meanDegree', meanDegree, Number.MIN_VALUE);
  const n = checkInteger('networks', networks, 1, 1000);
  let z: number;
  let p: number;
  if (n === 1) {
    z = 0;
    p = 1 / meanDegree;
  } else {
    const r = brentRoot((t) => Math.expm1(t) - n * t, Math.log(n), 2 * n + 2, { xtol: 1e-15 });
    z = r.root;
    p = z / (meanDegree * (-Math.expm1(-z)) ** n);
  }
  const S = z / meanDegree;
  if (p > 1)
    return {
      pc: null,
      SAtPc: null,
      pTangency: p,
      STangency: S,
      reason: `${NO_GIANT_REASON} (tangency at p = ${p.toPrecision(6)} > 1)`,
    };
  return { pc: p, SAtPc: S, pTangency: p, STangency: S };
}

/**
 * Mutual giant of n interdependent Erdős–Rényi networks with the same mean degree (closed form).
 *
 * @param meanDegree - <k> > 0
 * @param p - fraction kept, in [0, 1]
 * @param networks - n >= 1 (default 2)
 * @returns S, the largest root of S = p(1 − e^(−<k>S))^n (0 for p < p_c), and the effective occupation
 *   x = y = p·(1 − e^(−<k>S))^(n−1)
 * @throws FragilityInputError for p outside [0, 1], meanDegree <= 0, n < 1
 *
 * @complexity one bracketed root solve.
 *
 * @model S = p(1 − e^(−<k>S))^n (n = 2: Buldyrev et al. 2010 eq. for equal ER networks; n > 2: the chain of
 * Gao et al. 2011). P(S) = S/(1 − e^(−<k>S))^n is increasing on [S_c, ∞), so S solves P(S) = p on [S_c, p].
 *
 * @references Buldyrev et al., Nature 464, 1025 (2010), doi:10.1038/nature08932; Gao et al., PRL 107, 195701
 * (2011), doi:10.1103/PhysRevLett.107.195701.
 *
 * @example
 * ```ts
 * interdependentErGiant(4, 0.65).S; // ≈ 0.45978
 * ```
 *
 * @category Interdependent networks
 */
export function interdependentErGiant(meanDegree: number, p: number, networks = 2): InterdependentGiantResult {
  checkProbability('p', p);
  const crit = interdependentErCritical(meanDegree, networks);
  if (crit.pc === null || p < crit.pc || p === 0) return { p, S: 0, x: 0, y: 0 };
  const k = meanDegree;
  const n = networks;
  const P = (S: number): number => S / (-Math.expm1(-k * S)) ** n - p;
  const lo = crit.SAtPc!;
  let S: number;
  if (n === 1 && lo === 0) {
    // ordinary ER: S = p(1 − e^(−kS)), root in (0, p]
    S =
      p * k <= 1
        ? 0
        : brentRoot((s) => s - p * -Math.expm1(-k * s), Math.min(p, 1e-300 + (p * k - 1) / (p * k * k)) * 1e-3, p, {
            xtol: 1e-16,
          }).root;
  } else {
    S = P(lo) >= 0 ? lo : brentRoot(P, lo, p, { xtol: 1e-16 }).root;
  }
  const x = p * (-Math.expm1(-k * S)) ** (n - 1);
  return { p, S, x, y: x };
}
