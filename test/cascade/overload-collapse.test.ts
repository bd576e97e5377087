import { describe, it, expect } from 'vitest';
import { collapseProbability } from '../../src/cascade/overload-collapse.ts';
import type { FragilityInputError } from '../../src/errors.ts';

describe('collapseProbability', () => {
  const r = collapseProbability({ scale: 0.004 }, [0.3, 0, 0.1], { runs: 6, seed: 1, durationHours: 2 });

  it('sorts the losses and reports a Wilson interval around each fraction', () => {
    expect(r.points.map((p) => p.loss)).toEqual([0, 0.1, 0.3]);
    for (const p of r.points) {
      expect(p.runs).toBe(6);
      expect(p.fraction).toBe(p.collapsed / 6);
      expect(p.ci[0]).toBeLessThanOrEqual(p.fraction);
      expect(p.ci[1]).toBeGreaterThanOrEqual(p.fraction);
    }
  });

  it('no loss never collapses; a 30 % loss always does (2010 defaults)', () => {
    expect(r.points[0].fraction).toBe(0);
    expect(r.points[2].fraction).toBe(1);
  });

  it('the half-collapse loss lies between the bracketing losses, inside its interval', () => {
    expect(r.halfCollapseLoss).not.toBeNull();
    expect(r.halfCollapseLoss!).toBeGreaterThan(0);
    expect(r.halfCollapseLoss!).toBeLessThanOrEqual(0.3);
    const [lo, hi] = r.halfCollapseCi;
    if (lo !== null) expect(lo).toBeLessThanOrEqual(r.halfCollapseLoss!);
    if (hi !== null) expect(hi).toBeGreaterThanOrEqual(r.halfCollapseLoss!);
  });

  it('Wilson interval for 0 of 6 at 95 %: [0, 0.3903]', () => {
    // z²/(n+z²) = 3.8415/9.8415 = 0.39033
    expect(r.points[0].ci[0]).toBeCloseTo(0, 12);
    expect(r.points[0].ci[1]).toBeCloseTo(0.39033, 4);
  });

  it('same seed ⇒ same result', () => {
    const again = collapseProbability({ scale: 0.004 }, [0.3, 0, 0.1], { runs: 6, seed: 1, durationHours: 2 });
    expect(again).toEqual(r);
  });

  it('rejects losses outside [0, 1] naming the entry', () => {
    let field: string | undefined;
    try {
      collapseProbability({ scale: 0.004 }, [0.1, 1.2], { runs: 2 });
    } catch (e) {
      field = (e as FragilityInputError).field;
    }
    expect(field).toBe('losses[1]');
  });

  it('calibrated 2010 defaults: the half-collapse loss lies well above normal churn and below the 25–30 % of 2010', () => {
    // scale 0.01, 10 runs per loss, 3 h each. Measured during calibration with 20 runs: 0/20 collapse up to 8 %,
    // 7/20 at 10 %, 16/20 at 12 %, 20/20 at 15 % ⇒ f_c ≈ 0.107 (Wilson band 0.097–0.116). Floor 0.06 and ceiling
    // 0.2 leave room for the 10-run noise (a Wilson 95 % interval on 10 runs is ±0.3 in fraction) but fail if the
    // network again falls over at ≈ 1 % (first calibration) or stops collapsing at the 2010 loss.
    const c = collapseProbability({ scale: 0.01 }, [0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.275], {
      runs: 10,
      seed: 3,
    });
    expect(c.halfCollapseLoss).not.toBeNull();
    expect(c.halfCollapseLoss!).toBeGreaterThan(0.06);
    expect(c.halfCollapseLoss!).toBeLessThan(0.2);
    expect(c.points[0].fraction).toBe(0); // 2 % (everyday churn scale) never collapses
    expect(c.points[c.points.length - 1].fraction).toBe(1); // the 2010 loss always does
  });
});
