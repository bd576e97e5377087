// Thresholds that can say "none" (issue 14): with no transition (no giant at full occupation, no edges, an empty
// graph, no interior peak) every Monte Carlo estimator returns q_c = null with a reason; with one, a number.
import { describe, expect, it } from 'vitest';
import { compareTwoTier } from '../../src/compare/two-tier.ts';
import { runEnsemble } from '../../src/montecarlo/ensemble.ts';
import { finiteSizeExtrapolation } from '../../src/montecarlo/finite-size.ts';
import { peakThreshold } from '../../src/montecarlo/peak-threshold.ts';
import { GIANT_MIN_FRACTION, noTransitionReason } from '../../src/montecarlo/transition.ts';
import { scenarioVerdict } from '../../src/scenarios/run.ts';
import { runInProcess } from '../cli/in-process.ts';

describe('noTransitionReason', () => {
  it('empty graph, no edges, no giant; undefined otherwise', () => {
    expect(noTransitionReason(0, 0)).toMatch(/empty/);
    expect(noTransitionReason(100, 0.01, 1)).toMatch(/no edges/);
    expect(noTransitionReason(2000, 0.009, 18)).toMatch(
      /^no giant component even at full occupation: the largest cluster holds 0.90 % of the nodes/,
    );
    expect(noTransitionReason(2000, GIANT_MIN_FRACTION, 100)).toBeUndefined();
    expect(noTransitionReason(2000, 0.98, 1960)).toBeUndefined();
    expect(noTransitionReason(2000, undefined)).toBeUndefined();
  });
});

describe('peakThreshold', () => {
  const grid = Array.from({ length: 21 }, (_, i) => i / 20);
  it('a curve still rising at q = 1, or zero everywhere: null with a reason; an interior peak: a number', () => {
    const rising = [Float64Array.from(grid, (q) => q * q), Float64Array.from(grid, (q) => q)];
    const r = peakThreshold(grid, rising, { seed: 1 });
    expect(r.q_c).toBeNull();
    expect(r.reason).toMatch(/still rising at full occupation/);
    expect(Number.isNaN(r.ci[0])).toBe(true);
    const zero = peakThreshold(grid, [new Float64Array(21), new Float64Array(21)]);
    expect(zero.q_c).toBeNull();
    expect(zero.reason).toMatch(/zero on the whole grid/);
    const peaked = peakThreshold(grid, [Float64Array.from(grid, (q) => Math.exp(-(((q - 0.4) / 0.1) ** 2)))], {
      bootstrap: 0,
    });
    expect(peaked.q_c).toBeCloseTo(0.4, 2);
    expect(peaked.reason).toBeUndefined();
  });
});

describe('runEnsemble', () => {
  const base = { runs: 4, seed: 1, at: [0.5], bootstrap: 20 };
  it('er k = 0.5 (no giant): both thresholds null with the no-giant reason', async () => {
    const r = await runEnsemble({ ...base, graph: 'er:n=2000,k=0.5' });
    expect(r.threshold.q_c).toBeNull();
    expect(r.threshold.reason).toMatch(/^no giant component even at full occupation/);
    expect(r.gapThreshold.q_c).toBeNull();
    expect(r.gapThreshold.reason).toBe(r.threshold.reason);
    expect(r.at[0].S).toBeLessThan(0.02); // the curve itself is still reported
  });
  it('er k = 0 (no edges), site and bond; er n = 0 (empty)', async () => {
    for (const mode of ['site', 'bond'] as const) {
      const r = await runEnsemble({ ...base, graph: 'er:n=500,k=0', mode });
      expect(r.threshold.q_c).toBeNull();
      expect(r.threshold.reason).toMatch(/no edges/);
    }
    const e = await runEnsemble({ ...base, graph: 'er:n=0,k=0' });
    expect(e.threshold.q_c).toBeNull();
    expect(e.threshold.reason).toMatch(/empty \(n = 0\)/);
    expect(e.gapThreshold.reason).toMatch(/empty/);
  });
  it('er k = 4 (a transition): numbers near the mean-field q_c = 1/4', async () => {
    const r = await runEnsemble({ ...base, graph: 'er:n=2000,k=4' });
    // q_c = 1/c = 0.25 at n → ∞; at n = 2000 the peak sits within 0.1 of it (finite-size shift, 4 runs).
    expect(Math.abs(r.threshold.q_c! - 0.25)).toBeLessThan(0.1);
    expect(r.threshold.reason).toBeUndefined();
    expect(r.gapThreshold.q_c).not.toBeNull();
  });
});

describe('finiteSizeExtrapolation with sizes that have no transition', () => {
  it('null sizes are skipped; too few left gives null with a reason', () => {
    const pts = [256, 1024, 4096, 16384].map((n) => ({ n, q_c: (0.5927 - 0.4 * n ** (-3 / 8)) as number | null }));
    const withNull = [...pts.slice(1), { n: 100, q_c: null }];
    const fit = finiteSizeExtrapolation(withNull, { nuBar: 8 / 3 });
    expect(fit.q_c).toBeCloseTo(0.5927, 6);
    expect(fit.points).toBe(3);
    const none = finiteSizeExtrapolation(
      [
        { n: 100, q_c: null },
        { n: 400, q_c: null },
        { n: 1600, q_c: 0.5 },
      ],
      { nuBar: 8 / 3 },
    );
    expect(none.q_c).toBeNull();
    expect(none.reason).toBe('2 of 3 sizes have no transition (q_c null): 1 left, at least 2 needed');
  });
});

describe('two-tier comparison and the scenario verdict', () => {
  it('a core without a giant (poisson(0.5)): simulated threshold null with a reason, as the analytic one', () => {
    const c = compareTwoTier({ coreLaw: 'poisson(0.5)', cacheSize: 1, supernodes: 500, clients: 2000, runs: 4 });
    expect(c.threshold.analytic).toBeNull();
    expect(c.threshold.montecarlo).toBeNull();
    expect(c.threshold.montecarloReason).toMatch(/no giant component even at full occupation/);
    const ok = compareTwoTier({ coreLaw: 'poisson(4)', cacheSize: 1, supernodes: 500, clients: 2000, runs: 4 });
    expect(ok.threshold.montecarlo).not.toBeNull();
  });
  it('the verdict never calls a loss "far below the connectivity threshold" when there is none', () => {
    const v = scenarioVerdict(
      [0.25, 0.3],
      { analytic: null, montecarlo: null, ci: [NaN, NaN], reason: 'no giant supernode component even intact' },
      { analytic: 0.063, montecarlo: 0.175, ci: [0.095, 0.255] },
    );
    expect(v).not.toMatch(/far below|100 %/);
    expect(v).toBe(
      'A 25–30 % supernode loss cannot be judged against connectivity: the overlay has no connectivity threshold (no giant supernode component even intact). ' +
        'It is past the overload threshold (f_c ≈ 6.3 % fluid limit, 17.5 % [9.5 %, 25.5 %] simulated 50 %-collapse point) — load took the network down.',
    );
  });
});

describe('sweep --json', () => {
  it('er k = 0.5: threshold {q_c: null, ci: [null, null], reason}, exit 0', async () => {
    const r = await runInProcess('sweep', ['--graph', 'er:n=2000,k=0.5', '--runs', '4', '--bootstrap', '20', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.threshold.q_c).toBeNull();
    expect(j.threshold.ci).toEqual([null, null]);
    expect(j.threshold.reason).toMatch(/no giant component/);
    expect(j.gapThreshold.q_c).toBeNull();
    expect(j.gapThreshold.reason).toMatch(/no giant component/);
  });
});
