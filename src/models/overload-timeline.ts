/**
 * The output shapes shared by the overload simulation (`simulateOverload`, src/cascade) and its fluid limit
 * (`fluidOverload`, src/analytic): one timeline sample and the final state of a run.
 *
 * @module
 */

/**
 * One sample of the timeline. Fractions are of the pre-incident online clients C (or of the S ordinary supernodes).
 *
 * @category Overload model
 */
export interface OverloadTimelinePoint {
  /** Hours since the trigger onset T. */
  t: number;
  /** Online (attached) clients / C. */
  online: number;
  /** Ordinary supernodes up / S. */
  supernodesUp: number;
  /** Mean load of the ordinary supernodes that were up during the step, in nominal units (normal steady state = 1). */
  meanLoad: number;
  /** Login/search requests received by supernodes in the step / the normal login rate C·dt/session. */
  loginRate: number;
  /**
   * Supernode traffic in the step / the normal login rate: every login/search request sent to a supernode, counting
   * the probes of host-cache entries that are down (each attempt tries its cache in turn until a supernode answers)
   * and the requests refused by overloaded ones. It counts attempts that never reach a live supernode, so it runs
   * far above the CIO's "≈100× normal" (row 19); the figure comparable to that report is `loginRate` (requests that
   * reach up supernodes), which is what the 2010 calibration fits.
   */
  trafficRate: number;
  /** Mega-supernodes up (count). */
  megaUp: number;
  /** Searching clients / C. */
  searching: number;
  /** Restarting clients (waiting out the restart delay) / C. */
  restarting: number;
  /** Crashed clients not restarted yet / C. */
  crashed: number;
  /** Clients that gave up / C. */
  gone: number;
}

/**
 * Final state of a run (fractions of C, of S, or counts as stated).
 *
 * @category Overload model
 */
export interface OverloadFinalState {
  online: number;
  searching: number;
  restarting: number;
  crashed: number;
  gone: number;
  supernodesUp: number;
  supernodesShutDown: number;
  supernodesCrashed: number;
  supernodesRejoining: number;
  megaUp: number;
  /** Clients attached to mega-supernodes / C. */
  onMega: number;
}

/**
 * The summary of one overload run, common to the simulation (`OverloadResult`, src/cascade) and its fluid limit
 * (`FluidOverloadResult`, src/analytic). Fractions are of the pre-incident online clients C.
 *
 * @category Overload model
 */
export interface OverloadRunSummary {
  /** Clients C and ordinary supernodes S of the run (after scaling; they set L0 = C/S). */
  clients: number;
  supernodes: number;
  /** Total mega-supernodes injected (after scaling). */
  megaSupernodes: number;
  steps: number;
  stepSeconds: number;
  timeline: OverloadTimelinePoint[];
  /** Minimum online fraction over every step, and when (hours). */
  minOnlineFraction: number;
  minOnlineAtHours: number;
  /** minOnlineFraction < params.collapseThreshold. */
  collapsed: boolean;
  /** Online fraction >= recoveryThreshold at the end and from `recoveredAtHours` on (0 if it never fell below). */
  recovered: boolean;
  recoveredAtHours: number | null;
  /** Peak of the login rate relative to normal (compare with the reported ≈100×), and when. */
  peakLoginRate: number;
  peakLoginRateAtHours: number;
  /** Peak of the attempt traffic including probes of down cache entries (see {@link OverloadTimelinePoint.trafficRate}), and when. */
  peakTrafficRate: number;
  peakTrafficRateAtHours: number;
  /** Peak mean load of up supernodes (nominal units). */
  peakMeanLoad: number;
  final: OverloadFinalState;
}
