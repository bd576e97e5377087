/** Runs the @example of every exported function in the generating-function / Cohen / two-tier / Watts files. */
import { describe, it, expect } from 'vitest';
import { poissonLaw, regularLaw } from '../../src/distributions/index.ts';
import {
  attackOccupation,
  attackThreshold,
  brentRoot,
  cohenAttackThreshold,
  cohenRandomBreakdown,
  configurationModelPercolation,
  gfAttackPercolation,
  gfBondPercolation,
  gfSitePercolation,
  molloyReedCriterion,
  multiTypeSpectralRadius,
  randomFailureThreshold,
  safeguardedNewtonRoot,
  twoTierCriticalLoss,
  twoTierMeanOffspringMatrix,
  twoTierServedFraction,
  wattsCascadeCondition,
  wattsCascadeWindowPoisson,
  wattsVulnerableDegree,
} from '../../src/analytic/index.ts';
import { checkDegreeLawMoments } from '../../src/analytic/law-check.ts';
import { gfSitePercolationFromCoefficients } from '../../src/analytic/gf-percolation.ts';

describe('documented examples', () => {
  it('root finding', () => {
    expect(brentRoot((x) => x * x - 2, 0, 2).root).toBeCloseTo(Math.SQRT2, 8);
    expect(safeguardedNewtonRoot((x) => [x * x - 2, 2 * x], 0, 2).root).toBeCloseTo(Math.SQRT2, 8);
  });
  it('generating functions', () => {
    const law = poissonLaw(4);
    expect(checkDegreeLawMoments(law).mean).toBeCloseTo(4, 9);
    expect(gfSitePercolation(law, 0.5).S).toBeCloseTo(0.398406, 6);
    expect(gfSitePercolationFromCoefficients(law.pk, law.mean).S).toBeCloseTo(gfSitePercolation(law, 1).S, 14);
    expect(gfBondPercolation(regularLaw(3), 0.75).S).toBeCloseTo(0.962963, 6);
    expect(molloyReedCriterion(regularLaw(3)).hasGiantComponent).toBe(true);
    expect(molloyReedCriterion(regularLaw(3)).value).toBe(3);
    expect(randomFailureThreshold(law).q_c!).toBeCloseTo(0.25, 9);
    expect(attackOccupation(law, 0.2).boundaryDegree).toBeGreaterThan(0);
    expect(gfAttackPercolation(law, 0.2).S).toBeCloseTo(0.685777, 6);
    expect(attackThreshold(law).f_c!).toBeCloseTo(0.361646, 6);
    const r = configurationModelPercolation(law, { q: 0.5 });
    expect(r.q_c!).toBeCloseTo(0.25, 9);
    expect(r.S!).toBeCloseTo(0.398406, 6);
  });
  it('Cohen', () => {
    expect(cohenRandomBreakdown({ gamma: 2.5, m: 1, K: 1e4 ** (1 / 1.5), form: 'continuum' }).f_c!).toBeCloseTo(0.9513, 4);
    expect(cohenAttackThreshold({ gamma: 2.5, m: 1, K: Infinity, form: 'continuum' }).p_c!).toBeCloseTo(0.05573, 5);
  });
  it('two-tier', () => {
    expect(multiTypeSpectralRadius([[3, 2], [0, 0]]).spectralRadius).toBeCloseTo(3, 12);
    expect(twoTierServedFraction({ coreLaw: poissonLaw(10), cacheSize: 5 }, 0.3).served).toBeCloseTo(0.997544, 6);
    const M = twoTierMeanOffspringMatrix({ coreLaw: poissonLaw(4), cacheSize: 3 }, 0.5);
    expect(M[0][0]).toBeCloseTo(2, 9);
    expect(M[0][1]).toBe(3);
    expect(M[1]).toEqual([0, 0]);
    expect(twoTierCriticalLoss({ coreLaw: poissonLaw(4), cacheSize: 3 }).f_c!).toBeCloseTo(0.75, 9);
  });
  it('Watts', () => {
    expect(wattsVulnerableDegree(0.18)).toBe(5);
    expect(wattsCascadeCondition(poissonLaw(3), { phiStar: 0.18 }).globalCascadesPossible).toBe(true);
    const w = wattsCascadeWindowPoisson(0.18);
    expect(w.zLower!).toBeCloseTo(1.0207, 4);
    expect(w.zUpper!).toBeCloseTo(5.7647, 4);
  });
});
