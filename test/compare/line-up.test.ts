import { describe, expect, it } from 'vitest';
import { LINE_UP_FLOOR, lineUp } from '../../src/compare/line-up.ts';
import { compareConnectivity } from '../../src/compare/connectivity.ts';

describe('lineUp: honest agreement columns', () => {
  it('a zero-width interval that misses an equal-to-print analytic value is not a disagreement', () => {
    // Below the threshold every replicate has the same tiny largest cluster: CI [2e-5, 2e-5]; the theory says 0.
    const l = lineUp(
      [
        { x: 0.1, value: 0 },
        { x: 0.5, value: 0.2 },
        { x: 0.9, value: 0.8 },
      ],
      [
        { x: 0.1, mean: 2e-5, sd: 0, ci: [2e-5, 2e-5] },
        { x: 0.5, mean: 0.25, sd: 0.01, ci: [0.24, 0.26] },
        { x: 0.9, mean: 0.7, sd: 0.001, ci: [0.699, 0.701] },
      ],
      { threshold: 0.5, window: 0.05 },
    );
    expect(l.rows[0].insideCi).toBe(false); // the raw CI test
    expect(l.rows[0].agrees).toBe(true); // |2e-5 − 0| <= floor 5e-5
    expect(l.rows[0].allowedDifference).toBe(LINE_UP_FLOOR);
    expect(l.rows.map((r) => r.region)).toEqual(['below', 'near', 'above']);
    expect(l.rows[2].agrees).toBe(false); // 0.1 off: a real disagreement stays one
    expect(l.coverage).toEqual({
      below: { agree: 1, total: 1 },
      near: { agree: 0, total: 1 },
      above: { agree: 0, total: 1 },
      'no-threshold': { agree: 0, total: 0 },
    });
    expect(l.agreement).toEqual({ inside: 1, total: 2 });
    expect(l.allowance).toEqual({ floor: LINE_UP_FLOOR, tolerance: 0, finiteSize: 0 });
  });

  it('the finite-size allowance is stated and applied; with no threshold every row is "no-threshold"', () => {
    const a = [{ x: 0.2, value: 0 }];
    const m = [{ x: 0.2, mean: 0.001, sd: 0.0001, ci: [0.00095, 0.00105] as [number, number] }];
    expect(lineUp(a, m).rows[0].agrees).toBe(false);
    const l = lineUp(a, m, { finiteSize: 0.0013, finiteSizeReason: '(ln n)^2/n' });
    expect(l.rows[0].agrees).toBe(true);
    expect(l.rows[0].region).toBe('no-threshold');
    expect(l.coverage['no-threshold']).toEqual({ agree: 1, total: 1 });
    expect(l.allowance.finiteSizeReason).toBe('(ln n)^2/n');
    expect(() => lineUp(a, m, { floor: -1 })).toThrow(/^floor:/);
    // Above the threshold the theory has a giant: the finite-size allowance does not apply there.
    const above = lineUp([{ x: 0.8, value: 0.5 }], [{ x: 0.8, mean: 0.505, sd: 0.001, ci: [0.504, 0.506] }], {
      threshold: 0.3,
      finiteSize: 0.01,
    });
    expect(above.rows[0].agrees).toBe(false);
    expect(above.rows[0].allowedDifference).toBe(LINE_UP_FLOOR);
  });

  it('compareConnectivity reports coverage per region with the default (ln n)^2/n allowance', async () => {
    const c = await compareConnectivity({
      law: 'regular(3)',
      n: 5000,
      runs: 10,
      seed: 2,
      grid: [0.1, 0.3, 0.5, 0.7, 0.9],
    });
    expect(c.lineUp.allowance.finiteSize).toBeCloseTo(Math.log(5000) ** 2 / 5000, 15);
    expect(c.lineUp.allowance.finiteSizeReason).toMatch(/ln n/);
    const cov = c.lineUp.coverage;
    expect(cov.below.total + cov.near.total + cov.above.total).toBe(5);
    expect(cov.near.total).toBe(1); // 0.5 = q_c
    // Below q_c = 1/2 the theory says 0 and the largest cluster of n = 5000 is O(ln n): all agree.
    expect(cov.below).toEqual({ agree: 2, total: 2 });
  });

  it('compareConnectivity on a given graph can use loop-corrected message passing', async () => {
    const c = await compareConnectivity({
      graph: 'edges:data/karate.edges',
      mode: 'bond',
      loops: 1,
      runs: 200,
      seed: 1,
      grid: [0.6, 0.8],
    });
    expect(c.model.analytic).toMatch(/loop-corrected message passing r = 1/);
    // karate bond, r = 1 vs 200 replicates: within 0.015 at q = 0.6, 0.8 (measured 0.001, 0.001; the issue-15 bound).
    for (const r of c.lineUp.rows) expect(Math.abs(r.difference!)).toBeLessThan(0.015);
    await expect(compareConnectivity({ law: 'regular(3)', loops: 1 })).rejects.toThrow(/^loops:/);
    await expect(compareConnectivity({ graph: 'edges:data/karate.edges', loops: 3 })).rejects.toThrow(/^loops:/);
  });
});
