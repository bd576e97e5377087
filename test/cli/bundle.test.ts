import { describe, it, expect } from 'vitest';
import { runCliIn, runJsonIn } from './in-process.ts';

describe('fragility bundle', () => {
  it('F1 and F6: sigmaC, xC, UC; f0 = 0.25, sigma = 0.18 → U = 0.45, no collapse; f0 = 0.30 collapses', async () => {
    const a = await runJsonIn(['bundle', '--capacity', 'uniform(0,1)', '--loss', '0.25', '--load', '0.18']);
    expect(a.sigmaC).toBe(0.25);
    expect(a.xC).toBe(0.5);
    expect(a.UC).toBe(0.5);
    expect(a.U as number).toBeCloseTo(0.45, 12);
    expect(a.collapse).toBe(false);
    expect(a.sigmaStar as number).toBeCloseTo(0.1875, 12);
    const b = await runJsonIn(['bundle', '--capacity', 'uniform(0,1)', '--loss', '0.30', '--load', '0.18']);
    expect(b.U).toBe(0);
    expect(b.collapse).toBe(true);
    expect(b.sigmaStar as number).toBeCloseTo(0.175, 12);
  });

  it('Weibull ρ = 2 (F3)', async () => {
    const j = await runJsonIn(['bundle', '--capacity', 'weibull(2)']);
    expect(j.sigmaC as number).toBeCloseTo(0.428882, 6);
    expect(j.UC as number).toBeCloseTo(0.606531, 6);
    expect(j).not.toHaveProperty('U');
  });

  it('exit 2 for bad input', async () => {
    for (const args of [
      ['bundle', '--capacity', 'uniform(-1,1)'],
      ['bundle', '--capacity', 'uniform(0,1)', '--loss', '1.5'],
      ['bundle', '--capacity', 'uniform(0,1)', '--load', '-0.1'],
    ]) {
      const r = await runCliIn([...args, '--json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
