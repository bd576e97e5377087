/**
 * What the overload simulation reports: the sampled timeline, the running extremes (minimum online, peak login and
 * traffic rates, peak mean load, last step below the recovery threshold) and the final summary.
 *
 * @internal
 * @module
 */
import type { OverloadRunSummary, OverloadTimelinePoint } from '../../models/overload-timeline.ts';
import { goneTotal, searchingTotal, type ClientCohorts } from './clients.ts';
import { megaClients, megaUpCount, type MegaPool } from './mega-supernodes.ts';
import { CRASHED, hoursAt, PROMOTING, REJOINING, SHUTDOWN, UP, type OverloadSetup, type StepScratch } from './state.ts';
import { stateShare, type Supernodes } from './supernodes.ts';

export interface OverloadOutputs {
  timeline: OverloadTimelinePoint[];
  /** Clients online and supernodes up after the last step. */
  online: number;
  nUp: number;
  lastMeanLoad: number;
  lastLoginRate: number;
  lastTrafficRate: number;
  minOnline: number;
  minOnlineStep: number;
  peakLogin: number;
  peakLoginStep: number;
  peakTraffic: number;
  peakTrafficStep: number;
  peakMeanLoad: number;
  /** Last step with online < recoveryThreshold (−1: none). */
  lastBelow: number;
  /** Login attempts per step in the normal steady state (C·dt / normalSessionHours): the unit of the rates. */
  normalLoginsPerStep: number;
}

export function createOutputs(s: OverloadSetup, collapsedStart: boolean): OverloadOutputs {
  return {
    timeline: [],
    online: collapsedStart ? 0 : s.C,
    nUp: collapsedStart ? 0 : s.S,
    lastMeanLoad: collapsedStart ? 0 : 1,
    lastLoginRate: 0,
    lastTrafficRate: 0,
    minOnline: collapsedStart ? 0 : 1,
    minOnlineStep: 0,
    peakLogin: 0,
    peakLoginStep: 0,
    peakTraffic: 0,
    peakTrafficStep: 0,
    peakMeanLoad: 0,
    lastBelow: collapsedStart ? 0 : -1,
    normalLoginsPerStep: (s.C * s.dt) / (s.p.normalSessionHours * 3600),
  };
}

/** Append the timeline point of step k. */
export function sample(s: OverloadSetup, out: OverloadOutputs, cl: ClientCohorts, mega: MegaPool, k: number): void {
  const { C } = s;
  const srch = searchingTotal(cl);
  out.timeline.push({
    t: hoursAt(s, k),
    online: out.online / C,
    supernodesUp: out.nUp / s.S,
    meanLoad: out.lastMeanLoad,
    loginRate: out.lastLoginRate,
    trafficRate: out.lastTrafficRate,
    megaUp: megaUpCount(mega),
    searching: srch / C,
    restarting: cl.restarting / C,
    crashed: cl.crashed / C,
    gone: goneTotal(cl) / C,
  });
}

/**
 * Step 9: the step's statistics (k counted from 0; the state is that of the end of step k, time k + 1). `loginRate`
 * counts the requests that reach up supernodes or megas; `trafficRate` also the probes of down cache entries:
 * attempts on the cache path probe entries in turn until one is up, E = (1 − x^H)/(1 − x) probes, x = D/S.
 */
export function recordStep(s: OverloadSetup, out: OverloadOutputs, x: StepScratch, k: number): void {
  const { p, S, H } = s;
  out.online = x.online;
  out.lastMeanLoad = x.nUp > 0 ? x.loadSum / x.nUp / s.L0 : 0;
  out.nUp = x.upAfter;
  out.lastLoginRate = (x.requests + x.megaRequests) / out.normalLoginsPerStep;
  const xd = x.down / S;
  const probes = xd >= 1 ? H : (1 - xd ** H) / (1 - xd);
  const viaCache = x.nMegaUp > 0 ? x.attempts * (1 - p.mega.share) : x.attempts;
  out.lastTrafficRate = (viaCache * probes + x.megaRequests) / out.normalLoginsPerStep;
  if (out.lastTrafficRate > out.peakTraffic) {
    out.peakTraffic = out.lastTrafficRate;
    out.peakTrafficStep = k + 1;
  }
  if (out.lastLoginRate > out.peakLogin) {
    out.peakLogin = out.lastLoginRate;
    out.peakLoginStep = k + 1;
  }
  if (out.lastMeanLoad > out.peakMeanLoad) out.peakMeanLoad = out.lastMeanLoad;
  const frac = out.online / s.C;
  if (frac < out.minOnline) {
    out.minOnline = frac;
    out.minOnlineStep = k + 1;
  }
  if (frac < p.recoveryThreshold) out.lastBelow = k + 1;
}

/** The run summary after the last step. */
export function summary(
  s: OverloadSetup,
  out: OverloadOutputs,
  sn: Supernodes,
  mega: MegaPool,
  cl: ClientCohorts,
): OverloadRunSummary {
  const { p, C, S, steps } = s;
  const recovered = out.lastBelow < steps && out.online / C >= p.recoveryThreshold;
  return {
    clients: C,
    supernodes: S,
    megaSupernodes: mega.M,
    steps,
    stepSeconds: s.dt,
    timeline: out.timeline,
    minOnlineFraction: out.minOnline,
    minOnlineAtHours: hoursAt(s, out.minOnlineStep),
    collapsed: out.minOnline < p.collapseThreshold,
    recovered,
    recoveredAtHours: recovered ? hoursAt(s, Math.max(0, out.lastBelow)) : null,
    peakLoginRate: out.peakLogin,
    peakLoginRateAtHours: hoursAt(s, out.peakLoginStep),
    peakTrafficRate: out.peakTraffic,
    peakTrafficRateAtHours: hoursAt(s, out.peakTrafficStep),
    peakMeanLoad: out.peakMeanLoad,
    final: {
      online: out.online / C,
      searching: searchingTotal(cl) / C,
      restarting: cl.restarting / C,
      crashed: cl.crashed / C,
      gone: goneTotal(cl) / C,
      supernodesUp: stateShare(sn, UP),
      supernodesShutDown: stateShare(sn, SHUTDOWN),
      supernodesCrashed: stateShare(sn, CRASHED),
      supernodesRejoining: stateShare(sn, REJOINING) + stateShare(sn, PROMOTING),
      megaUp: megaUpCount(mega),
      onMega: megaClients(mega) / C,
    },
  };
}
