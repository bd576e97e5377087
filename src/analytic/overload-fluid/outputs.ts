/**
 * The outputs of the overload fluid limit: the sampled timeline, the running minimum and peaks, the conservation
 * diagnostics and the cohort statistics, and the result object.
 *
 * @module
 * @internal
 */
import type { OverloadParams } from '../../models/overload-params.ts';
import type { OverloadTimelinePoint } from '../../models/overload-timeline.ts';
import type { ClientPools } from './clients.ts';
import type { MegaPool } from './mega.ts';
import type { SupernodePools } from './supernodes.ts';
import type { FluidOverloadResult } from './types.ts';

/** What one step measured (step 9's inputs). */
export interface StepMeasures {
  /** Online fraction after the step. */
  online: number;
  /** Up mass of ordinary supernodes before and after the step's shutdowns. */
  upBefore: number;
  upAfter: number;
  /** Σ mass·load over the up cohorts (clients per supernode × fraction of S). */
  loadSum: number;
  /** Attempts, requests to up supernodes and to the mega pool (fractions of C). */
  attempts: number;
  requests: number;
  megaRequests: number;
  /** Fraction of supernodes down (1 − up mass, at least 0), and mega-supernodes up. */
  downFraction: number;
  megaUp: number;
}

/** Records the timeline and the summary of a fluid run. */
export class Recorder {
  readonly timeline: OverloadTimelinePoint[] = [];
  online: number;
  nUp: number;
  private minOnline: number;
  private minOnlineStep = 0;
  private peakLogin = 0;
  private peakLoginStep = 0;
  private peakTraffic = 0;
  private peakTrafficStep = 0;
  private lastTrafficRate = 0;
  private peakMeanLoad = 0;
  private lastBelow: number;
  private lastMeanLoad: number;
  private lastLoginRate = 0;
  private maxClientError = 0;
  private maxSupernodeError = 0;
  private cohortMax = 0;
  private cohortSum = 0;
  /** Clients searching, as summed by {@link conservation} in this step (valid while `searchingFresh`): a sampled step
   * checks conservation and then samples the same state, so the search ring is summed once. */
  private searchingNow = 0;
  private searchingFresh = false;
  private readonly normalLoginsPerStep: number;

  constructor(
    private readonly p: OverloadParams,
    healthy: boolean,
    private readonly clients: ClientPools,
    private readonly down: SupernodePools,
    private readonly mega: MegaPool,
    private readonly L0: number,
    private readonly H: number,
  ) {
    this.online = healthy ? 1 : 0;
    this.minOnline = this.online;
    this.lastBelow = this.online < p.recoveryThreshold ? 0 : -1;
    this.nUp = healthy ? 1 : 0;
    this.lastMeanLoad = healthy ? 1 : 0;
    this.normalLoginsPerStep = p.stepSeconds / (p.normalSessionHours * 3600);
  }

  /** Timeline point at step k. */
  sample(k: number): void {
    const c = this.clients;
    this.timeline.push({
      t: (k * this.p.stepSeconds) / 3600,
      online: this.online,
      supernodesUp: this.nUp,
      meanLoad: this.lastMeanLoad,
      loginRate: this.lastLoginRate,
      trafficRate: this.lastTrafficRate,
      megaUp: this.mega.upCount(),
      searching: this.searchingFresh ? this.searchingNow : c.searching(),
      restarting: c.restartingTotal,
      crashed: c.crashedPool,
      gone: c.gone(),
    });
  }

  /** Live up-cohorts in this step (for the cohort statistics). */
  cohorts(live: number): void {
    this.cohortSum += live;
    if (live > this.cohortMax) this.cohortMax = live;
  }

