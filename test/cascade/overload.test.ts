import { describe, it, expect } from 'vitest';
import { simulateOverload } from '../../src/cascade/overload-model.ts';
import { skype2010OverloadParams, skype2007OverloadParams, grpcRetry, awsFullJitterRetry } from '../../src/cascade/overload-params.ts';
import { FragilityInputError } from '../../src/errors.ts';
import type { CapacityLaw } from '../../src/distributions/types.ts';
import { twoTierOverlay } from '../../src/generators/two-tier.ts';
import { stream } from '../../src/random/stream.ts';

// Scale 0.004 = 84 000 clients, 104 supernodes: the smallest scale at which the 50-entry host cache still leaves
// the model's behaviour in fractions the same as at full scale (checked against scale 0.01 during calibration).
const SCALE = 0.004;

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof FragilityInputError) return e.field;
    throw e;
  }
  return undefined;
}

describe('simulateOverload — 2010 defaults', () => {
  const base = simulateOverload({ scale: SCALE }, { seed: 1, checkConservation: true });

  it('collapses: the minimum online fraction falls far below the pre-incident level', () => {
    expect(base.collapsed).toBe(true);
    expect(base.minOnlineFraction).toBeLessThan(0.5);
    expect(base.minOnlineAtHours).toBeLessThan(2); // before the first mega-supernode wave
  });

  it('stays low until the mega-supernodes come, then recovers (shape of the 2010 timeline)', () => {
    const at = (t: number) => base.timeline.find((p) => p.t >= t - 1e-9)!.online;
    expect(at(1)).toBeLessThan(0.1); // collapsed before the first wave (T+2 h)
    expect(at(8)).toBeGreaterThan(0.1); // the first wave holds a plateau ...
    expect(at(8)).toBeLessThan(0.3); // ... of ≈ 15–20 % (CIO: 15–20 % on Wednesday night)
    expect(at(26)).toBeGreaterThan(0.8); // 80–85 % by ≈ T+24 h
    expect(base.recovered).toBe(true);
    expect(base.recoveredAtHours!).toBeGreaterThan(16);
    expect(base.recoveredAtHours!).toBeLessThan(30);
  });

  it('the timeline starts at the normal steady state', () => {
    const p0 = base.timeline[0];
    expect(p0.t).toBe(0);
    expect(p0.online).toBe(1);
    expect(p0.supernodesUp).toBe(1);
    expect(p0.meanLoad).toBeCloseTo(1, 12);
  });

  it('does not collapse when auto-update covered every client', () => {
    const r = simulateOverload({ scale: SCALE, trigger: { autoUpdateCoverage: 1 } }, { seed: 1 });
    expect(r.collapsed).toBe(false);
    expect(r.minOnlineFraction).toBe(1);
    expect(r.recovered).toBe(true);
  });

  it('mega-supernodes restore the network; without them it stays collapsed', () => {
    const none = simulateOverload({ scale: SCALE, mega: { waves: [] } }, { seed: 1 });
    expect(none.recovered).toBe(false);
    expect(none.final.online).toBeLessThan(0.5);
    expect(base.final.online).toBeGreaterThan(0.95);
  });
});

describe('simulateOverload — conservation and determinism', () => {
  it('every client is in exactly one state at every step (all retry policies)', () => {
    for (const retry of [skype2010OverloadParams.retry, grpcRetry, awsFullJitterRetry]) {
      const r = simulateOverload({ scale: SCALE, durationHours: 20, retry, sampleEvery: 1 }, { seed: 3, checkConservation: true });
      for (const p of r.timeline) {
        const total = p.online + p.searching + p.restarting + p.crashed + p.gone;
        expect(Math.abs(total - 1)).toBeLessThan(1e-9);
      }
    }
  });

  it('same seed ⇒ identical timeline; different seeds differ', () => {
    const a = simulateOverload({ scale: SCALE, durationHours: 6 }, { seed: 7 });
    const b = simulateOverload({ scale: SCALE, durationHours: 6 }, { seed: 7 });
    const c = simulateOverload({ scale: SCALE, durationHours: 6 }, { seed: 8 });
    expect(b.timeline).toEqual(a.timeline);
    expect(c.timeline).not.toEqual(a.timeline);
  });

  it('forced-loss mode: no loss, no collapse; a large loss collapses', () => {
    expect(simulateOverload({ scale: SCALE, forcedLoss: 0, durationHours: 2 }, { seed: 1 }).collapsed).toBe(false);
    expect(simulateOverload({ scale: SCALE, forcedLoss: 0.3, durationHours: 2 }, { seed: 1 }).collapsed).toBe(true);
  });

  it('the 2007 defaults: collapse, ≈ 40 % back at T+24 h (observed ≈ 3 M of 7 M), normal within ≈ 2 days', () => {
    // scale 0.02: 140 000 clients, 175 supernodes (the 100-entry cache needs >= 100 supernodes)
    const r = simulateOverload({ ...skype2007OverloadParams, scale: 0.02 }, { seed: 1, checkConservation: true });
    const at = (t: number) => r.timeline.find((p) => p.t >= t - 1e-9)!.online;
    expect(r.collapsed).toBe(true);
    expect(at(12)).toBeLessThan(0.05); // trough ≈ 150 k of 7 M ≈ 2 %
    expect(at(24)).toBeGreaterThan(0.25);
    expect(at(24)).toBeLessThan(0.6);
    expect(r.recovered).toBe(true);
    expect(r.recoveredAtHours!).toBeLessThan(50);
  });
});

describe('simulateOverload — explicit overlay', () => {
  it('takes sizes and the initial attachment from a TwoTierOverlay (scale ignored) and conserves clients', () => {
    const overlay = twoTierOverlay({ supernodes: 120, clients: 96_000, cacheSize: 50 }, stream(5));
    const r = simulateOverload({ overlay, durationHours: 6, sampleEvery: 6 }, { seed: 2, checkConservation: true });
    expect(r.clients).toBe(96_000);
    expect(r.supernodes).toBe(120);
    expect(r.timeline[0].online).toBe(1);
    expect(r.collapsed).toBe(true);
  });
});

describe('simulateOverload — bad input names the field', () => {
  const negLaw: CapacityLaw = {
    spec: 'uniform(-0.1,0.5)',
    lo: -0.1,
    hi: 0.5,
    mean: 0.2,
    cdf: (x) => Math.min(1, Math.max(0, (x + 0.1) / 0.6)),
    pdf: () => 1 / 0.6,
    quantile: (u) => -0.1 + 0.6 * u,
    sample: (rng) => -0.1 + 0.6 * rng.next(),
  };
  it.each([
    ['headroom', { headroom: negLaw }],
    ['forcedLoss', { forcedLoss: 1.5 }],
    ['forcedLoss', { forcedLoss: -0.1 }],
    ['clients', { clients: -5 }],
    ['supernodes', { supernodes: -1 }],
    ['cacheSize', { cacheSize: 1000 }],
    ['maxAttempts', { maxAttempts: 0 }],
    ['trigger.crashProbability', { trigger: { crashProbability: 2 } }],
    ['mega.waves[0].count', { mega: { waves: [{ atHours: 2, count: -3 }] } }],
    ['retry.kind', { retry: { kind: 'nope' } }],
  ])('%s', (field, over) => {
    expect(fieldOf(() => simulateOverload({ scale: SCALE, durationHours: 0.1, ...(over as object) }, { seed: 1 }))).toBe(field);
  });
});
