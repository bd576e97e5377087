/**
 * The two-tier supernode-overload model: a time-stepped simulation of the Skype outage mechanism (restart storm,
 * self-protecting supernodes, feedback collapse, recovery by mega-supernodes). This module runs the parts of one
 * step in order: mega-supernodes (waves, ramps, withdrawal), supernode timers, trigger, releases into the search,
 * routing of the attempts, supernode and mega-supernode admissions, failures back to the retry levels, statistics.
 *
 * @module
 */
import { FragilityInputError, checkInteger } from '../../errors.ts';
import { stream } from '../../random/stream.ts';
import {
  type OverloadParams,
  type OverloadParamsInput,
  skype2010OverloadParams,
  validateOverloadParams,
  withOverloadParams,
} from '../../models/overload-params.ts';
import type { OverloadRunSummary } from '../../models/overload-timeline.ts';

export type { OverloadFinalState, OverloadTimelinePoint } from '../../models/overload-timeline.ts';
import {
  allSearching,
  createCohorts,
  detectLoss,
  goneTotal,
  releaseIntoSearch,
  returnFailures,
  routeAttempts,
  searchingTotal,
  type ClientCohorts,
} from './clients.ts';
import {
  createMegaPool,
  injectWaves,
  listMegaUp,
  type MegaPool,
  reshapeCapacity,
  serveMegas,
} from './mega-supernodes.ts';
import { createOutputs, recordStep, sample, summary, type OverloadOutputs } from './outputs.ts';
import { createSetup, newScratch, resetScratch, stepAt, type OverloadSetup, type StepScratch } from './state.ts';
import {
  advanceTimers,
  createSupernodes,
  listUp,
  serveSupernodes,
  shutDownAll,
  type Supernodes,
} from './supernodes.ts';
import { applyTrigger, createTrigger } from './trigger.ts';

/**
 * Result of {@link simulateOverload}.
 *
 * @category Overload model
 */
export interface OverloadResult extends OverloadRunSummary {
  seed: number;
}

/**
 * Options of {@link simulateOverload}.
 *
 * @category Overload model
 */
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

/**
 * Step 5, routing: an attempt reaches the mega pool with probability `mega.share` (when megas are up); otherwise it
 * tries H cache entries, all down with probability (D/S)^H, and then goes to the mega pool (if any) or fails.
 * Returns [pR, pM]: the probabilities of reaching a supernode and a mega-supernode.
 */
function routing(s: OverloadSetup, x: StepScratch): [number, number] {
  const pAllDown = x.down === s.S ? 1 : (x.down / s.S) ** s.H;
  if (x.nMegaUp > 0) {
    const pR = x.nUp > 0 ? (1 - s.p.mega.share) * (1 - pAllDown) : 0;
    return [pR, 1 - pR];
  }
  return [x.nUp > 0 ? 1 - pAllDown : 0, 0];
}

/** Throw if the clients of every state do not add up to C (`checkConservation`). */
function checkConservation(s: OverloadSetup, out: OverloadOutputs, cl: ClientCohorts, k: number): void {
  const total = out.online + cl.restarting + cl.crashed + goneTotal(cl) + searchingTotal(cl);
  if (Math.abs(total - s.C) > 1e-6) {
    throw new Error(`overload model: client conservation violated at step ${k}: ${total} != ${s.C}`);
  }
}

/**
 * Simulate the two-tier supernode-overload model (the December 2010 Skype mechanism).
 *
 * @param input - parameters: a full {@link OverloadParams} or a partial override of {@link skype2010OverloadParams}.
 * @param options - seed, replicate index, conservation checking.
 * @returns the timeline and summary (see {@link OverloadResult}).
 * @throws FragilityInputError naming the offending field.
 *
 * @complexity O(T·(S + M + L·B)) time for T steps, S supernodes, M mega-supernodes, L retry levels and B delay
 * bins per level; O(S + M + L·B + R) memory (R = restart-delay bins). Clients are never represented one by one:
 * the full scale (21 M clients, 26 000 supernodes, 17 280 steps) runs in ≈ 10 s with ≈ 110 MB resident.
 *
 * @model (one step of dt seconds; t counted from the trigger onset T):
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
 * @references Skype CIO post-mortem (L. Rabbe, 29 Dec 2010) and the calibration table
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
 *
 * @category Overload model
 */
export function simulateOverload(
  input: OverloadParamsInput | OverloadParams = {},
  options: SimulateOverloadOptions = {},
): OverloadResult {
  const run = runSimulation(input, options, 'end');
  const result: OverloadRunSummary = summary(run.s, run.out, run.sn, run.mega, run.cl);
  return { seed: run.seed, ...result };
}

