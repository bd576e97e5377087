/**
 * The clients of the overload fluid limit (fractions of C): the restart ring, the crashed and gone pools, the human
 * give-up stages and the search ring by failed attempts (level) × step of the next attempt; the simulation's
 * binomials replaced by their means.
 *
 * @module
 * @internal
 */
import { routeAttemptLevels } from '../../models/overload-routing.ts';
import type { OverloadParams } from '../../models/overload-params.ts';
import { lognormalDelayPmf, retryDelayPmf } from '../../models/overload-policies.ts';
import { SparsePmf, memoPmf, pmfKey } from './delays.ts';

/** The fluid limit's split of a count by a probability: its expectation. */
const expectedPart = (a: number, p: number): number => a * p;

/** As in the simulation: levels used when clients never give up. */
export const LOOP_LEVELS = 40;
/** A step or a level that never comes. */
export const NEVER = 0x7fffffff;

/** The client pools and the search ring. */
export class ClientPools {
  /** Retry levels (failed attempts so far) and the level at which clients give up (NEVER: they do not). */
  readonly levels: number;
  private readonly gaveUpAt: number;
  private readonly retryPmfs: SparsePmf[];
  /** Length of the search ring of each level (steps). */
  readonly Ls: number;
  private readonly detectPmf: SparsePmf;
  /** Level n's attempts due at step k sit in searchRing[n·Ls + k mod Ls]. */
  readonly searchRing: Float64Array;
  private readonly restartPmf: SparsePmf;
  private readonly Lr: number;
  private readonly restartRing: Float64Array;
  private readonly pRestart: number;
  private readonly pCrashedReturn: number;
  private readonly pGoneReturn: number;
  /** Human give-up (row 27): share of the give-ups, Erlang stages of their absence, per-stage hazard. */
  private readonly abShare: number;
  private readonly abStages: Float64Array;
  private readonly pAbStage: number;
  restartingTotal = 0;
  crashedPool = 0;
  gonePool = 0;
  abandonedTotal = 0;
  /** This step's attempts of each level routed to up supernodes, to the mega pool, and failed at once. */
  readonly rN: Float64Array;
  readonly mN: Float64Array;
  readonly fN: Float64Array;
  /** This step's totals: attempts, requests to up supernodes, requests to the mega pool. */
  A = 0;
  R = 0;
  MR = 0;

  constructor(p: OverloadParams) {
    const dt = p.stepSeconds;
    this.levels = Number.isFinite(p.maxAttempts) ? p.maxAttempts : LOOP_LEVELS;
    this.gaveUpAt = Number.isFinite(p.maxAttempts) ? p.maxAttempts : NEVER;
    const retryPmfs: Float64Array[] = [];
    let Ls = 2;
    for (let n = 0; n < this.levels; n++) {
      const pm = memoPmf(pmfKey('retryDelayPmf', p.retry, n, dt), () => retryDelayPmf(p.retry, n, dt).pmf);
      retryPmfs.push(pm);
      Ls = Math.max(Ls, pm.length);
    }
    const lognormal = (median: number, sigma: number) =>
      memoPmf(pmfKey('lognormalDelayPmf', median, sigma, dt), () => lognormalDelayPmf(median, sigma, dt).pmf);
    const detectPmf = lognormal(p.detection.medianSeconds, p.detection.sigma);
    this.Ls = Math.max(Ls, detectPmf.length);
    // the pmfs as their nonzero bins: the scatter into the rings skips the zero bins (same additions, same doubles)
    this.retryPmfs = retryPmfs.map((pm) => new SparsePmf(pm, this.Ls));
    this.detectPmf = new SparsePmf(detectPmf, this.Ls);
    this.searchRing = new Float64Array(this.levels * this.Ls);
    const restartPmf = lognormal(p.restart.medianSeconds, p.restart.sigma);
    this.Lr = restartPmf.length;
    this.restartPmf = new SparsePmf(restartPmf, this.Lr);
    this.restartRing = new Float64Array(this.Lr);
    this.pRestart = p.restart.probability;
    this.rN = new Float64Array(this.levels);
    this.mN = new Float64Array(this.levels);
    this.fN = new Float64Array(this.levels);
    this.pCrashedReturn = Number.isFinite(p.restart.crashedReturnHours)
      ? -Math.expm1(-dt / (p.restart.crashedReturnHours * 3600))
      : 0;
    this.pGoneReturn = Number.isFinite(p.goneReturnHours) ? -Math.expm1(-dt / (p.goneReturnHours * 3600)) : 0;
    this.abShare = p.abandon ? p.abandon.share : 0;
    this.abStages = new Float64Array(this.abShare > 0 ? p.abandon!.stages : 0);
    this.pAbStage = this.abShare > 0 ? -Math.expm1(-(dt * p.abandon!.stages) / (p.abandon!.meanHours * 3600)) : 0;
  }

