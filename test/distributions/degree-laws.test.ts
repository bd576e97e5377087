import { sameArray } from './same-array.ts';
import { describe, expect, it } from 'vitest';
import {
  barabasiAlbertLaw,
  bimodalLaw,
  degreeLawFromPmf,
  empiricalDegreeLaw,
  expressionDegreeLaw,
  graphDegreeLaw,
  MAX_DEGREE_SUPPORT,
  mixtureLaw,
  parseDegreeLaw,
  poissonLaw,
  powerLawCutoff,
  powerLawDegreeLaw,
  powerLawHardCutoff,
  regularLaw,
} from '../../src/distributions/index.ts';
import { CompactGraph } from '../../src/graph/compact-graph.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { stream } from '../../src/random/index.ts';
import { chiSquare, chiSquareCritical } from '../random/chi-square.ts';

describe('reference values (docs/reference/literature-values.md, row G10)', () => {
  it('powerlaw(2, cutoff=10) has <k> = 1.792552 and powerlaw(2.5, cutoff=20) has <k> = 1.531781 (to 1e-5)', () => {
    // The reference sums to k <= 60κ; our truncation (tail < 1e-12) must agree to the reference's 1e-5 (6 digits).
    const a = parseDegreeLaw('powerlaw(2,cutoff=10)');
    const b = powerLawCutoff(2.5, 20);
    expect(Math.abs(a.mean - 1.792552)).toBeLessThan(1e-5);
    expect(Math.abs(b.mean - 1.531781)).toBeLessThan(1e-5);
    // The truncation point is below 60κ yet the dropped tail is below 1e-12.
    expect(a.kmax).toBeLessThan(600);
    expect(a.truncationError).toBeLessThan(1e-12);
    expect(b.truncationError).toBeLessThan(1e-12);
    // Against an independent direct sum to 60κ: cutting a tail of mass < 1e-12 at K = kmax moves the mean by at
    // most about K·1e-12 (3e-10 here), far inside the reference's 1e-5.
    let z = 0;
    let m1 = 0;
    for (let k = 1; k <= 1200; k++) {
      const t = k ** -2.5 * Math.exp(-k / 20);
      z += t;
      m1 += k * t;
    }
    expect(Math.abs(b.mean - m1 / z)).toBeLessThan(b.kmax * 2e-12);
  });
});

