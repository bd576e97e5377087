/**
 * The ordinary supernodes of the overload simulation: capacities, attached clients, the monitored load of the
 * self-protection rule, the re-entry timers, and one step of requests, loads, shutdowns and admissions.
 *
 * @internal
 * @module
 */
import { scatterUniformCounts } from '../overload-sampling.ts';
import * as st from './state.ts';
import { lagSteps, type OverloadSetup, type StepScratch } from './state.ts';

// Module-local copies of the state codes: an imported binding is read through a getter under the tsx/vitest
// transform, which made the per-supernode loops 4× slower (measured: scale 0.1 run 3.0 s → 13.9 s under load).
const UP = st.UP;
const SHUTDOWN = st.SHUTDOWN;
const CRASHED = st.CRASHED;
const REJOINING = st.REJOINING;
const PROMOTING = st.PROMOTING;

export interface Supernodes {
  /** UP, SHUTDOWN, CRASHED, REJOINING or PROMOTING. */
  state: Uint8Array;
  /** Step at which the current state ends (SHUTDOWN, CRASHED, REJOINING). */
  timer: Int32Array;
  attached: Float64Array;
  cap: Float64Array;
  /** Requests received in the step. */
  req: Float64Array;
  /** EWMA of the load the self-protection rule watches. */
  monitored: Float64Array;
  /** Ids of the supernodes up, first `nUp` entries. */
  upIds: Int32Array;
  /** Refusing a login costs less than serving one: admission is decided on the monitored load first. */
  cheapRefusal: boolean;
  /** EWMA weight β = 1 − exp(−dt/τ) (1 for τ = 0). */
  beta: number;
  /**
   * A step at or before which no timer of a SHUTDOWN, CRASHED or REJOINING supernode ends (Infinity: none pending).
   * Whoever sets such a timer lowers it; advanceTimers recomputes it exactly when it scans.
   */
  nextExpiry: number;
  /** Whether a supernode was PROMOTING after the last scan of advanceTimers (each draws every step). */
  anyPromoting: boolean;
}

/**
 * The healthy supernodes: capacities (1 + alpha_i)·L0 from the stream forked with key 1, clients attached evenly
 * (or as the overlay says), monitored load at the attached load.
 */
export function createSupernodes(s: OverloadSetup): Supernodes {
  const { p, S, C, L0 } = s;
  const sn: Supernodes = {
    state: new Uint8Array(S),
    timer: new Int32Array(S),
    attached: new Float64Array(S),
    cap: new Float64Array(S),
    req: new Float64Array(S),
    monitored: new Float64Array(S),
    upIds: new Int32Array(S),
    cheapRefusal: p.refuseCostFactor < 1,
    beta: p.loadWindowSeconds > 0 ? -Math.expm1(-s.dt / p.loadWindowSeconds) : 1,
    nextExpiry: Infinity,
    anyPromoting: false,
  };
  const { cap, attached, monitored } = sn;
  const capRng = s.rng.fork(1);
  for (let i = 0; i < S; i++) {
    const alpha = p.headroom.sample(capRng);
    cap[i] = (1 + alpha) * L0 * (p.overlay ? p.overlay.capacity[i] : 1);
  }
  if (p.overlay) {
    const act = p.overlay.active;
    for (let c = 0; c < C; c++) attached[act[c]]++;
  } else {
    const base = Math.floor(C / S);
    const extra = C - base * S;
    for (let i = 0; i < S; i++) attached[i] = base + (i < extra ? 1 : 0);
  }
  for (let i = 0; i < S; i++) monitored[i] = attached[i];
  return sn;
}

/** The collapsed start: every supernode shut down at step 0, in its re-entry lag (one lag draw each, in id order). */
export function shutDownAll(s: OverloadSetup, sn: Supernodes): void {
  for (let i = 0; i < s.S; i++) {
    sn.attached[i] = 0;
    sn.monitored[i] = 0;
    sn.state[i] = SHUTDOWN;
    sn.timer[i] = lagSteps(s);
    if (sn.timer[i] < sn.nextExpiry) sn.nextExpiry = sn.timer[i];
  }
}

/**
 * Step 2: expired timers. A crashed supernode starts its re-entry lag; at the end of the lag it comes up empty (or,
 * with `promotion`, row 28, waits to be re-promoted with hazard online/meanHours per hour, `onlineFraction` being
 * the previous step's).
 */