  /** Crash a mass n of clients at step k: a share restarts after the restart delay, the rest waits in the crashed pool. */
  crash(n: number, k: number): void {
    if (!(n > 0)) return;
    const nr = n * this.pRestart;
    this.crashedPool += n - nr;
    if (nr > 0) {
      this.restartPmf.scatter(nr, this.restartRing, 0, k);
      this.restartingTotal += nr;
    }
  }

  /** Step 4: restarts due now, returns from the crashed and gone pools and from the give-up stages join the search. */
  release(k: number): void {
    const sl = k % this.Ls;
    const ring = this.searchRing;
    const rel = this.restartRing[k % this.Lr];
    if (rel > 0) {
      this.restartRing[k % this.Lr] = 0;
      this.restartingTotal -= rel;
      ring[sl] += rel;
    }
    if (this.crashedPool > 0 && this.pCrashedReturn > 0) {
      const x = this.crashedPool * this.pCrashedReturn;
      this.crashedPool -= x;
      ring[sl] += x;
    }
    if (this.gonePool > 0 && this.pGoneReturn > 0) {
      const x = this.gonePool * this.pGoneReturn;
      this.gonePool -= x;
      ring[sl] += x;
    }
    const ab = this.abStages;
    for (let j = ab.length - 1; j >= 0; j--) {
      const x = ab[j] * this.pAbStage;
      if (!(x > 0)) continue;
      ab[j] -= x;
      if (j + 1 < ab.length) ab[j + 1] += x;
      else {
        ring[sl] += x;
        this.abandonedTotal -= x;
      }
    }
  }

  /**
   * Step 5: the attempts due at step k, per level, go to an up supernode with probability pR, to the mega pool with
   * pM (of those that do not reach an up supernode) and fail at once otherwise (sets rN, mN, fN, A, R, MR).
   */
  route(k: number, pR: number, pM: number): void {
    const { A, R, MR } = routeAttemptLevels(this, k, pR, pM, expectedPart);
    this.A = A;
    this.R = R;
    this.MR = MR;
  }

  /**
   * Step 8: the failures of each level (failed at once, refused by the supernodes in proportion failR/R, by the mega
   * pool failM/MR) retry at the next level after its delay, or give up (gone; a share abandons by stages).
   */
  fail(k: number, failR: number, failM: number): void {
    const { levels, Ls, rN, mN, fN, R, MR } = this;
    for (let n = 0; n < levels; n++) {
      const fr = R > 0 ? rN[n] * (failR / R) : 0;
      const fm = MR > 0 ? mN[n] * (failM / MR) : 0;
      const failed = fN[n] + fr + fm;
      if (!(failed > 0)) continue;
      if (n + 1 >= this.gaveUpAt) {
        if (this.abShare > 0) {
          // row 27: a share of the give-ups are users who close Skype (counted in `gone`, returning by stages)
          const xa = failed * this.abShare;
          this.abStages[0] += xa;
          this.abandonedTotal += xa;
          this.gonePool += failed - xa;
        } else this.gonePool += failed;
        continue;
      }
      const target = n + 1 < levels ? n + 1 : levels - 1;
      this.retryPmfs[n].scatter(failed, this.searchRing, target * Ls, k);
    }
  }

  /** Clients whose supernode went down at step k search again after the detection delay (level 0). */
  detect(n: number, k: number): void {
    this.detectPmf.scatter(n, this.searchRing, 0, k);
  }

  /** All clients in the search ring. */
  searching(): number {
    const ring = this.searchRing;
    let s = 0;
    for (let j = 0; j < ring.length; j++) s += ring[j];
    return s;
  }

  /** Clients gone (given up), including those who closed the client by hand (row 27). */
  gone(): number {
    return this.gonePool + this.abandonedTotal;
  }
}
