/**
 * Canonical (fixed occupation probability q) averages of microcanonical (fixed occupied count k) sweeps.
 *
 * @module
 */
import { checkProbability } from '../errors.ts';
import { binomialWindow, binomialWindowBounds } from './binomial-window.ts';
import type { SweepArrays, SweepSink } from './sweep-kernel.ts';
import type { SweepResult } from './sweep-result.ts';

/** Binomial windows reused across replicates of one size (same N and q ⇒ same weights, bit for bit). */
const windowCache = new Map<string, { lo: number; w: Float64Array }>();
let windowCacheDoubles = 0;
const WINDOW_CACHE_LIMIT = 8_000_000; // doubles (64 MB)

function cachedWindow(N: number, q: number): { lo: number; w: Float64Array } {
  const key = `${N}|${q}`;
  const hit = windowCache.get(key);
  if (hit) return hit;
  // exactly the window's length (binomialWindowBounds does binomialWindow's arithmetic), not N + 1 doubles
  const b = binomialWindowBounds(N, q);
  const w = new Float64Array(b.hi - b.lo + 1);
  const { lo } = binomialWindow(N, q, w);
  if (windowCacheDoubles + w.length > WINDOW_CACHE_LIMIT) {
    windowCache.clear();
    windowCacheDoubles = 0;
  }
  windowCache.set(key, { lo, w });
  windowCacheDoubles += w.length;
  return { lo, w };
}

/**
 * The canonical average of one microcanonical sequence: ⟨X⟩_q = scale · Σ_k B(N, k, q) X_k for each q.
 *
 * @param values - X_0..X_N (length N + 1).
 * @param qs - occupation probabilities in [0, 1].
 * @param scale - a factor applied to every result (e.g. 1/n for fractions; default 1).
 * @returns one average per q.
 * @throws FragilityInputError naming `q` when a q is outside [0, 1].
 *
 * @complexity O(Σ_q window(q)) = O(|qs| · √N) (see {@link binomialWindow}); one scratch array of N + 1.
 *
 * @model Newman & Ziff 2001, eq. (2): Q(q) = Σ_{k=0}^{N} C(N,k) q^k (1−q)^(N−k) Q_k.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * canonicalAverage([0, 1, 2], [0.5]); // Float64Array [1]
 * ```
 *
 * @category Statistics
 */
export function canonicalAverage(values: ArrayLike<number>, qs: ArrayLike<number>, scale = 1): Float64Array {
  const N = values.length - 1;
  const scratch = new Float64Array(N + 1);
  const out = new Float64Array(qs.length);
  for (let i = 0; i < qs.length; i++) {
    const { lo, hi } = binomialWindow(N, checkProbability('q', qs[i]), scratch);
    let s = 0;
    for (let k = lo; k <= hi; k++) s += scratch[k - lo] * values[k];
    out[i] = s * scale;
  }
  return out;
}

/**
 * Canonical observables of one sweep on a list of q. All are fractions/intensive quantities per original node.
 *
 * @category Statistics
 */
export interface CanonicalObservables {
  /** The occupation probabilities. */
  readonly q: Float64Array;
  /** ⟨largest⟩_q / n: giant-cluster fraction of all n original nodes. */
  readonly giant: Float64Array;
  /** ⟨second-largest⟩_q / n. */
  readonly second: Float64Array;
  /** ⟨Σ s² − largest²⟩_q / n: second moment of the cluster sizes excluding the largest, per node (peaks at q_c). */
  readonly susceptibility: Float64Array;
}

/**
 * The canonical averages of the giant fraction, the second-largest fraction and the susceptibility of one sweep.
 *
 * @param sweep - a {@link SweepResult} (site: N = n; bond: N = m).
 * @param qs - occupation probabilities in [0, 1].
 * @returns {@link CanonicalObservables}.
 * @throws FragilityInputError naming `q` when a q is outside [0, 1].
 *
 * @complexity O(|qs| · √N); the binomial window of each (N, q) is computed once per thread and cached (up to
 * 64 MB of weights), then applied to all three series of every replicate of that size.
 *
 * @model S(q) = Σ_k B(N,k,q) L_k / n; χ(q) = Σ_k B(N,k,q) (Σ s² − L²)_k / n.
 *
 * @references Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706; D. Stauffer, A. Aharony (1994).
 *
 * @example
 * ```ts
 * const c = canonicalObservables(sweepSite(g, randomOrder(g.n, stream(1, 0))), [0.25, 0.5, 0.75]);
 * c.giant; // S at each q for this replicate
 * ```
 *
 * @category Statistics
 */
