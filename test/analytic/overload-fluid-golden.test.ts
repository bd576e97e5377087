// Golden outputs of fluidOverload (issue 20: the speed-up and the split into modules must not change what it
// computes). Each digest is the SHA-256 of the whole result (every timeline point, summary, final state,
// conservation and cohort statistics), serialised with every double exact, recorded from the single-function
// implementation (commit 65c1c2d) before it was split and sped up. Tolerance: none — bit-identical. The readable
// values next to each digest say what moved when a digest fails.
import { describe, expect, it } from 'vitest';
import { fluidDigest, fluidGoldenCases } from './overload-fluid-golden-cases.ts';

const GOLDEN: Record<
  string,
  { digest: string; minOnline: number; finalOnline: number; steps: number; cohortsMean: number }
> = {
  '2010 defaults, 48 h': {
    digest: '896f4ffc7a77154d85d567d323ae4bcf56dd0ca6cc6461deac43477ca49e0242',
    minOnline: 0,
    finalOnline: 0.9918706340122654,
    steps: 17280,
    cohortsMean: 348.44241898148147,
  },
  '2010 calibrated preset, 48 h': {
    digest: 'dba57f215c57cc4178d9e41021c20580dddf472253e0e229bc7746844e89a6c6',
    minOnline: 0,
    finalOnline: 0.9830386247190022,
    steps: 17280,
    cohortsMean: 357.96944444444443,
  },
  '2007 predicted, 24 h, checkConservation': {
    digest: 'd402b673ba94e059578e266c1fbcc13b25fde0d38ff8ee6a2afe7c1f47280dc1',
    minOnline: 0,
    finalOnline: 0.43394254517346614,
    steps: 8640,
    cohortsMean: 124.9074074074074,
  },
  'collapsed start, no mega, 12 h': {
    digest: '589f3b6652562d558c9ad7d056e2e94571e283df11dcfe014f9e3c71748e3b87',
    minOnline: 0,
    finalOnline: 0.001369156487068266,
    steps: 4320,
    cohortsMean: 174.2849537037037,
  },
  'recovery: 400 mega at T+2 h, 8 h': {
    digest: 'a95ede7f9c697bfed13c351cec206fc1d55defc0427363ee48db31cfe2eb0140',
    minOnline: 0,
    finalOnline: 0.9999773144200587,
    steps: 2880,
    cohortsMean: 334.61006944444443,
  },
  'forced loss 0.2, refusal at full cost, exponential backoff, never gives up, split survivors, 6 h': {
    digest: 'bf27e49c7a321e0ce2ebf92cf7391d478a96a44b92d69b883f6beaaaf4d6eebc',
    minOnline: 0,
    finalOnline: 0.17142857142857143,
    steps: 2160,
    cohortsMean: 141.04212962962964,
  },
  "'mean' request spread, 50 quantiles, 8 cohorts, 6 h": {
    digest: '6594eb83b1429aa8a29f334cfb8ee8246a48a30b5aaa14691c5297f3bbbcf071',
    minOnline: 0,
    finalOnline: 0.17360867979753714,
    steps: 2160,
    cohortsMean: 96.72407407407407,
  },
  'stop on collapse, forced loss 0.3, 3 h': {
    digest: 'c94ad0a2a5ffda6da077d1ec17a8d5eab6329ccdd270710b87efea98f5c2428c',
    minOnline: 0.451555178862158,
    finalOnline: 0.451555178862158,
    steps: 5,
    cohortsMean: 100,
  },
};

describe('fluidOverload golden outputs (bit-identical to the implementation before the split)', () => {
  it('covers every case', () => {
    expect(fluidGoldenCases.map((c) => c.name).sort()).toEqual(Object.keys(GOLDEN).sort());
  });
  for (const c of fluidGoldenCases) {
    it(c.name, () => {
      const r = c.run();
      const g = GOLDEN[c.name];
      expect({
        minOnline: r.minOnlineFraction,
        finalOnline: r.final.online,
        steps: r.steps,
        cohortsMean: r.cohorts.mean,
      }).toEqual({ minOnline: g.minOnline, finalOnline: g.finalOnline, steps: g.steps, cohortsMean: g.cohortsMean });
      expect(fluidDigest(r)).toBe(g.digest);
    });
  }
});