export function advanceTimers(s: OverloadSetup, sn: Supernodes, k: number, onlineFraction: number): void {
  // no timer ends at k and nobody draws for re-promotion: the scan below would change nothing and draw nothing
  if (!sn.anyPromoting && k < sn.nextExpiry) return;
  const { rng, S } = s;
  const { state, timer, attached, monitored } = sn;
  const promo = s.p.promotion;
  const pPromote = promo ? -Math.expm1(-(s.dt * onlineFraction) / (promo.meanHours * 3600)) : 1;
  let next = Infinity;
  let anyPromoting = false;
  for (let i = 0; i < S; i++) {
    if (state[i] === UP) continue;
    if (state[i] !== PROMOTING && timer[i] <= k) {
      if (state[i] === CRASHED) {
        state[i] = REJOINING;
        timer[i] = k + lagSteps(s);
      } else if (promo) state[i] = PROMOTING;
      else {
        state[i] = UP;
        attached[i] = 0;
        monitored[i] = 0;
      }
    }
    if (state[i] === PROMOTING) {
      if (rng.next() < pPromote) {
        state[i] = UP;
        attached[i] = 0;
        monitored[i] = 0;
      } else anyPromoting = true;
    } else if (state[i] !== UP && timer[i] < next) next = timer[i];
  }
  sn.nextExpiry = next;
  sn.anyPromoting = anyPromoting;
}

/** List the supernodes up in `sn.upIds`; returns how many. */
export function listUp(sn: Supernodes): number {
  const { state, upIds } = sn;
  let nUp = 0;
  for (let i = 0; i < state.length; i++) if (state[i] === UP) upIds[nUp++] = i;
  return nUp;
}

/**
 * Steps 6–7 at the supernodes: spread the `x.requests` requests uniformly over the `x.nUp` supernodes up, compute
 * each load with login cost `c`, update the monitored load, shut down the supernodes that trip the rule (their
 * clients go to `x.dumped`, their requests fail) and admit new clients at the others. Adds to `x.failed`,
 * `x.loadSum`, `x.online`, `x.upAfter`.
 */
export function serveSupernodes(s: OverloadSetup, sn: Supernodes, x: StepScratch, c: number, k: number): void {
  const { p, rng } = s;
  const { state, timer, attached, cap, req, monitored, upIds, cheapRefusal, beta } = sn;
  const R = x.requests;
  const nUp = x.nUp;
  const cRef = c * p.refuseCostFactor;
  const burstCap = p.burstFactor;
  const admission = p.admission;
  const loginLoad = 1 + c;
  let nextExpiry = sn.nextExpiry;
  if (R > 0 && nUp > 0) scatterUniformCounts(rng, R, upIds, nUp, req);
  let failR = x.failed;
  let loadSum = x.loadSum;
  let onlineNow = x.online;
  let upAfter = x.upAfter;
  let dumped = x.dumped;
  for (let u = 0; u < nUp; u++) {
    const i = upIds[u];
    const r = R > 0 ? req[i] : 0;
    let acc = 0;
    let load: number;
    if (cheapRefusal) {
      // admission control on the monitored load: a login costs 1 + c (the client plus its login work), a refusal cRef
      if (r > 0) {
        const slots = Math.floor((admission * cap[i] - Math.max(attached[i], monitored[i])) / loginLoad);
        acc = slots <= 0 ? 0 : slots < r ? slots : r;
      }
      load = attached[i] + loginLoad * acc + cRef * (r - acc);
    } else load = attached[i] + c * r;
    loadSum += load;
    const mon = monitored[i] + beta * (load - monitored[i]);
    monitored[i] = mon;
    if (mon > cap[i] || load > burstCap * cap[i]) {
      state[i] = SHUTDOWN;
      timer[i] = k + lagSteps(s);
      if (timer[i] < nextExpiry) nextExpiry = timer[i];
      dumped += attached[i];
      attached[i] = 0;
      failR += r;
    } else {
      if (r > 0) {
        if (!cheapRefusal) {
          const room = Math.floor(admission * cap[i] - load);
          acc = room <= 0 ? 0 : room < r ? room : r;
        }
        attached[i] += acc;
        failR += r - acc;
      }
      onlineNow += attached[i];
      upAfter++;
    }
    req[i] = 0;
  }
  x.failed = failR;
  x.loadSum = loadSum;
  x.online = onlineNow;
  x.upAfter = upAfter;
  x.dumped = dumped;
  sn.nextExpiry = nextExpiry;
}

/** Fraction of the supernodes in state `st`. */
export function stateShare(sn: Supernodes, st: number): number {
  let n = 0;
  for (let i = 0; i < sn.state.length; i++) if (sn.state[i] === st) n++;
  return n / sn.state.length;
}
