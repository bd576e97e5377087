import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  empiricalCapacity,
  expressionCapacity,
  lognormalCapacity,
  parseCapacityLaw,
  standardNormalCdf,
  standardNormalQuantile,
  uniformCapacity,
  weibullCapacity,
  type CapacityLaw,
} from '../../src/distributions/index.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { stream } from '../../src/random/index.ts';

describe('standard normal functions', () => {
  it('Φ matches reference values (to 1e-15 absolute, 1e-13 relative in the tail)', () => {
    expect(Math.abs(standardNormalCdf(0) - 0.5)).toBeLessThan(1e-16);
    expect(Math.abs(standardNormalCdf(1) - 0.8413447460685429)).toBeLessThan(1e-15);
    expect(Math.abs(standardNormalCdf(-2) - 0.022750131948179195)).toBeLessThan(1e-15);
    // Reference values from mpmath.ncdf at 30 digits.
    expect(Math.abs(standardNormalCdf(-3) / 0.0013498980316300946 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(standardNormalCdf(-5) / 2.866515718791939e-7 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(standardNormalCdf(-7.5) / 3.190891672910896e-14 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(standardNormalCdf(-10) / 7.619853024160525e-24 - 1)).toBeLessThan(1e-13);
    expect(standardNormalCdf(-40)).toBe(0);
    expect(standardNormalCdf(40)).toBe(1);
  });

  it('Φ⁻¹ inverts Φ to rounding and matches 1.959963984540054', () => {
    expect(Math.abs(standardNormalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-14);
    // Upper-tail z are limited by the rounding of Φ(z) near 1 (ε/φ(z)), so the round trip uses z <= 2.
    for (const z of [-8, -3, -1, -0.1, 0.3, 2]) {
      expect(Math.abs(standardNormalQuantile(standardNormalCdf(z)) - z)).toBeLessThan(1e-9 * (1 + Math.abs(z)));
    }
    // Φ(Φ⁻¹(u))/u − 1: the condition number of ln Φ at z is ~z², so rounding z alone costs ~ε·z² (1.4e-13 at
    // u = 1e-300, z ≈ −37); tolerance 2e-15·(1 + z²).
    for (const u of [1e-300, 1e-10, 0.01, 0.3, 0.5, 0.9]) {
      const z = standardNormalQuantile(u);
      expect(Math.abs(standardNormalCdf(z) / u - 1)).toBeLessThan(2e-15 * (1 + z * z));
    }
    expect(standardNormalQuantile(0)).toBe(-Infinity);
    expect(standardNormalQuantile(1)).toBe(Infinity);
  });
});

describe('capacity laws', () => {
  it('uniform(0,1) and uniform(0.5,2)', () => {
    const u = uniformCapacity(0, 1);
    expect(u.spec).toBe('uniform(0,1)');
    expect([u.lo, u.hi, u.mean]).toEqual([0, 1, 0.5]);
    expect(u.cdf(0.25)).toBe(0.25);
    expect(u.cdf(-1)).toBe(0);
    expect(u.cdf(2)).toBe(1);
    expect(u.pdf(0.5)).toBe(1);
    expect(u.pdf(1.5)).toBe(0);
    expect(u.quantile(0.75)).toBe(0.75);
    const v = parseCapacityLaw('uniform(0.5,2)');
    expect(v.mean).toBe(1.25);
    expect(v.pdf(1)).toBeCloseTo(1 / 1.5, 15);
  });

  it('weibull(2,scale=1): mean Γ(1.5), cdf, pdf, quantile', () => {
    const w = parseCapacityLaw('weibull(2,scale=1)');
    expect(Math.abs(w.mean - 0.886226925452758)).toBeLessThan(1e-14);
    expect(w.cdf(1)).toBeCloseTo(1 - Math.exp(-1), 15);
    expect(w.pdf(1)).toBeCloseTo(2 * Math.exp(-1), 15);
    expect(w.quantile(1 - Math.exp(-4))).toBeCloseTo(2, 13);
    expect(w.hi).toBe(Infinity);
    expect(w.quantile(1)).toBe(Infinity);
    expect(weibullCapacity(1, 3).pdf(0)).toBeCloseTo(1 / 3, 15);
    expect(weibullCapacity(0.5).pdf(0)).toBe(Infinity);
  });

  it('lognormal(0,0.5): mean exp(σ²/2), median exp(μ)', () => {
    const l = lognormalCapacity(0, 0.5);
    expect(l.spec).toBe('lognormal(0,0.5)');
    expect(l.mean).toBeCloseTo(Math.exp(0.125), 15);
    expect(l.quantile(0.5)).toBeCloseTo(1, 14);
    expect(l.cdf(Math.exp(0.5))).toBeCloseTo(0.8413447460685429, 14);
    expect(l.cdf(0)).toBe(0);
  });

  it('empirical: step CDF, quantile = smallest sample with F >= u, pdf 0', () => {
    const e = empiricalCapacity([0.4, 0.2, 0.9, 0.2]);
    expect(e.spec).toBe('empirical(0.2,0.2,0.4,0.9)');
    expect([e.lo, e.hi]).toEqual([0.2, 0.9]);
    expect(e.mean).toBeCloseTo(0.425, 15);
    expect(e.cdf(0.1)).toBe(0);
    expect(e.cdf(0.2)).toBe(0.5);
    expect(e.cdf(0.5)).toBe(0.75);
    expect(e.cdf(1)).toBe(1);
    expect(e.quantile(0.5)).toBe(0.2);
    expect(e.quantile(0.51)).toBe(0.4);
    expect(e.quantile(1)).toBe(0.9);
    expect(e.pdf(0.2)).toBe(0);
    expect(parseCapacityLaw(e.spec).spec).toBe(e.spec);
  });

  it('expr: exact for piecewise-linear densities, close for smooth ones', () => {
    const flat = expressionCapacity('1', { lo: 0, hi: 2 });
    expect(flat.cdf(0.5)).toBeCloseTo(0.25, 15);
    expect(flat.mean).toBeCloseTo(1, 14);
    const lin = parseCapacityLaw('expr("x",lo=0,hi=1)');
    expect(lin.cdf(0.5)).toBeCloseTo(0.25, 14);
    expect(lin.quantile(0.25)).toBeCloseTo(0.5, 14);
    expect(lin.pdf(0.5)).toBeCloseTo(1, 13);
    expect(lin.mean).toBeCloseTo(2 / 3, 14);
    // Gamma(2) density on [0, 40]: mean 2 (the tail beyond 40 is ~1e-16); the piecewise-linear interpolant with
    // 4096 cells (h ≈ 0.01) is off by O(h²) ≈ 1e-4 in the mean at worst.
    const g = parseCapacityLaw('expr("x*exp(-x)",lo=0,hi=40)');
    expect(Math.abs(g.mean - 2)).toBeLessThan(1e-4);
    expect(Math.abs(g.cdf(2) - (1 - 3 * Math.exp(-2)))).toBeLessThan(1e-5);
  });

  it('sample means agree with the law mean (5 standard errors, sd from the sample)', () => {
    for (const spec of [
      'uniform(0,1)',
      'weibull(2,scale=1)',
      'lognormal(0,0.5)',
      'expr("x*exp(-x)",lo=0,hi=40)',
      'empirical(0.1,0.5,2)',
    ]) {
      const law = parseCapacityLaw(spec);
      const r = stream(77);
      const N = 100_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < N; i++) {
        const x = law.sample(r);
        s += x;
        s2 += x * x;
      }
      const mean = s / N;
      const sd = Math.sqrt(s2 / N - mean * mean);
      expect(Math.abs(mean - law.mean)).toBeLessThan((5 * sd) / Math.sqrt(N));
    }
  });
});

const capacitySpecArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }))
    .map(([a, w]) => `uniform(${a},${a + w})`),
  fc
    .tuple(fc.double({ min: 0.3, max: 8, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }))
    .map(([r, s]) => `weibull(${r},scale=${s})`),
  fc
    .tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: 0.05, max: 2, noNaN: true }))
    .map(([m, s]) => `lognormal(${m},${s})`),
  fc
    .tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }))
    .map(([lo, w]) => `expr("1+x^2",lo=${lo},hi=${lo + w},cells=64)`),
);

