/**
 * Delay lines of the overload fluid limit: the supernode rejoin lag and restart pmfs, a bank of delay lines with a
 * shared pmf (the re-entry lag), and the scatter of a mass over a ring by a step pmf (its nonzero bins).
 *
 * @module
 * @internal
 */
import { standardNormalCdf } from '../../distributions/normal-functions.ts';
import type { OverloadParams } from '../../models/overload-params.ts';

/**
 * Delay line bank: C channels fed at step k, released at step k + b with a shared pmf over b >= 1.
 *
 * The longest run of equal interior bins of the pmf (the uniform re-entry lag) is summed by a sliding window
 * (recomputed from the ring every 4096 steps), the other bins one by one. The ring is slot-major: slot s of channel ch
 * is ring[s·C + ch], so that a step reads and clears a few contiguous rows of C values (one per bin it looks at)
 * rather than the same slots of C rings a ring's length apart.
 */
export class LagBank {
  private readonly ring: Float64Array;
  private readonly win: Float64Array;
  private readonly len: number;
  private readonly edges: Int32Array;
  private readonly edgeP: Float64Array;
  private readonly i1: number;
  private readonly i2: number;
  private readonly w: number;
  private readonly windowed: boolean;
  /** Mass held in each channel (fed and not yet released). */
  readonly held: Float64Array;
  constructor(
    readonly channels: number,
    pmf: Float64Array,
  ) {
    const hi = pmf.length - 1;
    let best = [0, -1];
    for (let b = 1; b <= hi; ) {
      let e = b;
      while (e + 1 <= hi && pmf[e + 1] === pmf[b]) e++;
      if (pmf[b] > 0 && e - b > best[1] - best[0]) best = [b, e];
      b = e + 1;
    }
    if (best[1] - best[0] < 8) best = [0, -1];
    this.i1 = best[0];
    this.i2 = best[1];
    this.windowed = this.i2 >= this.i1 && this.i1 > 0;
    this.w = this.windowed ? pmf[this.i1] : 0;
    const edges: number[] = [];
    for (let b = 1; b <= hi; b++) if (pmf[b] > 0 && !(b >= this.i1 && b <= this.i2)) edges.push(b);
    this.edges = Int32Array.from(edges);
    this.edgeP = Float64Array.from(edges, (b) => pmf[b]);
    this.len = hi + 2;
    this.ring = new Float64Array(channels * this.len);
    this.win = new Float64Array(channels);
    this.held = new Float64Array(channels);
  }
  /**
   * Advance every channel to step k: out[ch] = the mass released at k (fed at k − b), and slot k cleared for new
   * inflow. One pass over the channels per ring row read (window in and out, each edge bin), so that each pass reads
   * one contiguous row; each channel's release is summed in the same order as one channel at a time (0, the window's
   * share, then each edge bin's in order), so the doubles are those of the channel-by-channel loop.
   */
  releaseAll(k: number, out: Float64Array): void {
    const L = this.len;
    const C = this.channels;
    const { ring, win, held, edgeP, edges, w } = this;
    out.fill(0, 0, C);
    if (this.windowed) {
      if (k % 4096 === 0) for (let ch = 0; ch < C; ch++) win[ch] = this.windowSum(ch, k);
      else {
        if (k - this.i1 >= 0) {
          const rIn = ((k - this.i1) % L) * C;
          for (let ch = 0; ch < C; ch++) win[ch] += ring[rIn + ch];
        }
        if (k - 1 - this.i2 >= 0) {
          const rOut = ((k - 1 - this.i2) % L) * C;
          for (let ch = 0; ch < C; ch++) win[ch] -= ring[rOut + ch];
        }
      }
      for (let ch = 0; ch < C; ch++) out[ch] += w * win[ch];
    }
    for (let e = 0; e < edges.length; e++) {
      if (k - edges[e] < 0) continue;
      const row = ((k - edges[e]) % L) * C;
      const pe = edgeP[e];
      for (let ch = 0; ch < C; ch++) out[ch] += pe * ring[row + ch];
    }
    const r0 = (k % L) * C;
    for (let ch = 0; ch < C; ch++) {
      ring[r0 + ch] = 0;
      let r = out[ch];
      const h = held[ch];
      if (r > h) r = h;
      if (r < 0) r = 0;
      held[ch] = h - r;
      out[ch] = r;
    }
  }

  /** Channel ch's window sum recomputed from the ring (every 4096 steps, so that rounding does not accumulate). */
  private windowSum(ch: number, k: number): number {
    const L = this.len;
    const C = this.channels;
    let wv = 0;
    for (let b = this.i1; b <= this.i2 && b <= k; b++) wv += this.ring[((k - b) % L) * C + ch];
    return wv;
  }

  /** Feed masses[ch] into channel ch at step k for every ch < n with masses[ch] > 0 (after releaseAll(k)). */
  addEach(k: number, masses: Float64Array, n: number): void {
    const row = (k % this.len) * this.channels;
    for (let ch = 0; ch < n; ch++) {
      const m = masses[ch];
      if (m > 0) {
        this.ring[row + ch] += m;
        this.held[ch] += m;
      }
    }
  }

  /** Feed mass into channel ch at step k (after release(ch, k)). */
  add(ch: number, k: number, mass: number): void {
    this.ring[(k % this.len) * this.channels + ch] += mass;
    this.held[ch] += mass;
  }
}

