/**
 * The trigger of the overload fluid limit: a forced loss at step 0 (`forcedLoss`, with the proportional client
 * crashes `forcedClientCrashRatio`), or the buggy-client crash spread over `trigger.durationMinutes` at constant
 * per-step hazards for clients (hC) and supernodes (hS), net of the auto-updated share.
 *
 * @module
 * @internal
 */
import type { OverloadParams } from '../../models/overload-params.ts';
import type { ClientPools } from './clients.ts';
import type { UpCohorts } from './cohorts.ts';
import type { MegaPool } from './mega.ts';
import type { SupernodePools } from './supernodes.ts';

/** What the trigger acts on. */
export interface TriggerTarget {
  up: UpCohorts;
  down: SupernodePools;
  clients: ClientPools;
  mega: MegaPool;
  /** Nominal clients per supernode, C/S. */
  L0: number;
}

/** The trigger's schedule and hazards. */
export class Trigger {
  /** Steps the trigger lasts (1 for a forced loss). */
  readonly steps: number;
  private readonly forcedLoss: number | null;
  private readonly forcedClientCrashRatio: number;
  private readonly hC: number;
  private readonly hS: number;

  constructor(p: OverloadParams) {
    this.forcedLoss = p.forcedLoss;
    this.forcedClientCrashRatio = p.forcedClientCrashRatio;
    const forced = p.forcedLoss !== null;
    const upd = 1 - p.trigger.autoUpdateCoverage;
    this.steps = forced ? 1 : Math.max(1, Math.round((p.trigger.durationMinutes * 60) / p.stepSeconds));
    const clientShare = forced ? 0 : p.trigger.buggyShare * p.trigger.crashProbability * upd;
    const snShare = forced ? 0 : p.trigger.supernodeCrashShare * upd;
    this.hC = -Math.expm1(Math.log1p(-Math.min(clientShare, 1 - 1e-15)) / this.steps);
    this.hS = -Math.expm1(Math.log1p(-Math.min(snShare, 1 - 1e-15)) / this.steps);
  }

  /**
   * Step 3 at step k (< steps): crash supernodes and clients. `dumped` is the step's count of clients whose
   * supernode went down (fraction of C); returns it with the trigger's share added.
   */
  apply(k: number, t: TriggerTarget, dumped: number): number {
    if (this.forcedLoss !== null) return k === 0 ? this.forced(this.forcedLoss, t, dumped) : dumped;
    return this.gradual(k, t, dumped);
  }

  /** A loss f of the supernodes of every cohort at step 0, with the proportional client crashes. */
  private forced(f: number, t: TriggerTarget, dumpedIn: number): number {
    const { up, L0 } = t;
    const { cm, ca, cnt } = up;
    const K = up.maxPerQuantile;
    let dumped = 0;
    let attachedLeft = 0;
    for (let q = 0; q < up.quantiles; q++) {
      let lost = 0;
      for (let j = 0; j < cnt[q]; j++) {
        const i = q * K + j;
        const m = cm[i] * f;
        dumped += (m * ca[i]) / L0;
        lost += m;
        cm[i] -= m;
        attachedLeft += (cm[i] * ca[i]) / L0;
      }
      t.down.lost[q] = lost;
      up.tidy(q, true);
    }
    t.down.crashEach(0);
    const pc = Math.min(1, f * this.forcedClientCrashRatio);
    for (let q = 0; q < up.quantiles; q++) for (let j = 0; j < cnt[q]; j++) ca[q * K + j] *= 1 - pc;
    const xd = dumped * pc;
    const out = dumpedIn + (dumped - xd);
    t.clients.crash(attachedLeft * pc + xd, 0);
    return out;
  }

  /** One step of the gradual trigger: a share hS of each cohort crashes, a share hC of the clients attached crash. */
  private gradual(k: number, t: TriggerTarget, dumpedIn: number): number {
    const { up, L0 } = t;
    const { cm, ca, cnt } = up;
    const { hC, hS } = this;
    const K = up.maxPerQuantile;
    let dumped = dumpedIn;
    let crashedNow = 0;
    for (let q = 0; q < up.quantiles; q++) {
      let lost = 0;
      for (let j = 0; j < cnt[q]; j++) {
        const i = q * K + j;
        if (hS > 0) {
          const m = cm[i] * hS;
          const d = (m * ca[i]) / L0;
          crashedNow += d * hC;
          dumped += d * (1 - hC);
          lost += m;
          cm[i] -= m;
        }
        if (hC > 0) {
          crashedNow += (cm[i] * ca[i] * hC) / L0;
          ca[i] *= 1 - hC;
        }
      }
      t.down.lost[q] = lost;
    }
    t.down.crashEach(k);
    if (hC > 0) crashedNow = t.mega.crashAttached(hC, crashedNow);
    t.clients.crash(crashedNow, k);
    return dumped;
  }
}
