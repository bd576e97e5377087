// runOverloadBatch stops a run at the step where it has collapsed (simulateOverloadCollapsed), and collapseProbability
// once no client is online (simulateOverloadMinimum): their answers must be simulateOverload's `collapsed` (and
// `minOnlineFraction`) for every run — what the threshold designs and collapse fractions consume. Checked on
// forced losses across the 2010 scenario's threshold (both outcomes occur), on the crash-window trigger, a collapsed
// start, and variants that never collapse. Tolerance: none (equal booleans and minima).
import { describe, expect, it } from 'vitest';
import { simulateOverload } from '../../src/cascade/overload-model.ts';
import { runOverloadBatch } from '../../src/cascade/overload-threshold.ts';
import { collapseProbability } from '../../src/cascade/overload-collapse.ts';
import { simulateOverloadCollapsed, simulateOverloadMinimum } from '../../src/cascade/overload/simulate.ts';
import {
  type OverloadParamsInput,
  skype2010OverloadParams,
  withOverloadParams,
} from '../../src/models/overload-params.ts';

describe('simulateOverloadCollapsed answers what simulateOverload answers', () => {
  it('forced losses across the threshold, scale 0.005, 3 h: the same flags, both outcomes present', () => {
    const params = withOverloadParams(skype2010OverloadParams, { scale: 0.005, durationHours: 3, sampleEvery: 1e6 });
    const runs = [0.05, 0.09, 0.1, 0.11, 0.12, 0.14, 0.2].map((loss, r) => ({ r, loss }));
    const fast = runOverloadBatch({ params, seed: 3, round: 0, runs });
    const full = runs.map(
      ({ r, loss }) =>
        simulateOverload(withOverloadParams(params, { forcedLoss: loss }), { seed: 3, index: r }).collapsed,
    );
    expect(fast).toEqual(full);
    expect(fast).toContain(true);
    expect(fast).toContain(false);
  });

  it('the 2010 trigger, a collapsed start, and no collapse at all (forced loss 0)', () => {
    const cases: [OverloadParamsInput, Parameters<typeof simulateOverload>[1]][] = [
      [{ scale: 0.005, durationHours: 2 }, { seed: 1 }],
      [
        { scale: 0.005, durationHours: 1 },
        { seed: 2, initialState: 'collapsed' },
      ],
      [{ scale: 0.005, durationHours: 2, forcedLoss: 0 }, { seed: 4 }],
      [{ scale: 0.005, durationHours: 2, collapseThreshold: 0 }, { seed: 5 }],
    ];
    const flags = cases.map(([p, o]) => {
      const a = simulateOverloadCollapsed(p, o);
      const full = simulateOverload(p, o);
      expect(a).toBe(full.collapsed);
      expect(simulateOverloadMinimum(p, o)).toEqual({
        collapsed: full.collapsed,
        minOnlineFraction: full.minOnlineFraction,
      });
      return a;
    });
    expect(flags).toEqual([true, true, false, false]);
  });

  it('collapseProbability: the same result as with simulateOverload as its simulator (collapsing and not)', () => {
    const losses = [0.05, 0.12, 0.25];
    const fast = collapseProbability({ scale: 0.005 }, losses, { runs: 3, seed: 2, durationHours: 2 });
    const full = collapseProbability({ scale: 0.005 }, losses, {
      runs: 3,
      seed: 2,
      durationHours: 2,
      simulate: simulateOverload,
    });
    expect(fast).toEqual(full);
    expect(fast.points[0].collapsed).toBe(0);
    expect(fast.points[2].collapsed).toBe(3);
  });

  it('bad input throws as simulateOverload does, naming the field', () => {
    expect(() => simulateOverloadCollapsed({ scale: -1 })).toThrow(/scale/);
    expect(() => simulateOverloadCollapsed({}, { seed: 1.5 })).toThrow(/seed/);
    expect(() => simulateOverloadMinimum({ loginCost: -1 })).toThrow(/loginCost/);
  });
});
