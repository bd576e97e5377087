// `fragility fss`: finite-size study on a periodic lattice (wrapping estimator).
import { describe, expect, it } from 'vitest';
import { runCliIn } from './in-process.ts';

describe('fragility fss', () => {
  it('prints per-size thresholds, the extrapolation and exponents with intervals; same JSON for --workers 1 and 2', async () => {
    const args = [
      'fss',
      '--lattice',
      'square',
      '--sizes',
      '16,32',
      '--runs',
      '40',
      '--seed',
      '4',
      '--omega',
      '2.75',
      '--json',
    ];
    const [one, two, text] = await Promise.all([
      runCliIn(args),
      runCliIn([...args, '--workers', '2']),
      runCliIn(args.filter((a) => a !== '--json')),
    ]);
    expect(one.status, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const j = JSON.parse(one.stdout);
    expect(j.sizes.map((s: { L: number }) => s.L)).toEqual([16, 32]);
    for (const s of j.sizes) {
      expect(s.runs).toBe(40);
      expect(s.ci[0]).toBeLessThan(s.q_c);
      expect(s.target).toBeCloseTo(0.52105829, 8);
    }
    expect(j.extrapolation.omega).toBe(2.75);
    expect(j.extrapolation.omegaSource).toBe('given');
    // Square site, 40 runs at L <= 32: within 0.02 of 0.5927 (se ≈ 3e-3 per size).
    expect(Math.abs(j.extrapolation.q_c - 0.5927)).toBeLessThan(0.02);
    expect(j.inverseNu.ci).toHaveLength(2);
    expect(j.betaOverNu.ci).toHaveLength(2);
    expect(j.thresholdMethod).toMatch(/wrapping probability/);
    expect(text.stdout).toMatch(/extrapolated q_c/);
    expect(text.stdout).toMatch(/beta\/nu/);
  }, 120_000);

  it('bad input exits 2 naming the field', async () => {
    const runs = await Promise.all([
      runCliIn(['fss', '--lattice', 'square', '--sizes', '16']),
      runCliIn(['fss', '--lattice', 'kagome', '--sizes', '16,32']),
      runCliIn(['fss', '--lattice', 'square', '--sizes', '16,32', '--omega', 'x']),
      runCliIn(['fss', '--lattice', 'square', '--sizes', '16,32', '--runs', '1']),
    ]);
    expect(runs.map((r) => r.status)).toEqual([2, 2, 2, 2]);
    expect(runs[0].stderr).toMatch(/sizes/);
    expect(runs[1].stderr).toMatch(/lattice/);
    expect(runs[2].stderr).toMatch(/omega/);
    expect(runs[3].stderr).toMatch(/runs/);
  }, 120_000);
});
