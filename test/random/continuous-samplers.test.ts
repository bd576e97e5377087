import { describe, expect, it } from 'vitest';
import { exponential, lognormal, normal, stream, weibull } from '../../src/random/index.ts';
import { lognormalCapacity, weibullCapacity } from '../../src/distributions/index.ts';
import { FragilityInputError } from '../../src/errors.ts';

const N = 200_000;

/** Sample mean and standard deviation of n draws. */
function meanSd(draw: () => number, n = N): { mean: number; sd: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(s2 / n - mean * mean) };
}

describe('continuous samplers', () => {
  // Each mean is checked to 5 standard errors (sd/√N), using the sample sd: a correct sampler fails with
  // probability ~6e-7 per check.
  it('exponential(rate) has mean 1/rate and sd 1/rate', () => {
    const r = stream(21);
    const { mean, sd } = meanSd(() => exponential(r, 2));
    expect(Math.abs(mean - 0.5)).toBeLessThan((5 * sd) / Math.sqrt(N));
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.01);
  });

  it('normal() has mean 0 and sd 1', () => {
    const r = stream(22);
    const { mean, sd } = meanSd(() => normal(r));
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    // sd of the sample sd ≈ 1/√(2N) = 0.0016: 5 of them.
    expect(Math.abs(sd - 1)).toBeLessThan(0.008);
  });

  it('weibull(rho, scale) has the mean of weibullCapacity (λΓ(1 + 1/ρ))', () => {
    for (const [rho, scale] of [
      [2, 1],
      [0.7, 3],
      [5, 0.5],
    ]) {
      const r = stream(23, rho * 10);
      const { mean, sd } = meanSd(() => weibull(r, rho, scale));
      expect(Math.abs(mean - weibullCapacity(rho, scale).mean)).toBeLessThan((5 * sd) / Math.sqrt(N));
    }
  });

  it('lognormal(mu, sigma) has the mean of lognormalCapacity (exp(μ + σ²/2))', () => {
    for (const [mu, sigma] of [
      [0, 0.5],
      [1, 0.25],
      [-1, 1],
    ]) {
      const r = stream(24, (mu + 2) * 10 + sigma * 100);
      const { mean, sd } = meanSd(() => lognormal(r, mu, sigma));
      expect(Math.abs(mean - lognormalCapacity(mu, sigma).mean)).toBeLessThan((5 * sd) / Math.sqrt(N));
    }
  });

  it('rejects bad parameters naming them', () => {
    const r = stream(1);
    expect(() => exponential(r, 0)).toThrow(/rate/);
    expect(() => exponential(r, -1)).toThrow(FragilityInputError);
    expect(() => weibull(r, 0, 1)).toThrow(/rho/);
    expect(() => weibull(r, 2, -1)).toThrow(/scale/);
    expect(() => lognormal(r, NaN, 1)).toThrow(/mu/);
    expect(() => lognormal(r, 0, -1)).toThrow(/sigma/);
  });
});
