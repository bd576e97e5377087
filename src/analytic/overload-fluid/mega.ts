/**
 * The mega-supernodes of the overload fluid limit: each wave is a group of n = max(1, round(count·scale)) identical
 * mega-supernodes (as in the simulation), injected at its step, ramped over `overHours`, withdrawn in part from
 * `mega.withdrawAtHours`; each admits min(r, room) of its mean share r of the mega pool's requests.
 *
 * @module
 * @internal
 */
import type { OverloadParams } from '../../models/overload-params.ts';
import { NEVER } from './clients.ts';

/** A wave injected on top of the parameters' waves (`FluidOverloadOptions.extraMega`). */
export interface ExtraMegaWave {
  atHours: number;
  count: number;
  capacityClients?: number;
}

/** One wave's group of identical mega-supernodes; capEach and att are clients per mega-supernode. */
interface MegaGroup {
  step: number;
  n: number;
  capEach0: number;
  capEach: number;
  att: number;
  up: boolean;
  injected: boolean;
  ramp: number;
}

/** The mega-supernode groups, in injection order. */
export class MegaPool {
  private readonly groups: MegaGroup[];
  private readonly anyRamp: boolean;
  /** Mega-supernodes of every wave (scaled). */
  readonly total: number;
  private injected = 0;
  private withdrawn = 0;
  private readonly withdrawStep: number;
  private readonly withdrawSpan: number;
  private readonly withdrawFraction: number;
  private readonly C: number;
  private readonly costFactor: number;
  /** Admission limit per step as a fraction of a mega-supernode's capacity (Infinity: none). */
  private readonly admitPerStep: number;
  /** Requests refused by the mega pool in this step (fraction of C). */
  failed = 0;

  constructor(p: OverloadParams, extra: readonly ExtraMegaWave[], C: number) {
    const dt = p.stepSeconds;
    const allWaves = [
      ...p.mega.waves.map((w) => ({
        atHours: w.atHours,
        count: w.count,
        capacityClients: p.mega.capacityClients,
        overHours: w.overHours ?? 0,
      })),
      ...extra.map((w) => ({
        atHours: w.atHours,
        count: w.count,
        capacityClients: w.capacityClients ?? p.mega.capacityClients,
        overHours: 0,
      })),
    ];
    this.groups = allWaves
      .filter((w) => w.count > 0)
      .map((w) => {
        const n = Math.max(1, Math.round(w.count * p.scale));
        const ramp = Math.round((w.overHours * 3600) / dt);
        return {
          step: Math.round((w.atHours * 3600) / dt),
          n,
          capEach0: (w.count * w.capacityClients * p.scale) / n,
          capEach: 0,
          att: 0,
          up: false,
          injected: false,
          ramp,
        };
      })
      .sort((a, b) => a.step - b.step);
    this.anyRamp = this.groups.some((g) => g.ramp > 0);
    this.total = this.groups.reduce((s, g) => s + g.n, 0);
    this.withdrawStep = Number.isFinite(p.mega.withdrawAtHours)
      ? Math.round((p.mega.withdrawAtHours * 3600) / dt)
      : NEVER;
    this.withdrawSpan = Math.max(1, Math.round((p.mega.withdrawOverHours * 3600) / dt));
    this.withdrawFraction = p.mega.withdrawFraction;
    this.C = C;
    this.costFactor = p.mega.loginCostFactor;
    this.admitPerStep =
      p.mega.admitPerSecond !== undefined && Number.isFinite(p.mega.admitPerSecond) && p.mega.capacityClients > 0
        ? (p.mega.admitPerSecond * dt) / p.mega.capacityClients
        : Infinity;
  }

  /**
   * Step 1 at step k: inject the waves due, ramp their capacity and withdraw from `withdrawAtHours`. Returns the
   * clients dumped by the withdrawal (fraction of C), who search again after the detection delay.
   */
  waves(k: number): number {
    let dumped = 0;
    for (const g of this.groups) {
      if (!g.injected && g.step <= k) {
        g.injected = true;
        g.up = true;
        g.capEach = g.ramp > 0 ? g.capEach0 * Math.min(1, (k - g.step + 1) / g.ramp) : g.capEach0;
        this.injected += g.n;
      }
    }
    const withdrawing = k >= this.withdrawStep && this.injected > 0;
    if (!withdrawing && !this.anyRamp) return dumped;
    // as in the simulation: ramped waves (row 30) grow linearly over `overHours`, times the withdrawal factor
    let keep = 1;
    let progress = 0;
    if (withdrawing) {
      progress = Math.min(1, (k - this.withdrawStep + 1) / this.withdrawSpan);
      keep = 1 - this.withdrawFraction * progress;
    }
    for (const g of this.groups) {
      if (!g.injected || !g.up) continue;
      const rf = g.ramp > 0 ? Math.min(1, (k - g.step + 1) / g.ramp) : 1;
      g.capEach = g.capEach0 * rf * keep;
      if (!withdrawing) continue;
      if (keep <= 0) g.up = false;
      const excess = g.att - g.capEach;
      if (excess > 0) {
        g.att -= excess;
        dumped += (excess * g.n) / this.C;
      }
    }
    if (withdrawing) this.withdrawn = this.injected * this.withdrawFraction * progress;
    return dumped;
  }

  /** Mega-supernodes injected and up (groups, before the withdrawal's count). */
  upNumber(): number {
    let u = 0;
    for (const g of this.groups) if (g.injected && g.up) u += g.n;
    return u;
  }

  /** Mega-supernodes up, net of the withdrawn ones (the timeline's `megaUp`). */
  upCount(): number {
    return Math.max(0, Math.round(this.upNumber() - this.withdrawn));
  }

  /** The trigger crashes a share hC of the clients attached to the mega-supernodes: returns crashedNow plus those. */
  crashAttached(hC: number, crashedNow: number): number {
    let c = crashedNow;
    for (const g of this.groups) {
      if (g.injected && g.up && g.att > 0) {
        c += (g.att * hC * g.n) / this.C;
        g.att *= 1 - hC;
      }
    }
    return c;
  }

  /**
   * Steps 6–7 for the mega pool: MR requests (fraction of C) spread over the nUp mega-supernodes up, login cost c;
   * each admits min(r, room). Sets `failed`; returns `online` plus the clients attached to them.
   */
  serve(MR: number, nUp: number, c: number, online: number): number {
    const C = this.C;
    let failM = 0;
    let on = online;
    for (const g of this.groups) {
      if (!g.injected || !g.up) continue;
      const r = MR > 0 && nUp > 0 ? (MR * C) / nUp : 0; // requests per mega-supernode (clients)
      if (r > 0) {
        const load = g.att + c * this.costFactor * r;
        const room = Math.min(g.capEach - load, this.admitPerStep * g.capEach0);
        const acc = room <= 0 ? 0 : room < r ? room : r;
        g.att += acc;
        failM += ((r - acc) * g.n) / C;
      }
      on += (g.att * g.n) / C;
    }
    this.failed = failM;
    return on;
  }

  /** Clients attached to the mega-supernodes up (fraction of C). */
  attached(): number {
    let on = 0;
    for (const g of this.groups) if (g.injected && g.up) on += (g.att * g.n) / this.C;
    return on;
  }
}