describe('every capacity law (fast-check)', () => {
  it('cdf is monotone in [0, 1], cdf(quantile(u)) = u, pdf ≈ cdf′, and the spec round-trips', () => {
    fc.assert(
      fc.property(capacitySpecArb, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (spec, u) => {
        const law: CapacityLaw = parseCapacityLaw(spec);
        expect(law.lo).toBeGreaterThanOrEqual(0);
        expect(parseCapacityLaw(law.spec).spec).toBe(law.spec);
        const x = law.quantile(u);
        expect(x).toBeGreaterThanOrEqual(law.lo);
        expect(x).toBeLessThanOrEqual(law.hi);
        expect(Math.abs(law.cdf(x) - u)).toBeLessThan(1e-9);
        const y = law.quantile(Math.min(0.999, u + 0.0005));
        expect(law.cdf(y)).toBeGreaterThanOrEqual(law.cdf(x));
        // pdf against a central difference of the cdf with h = 1e-5·x (truncation ~h²f″/6, rounding ~ε·F/h: both far
        // below the 1e-4 relative tolerance, also near the x^(ρ−1) singularity of a Weibull law with ρ < 1).
        const h = 1e-5 * x;
        if (x > 0 && x - h > law.lo && x + h < law.hi) {
          const fd = (law.cdf(x + h) - law.cdf(x - h)) / (2 * h);
          expect(Math.abs(fd - law.pdf(x))).toBeLessThanOrEqual(1e-4 * law.pdf(x) + 1e-7);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('bad capacity input names the field and the allowed range', () => {
  const cases: Array<[string, RegExp]> = [
    ['uniform(-1,1)', /^capacity\.a: -1 .*>= 0/],
    ['uniform(1,1)', /^capacity\.b: 1 .*> a/],
    ['weibull(0)', /^capacity\.rho: 0 .*> 0/],
    ['weibull(2,scale=-1)', /^capacity\.scale/],
    ['lognormal(0,0)', /^capacity\.sigma/],
    ['empirical(0.5,-0.1)', /^capacity\.samples\[1\]/],
    ['expr("x-1",lo=0,hi=2)', /^capacity\.expr: .*x = 0/],
    ['expr("x",lo=-1,hi=2)', /^capacity\.lo/],
    ['expr("x",lo=0)', /^capacity\.hi/],
    ['gamma(2)', /^capacity: "gamma"/],
    ['uniform(0,1', /^capacity: /],
  ];
  for (const [spec, re] of cases) {
    it(spec, () => {
      let err: unknown;
      try {
        parseCapacityLaw(spec);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FragilityInputError);
      expect((err as Error).message).toMatch(re);
    });
  }
});
