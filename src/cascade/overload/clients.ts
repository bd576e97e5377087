/**
 * The clients of the overload simulation, never one by one: cohorts in ring buffers of delay bins — restarting
 * (log-normal restart delay), searching by retry level (failed attempts n) and step of the next attempt — and the
 * pools of crashed, gone and abandoned clients. One step: releases into the search, routing of the attempts,
 * failures back to their levels.
 *
 * @internal
 * @module
 */
import { routeAttemptLevels } from '../../models/overload-routing.ts';
import type { Rng } from '../../random/stream.ts';
import { binomial } from '../../random/binomial.ts';
import { lognormalDelayPmf, retryDelayPmf, type StepDelayPmf } from '../../models/overload-policies.ts';
import { LOOP_LEVELS, NEVER, type OverloadSetup, type StepScratch } from './state.ts';

/** Cohort transitions (a few draws per step on aggregate counts): the exact binomial sampler of src/random. */
const cohortBinomial = binomial;

export interface ClientCohorts {
  /** Retry levels (maxAttempts, or LOOP_LEVELS when clients never give up). */
  levels: number;
  /** Failures after which a client gives up (NEVER when it does not). */
  gaveUpAt: number;
  retryPmfs: StepDelayPmf[];
  detectPmf: StepDelayPmf;
  /** Ring length of the search buffers (slots per level). */
  Ls: number;
  /** levels × Ls: searching clients by level and step of the next attempt. */
  searchRing: Float64Array;
  restartPmf: StepDelayPmf;
  restartRing: Float64Array;
  restarting: number;
  crashed: number;
  gone: number;
  /** Per level this step: attempts reaching supernodes, reaching mega-supernodes, failing at once. */
  rN: Float64Array;
  mN: Float64Array;
  fN: Float64Array;
  pRestart: number;
  pCrashedReturn: number;
  pGoneReturn: number;
  /** Human give-up (row 27): share of the give-ups who close Skype, Erlang stages of their absence. */
  abShare: number;
  abStages: Float64Array;
  pAbStage: number;
  abandoned: number;
}

export function createCohorts(s: OverloadSetup): ClientCohorts {
  const { p, dt } = s;
  const levels = Number.isFinite(p.maxAttempts) ? p.maxAttempts : LOOP_LEVELS;
  const retryPmfs: StepDelayPmf[] = [];
  let Ls = 2;
  for (let n = 0; n < levels; n++) {
    const pm = retryDelayPmf(p.retry, n, dt);
    retryPmfs.push(pm);
    Ls = Math.max(Ls, pm.pmf.length);
  }
  const detectPmf = lognormalDelayPmf(p.detection.medianSeconds, p.detection.sigma, dt);
  Ls = Math.max(Ls, detectPmf.pmf.length);
  const restartPmf = lognormalDelayPmf(p.restart.medianSeconds, p.restart.sigma, dt);
  const returnProb = (h: number) => (Number.isFinite(h) ? -Math.expm1(-dt / (h * 3600)) : 0);
  // human give-up (row 27): Erlang(stages, meanHours) absence, stage by stage (same rule as the fluid limit)
  const abShare = p.abandon ? p.abandon.share : 0;
  return {
    levels,
    gaveUpAt: Number.isFinite(p.maxAttempts) ? p.maxAttempts : NEVER,
    retryPmfs,
    detectPmf,
    Ls,
    searchRing: new Float64Array(levels * Ls),
    restartPmf,
    restartRing: new Float64Array(restartPmf.pmf.length),
    restarting: 0,
    crashed: 0,
    gone: 0,
    rN: new Float64Array(levels),
    mN: new Float64Array(levels),
    fN: new Float64Array(levels),
    pRestart: p.restart.probability,
    pCrashedReturn: returnProb(p.restart.crashedReturnHours),
    pGoneReturn: returnProb(p.goneReturnHours),
    abShare,
    abStages: new Float64Array(abShare > 0 ? p.abandon!.stages : 0),
    pAbStage: abShare > 0 ? -Math.expm1(-(dt * p.abandon!.stages) / (p.abandon!.meanHours * 3600)) : 0,
    abandoned: 0,
  };
}

/** Spread n clients over ring slots k+b of `ring` (offset `base`, length `len`) by the delay pmf. */
export function scatterDelay(
  rng: Rng,
  n: number,
  pm: Float64Array,
  ring: Float64Array,
  base: number,
  len: number,
  k: number,
): void {
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
}

