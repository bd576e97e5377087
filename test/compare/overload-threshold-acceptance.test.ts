// HEAVY (≈ 25 s of CPU; longer on a shared machine): issue-12 acceptance — fluid f_c against the adaptive simulated
// f_c on the 2010 scenario and four variants, at the default scale 0.02.
import { describe, it, expect } from 'vitest';
import { fluidCriticalLoss } from '../../src/analytic/overload-fluid.ts';
import { simulatedCriticalLoss } from '../../src/cascade/overload-threshold.ts';
import { uniformCapacity } from '../../src/distributions/uniform-capacity.ts';
import type { OverloadParamsInput } from '../../src/models/overload-params.ts';

// Variants checked (one parameter changed each from the 2010 calibration) and what we measured when writing this
// test (seed 1, scale 0.02; fluid to 1e-4):
//   baseline                          fluid 11.06 %  simulated 10.09 % [9.58, 10.62]   gap 0.97 pt
//   login cost 30 (not 38)            fluid 15.50 %  simulated 14.21 % [13.48, 14.96]  gap 1.29 pt  (largest)
//   load window 120 s (not 220 s)     fluid  8.05 %  simulated  7.70 % [6.77, 8.51]    gap 0.35 pt
//   detection median 150 s (not 310)  fluid  6.25 %  simulated  6.07 % [5.12, 7.06]    gap 0.17 pt
//   headroom uniform(0.25, 0.75)      fluid 15.49 %  simulated 14.91 % [14.53, 15.21]  gap 0.59 pt
// Tolerance: |fluid − simulated| <= 0.015 and half-width <= 0.01 — the acceptance criterion of issue 12.
const VARIANTS: [string, OverloadParamsInput][] = [
  ['baseline', {}],
  ['login cost 30', { loginCost: 30 }],
  ['load window 120 s', { loadWindowSeconds: 120 }],
  ['detection median 150 s', { detection: { medianSeconds: 150 } }],
  ['headroom uniform(0.25, 0.75)', { headroom: uniformCapacity(0.25, 0.75) }],
];

describe('fluid f_c vs adaptive simulated f_c (scale 0.02, seed 1)', () => {
  const gaps: number[] = [];
  for (const [name, v] of VARIANTS) {
    it(`${name}: |fluid − simulated| <= 0.015, half-width <= 0.01`, () => {
      const f = fluidCriticalLoss(v);
      const s = simulatedCriticalLoss({ ...v, scale: 0.02 }, { seed: 1 });
      expect(f.criticalLoss).not.toBeNull();
      expect(s.criticalLoss).not.toBeNull();
      expect(s.targetMet).toBe(true);
      expect(s.halfWidth).toBeLessThanOrEqual(0.01);
      const gap = Math.abs(f.criticalLoss! - s.criticalLoss!);
      gaps.push(gap);
      expect(gap).toBeLessThanOrEqual(0.015);
    });
  }
  it('the largest gap over the variants stays within 0.015', () => {
    expect(gaps).toHaveLength(VARIANTS.length);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(0.015);
  });
});
