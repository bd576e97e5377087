import { describe, it, expect } from 'vitest';
import { poissonLaw, powerLawCutoff } from '../../src/distributions/index.ts';
import {
  attackThreshold,
  gfAttackPercolation,
  gfSitePercolation,
  multiTypeSpectralRadius,
  randomFailureThreshold,
  twoTierCriticalLoss,
  twoTierMeanOffspringMatrix,
  twoTierServedFraction,
} from '../../src/analytic/index.ts';

describe('multiTypeSpectralRadius', () => {
  it('triangular, periodic and general non-negative matrices', () => {
    expect(
      multiTypeSpectralRadius([
        [3, 2],
        [0, 0],
      ]).spectralRadius,
    ).toBeCloseTo(3, 12);
    expect(
      multiTypeSpectralRadius([
        [0, 1],
        [1, 0],
      ]).spectralRadius,
    ).toBeCloseTo(1, 12);
    expect(
      multiTypeSpectralRadius([
        [0, 4],
        [1, 0],
      ]).spectralRadius,
    ).toBeCloseTo(2, 12);
    expect(multiTypeSpectralRadius([[2]]).spectralRadius).toBe(2);
    // [[1,2],[3,4]]: (5 + √33)/2
    expect(
      multiTypeSpectralRadius([
        [1, 2],
        [3, 4],
      ]).spectralRadius,
    ).toBeCloseTo((5 + Math.sqrt(33)) / 2, 10);
  });
  it('rejects negative, ragged or empty matrices', () => {
    expect(() =>
      multiTypeSpectralRadius([
        [1, -1],
        [0, 1],
      ]),
    ).toThrow(/matrix\[0\]\[1\]/);
    expect(() => multiTypeSpectralRadius([[1, 1], [0]])).toThrow(/matrix\[1\]/);
    expect(() => multiTypeSpectralRadius([])).toThrow(/matrix/);
  });
});

describe('two-tier served fraction', () => {
  const spec = { coreLaw: poissonLaw(4), cacheSize: 3 };
  it('served = 1 − (1 − S_core)^H with S_core the core giant fraction of all supernodes', () => {
    for (const f of [0, 0.3, 0.5, 0.7]) {
      const r = twoTierServedFraction(spec, f);
      const S = gfSitePercolation(spec.coreLaw, 1 - f).S;
      expect(r.S_core).toBeCloseTo(S, 14);
      expect(r.served).toBeCloseTo(1 - (1 - S) ** 3, 14);
      expect(r.model).toMatch(/do not relay/);
    }
    const a = twoTierServedFraction(spec, 0.2, { removal: 'attack' });
    expect(a.S_core).toBeCloseTo(gfAttackPercolation(spec.coreLaw, 0.2).S, 14);
  });
  it('H = 1 gives S_core; f = 1 gives 0; f past threshold gives 0', () => {
    expect(twoTierServedFraction({ ...spec, cacheSize: 1 }, 0.4).served).toBeCloseTo(
      gfSitePercolation(spec.coreLaw, 0.6).S,
      14,
    );
    expect(twoTierServedFraction(spec, 1).served).toBe(0);
    expect(twoTierServedFraction(spec, 0.8).served).toBe(0);
  });
  it('rejects bad input naming the field', () => {
    expect(() => twoTierServedFraction(spec, 1.1)).toThrow(/^f:/);
    expect(() => twoTierServedFraction({ ...spec, cacheSize: 0 }, 0.1)).toThrow(/^cacheSize:/);
    expect(() => twoTierServedFraction(spec, 0.1, { removal: 'x' as 'random' })).toThrow(/^removal:/);
  });
});

describe('two-tier critical loss from the spectral radius of the mean-offspring matrix', () => {
  for (const law of [poissonLaw(4), poissonLaw(10), powerLawCutoff(2.5, 20)]) {
    it(`${law.spec}: the crossing equals the core threshold (clients are leaves)`, () => {
      const spec = { coreLaw: law, cacheSize: 5, clientsPerSupernode: 50 };
      const rnd = twoTierCriticalLoss(spec);
      expect(rnd.converged).toBe(true);
      expect(rnd.f_c!).toBeCloseTo(randomFailureThreshold(law).f_c!, 9);
      expect(rnd.coreThreshold!).toBeCloseTo(rnd.f_c!, 9);
      const att = twoTierCriticalLoss(spec, { removal: 'attack' });
      expect(att.f_c!).toBeCloseTo(attackThreshold(law).f_c!, 9);
    });
  }
  it('the degree-class matrix has the same spectral radius as the two-type matrix', () => {
    const spec = { coreLaw: poissonLaw(4), cacheSize: 3 };
    for (const f of [0, 0.3, 0.6]) {
      for (const removal of ['random', 'attack'] as const) {
        const two = multiTypeSpectralRadius(twoTierMeanOffspringMatrix(spec, f, { removal })).spectralRadius;
        const many = multiTypeSpectralRadius(
          twoTierMeanOffspringMatrix(spec, f, { removal, types: 'degree-classes' }),
        ).spectralRadius;
        expect(many).toBeCloseTo(two, 8);
      }
    }
  });
  it('a core without a giant component has no critical loss', () => {
    const r = twoTierCriticalLoss({ coreLaw: poissonLaw(0.8), cacheSize: 3 });
    expect(r.f_c).toBeNull();
    expect(r.reason).toMatch(/no giant/);
  });
});

// The documented examples to full precision (moved from the former gf-doc-examples test).
describe('documented examples, to full precision', () => {
  it('poisson(4), cache 3: critical loss 0.75; poisson(10), cache 5, loss 0.3: served 0.997544', () => {
    expect(twoTierCriticalLoss({ coreLaw: poissonLaw(4), cacheSize: 3 }).f_c!).toBeCloseTo(0.75, 9);
    expect(twoTierServedFraction({ coreLaw: poissonLaw(10), cacheSize: 5 }, 0.3).served).toBeCloseTo(0.997544, 6);
  });
});