describe('poissonLaw', () => {
  it('poisson(4): pmf, moments, G0 = exp(c(x − 1)), truncation below 1e-12', () => {
    const law = poissonLaw(4);
    expect(law.spec).toBe('poisson(4)');
    expect(law.kmin).toBe(0);
    // Kept probabilities are renormalised by 1 − truncationError (2.4e-13 here): relative error ~1e-13.
    expect(Math.abs(law.pmf(0) / Math.exp(-4) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(law.pmf(3) / ((Math.exp(-4) * 64) / 6) - 1)).toBeLessThan(1e-12);
    expect(law.pmf(-1)).toBe(0);
    expect(law.pmf(2.5)).toBe(0);
    // The tail cut at K = 25 (mass 2.4e-13) lowers <k> by ~K·2.4e-13 = 5e-12 and <k²> by ~K²·2.4e-13.
    expect(Math.abs(law.mean - 4)).toBeLessThan(1e-10);
    expect(Math.abs(law.secondMoment - 20)).toBeLessThan(1e-9);
    expect(law.truncationError).toBeGreaterThan(0);
    expect(law.truncationError).toBeLessThan(1e-12);
    for (const x of [0, 0.3, 0.7, 0.99]) {
      expect(Math.abs(law.G0(x) - Math.exp(4 * (x - 1)))).toBeLessThan(1e-12);
      expect(Math.abs(law.G1(x) - Math.exp(4 * (x - 1)))).toBeLessThan(1e-12);
      expect(Math.abs(law.G1p(x) - 4 * Math.exp(4 * (x - 1)))).toBeLessThan(1e-10); // truncation: ~K²·2.4e-13
    }
  });

  it('poisson(1000) and poisson(1e6) neither overflow nor lose accuracy', () => {
    const a = poissonLaw(1000);
    expect(Math.abs(a.mean - 1000) / 1000).toBeLessThan(1e-12);
    expect(Math.abs(a.secondMoment - 1001000) / 1001000).toBeLessThan(1e-12);
    expect(Math.abs(a.G0(0.999) / Math.exp(-1) - 1)).toBeLessThan(1e-10);
    const b = poissonLaw(1e6);
    expect(Math.abs(b.mean - 1e6) / 1e6).toBeLessThan(1e-12);
    // Variance c: <k²> − c² = c.
    expect(Math.abs(b.secondMoment - b.mean ** 2 - 1e6) / 1e6).toBeLessThan(1e-5);
    expect(b.kmax).toBeLessThan(1e6 + 10_000);
  });

  it('poisson(0) is the point mass at 0', () => {
    const law = poissonLaw(0);
    expect(law.kmax).toBe(0);
    expect(law.pmf(0)).toBe(1);
    expect(law.mean).toBe(0);
    expect(law.G0(0.5)).toBe(1);
  });
});

describe('other degree laws', () => {
  it('regular(3): G0 = x³, G1 = x²', () => {
    const law = regularLaw(3);
    expect(law.kmin).toBe(3);
    expect(law.G0(0.5)).toBe(0.125);
    expect(law.G1(0.5)).toBe(0.25);
    expect(law.G1p(0.5)).toBe(1);
    expect(law.G1pp(0.5)).toBe(2);
    expect(law.G0pp(0)).toBe(0);
    expect(law.sample(stream(1))).toBe(3);
  });

  it('ba(2): p_k = 2m(m+1)/[k(k+1)(k+2)], tail below 1e-12, mean → 2m', () => {
    const law = barabasiAlbertLaw(2);
    const norm = 1 - law.truncationError;
    expect(law.pmf(2) * norm).toBeCloseTo(0.5, 14);
    expect(law.pmf(10) * norm).toBeCloseTo(12 / (10 * 11 * 12), 15);
    expect(law.truncationError).toBeLessThan(1e-12);
    // The exact tail after K is m(m+1)/((K+1)(K+2)); the smallest such K.
    expect(6 / ((law.kmax + 1) * (law.kmax + 2))).toBeCloseTo(law.truncationError, 20);
    expect(6 / (law.kmax * (law.kmax + 1))).toBeGreaterThanOrEqual(1e-12);
    // Mean deficit Σ_{k>K} k p_k ≈ 2m(m+1)/K.
    expect(Math.abs(law.mean - 4)).toBeLessThan(13 / law.kmax);
    expect(barabasiAlbertLaw(3, { kmax: 100 }).kmax).toBe(100);
  });

  it('ba(m) with m >= 10 stops at the 1e7 cap and reports the tail left', () => {
    const law = barabasiAlbertLaw(10);
    expect(law.kmax).toBe(MAX_DEGREE_SUPPORT);
    expect(law.truncationError).toBeCloseTo(110 / ((1e7 + 1) * (1e7 + 2)), 25);
  });

  it('a pure power law reaches the 1e7 cap and reports the tail actually left', () => {
    const law = powerLawDegreeLaw(2.5);
    expect(law.spec).toBe('powerlaw(2.5,kmin=1)');
    expect(law.kmax).toBe(MAX_DEGREE_SUPPORT);
    // Tail Σ_{k>1e7} k^-2.5 / ζ(2.5) ≈ (1e7)^-1.5 / 1.5 / 1.341487 = 1.5715e-11.
    expect(law.truncationError).toBeGreaterThan(1.57e-11);
    expect(law.truncationError).toBeLessThan(1.58e-11);
  });

  it('hard cutoff: powerlaw(2.5,kmin=2,kmax=1000)', () => {
    const law = powerLawHardCutoff(2.5, 1000, { kmin: 2 });
    expect(law.spec).toBe('powerlaw(2.5,kmin=2,kmax=1000)');
    expect(law.kmin).toBe(2);
    expect(law.kmax).toBe(1000);
    expect(law.truncationError).toBe(0);
    let z = 0;
    for (let k = 2; k <= 1000; k++) z += k ** -2.5;
    expect(law.pmf(7)).toBeCloseTo(7 ** -2.5 / z, 15);
  });

  it('bimodal(3,10,0.2) and mixture(0.3*poisson(2),0.7*regular(5))', () => {
    const b = bimodalLaw(3, 10, 0.2);
    expect(b.pmf(3)).toBeCloseTo(0.8, 15);
    expect(b.pmf(10)).toBeCloseTo(0.2, 15);
    expect(b.mean).toBeCloseTo(4.4, 14);
    expect(bimodalLaw(4, 4, 0.5).pmf(4)).toBe(1);
    const m = mixtureLaw([
      { weight: 0.3, law: poissonLaw(2) },
      { weight: 0.7, law: regularLaw(5) },
    ]);
    expect(m.spec).toBe('mixture(0.3*poisson(2),0.7*regular(5))');
    expect(m.mean).toBeCloseTo(0.3 * 2 + 0.7 * 5, 11);
    // The Poisson tail cut (mass 2e-13 beyond k ≈ 20) moves <k²> by ~K²·1e-13 ~ 1e-10.
    expect(Math.abs(m.secondMoment - (0.3 * 6 + 0.7 * 25))).toBeLessThan(1e-9);
    expect(m.G0(0.5)).toBeCloseTo(0.3 * Math.exp(-1) + 0.7 / 32, 12);
    expect(sameArray(parseDegreeLaw(m.spec).pk, m.pk)).toBe(true);
  });

  it('expr("k^-2.5*exp(-k/100)",kmin=1,kmax=10000) equals the hard-cut cutoff power law', () => {
    const e = expressionDegreeLaw('k^-2.5*exp(-k/100)', { kmin: 1, kmax: 10000 });
    const p = powerLawDegreeLaw(2.5, { cutoff: 100, kmax: 10000 });
    expect(e.spec).toBe('expr("k^-2.5*exp(-k/100)",kmin=1,kmax=10000)');
    for (const k of [1, 2, 10, 100, 1000]) expect(Math.abs(e.pmf(k) / p.pmf(k) - 1)).toBeLessThan(1e-12);
    expect(Math.abs(e.mean - p.mean)).toBeLessThan(1e-12);
  });

  it('empirical laws from a degree sequence and from a CompactGraph', () => {
    // Path 0-1-2-3 plus chord 1-3: degrees [1, 3, 2, 2].
    const g = CompactGraph.fromPairs(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [1, 3],
    ]);
    const law = graphDegreeLaw(g);
    expect(Array.from(law.pk)).toEqual([0, 0.25, 0.5, 0.25]);
    expect(law.mean).toBe(2);
    expect(law.spec).toBe('empirical(1:1,2:2,3:1)');
    expect(sameArray(parseDegreeLaw(law.spec).pk, law.pk)).toBe(true);
    expect(empiricalDegreeLaw([0, 0, 5]).pmf(5)).toBeCloseTo(1 / 3, 15);
    expect(() => graphDegreeLaw(CompactGraph.fromPairs(0, []))).toThrow(FragilityInputError);
  });

  it('degreeLawFromPmf normalises, trims and computes G functions', () => {
    const law = degreeLawFromPmf('custom', [0, 1, 0, 1, 0, 0]);
    expect(law.kmin).toBe(1);
    expect(law.kmax).toBe(3);
    expect(law.pk.length).toBe(4);
    expect(law.G0(0.5)).toBe(0.3125);
    expect(law.G0p(0.5)).toBe(0.5 * 1 + 0.5 * 3 * 0.25);
    expect(law.G0pp(0)).toBe(0);
    expect(law.G1pp(0)).toBe((0.5 * 6) / 2);
    expect(() => degreeLawFromPmf('x', [0, -1])).toThrow(/law.pk\[1\]/);
    expect(() => degreeLawFromPmf('x', [0, 0])).toThrow(FragilityInputError);
  });

  it('sampleMany follows the pmf (chi-square, significance 1e-4) and is reproducible', () => {
    for (const law of [poissonLaw(4), bimodalLaw(3, 10, 0.2), powerLawCutoff(2, 10)]) {
      const draws = law.sampleMany(stream(99), 100_000);
      const counts = new Float64Array(law.kmax + 1);
      for (const k of draws) counts[k]++;
      const { stat, df } = chiSquare(counts, law.pk, draws.length);
      expect(stat).toBeLessThan(chiSquareCritical(Math.max(df, 3), 0.0001));
      expect(law.sampleMany(stream(99), 100)).toEqual(draws.subarray(0, 100));
      expect(law.sample(stream(99))).toBe(draws[0]);
    }
  });
});

