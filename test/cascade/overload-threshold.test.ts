// HEAVY (≈ 15–25 s on 2 shared cores): three adaptive threshold estimates at the 2010 default scale 0.02.
import { describe, it, expect } from 'vitest';
import { finiteSizeCriticalLoss, simulatedCriticalLoss } from '../../src/cascade/overload-threshold.ts';
import { FragilityInputError } from '../../src/errors.ts';

const fieldOf = (f: () => unknown): string | null => {
  try {
    f();
  } catch (e) {
    return e instanceof FragilityInputError ? e.field : `not a FragilityInputError: ${String(e)}`;
  }
  return null;
};

describe('simulatedCriticalLoss (2010 scenario, default scale 0.02)', () => {
  const seeds = [1, 2, 3];
  const rs = seeds.map((seed) => simulatedCriticalLoss({ scale: 0.02 }, { seed }));

  it('meets the target half-width 0.01 within the budget, with the method and the design recorded', () => {
    for (const r of rs) {
      expect(r.targetMet).toBe(true);
      expect(r.halfWidth).toBeLessThanOrEqual(0.01);
      expect(r.method).toBe('probit-sequential');
      expect(r.runs).toBe(r.points.reduce((s, p) => s + p.runs, 0));
      expect(r.runs % 12).toBe(0);
      expect(r.supernodes).toBe(520);
      // every simulated loss is a multiple of 1/S (the losses the model realises)
      for (const p of r.points) expect(Math.abs(p.loss * 520 - Math.round(p.loss * 520))).toBeLessThan(1e-9);
      expect(r.ci![0]).toBeLessThan(r.criticalLoss!);
      expect(r.ci![1]).toBeGreaterThan(r.criticalLoss!);
    }
  });

  it('golden values at seed 1 (exact: same seed ⇒ same design and fit)', () => {
    const r = rs[0];
    expect(r.runs).toBe(48);
    expect(r.rounds).toBe(4);
    expect(r.criticalLoss!).toBeCloseTo(0.10089, 4);
    expect(r.ci![0]).toBeCloseTo(0.0958, 3);
    expect(r.ci![1]).toBeCloseTo(0.1062, 3);
  });

  it('different seeds agree within their combined uncertainty and their intervals overlap', () => {
    // Two independent 95 % estimates differ by more than 1.96·√(se1² + se2²) with probability 5 %; the test uses the
    // interval half-widths as 1.96·se. (An estimate falls outside the OTHER's interval with probability ≈ 17 % even
    // when both are right, so that stricter check is reported, not asserted.)
    for (let i = 0; i < rs.length; i++) {
      for (let j = i + 1; j < rs.length; j++) {
        const [a, b] = [rs[i], rs[j]];
        expect(Math.abs(a.criticalLoss! - b.criticalLoss!)).toBeLessThanOrEqual(Math.hypot(a.halfWidth, b.halfWidth));
        expect(a.ci![0]).toBeLessThan(b.ci![1]);
        expect(b.ci![0]).toBeLessThan(a.ci![1]);
      }
    }
  });

  it('the issue-12 reference: the fine-grid simulated threshold ≈ 10.5 % lies inside every interval at ± 1 point', () => {
    // Issue 12: a fine loss grid at scale 1 gave f_c ≈ 10.5 % (no collapse at 10.0–10.2 %, all at 10.8 %). At scale
    // 0.02 the 50 % point may shift (finite size); tolerance 0.01 on top of the interval.
    for (const r of rs) {
      expect(r.ci![0] - 0.01).toBeLessThan(0.105);
      expect(r.ci![1] + 0.01).toBeGreaterThan(0.105);
    }
  });
});

describe('simulatedCriticalLoss: input errors before any run', () => {
  it('names the model field or the option', () => {
    expect(fieldOf(() => simulatedCriticalLoss({ loginCost: -1 }))).toBe('loginCost');
    expect(fieldOf(() => simulatedCriticalLoss({ scale: 0.02 }, { lossRange: [0.3, 0.1] }))).toBe('lossRange');
    expect(fieldOf(() => simulatedCriticalLoss({ scale: 0.02 }, { maxRuns: 3 }))).toBe('maxRuns');
    expect(fieldOf(() => simulatedCriticalLoss({ scale: 0.02 }, { seed: 1.5 }))).toBe('seed');
    expect(fieldOf(() => finiteSizeCriticalLoss({}, { scales: [0.01, 2] }))).toBe('scales[1]');
  });
});

describe('finiteSizeCriticalLoss', () => {
  it('one row per scale, in order, each with its population', () => {
    const rows = finiteSizeCriticalLoss({}, { scales: [0.005], maxRuns: 24 });
    expect(rows.map((r) => r.scale)).toEqual([0.005]);
    expect(rows[0].supernodes).toBe(130);
    expect(rows[0].runs).toBeLessThanOrEqual(24);
    expect(rows[0].seconds).toBeGreaterThan(0);
  });
});