  /** Step 9 at step k: the state after the step, the rates, the running minimum and peaks. */
  measure(k: number, s: StepMeasures): void {
    this.searchingFresh = false;
    this.online = s.online;
    this.lastMeanLoad = s.upBefore > 0 ? s.loadSum / s.upBefore / this.L0 : 0;
    this.nUp = s.upAfter;
    this.lastLoginRate = (s.requests + s.megaRequests) / this.normalLoginsPerStep;
    const x = Math.min(1, s.downFraction);
    const H = this.H;
    const probes = x >= 1 ? H : (1 - x ** H) / (1 - x);
    const viaCache = s.megaUp > 0 ? s.attempts * (1 - this.p.mega.share) : s.attempts;
    this.lastTrafficRate = (viaCache * probes + s.megaRequests) / this.normalLoginsPerStep;
    if (this.lastTrafficRate > this.peakTraffic) {
      this.peakTraffic = this.lastTrafficRate;
      this.peakTrafficStep = k + 1;
    }
    if (this.lastLoginRate > this.peakLogin) {
      this.peakLogin = this.lastLoginRate;
      this.peakLoginStep = k + 1;
    }
    if (this.lastMeanLoad > this.peakMeanLoad) this.peakMeanLoad = this.lastMeanLoad;
    if (this.online < this.minOnline) {
      this.minOnline = this.online;
      this.minOnlineStep = k + 1;
    }
    if (this.online < this.p.recoveryThreshold) this.lastBelow = k + 1;
  }

  /** |total − 1| of the client and the supernode fractions now, into the running maxima. */
  conservation(): void {
    const c = this.clients;
    const searching = c.searching();
    this.searchingNow = searching;
    this.searchingFresh = true;
    const total = this.online + c.restartingTotal + c.crashedPool + c.gonePool + c.abandonedTotal + searching;
    const e = Math.abs(total - 1);
    if (e > this.maxClientError) this.maxClientError = e;
    const d = this.down;
    const sn = this.nUp + d.crashedTotal + d.lag.held[d.SHUT] + d.lag.held[d.REJ] + d.promoTotal;
    const es = Math.abs(sn - 1);
    if (es > this.maxSupernodeError) this.maxSupernodeError = es;
  }

  /** The result after stepsRun steps of a run with `quantiles` × `maxPerQuantile` cohorts. */
  result(stepsRun: number, C: number, S: number, model: FluidOverloadResult['model']): FluidOverloadResult {
    const { p, clients: c, down: d, mega } = this;
    const hours = (k: number) => (k * p.stepSeconds) / 3600;
    const recovered = this.lastBelow < stepsRun && this.online >= p.recoveryThreshold;
    const onMega = mega.attached();
    return {
      clients: C,
      supernodes: S,
      megaSupernodes: mega.total,
      steps: stepsRun,
      stepSeconds: p.stepSeconds,
      timeline: this.timeline,
      minOnlineFraction: this.minOnline,
      minOnlineAtHours: hours(this.minOnlineStep),
      collapsed: this.minOnline < p.collapseThreshold,
      recovered,
      recoveredAtHours: recovered ? hours(Math.max(0, this.lastBelow)) : null,
      peakLoginRate: this.peakLogin,
      peakLoginRateAtHours: hours(this.peakLoginStep),
      peakTrafficRate: this.peakTraffic,
      peakTrafficRateAtHours: hours(this.peakTrafficStep),
      peakMeanLoad: this.peakMeanLoad,
      final: {
        online: this.online,
        searching: this.searchingFresh ? this.searchingNow : c.searching(),
        restarting: c.restartingTotal,
        crashed: c.crashedPool,
        gone: c.gone(),
        supernodesUp: this.nUp,
        supernodesShutDown: d.shutDown(),
        supernodesCrashed: d.crashedTotal,
        supernodesRejoining: d.rejoining(),
        megaUp: mega.upCount(),
        onMega,
      },
      model,
      conservation: { maxClientError: this.maxClientError, maxSupernodeError: this.maxSupernodeError },
      cohorts: { max: this.cohortMax, mean: stepsRun > 0 ? this.cohortSum / stepsRun : 0 },
    };
  }
}
