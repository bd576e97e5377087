import { describe, it, expect } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import { poissonLaw } from '../../src/distributions/poisson-law.ts';
import { regularLaw } from '../../src/distributions/regular-law.ts';
import { bimodalLaw } from '../../src/distributions/bimodal-law.ts';
import type { DegreeLaw } from '../../src/distributions/types.ts';
import {
  interdependentCritical,
  interdependentErCritical,
  interdependentErGiant,
  interdependentMutualGiant,
  interdependentNetworkCritical,
  interdependentNetworkGiant,
} from '../../src/analytic/interdependent.ts';

/** g(x) = 1 − G0(u), u the smallest root of u = 1 − x + x·G1(u), by plain iteration from 0 (independent path). */
function giantFractionOf(law: DegreeLaw, x: number): number {
  let u = 0;
  for (let t = 0; t < 200_000; t++) {
    const next = 1 - x + x * law.G1(u);
    if (Math.abs(next - u) < 1e-15) break;
    u = next;
  }
  return 1 - law.G0(u);
}

describe('interdependentErCritical / interdependentErGiant (closed forms)', () => {
  it('two networks: p_c<k> = 2.455407, <k>S(p_c) = 1.256431 for every <k>', () => {
    for (const k of [3, 4, 6, 10]) {
      const c = interdependentErCritical(k);
      expect(c.pc! * k).toBeCloseTo(2.455407, 6);
      expect(c.SAtPc! * k).toBeCloseTo(1.256431, 6);
    }
  });

  it('S solves S = p(1 − e^(−<k>S))^n and is the largest root', () => {
    for (const n of [2, 3]) {
      for (const p of [0.8, 0.9, 1]) {
        const r = interdependentErGiant(5, p, n);
        expect(r.S).toBeGreaterThan(0);
        expect(r.S).toBeCloseTo(p * (1 - Math.exp(-5 * r.S)) ** n, 13);
        // largest root: the function p(1 − e^(−kS))^n − S is negative on (S, p]
        for (let s = r.S + 1e-3; s <= p; s += 1e-3) expect(p * (1 - Math.exp(-5 * s)) ** n - s).toBeLessThan(0);
      }
    }
  });

  it('a chain of n networks is more fragile: p_c grows with n; n = 1 is ordinary ER', () => {
    const pcs = [1, 2, 3, 4].map((n) => interdependentErCritical(6, n).pc!);
    for (let i = 1; i < pcs.length; i++) expect(pcs[i]).toBeGreaterThan(pcs[i - 1]);
    expect(pcs[0]).toBeCloseTo(1 / 6, 14);
    expect(interdependentErCritical(6, 1).SAtPc).toBe(0);
    expect(interdependentErGiant(4, 0.5, 1).S).toBeCloseTo(0.398406, 6); // G3: S = q(1 − e^(−cS))
  });

  it('no mutual giant when <k> < 2.455407: p_c null with a reason', () => {
    const c = interdependentErCritical(2.4);
    expect(c.pc).toBeNull();
    expect(c.reason).toMatch(/no mutual giant/);
    expect(c.pTangency).toBeGreaterThan(1);
    expect(interdependentErGiant(2.4, 1).S).toBe(0);
  });

  it('S = 0 below p_c and jumps at p_c', () => {
    const c = interdependentErCritical(4);
    expect(interdependentErGiant(4, c.pc! - 1e-9).S).toBe(0);
    expect(interdependentErGiant(4, c.pc! + 1e-12).S).toBeCloseTo(c.SAtPc!, 5);
  });
});

