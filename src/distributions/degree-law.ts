/**
 * The common machinery of every degree law: a dense, normalised pmf table with its moments, generating functions and
 * an alias-table sampler. Every constructor in this folder computes a pmf and hands it to {@link degreeLawFromPmf}.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { AliasTable } from '../random/alias-table.ts';
import type { Rng } from '../random/stream.ts';
import type { DegreeLaw } from './types.ts';
import type { PowerLawMoments } from './hurwitz-zeta.ts';

/**
 * The largest degree any law may hold (support 0..1e7, i.e. 80 MB for the pmf). Laws with unbounded support are
 * truncated at the smallest k where the dropped tail is below {@link DEGREE_TAIL_TOLERANCE}, or here, whichever comes
 * first; the tail actually dropped is reported in `truncationError`.
 *
 * @category Degree laws
 */
export const MAX_DEGREE_SUPPORT = 10_000_000;

/**
 * The tail mass at which unbounded degree laws are truncated (before renormalisation).
 *
 * @category Degree laws
 */
export const DEGREE_TAIL_TOLERANCE = 1e-12;

/** Block length of the tail bounds used to stop generating-function sums early. */
const BLOCK = 256;
/** Relative size of the neglected remainder at which a generating-function sum stops. */
const SUM_EPS = 1e-17;

