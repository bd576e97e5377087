/**
 * The mega-supernodes of the overload simulation (the operator's recovery): waves injected at given hours (ramped
 * in over `overHours`, row 30), a gradual withdrawal, and one step of admissions (they refuse above capacity and
 * never shut down; optional admission rate, row 29).
 *
 * @internal
 * @module
 */
import { scatterUniformCounts } from '../overload-sampling.ts';
import { stepAt, type OverloadSetup, type StepScratch } from './state.ts';

interface Wave {
  step: number;
  /** Mega-supernodes in the wave at this scale (at least 1). */
  n: number;
  capEach: number;
  /** Ramp length in steps (0 = at once). */
  ramp: number;
}

export interface MegaPool {
  waves: Wave[];
  /** Next wave to inject. */
  waveIdx: number;
  /** Mega-supernodes over all waves. */
  M: number;
  anyRamp: boolean;
  /** Per mega-supernode, first `injected` entries: wave step, ramp, capacity now and full, attached, requests, up. */
  step: Int32Array;
  ramp: Int32Array;
  cap: Float64Array;
  cap0: Float64Array;
  attached: Float64Array;
  req: Float64Array;
  isUp: Uint8Array;
  /** Ids of those up, first `nUp` entries of the step. */
  ids: Int32Array;
  injected: number;
  /** Mega-supernodes counted as withdrawn (fractional: the withdrawal is gradual). */
  withdrawn: number;
  withdrawStep: number;
  /** New clients per step per unit of capacity (Infinity = no rate limit). */
  admitPerStep: number;
}

export function createMegaPool(s: OverloadSetup): MegaPool {
  const { p, dt } = s;
  const waves = p.mega.waves
    .filter((w) => w.count > 0)
    .map((w) => {
      const n = Math.max(1, Math.round(w.count * p.scale));
      const ramp = Math.round(((w.overHours ?? 0) * 3600) / dt);
      return {
        step: Math.round((w.atHours * 3600) / dt),
        n,
        capEach: (w.count * p.mega.capacityClients * p.scale) / n,
        ramp,
      };
    })
    .sort((a, b) => a.step - b.step);
  const M = waves.reduce((sum, w) => sum + w.n, 0);
  const limited =
    p.mega.admitPerSecond !== undefined && Number.isFinite(p.mega.admitPerSecond) && p.mega.capacityClients > 0;
  return {
    waves,
    waveIdx: 0,
    M,
    anyRamp: waves.some((w) => w.ramp > 0),
    step: new Int32Array(M),
    ramp: new Int32Array(M),
    cap: new Float64Array(M),
    cap0: new Float64Array(M),
    attached: new Float64Array(M),
    req: new Float64Array(M),
    isUp: new Uint8Array(M),
    ids: new Int32Array(M),
    injected: 0,
    withdrawn: 0,
    withdrawStep: stepAt(s, p.mega.withdrawAtHours),
    admitPerStep: limited ? (p.mega.admitPerSecond! * dt) / p.mega.capacityClients : Infinity,
  };
}

/** Step 1: inject the waves due at step k. */
export function injectWaves(m: MegaPool, k: number): void {
  while (m.waveIdx < m.waves.length && m.waves[m.waveIdx].step <= k) {
    const w = m.waves[m.waveIdx++];
    for (let j = 0; j < w.n; j++) {
      const at = m.injected++;
      m.step[at] = w.step;
      m.ramp[at] = w.ramp;
      m.cap[at] = w.ramp > 0 ? w.capEach * Math.min(1, (k - w.step + 1) / w.ramp) : w.capEach;
      m.cap0[at] = w.capEach;
      m.isUp[at] = 1;
    }
  }
}

/**
 * Step 1: ramps and withdrawal. A ramped wave (row 30) grows its capacity linearly over its `overHours`; from
 * `withdrawAtHours` the capacity shrinks linearly over the window and the clients above it are handed back (added
 * to `x.dumped`: they start searching). Scale-free: it does not depend on how many mega-supernodes the scale leaves.
 */
export function reshapeCapacity(s: OverloadSetup, m: MegaPool, x: StepScratch, k: number): void {
  const { p, dt } = s;
  const withdrawing = k >= m.withdrawStep && m.injected > 0;
  if (!withdrawing && !m.anyRamp) return;
  let keep = 1;
  let progress = 0;
  if (withdrawing) {
    const span = Math.max(1, Math.round((p.mega.withdrawOverHours * 3600) / dt));
    progress = Math.min(1, (k - m.withdrawStep + 1) / span);
    keep = 1 - p.mega.withdrawFraction * progress;
  }
  const { isUp, ramp, step, cap, cap0, attached } = m;
  for (let j = 0; j < m.injected; j++) {
    if (!isUp[j]) continue;
    const rf = ramp[j] > 0 ? Math.min(1, (k - step[j] + 1) / ramp[j]) : 1;
    cap[j] = cap0[j] * rf * keep;
    if (!withdrawing) continue;
    if (keep <= 0) isUp[j] = 0;
    const excess = attached[j] - Math.floor(cap[j]);
    if (excess > 0) {
      attached[j] -= excess;
      x.dumped += excess;
    }
  }
  if (withdrawing) m.withdrawn = m.injected * p.mega.withdrawFraction * progress;
}

/** List the mega-supernodes up in `m.ids`; returns how many. */
export function listMegaUp(m: MegaPool): number {
  let n = 0;
  for (let j = 0; j < m.injected; j++) if (m.isUp[j]) m.ids[n++] = j;
  return n;
}

/**
 * Step 7 at the mega-supernodes: spread the `x.megaRequests` requests over the `x.nMegaUp` up, admit up to the
 * capacity left after the login load (cost `c`·`mega.loginCostFactor`) and the admission rate. Adds to
 * `x.megaFailed` and `x.online`.
 */
export function serveMegas(s: OverloadSetup, m: MegaPool, x: StepScratch, c: number): void {
  const MR = x.megaRequests;
  const nMegaUp = x.nMegaUp;
  const { ids, req, attached, cap, cap0 } = m;
  const costFactor = s.p.mega.loginCostFactor;
  if (MR > 0 && nMegaUp > 0) scatterUniformCounts(s.rng, MR, ids, nMegaUp, req);
  let failM = x.megaFailed;
  let onlineNow = x.online;
  for (let u = 0; u < nMegaUp; u++) {
    const j = ids[u];
    const r = MR > 0 ? req[j] : 0;
    if (r > 0) {
      const load = attached[j] + c * costFactor * r;
      const room = Math.floor(Math.min(cap[j] - load, m.admitPerStep * cap0[j]));
      const acc = room <= 0 ? 0 : room < r ? room : r;
      attached[j] += acc;
      failM += r - acc;
      req[j] = 0;
    }
    onlineNow += attached[j];
  }
  x.megaFailed = failM;
  x.online = onlineNow;
}

/** Mega-supernodes up, net of the gradual withdrawal (rounded, as reported in the timeline). */
export function megaUpCount(m: MegaPool): number {
  let up = 0;
  for (let j = 0; j < m.injected; j++) up += m.isUp[j];
  return Math.max(0, Math.round(up - m.withdrawn));
}

/** Clients attached to mega-supernodes. */
export function megaClients(m: MegaPool): number {
  let n = 0;
  for (let j = 0; j < m.injected; j++) n += m.attached[j];
  return n;
}
