/**
 * The trigger of the overload simulation: the buggy client version crashing clients and supernodes over the
 * trigger window (per-step hazards), or a forced loss of a share of the supernodes at step 0.
 *
 * Trigger (duration K steps): each up supernode crashes with a per-step hazard h_s, 1 − (1 − h_s)^K =
 * supernodeCrashShare·(1 − autoUpdateCoverage); each online client with h_c, 1 − (1 − h_c)^K =
 * buggyShare·crashProbability·(1 − autoUpdateCoverage). Well-mixed: a restarted client can crash again while the
 * trigger lasts.
 *
 * @internal
 * @module
 */
import { binomial } from '../../random/binomial.ts';
import { lognormal } from '../../random/lognormal.ts';
import { identityPermutation, partialShuffle } from '../../random/shuffle.ts';
import { approxBinomial } from '../overload-sampling.ts';
import { crashClients, type ClientCohorts } from './clients.ts';
import type { MegaPool } from './mega-supernodes.ts';
import * as st from './state.ts';
import type { OverloadSetup, StepScratch } from './state.ts';

// Module-local copies of the state codes (imported bindings are getters under the tsx transform; see supernodes.ts).
const UP = st.UP;
const CRASHED = st.CRASHED;
const NEVER = st.NEVER;
import type { Supernodes } from './supernodes.ts';

export interface Trigger {
  /** A forced loss at step 0 instead of the crash window. */
  forced: boolean;
  /** Steps of the trigger window. */
  K: number;
  /** Per-step crash hazards of a client and of a supernode. */
  hC: number;
  hS: number;
  /** log of the median restart delay (seconds). */
  muRestart: number;
}

export function createTrigger(s: OverloadSetup): Trigger {
  const { p, dt } = s;
  const forced = p.forcedLoss !== null;
  const upd = 1 - p.trigger.autoUpdateCoverage;
  const K = forced ? 1 : Math.max(1, Math.round((p.trigger.durationMinutes * 60) / dt));
  const clientShare = forced ? 0 : p.trigger.buggyShare * p.trigger.crashProbability * upd;
  const snShare = forced ? 0 : p.trigger.supernodeCrashShare * upd;
  return {
    forced,
    K,
    hC: -Math.expm1(Math.log1p(-Math.min(clientShare, 1 - 1e-15)) / K),
    hS: -Math.expm1(Math.log1p(-Math.min(snShare, 1 - 1e-15)) / K),
    muRestart: Math.log(Math.max(p.restart.medianSeconds, 1e-9)),
  };
}

/**
 * Crash supernode i at step k: it drops its clients (returned) and restarts after the log-normal restart delay
 * (probability `restart.probability`), else after an exponential time of mean `crashedReturnHours`, else never.
 */
export function crashSupernode(s: OverloadSetup, sn: Supernodes, trig: Trigger, i: number, k: number): number {
  const { p, rng, dt } = s;
  const dumped = sn.attached[i];
  sn.attached[i] = 0;
  sn.state[i] = CRASHED;
  let delay: number;
  if (rng.next() < p.restart.probability)
    delay = Math.max(1, Math.ceil(lognormal(rng, trig.muRestart, p.restart.sigma) / dt));
  else if (Number.isFinite(p.restart.crashedReturnHours))
    delay = Math.max(1, Math.ceil((-Math.log(rng.nextOpen()) * p.restart.crashedReturnHours * 3600) / dt));
  else delay = NEVER;
  sn.timer[i] = delay >= NEVER - k ? NEVER : k + delay;
  if (sn.timer[i] < sn.nextExpiry) sn.nextExpiry = sn.timer[i];
  return dumped;
}

/**
 * Forced loss at step 0: a uniform share `forcedLoss` of the supernodes crashes (partial Fisher–Yates), and the
 * clients crash in proportion `forcedLoss·forcedClientCrashRatio`, those of the lost supernodes too.
 */
function forcedLoss(
  s: OverloadSetup,
  sn: Supernodes,
  cl: ClientCohorts,
  trig: Trigger,
  x: StepScratch,
  k: number,
): void {
  const { p, rng, S } = s;
  const nLoss = Math.round(p.forcedLoss! * S);
  // each picked supernode crashes before the next pick (its restart draws come between the shuffle's draws)
  partialShuffle(rng, identityPermutation(S), nLoss, (i) => {
    x.dumped += crashSupernode(s, sn, trig, i, k);
  });
  const pc = Math.min(1, p.forcedLoss! * p.forcedClientCrashRatio);
  let crashedNow = 0;
  for (let i = 0; i < S; i++) {
    if (sn.state[i] !== UP || sn.attached[i] === 0) continue;
    const c = approxBinomial(rng, sn.attached[i], pc);
    sn.attached[i] -= c;
    crashedNow += c;
  }
  // clients of the lost supernodes crash in the same proportion
  const xd = binomial(rng, x.dumped, pc);
  x.dumped -= xd;
  crashClients(s, cl, crashedNow + xd, k);
}

/** One step of the crash window: supernodes and clients (on supernodes and on mega-supernodes) crash. */
function crashWindowStep(
  s: OverloadSetup,
  sn: Supernodes,
  mega: MegaPool,
  cl: ClientCohorts,
  trig: Trigger,
  x: StepScratch,
  k: number,
): void {
  const { rng, S } = s;
  const { hC, hS } = trig;
  let crashedNow = 0;
  for (let i = 0; i < S; i++) {
    if (sn.state[i] !== UP) continue;
    if (hS > 0 && rng.next() < hS) {
      const d = crashSupernode(s, sn, trig, i, k);
      const c = approxBinomial(rng, d, hC);
      crashedNow += c;
      x.dumped += d - c;
      continue;
    }
    if (hC > 0 && sn.attached[i] > 0) {
      const c = approxBinomial(rng, sn.attached[i], hC);
      sn.attached[i] -= c;
      crashedNow += c;
    }
  }
  for (let j = 0; j < mega.injected; j++) {
    if (mega.isUp[j] && hC > 0 && mega.attached[j] > 0) {
      const c = approxBinomial(rng, mega.attached[j], hC);
      mega.attached[j] -= c;
      crashedNow += c;
    }
  }
  crashClients(s, cl, crashedNow, k);
}

/** Step 3: the trigger at step k (nothing after the window). */
export function applyTrigger(
  s: OverloadSetup,
  sn: Supernodes,
  mega: MegaPool,
  cl: ClientCohorts,
  trig: Trigger,
  x: StepScratch,
  k: number,
): void {
  if (k >= trig.K) return;
  if (trig.forced) {
    if (k === 0) forcedLoss(s, sn, cl, trig, x, k);
  } else crashWindowStep(s, sn, mega, cl, trig, x, k);
}
