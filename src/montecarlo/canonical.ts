/**
 * Canonical (fixed occupation probability q) averages of microcanonical (fixed occupied count k) sweeps.
 *
 * @module
 */
import { checkProbability } from '../errors.ts';
import { binomialWindow } from './binomial-window.ts';
import type { SweepResult } from './sweep-result.ts';

/** Binomial windows reused across replicates of one size (same N and q ⇒ same weights, bit for bit). */
const windowCache = new Map<string, { lo: number; w: Float64Array }>();
let windowCacheDoubles = 0;
const WINDOW_CACHE_LIMIT = 8_000_000; // doubles (64 MB)

function cachedWindow(N: number, q: number, scratch: () => Float64Array): { lo: number; w: Float64Array } {
  const key = `${N}|${q}`;
  const hit = windowCache.get(key);
  if (hit) return hit;
  const buf = scratch();
  const { lo, hi } = binomialWindow(N, q, buf);
  const w = buf.slice(0, hi - lo + 1);
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
 * **Complexity** O(Σ_q window(q)) = O(|qs| · √N) (see {@link binomialWindow}); one scratch array of N + 1.
 *
 * **Model** Newman & Ziff 2001, eq. (2): Q(q) = Σ_{k=0}^{N} C(N,k) q^k (1−q)^(N−k) Q_k.
 *
 * **References** Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * canonicalAverage([0, 1, 2], [0.5]); // Float64Array [1]
 * ```
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

/** Canonical observables of one sweep on a list of q. All are fractions/intensive quantities per original node. */
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
 * **Complexity** O(|qs| · √N); the binomial window of each (N, q) is computed once per thread and cached (up to
 * 64 MB of weights), then applied to all three series of every replicate of that size.
 *
 * **Model** S(q) = Σ_k B(N,k,q) L_k / n; χ(q) = Σ_k B(N,k,q) (Σ s² − L²)_k / n.
 *
 * **References** Newman & Ziff 2001, doi:10.1103/PhysRevE.64.016706; D. Stauffer, A. Aharony (1994).
 *
 * @example
 * ```ts
 * const c = canonicalObservables(sweepSite(g, randomOrder(g.n, stream(1, 0))), [0.25, 0.5, 0.75]);
 * c.giant; // S at each q for this replicate
 * ```
 */
export function canonicalObservables(sweep: SweepResult, qs: ArrayLike<number>): CanonicalObservables {
  const N = sweep.steps;
  const inv = sweep.n > 0 ? 1 / sweep.n : 0;
  // Scratch for a window not cached yet; replicates after the first find every window cached and allocate nothing.
  let buf: Float64Array | undefined;
  const scratch = () => (buf ??= new Float64Array(N + 1));
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
    const { lo, w: win } = cachedWindow(N, q[i], scratch);
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
