import { describe, it, expect } from 'vitest';
import { degreeLawFromPmf, poissonLaw } from '../../src/distributions/index.ts';
import { attackOccupation, attackThreshold, gfAttackPercolation, gfSitePercolation } from '../../src/analytic/index.ts';

describe('attackOccupation', () => {
  const law = degreeLawFromPmf('toy', [0.1, 0.2, 0.3, 0.4]);
  it('removes the top degree first, fractionally at the boundary', () => {
    const a = attackOccupation(law, 0.5);
    expect(a.boundaryDegree).toBe(2);
    expect(Array.from(a.phi)).toEqual([1, 1, expect.closeTo(2 / 3, 12), 0]);
  });
  it('f = 0 keeps everything; f = 1 removes everything', () => {
    expect(Array.from(attackOccupation(law, 0).phi)).toEqual([1, 1, 1, 1]);
    const all = attackOccupation(law, 1);
    expect(Array.from(all.phi)).toEqual([0, 0, 0, 0]);
    expect(all.boundaryDegree).toBe(-1);
  });
  it('Σ (1 − φ_k) p_k = f', () => {
    for (const f of [0.05, 0.4, 0.4, 0.77, 0.95]) {
      const { phi } = attackOccupation(law, f);
      let removed = 0;
      for (let k = 0; k < phi.length; k++) removed += (1 - phi[k]) * law.pk[k];
      expect(removed).toBeCloseTo(f, 12);
    }
  });
  it('rejects f outside [0, 1]', () => {
    expect(() => attackOccupation(law, 1.2)).toThrow(/^f:/);
  });
});

describe('gfAttackPercolation', () => {
  it('equals site percolation with the attack occupation', () => {
    const law = poissonLaw(5);
    for (const f of [0, 0.1, 0.3]) {
      const a = gfAttackPercolation(law, f);
      const b = gfSitePercolation(law, attackOccupation(law, f).phi);
      expect(a.S).toBeCloseTo(b.S, 12);
    }
    expect(gfAttackPercolation(law, 1).S).toBe(0);
  });
  it('attack hurts more than random failure of the same size', () => {
    const law = poissonLaw(4);
    expect(gfAttackPercolation(law, 0.2).S).toBeLessThan(gfSitePercolation(law, 0.8).S);
  });
});

describe('attackThreshold', () => {
  it('is exact on a toy law (piecewise-linear crossing)', () => {
    // p = (0, 0.5, 0, 0.5): <k> = 2, Σk(k−1)p_k = 3. Removing x of the degree-3 class leaves 6(0.5 − x) = 2 → x = 1/6.
    const t = attackThreshold(degreeLawFromPmf('toy', [0, 0.5, 0, 0.5]));
    expect(t.f_c!).toBeCloseTo(1 / 6, 14);
    expect(t.boundaryDegree).toBe(3);
  });
  it('null with a reason when there is no giant intact', () => {
    const t = attackThreshold(degreeLawFromPmf('t', [0.2, 0.5, 0.3]));
    expect(t.f_c).toBeNull();
    expect(t.reason).toMatch(/Molloy–Reed/);
  });
});
