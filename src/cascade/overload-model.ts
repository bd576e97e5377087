/**
 * The two-tier supernode-overload model: a time-stepped simulation of the Skype outage mechanism (restart storm,
 * self-protecting supernodes, feedback collapse, recovery by mega-supernodes).
 *
 * @module
 */
import { FragilityInputError, checkInteger } from '../errors.ts';
import { Rng, stream } from '../random/stream.ts';
import { lognormal } from '../random/lognormal.ts';
import { binomial } from '../random/binomial.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  scaledPopulation,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../models/overload-params.ts';
import { lognormalDelayPmf, retryDelayPmf, type StepDelayPmf } from '../models/overload-policies.ts';
import { approxBinomial, scatterUniformCounts } from './overload-sampling.ts';
import type { OverloadFinalState, OverloadRunSummary, OverloadTimelinePoint } from '../models/overload-timeline.ts';

export type { OverloadFinalState, OverloadTimelinePoint } from '../models/overload-timeline.ts';

/** Cohort transitions (a few draws per step on aggregate counts): the exact binomial sampler of src/random. */
const cohortBinomial = binomial;

/** Result of {@link simulateOverload}. */
export interface OverloadResult extends OverloadRunSummary {
  seed: number;
}

/** Options of {@link simulateOverload}. */
export interface SimulateOverloadOptions {
  /** Seed of the run (default 1). */
  seed?: number;
  /** Replicate index within the seed (default 0). */
  index?: number;
  /** Check client conservation at every step and throw an Error if it fails (default false; costs O(levels·ring)). */
  checkConservation?: boolean;
  /**
   * Start from another state than the healthy network (default 'healthy'): 'collapsed' puts every client in the
   * search (first attempt at step 0) and every ordinary supernode in the re-entry lag, as after an overload shutdown
   * at step 0 — the same initial state as the fluid limit's `initialState: 'collapsed'` (src/analytic), used by
   * `simulatedBistability` to ask whether a collapse sustains itself.
   */
  initialState?: 'healthy' | 'collapsed';
}

const UP = 0;
const SHUTDOWN = 1;
const CRASHED = 2;
const REJOINING = 3;
/** Lag over, waiting to be re-promoted (only with `promotion`, calibration row 28). */
const PROMOTING = 4;
const NEVER = 0x7fffffff;
/** Number of retry levels used when clients never give up (the last level loops on itself). */
const LOOP_LEVELS = 40;