/** Neumaier-compensated sum of `a[from..to]`. */
function compensatedSum(a: ArrayLike<number>, from = 0, to = a.length - 1): number {
  let s = 0;
  let c = 0;
  for (let i = from; i <= to; i++) {
    const x = a[i];
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) c += s - t + x;
    else c += x - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Options for {@link degreeLawFromPmf}.
 *
 * @category Degree laws
 */
export interface DegreeLawFromPmfOptions {
  /** The field named in errors about the pmf (default `law.pk`). */
  field?: string;
  /** Closed-form moments of the untruncated law with error bounds, exposed as `exactMoments` (pure power laws). */
  exactMoments?: PowerLawMoments;
}

/**
 * Build a {@link DegreeLaw} from (unnormalised) probabilities p_0..p_K.
 *
 * The weights are checked (finite, >= 0, positive total), trailing zeros dropped, and the rest divided by their
 * (compensated) sum. Moments are summed once; G0, G1 and their derivatives are evaluated by a forward sum of positive
 * terms that stops when the neglected remainder is below 1e-17 of the sum (bounded by per-block tail moments), and
 * returns the precomputed moment exactly at x = 1. The alias table is built on the first draw. When ⟨k⟩ = 0 (all mass
 * at k = 0) the G1 family is 0/0 and returns NaN. `pk[k]` is the renormalised probability: the kept mass divided by
 * (1 − truncationError), so moments are those of the truncated law (a tail of mass ε cut at K moves ⟨k^j⟩ by up to
 * about K^j·ε).
 *
 * @param spec - the canonical spec string the law reports (it should parse back into the same law).
 * @param pk - weights indexed by degree k = 0..K (copied; need not sum to 1).
 * @param truncationError - tail mass dropped before normalisation (0 for a bounded law).
 * @param options - see {@link DegreeLawFromPmfOptions}.
 * @returns the law.
 * @throws FragilityInputError when a weight is negative or not finite, the total is 0, or K > {@link MAX_DEGREE_SUPPORT}.
 *
 * @complexity O(K) time and memory to build; G0 and friends O(K) worst case, usually far less for x < 1;
 * sampling O(1) per draw after an O(K − kmin) alias table.
 *
 * @model G0(x) = Σ p_k x^k, G1(x) = G0'(x)/G0'(1); G0(1) = 1, G0'(1) = ⟨k⟩, G0''(1) = ⟨k(k−1)⟩.
 *
 * @references M. E. J. Newman, S. H. Strogatz, D. J. Watts, "Random graphs with arbitrary degree distributions
 * and their applications", Phys. Rev. E 64, 026118 (2001), doi:10.1103/PhysRevE.64.026118.
 *
 * @example
 * ```ts
 * const law = degreeLawFromPmf('bimodal(1,3,0.5)', [0, 0.5, 0, 0.5]);
 * law.mean; // 2
 * law.G0(0.5); // 0.3125 (= 0.5·0.5 + 0.5·0.125)
 * ```
 *
 * @category Degree laws
 */
export function degreeLawFromPmf(
  spec: string,
  pk: ArrayLike<number>,
  truncationError = 0,
  options: DegreeLawFromPmfOptions = {},
): DegreeLaw {
  const field = options.field ?? 'law.pk';
  const len = pk.length;
  if (len === 0) throw new FragilityInputError(field, [], 'a non-empty list of probabilities');
  let last = -1;
  let first = -1;
  for (let k = 0; k < len; k++) {
    const p = pk[k];
    if (!(p >= 0 && p < Infinity)) {
      throw new FragilityInputError(`${field}[${k}]`, p, 'a finite number >= 0');
    }
    if (p > 0) {
      if (first < 0) first = k;
      last = k;
    }
  }
  if (last < 0) throw new FragilityInputError(field, 0, 'probabilities with a positive total');
  if (last > MAX_DEGREE_SUPPORT) {
    throw new FragilityInputError('law.kmax', last, `an integer <= ${MAX_DEGREE_SUPPORT}`);
  }
  const total = compensatedSum(pk, first, last);
  if (!(total > 0 && total < Infinity)) {
    throw new FragilityInputError(field, total, 'probabilities with a positive finite total');
  }
  const table = new Float64Array(last + 1);
  for (let k = first; k <= last; k++) table[k] = pk[k] / total;
  if (!(truncationError >= 0)) truncationError = 0;
  return new TabulatedDegreeLaw(spec, table, first, last, truncationError, options.exactMoments);
}

/** A degree law held as a dense pmf table. Build it with {@link degreeLawFromPmf}. */
class TabulatedDegreeLaw implements DegreeLaw {
  readonly spec: string;
  readonly kmin: number;
  readonly kmax: number;
  readonly pk: Float64Array;
  readonly truncationError: number;
  readonly exactMoments?: PowerLawMoments;
  readonly mean: number;
  readonly secondMoment: number;
  /** Factorial moments Σ k(k−1)…(k−d+1) p_k for d = 0..3. */
  private readonly factorialMoments: Float64Array;
  /** tails[d][b] = Σ_{k >= b·BLOCK} k(k−1)…(k−d+1) p_k. */
  private readonly tails: Float64Array[];
  private alias?: AliasTable;

  constructor(
    spec: string,
    pk: Float64Array,
    kmin: number,
    kmax: number,
    truncationError: number,
    exactMoments?: PowerLawMoments,
  ) {
    this.spec = spec;
    if (exactMoments !== undefined) this.exactMoments = exactMoments;
    this.pk = pk;
    this.kmin = kmin;
    this.kmax = kmax;
    this.truncationError = truncationError;
    const nb = Math.floor(kmax / BLOCK) + 1;
    const tails = [
      new Float64Array(nb + 1),
      new Float64Array(nb + 1),
      new Float64Array(nb + 1),
      new Float64Array(nb + 1),
    ];
    // Per-block sums (each block is short, plain summation is exact enough), then suffix sums from the top.
    for (let b = nb - 1; b >= 0; b--) {
      const lo = Math.max(b * BLOCK, kmin);
      const hi = Math.min((b + 1) * BLOCK - 1, kmax);
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = lo; k <= hi; k++) {
        const p = pk[k];
        s0 += p;
        s1 += k * p;
        s2 += k * (k - 1) * p;
        s3 += k * (k - 1) * (k - 2) * p;
      }
      tails[0][b] = s0;
      tails[1][b] = s1;
      tails[2][b] = s2;
      tails[3][b] = s3;
    }
    // Moments: compensated sums of the block sums (from the small tail upward).
    const fm = new Float64Array(4);
    for (let d = 0; d < 4; d++) {
      const t = tails[d];
      fm[d] = compensatedSum(t, 0, nb - 1);
      for (let b = nb - 2; b >= 0; b--) t[b] += t[b + 1];
    }
    this.tails = tails;
    this.factorialMoments = fm;
    this.mean = fm[1];
    this.secondMoment = fm[2] + fm[1];
  }

  pmf(k: number): number {
    return Number.isInteger(k) && k >= 0 && k <= this.kmax ? this.pk[k] : 0;
  }

  /** Σ_k k(k−1)…(k−d+1) p_k x^(k−d): the d-th derivative of G0. */
  private derivative(x: number, d: number): number {
    if (x === 1) return this.factorialMoments[d];
    const pk = this.pk;
    const kmax = this.kmax;
    let k = Math.max(d, this.kmin);
    if (k > kmax) return 0;
    if (x === 0) {
      if (k !== d) return 0;
      const f = d === 0 ? 1 : d === 1 ? 1 : d === 2 ? 2 : 6;
      return f * pk[d];
    }
    const canStop = x > 0 && x < 1;
    const tail = this.tails[d];
    let s = 0;
    while (k <= kmax) {
      const b = Math.floor(k / BLOCK);
      let xk = Math.pow(x, k - d);
      if (canStop && (xk === 0 || (s > 0 && xk * tail[b] <= SUM_EPS * s))) break;
      const end = Math.min(kmax, (b + 1) * BLOCK - 1);
      switch (d) {
        case 0:
          for (; k <= end; k++) {
            s += pk[k] * xk;
            xk *= x;
          }
          break;
        case 1:
          for (; k <= end; k++) {
            s += k * pk[k] * xk;
            xk *= x;
          }
          break;
        case 2:
          for (; k <= end; k++) {
            s += k * (k - 1) * pk[k] * xk;
            xk *= x;
          }
          break;
        default:
          for (; k <= end; k++) {
            s += k * (k - 1) * (k - 2) * pk[k] * xk;
            xk *= x;
          }
      }
    }
    return s;
  }

  G0(x: number): number {
    return this.derivative(x, 0);
  }
  G0p(x: number): number {
    return this.derivative(x, 1);
  }
  G0pp(x: number): number {
    return this.derivative(x, 2);
  }
  G1(x: number): number {
    return this.derivative(x, 1) / this.mean;
  }
  G1p(x: number): number {
    return this.derivative(x, 2) / this.mean;
  }
  G1pp(x: number): number {
    return this.derivative(x, 3) / this.mean;
  }

  private table(): AliasTable {
    if (this.alias === undefined) this.alias = new AliasTable(this.pk.subarray(this.kmin, this.kmax + 1));
    return this.alias;
  }

  sample(rng: Rng): number {
    return this.kmin + this.table().sample(rng);
  }

  sampleMany(rng: Rng, n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0) throw new FragilityInputError('n', n, 'an integer >= 0');
    return this.table().sampleInto(rng, new Int32Array(n), this.kmin);
  }

  toJSON(): { spec: string; kmin: number; kmax: number; mean: number; secondMoment: number; truncationError: number } {
    return {
      spec: this.spec,
      kmin: this.kmin,
      kmax: this.kmax,
      mean: this.mean,
      secondMoment: this.secondMoment,
      truncationError: this.truncationError,
    };
  }
}

/** Format a number for a canonical spec (shortest round-trip representation). */
export function formatSpecNumber(x: number): string {
  return String(x);
}

/**
 * Check that a parameter is a number strictly above `min` (and at most `max`).
 * @internal
 */
export function checkAbove(field: string, value: number, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > min) || value > max) {
    const allowed = max === Infinity ? `a number > ${min}` : `a number > ${min} and <= ${max}`;
    throw new FragilityInputError(field, value, allowed);
  }
  return value;
}

/**
 * A growable Float64Array buffer for pmfs whose length is found while computing them.
 * @internal
 */
export class PmfBuffer {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, Math.min(capacity, MAX_DEGREE_SUPPORT + 1)));
  }
  set(k: number, v: number): void {
    if (k >= this.data.length) {
      const next = new Float64Array(Math.min(MAX_DEGREE_SUPPORT + 1, Math.max(k + 1, this.data.length * 2)));
      next.set(this.data);
      this.data = next;
    }
    this.data[k] = v;
    if (k + 1 > this.length) this.length = k + 1;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
