/**
 * The down supernodes of the overload fluid limit, per headroom quantile (fractions of S): crashed (the restart
 * ring, the pool that returns at an exponential rate, or never), in the re-entry lag (a delay line per quantile,
 * plus two bookkeeping channels for the totals), and waiting for re-promotion (row 28). A supernode leaves them up
 * and empty (attached = monitored = 0), into the up-cohorts.
 *
 * @module
 * @internal
 */
import type { OverloadParams } from '../../models/overload-params.ts';
import type { UpCohorts } from './cohorts.ts';
import { LagBank, memoPmf, pmfKey, rejoinLagPmf, supernodeRestartPmf } from './delays.ts';

/** The down supernodes of every headroom quantile. */
export class SupernodePools {
  /** Re-entry lag: channels 0..Q−1 per quantile; SHUT (= Q): total from shutdowns; REJ (= Q + 1): total from crashes. */
  readonly lag: LagBank;
  readonly SHUT: number;
  readonly REJ: number;
  private readonly pRestart: number;
  /**
   * Restart delay pmf of a crashed supernode (crashPmf, Lc bins) and the crashes whose restarts are still due: the
   * crash of step k' (restarting mass r[q] of each quantile) restarts r[q]·crashPmf[k − k'] at step k. The mass due
   * at step k is summed when it is due ({@link dueRestarts}), over the crashes in the order they happened: the same
   * products added in the same order as scattering each crash over a ring of Lc steps × Q quantiles when it happens
   * (which rewrote that whole ring at every step of the trigger).
   */
  private readonly Lc: number;
  private readonly crashPmf: Float64Array;
  /** Live crashes, oldest first: their steps and their restarting masses (one row of Q each); spare rows for reuse. */
  private readonly crashSteps: number[] = [];
  private readonly crashRows: Float64Array[] = [];
  private readonly spareRows: Float64Array[] = [];
  /** The restarting mass of each quantile due in this step (filled by {@link dueRestarts}). */
  private readonly due: Float64Array;
  /** Crashed and not restarted: return at an exponential rate (hazard per step), or never. */
  private readonly crashPool: Float64Array;
  private readonly returnHazard: number;
  private readonly canReturn: boolean;
  /** All crashed mass (restarts still due + pool + never). */
  crashedTotal = 0;
  /** Re-promotion (row 28): mean hours at full online fraction, or null (the lag over, a supernode is up at once). */
  private readonly promoHours: number | null;
  private readonly promoPool: Float64Array;
  promoTotal = 0;
  /** Mass released by each lag channel this step (quantiles 0..Q−1: lag over; then SHUT, REJ). */
  private readonly newUp: Float64Array;
  /** Mass of each quantile re-promoted this step. */
  private readonly promoted: Float64Array;
  /** Mass of each quantile entering the lag this step (crashes over). */
  private readonly lagIn: Float64Array;
  /** Mass of each quantile crashed by the trigger in this step (filled by the trigger, see {@link crashEach}). */
  readonly lost: Float64Array;
  private readonly restarting: Float64Array;

  constructor(
    p: OverloadParams,
    readonly quantiles: number,
  ) {
    const Q = quantiles;
    const dt = p.stepSeconds;
    this.lag = new LagBank(
      Q + 2,
      memoPmf(pmfKey('rejoinLagPmf', dt, p.rejoin.minMinutes, p.rejoin.maxMinutes), () => rejoinLagPmf(p)),
    );
    this.SHUT = Q;
    this.REJ = Q + 1;
    this.pRestart = p.restart.probability;
    const crashPmf = memoPmf(pmfKey('supernodeRestartPmf', dt, p.restart.medianSeconds, p.restart.sigma), () =>
      supernodeRestartPmf(p),
    );
    this.Lc = crashPmf.length;
    this.crashPmf = crashPmf;
    this.due = new Float64Array(Q);
    this.crashPool = new Float64Array(Q);
    this.canReturn = Number.isFinite(p.restart.crashedReturnHours);
    this.returnHazard = this.canReturn ? -Math.expm1(-dt / (p.restart.crashedReturnHours * 3600)) : 0;
    this.promoHours = p.promotion ? p.promotion.meanHours : null;
    this.promoPool = new Float64Array(Q);
    this.newUp = new Float64Array(Q + 2);
    this.promoted = new Float64Array(Q);
    this.lagIn = new Float64Array(Q);
    this.lost = new Float64Array(Q);
    this.restarting = new Float64Array(Q);
  }

