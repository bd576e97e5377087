import { describe, expect, it } from 'vitest';
import {
  barabasiAlbertLaw,
  bimodalLaw,
  degreeLawFromPmf,
  empiricalCapacity,
  empiricalDegreeLaw,
  empiricalLawFromWeights,
  expressionCapacity,
  expressionDegreeLaw,
  graphDegreeLaw,
  lognormalCapacity,
  mixtureLaw,
  parseCapacityLaw,
  parseDegreeLaw,
  poissonLaw,
  powerLawCutoff,
  powerLawDegreeLaw,
  powerLawHardCutoff,
  regularLaw,
  standardNormalCdf,
  standardNormalQuantile,
  uniformCapacity,
  weibullCapacity,
} from '../../src/distributions/index.ts';
import { AliasTable, logFactorial, logGamma, sampleWithoutReplacement, stream } from '../../src/random/index.ts';
import { CompactGraph } from '../../src/graph/compact-graph.ts';

// The @example of every exported function, run as written (values as stated in the TSDoc).
describe('TSDoc examples', () => {
  it('distributions', () => {
    const law = degreeLawFromPmf('bimodal(1,3,0.5)', [0, 0.5, 0, 0.5]);
    expect(law.mean).toBe(2);
    expect(law.G0(0.5)).toBe(0.3125);
    expect(poissonLaw(4).mean).toBeCloseTo(4, 10);
    expect(regularLaw(3).G1(0.5)).toBe(0.25);
    expect(powerLawDegreeLaw(2, { cutoff: 10 }).mean).toBeCloseTo(1.792552, 6);
    expect(powerLawCutoff(2.5, 20).mean).toBeCloseTo(1.531781, 6);
    expect(powerLawHardCutoff(2.5, 1000, { kmin: 2 }).kmax).toBe(1000);
    expect(barabasiAlbertLaw(2).pmf(2)).toBeCloseTo(0.5, 11);
    expect(bimodalLaw(3, 10, 0.2).mean).toBeCloseTo(4.4, 14);
    expect(mixtureLaw([{ weight: 0.3, law: poissonLaw(2) }, { weight: 0.7, law: regularLaw(5) }]).mean).toBeCloseTo(4.1, 10);
    expect(empiricalLawFromWeights([[1, 2], [3, 2]]).mean).toBe(2);
    expect(empiricalDegreeLaw([1, 1, 2, 4]).pmf(1)).toBe(0.5);
    expect(graphDegreeLaw(CompactGraph.fromPairs(3, [[0, 1], [1, 2]])).mean).toBeCloseTo(4 / 3, 15);
    expect(expressionDegreeLaw('k^-2.5*exp(-k/100)', { kmin: 1, kmax: 10000 }).kmax).toBe(10000);
    expect(uniformCapacity(0, 1).quantile(0.25)).toBe(0.25);
    expect(weibullCapacity(2, 1).mean).toBeCloseTo(0.886226925452758, 14);
    expect(lognormalCapacity(0, 0.5).quantile(0.5)).toBeCloseTo(1, 14);
    expect(empiricalCapacity([0.2, 0.4, 0.9]).cdf(0.5)).toBeCloseTo(2 / 3, 15);
    expect(expressionCapacity('1', { lo: 0, hi: 2 }).cdf(0.5)).toBeCloseTo(0.25, 15);
    expect(standardNormalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(parseDegreeLaw('poisson(4)').mean).toBeCloseTo(4, 10);
    expect(parseDegreeLaw('mixture(0.3*poisson(2),0.7*regular(5))').mean).toBeCloseTo(4.1, 10);
    expect(parseCapacityLaw('uniform(0,1)').mean).toBe(0.5);
  });

  it('random', () => {
    expect(logGamma(5)).toBeCloseTo(3.1780538303479458, 14);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 13);
    const i = new AliasTable([0.2, 0.5, 0.3]).sample(stream(1));
    expect([0, 1, 2]).toContain(i);
    expect(sampleWithoutReplacement(stream(1), 100, 5).length).toBe(5);
  });
});
