// Golden timelines of simulateOverload (issue 17, point 1): the exact output of seeded runs, pinned before the
// simulation was split into src/cascade/overload/ and required to stay bit-identical after. Each case records a
// SHA-256 of the whole result (JSON of every timeline point and summary field: JSON round-trips doubles exactly)
// plus a few readable fields. Tolerance: none (exact). Source: the values the single-function implementation
// (src/cascade/overload-model.ts at commit 65c1c2d) produced; a change of any of them is a change of the model.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulateOverload, type SimulateOverloadOptions } from '../../src/cascade/overload-model.ts';
import {
  type OverloadParamsInput,
  skype2010CalibratedParams,
  skype2010OverloadParams,
  withOverloadParams,
} from '../../src/models/overload-params.ts';
import { twoTierOverlay } from '../../src/generators/two-tier.ts';
import { stream } from '../../src/random/stream.ts';

const small: OverloadParamsInput = { scale: 0.002, durationHours: 30, sampleEvery: 30 };

interface Case {
  name: string;
  params: () => Parameters<typeof simulateOverload>[0];
  options: SimulateOverloadOptions;
}

const CASES: Case[] = [
  { name: '2010 defaults', params: () => ({ ...small }), options: { seed: 1 } },
  {
    name: '2010 defaults, full 48 h with withdrawal',
    params: () => ({ scale: 0.002 }),
    options: { seed: 3, index: 2 },
  },
  {
    name: 'skype2010CalibratedParams',
    params: () => withOverloadParams(skype2010CalibratedParams, small),
    options: { seed: 1 },
  },
  {
    name: 'abandon',
    params: () => ({ ...small, abandon: { share: 0.2, meanHours: 2, stages: 3 } }),
    options: { seed: 2 },
  },
  { name: 'promotion', params: () => ({ ...small, promotion: { meanHours: 0.5 } }), options: { seed: 2 } },
  { name: 'mega admission rate', params: () => ({ ...small, mega: { admitPerSecond: 20 } }), options: { seed: 2 } },
  {
    name: 'ramped wave',
    params: () => ({
      ...small,
      mega: {
        waves: [
          { atHours: 2, count: 80, overHours: 3 },
          { atHours: 16, count: 320, overHours: 6 },
        ],
      },
    }),
    options: { seed: 2 },
  },
  {
    name: 'early withdrawal',
    params: () => ({ ...small, mega: { withdrawAtHours: 20, withdrawFraction: 1, withdrawOverHours: 4 } }),
    options: { seed: 4 },
  },
  {
    name: 'no cheap refusal, per-step load',
    params: () => ({ ...small, refuseCostFactor: 1, loadWindowSeconds: 0, burstFactor: Infinity }),
    options: { seed: 2 },
  },
  { name: 'forced loss', params: () => ({ ...small, forcedLoss: 0.4 }), options: { seed: 5 } },
  {
    name: 'clients never give up, whole cache',
    params: () => ({ ...small, maxAttempts: Infinity, probesPerAttempt: null }),
    options: { seed: 6 },
  },
  {
    name: 'exponential retry, no shedding',
    params: () => ({
      ...small,
      retry: { kind: 'exponential-full-jitter', baseSeconds: 2, capSeconds: 120 },
      shedding: { atHours: Infinity, loginCostFactor: 1 },
    }),
    options: { seed: 7 },
  },
  {
    name: 'collapsed start',
    params: () => ({ ...small, durationHours: 6 }),
    options: { seed: 8, initialState: 'collapsed', checkConservation: true },
  },
  {
    name: 'explicit overlay',
    params: () => ({
      overlay: twoTierOverlay({ supernodes: 60, clients: 42_000, cacheSize: 50 }, stream(5)),
      durationHours: 6,
      sampleEvery: 6,
    }),
    options: { seed: 2, checkConservation: true },
  },
  {
    name: '2010 defaults with conservation checks',
    params: () => ({ ...small, durationHours: 4 }),
    options: { seed: 9, checkConservation: true },
  },
];

function digest(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex');
}

