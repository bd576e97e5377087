// The cases that pin fluidOverload's exact output (test/analytic/overload-fluid-golden.test.ts): the 2010
// defaults, the calibrated 2010 preset, the 2007 prediction, a collapsed start, a recovery by injected capacity and
// the option branches (no cheap refusal, never giving up with an exponential backoff, split survivors, the 'mean'
// request spread, a forced loss). Every number of every result goes into the digest.
import { createHash } from 'node:crypto';
import { fluidOverload, fluidRecovery, type FluidOverloadResult } from '../../src/analytic/overload-fluid.ts';
import {
  skype2007PredictedParams,
  skype2010CalibratedParams,
  withOverloadParams,
} from '../../src/models/overload-params.ts';

/** One golden case: a name and the run. */
export interface FluidGoldenCase {
  name: string;
  run: () => FluidOverloadResult;
}

export const fluidGoldenCases: FluidGoldenCase[] = [
  { name: '2010 defaults, 48 h', run: () => fluidOverload() },
  { name: '2010 calibrated preset, 48 h', run: () => fluidOverload(skype2010CalibratedParams) },
  {
    name: '2007 predicted, 24 h, checkConservation',
    run: () =>
      fluidOverload(withOverloadParams(skype2007PredictedParams, { durationHours: 24 }), { checkConservation: true }),
  },
  {
    name: 'collapsed start, no mega, 12 h',
    run: () => fluidOverload({ durationHours: 12, forcedLoss: 0, mega: { waves: [] } }, { initialState: 'collapsed' }),
  },
  {
    name: 'recovery: 400 mega at T+2 h, 8 h',
    run: () => fluidRecovery({}, { megaCount: 400, atHours: 2, durationHours: 8 }).run,
  },
  {
    name: 'forced loss 0.2, refusal at full cost, exponential backoff, never gives up, split survivors, 6 h',
    run: () =>
      fluidOverload(
        {
          forcedLoss: 0.2,
          durationHours: 6,
          refuseCostFactor: 1,
          maxAttempts: Infinity,
          retry: { kind: 'exponential-full-jitter', baseSeconds: 1, capSeconds: 300 },
        },
        { splitSurvivors: true },
      ),
  },
  {
    name: "'mean' request spread, 50 quantiles, 8 cohorts, 6 h",
    run: () =>
      fluidOverload(
        { durationHours: 6 },
        { requestSpread: 'mean', quantiles: 50, maxCohortsPerQuantile: 8, mergeTolerance: 1e-4 },
      ),
  },
  {
    name: 'stop on collapse, forced loss 0.3, 3 h',
    run: () => fluidOverload({ forcedLoss: 0.3, durationHours: 3, sampleEvery: 7 }, { stopOnCollapse: true }),
  },
];

/** The value with every object's keys sorted (so the digest does not depend on the order fields are built in). */
export function canonical(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(canonical);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) out[k] = canonical((x as Record<string, unknown>)[k]);
    return out;
  }
  return x;
}

/** SHA-256 of the canonical JSON: JSON writes every double in its shortest exact (round-trip) form. */
export function fluidDigest(r: FluidOverloadResult): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(r)))
    .digest('hex');
}
