import { describe, it, expect } from 'vitest';
import { runCliIn, runJsonIn } from './in-process.ts';

// Each call starts node + tsx (about 1–2 s on an idle 2-core machine), so the calls are few and each checks a lot.

describe('fragility analytic', () => {
  it('random failure with --q: contract fields and the model statement', async () => {
    const j = await runJsonIn(['analytic', '--law', 'poisson(4)', '--q', '0.5']);
    expect(j.q_c as number).toBeCloseTo(0.25, 9);
    expect(j.f_c as number).toBeCloseTo(0.75, 9);
    expect(j.meanDegree as number).toBeCloseTo(4, 9);
    expect(j.secondMoment as number).toBeCloseTo(20, 9);
    expect(Math.abs((j.S as number) - 0.398406)).toBeLessThan(1e-6);
    expect(j.converged).toBe(true);
    expect(typeof j.truncationError).toBe('number');
    expect(j.model as string).toMatch(/configuration model/);
    expect(j.model as string).toMatch(/truncation error/);
  });

  it('attack: q is the fraction kept (G4, G5)', async () => {
    const j = await runJsonIn(['analytic', '--law', 'poisson(4)', '--order', 'attack', '--q', '0.8']);
    expect(Math.abs((j.f_c as number) - 0.361646)).toBeLessThan(1e-5);
    expect(Math.abs((j.S as number) - 0.685777)).toBeLessThan(1e-6);
  });

  it('bond mode on a 3-regular law (G7)', async () => {
    const j = await runJsonIn(['analytic', '--law', 'regular(3)', '--mode', 'bond', '--q', '0.75']);
    expect(Math.abs((j.S as number) - 0.962963)).toBeLessThan(1e-6);
    expect(j.q_c as number).toBeCloseTo(0.5, 12);
  });

  it('no giant component: q_c and f_c null with a reason; no S without --q', async () => {
    const j = await runJsonIn(['analytic', '--law', 'poisson(0.5)']);
    expect(j.q_c).toBeNull();
    expect(j.f_c).toBeNull();
    expect(j.reason as string).toMatch(/Molloy–Reed/);
    expect(j).not.toHaveProperty('S');
  });

  it('exit 2 with a one-line message on bad input', async () => {
    const a = await runCliIn(['analytic', '--law', 'nope(1)', '--json']);
    expect(a.status).toBe(2);
    expect(a.stdout).toBe('');
    expect(a.stderr).toMatch(/law/);
    const b = await runCliIn(['analytic', '--law', 'poisson(4)', '--q', '1.5', '--json']);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--q/);
    expect(b.stderr).toMatch(/\[0, 1\]/);
  });
});