describe('interdependentCritical / interdependentMutualGiant (general laws)', () => {
  it('Poisson laws reproduce the ER closed forms', () => {
    for (const k of [3, 4, 8]) {
      const law = poissonLaw(k);
      const g = interdependentCritical(law);
      const e = interdependentErCritical(k);
      expect(g.pc!).toBeCloseTo(e.pc!, 9);
      expect(g.SAtPc!).toBeCloseTo(e.SAtPc!, 6);
      for (const p of [0.7, 0.85, 1])
        expect(interdependentMutualGiant(law, p, law, g).S).toBeCloseTo(interdependentErGiant(k, p).S, 9);
    }
  });

  it('the fixed point satisfies x = p·g_B(y), y = p·g_A(x), S = x·g_A(x), for different laws A and B', () => {
    const A = poissonLaw(5);
    const B = bimodalLaw(2, 8, 0.3);
    const c = interdependentCritical(A, B);
    expect(c.pc).not.toBeNull();
    for (const p of [c.pc! + 0.02, 0.9, 1]) {
      const r = interdependentMutualGiant(A, p, B, c);
      expect(r.S).toBeGreaterThan(0);
      expect(r.x).toBeCloseTo(p * giantFractionOf(B, r.y), 9);
      expect(r.y).toBeCloseTo(p * giantFractionOf(A, r.x), 9);
      expect(r.S).toBeCloseTo(r.x * giantFractionOf(A, r.x), 9);
      expect(r.S).toBeCloseTo(r.y * giantFractionOf(B, r.y), 9);
    }
    expect(interdependentMutualGiant(A, c.pc! - 1e-6, B, c).S).toBe(0);
    // the order of A and B matters for x and y but not for p_c (the system is symmetric in S)
    expect(interdependentCritical(B, A).pc!).toBeCloseTo(c.pc!, 9);
  });

  it('the cascade from the intact state converges to the returned S (largest fixed point)', () => {
    const law = poissonLaw(4);
    for (const p of [0.65, 0.7, 0.8]) {
      let x = p;
      for (let t = 0; t < 20_000; t++) x = p * giantFractionOf(law, p * giantFractionOf(law, x));
      const S = x * giantFractionOf(law, x);
      expect(interdependentMutualGiant(law, p).S).toBeCloseTo(S, 6);
    }
  });

  it('tree-like networks of n networks (Gao et al. 2011): equal Poisson laws reproduce S = p(1 − e^(−<k>S))^n', () => {
    for (const n of [1, 3, 4]) {
      const laws = Array.from({ length: n }, () => poissonLaw(6));
      const c = interdependentNetworkCritical(laws);
      const e = interdependentErCritical(6, n);
      expect(c.pc!).toBeCloseTo(e.pc!, 9);
      expect(c.SAtPc!).toBeCloseTo(e.SAtPc!, 6);
      for (const p of [0.8, 0.95])
        expect(interdependentNetworkGiant(laws, p, c).S).toBeCloseTo(interdependentErGiant(6, p, n).S, 9);
    }
    // n = 2 through the list form equals the two-law form, also for different laws
    const A = poissonLaw(5);
    const B = bimodalLaw(2, 8, 0.3);
    expect(interdependentNetworkGiant([A, B], 0.9).S).toBeCloseTo(interdependentMutualGiant(A, 0.9, B).S, 12);
    // a single network is ordinary site percolation (G3: c = 4, q = 0.5 → 0.398406), continuous at 1/<k>
    expect(interdependentNetworkGiant([poissonLaw(4)], 0.5).S).toBeCloseTo(0.398406, 6);
    expect(interdependentNetworkCritical([poissonLaw(4)]).pc!).toBeCloseTo(0.25, 9);
    expect(() => interdependentNetworkCritical([])).toThrow(FragilityInputError);
  });

  it('regular networks: at p = 1 the mutual giant is everything', () => {
    const r = interdependentMutualGiant(regularLaw(4), 1);
    expect(r.S).toBeCloseTo(1, 12);
  });

  it('a law without a giant component has no threshold', () => {
    const c = interdependentCritical(poissonLaw(0.8));
    expect(c.pc).toBeNull();
    expect(c.reason).toMatch(/no mutual giant/);
    expect(interdependentMutualGiant(poissonLaw(0.8), 1).S).toBe(0);
  });

  it('rejects bad input', () => {
    expect(() => interdependentMutualGiant(poissonLaw(4), 1.5)).toThrow(FragilityInputError);
    expect(() => interdependentErGiant(4, -0.1)).toThrow(FragilityInputError);
    expect(() => interdependentErCritical(0)).toThrow(FragilityInputError);
    expect(() => interdependentErCritical(4, 0)).toThrow(FragilityInputError);
    const broken = { ...poissonLaw(4), pk: new Float64Array([0.5, 0.2]) } as DegreeLaw;
    expect(() => interdependentCritical(broken)).toThrow(FragilityInputError);
  });
});
