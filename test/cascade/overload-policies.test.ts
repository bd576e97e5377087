import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { retryDelayPmf, lognormalDelayPmf, uniformDelayPmf } from '../../src/models/overload-policies.ts';
import { approxBinomial, scatterUniformCounts } from '../../src/cascade/overload-sampling.ts';
import { stream } from '../../src/random/stream.ts';

const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

describe('delay pmfs', () => {
  it('fixed 5–10 s ± 10 % at a 10 s step: at least one step, mass on 1 and 2 steps only', () => {
    const { pmf } = retryDelayPmf({ kind: 'fixed', minSeconds: 5, maxSeconds: 10, jitter: 0.1 }, 0, 10);
    expect(sum(pmf)).toBeCloseTo(1, 12);
    expect(pmf[0]).toBe(0);
    expect(pmf.length).toBe(3);
  });

  it('stochastic rounding keeps the mean when every delay exceeds one step', () => {
    // AWS full jitter after 6 failures: U(0, min(300, 64)) → mean 32 s; delays under one step are raised to it,
    // which adds E[(10 − d)+] = 10·(10/64)/2 = 0.78 s.
    const r = retryDelayPmf({ kind: 'exponential-full-jitter', baseSeconds: 1, capSeconds: 300 }, 6, 10);
    expect(r.meanSteps * 10).toBeCloseTo(32 + 0.78125, 1);
    const g = retryDelayPmf({ kind: 'grpc', initialSeconds: 1, multiplier: 1.6, jitter: 0.2, maxSeconds: 120 }, 20, 10);
    expect(g.meanSteps).toBeCloseTo(12, 6); // capped at 120 s, symmetric jitter
  });

  it('log-normal restart delay (median 60 s, sigma 1): mean ≈ 60·e^0.5 = 98.9 s, slightly less after clamping', () => {
    const r = lognormalDelayPmf(60, 1, 10);
    expect(sum(r.pmf)).toBeCloseTo(1, 12);
    expect(r.meanSteps * 10).toBeGreaterThan(90);
    expect(r.meanSteps * 10).toBeLessThan(99.5);
  });

  it('uniform re-entry lag 30–120 min: mean 75 min', () => {
    expect(uniformDelayPmf(1800, 7200, 10).meanSteps).toBeCloseTo(450, 0);
  });
});

describe('approximate samplers', () => {
  it('approxBinomial stays in [0, n] and conserves via symmetry (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e7 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        (n, p, seed) => {
          const x = approxBinomial(stream(seed), n, p);
          return Number.isInteger(x) && x >= 0 && x <= n;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('approxBinomial mean and variance (both branches)', () => {
    // 20 000 draws: the sample mean's sd is sqrt(npq/20000); tolerance 5 sd.
    for (const [n, p] of [
      [40, 0.2],
      [1_000_000, 0.3],
    ] as const) {
      const rng = stream(11);
      let s = 0;
      let s2 = 0;
      const N = 20_000;
      for (let i = 0; i < N; i++) {
        const x = approxBinomial(rng, n, p);
        s += x;
        s2 += x * x;
      }
      const m = s / N;
      const v = s2 / N - m * m;
      const sdMean = Math.sqrt((n * p * (1 - p)) / N);
      expect(Math.abs(m - n * p)).toBeLessThan(5 * sdMean);
      expect(Math.abs(v / (n * p * (1 - p)) - 1)).toBeLessThan(0.06); // sd of a variance estimate ≈ sqrt(2/N) = 1 %
    }
  });

  it('scatterUniformCounts conserves the total exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 1e6 }),
        (total, k, seed) => {
          const ids = Int32Array.from({ length: k }, (_, i) => i);
          const out = new Float64Array(k);
          scatterUniformCounts(stream(seed), total, ids, k, out);
          return sum(out) === total && out.every((x) => x >= 0 && Number.isInteger(x));
        },
      ),
      { numRuns: 200 },
    );
  });
});