/**
 * Whether {@link simulateOverload}(input, options) collapses (its `collapsed`), without simulating past the step at
 * which that is decided: the run stops at the first step whose online fraction falls below `collapseThreshold` (the
 * minimum can then only stay below it). Same parameters, same checks, same draws up to that step, so the answer is
 * simulateOverload's (test/cascade/overload-collapsed-early.test.ts); a run that does not collapse is simulated to
 * its end. For callers that only need the outcome (runOverloadBatch: the sequential threshold designs).
 *
 * @internal
 */
export function simulateOverloadCollapsed(
  input: OverloadParamsInput | OverloadParams = {},
  options: SimulateOverloadOptions = {},
): boolean {
  const { s, out } = runSimulation(input, options, 'collapsed');
  return out.minOnline < s.p.collapseThreshold;
}

/**
 * `collapsed` and `minOnlineFraction` of {@link simulateOverload}(input, options), without simulating past the step
 * at which both are decided: the first step with no client online (the minimum cannot fall further, and collapsed
 * is then `0 < collapseThreshold`). A run that keeps clients online is simulated to its end. Same parameters,
 * checks and draws up to that step, so both values are simulateOverload's (test/cascade/overload-collapsed-early.test.ts).
 * For collapseProbability, which keeps only these two per run.
 *
 * @internal
 */
export function simulateOverloadMinimum(
  input: OverloadParamsInput | OverloadParams = {},
  options: SimulateOverloadOptions = {},
): { collapsed: boolean; minOnlineFraction: number } {
  const { s, out } = runSimulation(input, options, 'empty');
  return { collapsed: out.minOnline < s.p.collapseThreshold, minOnlineFraction: out.minOnline };
}

/**
 * When a run may stop before its last step: 'end' never; 'collapsed' once its minimum online fraction is below
 * collapseThreshold; 'empty' once that minimum is 0.
 */
type StopRule = 'end' | 'collapsed' | 'empty';

/** Check the input, set up and run the steps, up to the last one or to where `stop` says the outcome is decided. */
function runSimulation(
  input: OverloadParamsInput | OverloadParams,
  options: SimulateOverloadOptions,
  stop: StopRule,
): { seed: number; s: OverloadSetup; out: OverloadOutputs; sn: Supernodes; mega: MegaPool; cl: ClientCohorts } {
  const p = withOverloadParams(skype2010OverloadParams, input as OverloadParamsInput);
  validateOverloadParams(p);
  const seed = options.seed ?? 1;
  checkInteger('seed', seed);
  const init = options.initialState ?? 'healthy';
  if (init !== 'healthy' && init !== 'collapsed')
    throw new FragilityInputError('initialState', init, "'healthy' or 'collapsed'");
  const check = options.checkConservation ?? false;

  const s = createSetup(p, stream(seed, options.index ?? 0));
  const sn = createSupernodes(s);
  const mega = createMegaPool(s);
  const cl = createCohorts(s);
  const trig = createTrigger(s);
  const shedStep = stepAt(s, p.shedding.atHours);
  const collapsedStart = init === 'collapsed';
  if (collapsedStart) {
    shutDownAll(s, sn);
    allSearching(s, cl);
  }
  const out = createOutputs(s, collapsedStart);
  const x = newScratch();
  sample(s, out, cl, mega, 0);
  const done = () =>
    stop === 'collapsed' ? out.minOnline < p.collapseThreshold : stop === 'empty' && out.minOnline === 0;

  for (let k = 0; k < s.steps && !done(); k++) {
    resetScratch(x);
    injectWaves(mega, k);
    reshapeCapacity(s, mega, x, k);
    advanceTimers(s, sn, k, out.online / s.C);
    applyTrigger(s, sn, mega, cl, trig, x, k);
    releaseIntoSearch(s, cl, k);
    x.nUp = listUp(sn);
    x.nMegaUp = listMegaUp(mega);
    x.down = s.S - x.nUp;
    const [pR, pM] = routing(s, x);
    routeAttempts(s, cl, x, k, pR, pM);
    const c = k >= shedStep ? p.loginCost * p.shedding.loginCostFactor : p.loginCost;
    serveSupernodes(s, sn, x, c, k);
    serveMegas(s, mega, x, c);
    returnFailures(s, cl, x, k);
    detectLoss(s, cl, x.dumped, k);
    recordStep(s, out, x, k);
    if (check) checkConservation(s, out, cl, k);
    if ((k + 1) % p.sampleEvery === 0 || k + 1 === s.steps) sample(s, out, cl, mega, k + 1);
  }
  return { seed, s, out, sn, mega, cl };
}
