/**
 * The wrapping-probability threshold estimator (Newman & Ziff 2001): the canonical probability R(q) that a cluster
 * wraps around the periodic lattice, averaged over sweeps, and the occupation where it crosses its universal
 * critical value (or where the curves of two sizes cross).
 *
 * @module
 */
import { FragilityInputError, checkNumber, checkProbability } from '../errors.ts';
import { binomialWindow } from './binomial-window.ts';
import { studentTQuantile } from './statistics.ts';
import type { WrappingLattice, WrappingSweep } from './sweep-wrapping.ts';

/**
 * Which wrapping event R counts.
 *
 * @category Threshold estimation
 */
export type WrappingKind = 'axis' | 'any' | 'all';

/**
 * Critical wrapping probabilities of a torus: along a given axis (mean of the two), along either, along both.
 *
 * @category Threshold estimation
 */
export interface TorusWrappingProbabilities {
  /** R^(h): a cluster wraps along a given axis (averaged over the two axes). */
  axis: number;
  /** R^(e): a cluster wraps along at least one axis. */
  any: number;
  /** R^(b): wrapping along both axes (a cross or a spiral). */
  all: number;
  /** π(0): no cluster wraps (= 1 − any). */
  none: number;
}

/** |η(τ)|² of the Dedekind eta function, η(τ) = q^(1/24) Π_(n>=1) (1 − qⁿ), q = e^(2πiτ). */
function etaAbsSquared(re: number, im: number): number {
  const r = Math.exp(-2 * Math.PI * im); // |q|
  const phi = 2 * Math.PI * re;
  let prod = 1;
  let rn = 1;
  for (let n = 1; n <= 200; n++) {
    rn *= r;
    if (rn < 1e-300) break;
    const c = rn * Math.cos(n * phi);
    const s = rn * Math.sin(n * phi);
    prod *= (1 - c) * (1 - c) + s * s; // |1 − qⁿ|²
    if (rn < 1e-18) break;
  }
  return Math.pow(r, 1 / 12) * prod;
}

/** Coulomb-gas weight Z_(m',m)(g) = √(g/Im τ)·exp(−πg|m' − mτ|²/Im τ). */
function coulombWeight(g: number, re: number, im: number, mp: number, m: number): number {
  const x = mp - m * re;
  const y = m * im;
  return Math.sqrt(g / im) * Math.exp((-Math.PI * g * (x * x + y * y)) / im);
}

/**
 * The universal probabilities that a critical percolation cluster wraps around a torus of modular parameter τ
 * (periods ω1 = 1, ω2 = τ), from Pinson's Coulomb-gas formulas: π(0) = [Z(8/3) − Z(2/3)]/(2|η(τ)|²) with
 * Z(g) = Σ_(m',m) Z_(m',m)(g), and the probability that the wrapping clusters have the primitive class (a, b),
 * π(a,b) = [W(6) + W(2/3) − 2W(8/3)]/(2|η(τ)|²) with W(g) = Σ_k Z_(ka,kb)(g).
 *
 * @param re - Re τ.
 * @param im - Im τ > 0 (at least 0.3: the lattice sums are truncated at |m|, |m'| <= 40).
 * @returns R along a given axis (mean of the two), along either, along both, and π(0).
 * @throws FragilityInputError naming `tau` when Im τ < 0.3.
 *
 * @complexity O(40²) terms.
 *
 * @model at τ = i these are Newman & Ziff's eqs. (13)–(15): 0.521058290, 0.690473725, 0.351642855 (reproduced
 * to 1e-9 by this function, see the tests). The hexagonal torus of the triangular and honeycomb generators has
 * τ = e^(2πi/3) (equivalently e^(iπ/3)).
 *
 * @references H. T. Pinson, "Critical percolation on the torus", J. Stat. Phys. 75, 1167 (1994),
 * doi:10.1007/BF02186761; L.-P. Arguin, "Homology of Fortuin–Kasteleyn clusters of Potts models on the torus",
 * J. Stat. Phys. 109, 301 (2002), doi:10.1023/A:1020418326416; P. di Francesco, H. Saleur, J.-B. Zuber,
 * J. Stat. Phys. 49, 57 (1987); Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * torusWrappingProbabilities(0, 1).axis; // 0.5210582892…
 * ```
 *
 * @category Threshold estimation
 */
