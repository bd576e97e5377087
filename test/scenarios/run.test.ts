import { describe, expect, it } from 'vitest';
import { simulateOverload } from '../../src/cascade/overload-model.ts';
import { skype2010Scenario } from '../../src/scenarios/builtin.ts';
import { applyWhatIf } from '../../src/scenarios/load.ts';
import { runScenario, scenarioVerdict } from '../../src/scenarios/run.ts';
import { scenarioToOverloadParams } from '../../src/scenarios/to-params.ts';
import { SMALL_METASTABILITY, smallScenario, smallScenarioRun } from './fixtures.ts';

const SCALE = 0.002; // 42 000 clients, 52 supernodes: each 48 h run well under a second
const whatIf = (name: string) =>
  applyWhatIf(
    skype2010Scenario,
    skype2010Scenario.whatIf.findIndex((w) => w.name === name),
  );

describe('the 2010 scenario at a small scale', () => {
  const runs = [1, 2, 3].map((seed) => simulateOverload(scenarioToOverloadParams(skype2010Scenario, SCALE), { seed }));

  it('collapses: the online fraction falls below half of normal in every run', () => {
    for (const r of runs) {
      expect(r.collapsed).toBe(true);
      expect(r.minOnlineFraction).toBeLessThan(0.5);
    }
  });

  it('recovers after the mega-supernodes, and only then', () => {
    const firstWave = Math.min(...skype2010Scenario.levers.megaSupernodes.waves.map((w) => w.atHours));
    for (const r of runs) {
      expect(r.recovered).toBe(true);
      // recovery (>= 80 % to the end) comes after the first mega-supernode wave (at this scale the rounded waves
      // are coarse, so which wave completes the recovery varies; that it needs them is checked below)
      expect(r.recoveredAtHours!).toBeGreaterThan(firstWave);
    }
    // without mega-supernodes the network does not recover within the simulated 48 h
    const none = simulateOverload(scenarioToOverloadParams(whatIf('no mega-supernodes'), SCALE), { seed: 1 });
    expect(none.recovered).toBe(false);
  });

  it('does not collapse with full auto-update', () => {
    for (const seed of [1, 2]) {
      const r = simulateOverload(scenarioToOverloadParams(whatIf('auto-update 100 %'), SCALE), { seed });
      expect(r.collapsed).toBe(false);
      expect(r.minOnlineFraction).toBeGreaterThan(0.95);
    }
  });
});

describe('runScenario', () => {
  const s = smallScenario();
  const r = smallScenarioRun(); // runScenario(s, { seed: 1, metastability: SMALL_METASTABILITY }), shared

  it('returns the contract fields with the right types', () => {
    expect(r.scenario).toBe('skype-2010');
    expect(r.seed).toBe(1);
    expect(r.threshold.kind).toBe('overload');
    expect(r.timeline.length).toBeGreaterThan(100);
    for (const p of r.timeline.slice(0, 5)) {
      expect(typeof p.t).toBe('number');
      expect(p.online).toBeGreaterThanOrEqual(0);
      expect(p.supernodesUp).toBeLessThanOrEqual(1);
    }
    expect(typeof r.recovered).toBe('boolean');
    expect(r.whatIf.map((w) => w.name)).toEqual(s.whatIf.map((w) => w.name));
  });

  it('puts the reported 25–30 % loss below the connectivity threshold and past the overload threshold', () => {
    expect(r.connectivityThreshold.analytic!).toBeGreaterThan(0.9);
    expect(r.threshold.analytic!).toBeLessThan(0.25);
    expect(r.threshold.montecarlo!).toBeLessThan(0.25);
    expect(r.verdict).toContain('load, not connectivity, took the network down');
    expect(r.verdict).toContain('25–30 %');
  });

  it("states the verdict of its own numbers; means lie between the runs' extremes; what-if rows are fractions", () => {
    // Issue 17 point 5: the runner's relations, checked on this run (one run costs too much to repeat at random;
    // the verdict's rule itself is a property in run.property.test.ts).
    expect(r.verdict).toBe(scenarioVerdict(r.reportedLoss, r.connectivityThreshold, r.threshold));
    for (const p of r.timeline) {
      expect(p.onlineMin).toBeLessThanOrEqual(p.online + 1e-12);
      expect(p.online).toBeLessThanOrEqual(p.onlineMax + 1e-12);
      expect(p.onlineMin).toBeGreaterThanOrEqual(0);
      expect(p.onlineMax).toBeLessThanOrEqual(1);
    }
    expect(r.minOnlineFraction).toBeLessThanOrEqual(Math.min(...r.timeline.map((p) => p.online)) + 1e-12);
    for (const w of r.whatIf) {
      expect(w.collapseFraction).toBeGreaterThanOrEqual(0);
      expect(w.collapseFraction).toBeLessThanOrEqual(1);
      expect(w.minOnlineFraction).toBeGreaterThanOrEqual(0);
      expect(w.minOnlineFraction).toBeLessThanOrEqual(1);
      if (w.recoveryHours !== null) expect(w.recoveryHours).toBeGreaterThanOrEqual(0);
    }
    const [lo, hi] = r.threshold.ci;
    if (lo !== null && hi !== null) expect(lo).toBeLessThanOrEqual(hi);
  });

  it('is reproducible: same seed, same result', () => {
    const again = runScenario(s, { seed: 1, metastability: SMALL_METASTABILITY });
    expect(again.timeline).toEqual(r.timeline);
    expect(again.whatIf).toEqual(r.whatIf);
    expect(again.threshold).toEqual(r.threshold);
  });
});

describe('scenarioVerdict', () => {
  it('states each case with the computed numbers', () => {
    const conn = { analytic: 0.97, montecarlo: 0.955, ci: [0.95, 0.96] as [number, number] };
    expect(scenarioVerdict([0.25, 0.3], conn, { analytic: 0.014, montecarlo: 0.008, ci: [0.007, 0.009] })).toBe(
      'A 25–30 % supernode loss is far below the connectivity threshold (f_c ≈ 97.0 % analytic, 95.5 % [95.0 %, 96.0 %] simulated) but past the overload threshold (f_c ≈ 1.4 % fluid limit, 0.8 % [0.7 %, 0.9 %] simulated 50 %-collapse point) — load, not connectivity, took the network down.',
    );
    expect(scenarioVerdict([0.25, 0.3], conn, { analytic: 0.5, montecarlo: 0.45, ci: [0.4, 0.5] })).toContain(
      'below the overload threshold',
    );
    expect(scenarioVerdict([0.25, 0.3], conn, { analytic: 0.27, montecarlo: 0.28, ci: [0.26, 0.3] })).toContain(
      'around the overload threshold',
    );
  });
});
