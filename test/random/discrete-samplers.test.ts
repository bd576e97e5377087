import { describe, expect, it } from 'vitest';
import {
  AliasTable,
  binomial,
  geometricSkip,
  logFactorial,
  logGamma,
  poisson,
  stream,
} from '../../src/random/index.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { chiSquare, chiSquareCritical } from './chi-square.ts';

function binomialPmf(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    out[k] = Math.exp(
      logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p),
    );
  }
  return out;
}

function poissonPmf(lambda: number, kmax: number): Float64Array {
  const out = new Float64Array(kmax + 1);
  for (let k = 0; k <= kmax; k++) out[k] = Math.exp(k * Math.log(lambda) - lambda - logFactorial(k));
  return out;
}

/** Sample mean and variance. */
function moments(xs: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let v = 0;
  for (const x of xs) v += (x - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

const DRAWS = 100_000;

describe('binomial(rng, n, p)', () => {
  // Regimes: inversion (n·min(p,1−p) < 10) and BTRS, p below and above 1/2 (reflection).
  const cases: Array<[number, number]> = [
    [20, 0.3], // inversion, n·p = 6
    [1000, 0.002], // inversion, n·p = 2
    [50, 0.9], // reflection to inversion, n·q = 5
    [100, 0.3], // BTRS, n·p = 30
    [10_000, 0.5], // BTRS, large
    [1_000_000, 0.98], // reflection to BTRS, n·q = 20000
  ];
  for (const [n, p] of cases) {
    it(`n = ${n}, p = ${p}: mean, variance and chi-square against the exact pmf (significance 1e-4)`, () => {
      const r = stream(7, n);
      const xs = new Float64Array(DRAWS);
      const counts = new Float64Array(n + 1);
      let valid = true;
      for (let i = 0; i < DRAWS; i++) {
        const k = binomial(r, n, p);
        valid &&= Number.isInteger(k) && k >= 0 && k <= n;
        xs[i] = k;
        counts[k]++;
      }
      expect(valid).toBe(true);
      const { mean, variance } = moments(xs);
      const mu = n * p;
      const v = n * p * (1 - p);
      // Mean within 5 standard errors; variance within 5 standard errors (sd of s² ≈ v·√(2/N) for near-normal laws,
      // widened by the kurtosis term for the skewed small-mean cases: use √((μ4 − v²)/N) with μ4 ≈ 3v² + v).
      expect(Math.abs(mean - mu)).toBeLessThan(5 * Math.sqrt(v / DRAWS));
      expect(Math.abs(variance - v)).toBeLessThan(5 * Math.sqrt((2 * v * v + v) / DRAWS));
      const { stat, df } = chiSquare(counts, binomialPmf(n, p), DRAWS);
      expect(df).toBeGreaterThan(3);
      expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
    });
  }

  it('edge cases and bad input', () => {
    const r = stream(1);
    expect(binomial(r, 0, 0.5)).toBe(0);
    expect(binomial(r, 10, 0)).toBe(0);
    expect(binomial(r, 10, 1)).toBe(10);
    expect(() => binomial(r, -1, 0.5)).toThrow(FragilityInputError);
    expect(() => binomial(r, 2.5, 0.5)).toThrow(/n/);
    expect(() => binomial(r, 10, 1.5)).toThrow(/p:/);
    expect(() => binomial(r, 10, NaN)).toThrow(FragilityInputError);
  });
});

describe('poisson(rng, lambda)', () => {
  for (const lambda of [0.5, 5, 50, 5000]) {
    it(`lambda = ${lambda}: mean, variance and chi-square against the exact pmf (significance 1e-4)`, () => {
      const r = stream(11, lambda * 10);
      const xs = new Float64Array(DRAWS);
      const kmax = Math.ceil(lambda + 12 * Math.sqrt(lambda) + 20);
      const counts = new Float64Array(kmax + 1);
      let valid = true;
      for (let i = 0; i < DRAWS; i++) {
        const k = poisson(r, lambda);
        valid &&= Number.isInteger(k) && k >= 0;
        xs[i] = k;
        counts[Math.min(k, kmax)]++;
      }
      expect(valid).toBe(true);
      const { mean, variance } = moments(xs);
      // 5 standard errors: Var(mean) = λ/N; Var(s²) ≈ (2λ² + λ)/N for a Poisson law.
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / DRAWS));
      expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((2 * lambda * lambda + lambda) / DRAWS));
      const { stat, df } = chiSquare(counts, poissonPmf(lambda, kmax), DRAWS);
      expect(df).toBeGreaterThan(1);
      expect(stat).toBeLessThan(chiSquareCritical(Math.max(df, 3), 0.0001));
    });
  }

  it('edge cases and bad input', () => {
    const r = stream(1);
    expect(poisson(r, 0)).toBe(0);
    expect(() => poisson(r, -1)).toThrow(/lambda/);
    expect(() => poisson(r, Infinity)).toThrow(FragilityInputError);
    expect(() => poisson(r, NaN)).toThrow(FragilityInputError);
  });

  it('same seed ⇒ same draws', () => {
    const a = stream(3, 3);
    const b = stream(3, 3);
    for (let i = 0; i < 100; i++) expect(poisson(a, 50)).toBe(poisson(b, 50));
  });
});