/**
 * Simulate the two-tier supernode-overload model (the December 2010 Skype mechanism).
 *
 * @param input - parameters: a full {@link OverloadParams} or a partial override of {@link skype2010OverloadParams}.
 * @param options - seed, replicate index, conservation checking.
 * @returns the timeline and summary (see {@link OverloadResult}).
 * @throws FragilityInputError naming the offending field.
 *
 * **Complexity**: O(T·(S + M + L·B)) time for T steps, S supernodes, M mega-supernodes, L retry levels and B delay
 * bins per level; O(S + M + L·B + R) memory (R = restart-delay bins). Clients are never represented one by one:
 * the full scale (21 M clients, 26 000 supernodes, 17 280 steps) runs in ≈ 10 s with ≈ 110 MB resident.
 *
 * **Model** (one step of dt seconds; t counted from the trigger onset T):
 * - *Supernodes* i = 1..S: nominal unit L0 = C/S clients; capacity cap_i = (1 + alpha_i)·L0 (alpha_i drawn from
 *   `headroom`; with an overlay, times overlay.capacity[i]). Load_i = attached_i + c·r_i, where r_i is the number of
 *   login/search requests received in the step and c the login cost (×`shedding.loginCostFactor` after the shedding
 *   time). The normal steady state (attached = L0, no requests) has load 1 per nominal unit; churn is left out, so
 *   normal logins only serve to normalise `loginRate` (C·dt / `normalSessionHours`). The self-protection rule
 *   (row 10, hard shutdown) watches the monitored load m_i ← m_i + β(load_i − m_i), β = 1 − exp(−dt/τ),
 *   τ = `loadWindowSeconds` (β = 1 for τ = 0; m_i starts at the normal load and at 0 after a rejoin): if
 *   m_i > cap_i, or if the step's load exceeds `burstFactor`·cap_i, the supernode shuts itself down: all its
 *   requests fail, its clients start searching, and it rejoins after a lag U(rejoin.min, rejoin.max). Otherwise it
 *   accepts min(r_i, ⌊admission·cap_i − load_i⌋) new clients (it cannot refuse the request load itself) and the
 *   other requests fail. With `refuseCostFactor` ρ < 1 the admission is decided first, on the monitored load:
 *   a_i = min(r_i, ⌊(admission·cap_i − max(attached_i, m_i))/(1 + c)⌋) and load_i = attached_i + (1 + c)·a_i +
 *   ρc·(r_i − a_i).
 * - *Mega-supernodes*: capacity `capacityClients` each; load = attached + c·`mega.loginCostFactor`·requests; over
 *   capacity they only refuse requests — they never shut down. Waves at given hours; a fraction is withdrawn later (their clients start searching).
 * - *Trigger* (duration K steps): each up supernode crashes with a per-step hazard h_s, 1 − (1 − h_s)^K =
 *   supernodeCrashShare·(1 − autoUpdateCoverage); each online client crashes with a hazard h_c,
 *   1 − (1 − h_c)^K = buggyShare·crashProbability·(1 − autoUpdateCoverage). Well-mixed approximation: the version of
 *   a client is not tracked, so a restarted client can crash again while the trigger lasts (repeat crashes).
 * - *Crashed clients* restart with probability `restart.probability` after a log-normal delay (cohorts in a ring
 *   buffer of delay bins), otherwise stay crashed and come back at rate 1/crashedReturnHours. Crashed supernodes
 *   restart the same way and then wait out the re-entry lag.
 * - *Searching clients* are cohorts by (failed attempts n, step of the next attempt), in ring buffers. An attempt
 *   reaches the mega pool with probability share (when megas are up); otherwise the client tries its host cache of
 *   H supernodes (H = `probesPerAttempt`, at most `cacheSize`), which all are down with probability (D/S)^H
 *   (D = supernodes not up; cache entries independent and
 *   uniform, which keeps the behaviour in fractions the same at every scale) — "annealed" cache approximation: each
 *   attempt sees a fresh random cache, so long-lived stale caches
 *   and cache refresh are not modelled; if all are down the attempt goes to the mega pool (if any) or fails. Reachable
 *   attempts spread uniformly over the up supernodes (or up megas): a multinomial by conditional binomials.
 *   After a failure the client waits the retry policy's delay for failure n; after `maxAttempts` failures it gives up
 *   (`gone`) and starts over after an exponential time of mean `goneReturnHours`. Failures are shared among the
 *   levels by conditional binomials (exact totals; which level fails is well-mixed).
 * - Every client is in exactly one of online, restarting, crashed, searching, gone at every step.
 * - *Outputs*: `loginRate` counts the requests that reach up supernodes (accepted or refused); `trafficRate` also
 *   counts the probes of down cache entries, E = (1 − x^H)/(1 − x) per attempt on the cache path, x = D/S.
 *
 * **References**: Skype CIO post-mortem (L. Rabbe, 29 Dec 2010) and the calibration table
 * (`docs/reference/skype-calibration.md`); A. E. Motter, Y.-C. Lai, Phys. Rev. E 66, 065102 (2002) (capacity
 * (1 + alpha)·L0); S. Pradhan, A. Hansen, B. K. Chakrabarti, Rev. Mod. Phys. 82, 499 (2010) (equal load sharing);
 * M. Brooker, "Exponential Backoff and Jitter" (AWS, 2015).
 *
 * @example
 * ```ts
 * const r = simulateOverload({ scale: 0.01 }, { seed: 1 });
 * r.collapsed;         // true: online falls to ≈ 0 within ≈ 30 min, then ≈ 17 % on the first mega-supernode wave
 * r.recoveredAtHours;  // ≈ 16.3: back above 80 % within ≈ 20 min of the second wave (T+16 h)
 * ```
 */
