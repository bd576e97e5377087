import { sameArray } from './same-array.ts';
import { describe, expect, it } from 'vitest';
import { parseCapacityLaw, parseDegreeLaw } from '../../src/distributions/index.ts';

describe('parseDegreeLaw', () => {
  // Every example of docs/CLI.md "Degree and capacity laws", with its canonical spec.
  const examples: Array<[string, string]> = [
    ['poisson(4)', 'poisson(4)'],
    ['regular(3)', 'regular(3)'],
    ['powerlaw(2.5,kmin=1,cutoff=100)', 'powerlaw(2.5,kmin=1,cutoff=100)'],
    ['powerlaw(2.5,kmin=2,kmax=1000)', 'powerlaw(2.5,kmin=2,kmax=1000)'],
    ['powerlaw(2.5,cutoff=20)', 'powerlaw(2.5,kmin=1,cutoff=20)'],
    ['ba(2)', 'ba(2)'],
    ['bimodal(3,10,0.2)', 'bimodal(3,10,0.2)'],
    ['expr("k^-2.5*exp(-k/100)",kmin=1,kmax=10000)', 'expr("k^-2.5*exp(-k/100)",kmin=1,kmax=10000)'],
    ["expr('k^-2.5*exp(-k/100)', kmax=10000)", 'expr("k^-2.5*exp(-k/100)",kmin=1,kmax=10000)'],
    ['mixture(0.3*poisson(2),0.7*regular(5))', 'mixture(0.3*poisson(2),0.7*regular(5))'],
    [
      'mixture(0.5*mixture(0.5*regular(1),0.5*regular(2)),0.5*ba(1,kmax=10))',
      'mixture(0.5*mixture(0.5*regular(1),0.5*regular(2)),0.5*ba(1,kmax=10))',
    ],
    ['empirical(3:1, 1:2)', 'empirical(1:2,3:1)'],
    [' poisson( c = 4 ) ', 'poisson(4)'],
    ['powerlaw(tau=2.5,cutoff=1e2)', 'powerlaw(2.5,kmin=1,cutoff=100)'],
    ['Poisson(4)', 'poisson(4)'],
  ];
  for (const [spec, canonical] of examples) {
    it(`${spec} → ${canonical}, and the canonical spec parses to the same law`, () => {
      const law = parseDegreeLaw(spec);
      expect(law.spec).toBe(canonical);
      const again = parseDegreeLaw(law.spec);
      expect(again.spec).toBe(canonical);
      expect(sameArray(again.pk, law.pk)).toBe(true);
      expect(again.truncationError).toBe(law.truncationError);
    });
  }

  it('expression strings keep escapes and quotes', () => {
    const law = parseDegreeLaw('expr("k == 2 ? 1 : 0.5",kmin=1,kmax=3)');
    expect(law.pmf(2)).toBeCloseTo(0.5, 15);
    expect(sameArray(parseDegreeLaw(law.spec).pk, law.pk)).toBe(true);
  });
});

describe('parseCapacityLaw', () => {
  const examples: Array<[string, string]> = [
    ['uniform(0,1)', 'uniform(0,1)'],
    ['weibull(2,scale=1)', 'weibull(2,scale=1)'],
    ['weibull(2)', 'weibull(2,scale=1)'],
    ['weibull(rho=1.5, scale=0.5)', 'weibull(1.5,scale=0.5)'],
    ['lognormal(0,0.5)', 'lognormal(0,0.5)'],
    ['empirical(0.3,0.1)', 'empirical(0.1,0.3)'],
    ['expr("x*exp(-x)",lo=0,hi=20)', 'expr("x*exp(-x)",lo=0,hi=20)'],
    ['expr("1",lo=0,hi=1,cells=16)', 'expr("1",lo=0,hi=1,cells=16)'],
  ];
  for (const [spec, canonical] of examples) {
    it(`${spec} → ${canonical}`, () => {
      const law = parseCapacityLaw(spec);
      expect(law.spec).toBe(canonical);
      const again = parseCapacityLaw(law.spec);
      expect(again.spec).toBe(canonical);
      for (const x of [0.1, 0.5, 1, 3]) expect(again.cdf(x)).toBe(law.cdf(x));
    });
  }
});