export function torusWrappingProbabilities(re: number, im: number): TorusWrappingProbabilities {
  checkNumber('tau', re);
  checkNumber('tau', im, 0.3);
  const N = 40;
  const e2 = etaAbsSquared(re, im);
  const Z = (g: number) => {
    let s = 0;
    for (let m = -N; m <= N; m++) for (let mp = -N; mp <= N; mp++) s += coulombWeight(g, re, im, mp, m);
    return s;
  };
  const W = (g: number, a: number, b: number) => {
    let s = 0;
    for (let k = -N; k <= N; k++) s += coulombWeight(g, re, im, k * a, k * b);
    return s;
  };
  const cls = (a: number, b: number) => (W(6, a, b) + W(2 / 3, a, b) - 2 * W(8 / 3, a, b)) / (2 * e2);
  const none = (Z(8 / 3) - Z(2 / 3)) / (2 * e2);
  const along1 = cls(1, 0); // wrapping clusters parallel to ω1 only
  const along2 = cls(0, 1); // parallel to ω2 only
  return { axis: 1 - none - 0.5 * (along1 + along2), any: 1 - none, all: 1 - none - along1 - along2, none };
}

/**
 * Universal critical wrapping probabilities on the square (aspect ratio 1) torus, valid for the square lattice,
 * site and bond: R^(h) (along a given axis) = 0.521058290, R^(e) (along either axis) = 0.690473725, R^(b) (along
 * both) = 0.351642855 (Newman & Ziff 2001, eqs. 13–15), computed by {@link torusWrappingProbabilities} at τ = i.
 *
 * Sources: Pinson, J. Stat. Phys. 75, 1167 (1994), doi:10.1007/BF02186761; Newman & Ziff, PRE 64, 016706 (2001),
 * doi:10.1103/PhysRevE.64.016706; see docs/reference/literature-values.md.
 *
 * @category Threshold estimation
 */
export const SQUARE_TORUS_WRAPPING: Readonly<Record<WrappingKind, number>> = Object.freeze(
  (({ axis, any, all }) => ({ axis, any, all }))(torusWrappingProbabilities(0, 1)),
);

/**
 * The universal critical wrapping probability of a periodic lattice kind, or null when none is known (3D).
 *
 * @param lattice - the lattice kind.
 * @param kind - the wrapping event (default `axis`).
 * @returns R_c: square torus τ = i; triangular and honeycomb generators build the hexagonal torus (periods L·a1,
 *   L·a2 with |a1| = |a2| at 120° or 60°), τ = e^(2πi/3); cubic: null.
 *
 * @complexity O(1) after the first call per lattice.
 * @model see {@link torusWrappingProbabilities}.
 * @references Pinson 1994; Arguin 2002; Newman & Ziff 2001.
 *
 * @example
 * ```ts
 * universalWrappingProbability('square'); // 0.5210582892…
 * universalWrappingProbability('triangular'); // 0.5622827878…
 * ```
 *
 * @category Threshold estimation
 */
export function universalWrappingProbability(lattice: WrappingLattice, kind: WrappingKind = 'axis'): number | null {
  if (lattice === 'cubic') return null;
  if (lattice === 'square') return SQUARE_TORUS_WRAPPING[kind];
  hexagonal ??= torusWrappingProbabilities(-0.5, Math.sqrt(3) / 2);
  return hexagonal[kind];
}
let hexagonal: TorusWrappingProbabilities | undefined;

/**
 * First-wrapping steps of a set of sweeps of one lattice (one per replicate), all of the same length.
 *
 * @category Threshold estimation
 */
export interface WrappingSamples {
  /** Sweep length N (n site, m bond). */
  steps: number;
  /** Lattice dimension d. */
  dim: number;
  /** firstWrap of every run, concatenated: runs × d entries (see {@link WrappingSweep.firstWrap}). */
  firstWrap: Int32Array;
  /** Number of runs. */
  runs: number;
  /** wrapMass of every run ({@link WrappingSweep.wrapMass}), when known. */
  wrapMass?: Float64Array;
}

