/**
 * The step loop of the overload fluid limit: one object per part of the state (up-cohorts, down supernodes,
 * clients, mega-supernodes, trigger, the supernodes' request step, the recorder) and one step in the simulation's
 * order of operations — mega waves and withdrawal, supernode timers, trigger, releases, routing,
 * requests/loads/admission/shutdowns, failures to the retry levels, detection of lost supernodes.
 *
 * @module
 * @internal
 */
import { type OverloadParams, scaledPopulation } from '../../models/overload-params.ts';
import { ClientPools, NEVER } from './clients.ts';
import { UpCohorts } from './cohorts.ts';
import { MegaPool } from './mega.ts';
import type { ResolvedFluidOptions } from './options.ts';
import { Recorder, type StepMeasures } from './outputs.ts';
import { RequestLaw } from './request-law.ts';
import { RequestStep } from './requests.ts';
import { SupernodePools } from './supernodes.ts';
import { Trigger } from './trigger.ts';
import type { FluidOverloadResult } from './types.ts';

/** One fluid run: the state and its step. */
class FluidRun {
  readonly C: number;
  readonly S: number;
  /** Probes per attempt (≤ the host cache) and nominal clients per supernode C/S. */
  private readonly H: number;
  readonly L0: number;
  readonly steps: number;
  readonly up: UpCohorts;
  readonly down: SupernodePools;
  readonly clients: ClientPools;
  readonly mega: MegaPool;
  private readonly trigger: Trigger;
  private readonly law: RequestLaw;
  private readonly serve: RequestStep;
  readonly rec: Recorder;
  private readonly shedStep: number;
  private readonly collapsedStart: boolean;
  /** Step 9's inputs, one object for the whole run (no allocation per step). */
  private readonly meas: StepMeasures = {
    online: 0,
    upBefore: 0,
    upAfter: 0,
    loadSum: 0,
    attempts: 0,
    requests: 0,
    megaRequests: 0,
    downFraction: 0,
    megaUp: 0,
  };

  constructor(
    private readonly p: OverloadParams,
    private readonly o: ResolvedFluidOptions,
  ) {
    const { clients: C, supernodes: S, cacheSize } = scaledPopulation(p);
    this.C = C;
    this.S = S;
    this.H = p.probesPerAttempt === null ? cacheSize : Math.min(p.probesPerAttempt, cacheSize);
    this.L0 = C / S;
    this.steps = Math.round((p.durationHours * 3600) / p.stepSeconds);
    this.up = new UpCohorts(o.quantiles, o.maxCohortsPerQuantile, o.mergeTolerance, this.L0);
    this.down = new SupernodePools(p, o.quantiles);
    this.clients = new ClientPools(p);
    this.mega = new MegaPool(p, o.extraMega, C);
    this.trigger = new Trigger(p);
    this.law = new RequestLaw(o.requestSpread);
    this.serve = new RequestStep(p, this.up, this.down, this.law, this.L0, o.splitSurvivors);
    this.shedStep = Number.isFinite(p.shedding.atHours)
      ? Math.round((p.shedding.atHours * 3600) / p.stepSeconds)
      : NEVER;
    this.collapsedStart = o.initialState === 'collapsed';
    if (this.collapsedStart)
      this.clients.searchRing[0] = 1; // every client attempts at step 0, level 0; the supernodes enter the lag in step 0
    else for (let q = 0; q < o.quantiles; q++) this.up.add(q, 1 / o.quantiles, this.L0, this.L0);
    this.rec = new Recorder(p, !this.collapsedStart, this.clients, this.down, this.mega, this.L0, this.H);
  }

  /** One step k; returns true when the run stops there (stopOnCollapse). */
  step(k: number): boolean {
    const { p, clients, mega, rec } = this;
    let dumped = mega.waves(k); // 1
    this.down.timers(k, rec.online, p.stepSeconds, this.up, this.collapsedStart); // 2
    if (k < this.trigger.steps) dumped = this.trigger.apply(k, this, dumped); // 3
    clients.release(k); // 4
    // 5. routing
    const U = this.upMass();
    const nMegaUp = mega.upNumber();
    const Dx = Math.max(0, 1 - U);
    const upAny = U > 0;
    const pAllDown = !upAny ? 1 : Dx ** this.H;
    let pR: number;
    let pM: number;
    if (nMegaUp > 0) {
      pR = upAny ? (1 - p.mega.share) * (1 - pAllDown) : 0;
      pM = 1 - pR;
    } else {
      pR = upAny ? 1 - pAllDown : 0;
      pM = 0;
    }
    clients.route(k, pR, pM);
    const { R, MR } = clients;
    // 6–7. requests, loads, shutdowns, admissions
    const c = k >= this.shedStep ? p.loginCost * p.shedding.loginCostFactor : p.loginCost;
    const cRef = c * p.refuseCostFactor;
    const lambda = upAny && R > 0 ? (R * this.L0) / U : 0;
    this.law.set(lambda);
    const serve = this.serve;
    serve.run(k, c, cRef, lambda, dumped);
    const failR = Math.max(0, R - serve.accepted);
    const online = mega.serve(MR, nMegaUp, c, serve.online);
    // 8. failures back to the levels, then the retry delay of each level; clients of lost supernodes search again
    clients.fail(k, failR, mega.failed);
    clients.detect(serve.dumped, k);
    // 9. statistics
    const ms = this.meas;
    ms.online = online;
    ms.upBefore = U;
    ms.upAfter = serve.upAfter;
    ms.loadSum = serve.loadSum;
    ms.attempts = clients.A;
    ms.requests = R;
    ms.megaRequests = MR;
    ms.downFraction = Dx;
    ms.megaUp = nMegaUp;
    rec.measure(k, ms);
    const sampled = (k + 1) % p.sampleEvery === 0 || k + 1 === this.steps;
    if (this.o.checkConservation || sampled) rec.conservation();
    if (sampled) rec.sample(k + 1);
    if (this.o.stopOnCollapse && online < p.collapseThreshold) {
      if (!sampled) rec.sample(k + 1);
      return true;
    }
    return false;
  }

  /** Up mass of the ordinary supernodes (fraction of S), and the live cohorts into the statistics. */
  private upMass(): number {
    const { cm, cnt, maxPerQuantile } = this.up;
    let U = 0;
    let live = 0;
    for (let q = 0; q < this.up.quantiles; q++) {
      live += cnt[q];
      for (let j = 0; j < cnt[q]; j++) U += cm[q * maxPerQuantile + j];
    }
    this.rec.cohorts(live);
    return U;
  }

  /** Run every step (or up to the collapse with stopOnCollapse) and return the result. */
  run(): FluidOverloadResult {
    this.rec.sample(0);
    let stepsRun = this.steps;
    for (let k = 0; k < this.steps; k++) {
      if (this.step(k)) {
        stepsRun = k + 1;
        break;
      }
    }
    const o = this.o;
    return this.rec.result(stepsRun, this.C, this.S, {
      quantiles: o.quantiles,
      mergeTolerance: o.mergeTolerance,
      maxCohortsPerQuantile: o.maxCohortsPerQuantile,
      requestSpread: o.requestSpread,
    });
  }
}

/**
 * Run the fluid limit with checked parameters and options.
 *
 * @param p - validated parameters (no explicit overlay).
 * @param o - resolved options.
 * @returns the result of `fluidOverload`.
 */
export function runFluidOverload(p: OverloadParams, o: ResolvedFluidOptions): FluidOverloadResult {
  return new FluidRun(p, o).run();
}