/** The pinned values: [sha256 of the whole result, minOnlineFraction, recoveredAtHours, peakLoginRate, final.online]. */
const GOLDEN: Record<string, [string, number, number | null, number, number]> = {
  '2010 defaults': [
    '6b4cac386d8843423d8fb86e1e085c16beb5a34b5d8ae10e7b5b4e9895c2571a',
    0,
    16.380555555555556,
    81.04285714285714,
    1,
  ],
  '2010 defaults, full 48 h with withdrawal': [
    '2e426906e270bf24db7e7cc8dc7e57d495bb32f9b51d4efb01b4f481c9c024ab',
    0.8770952380952381,
    0,
    8.1,
    1,
  ],
  skype2010CalibratedParams: [
    '8067704042c6d712934fd9407138c208edbd58260bec639e2a77953a0514dd2b',
    0,
    24.25,
    77.7,
    0.8793095238095238,
  ],
  abandon: ['5ca9e5294e2d8b86718d5f3af0745231a71646ef37196ffbed54e98ba49eb99c', 0, 3.725, 52.92857142857143, 1],
  promotion: ['d5185317f58b3d8d28b7729338ab8c2b14803a5e22b64fe433a28f733126b674', 0, 16.358333333333334, 84, 1],
  'mega admission rate': [
    '2daa5a876647573539a61107dff158f7a532a863dd02c8f78333a259b133dda8',
    0,
    16.533333333333335,
    84.30000000000001,
    1,
  ],
  'ramped wave': ['dfc7dc4bff79bcaef115a48fedbbf1086a11dd5a80ef8f53252d192cd3919ba5', 0, 19.477777777777778, 86.7, 1],
  'early withdrawal': [
    'a661dbd327690196e99321556c488f58517a5c9c797b2569d9e126c21d046069',
    0,
    16.38888888888889,
    80.22857142857143,
    1,
  ],
  'no cheap refusal, per-step load': [
    '32c37859b79887b3d2e46c09b7ed89f5af38e9c8f269f91f0a6e94967e3b8669',
    0,
    16.405555555555555,
    81.64285714285715,
    1,
  ],
  'forced loss': [
    'cc87c2d4dfe7c4e590ca41c15b288a45270eeb8358135af440d810df13548f94',
    0,
    16.352777777777778,
    132.85714285714286,
    1,
  ],
  'clients never give up, whole cache': [
    'bc459e590f8e95515f9851469e397d05bdc2358d41f4d5ac2c3ba9899f84f1fc',
    0,
    16.005555555555556,
    1781.1428571428573,
    0.8571428571428571,
  ],
  'exponential retry, no shedding': [
    'c4ca4b99a7d0e1478c161f607082dfea875aeea701f409f5e31ba724f3503263',
    0,
    16.333333333333332,
    87.51428571428572,
    1,
  ],
  'collapsed start': ['e878ecb842fecfc5b0523e631214bab2a3d3aa9d87e16cc00ec9558c8341ea38', 0, null, 84.9, 0.177],
  'explicit overlay': [
    'fb464c08d96680fe3cd66ecb068bc7fc576830d439faeea6ee4c510653fc6e2a',
    0,
    2.397222222222222,
    84.17142857142858,
    0.9998571428571429,
  ],
  '2010 defaults with conservation checks': [
    '868c1f1aad45832d6b3a101ef670c9634c22b2190329ccfabca44ee291bdb395',
    0,
    null,
    80.4,
    0.17142857142857143,
  ],
};

describe('simulateOverload golden timelines (exact, seeded)', () => {
  it('the full-length case reaches the default withdrawal (T+40 h)', () => {
    expect(skype2010OverloadParams.mega.withdrawAtHours).toBeLessThan(skype2010OverloadParams.durationHours);
  });
  for (const c of CASES) {
    it(c.name, () => {
      const r = simulateOverload(c.params(), c.options);
      const got: [string, number, number | null, number, number] = [
        digest(r),
        r.minOnlineFraction,
        r.recoveredAtHours,
        r.peakLoginRate,
        r.final.online,
      ];
      if (process.env.GOLDEN_PRINT) console.log(`  ${JSON.stringify(c.name)}: ${JSON.stringify(got)},`);
      expect(got).toEqual(GOLDEN[c.name]);
    });
  }
});
