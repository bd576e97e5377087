import { describe, it, expect } from 'vitest';
import { degreeLawFromPmf, regularLaw } from '../../src/distributions/index.ts';
import { molloyReedCriterion, randomFailureThreshold } from '../../src/analytic/index.ts';

describe('molloyReedCriterion / randomFailureThreshold', () => {
  it('κ and the criterion on a toy law', () => {
    const law = degreeLawFromPmf('toy', [0.1, 0.2, 0.3, 0.4]); // <k> = 2, <k²> = 5
    const mr = molloyReedCriterion(law);
    expect(mr.value).toBeCloseTo(1, 14);
    expect(mr.kappa!).toBeCloseTo(2.5, 14);
    expect(mr.hasGiantComponent).toBe(true);
    const t = randomFailureThreshold(law);
    expect(t.q_c!).toBeCloseTo(2 / 3, 14);
    expect(t.f_c!).toBeCloseTo(1 / 3, 14);
  });
  it('all-isolated and all-degree-1 laws have no threshold (null, reason; no division by zero)', () => {
    const empty = randomFailureThreshold(degreeLawFromPmf('e', [1]));
    expect(empty.q_c).toBeNull();
    expect(empty.reason).toMatch(/no edges/);
    expect(molloyReedCriterion(degreeLawFromPmf('e', [1])).kappa).toBeNull();
    const dimers = randomFailureThreshold(regularLaw(1));
    expect(dimers.q_c).toBeNull();
    expect(dimers.reason).toMatch(/Molloy–Reed/);
  });
});