/** n clients crash at step k: a share `restart.probability` restarts after the restart delay, the others wait. */
export function crashClients(s: OverloadSetup, cl: ClientCohorts, n: number, k: number): void {
  if (n <= 0) return;
  const nr = cohortBinomial(s.rng, n, cl.pRestart);
  cl.crashed += n - nr;
  if (nr > 0) {
    scatterDelay(s.rng, nr, cl.restartPmf.pmf, cl.restartRing, 0, cl.restartRing.length, k);
    cl.restarting += nr;
  }
}

/** Clients dropped by their supernode at step k start searching after the detection delay (level 0). */
export function detectLoss(s: OverloadSetup, cl: ClientCohorts, n: number, k: number): void {
  if (n > 0) scatterDelay(s.rng, n, cl.detectPmf.pmf, cl.searchRing, 0, cl.Ls, k);
}

/** The collapsed start: every client in the search, first attempt at step 0 (level 0). */
export function allSearching(s: OverloadSetup, cl: ClientCohorts): void {
  cl.searchRing[0] = s.C;
}

/**
 * Step 4: releases into the search at level 0, attempting in this step — restarts due, returns of crashed and gone
 * clients, and the last Erlang stage of the abandoned ones.
 */
export function releaseIntoSearch(s: OverloadSetup, cl: ClientCohorts, k: number): void {
  const { rng } = s;
  const sl = k % cl.Ls;
  const ring = cl.searchRing;
  const Lr = cl.restartRing.length;
  const rel = cl.restartRing[k % Lr];
  if (rel > 0) {
    cl.restartRing[k % Lr] = 0;
    cl.restarting -= rel;
    ring[sl] += rel;
  }
  if (cl.crashed > 0 && cl.pCrashedReturn > 0) {
    const x = cohortBinomial(rng, cl.crashed, cl.pCrashedReturn);
    cl.crashed -= x;
    ring[sl] += x;
  }
  if (cl.gone > 0 && cl.pGoneReturn > 0) {
    const x = cohortBinomial(rng, cl.gone, cl.pGoneReturn);
    cl.gone -= x;
    ring[sl] += x;
  }
  const ab = cl.abStages;
  for (let j = ab.length - 1; j >= 0; j--) {
    if (!(ab[j] > 0)) continue;
    const x = cohortBinomial(rng, ab[j], cl.pAbStage);
    if (x === 0) continue;
    ab[j] -= x;
    if (j + 1 < ab.length) ab[j + 1] += x;
    else {
      ring[sl] += x;
      cl.abandoned -= x;
    }
  }
}

/**
 * Step 5: the attempts of step k, level by level, reach a supernode with probability pR, a mega-supernode with pM,
 * or fail at once (conditional binomials). Sets `x.attempts`, `x.requests`, `x.megaRequests`.
 */
export function routeAttempts(
  s: OverloadSetup,
  cl: ClientCohorts,
  x: StepScratch,
  k: number,
  pR: number,
  pM: number,
): void {
  const { rng } = s;
  const { A, R, MR } = routeAttemptLevels(cl, k, pR, pM, (a, p) => cohortBinomial(rng, a, p));
  x.attempts = A;
  x.requests = R;
  x.megaRequests = MR;
}

/**
 * Step 8: the failed requests (`x.failed` of `x.requests`, `x.megaFailed` of `x.megaRequests`) are shared among the
 * levels by conditional binomials (exact totals); each level's failures wait its retry delay and move up a level,
 * or give up after `maxAttempts` failures (a share `abandon.share` of them close Skype, row 27).
 */
export function returnFailures(s: OverloadSetup, cl: ClientCohorts, x: StepScratch, k: number): void {
  const { rng } = s;
  const { levels, gaveUpAt, rN, mN, fN, Ls, searchRing, retryPmfs, abShare } = cl;
  let remR = x.failed;
  let totR = x.requests;
  let remM = x.megaFailed;
  let totM = x.megaRequests;
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
        cl.abStages[0] += xa;
        cl.abandoned += xa;
        cl.gone += failed - xa;
      } else cl.gone += failed;
      continue;
    }
    const target = n + 1 < levels ? n + 1 : levels - 1;
    scatterDelay(rng, failed, retryPmfs[n].pmf, searchRing, target * Ls, Ls, k);
  }
}

/** Clients searching (every level and slot). */
export function searchingTotal(cl: ClientCohorts): number {
  let s = 0;
  for (let j = 0; j < cl.searchRing.length; j++) s += cl.searchRing[j];
  return s;
}

/** Clients gone (given up, or abandoned by their user). */
export const goneTotal = (cl: ClientCohorts): number => cl.gone + cl.abandoned;
