import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { designRound, probitProfileFit, sequentialProbitThreshold } from '../../src/cascade/sequential-probit.ts';
import { stream } from '../../src/random/stream.ts';
import { standardNormalCdf } from '../../src/distributions/normal-functions.ts';
import { FragilityInputError } from '../../src/errors.ts';

/** A synthetic seeded trial: P(event | x) = Φ((x − mu)/sigma), run r draws stream(seed, r). */
const probitTrial = (seed: number, mu: number, sigma: number) => (x: number, r: number) =>
  stream(seed, r).next() < standardNormalCdf((x - mu) / sigma);

describe('probitProfileFit', () => {
  const data = [
    { x: 0.1, runs: 10, events: 2 },
    { x: 0.12, runs: 10, events: 6 },
    { x: 0.14, runs: 10, events: 9 },
  ];

  it('unpenalised: the maximum-likelihood probit of three dose groups', () => {
    // Reference: the probit MLE of these data by an independent Newton iteration in (a, b) (a + b·x, Python with
    // math.erfc and finite-difference derivatives, score 0 to rounding): μ̂ = −a/b = 0.1155924, ŝ = b = 53.2117,
    // ℓ̂ = −14.98693. Tolerances: 5 decimals on μ̂, 1 on ŝ (golden-section searches to 1e-7 of the range).
    const f = probitProfileFit(data, { penalty: 'none' })!;
    expect(f.location).toBeCloseTo(0.115592, 5);
    expect(f.slope).toBeCloseTo(53.21, 1);
    expect(f.logLik).toBeCloseTo(-14.98693, 4);
    expect(f.separated).toBe(false);
    expect(f.ci[0]).toBeLessThan(f.location);
    expect(f.ci[1]).toBeGreaterThan(f.location);
    expect(f.ciBounded).toEqual([true, true]);
  });

  it('the profile interval ends sit where the likelihood ratio statistic equals χ²₁(0.95) = 3.8415', () => {
    const f = probitProfileFit(data, { penalty: 'none' })!;
    // ℓ_p at an end is the sup over s; check it against a brute-force scan of s (tolerance 1e-3 in log-likelihood)
    const ll = (mu: number, s: number) =>
      data.reduce(
        (a, p) =>
          a +
          p.events * Math.log(standardNormalCdf(s * (p.x - mu))) +
          (p.runs - p.events) * Math.log(standardNormalCdf(-s * (p.x - mu))),
        0,
      );
    for (const end of f.ci) {
      let best = -Infinity;
      for (let t = -2; t <= 8; t += 0.0005) best = Math.max(best, ll(end, Math.exp(t)));
      expect(2 * (f.logLik - best)).toBeCloseTo(3.8415, 2);
    }
  });

  it('separated outcomes: unpenalised ŝ = ∞ and μ̂ the middle of the gap; Firth keeps ŝ finite and μ̂ in the gap', () => {
    const sep = [
      { x: 0.1, runs: 3, events: 0 },
      { x: 0.11, runs: 3, events: 0 },
      { x: 0.13, runs: 3, events: 3 },
      { x: 0.2, runs: 3, events: 3 },
    ];
    const f = probitProfileFit(sep, { penalty: 'none' })!;
    expect(f.separated).toBe(true);
    expect(f.slope).toBe(Infinity);
    expect(f.location).toBeCloseTo(0.12, 12);
    // the interval spans about the gap (0.11, 0.13): an end just inside a boundary point still fits with ℓ_p > −1.92
    expect(f.ci[0]).toBeLessThan(0.115);
    expect(f.ci[1]).toBeGreaterThan(0.125);
    const g = probitProfileFit(sep)!;
    expect(Number.isFinite(g.slope)).toBe(true);
    expect(g.location).toBeGreaterThan(0.11);
    expect(g.location).toBeLessThan(0.13);
    expect(g.ci[1] - g.ci[0]).toBeGreaterThan(f.ci[1] - f.ci[0] - 1e-9);
  });

  it('one outcome only: null (the 50 % point is not identified)', () => {
    expect(
      probitProfileFit([
        { x: 0.1, runs: 5, events: 0 },
        { x: 0.3, runs: 5, events: 0 },
      ]),
    ).toBeNull();
    expect(probitProfileFit([{ x: 0.1, runs: 5, events: 5 }])).toBeNull();
  });

  it('rejects a point with events > runs, naming it', () => {
    expect(() => probitProfileFit([{ x: 0.1, runs: 2, events: 3 }])).toThrow(FragilityInputError);
    try {
      probitProfileFit([
        { x: 0.1, runs: 2, events: 1 },
        { x: 0.2, runs: 2, events: 3 },
      ]);
    } catch (e) {
      expect((e as FragilityInputError).field).toBe('points[1]');
    }
  });
});

