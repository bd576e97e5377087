import { describe, it, expect } from 'vitest';
import { collapseProbability } from '../../src/cascade/overload-collapse.ts';
import { FragilityInputError } from '../../src/errors.ts';

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
});
