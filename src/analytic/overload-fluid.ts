/**
 * The fluid (law-of-large-numbers) limit of the two-tier supernode-overload model: the deterministic counterpart of
 * exactly the dynamics that `simulateOverload` (src/cascade) runs, read from the same plain-data parameter object
 * (src/models). It does not import src/cascade or src/montecarlo.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import { standardNormalCdf } from '../distributions/normal-functions.ts';
import { logFactorial } from '../random/log-gamma.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  scaledPopulation,
  metastabilityProbeParams,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';
import { lognormalDelayPmf, retryDelayPmf } from '../models/overload-policies.ts';
import type { OverloadFinalState, OverloadRunSummary, OverloadTimelinePoint } from '../models/overload-timeline.ts';

/**
 * How the requests of one step are spread over the up supernodes in {@link fluidOverload}.
 * - `poisson` (default): each up supernode receives an independent Poisson(λ) count, λ = requests per up supernode
 *   (the limit of the simulation's multinomial at fixed clients per supernode);
 * - `mean`: every up supernode receives exactly λ (a step function: a cohort trips or survives as a whole).
 */
export type FluidRequestSpread = 'poisson' | 'mean';

/** Options of {@link fluidOverload}. */
export interface FluidOverloadOptions {
  /** Midpoint quantiles u = (q + 1/2)/Q of the headroom law that stand for the supernodes (default 100; 2–10 000). */
  quantiles?: number;
  /**
   * Two up-cohorts of one headroom quantile merge (mass-weighted, so clients are conserved) when their attached
   * counts and their monitored loads both differ by at most this many nominal units L0 (default 1e-3).
   */
  mergeTolerance?: number;
  /** Most cohorts kept per quantile; above it the two closest merge (default 4). */
  maxCohortsPerQuantile?: number;
  /** Request spread over the up supernodes (default 'poisson', see {@link FluidRequestSpread}). */
  requestSpread?: FluidRequestSpread;
  /**
   * Extra capacity injected on top of the parameters' mega-supernode waves, as more waves (same capacity per
   * mega-supernode, `mega.capacityClients`, unless `capacityClients` is given); used by {@link fluidRecovery}.
   */
  extraMega?: { atHours: number; count: number; capacityClients?: number }[];
  /**
   * Start from another state than the healthy network: 'collapsed' puts every client in the search (level 0, first
   * attempt at step 0) and every ordinary supernode in the re-entry lag (uniform rejoin pmf, as after an overload
   * shutdown at step 0). Used by {@link fluidBistability}. Default 'healthy'.
   */
  initialState?: 'healthy' | 'collapsed';
  /**
   * Stop at the end of the first step whose online fraction falls below `collapseThreshold` (the summary then covers
   * the steps run; `steps` says how many). Used by {@link fluidCriticalLoss}. Default false.
   */
  stopOnCollapse?: boolean;
  /**
   * Measure client and supernode conservation at every step (default false: at the sampled steps only; the client
   * sum costs O(L·B) per step).
   */
  checkConservation?: boolean;
  /**
   * Split each cohort's survivors at r = ⌊λ⌋ into two cohorts, so that part of the spread of the monitored load
   * survives the step (default false). Measured at the 2010 defaults: f_c 0.1106 → 0.1102 (4 cohorts per quantile)
   * → 0.1095 (16), toward the simulated 0.1056 at scale 0.02, at 3–4× the cost.
   */
  splitSurvivors?: boolean;
}

/** Result of {@link fluidOverload}: the fields of the simulation's `OverloadResult` that make sense without a seed. */
export interface FluidOverloadResult extends OverloadRunSummary {
  /** The discretisation used. */
  model: { quantiles: number; mergeTolerance: number; maxCohortsPerQuantile: number; requestSpread: FluidRequestSpread };
  /**
   * Largest |total − 1| of the client fractions and of the supernode fractions (both ≈ 1e-15), over every step with
   * `checkConservation`, else over the sampled steps.
   */
  conservation: { maxClientError: number; maxSupernodeError: number };
  /** Largest and mean number of up-cohorts alive (all quantiles together) over the steps. */
  cohorts: { max: number; mean: number };
}

const LOOP_LEVELS = 40; // as in the simulation: levels used when clients never give up
const NEVER = 0x7fffffff;
/** Up-cohorts lighter than this (fraction of S) merge into the heaviest one of their quantile. */
const MASS_FLOOR = 1e-10;

/** Delay line bank: C channels fed at step k, released at step k + b with a shared pmf over b >= 1. */
class LagBank {
  private readonly ring: Float64Array;
  private readonly win: Float64Array;
  private readonly len: number;
  private readonly edges: number[];
  private readonly i1: number;
  private readonly i2: number;
  private readonly w: number;
  readonly held: Float64Array;
  constructor(
    readonly channels: number,
    private readonly pmf: Float64Array,
  ) {
    const hi = pmf.length - 1;
    // the longest run of equal interior bins is summed by a sliding window; the others one by one
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
    this.w = this.i2 >= this.i1 && this.i1 > 0 ? pmf[this.i1] : 0;
    this.edges = [];
    for (let b = 1; b <= hi; b++) if (pmf[b] > 0 && !(b >= this.i1 && b <= this.i2)) this.edges.push(b);
    this.len = hi + 2;
    this.ring = new Float64Array(channels * this.len);
    this.win = new Float64Array(channels);
    this.held = new Float64Array(channels);
  }
  /** Advance channel ch to step k: returns the mass released at k (fed at k − b) and clears slot k for new inflow. */
  release(ch: number, k: number): number {
    const L = this.len;
    const base = ch * L;
    let out = 0;
    if (this.i2 >= this.i1 && this.i1 > 0) {
      let wv = this.win[ch];
      if (k % 4096 === 0) {
        wv = 0;
        for (let b = this.i1; b <= this.i2 && b <= k; b++) wv += this.ring[base + ((k - b) % L)];
      } else {
        if (k - this.i1 >= 0) wv += this.ring[base + ((k - this.i1) % L)];
        if (k - 1 - this.i2 >= 0) wv -= this.ring[base + ((k - 1 - this.i2) % L)];
      }
      this.win[ch] = wv;
      out += this.w * wv;
    }
    for (const b of this.edges) if (k - b >= 0) out += this.pmf[b] * this.ring[base + ((k - b) % L)];
    this.ring[base + (k % L)] = 0;
    if (out > this.held[ch]) out = this.held[ch];
    if (out < 0) out = 0;
    this.held[ch] -= out;
    return out;
  }
  /** Feed mass into channel ch at step k (after release(ch, k)). */
  add(ch: number, k: number, mass: number): void {
    this.ring[ch * this.len + (k % this.len)] += mass;
    this.held[ch] += mass;
  }
}