export function simulateOverload(input: OverloadParamsInput | OverloadParams = {}, options: SimulateOverloadOptions = {}): OverloadResult {
  const p = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(p);
  const seed = options.seed ?? 1;
  checkInteger('seed', seed);
  const rng: Rng = stream(seed, options.index ?? 0);
  const check = options.checkConservation ?? false;
  const init = options.initialState ?? 'healthy';
  if (init !== 'healthy' && init !== 'collapsed') throw new FragilityInputError('initialState', init, "'healthy' or 'collapsed'");

  const { clients: C, supernodes: S, cacheSize } = scaledPopulation(p);
  /** Host-cache entries probed per login attempt (the annealed cache draws this many entries afresh each attempt). */
  const H = p.probesPerAttempt === null ? cacheSize : Math.min(p.probesPerAttempt, cacheSize);
  const dt = p.stepSeconds;
  const steps = Math.round((p.durationHours * 3600) / dt);
  const L0 = C / S;
  const hours = (k: number) => (k * dt) / 3600;

  // ---- supernodes ----
  const snState = new Uint8Array(S);
  const snTimer = new Int32Array(S);
  const attached = new Float64Array(S);
  const cap = new Float64Array(S);
  const req = new Float64Array(S);
  const monitored = new Float64Array(S); // EWMA of the load the self-protection rule watches
  const cheapRefusal = p.refuseCostFactor < 1;
  const burstCap = p.burstFactor;
  const beta = p.loadWindowSeconds > 0 ? -Math.expm1(-dt / p.loadWindowSeconds) : 1;
  const upIds = new Int32Array(S);
  const capRng = rng.fork(1);
  for (let i = 0; i < S; i++) {
    const alpha = p.headroom.sample(capRng);
    cap[i] = (1 + alpha) * L0 * (p.overlay ? p.overlay.capacity[i] : 1);
  }
  if (p.overlay) {
    const act = p.overlay.active;
    for (let c = 0; c < C; c++) attached[act[c]]++;
  } else {
    const base = Math.floor(C / S);
    const extra = C - base * S;
    for (let i = 0; i < S; i++) attached[i] = base + (i < extra ? 1 : 0);
  }
  for (let i = 0; i < S; i++) monitored[i] = attached[i];

  // ---- mega-supernodes ----
  const waves = p.mega.waves
    .filter((w) => w.count > 0)
    .map((w) => {
      const n = Math.max(1, Math.round(w.count * p.scale));
      const ramp = Math.round(((w.overHours ?? 0) * 3600) / dt);
      return { step: Math.round((w.atHours * 3600) / dt), n, capEach: (w.count * p.mega.capacityClients * p.scale) / n, ramp };
    })
    .sort((a, b) => a.step - b.step);
  const M = waves.reduce((s, w) => s + w.n, 0);
  const anyRamp = waves.some((w) => w.ramp > 0);
  const megaStep = new Int32Array(M);
  const megaRamp = new Int32Array(M);
  const megaCap = new Float64Array(M);
  const megaCap0 = new Float64Array(M);
  const megaAttached = new Float64Array(M);
  const megaReq = new Float64Array(M);
  const megaIsUp = new Uint8Array(M);
  const megaIds = new Int32Array(M);
  let megaInjected = 0;
  let megaWithdrawn = 0;
  let waveIdx = 0;
  const withdrawStep = Number.isFinite(p.mega.withdrawAtHours) ? Math.round((p.mega.withdrawAtHours * 3600) / dt) : NEVER;
  const shedStep = Number.isFinite(p.shedding.atHours) ? Math.round((p.shedding.atHours * 3600) / dt) : NEVER;

  // ---- client cohorts ----
  const levels = Number.isFinite(p.maxAttempts) ? p.maxAttempts : LOOP_LEVELS;
  const gaveUpAt = Number.isFinite(p.maxAttempts) ? p.maxAttempts : NEVER; // failures after which a client gives up
  const retryPmfs: StepDelayPmf[] = [];
  let Ls = 2;
  for (let n = 0; n < levels; n++) {
    const pm = retryDelayPmf(p.retry, n, dt);
    retryPmfs.push(pm);
    Ls = Math.max(Ls, pm.pmf.length);
  }
  const detectPmf = lognormalDelayPmf(p.detection.medianSeconds, p.detection.sigma, dt);
  Ls = Math.max(Ls, detectPmf.pmf.length);
  const searchRing = new Float64Array(levels * Ls);
  const restartPmf = lognormalDelayPmf(p.restart.medianSeconds, p.restart.sigma, dt);
  const Lr = restartPmf.pmf.length;
  const restartRing = new Float64Array(Lr);
  let restartingTotal = 0;
  let crashedPool = 0;
  let gonePool = 0;
  const rN = new Float64Array(levels);
  const mN = new Float64Array(levels);
  const fN = new Float64Array(levels);

  const pCrashedReturn = Number.isFinite(p.restart.crashedReturnHours) ? -Math.expm1(-dt / (p.restart.crashedReturnHours * 3600)) : 0;
  const pGoneReturn = Number.isFinite(p.goneReturnHours) ? -Math.expm1(-dt / (p.goneReturnHours * 3600)) : 0;
  const normalLoginsPerStep = (C * dt) / (p.normalSessionHours * 3600);
  // human give-up (row 27): Erlang(stages, meanHours) absence, stage by stage (same rule as the fluid limit)
  const abShare = p.abandon ? p.abandon.share : 0;
  const abStages = new Float64Array(abShare > 0 ? p.abandon!.stages : 0);
  const pAbStage = abShare > 0 ? -Math.expm1(-(dt * p.abandon!.stages) / (p.abandon!.meanHours * 3600)) : 0;
  let abandonedTotal = 0;
  // rate-limited admission at mega-supernodes (row 29): new clients per step per unit of mega capacity
  const megaAdmitPerStep = p.mega.admitPerSecond !== undefined && Number.isFinite(p.mega.admitPerSecond) && p.mega.capacityClients > 0 ? (p.mega.admitPerSecond * dt) / p.mega.capacityClients : Infinity;
  const promo = p.promotion;

  // ---- trigger ----
  const forced = p.forcedLoss !== null;
  const upd = 1 - p.trigger.autoUpdateCoverage;
  const K = forced ? 1 : Math.max(1, Math.round((p.trigger.durationMinutes * 60) / dt));
  const clientShare = forced ? 0 : p.trigger.buggyShare * p.trigger.crashProbability * upd;
  const snShare = forced ? 0 : p.trigger.supernodeCrashShare * upd;
  const hC = -Math.expm1(Math.log1p(-Math.min(clientShare, 1 - 1e-15)) / K);
  const hS = -Math.expm1(Math.log1p(-Math.min(snShare, 1 - 1e-15)) / K);
  const pRestart = p.restart.probability;
  const lagLo = (p.rejoin.minMinutes * 60) / dt;
  const lagW = ((p.rejoin.maxMinutes - p.rejoin.minMinutes) * 60) / dt;
  const muRestart = Math.log(Math.max(p.restart.medianSeconds, 1e-9));

  const lagSteps = () => Math.max(1, Math.round(lagLo + rng.next() * lagW));
  const crashSupernode = (i: number, k: number): number => {
    const dumped = attached[i];
    attached[i] = 0;
    snState[i] = CRASHED;
    let delay: number;
    if (rng.next() < pRestart) delay = Math.max(1, Math.ceil(lognormal(rng, muRestart, p.restart.sigma) / dt));
    else if (Number.isFinite(p.restart.crashedReturnHours)) delay = Math.max(1, Math.ceil((-Math.log(rng.nextOpen()) * p.restart.crashedReturnHours * 3600) / dt));
    else delay = NEVER;
    snTimer[i] = delay >= NEVER - k ? NEVER : k + delay;
    return dumped;
  };
  /** Spread n clients over ring slots k+b of `ring` (offset `base`, length `len`) by the delay pmf. */
  const scatterDelay = (n: number, pm: Float64Array, ring: Float64Array, base: number, len: number, k: number) => {
    let rem = n;
    let mass = 1;
    for (let b = 1; b < pm.length && rem > 0; b++) {
      if (pm[b] === 0) continue;
      const x = b === pm.length - 1 || pm[b] >= mass ? rem : cohortBinomial(rng, rem, pm[b] / mass);
      mass -= pm[b];
      if (x > 0) {
        ring[base + ((k + b) % len)] += x;
        rem -= x;
      }
    }
    if (rem > 0) ring[base + ((k + 1) % len)] += rem;
  };
  const crashClients = (n: number, k: number) => {
    if (n <= 0) return;
    const nr = cohortBinomial(rng, n, pRestart);
    crashedPool += n - nr;
    if (nr > 0) {
      scatterDelay(nr, restartPmf.pmf, restartRing, 0, Lr, k);
      restartingTotal += nr;
    }
  };

  // ---- initial state ----
  const collapsedStart = init === 'collapsed';
  if (collapsedStart) {
    for (let i = 0; i < S; i++) {
      attached[i] = 0;
      monitored[i] = 0;
      snState[i] = SHUTDOWN;
      snTimer[i] = lagSteps();
    }
    searchRing[0] = C; // level 0, slot of step 0: every client attempts at step 0
  }

  // ---- outputs ----
  const timeline: OverloadTimelinePoint[] = [];
  let minOnline = collapsedStart ? 0 : 1;
  let minOnlineStep = 0;
  let peakLogin = 0;
  let peakLoginStep = 0;
  let peakTraffic = 0;
  let peakTrafficStep = 0;
  let lastTrafficRate = 0;
  let peakMeanLoad = 0;
  let lastBelow = collapsedStart ? 0 : -1; // last step with online < recoveryThreshold
  let online = collapsedStart ? 0 : C;
  let nUp = collapsedStart ? 0 : S;
  let lastMeanLoad = collapsedStart ? 0 : 1;
  let lastLoginRate = 0;
  const searchingTotal = () => {
    let s = 0;
    for (let j = 0; j < searchRing.length; j++) s += searchRing[j];
    return s;
  };
  const sample = (k: number) => {
    const srch = searchingTotal();
    let megaUp = 0;
    for (let j = 0; j < megaInjected; j++) megaUp += megaIsUp[j];
    megaUp = Math.max(0, Math.round(megaUp - megaWithdrawn));
    timeline.push({
      t: hours(k),
      online: online / C,
      supernodesUp: nUp / S,
      meanLoad: lastMeanLoad,
      loginRate: lastLoginRate,
      trafficRate: lastTrafficRate,
      megaUp,
      searching: srch / C,
      restarting: restartingTotal / C,
      crashed: crashedPool / C,
      gone: (gonePool + abandonedTotal) / C,
    });
  };
  sample(0);

  for (let k = 0; k < steps; k++) {
    const sl = k % Ls;
    let dumpedNext = 0; // clients that lost their supernode this step (they notice after the detection delay)
    // 1. mega-supernode waves and withdrawal
    while (waveIdx < waves.length && waves[waveIdx].step <= k) {
      const w = waves[waveIdx++];
      for (let j = 0; j < w.n; j++) {
        megaStep[megaInjected] = w.step;
        megaRamp[megaInjected] = w.ramp;
        megaCap[megaInjected] = w.ramp > 0 ? w.capEach * Math.min(1, (k - w.step + 1) / w.ramp) : w.capEach;
        megaCap0[megaInjected] = w.capEach;
        megaIsUp[megaInjected] = 1;
        megaInjected++;
      }
    }
    const withdrawing = k >= withdrawStep && megaInjected > 0;
    if (withdrawing || anyRamp) {
      // gradual withdrawal: the mega capacity shrinks linearly over the window; clients above it are handed back
      // (they start searching). Scale-free: it does not depend on how many mega-supernodes the scale leaves.
      // A ramped wave (row 30) grows its capacity linearly over its `overHours` (times the withdrawal factor).
      let keep = 1;
      let progress = 0;
      if (withdrawing) {
        const span = Math.max(1, Math.round((p.mega.withdrawOverHours * 3600) / dt));
        progress = Math.min(1, (k - withdrawStep + 1) / span);
        keep = 1 - p.mega.withdrawFraction * progress;
      }
      for (let j = 0; j < megaInjected; j++) {
        if (!megaIsUp[j]) continue;
        const rf = megaRamp[j] > 0 ? Math.min(1, (k - megaStep[j] + 1) / megaRamp[j]) : 1;
        megaCap[j] = megaCap0[j] * rf * keep;
        if (!withdrawing) continue;
        if (keep <= 0) megaIsUp[j] = 0;
        const excess = megaAttached[j] - Math.floor(megaCap[j]);
        if (excess > 0) {
          megaAttached[j] -= excess;
          dumpedNext += excess;
        }
      }
      if (withdrawing) megaWithdrawn = megaInjected * p.mega.withdrawFraction * progress;
    }
    // 2. supernode timers (with promotion, row 28: after the lag a supernode waits to be re-promoted, hazard
    // online/meanHours per hour with the online fraction of the previous step)
    const pPromote = promo ? -Math.expm1(-(dt * (online / C)) / (promo.meanHours * 3600)) : 1;
    for (let i = 0; i < S; i++) {
      if (snState[i] !== UP && snState[i] !== PROMOTING && snTimer[i] <= k) {
        if (snState[i] === CRASHED) {
          snState[i] = REJOINING;
          snTimer[i] = k + lagSteps();
        } else if (promo) snState[i] = PROMOTING;
        else {
          snState[i] = UP;
          attached[i] = 0;
          monitored[i] = 0;
        }
      }
      if (snState[i] === PROMOTING && rng.next() < pPromote) {
        snState[i] = UP;
        attached[i] = 0;
        monitored[i] = 0;
      }
    }
    // 3. trigger
    if (k < K) {
      if (forced && k === 0) {
        const nLoss = Math.round(p.forcedLoss! * S);
        const perm = new Int32Array(S);
        for (let i = 0; i < S; i++) perm[i] = i;
        for (let j = 0; j < nLoss; j++) {
          const r = j + rng.int(S - j);
          const tmp = perm[j];
          perm[j] = perm[r];
          perm[r] = tmp;
          dumpedNext += crashSupernode(perm[j], k);
        }
        const pc = Math.min(1, p.forcedLoss! * p.forcedClientCrashRatio);
        let crashedNow = 0;
        for (let i = 0; i < S; i++) {
          if (snState[i] !== UP || attached[i] === 0) continue;
          const x = approxBinomial(rng, attached[i], pc);
          attached[i] -= x;
          crashedNow += x;
        }
        // clients of the lost supernodes crash in the same proportion
        const xd = cohortBinomial(rng, dumpedNext, pc);
        dumpedNext -= xd;
        crashClients(crashedNow + xd, k);
      } else if (!forced) {
        let crashedNow = 0;
        for (let i = 0; i < S; i++) {
          if (snState[i] !== UP) continue;
          if (hS > 0 && rng.next() < hS) {
            const d = crashSupernode(i, k);
            const x = approxBinomial(rng, d, hC);
            crashedNow += x;
            dumpedNext += d - x;
            continue;
          }
          if (hC > 0 && attached[i] > 0) {
            const x = approxBinomial(rng, attached[i], hC);
            attached[i] -= x;
            crashedNow += x;
          }
        }
        for (let j = 0; j < megaInjected; j++) {
          if (megaIsUp[j] && hC > 0 && megaAttached[j] > 0) {
            const x = approxBinomial(rng, megaAttached[j], hC);
            megaAttached[j] -= x;
            crashedNow += x;
          }
        }
        crashClients(crashedNow, k);
      }
    }
    // 4. releases into the search (they attempt in this step)
    const rel = restartRing[k % Lr];
    if (rel > 0) {
      restartRing[k % Lr] = 0;
      restartingTotal -= rel;
      searchRing[sl] += rel;
    }
    if (crashedPool > 0 && pCrashedReturn > 0) {
      const x = cohortBinomial(rng, crashedPool, pCrashedReturn);
      crashedPool -= x;
      searchRing[sl] += x;
    }
    if (gonePool > 0 && pGoneReturn > 0) {
      const x = cohortBinomial(rng, gonePool, pGoneReturn);
      gonePool -= x;
      searchRing[sl] += x;
    }
    for (let j = abStages.length - 1; j >= 0; j--) {
      if (!(abStages[j] > 0)) continue;
      const x = cohortBinomial(rng, abStages[j], pAbStage);
      if (x === 0) continue;
      abStages[j] -= x;
      if (j + 1 < abStages.length) abStages[j + 1] += x;
      else {
        searchRing[sl] += x;
        abandonedTotal -= x;
      }
    }
    // 5. attempts: routing
    nUp = 0;
    for (let i = 0; i < S; i++) if (snState[i] === UP) upIds[nUp++] = i;
    let nMegaUp = 0;
    for (let j = 0; j < megaInjected; j++) if (megaIsUp[j]) megaIds[nMegaUp++] = j;
    const D = S - nUp;
    const pAllDown = D === S ? 1 : (D / S) ** H;
    let pR: number;
    let pM: number;
    if (nMegaUp > 0) {
      pR = nUp > 0 ? (1 - p.mega.share) * (1 - pAllDown) : 0;
      pM = 1 - pR;
    } else {
      pR = nUp > 0 ? 1 - pAllDown : 0;
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
      const r = cohortBinomial(rng, a, pR);
      const m = pR < 1 ? cohortBinomial(rng, a - r, Math.min(1, pM / (1 - pR))) : 0;
      rN[n] = r;
      mN[n] = m;
      fN[n] = a - r - m;
      R += r;
      MR += m;
    }
    // 6–7. requests, loads, shutdowns, admissions
    const c = k >= shedStep ? p.loginCost * p.shedding.loginCostFactor : p.loginCost;
    const cRef = c * p.refuseCostFactor;
    if (R > 0 && nUp > 0) scatterUniformCounts(rng, R, upIds, nUp, req);
    let failR = 0;
    let loadSum = 0;
    let onlineNow = 0;
    let upAfter = 0;
    for (let u = 0; u < nUp; u++) {
      const i = upIds[u];
      const r = R > 0 ? req[i] : 0;
      let acc = 0;
      let load: number;
      if (cheapRefusal) {
        // admission control on the monitored load: a login costs 1 + c (the client plus its login work), a refusal cRef
        if (r > 0) {
          const slots = Math.floor((p.admission * cap[i] - Math.max(attached[i], monitored[i])) / (1 + c));
          acc = slots <= 0 ? 0 : slots < r ? slots : r;
        }
        load = attached[i] + (1 + c) * acc + cRef * (r - acc);
      } else load = attached[i] + c * r;
      loadSum += load;
      const mon = monitored[i] + beta * (load - monitored[i]);
      monitored[i] = mon;
      if (mon > cap[i] || load > burstCap * cap[i]) {
        snState[i] = SHUTDOWN;
        snTimer[i] = k + lagSteps();
        dumpedNext += attached[i];
        attached[i] = 0;
        failR += r;
      } else {
        if (r > 0) {
          if (!cheapRefusal) {
            const room = Math.floor(p.admission * cap[i] - load);
            acc = room <= 0 ? 0 : room < r ? room : r;
          }
          attached[i] += acc;
          failR += r - acc;
        }
        onlineNow += attached[i];
        upAfter++;
      }
      req[i] = 0;
    }
    let failM = 0;
    if (MR > 0 && nMegaUp > 0) scatterUniformCounts(rng, MR, megaIds, nMegaUp, megaReq);
    for (let u = 0; u < nMegaUp; u++) {
      const j = megaIds[u];
      const r = MR > 0 ? megaReq[j] : 0;
      if (r > 0) {
        const load = megaAttached[j] + c * p.mega.loginCostFactor * r;
        const room = Math.floor(Math.min(megaCap[j] - load, megaAdmitPerStep * megaCap0[j]));
        const acc = room <= 0 ? 0 : room < r ? room : r;
        megaAttached[j] += acc;
        failM += r - acc;
        megaReq[j] = 0;
      }
      onlineNow += megaAttached[j];
    }
    // 8. failures back to the levels, then the retry delay of each level
    let remR = failR;
    let totR = R;
    let remM = failM;
    let totM = MR;
    for (let n = 0; n < levels; n++) {
      let fr = 0;
      if (rN[n] > 0 && remR > 0) {
        fr = totR <= rN[n] ? remR : cohortBinomial(rng, rN[n], remR / totR);
        fr = Math.max(remR - (totR - rN[n]), Math.min(fr, rN[n], remR));
      }
      totR -= rN[n];
      remR -= fr;
      let fm = 0;
      if (mN[n] > 0 && remM > 0) {
        fm = totM <= mN[n] ? remM : cohortBinomial(rng, mN[n], remM / totM);
        fm = Math.max(remM - (totM - mN[n]), Math.min(fm, mN[n], remM));
      }
      totM -= mN[n];
      remM -= fm;
      const failed = fN[n] + fr + fm;
      if (failed <= 0) continue;
      if (n + 1 >= gaveUpAt) {
        if (abShare > 0) {
          // row 27: a share of the give-ups are users who close Skype (counted in `gone`, returning by stages)
          const xa = cohortBinomial(rng, failed, abShare);
          abStages[0] += xa;
          abandonedTotal += xa;
          gonePool += failed - xa;
        } else gonePool += failed;
        continue;
      }
      const target = n + 1 < levels ? n + 1 : levels - 1;
      scatterDelay(failed, retryPmfs[n].pmf, searchRing, target * Ls, Ls, k);
    }
    if (dumpedNext > 0) scatterDelay(dumpedNext, detectPmf.pmf, searchRing, 0, Ls, k);

    // 9. statistics
    online = onlineNow;
    lastMeanLoad = nUp > 0 ? loadSum / nUp / L0 : 0;
    nUp = upAfter;
    lastLoginRate = (R + MR) / normalLoginsPerStep;
    {
      // traffic: attempts on the cache path probe entries in turn until one is up: E = (1 − x^H)/(1 − x), x = D/S
      const x = D / S;
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
    const frac = online / C;
    if (frac < minOnline) {
      minOnline = frac;
      minOnlineStep = k + 1;
    }
    if (frac < p.recoveryThreshold) lastBelow = k + 1;
    if (check) {
      const total = online + restartingTotal + crashedPool + gonePool + abandonedTotal + searchingTotal();
      if (Math.abs(total - C) > 1e-6) {
        throw new Error(`overload model: client conservation violated at step ${k}: ${total} != ${C}`);
      }
    }
    if ((k + 1) % p.sampleEvery === 0 || k + 1 === steps) sample(k + 1);
  }

  const recovered = lastBelow < steps && online / C >= p.recoveryThreshold;
  const srch = searchingTotal();
  let megaUp = 0;
  let onMega = 0;
  for (let j = 0; j < megaInjected; j++) {
    megaUp += megaIsUp[j];
    onMega += megaAttached[j];
  }
  megaUp = Math.max(0, Math.round(megaUp - megaWithdrawn));
  const count = (s: number) => {
    let x = 0;
    for (let i = 0; i < S; i++) if (snState[i] === s) x++;
    return x / S;
  };
  return {
    seed,
    clients: C,
    supernodes: S,
    megaSupernodes: M,
    steps,
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
      online: online / C,
      searching: srch / C,
      restarting: restartingTotal / C,
      crashed: crashedPool / C,
      gone: (gonePool + abandonedTotal) / C,
      supernodesUp: count(UP),
      supernodesShutDown: count(SHUTDOWN),
      supernodesCrashed: count(CRASHED),
      supernodesRejoining: count(REJOINING) + count(PROMOTING),
      megaUp,
      onMega: onMega / C,
    },
  };
}
