import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nelderMead } from '../../src/analytic/nelder-mead.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function to 1e-6 from (-1.2, 1)', () => {
    // the classical test (Nelder & Mead 1965; minimum at (1, 1), f = 0)
    const r = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], {
      maxEvaluations: 2000,
      fTol: 1e-14,
      xTol: 1e-9,
    });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.f).toBeLessThan(1e-12);
  });

  it('is deterministic and respects the evaluation bound', () => {
    const f = (x: number[]) => x.reduce((s, v, i) => s + (i + 1) * (v - i) ** 2, 0);
    const a = nelderMead(f, [5, 5, 5, 5], { maxEvaluations: 37 });
    const b = nelderMead(f, [5, 5, 5, 5], { maxEvaluations: 37 });
    expect(a).toEqual(b);
    expect(a.evaluations).toBeLessThanOrEqual(37);
    expect(a.converged).toBe(false);
  });

  it('property: on a random convex quadratic it reaches the minimiser to 1e-4', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (c, w) => {
          const f = (x: number[]) => x.reduce((s, v, i) => s + w[i] * (v - c[i]) ** 2, 0);
          const r = nelderMead(
            f,
            c.map(() => 0),
            { step: 0.5, maxEvaluations: 4000, fTol: 1e-16, xTol: 1e-8 },
          );
          return r.x.every((v, i) => Math.abs(v - c[i]) < 1e-4);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('treats NaN as +Infinity and rejects bad input', () => {
    const r = nelderMead(([x]) => (x < 0 ? NaN : (x - 2) ** 2), [1], { xTol: 1e-8, fTol: 1e-14 });
    expect(r.x[0]).toBeCloseTo(2, 5);
    expect(() => nelderMead((x) => x[0], [])).toThrow(FragilityInputError);
    expect(() => nelderMead((x) => x[0], [0], { step: 0 })).toThrow(/step\[0\]/);
    expect(() => nelderMead((x) => x[0], [0, 0], { maxEvaluations: 2 })).toThrow(/maxEvaluations/);
  });
});