describe('bad input names the field and the allowed range', () => {
  const cases: Array<[string, RegExp]> = [
    ['foo(1)', /^law: "foo"/],
    ['powerlaw(1)', /^law\.tau: 1 .*> 1/],
    ['powerlaw(0.5)', /^law\.tau/],
    ['powerlaw(-1,cutoff=10)', /^law\.tau: -1 .*>= 0/],
    ['powerlaw(2.5,cutoff=-3)', /^law\.cutoff/],
    ['poisson(-1)', /^law\.c: -1/],
    ['poisson(2e6)', /^law\.c/],
    ['regular(2.5)', /^law\.k: 2\.5 .*integer/],
    ['powerlaw(2,kmin=5,kmax=3)', /^law\.kmax: 3 .*>= kmin/],
    ['powerlaw(2,kmin=0,kmax=3)', /^law\.kmin/],
    ['expr("k-3",kmin=0,kmax=5)', /^law\.expr: "k-3" .*>= 0.*k = 0/],
    ['expr("0*k",kmin=0,kmax=5)', /^law\.expr: .*positive sum/],
    ['expr("1/(k-2)",kmin=0,kmax=5)', /^law\.expr/],
    ['expr("k+",kmax=5)', /^law\.expr/],
    ['expr("k",kmin=3,kmax=2)', /^law\.kmax/],
    ['expr("sqrt(-k)",kmin=1,kmax=5)', /^law\.expr/],
    ['bimodal(3,10,1.2)', /^law\.frac2: 1\.2 .*\[0, 1\]/],
    ['bimodal(3,10,-0.1)', /^law\.frac2/],
    ['ba(0)', /^law\.m/],
    ['mixture(0.3*poisson(2),0.6*regular(5))', /^law\.weights/],
    ['mixture(poisson(2))', /^law/],
    ['empirical(1:-2)', /^law\.weights\[0\]/],
    ['poisson(4', /^law: .*expected '\)'/],
    ['poisson(4)x', /^law: .*unexpected/],
    ['poisson(c=4,c=5)', /^law\.c/],
    ['poisson(x=4)', /^law\.x/],
    ['poisson()', /^law\.c/],
    ['poisson("4")', /^law\.c/],
    ['regular(3,4)', /^law/],
  ];
  for (const [spec, re] of cases) {
    it(`${spec}`, () => {
      let err: unknown;
      try {
        parseDegreeLaw(spec);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FragilityInputError);
      expect((err as Error).message).toMatch(re);
    });
  }
});

// The documented examples to full precision (moved from the former TSDoc-examples test).
describe('documented examples, to full precision', () => {
  it('mixture 0.3·poisson(2) + 0.7·regular(5) has mean 4.1; BA(2) has p_2 = 0.5', () => {
    expect(
      mixtureLaw([
        { weight: 0.3, law: poissonLaw(2) },
        { weight: 0.7, law: regularLaw(5) },
      ]).mean,
    ).toBeCloseTo(4.1, 10);
    expect(parseDegreeLaw('mixture(0.3*poisson(2),0.7*regular(5))').mean).toBeCloseTo(4.1, 10);
    expect(barabasiAlbertLaw(2).pmf(2)).toBeCloseTo(0.5, 11);
  });
});