export function canonicalObservables(sweep: SweepResult, qs: ArrayLike<number>): CanonicalObservables {
  const N = sweep.steps;
  const inv = sweep.n > 0 ? 1 / sweep.n : 0;
  const G = qs.length;
  const q = new Float64Array(G);
  const giant = new Float64Array(G);
  const second = new Float64Array(G);
  const susceptibility = new Float64Array(G);
  const L = sweep.largest;
  const L2 = sweep.second;
  const sq = sweep.sumSquares;
  for (let i = 0; i < G; i++) {
    q[i] = checkProbability('q', qs[i]);
    const { lo, w: win } = cachedWindow(N, q[i]);
    const len = win.length;
    let a = 0;
    let b = 0;
    let c = 0;
    for (let j = 0; j < len; j++) {
      const w = win[j];
      const k = lo + j;
      const l = L[k];
      a += w * l;
      b += w * L2[k];
      c += w * (sq[k] - l * l);
    }
    giant[i] = a * inv;
    second[i] = b * inv;
    susceptibility[i] = c * inv;
  }
  return { q, giant, second, susceptibility };
}

/**
 * The canonical observables and the largest-gap occupation of a sweep whose per-step observables arrive block by
 * block (a {@link SweepSink} of the streaming kernels), so that they are never all in memory. Each sum runs over the
 * same terms in the same order (k ascending) as {@link canonicalObservables} and `largestGapOccupation`, so the results
 * are equal bit for bit (test/montecarlo/sweep-kernel.test.ts).
 *
 * Internal to the replicates (src/montecarlo/replicate.ts).
 */
export class CanonicalAccumulator implements SweepSink {
  private readonly q: Float64Array;
  private readonly lo: Int32Array;
  private readonly win: Float64Array[];
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly c: Float64Array;
  private prevL = 0;
  private jump = -1;
  private best = 1;

  /**
   * @param N - sweep length (n site, m bond).
   * @param n - number of nodes (fractions are per node).
   * @param qs - occupation probabilities in [0, 1].
   */
  constructor(
    private readonly N: number,
    private readonly n: number,
    qs: ArrayLike<number>,
  ) {
    const G = qs.length;
    this.q = new Float64Array(G);
    this.lo = new Int32Array(G);
    this.win = [];
    for (let i = 0; i < G; i++) {
      this.q[i] = checkProbability('q', qs[i]);
      const { lo, w } = cachedWindow(N, this.q[i]);
      this.lo[i] = lo;
      this.win.push(w);
    }
    this.a = new Float64Array(G);
    this.b = new Float64Array(G);
    this.c = new Float64Array(G);
  }

  block(k0: number, count: number, out: SweepArrays): void {
    const L = out.largest;
    const L2 = out.second;
    const sq = out.sumSquares;
    const k1 = k0 + count - 1;
    for (let i = 0; i < this.win.length; i++) {
      const lo = this.lo[i];
      const win = this.win[i];
      const hi = lo + win.length - 1;
      const from = lo > k0 ? lo : k0;
      const to = hi < k1 ? hi : k1;
      if (from > to) continue;
      let a = this.a[i];
      let b = this.b[i];
      let c = this.c[i];
      for (let k = from; k <= to; k++) {
        const w = win[k - lo];
        const l = L[k - k0];
        a += w * l;
        b += w * L2[k - k0];
        c += w * (sq[k - k0] - l * l);
      }
      this.a[i] = a;
      this.b[i] = b;
      this.c[i] = c;
    }
    // largest single jump of the largest cluster (largestGapOccupation)
    let prev = k0 === 0 ? L[0] : this.prevL;
    for (let j = k0 === 0 ? 1 : 0; j < count; j++) {
      const d = L[j] - prev;
      if (d > this.jump) {
        this.jump = d;
        this.best = k0 + j;
      }
      prev = L[j];
    }
    this.prevL = prev;
  }

  /** The canonical observables and the gap occupation once every block has arrived. */
  result(): CanonicalObservables & { gapQ: number } {
    const inv = this.n > 0 ? 1 / this.n : 0;
    const G = this.q.length;
    const giant = new Float64Array(G);
    const second = new Float64Array(G);
    const susceptibility = new Float64Array(G);
    for (let i = 0; i < G; i++) {
      giant[i] = this.a[i] * inv;
      second[i] = this.b[i] * inv;
      susceptibility[i] = this.c[i] * inv;
    }
    return { q: this.q, giant, second, susceptibility, gapQ: this.N === 0 ? 0 : this.best / this.N };
  }
}