/** The exact pmf of the simulation's rejoin lag max(1, round(lo + U·w)) steps, U uniform on [0, 1). */
function rejoinLagPmf(p: OverloadParams): Float64Array {
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
function supernodeRestartPmf(p: OverloadParams): Float64Array {
  const dt = p.stepSeconds;
  const mu = Math.log(Math.max(p.restart.medianSeconds, 1e-9));
  const s = p.restart.sigma;
  const F = (x: number) => (x <= 0 ? 0 : s === 0 ? (Math.log(x) >= mu ? 1 : 0) : standardNormalCdf((Math.log(x) - mu) / s));
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

/** Poisson (or point-mass) cumulative law of the requests one up supernode receives in a step. */
class RequestLaw {
  private cdf = new Float64Array(1024);
  private lo = 0;
  private hi = -1;
  lambda = 0;
  constructor(private readonly mode: FluidRequestSpread) {}
  set(lambda: number): void {
    this.lambda = lambda;
    if (this.mode === 'mean' || lambda <= 0) return;
    const sd = Math.sqrt(lambda);
    const lo = Math.max(0, Math.floor(lambda - 9 * sd - 10));
    const hi = Math.ceil(lambda + 9 * sd + 10);
    const n = hi - lo + 1;
    if (this.cdf.length < n) this.cdf = new Float64Array(2 * n);
    // pmf from the mode outwards by the ratio p(j+1)/p(j) = λ/(j+1) (one exp and one ln j! per step)
    const mode = Math.floor(lambda);
    const cdf = this.cdf;
    cdf[mode - lo] = Math.exp(mode * Math.log(lambda) - lambda - logFactorial(mode));
    for (let j = mode + 1; j <= hi; j++) cdf[j - lo] = (cdf[j - 1 - lo] * lambda) / j;
    for (let j = mode - 1; j >= lo; j--) cdf[j - lo] = (cdf[j + 1 - lo] * (j + 1)) / lambda;
    let acc = 0;
    for (let j = 0; j < n; j++) {
      acc += cdf[j];
      cdf[j] = acc;
    }
    // the mass outside [lo, hi] (±9 sd and more) is below 1e-18: normalise so that P(r <= hi) = 1 exactly
    for (let j = 0; j < n; j++) this.cdf[j] /= acc;
    this.lo = lo;
    this.hi = hi;
  }
  /** P(r <= x). */
  P(x: number): number {
    if (this.lambda <= 0) return x >= 0 ? 1 : 0;
    if (this.mode === 'mean') return this.lambda <= x ? 1 : 0;
    if (x >= this.hi) return 1;
    const j = Math.floor(x);
    if (j < this.lo) return 0;
    return this.cdf[j - this.lo];
  }
  /** E[r; r <= x]. */
  M1(x: number): number {
    if (this.lambda <= 0) return 0;
    if (this.mode === 'mean') return this.lambda <= x ? this.lambda : 0;
    return this.lambda * this.P(x - 1);
  }
}

/**
 * The fluid limit of the supernode-overload model: the deterministic law-of-large-numbers counterpart of
 * `simulateOverload` (src/cascade), with the same parameter object, step, rules and order of operations, returning
 * the same timeline shape and summary.
 *
 * @param input - parameters: a full OverloadParams or a partial override of the 2010 defaults (src/models).
 * @param options - quantile grid, cohort merging, request spread, extra mega-supernodes, initial state.
 * @returns timeline, summary, final state, the discretisation used and conservation diagnostics.
 * @throws FragilityInputError naming the offending field (every model field, `overlay`, and the options).
 *
 * **Complexity**: O(T·(Q·K̄ + L·B + √λ)) time for T steps, Q headroom quantiles, K̄ live cohorts per quantile (a
 * few; at most `maxCohortsPerQuantile`), L retry levels, B delay bins and a Poisson table of O(√λ) entries per step;
 * O(Q·(K_max + R_lag + R_crash) + L·B) memory. The 2010 defaults, 48 h at dt = 10 s, take a fraction of a second.
 *
 * **Model** (read with the simulation's TSDoc; the order of operations within a step is the same: mega waves and
 * withdrawal, supernode timers, trigger, releases, routing, requests/loads/admission/shutdowns, failures to the
 * retry levels, detection of lost supernodes):
 * - *Clients*: the same cohorts as the simulation (restart ring, crashed and gone pools, search ring by failed
 *   attempts × step of the next attempt), with every binomial replaced by its mean — routing to up supernodes with
 *   probability (1 − (D/S)^H) (annealed host cache), to the mega pool with its share, failures shared among the
 *   levels in proportion, delays scattered by the same step pmfs (src/models).
 * - *Supernodes*: a continuum over the headroom law. Quantile q of Q stands for a mass 1/Q of the supernodes with
 *   capacity (1 + α(u_q))·L0, u_q = (q + ½)/Q. Its up mass is split into cohorts by history — (mass, attached,
 *   monitored load) — because supernodes that rejoined at different times carry different loads; its down mass sits
 *   in delay lines: crashed (the simulation's restart delay max(1, ⌈X/dt⌉), X log-normal, or the exponential
 *   return of supernodes not restarted, or never), then the re-entry lag, the exact pmf of max(1, round(lo + U·w));
 *   a supernode shut down by overload waits the same lag; it rejoins empty (attached = monitored = 0).
 * - *Requests per supernode*: the law of large numbers is over supernodes with L0 = C/S fixed (the scale multiplies
 *   both C and S), so the count a single up supernode receives in a step does not concentrate: the multinomial
 *   spread of R requests over U up supernodes tends to independent Poisson(λ), λ = R/U (≈ 10–10⁴ here). Both
 *   self-protection rules (burst: load > burstFactor·cap; averaged: EWMA > cap) are monotone in the count r, so a
 *   cohort splits into a shut-down part of mass P(r > r*) and a surviving part that carries the conditional means
 *   E[attached, monitored | r ≤ r*] (the admission min(r, room) is averaged over the same law). With `requestSpread:
 *   'mean'` every supernode receives exactly λ instead. Poisson is the default because it is the limit the
 *   simulation approaches: the exact-mean variant refills every rejoining supernode at once and misses the 2007
 *   recovery by up to 0.98 in online fraction (the Poisson fluid: 0.013). The survivors of a step carry the
 *   conditional mean of their monitored load, not its spread; since the most loaded are the next to trip, the
 *   fluid f_c lies 0.003–0.007 above the simulated half-collapse loss (scale 0.02, 9 parameter variants);
 *   `splitSurvivors` keeps part of that spread and closes a fifth of the gap.
 * - *Merging* (to bound the cost; clients and supernodes are conserved exactly, merges are mass-weighted): a
 *   rejoining cohort merges into one within `mergeTolerance`·L0 in attached and monitored load; every 8 steps all
 *   such pairs of a quantile merge; beyond `maxCohortsPerQuantile` the closest two merge; a cohort lighter than
 *   1e-10 (the Poisson survival tail of a shut-down cohort) merges into the heaviest one. With the defaults
 *   (1e-3, 4) the 2010 f_c moves by < 1e-4 against (1e-6, 32) (tested), and the 48-h timeline by < 0.011 against
 *   200 quantiles × 32 cohorts (the largest gap is a shift of one sample at the recovery jump).
 * - *Mega-supernodes*: each wave is a group of n = max(1, round(count·scale)) identical mega-supernodes (as in the
 *   simulation); requests are spread over the up ones in proportion to their number and each admits
 *   min(r, capacity − load) with r its mean share (dedicated servers with tens of thousands of clients: the spread
 *   of r is immaterial).
 * - *Continuum in clients*: the simulation floors admission slots to whole clients; the fluid does not (≤ 1 client
 *   per supernode and step, 1/L0 ≈ 0.1 % of a nominal unit).
 * - *Scale*: only through L0 = round(C·scale)/round(S·scale) (≈ constant), the rounding of the mega-supernode
 *   counts, and the per-supernode request counts (Poisson, not concentrated). The fluid answer is the same at every
 *   scale up to these roundings; it is the S → ∞ limit the simulation approaches.
 * - An explicit `overlay` (graph-given capacities and attachment) is not supported: it is not a law over supernodes.
 *
 * **References**: T. G. Kurtz, J. Appl. Probab. 7, 49 (1970) (fluid limits of density-dependent Markov chains);
 * M. Mitzenmacher, IEEE TPDS 12, 1094 (2001) (mean-field load-balancing limits with Poisson arrivals per server);
 * the model and calibration: `docs/reference/skype-calibration.md`.
 *
 * @example
 * ```ts
 * const r = fluidOverload();           // the 2010 defaults, 48 h
 * r.collapsed;                          // true
 * fluidOverload({ forcedLoss: 0.05, durationHours: 3 }).collapsed; // false
 * ```
 */
export function fluidOverload(input: OverloadParamsInput | OverloadParams = {}, options: FluidOverloadOptions = {}): FluidOverloadResult {
  const p = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  if (p.overlay) throw new FragilityInputError('overlay', 'TwoTierOverlay', 'absent: the fluid limit is a law over supernodes, not a given overlay');
  validateOverloadParams(p);
  const Q = options.quantiles ?? 100;
  checkInteger('quantiles', Q, 2, 10_000);
  const tol = options.mergeTolerance ?? 1e-3;
  checkNumber('mergeTolerance', tol, 0, 1);
  const MAXC = options.maxCohortsPerQuantile ?? 4;
  checkInteger('maxCohortsPerQuantile', MAXC, 2, 4096);
  const spread: FluidRequestSpread = options.requestSpread ?? 'poisson';
  if (spread !== 'poisson' && spread !== 'mean') throw new FragilityInputError('requestSpread', spread, "'poisson' or 'mean'");
  const extra = options.extraMega ?? [];
  extra.forEach((w, i) => {
    checkNumber(`extraMega[${i}].atHours`, w.atHours, 0);
    checkInteger(`extraMega[${i}].count`, w.count, 0);
    if (w.capacityClients !== undefined) checkNumber(`extraMega[${i}].capacityClients`, w.capacityClients, 0);
  });
  const init = options.initialState ?? 'healthy';
  const stopOnCollapse = options.stopOnCollapse ?? false;
  const checkEvery = options.checkConservation ?? false;
  if (init !== 'healthy' && init !== 'collapsed') throw new FragilityInputError('initialState', init, "'healthy' or 'collapsed'");

  const { clients: C, supernodes: S, cacheSize } = scaledPopulation(p);
  const H = p.probesPerAttempt === null ? cacheSize : Math.min(p.probesPerAttempt, cacheSize);
  const dt = p.stepSeconds;
  const steps = Math.round((p.durationHours * 3600) / dt);
  let stepsRun = steps;
  const L0 = C / S;
  const hours = (k: number) => (k * dt) / 3600;
  const beta = p.loadWindowSeconds > 0 ? -Math.expm1(-dt / p.loadWindowSeconds) : 1;
  const cheapRefusal = p.refuseCostFactor < 1;
  const burstCap = p.burstFactor;

  // ---- supernodes: quantiles × cohorts (mass as a fraction of S; attached and monitored in clients per supernode) ----
  const cap = new Float64Array(Q);
  for (let q = 0; q < Q; q++) cap[q] = (1 + p.headroom.quantile((q + 0.5) / Q)) * L0;
  const cm = new Float64Array(Q * MAXC);
  const ca = new Float64Array(Q * MAXC);
  const cn = new Float64Array(Q * MAXC);
  const cnt = new Int32Array(Q);
  const lagPmf = rejoinLagPmf(p);
  const lag = new LagBank(Q + 2, lagPmf); // channels 0..Q−1 per quantile; Q: from shutdowns (total); Q+1: from crashes (total)
  const SHUT = Q;
  const REJ = Q + 1;
  const pRestart = p.restart.probability;
  const crashPmf = supernodeRestartPmf(p);
  const Lc = crashPmf.length;
  const crashRing = new Float64Array(Q * Lc);
  const crashPool = new Float64Array(Q); // not restarted, exponential return
  let crashedTotal = 0; // all crashed mass (ring + pool + never)
  const snReturnHazard = Number.isFinite(p.restart.crashedReturnHours) ? -Math.expm1(-dt / (p.restart.crashedReturnHours * 3600)) : 0;
  const snCanReturn = Number.isFinite(p.restart.crashedReturnHours);
  // promotion (row 28): supernodes whose lag is over wait here until re-promoted, hazard online/meanHours
  const promo = p.promotion;
  const promoPool = new Float64Array(Q);
  let promoTotal = 0;

  /** Add an up cohort to quantile q, merging it into a close one when there is one. */
  const addCohort = (q: number, m: number, a: number, n: number) => {
    if (!(m > 0)) return;
    const base = q * MAXC;
    const tl = tol * L0;
    for (let j = 0; j < cnt[q]; j++) {
      const i = base + j;
      if (Math.abs(ca[i] - a) <= tl && Math.abs(cn[i] - n) <= tl) {
        const t = cm[i] + m;
        ca[i] = (ca[i] * cm[i] + a * m) / t;
        cn[i] = (cn[i] * cm[i] + n * m) / t;
        cm[i] = t;
        return;
      }
    }
    if (cnt[q] >= MAXC) mergeClosest(q);
    const i = base + cnt[q]++;
    cm[i] = m;
    ca[i] = a;
    cn[i] = n;
  };
  const mergeInto = (i: number, j: number, q: number) => {
    // merge cohort j into cohort i (both in quantile q), remove j by moving the last one in its place
    const t = cm[i] + cm[j];
    if (t > 0) {
      ca[i] = (ca[i] * cm[i] + ca[j] * cm[j]) / t;
      cn[i] = (cn[i] * cm[i] + cn[j] * cm[j]) / t;
    }
    cm[i] = t;
    const last = q * MAXC + cnt[q] - 1;
    cm[j] = cm[last];
    ca[j] = ca[last];
    cn[j] = cn[last];
    cnt[q]--;
  };
  const mergeClosest = (q: number) => {
    const base = q * MAXC;
    let bi = -1;
    let bj = -1;
    let bd = Infinity;
    for (let x = 0; x < cnt[q]; x++) {
      for (let y = x + 1; y < cnt[q]; y++) {
        const d = Math.max(Math.abs(ca[base + x] - ca[base + y]), Math.abs(cn[base + x] - cn[base + y]));
        if (d < bd) {
          bd = d;
          bi = base + x;
          bj = base + y;
        }
      }
    }
    if (bi >= 0) mergeInto(bi, bj, q);
  };
  const tidy = (q: number, pairs: boolean) => {
    const base = q * MAXC;
    const tl = tol * L0;
    if (cnt[q] > 1) {
      // cohorts whose mass fell below MASS_FLOOR (the Poisson survival tail of a shut-down cohort) merge into the
      // heaviest cohort of the quantile: mass and clients are conserved, the perturbation is below 1e-9
      let heavy = base;
      for (let j = 1; j < cnt[q]; j++) if (cm[base + j] > cm[heavy]) heavy = base + j;
      for (let j = cnt[q] - 1; j >= 0; j--) {
        const i = base + j;
        if (i !== heavy && cm[i] < MASS_FLOOR) {
          const lastWasHeavy = heavy === base + cnt[q] - 1;
          mergeInto(heavy, i, q); // moves the last cohort into slot i
          if (lastWasHeavy) heavy = i;
        }
      }
    }
    for (let x = 0; pairs && x < cnt[q]; x++) {
      for (let y = x + 1; y < cnt[q]; ) {
        const i = base + x;
        const j = base + y;
        if (cm[j] <= 0 || (Math.abs(ca[i] - ca[j]) <= tl && Math.abs(cn[i] - cn[j]) <= tl)) mergeInto(i, j, q);
        else y++;
      }
    }
    if (cnt[q] > 0 && cm[base] <= 0 && cnt[q] > 1) mergeInto(base + 1, base, q);
    if (cnt[q] === 1 && cm[base] <= 0) cnt[q] = 0;
  };

  // ---- mega-supernode groups (one per wave) ----
  const allWaves = [
    ...p.mega.waves.map((w) => ({ atHours: w.atHours, count: w.count, capacityClients: p.mega.capacityClients, overHours: w.overHours ?? 0 })),
    ...extra.map((w) => ({ atHours: w.atHours, count: w.count, capacityClients: w.capacityClients ?? p.mega.capacityClients, overHours: 0 })),
  ];
  const groups = allWaves
    .filter((w) => w.count > 0)
    .map((w) => {
      const n = Math.max(1, Math.round(w.count * p.scale));
      const ramp = Math.round((w.overHours * 3600) / dt);
      return { step: Math.round((w.atHours * 3600) / dt), n, capEach0: (w.count * w.capacityClients * p.scale) / n, capEach: 0, att: 0, up: false, injected: false, ramp };
    })
    .sort((a, b) => a.step - b.step);
  const anyRamp = groups.some((g) => g.ramp > 0);
  const M = groups.reduce((s, g) => s + g.n, 0);
  let megaInjected = 0;
  let megaWithdrawn = 0;
  const withdrawStep = Number.isFinite(p.mega.withdrawAtHours) ? Math.round((p.mega.withdrawAtHours * 3600) / dt) : NEVER;
  const shedStep = Number.isFinite(p.shedding.atHours) ? Math.round((p.shedding.atHours * 3600) / dt) : NEVER;

  // ---- client cohorts (fractions of C) ----
  const levels = Number.isFinite(p.maxAttempts) ? p.maxAttempts : LOOP_LEVELS;
  const gaveUpAt = Number.isFinite(p.maxAttempts) ? p.maxAttempts : NEVER;
  const retryPmfs: Float64Array[] = [];
  let Ls = 2;
  for (let n = 0; n < levels; n++) {
    const pm = retryDelayPmf(p.retry, n, dt).pmf;
    retryPmfs.push(pm);
    Ls = Math.max(Ls, pm.length);
  }
  const detectPmf = lognormalDelayPmf(p.detection.medianSeconds, p.detection.sigma, dt).pmf;
  Ls = Math.max(Ls, detectPmf.length);
  const searchRing = new Float64Array(levels * Ls);
  const restartPmf = lognormalDelayPmf(p.restart.medianSeconds, p.restart.sigma, dt).pmf;
  const Lr = restartPmf.length;
  const restartRing = new Float64Array(Lr);
  let restartingTotal = 0;
  let crashedPool = 0;
  let gonePool = 0;
  const rN = new Float64Array(levels);
  const mN = new Float64Array(levels);
  const fN = new Float64Array(levels);
  const pCrashedReturn = Number.isFinite(p.restart.crashedReturnHours) ? -Math.expm1(-dt / (p.restart.crashedReturnHours * 3600)) : 0;
  const pGoneReturn = Number.isFinite(p.goneReturnHours) ? -Math.expm1(-dt / (p.goneReturnHours * 3600)) : 0;
  const normalLoginsPerStep = dt / (p.normalSessionHours * 3600);
  // human give-up (row 27): Erlang(stages, meanHours) absence, stage by stage
  const abShare = p.abandon ? p.abandon.share : 0;
  const abStages = new Float64Array(abShare > 0 ? p.abandon!.stages : 0);
  const pAbStage = abShare > 0 ? -Math.expm1(-(dt * p.abandon!.stages) / (p.abandon!.meanHours * 3600)) : 0;
  let abandonedTotal = 0;
  const megaAdmitPerStep = p.mega.admitPerSecond !== undefined && Number.isFinite(p.mega.admitPerSecond) && p.mega.capacityClients > 0 ? (p.mega.admitPerSecond * dt) / p.mega.capacityClients : Infinity;

  // ---- trigger ----
  const forced = p.forcedLoss !== null;
  const upd = 1 - p.trigger.autoUpdateCoverage;
  const K = forced ? 1 : Math.max(1, Math.round((p.trigger.durationMinutes * 60) / dt));
  const clientShare = forced ? 0 : p.trigger.buggyShare * p.trigger.crashProbability * upd;
  const snShare = forced ? 0 : p.trigger.supernodeCrashShare * upd;
  const hC = -Math.expm1(Math.log1p(-Math.min(clientShare, 1 - 1e-15)) / K);
  const hS = -Math.expm1(Math.log1p(-Math.min(snShare, 1 - 1e-15)) / K);

  const scatter = (n: number, pm: Float64Array, ring: Float64Array, base: number, len: number, k: number) => {
    if (!(n > 0)) return;
    for (let b = 1; b < pm.length; b++) if (pm[b] > 0) ring[base + ((k + b) % len)] += n * pm[b];
  };
  const crashClients = (n: number, k: number) => {
    if (!(n > 0)) return;
    const nr = n * pRestart;
    crashedPool += n - nr;
    if (nr > 0) {
      scatter(nr, restartPmf, restartRing, 0, Lr, k);
      restartingTotal += nr;
    }
  };
  /** Crash a mass m of quantile q at step k (its timers: restart delay, exponential return, or never). */
  const crashSupernodes = (q: number, m: number, k: number) => {
    crashedTotal += m;
    const mr = m * pRestart;
    if (mr > 0) for (let b = 1; b < Lc; b++) if (crashPmf[b] > 0) crashRing[q * Lc + ((k + b) % Lc)] += mr * crashPmf[b];
    if (snCanReturn) crashPool[q] += m - mr;
  };

  // ---- initial state ----
  let online = 1;
  if (init === 'healthy') {
    for (let q = 0; q < Q; q++) addCohort(q, 1 / Q, L0, L0);
  } else {
    online = 0;
    searchRing[0] = 1; // every client attempts at step 0, level 0; the supernodes enter the lag in step 0 (below)
  }

  // ---- outputs ----
  const timeline: OverloadTimelinePoint[] = [];
  let minOnline = online;
  let minOnlineStep = 0;
  let peakLogin = 0;
  let peakLoginStep = 0;
  let peakTraffic = 0;
  let peakTrafficStep = 0;
  let lastTrafficRate = 0;
  let peakMeanLoad = 0;
  let lastBelow = online < p.recoveryThreshold ? 0 : -1;
  let nUp = init === 'healthy' ? 1 : 0;
  let lastMeanLoad = init === 'healthy' ? 1 : 0;
  let lastLoginRate = 0;
  let maxClientError = 0;
  let maxSupernodeError = 0;
  let cohortMax = 0;
  let cohortSum = 0;
  const searchingTotal = () => {
    let s = 0;
    for (let j = 0; j < searchRing.length; j++) s += searchRing[j];
    return s;
  };
  const megaUpCount = () => {
    let u = 0;
    for (const g of groups) if (g.injected && g.up) u += g.n;
    return Math.max(0, Math.round(u - megaWithdrawn));
  };
  const sample = (k: number) => {
    timeline.push({
      t: hours(k),
      online,
      supernodesUp: nUp,
      meanLoad: lastMeanLoad,
      loginRate: lastLoginRate,
      trafficRate: lastTrafficRate,
      megaUp: megaUpCount(),
      searching: searchingTotal(),
      restarting: restartingTotal,
      crashed: crashedPool,
      gone: gonePool + abandonedTotal,
    });
  };
  sample(0);
  const law = new RequestLaw(spread);
  let partP = 0;
  let partAcc = 0;
  let partLoad = 0;
  /** E[r <= x], E[accepted; r <= x] and E[load; r <= x] of a supernode with `att` attached (into partP/Acc/Load). */
  const part = (x: number, att: number, c: number, cRef: number, sAdm: number, A0: number): void => {
    const P = law.P(x);
    const m1 = law.M1(x);
    partP = P;
    if (cheapRefusal) {
      const acc = x <= sAdm ? m1 : law.M1(sAdm) + sAdm * (P - law.P(sAdm));
      partAcc = acc;
      partLoad = att * P + (1 + c) * acc + cRef * (m1 - acc);
    } else {
      partLoad = att * P + c * m1;
      let acc = 0;
      if (A0 > 0) {
        const s1 = A0 / (1 + c);
        acc = law.M1(Math.min(x, s1));
        if (c > 0) {
          const top = Math.min(x, A0 / c);
          if (top > s1) acc += A0 * (law.P(top) - law.P(s1)) - c * (law.M1(top) - law.M1(s1));
        } else if (x > s1) acc += A0 * (P - law.P(s1));
      }
      partAcc = acc;
    }
  };
  const splitSurvivors = options.splitSurvivors ?? false;
  const pend: number[] = [];
  let splitMass = 0;
  const newUp = new Float64Array(Q);

  for (let k = 0; k < steps; k++) {
    const sl = k % Ls;
    let dumpedNext = 0;
    // 1. mega waves and withdrawal
    for (const g of groups) {
      if (!g.injected && g.step <= k) {
        g.injected = true;
        g.up = true;
        g.capEach = g.ramp > 0 ? g.capEach0 * Math.min(1, (k - g.step + 1) / g.ramp) : g.capEach0;
        megaInjected += g.n;
      }
    }
    const withdrawing = k >= withdrawStep && megaInjected > 0;
    if (withdrawing || anyRamp) {
      // as in the simulation: ramped waves (row 30) grow linearly over `overHours`, times the withdrawal factor
      let keep = 1;
      let progress = 0;
      if (withdrawing) {
        const span = Math.max(1, Math.round((p.mega.withdrawOverHours * 3600) / dt));
        progress = Math.min(1, (k - withdrawStep + 1) / span);
        keep = 1 - p.mega.withdrawFraction * progress;
      }
      for (const g of groups) {
        if (!g.injected || !g.up) continue;
        const rf = g.ramp > 0 ? Math.min(1, (k - g.step + 1) / g.ramp) : 1;
        g.capEach = g.capEach0 * rf * keep;
        if (!withdrawing) continue;
        if (keep <= 0) g.up = false;
        const excess = g.att - g.capEach;
        if (excess > 0) {
          g.att -= excess;
          dumpedNext += (excess * g.n) / C;
        }
      }
      if (withdrawing) megaWithdrawn = megaInjected * p.mega.withdrawFraction * progress;
    }
    // 2. supernode timers: crashed → rejoin lag; lag over → up, empty
    {
      const relRej = lag.release(REJ, k);
      lag.release(SHUT, k);
      void relRej;
      for (let q = 0; q < Q; q++) newUp[q] = lag.release(q, k);
      let toLag = 0;
      for (let q = 0; q < Q; q++) {
        let rel = 0;
        const slot = q * Lc + (k % Lc);
        if (crashRing[slot] > 0) {
          rel += crashRing[slot];
          crashRing[slot] = 0;
        }
        if (crashPool[q] > 0 && snReturnHazard > 0) {
          const x = crashPool[q] * snReturnHazard;
          crashPool[q] -= x;
          rel += x;
        }
        if (rel > 0) {
          lag.add(q, k, rel);
          toLag += rel;
        }
      }
      if (toLag > 0) {
        crashedTotal -= toLag;
        lag.add(REJ, k, toLag);
      }
      if (promo) {
        const pi = -Math.expm1(-(dt * online) / (promo.meanHours * 3600));
        for (let q = 0; q < Q; q++) {
          if (newUp[q] > 0) {
            promoPool[q] += newUp[q];
            promoTotal += newUp[q];
          }
          const x = promoPool[q] * pi;
          if (x > 0) {
            promoPool[q] -= x;
            promoTotal -= x;
            addCohort(q, x, 0, 0);
          }
        }
      } else for (let q = 0; q < Q; q++) if (newUp[q] > 0) addCohort(q, newUp[q], 0, 0);
      if (k === 0 && init === 'collapsed') {
        // every ordinary supernode shut down by overload at step 0: it rejoins after the uniform re-entry lag
        for (let q = 0; q < Q; q++) lag.add(q, 0, 1 / Q);
        lag.add(SHUT, 0, 1);
      }
    }
    // 3. trigger
    if (k < K) {
      if (forced && k === 0) {
        const f = p.forcedLoss!;
        let dumped = 0;
        let attachedLeft = 0;
        for (let q = 0; q < Q; q++) {
          let lost = 0;
          for (let j = 0; j < cnt[q]; j++) {
            const i = q * MAXC + j;
            const m = cm[i] * f;
            dumped += (m * ca[i]) / L0;
            lost += m;
            cm[i] -= m;
            attachedLeft += (cm[i] * ca[i]) / L0;
          }
          if (lost > 0) crashSupernodes(q, lost, k);
          tidy(q, true);
        }
        const pc = Math.min(1, f * p.forcedClientCrashRatio);
        for (let q = 0; q < Q; q++) for (let j = 0; j < cnt[q]; j++) ca[q * MAXC + j] *= 1 - pc;
        const xd = dumped * pc;
        dumpedNext += dumped - xd;
        crashClients(attachedLeft * pc + xd, k);
      } else if (!forced) {
        let crashedNow = 0;
        for (let q = 0; q < Q; q++) {
          let lost = 0;
          for (let j = 0; j < cnt[q]; j++) {
            const i = q * MAXC + j;
            if (hS > 0) {
              const m = cm[i] * hS;
              const d = (m * ca[i]) / L0;
              crashedNow += d * hC;
              dumpedNext += d * (1 - hC);
              lost += m;
              cm[i] -= m;
            }
            if (hC > 0) {
              crashedNow += (cm[i] * ca[i] * hC) / L0;
              ca[i] *= 1 - hC;
            }
          }
          if (lost > 0) crashSupernodes(q, lost, k);
        }
        if (hC > 0) {
          for (const g of groups) {
            if (g.injected && g.up && g.att > 0) {
              crashedNow += (g.att * hC * g.n) / C;
              g.att *= 1 - hC;
            }
          }
        }
        crashClients(crashedNow, k);
      }
    }
    // 4. releases into the search
    const rel = restartRing[k % Lr];
    if (rel > 0) {
      restartRing[k % Lr] = 0;
      restartingTotal -= rel;
      searchRing[sl] += rel;
    }
    if (crashedPool > 0 && pCrashedReturn > 0) {
      const x = crashedPool * pCrashedReturn;
      crashedPool -= x;
      searchRing[sl] += x;
    }
    if (gonePool > 0 && pGoneReturn > 0) {
      const x = gonePool * pGoneReturn;
      gonePool -= x;
      searchRing[sl] += x;
    }
    for (let j = abStages.length - 1; j >= 0; j--) {
      const x = abStages[j] * pAbStage;
      if (!(x > 0)) continue;
      abStages[j] -= x;
      if (j + 1 < abStages.length) abStages[j + 1] += x;
      else {
        searchRing[sl] += x;
        abandonedTotal -= x;
      }
    }
    // 5. routing
    let U = 0;
    let nCoh = 0;
    for (let q = 0; q < Q; q++) {
      nCoh += cnt[q];
      for (let j = 0; j < cnt[q]; j++) U += cm[q * MAXC + j];
    }
    cohortSum += nCoh;
    if (nCoh > cohortMax) cohortMax = nCoh;
    let nMegaUp = 0;
    for (const g of groups) if (g.injected && g.up) nMegaUp += g.n;
    const Dx = Math.max(0, 1 - U);
    const upAny = U > 0;
    const pAllDown = !upAny ? 1 : Dx ** H;
    let pR: number;
    let pM: number;
    if (nMegaUp > 0) {
      pR = upAny ? (1 - p.mega.share) * (1 - pAllDown) : 0;
      pM = 1 - pR;
    } else {
      pR = upAny ? 1 - pAllDown : 0;
      pM = 0;
    }
    let R = 0;
    let MR = 0;
    let A = 0;
    for (let n = 0; n < levels; n++) {
      const a = searchRing[n * Ls + sl];
      A += a;
      if (a === 0) {
        rN[n] = 0;
        mN[n] = 0;
        fN[n] = 0;
        continue;
      }
      searchRing[n * Ls + sl] = 0;
      const r = a * pR;
      const m = pR < 1 ? (a - r) * Math.min(1, pM / (1 - pR)) : 0;
      rN[n] = r;
      mN[n] = m;
      fN[n] = a - r - m;
      R += r;
      MR += m;
    }
    // 6–7. requests, loads, shutdowns, admissions
    const c = k >= shedStep ? p.loginCost * p.shedding.loginCostFactor : p.loginCost;
    const cRef = c * p.refuseCostFactor;
    const lambda = upAny && R > 0 ? (R * L0) / U : 0;
    law.set(lambda);
    let acceptedR = 0; // clients (fraction of C)
    let loadSum = 0; // Σ mass·load (clients per supernode × fraction of S)
    let onlineNow = 0;
    let upAfter = 0;
    let shutTotal = 0;
    for (let q = 0; q < Q; q++) {
      const cq = cap[q];
      const base = q * MAXC;
      let shutQ = 0;
      for (let j = 0; j < cnt[q]; j++) {
        const i = base + j;
        const m = cm[i];
        const att = ca[i];
        const mon = cn[i];
        // shutdown iff the step's load exceeds Lmax (averaged rule and burst rule, both monotone in r)
        const Lmax = Math.min((cq - (1 - beta) * mon) / beta, burstCap * cq);
        let xs: number; // survive iff r <= xs
        let Ps: number;
        let accS: number; // E[accepted; survive]
        let loadS: number; // E[load; survive]
        let loadU: number; // E[load]
        let sAdm = 0;
        let A0 = 0;
        if (cheapRefusal) {
          const s = Math.max(0, (p.admission * cq - Math.max(att, mon)) / (1 + c));
          sAdm = s;
          if (Lmax < att) xs = -1;
          else if (att + (1 + c) * s > Lmax) xs = (Lmax - att) / (1 + c);
          else xs = cRef > 0 ? s + (Lmax - att - (1 + c) * s) / cRef : Infinity;
          Ps = law.P(xs);
          const m1 = law.M1(xs);
          accS = xs <= s ? m1 : law.M1(s) + s * (Ps - law.P(s));
          loadS = att * Ps + (1 + c) * accS + cRef * (m1 - accS);
          const accU = law.M1(s) + s * (1 - law.P(s));
          loadU = att + (1 + c) * accU + cRef * (lambda - accU);
        } else {
          if (Lmax < att) xs = -1;
          else xs = c > 0 ? (Lmax - att) / c : Infinity;
          Ps = law.P(xs);
          const m1 = law.M1(xs);
          loadS = att * Ps + c * m1;
          loadU = att + c * lambda;
          A0 = p.admission * cq - att;
          if (A0 <= 0) accS = 0;
          else {
            const s1 = A0 / (1 + c);
            accS = law.M1(Math.min(xs, s1));
            if (c > 0) {
              const top = Math.min(xs, A0 / c);
              if (top > s1) accS += A0 * (law.P(top) - law.P(s1)) - c * (law.M1(top) - law.M1(s1));
            } else if (xs > s1) accS += A0 * (law.P(xs) - law.P(s1));
          }
        }
        if (splitSurvivors && spread === 'poisson' && lambda > 0) {
          // survivors that received more than λ requests carry a higher monitored load: keep them apart
          const xm = Math.floor(lambda);
          if (xm < xs) {
            part(xm, att, c, cRef, sAdm, A0);
            const P1 = partP;
            const P2 = Ps - P1;
            if (P1 > 1e-12 && P2 > 1e-12) {
              const acc2 = accS - partAcc;
              const load2 = loadS - partLoad;
              pend.push(m * P2, att + acc2 / P2, mon + beta * (load2 / P2 - mon));
              acceptedR += (m * acc2) / L0;
              onlineNow += (m * P2 * (att + acc2 / P2)) / L0;
              upAfter += m * P2;
              Ps = P1;
              accS = partAcc;
              loadS = partLoad;
              splitMass += m * P2;
            }
          }
        }
        loadSum += m * loadU;
        const mS = m * Ps;
        const mD = m - mS - splitMass;
        splitMass = 0;
        if (mD > 0) {
          shutQ += mD;
          dumpedNext += (mD * att) / L0;
        }
        if (mS > 1e-300 && Ps > 1e-300) {
          const a2 = att + accS / Ps;
          cm[i] = mS;
          ca[i] = a2;
          cn[i] = mon + beta * (loadS / Ps - mon);
          acceptedR += (mS * (accS / Ps)) / L0;
          onlineNow += (mS * a2) / L0;
          upAfter += mS;
        } else {
          cm[i] = 0;
          if (mS > 0) {
            // a vanishing survivor mass (< 1e-300) is counted as shut down so that supernode mass is conserved
            lag.add(q, k, mS);
            shutTotal += mS;
            dumpedNext += (mS * att) / L0;
          }
        }
      }
      if (shutQ > 0) {
        lag.add(q, k, shutQ);
        shutTotal += shutQ;
      }
      if (pend.length > 0) {
        for (let t = 0; t < pend.length; t += 3) addCohort(q, pend[t], pend[t + 1], pend[t + 2]);
        pend.length = 0;
      }
      if (cnt[q] > 1) tidy(q, (k & 7) === 0);
    }
    if (shutTotal > 0) lag.add(SHUT, k, shutTotal);
    const failR = Math.max(0, R - acceptedR);
    let failM = 0;
    for (const g of groups) {
      if (!g.injected || !g.up) continue;
      const r = MR > 0 && nMegaUp > 0 ? (MR * C) / nMegaUp : 0; // requests per mega-supernode (clients)
      if (r > 0) {
        const load = g.att + c * p.mega.loginCostFactor * r;
        const room = Math.min(g.capEach - load, megaAdmitPerStep * g.capEach0);
        const acc = room <= 0 ? 0 : room < r ? room : r;
        g.att += acc;
        failM += ((r - acc) * g.n) / C;
      }
      onlineNow += (g.att * g.n) / C;
    }
    // 8. failures back to the levels, then the retry delay of each level
    for (let n = 0; n < levels; n++) {
      const fr = R > 0 ? rN[n] * (failR / R) : 0;
      const fm = MR > 0 ? mN[n] * (failM / MR) : 0;
      const failed = fN[n] + fr + fm;
      if (!(failed > 0)) continue;
      if (n + 1 >= gaveUpAt) {
        if (abShare > 0) {
          // row 27: a share of the give-ups are users who close Skype (counted in `gone`, returning by stages)
          const xa = failed * abShare;
          abStages[0] += xa;
          abandonedTotal += xa;
          gonePool += failed - xa;
        } else gonePool += failed;
        continue;
      }
      const target = n + 1 < levels ? n + 1 : levels - 1;
      scatter(failed, retryPmfs[n], searchRing, target * Ls, Ls, k);
    }
    if (dumpedNext > 0) scatter(dumpedNext, detectPmf, searchRing, 0, Ls, k);

    // 9. statistics
    online = onlineNow;
    lastMeanLoad = U > 0 ? loadSum / U / L0 : 0;
    nUp = upAfter;
    lastLoginRate = (R + MR) / normalLoginsPerStep;
    {
      const x = Math.min(1, Dx);
      const probes = x >= 1 ? H : (1 - x ** H) / (1 - x);
      const viaCache = nMegaUp > 0 ? A * (1 - p.mega.share) : A;
      lastTrafficRate = (viaCache * probes + MR) / normalLoginsPerStep;
      if (lastTrafficRate > peakTraffic) {
        peakTraffic = lastTrafficRate;
        peakTrafficStep = k + 1;
      }
    }
    if (lastLoginRate > peakLogin) {
      peakLogin = lastLoginRate;
      peakLoginStep = k + 1;
    }
    if (lastMeanLoad > peakMeanLoad) peakMeanLoad = lastMeanLoad;
    if (online < minOnline) {
      minOnline = online;
      minOnlineStep = k + 1;
    }
    if (online < p.recoveryThreshold) lastBelow = k + 1;
    if (checkEvery || (k + 1) % p.sampleEvery === 0 || k + 1 === steps) {
      const total = online + restartingTotal + crashedPool + gonePool + abandonedTotal + searchingTotal();
      const e = Math.abs(total - 1);
      if (e > maxClientError) maxClientError = e;
      const sn = nUp + crashedTotal + lag.held[SHUT] + lag.held[REJ] + promoTotal;
      const es = Math.abs(sn - 1);
      if (es > maxSupernodeError) maxSupernodeError = es;
    }
    if ((k + 1) % p.sampleEvery === 0 || k + 1 === steps) sample(k + 1);
    if (stopOnCollapse && online < p.collapseThreshold) {
      stepsRun = k + 1;
      if ((k + 1) % p.sampleEvery !== 0 && k + 1 !== steps) sample(k + 1);
      break;
    }
  }

  const recovered = lastBelow < stepsRun && online >= p.recoveryThreshold;
  let onMega = 0;
  for (const g of groups) if (g.injected && g.up) onMega += (g.att * g.n) / C;
  return {
    clients: C,
    supernodes: S,
    megaSupernodes: M,
    steps: stepsRun,
    stepSeconds: dt,
    timeline,
    minOnlineFraction: minOnline,
    minOnlineAtHours: hours(minOnlineStep),
    collapsed: minOnline < p.collapseThreshold,
    recovered,
    recoveredAtHours: recovered ? hours(Math.max(0, lastBelow)) : null,
    peakLoginRate: peakLogin,
    peakLoginRateAtHours: hours(peakLoginStep),
    peakTrafficRate: peakTraffic,
    peakTrafficRateAtHours: hours(peakTrafficStep),
    peakMeanLoad,
    final: {
      online,
      searching: searchingTotal(),
      restarting: restartingTotal,
      crashed: crashedPool,
      gone: gonePool + abandonedTotal,
      supernodesUp: nUp,
      supernodesShutDown: lag.held[SHUT],
      supernodesCrashed: crashedTotal,
      supernodesRejoining: lag.held[REJ] + promoTotal,
      megaUp: megaUpCount(),
      onMega,
    },
    model: { quantiles: Q, mergeTolerance: tol, maxCohortsPerQuantile: MAXC, requestSpread: spread },
    conservation: { maxClientError, maxSupernodeError },
    cohorts: { max: cohortMax, mean: stepsRun > 0 ? cohortSum / stepsRun : 0 },
  };
}

/** Options of {@link fluidCriticalLoss}. */
export interface FluidCriticalLossOptions {
  /** Bisection stops when the bracket is narrower than this (default 1e-4). */
  tolerance?: number;
  /** Hours simulated per evaluation (default: as `collapseProbability`, min(3, params.durationHours)). */
  durationHours?: number;
  /** Discretisation options passed to {@link fluidOverload}. */
  fluid?: Omit<FluidOverloadOptions, 'initialState' | 'stopOnCollapse'>;
}

/** Result of {@link fluidCriticalLoss}. */
export interface FluidCriticalLossResult {
  /** Smallest forced initial supernode loss whose fluid trajectory collapses (to `tolerance`), or null. */
  criticalLoss: number | null;
  /** Why criticalLoss is null: nothing in [0, 1] collapses, or even f = 0 collapses. */
  reason?: string;
  /** Last bracket [no collapse, collapse] (both ends 0 or 1 when criticalLoss is null). */
  bracket: [number, number];
  /** fluidOverload runs made. */
  evaluations: number;
  tolerance: number;
  /** The bracketing grid evaluated, in order (it stops at the first collapsing loss). */
  grid: { loss: number; collapsed: boolean; minOnline: number }[];
}

/**
 * Critical supernode loss of the fluid limit: the smallest forced initial loss f (same semantics as the
 * simulation's `forcedLoss`, including `forcedClientCrashRatio`) whose fluid trajectory has a minimum online fraction
 * below `collapseThreshold`, by a bracketing grid and bisection.
 *
 * @param input - model parameters (full or a partial override of the 2010 defaults); `forcedLoss` is overridden.
 * @param options - tolerance (default 1e-4), duration (default 3 h, as collapseProbability), fluid discretisation.
 * @returns f_c, the final bracket, the evaluation count, the grid and whether it was monotone.
 * @throws FragilityInputError naming the offending field.
 *
 * **Complexity**: at most 21 + ⌈log2(0.05/tolerance)⌉ fluid runs of the chosen duration (≈ 12 + 9 at the 2010
 * defaults); a run stops at the first step below the collapse threshold.
 *
 * **Model**: the fluid trajectory is deterministic, so "collapses" is a property of f alone. The ascending grid
 * f = 0, 0.05, …, 1 locates the first collapsing point; bisection between it and the point before it gives f_c to
 * `tolerance`. This is the smallest collapsing loss when the collapse set is an interval [f_c, 1]; the min online
 * fraction is non-increasing in f on every grid and property test we ran (test/analytic/overload-fluid.test.ts),
 * so it is. The same criterion as the simulation (min online < `collapseThreshold`, 0.5) over the same horizon.
 *
 * **References**: see {@link fluidOverload}; the simulation side is `collapseProbability` (src/cascade).
 *
 * @example
 * ```ts
 * fluidCriticalLoss().criticalLoss; // the 2010 fluid f_c (≈ 0.1)
 * ```
 */
export function fluidCriticalLoss(input: OverloadParamsInput | OverloadParams = {}, options: FluidCriticalLossOptions = {}): FluidCriticalLossResult {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  const tolerance = options.tolerance ?? 1e-4;
  checkNumber('tolerance', tolerance, 1e-9, 0.5);
  if (!(tolerance > 0)) throw new FragilityInputError('tolerance', tolerance, 'a number in (0, 0.5]');
  const duration = options.durationHours ?? Math.min(3, base.durationHours);
  checkNumber('durationHours', duration, 0, 24 * 365);
  let evaluations = 0;
  const run = (f: number) => {
    evaluations++;
    const r = fluidOverload(withOverloadParams(base, { forcedLoss: f, durationHours: duration, sampleEvery: 1_000_000 }), { ...(options.fluid ?? {}), stopOnCollapse: true });
    return { collapsed: r.collapsed, minOnline: r.minOnlineFraction };
  };
  const grid: FluidCriticalLossResult['grid'] = [];
  for (let i = 0; i <= 20; i++) {
    const f = i / 20;
    grid.push({ loss: f, ...run(f) });
    if (grid[i].collapsed) break;
  }
  if (grid[0].collapsed) return { criticalLoss: null, reason: 'the fluid collapses even without a supernode loss (f = 0)', bracket: [0, 0], evaluations, tolerance, grid };
  const first = grid.findIndex((g) => g.collapsed);
  if (first < 0) return { criticalLoss: null, reason: 'no supernode loss in [0, 1] collapses the fluid', bracket: [1, 1], evaluations, tolerance, grid };
  let lo = grid[first - 1].loss;
  let hi = grid[first].loss;
  while (hi - lo > tolerance) {
    const mid = 0.5 * (lo + hi);
    if (run(mid).collapsed) hi = mid;
    else lo = mid;
  }
  return { criticalLoss: 0.5 * (lo + hi), bracket: [lo, hi], evaluations, tolerance, grid };
}


/** Options of {@link fluidBistability}. */
export interface FluidBistabilityOptions {
  /** Forced initial supernode losses (the trigger sizes), each in [0, 1]. */
  losses: number[];
  /** Factors k applied to the headroom law (α → k·α; default [1]). */
  headroomScales?: number[];
  /** Login costs (the offered load per request; default [params.loginCost]). */
  loginCosts?: number[];
  /** Horizon after which a state counts as stable, hours (default 24). */
  horizonHours?: number;
  /** Discretisation options passed to {@link fluidOverload}. */
  fluid?: Omit<FluidOverloadOptions, 'initialState' | 'stopOnCollapse' | 'extraMega'>;
}

/** Which states are stable in one cell of {@link fluidBistability}. */
export type FluidRegime = 'healthy-only' | 'bistable' | 'collapse-only' | 'transient';

/** One cell of {@link fluidBistability}. */
export interface FluidBistabilityCell {
  loss: number;
  headroomScale: number;
  loginCost: number;
  /** Started healthy, trigger = forced loss `loss` (then removed), no mega-supernodes: online >= recoveryThreshold at the horizon. */
  healthyPersists: boolean;
  /** Started collapsed, no trigger, no mega-supernodes: online < collapseThreshold at the horizon. */
  collapsePersists: boolean;
  /** Online fraction at the horizon from the healthy start (with the trigger) and from the collapsed start. */
  onlineFromHealthy: number;
  onlineFromCollapsed: number;
  /** Minimum online fraction of the healthy start (with the trigger). */
  minOnlineFromHealthy: number;
  regime: FluidRegime;
}

/** Result of {@link fluidBistability}. */
export interface FluidBistabilityResult {
  horizonHours: number;
  cells: FluidBistabilityCell[];
}

/**
 * Bistability map of the fluid overload model over (trigger size × headroom × login cost): in which cells the healthy
 * state is stable, in which only the collapsed one is, and in which both are (metastable failure: the state reached
 * depends on the trigger's history).
 *
 * @param input - model parameters (full or a partial override of the 2010 defaults).
 * @param options - losses (required), headroom scales, login costs, horizon (default 24 h), fluid discretisation.
 * @returns one cell per (loss, headroom scale, login cost), losses varying fastest.
 * @throws FragilityInputError naming the offending field (`losses[i]`, `headroomScales[i]`, `loginCosts[i]`, …).
 *
 * **Complexity**: |losses|·|scales|·|costs| + |scales|·|costs| fluid runs of `horizonHours`.
 *
 * **Model**: *stable* means "what remains after a long horizon (default 24 h) with the trigger gone and no
 * intervention" (mega-supernode waves and shedding are removed). Two runs per cell:
 * - from the healthy state, with the trigger = an instantaneous loss of `loss` of the supernodes (and the
 *   proportional client crashes, `forcedClientCrashRatio`), removed at once: the healthy state *persists* if the
 *   online fraction at the horizon is >= `recoveryThreshold`;
 * - from the collapsed state (every client searching at T, every supernode shut down at T and rejoining after the
 *   uniform re-entry lag), no trigger: the collapse *persists* if the online fraction at the horizon is below
 *   `collapseThreshold`.
 * Regimes: healthy-only (healthy persists, collapse does not); bistable (both persist: the network is up, but a
 * collapse, once caused, sustains itself — a metastable failure); collapse-only (this trigger lands in a collapse
 * that sustains itself); transient (the trigger knocks the network down but it comes back by itself, or neither
 * threshold holds at the horizon).
 *
 * **References**: N. Bronson, A. Aghayev, A. Charapko, T. Zhu, "Metastable Failures in Distributed Systems",
 * HotOS 2021, doi:10.1145/3458336.3465286 (trigger vs sustaining effect); L. Huang et al., "Metastable Failures in
 * the Wild", OSDI 2022 (retry storms as the sustaining effect, recovery needs load shedding or capacity);
 * P. Alvaro, R. Isaacs, R. Majumdar et al., "Formal Analysis of Metastable Failures in Software Systems",
 * arXiv:2510.03551 (2025) (metastable modes of a Markov model, recovery times).
 *
 * @example
 * ```ts
 * const m = fluidBistability({}, { losses: [0.05, 0.2], headroomScales: [1, 3] });
 * m.cells.map((c) => c.regime); // e.g. ['bistable', 'collapse-only', 'healthy-only', 'healthy-only']
 * ```
 */
export function fluidBistability(input: OverloadParamsInput | OverloadParams, options: FluidBistabilityOptions): FluidBistabilityResult {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  if (!options || !Array.isArray(options.losses) || options.losses.length === 0) {
    throw new FragilityInputError('losses', options?.losses, 'a non-empty array of fractions in [0, 1]');
  }
  options.losses.forEach((f, i) => checkNumber(`losses[${i}]`, f, 0, 1));
  const scales = options.headroomScales ?? [1];
  if (!Array.isArray(scales) || scales.length === 0) throw new FragilityInputError('headroomScales', scales, 'a non-empty array of numbers > 0');
  scales.forEach((k, i) => {
    checkNumber(`headroomScales[${i}]`, k, 0, 1e6);
    if (!(k > 0)) throw new FragilityInputError(`headroomScales[${i}]`, k, 'a number > 0');
  });
  const costs = options.loginCosts ?? [base.loginCost];
  if (!Array.isArray(costs) || costs.length === 0) throw new FragilityInputError('loginCosts', costs, 'a non-empty array of numbers >= 0');
  costs.forEach((c, i) => checkNumber(`loginCosts[${i}]`, c, 0, 1e6));
  const horizon = options.horizonHours ?? 24;
  checkNumber('horizonHours', horizon, 0.01, 24 * 365);
  const fluid = options.fluid ?? {};
  const cells: FluidBistabilityCell[] = [];
  for (const c of costs) {
    for (const k of scales) {
      const p = withOverloadParams(metastabilityProbeParams(base, horizon, k), { loginCost: c });
      const fromCollapsed = fluidOverload(withOverloadParams(p, { forcedLoss: 0 }), { ...fluid, initialState: 'collapsed' });
      const onlineC = fromCollapsed.final.online;
      const collapsePersists = onlineC < p.collapseThreshold;
      for (const f of options.losses) {
        const h = fluidOverload(withOverloadParams(p, { forcedLoss: f }), fluid);
        const healthyPersists = h.final.online >= p.recoveryThreshold;
        const regime: FluidRegime = healthyPersists ? (collapsePersists ? 'bistable' : 'healthy-only') : collapsePersists && h.final.online < p.collapseThreshold ? 'collapse-only' : 'transient';
        cells.push({ loss: f, headroomScale: k, loginCost: c, healthyPersists, collapsePersists, onlineFromHealthy: h.final.online, onlineFromCollapsed: onlineC, minOnlineFromHealthy: h.minOnlineFraction, regime });
      }
    }
  }
  return { horizonHours: horizon, cells };
}

/** Options of {@link fluidRecovery}. */
export interface FluidRecoveryOptions {
  /** Mega-supernodes injected (count at scale 1, scaled as the parameters' waves are). */
  megaCount: number;
  /** Capacity of one mega-supernode, clients at scale 1 (default params.mega.capacityClients). */
  capacity?: number;
  /** Injection time, hours after the trigger onset. */
  atHours: number;
  /** Keep the parameters' own mega-supernode waves too (default false: the injection is the only one). */
  keepWaves?: boolean;
  /** Hours simulated (default params.durationHours). */
  durationHours?: number;
  /** Discretisation options passed to {@link fluidOverload}. */
  fluid?: Omit<FluidOverloadOptions, 'extraMega' | 'stopOnCollapse'>;
}

/** Result of {@link fluidRecovery}. */
export interface FluidRecoveryResult {
  /** Online >= recoveryThreshold at the end and from `recoveredAtHours` on. */
  recovered: boolean;
  /** When the online fraction reached recoveryThreshold for good (hours after T), or null. */
  recoveredAtHours: number | null;
  /** recoveredAtHours − atHours (0 when the network was never down at the injection), or null. */
  recoveryHours: number | null;
  /** Online fraction just before the injection and at the end. */
  onlineBefore: number;
  finalOnline: number;
  /** The whole fluid run. */
  run: FluidOverloadResult;
}

/**
 * Recovery of the fluid overload model by injected capacity: `megaCount` mega-supernodes of `capacity` clients
 * each at `atHours` — whether the network comes back, and when.
 *
 * @param input - model parameters (the trigger and everything else as given; by default its own mega waves are dropped).
 * @param options - count, capacity, injection time, whether to keep the parameters' waves, duration.
 * @returns recovered, the time online reached `recoveryThreshold` for good, the recovery time after the
 *   injection, and the run.
 * @throws FragilityInputError naming the offending field (`megaCount`, `capacity`, `atHours`, …).
 *
 * **Complexity**: one fluid run of `durationHours`.
 *
 * **Model**: {@link fluidOverload} with the injection as an extra wave (same rules: a share `mega.share` of the
 * attempts, plus every attempt whose probed supernodes are all down, goes to the mega pool; mega-supernodes only
 * refuse above capacity). Recovery = online >= `recoveryThreshold` from some time to the end of the run (as in the
 * simulation); the recovery time is counted from the injection.
 *
 * **References**: see {@link fluidBistability} (metastable failures: recovery needs the sustaining effect broken,
 * here by capacity); Skype 2010 post-mortem (mega-supernode waves, `docs/reference/skype-calibration.md`).
 *
 * @example
 * ```ts
 * fluidRecovery({}, { megaCount: 400, atHours: 2 }).recoveredAtHours; // ≈ 2.3
 * ```
 */
export function fluidRecovery(input: OverloadParamsInput | OverloadParams, options: FluidRecoveryOptions): FluidRecoveryResult {
  const base = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(base);
  if (!options) throw new FragilityInputError('options', options, '{ megaCount, atHours }');
  checkInteger('megaCount', options.megaCount, 0, 1e9);
  checkNumber('atHours', options.atHours, 0, 24 * 365);
  const capacity = options.capacity ?? base.mega.capacityClients;
  checkNumber('capacity', capacity, 0, 1e12);
  const duration = options.durationHours ?? base.durationHours;
  checkNumber('durationHours', duration, 0.01, 24 * 365);
  const p = withOverloadParams(base, { durationHours: duration, ...(options.keepWaves ? {} : { mega: { waves: [] } }) });
  const run = fluidOverload(p, { ...(options.fluid ?? {}), extraMega: [{ atHours: options.atHours, count: options.megaCount, capacityClients: capacity }] });
  let onlineBefore = run.timeline[0].online;
  for (const pt of run.timeline) if (pt.t <= options.atHours) onlineBefore = pt.online;
  const recoveredAt = run.recoveredAtHours;
  return {
    recovered: run.recovered,
    recoveredAtHours: recoveredAt,
    recoveryHours: recoveredAt === null ? null : Math.max(0, recoveredAt - options.atHours),
    onlineBefore,
    finalOnline: run.final.online,
    run,
  };
}
