/**
 * Retry and restart delays of the overload model, discretised to time steps.
 *
 * The simulation keeps clients in cohorts by the step at which their next event fires, so every delay law is
 * turned once into a probability mass function over whole steps. Delays are computed by deterministic quadrature
 * (equally weighted quantile points of the law) and each point is split between floor(d/dt) and floor(d/dt) + 1 in
 * proportion to its fractional part (stochastic rounding in expectation, so the mean delay is kept), with a minimum
 * of one step: a client makes at most one attempt per step.
 *
 * @module
 */
import { standardNormalQuantile } from '../distributions/normal-functions.ts';
import type { OverloadRetryPolicy } from './overload-params.ts';

/**
 * A delay law discretised to steps: `pmf[b]` = P(delay = b steps), b >= 1 (pmf[0] = 0).
 *
 * @category Overload model
 */
export interface StepDelayPmf {
  /** Probability per number of steps (index 0 unused, always 0). */
  pmf: Float64Array;
  /** Mean delay in steps. */
  meanSteps: number;
}

function pmfFromPoints(points: number[], stepSeconds: number, maxSteps: number): StepDelayPmf {
  let hi = 1;
  const bins: number[] = [];
  const w = 1 / points.length;
  for (const d of points) {
    let x = d / stepSeconds;
    if (!(x >= 1)) x = 1;
    if (x > maxSteps) x = maxSteps;
    const lo = Math.floor(x);
    const frac = x - lo;
    bins[lo] = (bins[lo] ?? 0) + w * (1 - frac);
    if (frac > 0) bins[lo + 1] = (bins[lo + 1] ?? 0) + w * frac;
    if (lo + 1 > hi) hi = frac > 0 ? lo + 1 : lo;
  }
  const pmf = new Float64Array(hi + 1);
  let mean = 0;
  let total = 0;
  for (let b = 1; b <= hi; b++) total += bins[b] ?? 0;
  for (let b = 1; b <= hi; b++) {
    pmf[b] = (bins[b] ?? 0) / total;
    mean += b * pmf[b];
  }
  return { pmf, meanSteps: mean };
}

/**
 * The retry delay after the (n+1)-th failed login attempt (n = 0, 1, …), discretised to steps.
 *
 * @param policy - the retry policy.
 * @param n - the number of failures before this one (backoff exponent), an integer >= 0.
 * @param stepSeconds - the simulation step, seconds.
 * @param maxSteps - delays beyond this many steps are clamped (default 100 000).
 * @returns the pmf over steps.
 *
 * @complexity O(Q) with Q = 400 quadrature points.
 *
 * @model fixed: d = U(min, max)·(1 + U(−j, j)); AWS full jitter: d = U(0, min(cap, base·2^n)); gRPC:
 * d = min(initial·mult^n, max)·(1 + U(−j, j)).
 *
 * @references M. Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog (2015); gRPC
 * `doc/connection-backoff.md`.
 *
 * @example
 * ```ts
 * retryDelayPmf({ kind: 'fixed', minSeconds: 5, maxSeconds: 10, jitter: 0.1 }, 0, 10).pmf; // all mass on 1 and 2 steps
 * ```
 *
 * @category Overload model
 */
export function retryDelayPmf(
  policy: OverloadRetryPolicy,
  n: number,
  stepSeconds: number,
  maxSteps = 100_000,
): StepDelayPmf {
  const pts: number[] = [];
  const Q1 = 40;
  const Q2 = 10;
  switch (policy.kind) {
    case 'fixed':
      for (let i = 0; i < Q1; i++) {
        const base = policy.minSeconds + ((i + 0.5) / Q1) * (policy.maxSeconds - policy.minSeconds);
        for (let j = 0; j < Q2; j++) pts.push(base * (1 + policy.jitter * (2 * ((j + 0.5) / Q2) - 1)));
      }
      break;
    case 'exponential-full-jitter': {
      const top = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.min(n, 60));
      for (let i = 0; i < Q1 * Q2; i++) pts.push(((i + 0.5) / (Q1 * Q2)) * top);
      break;
    }
    case 'grpc': {
      const base = Math.min(policy.maxSeconds, policy.initialSeconds * policy.multiplier ** Math.min(n, 200));
      for (let i = 0; i < Q1 * Q2; i++) pts.push(base * (1 + policy.jitter * (2 * ((i + 0.5) / (Q1 * Q2)) - 1)));
      break;
    }
  }
  return pmfFromPoints(pts, stepSeconds, maxSteps);
}

/**
 * A log-normal delay (median m seconds, log-sd sigma) discretised to steps; the top 0.1 % of the law is clamped to
 * its 0.999 quantile so that the ring buffers stay short.
 *
 * @param medianSeconds - the median delay, seconds (>= 0).
 * @param sigma - the log-normal sigma (>= 0).
 * @param stepSeconds - the step, seconds.
 * @returns the pmf over steps.
 *
 * @complexity O(Q), Q = 400.
 *
 * @model d = m·exp(sigma·z), z ~ N(0, 1).
 *
 * @references calibration row 20 (restart delay median 60 s, sigma 1).
 *
 * @example
 * ```ts
 * lognormalDelayPmf(60, 1, 10).meanSteps; // ≈ 9.9 (≈ 60·e^0.5/10)
 * ```
 *
 * @category Overload model
 */
export function lognormalDelayPmf(medianSeconds: number, sigma: number, stepSeconds: number): StepDelayPmf {
  const Q = 400;
  const zmax = standardNormalQuantile(0.999);
  const pts: number[] = [];
  for (let i = 0; i < Q; i++) {
    const z = Math.min(zmax, standardNormalQuantile((i + 0.5) / Q));
    pts.push(medianSeconds * Math.exp(sigma * z));
  }
  return pmfFromPoints(pts, stepSeconds, 100_000);
}

/**
 * A uniform delay on [a, b] seconds discretised to steps (the supernode re-entry lag, row 18).
 *
 * @param aSeconds - lower end.
 * @param bSeconds - upper end (>= a).
 * @param stepSeconds - the step.
 * @returns the pmf over steps.
 *
 * @complexity O(Q), Q = 400.
 * @model d ~ U(a, b).
 * @references calibration row 18.
 *
 * @example
 * ```ts
 * uniformDelayPmf(1800, 7200, 10).meanSteps; // 450 (= (1800 + 7200)/2/10)
 * ```
 *
 * @category Overload model
 */
export function uniformDelayPmf(aSeconds: number, bSeconds: number, stepSeconds: number): StepDelayPmf {
  const Q = 400;
  const pts: number[] = [];
  for (let i = 0; i < Q; i++) pts.push(aSeconds + ((i + 0.5) / Q) * (bSeconds - aSeconds));
  return pmfFromPoints(pts, stepSeconds, 10_000_000);
}
