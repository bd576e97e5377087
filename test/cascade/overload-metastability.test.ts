import { describe, it, expect } from 'vitest';
import { simulateOverload } from '../../src/cascade/overload-model.ts';
import { simulatedBistability, simulatedRecovery } from '../../src/cascade/overload-metastability.ts';
import { FragilityInputError } from '../../src/errors.ts';

const fieldOf = (f: () => unknown): string | null => {
  try {
    f();
  } catch (e) {
    return e instanceof FragilityInputError ? e.field : `not a FragilityInputError: ${String(e)}`;
  }
  return null;
};

describe("simulateOverload initialState 'collapsed'", () => {
  const quiet = { scale: 0.005, durationHours: 6, mega: { waves: [] }, forcedLoss: 0 };
  const r = simulateOverload(quiet, { seed: 1, initialState: 'collapsed', checkConservation: true });

  it('starts with nobody online and every supernode down, and conserves clients at every step', () => {
    expect(r.timeline[0].online).toBe(0);
    expect(r.timeline[0].supernodesUp).toBe(0);
    expect(r.minOnlineFraction).toBe(0);
    expect(r.collapsed).toBe(true);
  });

  it('at the 2010 parameters, without mega-supernodes, the collapse sustains itself for the 6 h simulated', () => {
    // the returning supernodes meet every client searching at once and shut down again (a metastable state)
    expect(r.final.online).toBeLessThan(0.5);
    expect(r.timeline.every((p) => p.online < 0.5)).toBe(true);
  });

  it('same seed ⇒ same run; a bad initialState names the field', () => {
    expect(simulateOverload(quiet, { seed: 1, initialState: 'collapsed' }).timeline).toEqual(r.timeline);
    expect(fieldOf(() => simulateOverload(quiet, { initialState: 'broken' as never }))).toBe('initialState');
  });
});

describe('simulatedBistability / simulatedRecovery (scale 0.005, short horizons)', () => {
  it('one cell per (loss, headroom scale), losses fastest; a trigger far past f_c with no help stays collapsed', () => {
    const m = simulatedBistability(
      { scale: 0.005 },
      { losses: [0, 0.4], headroomScales: [1], horizonHours: 4, runs: 1 },
    );
    expect(m.cells.map((c) => [c.loss, c.headroomScale])).toEqual([
      [0, 1],
      [0.4, 1],
    ]);
    // no loss: the healthy state persists; a 40 % loss (4× the 2010 f_c ≈ 10 %) without mega-supernodes does not
    expect(m.cells[0].healthyPersistsShare).toBe(1);
    expect(m.cells[1].healthyPersistsShare).toBe(0);
    expect(m.cells[1].minOnlineFromHealthy).toBeLessThan(0.5);
  });

  it('recovery: the 2010 collapse comes back within hours of 400 mega-supernodes at T+2 h, not without them', () => {
    const yes = simulatedRecovery({ scale: 0.005 }, { megaCount: 400, atHours: 2, durationHours: 8, runs: 1 });
    const no = simulatedRecovery({ scale: 0.005 }, { megaCount: 0, atHours: 2, durationHours: 8, runs: 1 });
    expect(yes.recoveredShare).toBe(1);
    expect(yes.recoveryHours!).toBeGreaterThan(0);
    expect(yes.recoveryHours!).toBeLessThan(3);
    expect(no.recoveredShare).toBe(0);
    expect(no.recoveryHours).toBeNull();
  });

  it('bad options name the field before any run', () => {
    expect(fieldOf(() => simulatedBistability({}, { losses: [0.1, 1.5] }))).toBe('losses[1]');
    expect(fieldOf(() => simulatedBistability({}, { losses: [0.1], headroomScales: [0] }))).toBe('headroomScales[0]');
    expect(fieldOf(() => simulatedRecovery({}, { megaCount: -1, atHours: 2 }))).toBe('megaCount');
    expect(fieldOf(() => simulatedRecovery({ loginCost: -1 }, { megaCount: 1, atHours: 2 }))).toBe('loginCost');
  });
});
