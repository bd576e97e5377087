/**
 * Shared state of one overload simulation: the scalars every part reads (population, step, horizon, the seeded
 * stream), the supernode states, and the per-step scratch the parts pass results through.
 *
 * The simulation is split into parts that each own their arrays (supernodes.ts, mega-supernodes.ts, clients.ts,
 * trigger.ts, outputs.ts); simulate.ts runs them in the fixed order of one step. Every random draw comes from the
 * one stream `rng` in that order, so the split reproduces the single-function implementation bit for bit
 * (test/cascade/overload-golden.test.ts).
 *
 * @internal
 * @module
 */
import type { Rng } from '../../random/stream.ts';
import { scaledPopulation, type OverloadParams } from '../../models/overload-params.ts';

/** Supernode states. */
export const UP = 0;
export const SHUTDOWN = 1;
export const CRASHED = 2;
export const REJOINING = 3;
/** Lag over, waiting to be re-promoted (only with `promotion`, calibration row 28). */
export const PROMOTING = 4;
/** A step that never comes. */
export const NEVER = 0x7fffffff;
/** Number of retry levels used when clients never give up (the last level loops on itself). */
export const LOOP_LEVELS = 40;

/** The constants of one run. */
export interface OverloadSetup {
  p: OverloadParams;
  rng: Rng;
  /** Clients. */
  C: number;
  /** Ordinary supernodes. */
  S: number;
  /** Host-cache entries probed per login attempt (the annealed cache draws this many entries afresh each attempt). */
  H: number;
  /** Step, seconds. */
  dt: number;
  steps: number;
  /** Nominal clients per supernode, C/S. */
  L0: number;
  /** Re-entry lag: minimum and width, in steps. */
  lagLo: number;
  lagW: number;
}

/** The constants of a run with parameters `p` (already validated) drawing from `rng`. */
export function createSetup(p: OverloadParams, rng: Rng): OverloadSetup {
  const { clients: C, supernodes: S, cacheSize } = scaledPopulation(p);
  const dt = p.stepSeconds;
  return {
    p,
    rng,
    C,
    S,
    H: p.probesPerAttempt === null ? cacheSize : Math.min(p.probesPerAttempt, cacheSize),
    dt,
    steps: Math.round((p.durationHours * 3600) / dt),
    L0: C / S,
    lagLo: (p.rejoin.minMinutes * 60) / dt,
    lagW: ((p.rejoin.maxMinutes - p.rejoin.minMinutes) * 60) / dt,
  };
}

/** Hours after the trigger onset at step k. */
export const hoursAt = (s: OverloadSetup, k: number): number => (k * s.dt) / 3600;

/** The step of a time in hours (NEVER for an infinite time). */
export const stepAt = (s: OverloadSetup, hours: number): number =>
  Number.isFinite(hours) ? Math.round((hours * 3600) / s.dt) : NEVER;

/** A re-entry lag U(rejoin.min, rejoin.max) in steps, at least 1 (one draw). */
export const lagSteps = (s: OverloadSetup): number => Math.max(1, Math.round(s.lagLo + s.rng.next() * s.lagW));

/** What the parts of one step hand to each other; reset at the start of every step. */
export interface StepScratch {
  /** Clients that lost their supernode this step (they notice after the detection delay). */
  dumped: number;
  /** Supernodes up before the step's admissions, and those still up after. */
  nUp: number;
  upAfter: number;
  /** Mega-supernodes up. */
  nMegaUp: number;
  /** Supernodes not up when the attempts are routed. */
  down: number;
  /** Attempts, requests to supernodes, requests to mega-supernodes. */
  attempts: number;
  requests: number;
  megaRequests: number;
  /** Failed requests at supernodes and at mega-supernodes. */
  failed: number;
  megaFailed: number;
  /** Sum of the supernode loads, clients attached after the step. */
  loadSum: number;
  online: number;
}

/** Zero every field of the scratch (start of a step). */
export function resetScratch(x: StepScratch): StepScratch {
  x.dumped = 0;
  x.nUp = 0;
  x.upAfter = 0;
  x.nMegaUp = 0;
  x.down = 0;
  x.attempts = 0;
  x.requests = 0;
  x.megaRequests = 0;
  x.failed = 0;
  x.megaFailed = 0;
  x.loadSum = 0;
  x.online = 0;
  return x;
}

export const newScratch = (): StepScratch => resetScratch({} as StepScratch);