describe('geometricSkip(rng, ln(1 − p))', () => {
  it('has mean (1 − p)/p and the geometric pmf (chi-square, significance 1e-4)', () => {
    const p = 0.1;
    const lq = Math.log1p(-p);
    const r = stream(13);
    const kmax = 200;
    const counts = new Float64Array(kmax + 1);
    let s = 0;
    for (let i = 0; i < DRAWS; i++) {
      const k = geometricSkip(r, lq);
      s += k;
      counts[Math.min(k, kmax)]++;
    }
    const mean = (1 - p) / p;
    // sd of the geometric law is √(1 − p)/p; 5 standard errors.
    expect(Math.abs(s / DRAWS - mean)).toBeLessThan((5 * Math.sqrt(1 - p)) / p / Math.sqrt(DRAWS));
    const pmf = Float64Array.from({ length: kmax + 1 }, (_, k) => (1 - p) ** k * p);
    const { stat, df } = chiSquare(counts, pmf, DRAWS);
    expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
  });

  it('p = 0 gives Infinity, p = 1 gives 0, and ln(1 − p) > 0 is rejected', () => {
    const r = stream(1);
    expect(geometricSkip(r, 0)).toBe(Infinity);
    expect(geometricSkip(r, -Infinity)).toBe(0);
    expect(() => geometricSkip(r, 0.5)).toThrow(/logOneMinusP/);
    expect(() => geometricSkip(r, NaN)).toThrow(FragilityInputError);
  });
});

describe('AliasTable', () => {
  it('draws each index with its weight (chi-square, significance 1e-4)', () => {
    const weights = [0.5, 0, 3, 1, 1e-3, 7, 2.5];
    const total = weights.reduce((a, b) => a + b, 0);
    const table = new AliasTable(weights);
    const r = stream(17);
    const counts = new Float64Array(weights.length);
    const N = 200_000;
    for (let i = 0; i < N; i++) counts[table.sample(r)]++;
    expect(counts[1]).toBe(0); // zero weight is never drawn
    const { stat, df } = chiSquare(
      counts,
      weights.map((w) => w / total),
      N,
    );
    expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
  });

  it('sampleInto fills with offset and matches sample() draw for draw', () => {
    const table = new AliasTable([1, 2, 3]);
    const out = table.sampleInto(stream(4), new Int32Array(50), 10);
    const r = stream(4);
    for (let i = 0; i < 50; i++) expect(out[i]).toBe(10 + table.sample(r));
  });

  it('a single outcome and uniform weights', () => {
    expect(new AliasTable([5]).sample(stream(1))).toBe(0);
    const t = new AliasTable([1, 1, 1, 1]);
    expect(Array.from(t.prob)).toEqual([1, 1, 1, 1]);
  });

  it('rejects empty, negative, non-finite and all-zero weights', () => {
    expect(() => new AliasTable([])).toThrow(FragilityInputError);
    expect(() => new AliasTable([1, -1])).toThrow(/weights\[1\]/);
    expect(() => new AliasTable([1, NaN])).toThrow(/weights\[1\]/);
    expect(() => new AliasTable([0, 0])).toThrow(/weights/);
  });
});

describe('logFactorial', () => {
  it('matches exact values', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 13);
    // ln 300! via the table-free Stirling branch vs a direct sum.
    let s = 0;
    for (let k = 2; k <= 300; k++) s += Math.log(k);
    expect(Math.abs(logFactorial(300) - s) / s).toBeLessThan(1e-14);
  });
});

describe('chi-square helper (negative control)', () => {
  it('rejects Poisson(50) draws against the Poisson(51) pmf and Binomial(100, 0.3) draws against p = 0.31', () => {
    // Shows the goodness-of-fit checks above can fail: a 2 % shift in the mean is detected at 1e5 draws.
    const r = stream(5);
    const kmax = 200;
    const counts = new Float64Array(kmax + 1);
    for (let i = 0; i < DRAWS; i++) counts[Math.min(kmax, poisson(r, 50))]++;
    const wrong = chiSquare(counts, poissonPmf(51, kmax), DRAWS);
    expect(wrong.stat).toBeGreaterThan(chiSquareCritical(wrong.df, 0.0001));
    const bc = new Float64Array(101);
    for (let i = 0; i < DRAWS; i++) bc[binomial(r, 100, 0.3)]++;
    const wrongB = chiSquare(bc, binomialPmf(100, 0.31), DRAWS);
    expect(wrongB.stat).toBeGreaterThan(chiSquareCritical(wrongB.df, 0.0001));
  });
});

describe('logGamma', () => {
  it('matches mpmath.loggamma (4e-15 absolute below 10, where the shift costs ~ε·ln Γ(x + n); 1e-15 relative above)', () => {
    // mpmath values at 25 digits.
    const cases: Array<[number, number]> = [
      [0.5, 0.5723649429247001],
      [1.5, -0.12078223763524522],
      [10.5, 13.940625219403763],
      [1e6, 12815504.569147613],
    ];
    for (const [x, v] of cases)
      expect(Math.abs(logGamma(x) - v)).toBeLessThanOrEqual(x < 10 ? 4e-15 : 1e-15 * Math.abs(v));
    expect(logGamma(1)).toBe(0);
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-1)).toBeNaN();
  });
});