/**
 * Pack the results of several wrapping sweeps (same lattice, same mode) into {@link WrappingSamples}.
 *
 * @param sweeps - at least one sweep; all with the same steps and dim.
 * @returns the packed samples.
 * @throws FragilityInputError naming `sweeps` when empty or mixed.
 *
 * @complexity O(runs·d).
 * @model none (data layout).
 * @references none.
 *
 * @example
 * ```ts
 * const g = squareLattice(32);
 * const geom = { lattice: 'square', L: 32 } as const;
 * const s = packWrappingSweeps([1, 2].map((r) => sweepSiteWrapping(g, randomOrder(g.n, stream(1, r)), geom)));
 * s.runs; // 2
 * ```
 *
 * @category Threshold estimation
 */
export function packWrappingSweeps(
  sweeps: ReadonlyArray<{ steps: number; dim: number; firstWrap: ArrayLike<number>; wrapMass?: number }>,
): WrappingSamples {
  if (sweeps.length === 0) throw new FragilityInputError('sweeps', 0, 'at least one wrapping sweep');
  const { steps, dim } = sweeps[0];
  const firstWrap = new Int32Array(sweeps.length * dim);
  sweeps.forEach((s, r) => {
    if (s.steps !== steps || s.dim !== dim)
      throw new FragilityInputError(
        'sweeps',
        `steps ${s.steps}, dim ${s.dim}`,
        `sweeps of one lattice (steps ${steps}, dim ${dim})`,
      );
    for (let j = 0; j < dim; j++) firstWrap[r * dim + j] = s.firstWrap[j];
  });
  const out: WrappingSamples = { steps, dim, firstWrap, runs: sweeps.length };
  if (sweeps.every((s) => s.wrapMass !== undefined)) out.wrapMass = Float64Array.from(sweeps, (s) => s.wrapMass!);
  return out;
}

/** Per-run canonical wrapping probabilities Y_r(q) at one q, from the binomial tail P(Bin(N, q) >= k). */
function perRun(
  samples: WrappingSamples,
  kind: WrappingKind,
  q: number,
  scratch: Float64Array,
  out: Float64Array,
): void {
  const N = samples.steps;
  const { lo, hi } = binomialWindow(N, q, scratch);
  // tail(k) = Σ_(j>=k) B(N, j, q): 1 for k <= lo, 0 for k > hi; suffix sums over the window.
  const len = hi - lo + 1;
  for (let i = len - 2; i >= 0; i--) scratch[i] += scratch[i + 1];
  const tail = (k: number) => (k <= lo ? 1 : k > hi ? 0 : Math.min(1, scratch[k - lo]));
  const d = samples.dim;
  const fw = samples.firstWrap;
  for (let r = 0; r < samples.runs; r++) {
    if (kind === 'axis') {
      let s = 0;
      for (let j = 0; j < d; j++) s += tail(fw[r * d + j]);
      out[r] = s / d;
    } else {
      let kmin = Infinity;
      let kmax = 0;
      for (let j = 0; j < d; j++) {
        kmin = Math.min(kmin, fw[r * d + j]);
        kmax = Math.max(kmax, fw[r * d + j]);
      }
      out[r] = tail(kind === 'any' ? kmin : kmax);
    }
  }
}

/**
 * The canonical wrapping probability R(q), averaged over runs, with its per-run standard deviation.
 *
 * @param samples - first-wrapping steps ({@link WrappingSamples}).
 * @param q - occupation probability in [0, 1].
 * @param kind - `axis` (along a given axis, averaged over the d axes; default), `any` or `all`.
 * @returns the mean R(q) and the sd of the per-run values.
 * @throws FragilityInputError naming `q` or `kind`.
 *
 * @complexity O(√N + runs·d).
 *
 * @model R(q) = Σ_k B(N, k, q)·R_k with R_k = 1 once a cluster wraps (k >= k*): P(Bin(N, q) >= k*)
 * (Newman & Ziff 2001, eq. 2).
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * wrappingProbability(samples, 0.5927).mean; // ≈ 0.52 on the square lattice
 * ```
 *
 * @category Threshold estimation
 */
export function wrappingProbability(
  samples: WrappingSamples,
  q: number,
  kind: WrappingKind = 'axis',
): { mean: number; sd: number } {
  checkProbability('q', q);
  checkKind(kind);
  const y = new Float64Array(samples.runs);
  perRun(samples, kind, q, new Float64Array(samples.steps + 1), y);
  return meanSd(y);
}

function checkKind(kind: string): void {
  if (kind !== 'axis' && kind !== 'any' && kind !== 'all')
    throw new FragilityInputError('kind', kind, "'axis', 'any' or 'all'");
}

