import { describe, it, expect } from 'vitest';
import { poissonLaw, regularLaw } from '../../src/distributions/index.ts';
import { configurationModelPercolation } from '../../src/analytic/index.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('configurationModelPercolation', () => {
  it('random failure: thresholds, moments, S at q and a model statement', () => {
    const r = configurationModelPercolation(poissonLaw(4), { q: 0.5 });
    expect(r.q_c!).toBeCloseTo(0.25, 9);
    expect(r.f_c!).toBeCloseTo(0.75, 9);
    expect(r.meanDegree).toBeCloseTo(4, 9);
    expect(r.secondMoment).toBeCloseTo(20, 9);
    expect(r.S!).toBeCloseTo(0.398406, 6);
    expect(r.converged).toBe(true);
    expect(r.model).toMatch(/configuration model/);
    expect(r.model).toMatch(/discrete degree law poisson\(4\)/);
    expect(r.model).toMatch(/truncation error/);
    expect(r.reason).toBeUndefined();
  });
  it('attack: q is the fraction kept', () => {
    const r = configurationModelPercolation(poissonLaw(4), { removal: 'attack', q: 0.8 });
    expect(r.f_c!).toBeCloseTo(0.361646, 6);
    expect(r.S!).toBeCloseTo(0.685777, 6);
    expect(r.model).toMatch(/highest degrees removed first/);
  });
  it('bond: the same threshold, the bond S', () => {
    const r = configurationModelPercolation(regularLaw(3), { mode: 'bond', q: 0.75 });
    expect(r.q_c!).toBeCloseTo(0.5, 14);
    expect(r.S!).toBeCloseTo(0.962963, 6);
  });
  it('no q: no S, nothing solved', () => {
    const r = configurationModelPercolation(poissonLaw(2));
    expect(r.S).toBeUndefined();
    expect(r.iterations).toBe(0);
  });
  it('no giant: q_c and f_c null with a reason, S = 0', () => {
    const r = configurationModelPercolation(poissonLaw(0.9), { q: 1 });
    expect(r.q_c).toBeNull();
    expect(r.f_c).toBeNull();
    expect(r.reason).toMatch(/Molloy–Reed/);
    expect(r.S).toBe(0);
  });
  it('bad input names the field', () => {
    expect(() => configurationModelPercolation(poissonLaw(2), { q: 1.5 })).toThrow(/^q:/);
    expect(() => configurationModelPercolation(poissonLaw(2), { mode: 'bond', removal: 'attack' })).toThrow(
      FragilityInputError,
    );
    expect(() => configurationModelPercolation(poissonLaw(2), { mode: 'x' as 'site' })).toThrow(/^mode:/);
  });
});

// The documented example to full precision (moved from the former gf-doc-examples test).
describe('documented example, to full precision', () => {
  it('poisson(4) at q = 0.5: q_c = 0.25, S = 0.398406', () => {
    const r = configurationModelPercolation(poissonLaw(4), { q: 0.5 });
    expect(r.q_c!).toBeCloseTo(0.25, 9);
    expect(r.S!).toBeCloseTo(0.398406, 6);
  });
});