describe('designRound', () => {
  it('round 0 is an even grid over the domain, later rounds spread over the interval, both snapped to the lattice', () => {
    expect(designRound(0, null, [0, 0.5], 11, 0).map((x) => +x.toFixed(12))).toEqual([
      0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
    ]);
    const fit = {
      location: 0.1,
      slope: 50,
      logLik: -3,
      ci: [0.09, 0.11] as [number, number],
      ciBounded: [true, true] as [boolean, boolean],
      separated: false,
    };
    expect(designRound(1, fit, [0, 0.5], 4, 0).map((x) => +x.toFixed(12))).toEqual([0.0925, 0.0975, 0.1025, 0.1075]);
    expect(designRound(1, fit, [0, 0.5], 4, 0.005).map((x) => +x.toFixed(12))).toEqual([0.095, 0.1, 0.105, 0.11]);
  });
});

describe('sequentialProbitThreshold', () => {
  it('same seed ⇒ same result; the result depends on the seed only through the trial streams (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0.05, max: 0.45, noNaN: true }), (seed, mu) => {
        const a = sequentialProbitThreshold(probitTrial(seed, mu, 0.01), { seed, domain: [0, 0.5], maxRuns: 96 });
        const b = sequentialProbitThreshold(probitTrial(seed, mu, 0.01), { seed, domain: [0, 0.5], maxRuns: 96 });
        expect(b).toEqual(a);
        expect(a.runs % 12).toBe(0);
        expect(a.runs).toBeLessThanOrEqual(96);
        expect(a.points.reduce((s, p) => s + p.runs, 0)).toBe(a.runs);
        if (a.ci) {
          expect(a.ci[0]).toBeLessThanOrEqual(a.location!);
          expect(a.ci[1]).toBeGreaterThanOrEqual(a.location!);
        }
      }),
      { numRuns: 8, seed: 12 },
    );
  });

  it('interval coverage on a known probit: ≥ 54 of 60 designs (90 %) cover the true 50 % point', () => {
    // Statistical check (nominal 95 %). 60 designs, seeds 1..60, mu = 0.123, sigma = 0.01, lattice 0.002, target 0.01.
    // Tolerance: 90 % — a design that undercovers like the unpenalised fit (86 % in 100 such designs, measured)
    // fails; a correct 95 % interval passes with probability > 0.9 for an unknown seed set (binomial, n = 60).
    let cover = 0;
    let met = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = sequentialProbitThreshold(probitTrial(seed, 0.123, 0.01), { seed, domain: [0, 0.5], grid: 0.002 });
      if (r.ci && r.ci[0] <= 0.123 && r.ci[1] >= 0.123) cover++;
      if (r.targetMet) met++;
    }
    expect(cover).toBeGreaterThanOrEqual(54);
    expect(met).toBe(60);
  });

  it('no event anywhere: null location with a reason, after the bracketing round only', () => {
    const r = sequentialProbitThreshold(() => false, { domain: [0, 0.5] });
    expect(r.location).toBeNull();
    expect(r.rounds).toBe(1);
    expect(r.reason).toMatch(/no run had the event/);
    expect(r.targetMet).toBe(false);
  });

  it('the budget caps the design and says the target was not met', () => {
    const r = sequentialProbitThreshold(probitTrial(3, 0.2, 0.1), {
      seed: 3,
      domain: [0, 0.5],
      maxRuns: 36,
      targetHalfWidth: 0.001,
    });
    expect(r.runs).toBe(36);
    expect(r.targetMet).toBe(false);
    expect(r.reason).toMatch(/run budget of 36/);
  });

  it('rejects bad options naming the field', () => {
    const f = (o: object) => {
      try {
        sequentialProbitThreshold(() => true, o);
      } catch (e) {
        return (e as FragilityInputError).field;
      }
      return null;
    };
    expect(f({ batch: 1 })).toBe('batch');
    expect(f({ maxRuns: 5 })).toBe('maxRuns');
    expect(f({ domain: [0.5, 0.1] })).toBe('domain');
    expect(f({ targetHalfWidth: -1 })).toBe('targetHalfWidth');
    expect(f({ confidence: 1 })).toBe('confidence');
  });
});