function meanSd(y: Float64Array): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i];
  const mean = s / y.length;
  let v = 0;
  for (let i = 0; i < y.length; i++) v += (y[i] - mean) ** 2;
  return { mean, sd: y.length > 1 ? Math.sqrt(v / (y.length - 1)) : NaN };
}

/**
 * A threshold from the wrapping probability.
 *
 * @category Threshold estimation
 */
export interface WrappingThreshold {
  /** The estimated threshold (null with reason when R never reaches the target on [0, 1]). */
  q_c: number | null;
  /** Standard error of q_c (delta method: sd of the per-run R at q_c /√runs divided by dR/dq; NaN for one run). */
  se: number;
  /** Confidence interval q_c ± t·se (NaN for one run). */
  ci: [number, number];
  /** Confidence level. */
  level: number;
  /** The value of R at which q_c is read off (the universal value, or the crossing value for two sizes). */
  target: number;
  /** Which wrapping event. */
  kind: WrappingKind;
  /** dR/dq at q_c (grows as L^(1/ν)). */
  slope: number;
  /** A one-line description of the method. */
  method: string;
  /** Why q_c is null. */
  reason?: string;
}

/**
 * Options of {@link wrappingThreshold}.
 *
 * @category Threshold estimation
 */
export interface WrappingThresholdOptions {
  /** The wrapping event (default `axis`). */
  kind?: WrappingKind;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Where the target value comes from, for the method text (default `given`). */
  targetSource?: string;
}

/**
 * The occupation at which the mean canonical wrapping probability R(q) equals `target`, with a delta-method
 * interval.
 *
 * @param samples - first-wrapping steps of R runs.
 * @param target - R_c in (0, 1): the universal value ({@link universalWrappingProbability}) when known.
 * @param opts - {@link WrappingThresholdOptions}.
 * @returns {@link WrappingThreshold}.
 * @throws FragilityInputError naming `target`, `kind` or `level`.
 *
 * @complexity O(60·(√N + runs·d)) (bisection on q; R(q) is increasing).
 *
 * @model with the universal R_c, q_c(L) − p_c = O(L^(−2−1/ν)) in 2D (Newman & Ziff 2001, Fig. 5 and eq. 16):
 * much faster convergence than peak estimators, whose shift is O(L^(−1/ν)). se = sd_r(R_r(q_c))/√R / R'(q_c).
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706; Pinson, J. Stat. Phys. 75,
 * 1167 (1994), doi:10.1007/BF02186761.
 *
 * @example
 * ```ts
 * wrappingThreshold(samples, universalWrappingProbability('square')!).q_c; // ≈ 0.593 (site percolation: 0.592746)
 * ```
 *
 * @category Threshold estimation
 */
export function wrappingThreshold(
  samples: WrappingSamples,
  target: number,
  opts: WrappingThresholdOptions = {},
): WrappingThreshold {
  const kind = opts.kind ?? 'axis';
  checkKind(kind);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  checkNumber('target', target, Number.MIN_VALUE, 1 - Number.EPSILON);
  const N = samples.steps;
  const scratch = new Float64Array(N + 1);
  const y = new Float64Array(samples.runs);
  const R = (q: number) => {
    perRun(samples, kind, q, scratch, y);
    return meanSd(y);
  };
  const method = `wrapping probability R_${kind}(q) = ${target} (${opts.targetSource ?? 'given target'}), Newman–Ziff 2001, delta-method interval`;
  const base = { target, kind, level, method };
  if (!(R(1).mean >= target) || !(R(0).mean <= target)) {
    return {
      ...base,
      q_c: null,
      se: NaN,
      ci: [NaN, NaN],
      slope: NaN,
      reason: `R(q) does not cross ${target} on [0, 1] (no cluster wraps often enough)`,
    };
  }
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < 60 && hi - lo > 1e-13; it++) {
    const mid = 0.5 * (lo + hi);
    if (R(mid).mean < target) lo = mid;
    else hi = mid;
  }
  const qc = 0.5 * (lo + hi);
  const at = R(qc);
  const h = Math.max(1e-5, 0.5 / Math.sqrt(N) / 8);
  const slope =
    (R(Math.min(1, qc + h)).mean - R(Math.max(0, qc - h)).mean) / (Math.min(1, qc + h) - Math.max(0, qc - h));
  const se = samples.runs > 1 && slope > 0 ? at.sd / Math.sqrt(samples.runs) / slope : NaN;
  const t = samples.runs > 1 ? studentTQuantile(0.5 + level / 2, samples.runs - 1) : NaN;
  return { ...base, q_c: qc, se, ci: [qc - t * se, qc + t * se], slope };
}

