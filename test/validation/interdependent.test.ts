// Reference rows B1, B2, B4 (docs/reference/literature-values.md): two interdependent ER networks with the same
// <k> and one-to-one dependencies (Buldyrev et al., Nature 464, 1025 (2010)): S = p(1 − e^(−<k>S))².
import { describe, it, expect } from 'vitest';
import { parseDegreeLaw } from '../../src/distributions/parse.ts';
import {
  interdependentCritical,
  interdependentErCritical,
  interdependentErGiant,
  interdependentMutualGiant,
} from '../../src/analytic/interdependent.ts';

describe('B1: p_c·<k> = 2.455407 (tangency)', () => {
  it('closed form and general solver, 1e-6', () => {
    expect(Math.abs(interdependentErCritical(4).pc! * 4 - 2.455407)).toBeLessThan(1e-6);
    expect(Math.abs(interdependentCritical(parseDegreeLaw('poisson(4)')).pc! * 4 - 2.455407)).toBeLessThan(1e-6);
  });
});

describe('B2: <k>·S(p_c) = 1.256431 (the first-order jump)', () => {
  it('<k> = 4: p_c = 0.613852, S(p_c) = 0.314108', () => {
    const e = interdependentErCritical(4);
    expect(Math.abs(e.SAtPc! * 4 - 1.256431)).toBeLessThan(1e-6);
    expect(Math.abs(e.pc! - 0.613852)).toBeLessThan(1e-6);
    expect(Math.abs(e.SAtPc! - 0.314108)).toBeLessThan(1e-6);
    const g = interdependentCritical(parseDegreeLaw('poisson(4)'));
    expect(Math.abs(g.pc! - 0.613852)).toBeLessThan(1e-6);
    expect(Math.abs(g.SAtPc! - 0.314108)).toBeLessThan(1e-6);
  });
});

describe('B4: S(p) for <k> = 4', () => {
  it('p = 0.65: 0.45978; 0.70: 0.55762; 0.80: 0.70884; 0.60: 0', () => {
    const law = parseDegreeLaw('poisson(4)');
    const crit = interdependentCritical(law);
    const rows: [number, number][] = [
      [0.65, 0.45978],
      [0.7, 0.55762],
      [0.8, 0.70884],
      [0.6, 0],
    ];
    for (const [p, S] of rows) {
      expect(Math.abs(interdependentErGiant(4, p).S - S)).toBeLessThan(5e-6); // 5 digits given
      expect(Math.abs(interdependentMutualGiant(law, p, law, crit).S - S)).toBeLessThan(5e-6);
    }
    expect(interdependentErGiant(4, 0.6).S).toBe(0);
  });
});
