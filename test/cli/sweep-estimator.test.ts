// `fragility sweep --estimator susceptibility|gap|wrapping`: which estimator fills `threshold`, named by method.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliIn } from './in-process.ts';

describe('fragility sweep --estimator', () => {
  const base = ['sweep', '--graph', 'square:L=48', '--runs', '8', '--seed', '3', '--bootstrap', '0', '--json'];
  it('threshold follows the estimator; wrapping is identical for --workers 1 and 3 and resumes from a checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fragility-wrap-'));
    const ck = join(dir, 'w.ndjson');
    const [sus, gap, w1, w3, wck] = await Promise.all([
      runCliIn(base),
      runCliIn([...base, '--estimator', 'gap']),
      runCliIn([...base, '--estimator', 'wrapping']),
      runCliIn([...base, '--estimator', 'wrapping', '--workers', '3']),
      runCliIn([...base, '--estimator', 'wrapping', '--checkpoint', ck]),
    ]);
    for (const r of [sus, gap, w1, w3, wck]) expect(r.status, r.stderr).toBe(0);
    const js = JSON.parse(sus.stdout);
    const jg = JSON.parse(gap.stdout);
    const jw = JSON.parse(w1.stdout);
    expect(js.threshold.method).toMatch(/susceptibility/);
    expect(jg.threshold.method).toMatch(/largest gap/);
    expect(jg.threshold.q_c).toBe(jg.gapThreshold.q_c);
    expect(jw.threshold.method).toMatch(/wrapping probability/);
    expect(jw.threshold.estimator).toBe('wrapping');
    expect(jw.threshold.target).toBeCloseTo(0.52105829, 8);
    // Square site at L = 48, 8 runs: well within 0.02 of 0.5927 (se ≈ 4e-3 at this size and run count).
    expect(Math.abs(jw.threshold.q_c - 0.5927)).toBeLessThan(0.02);
    expect(jw.threshold.ci[0]).toBeLessThan(jw.threshold.q_c);
    expect(w3.stdout).toBe(w1.stdout);
    const resumed = await runCliIn([...base, '--estimator', 'wrapping', '--checkpoint', ck, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    const jr = JSON.parse(resumed.stdout);
    expect(jr.resumed).toBe(8);
    expect(jr.threshold).toEqual(jw.threshold);
  }, 180_000);

  it('wrapping on a graph that is not a periodic lattice: exit 2 naming estimator, before any work', async () => {
    const [er, open] = await Promise.all([
      runCliIn(['sweep', '--graph', 'er:n=500,k=4', '--runs', '2', '--estimator', 'wrapping']),
      runCliIn(['sweep', '--graph', 'square:L=16,open', '--runs', '2', '--estimator', 'wrapping']),
    ]);
    for (const r of [er, open]) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/estimator/);
    }
    const bad = await runCliIn(['sweep', '--graph', 'square:L=16', '--runs', '2', '--estimator', 'peak']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/estimator/);
  }, 120_000);
});