/**
 * The occupation where the mean wrapping-probability curves of two lattice sizes cross: an estimate of p_c that
 * needs no universal value (for lattices and torus shapes without a tabulated R_c).
 *
 * @param small - samples of the smaller lattice.
 * @param large - samples of the larger lattice.
 * @param opts - `kind` (default `axis`), `level` (default 0.95).
 * @returns the crossing (as a {@link WrappingThreshold}; `target` is R at the crossing); q_c null with a reason
 *   when the curves do not cross inside (0.01, 0.99).
 * @throws FragilityInputError naming `kind` or `level`.
 *
 * @complexity O(300·(√N + runs·d)).
 *
 * @model R_L(q) = Φ((q − p_c)L^(1/ν)) + O(L^(−ω)): curves of two sizes cross near p_c; se by the delta method on
 * ΔR = R_large − R_small (independent runs): se = √(sd_s²/R_s + sd_l²/R_l)/|ΔR'|.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706; D. Stauffer, A. Aharony,
 * Introduction to Percolation Theory (1994), §4.
 *
 * @example
 * ```ts
 * wrappingCrossing(samples32, samples128).q_c; // ≈ 0.5 on the triangular lattice (site)
 * ```
 *
 * @category Threshold estimation
 */
export function wrappingCrossing(
  small: WrappingSamples,
  large: WrappingSamples,
  opts: { kind?: WrappingKind; level?: number } = {},
): WrappingThreshold {
  const kind = opts.kind ?? 'axis';
  checkKind(kind);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  const sa = new Float64Array(small.steps + 1);
  const sb = new Float64Array(large.steps + 1);
  const ya = new Float64Array(small.runs);
  const yb = new Float64Array(large.runs);
  const diff = (q: number) => {
    perRun(small, kind, q, sa, ya);
    perRun(large, kind, q, sb, yb);
    const a = meanSd(ya);
    const b = meanSd(yb);
    return { d: b.mean - a.mean, a, b };
  };
  const method = `crossing of the wrapping probabilities R_${kind}(q) of two sizes (N = ${small.steps}, ${large.steps}), Newman–Ziff 2001, delta-method interval`;
  // The larger lattice's curve is steeper: ΔR < 0 below the crossing, > 0 above. Scan for the sign change whose
  // curves are mid-range (R in (0.01, 0.99)), then bisect.
  const G = 200;
  let prevQ = NaN;
  let prevD = NaN;
  let bracket: [number, number] | undefined;
  for (let i = 1; i < G; i++) {
    const q = i / G;
    const r = diff(q);
    if (r.a.mean > 0.01 && r.a.mean < 0.99 && prevD < 0 && r.d >= 0) {
      bracket = [prevQ, q];
      break;
    }
    prevQ = q;
    prevD = r.d;
  }
  if (!bracket) {
    return {
      target: NaN,
      kind,
      level,
      method,
      q_c: null,
      se: NaN,
      ci: [NaN, NaN],
      slope: NaN,
      reason: 'the wrapping curves of the two sizes do not cross',
    };
  }
  let [lo, hi] = bracket;
  for (let it = 0; it < 60 && hi - lo > 1e-13; it++) {
    const mid = 0.5 * (lo + hi);
    if (diff(mid).d < 0) lo = mid;
    else hi = mid;
  }
  const qc = 0.5 * (lo + hi);
  const at = diff(qc);
  const h = 1e-4;
  const slope = (diff(qc + h).d - diff(qc - h).d) / (2 * h);
  const varD = at.a.sd ** 2 / small.runs + at.b.sd ** 2 / large.runs;
  const se = small.runs > 1 && large.runs > 1 && slope > 0 ? Math.sqrt(varD) / slope : NaN;
  const df = Math.min(small.runs, large.runs) - 1;
  const t = df >= 1 ? studentTQuantile(0.5 + level / 2, df) : NaN;
  return {
    target: 0.5 * (at.a.mean + at.b.mean),
    kind,
    level,
    method,
    q_c: qc,
    se,
    ci: [qc - t * se, qc + t * se],
    slope,
  };
}