  /**
   * Crash the mass lost[q] of every quantile q at step k (its timers: restart delay, exponential return, or never),
   * then clear `lost`.
   */
  crashEach(k: number): void {
    const { lost, restarting, crashPool } = this;
    const Q = this.quantiles;
    let any = false;
    for (let q = 0; q < Q; q++) {
      const m = lost[q];
      lost[q] = 0;
      restarting[q] = 0;
      if (!(m > 0)) continue;
      this.crashedTotal += m;
      const mr = m * this.pRestart;
      restarting[q] = mr;
      if (mr > 0) any = true;
      if (this.canReturn) crashPool[q] += m - mr;
    }
    if (!any) return;
    const row = this.spareRows.pop() ?? new Float64Array(Q);
    row.set(restarting);
    this.crashSteps.push(k);
    this.crashRows.push(row);
  }

  /**
   * The restarting mass of each quantile due at step k, into `due`: Σ r[q]·crashPmf[k − k'] over the live crashes k' in
   * the order they happened, bins b = k − k' from 1 (a crash is due from the next step) with crashPmf[b] > 0 and
   * quantiles with r[q] > 0; crashes with no bin left (k − k' >= Lc) are dropped first. Returns whether any is live.
   */
  private dueRestarts(k: number): boolean {
    const { crashSteps, crashRows, crashPmf, due, Lc } = this;
    const Q = this.quantiles;
    let dead = 0;
    while (dead < crashSteps.length && k - crashSteps[dead] >= Lc) dead++;
    if (dead > 0) {
      crashSteps.splice(0, dead);
      for (const row of crashRows.splice(0, dead)) this.spareRows.push(row);
    }
    if (crashSteps.length === 0) return false;
    due.fill(0);
    for (let e = 0; e < crashSteps.length; e++) {
      const b = k - crashSteps[e];
      if (b < 1) continue;
      const pb = crashPmf[b];
      if (!(pb > 0)) continue;
      const r = crashRows[e];
      for (let q = 0; q < Q; q++) if (r[q] > 0) due[q] += r[q] * pb;
    }
    return true;
  }

  /**
   * Step 2, the supernode timers at step k: lag over → up and empty (or to re-promotion), crashed → re-entry lag;
   * with `collapsedStart` at step 0, every ordinary supernode enters the lag as if shut down by overload.
   */
  timers(k: number, online: number, dt: number, up: UpCohorts, collapsedStart: boolean): void {
    const Q = this.quantiles;
    const lag = this.lag;
    const newUp = this.newUp;
    lag.releaseAll(k, newUp);
    this.toLag(k);
    if (this.promoHours !== null) this.promote(online, dt, up);
    else for (let q = 0; q < Q; q++) if (newUp[q] > 0) up.addEmpty(q, newUp);
    if (k === 0 && collapsedStart) {
      for (let q = 0; q < Q; q++) lag.add(q, 0, 1 / Q);
      lag.add(this.SHUT, 0, 1);
    }
  }

  /** Crashed supernodes due at step k (restarts due and exponential returns) enter the re-entry lag. */
  private toLag(k: number): void {
    const { due, crashPool, returnHazard, lag, lagIn } = this;
    const Q = this.quantiles;
    let toLag = 0;
    const restarts = this.dueRestarts(k);
    for (let q = 0; q < Q; q++) {
      let rel = 0;
      lagIn[q] = 0;
      if (restarts && due[q] > 0) rel += due[q];
      if (crashPool[q] > 0 && returnHazard > 0) {
        const x = crashPool[q] * returnHazard;
        crashPool[q] -= x;
        rel += x;
      }
      if (rel > 0) {
        lagIn[q] = rel;
        toLag += rel;
      }
    }
    lag.addEach(k, lagIn, Q);
    if (toLag > 0) {
      this.crashedTotal -= toLag;
      lag.add(this.REJ, k, toLag);
    }
  }

  /** Row 28: supernodes whose lag is over wait to be re-promoted, hazard (online fraction)/meanHours per hour. */
  private promote(online: number, dt: number, up: UpCohorts): void {
    const { newUp, promoPool, promoted } = this;
    const pi = -Math.expm1(-(dt * online) / ((this.promoHours as number) * 3600));
    for (let q = 0; q < this.quantiles; q++) {
      if (newUp[q] > 0) {
        promoPool[q] += newUp[q];
        this.promoTotal += newUp[q];
      }
      const x = promoPool[q] * pi;
      if (x > 0) {
        promoPool[q] -= x;
        this.promoTotal -= x;
        promoted[q] = x;
        up.addEmpty(q, promoted);
      }
    }
  }

  /** Supernodes shut down by overload and not yet back (re-entry lag). */
  shutDown(): number {
    return this.lag.held[this.SHUT];
  }

  /** Supernodes rejoining after a crash (re-entry lag) or waiting for re-promotion. */
  rejoining(): number {
    return this.lag.held[this.REJ] + this.promoTotal;
  }
}