/**
 * A step pmf kept as its nonzero bins b >= 1 (the detection pmf of the 2010 model has 190 of 639), for
 * {@link SparsePmf.scatter}: slot (k + b) mod len gets n·pm[b] for every b with pm[b] > 0, the zero bins skipped.
 */
export class SparsePmf {
  private readonly bins: Int32Array;
  private readonly probs: Float64Array;
  /** @param pm - the pmf; @param len - length of the rings it scatters into (>= pm.length). */
  constructor(
    pm: Float64Array,
    private readonly len: number,
  ) {
    if (len < pm.length) throw new RangeError(`SparsePmf: ring length ${len} is shorter than the pmf (${pm.length})`);
    const bins: number[] = [];
    for (let b = 1; b < pm.length; b++) if (pm[b] > 0) bins.push(b);
    this.bins = Int32Array.from(bins);
    this.probs = new Float64Array(bins.length);
    for (let e = 0; e < bins.length; e++) this.probs[e] = pm[bins[e]];
  }

  /** Slot (k + b) mod len of the ring (from `base`) gets n·pm[b] for every nonzero bin b; nothing when n <= 0. */
  scatter(n: number, ring: Float64Array, base: number, k: number): void {
    if (!(n > 0)) return;
    const { bins, probs, len } = this;
    const k0 = k % len;
    for (let e = 0; e < bins.length; e++) {
      let s = k0 + bins[e];
      if (s >= len) s -= len;
      ring[base + s] += n * probs[e];
    }
  }
}

/** Delay pmfs already made, by their inputs (see {@link memoPmf}); at most MEMO_SIZE, then cleared. */
const memo = new Map<string, unknown>();
const MEMO_SIZE = 64;

/**
 * The value `make()` gives for `key`, made once: the delay pmfs of a run depend on a few parameters only (the time
 * step and a delay law), and making them (a normal cdf per bin for the restart delay) costs a few milliseconds per
 * run, which repeated runs of the same model (the report page's explorer, the critical-loss and bistability sweeps)
 * would pay again for the same doubles. The values are shared: callers only read them.
 *
 * @param key - the inputs that determine the value, as a string (with the function's name).
 * @param make - makes the value (a pure function of the inputs in `key`).
 * @returns the value.
 */
export function memoPmf<T>(key: string, make: () => T): T {
  // every input that determines the value is in the key, each number exactly (see pmfKey)
  const hit = memo.get(key);
  if (hit !== undefined) return hit as T;
  const v = make();
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, v);
  return v;
}

/**
 * A key for {@link memoPmf}: a name and the inputs, each number written exactly (the shortest round-trip form, which
 * differs for different doubles; −0 apart from 0), objects as JSON with their numbers written the same way.

 *
 * @param parts - the function's name and its inputs.
 * @returns the key.
 */
export function pmfKey(...parts: readonly (string | number | object)[]): string {
  const num = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
  // inside objects, numbers become '#…' and strings '$…', so that neither can pass for the other
  const tag = (_k: string, v: unknown): unknown =>
    typeof v === 'number' ? `#${num(v)}` : typeof v === 'string' ? `$${v}` : v;
  return parts
    .map((x) => (typeof x === 'number' ? num(x) : typeof x === 'string' ? JSON.stringify(x) : JSON.stringify(x, tag)))
    .join(' ');
}

/** The exact pmf of the simulation's rejoin lag max(1, round(lo + U·w)) steps, U uniform on [0, 1). */
export function rejoinLagPmf(p: OverloadParams): Float64Array {
  const dt = p.stepSeconds;
  const lo = (p.rejoin.minMinutes * 60) / dt;
  const w = ((p.rejoin.maxMinutes - p.rejoin.minMinutes) * 60) / dt;
  if (w <= 0) {
    const b = Math.max(1, Math.round(lo));
    const pm = new Float64Array(b + 1);
    pm[b] = 1;
    return pm;
  }
  const bMax = Math.max(1, Math.round(lo + w));
  const pm = new Float64Array(bMax + 1);
  for (let b = Math.round(lo); b <= bMax; b++) {
    const a = Math.max(b - 0.5, lo);
    const e = Math.min(b + 0.5, lo + w);
    if (e > a) pm[Math.max(1, b)] += (e - a) / w;
  }
  return pm;
}

/**
 * The simulation's supernode restart delay given a restart: max(1, ceil(X/dt)) steps, X log-normal (median m, σ);
 * the tail beyond 1e-6 is folded into the last bin (2010: at ≈ 1.9 h).
 */
export function supernodeRestartPmf(p: OverloadParams): Float64Array {
  const dt = p.stepSeconds;
  const mu = Math.log(Math.max(p.restart.medianSeconds, 1e-9));
  const s = p.restart.sigma;
  const F = (x: number) =>
    x <= 0 ? 0 : s === 0 ? (Math.log(x) >= mu ? 1 : 0) : standardNormalCdf((Math.log(x) - mu) / s);
  const bins: number[] = [0];
  let prev = 0;
  for (let b = 1; b < 1_000_000; b++) {
    const c = F(b * dt);
    bins.push(c - prev);
    prev = c;
    if (1 - c < 1e-6) break;
  }
  bins[bins.length - 1] += 1 - prev;
  return Float64Array.from(bins);
}
