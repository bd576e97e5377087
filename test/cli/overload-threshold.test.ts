import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallScenario } from '../scenarios/fixtures.ts';
import { runCliIn } from './in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-cli-overload-threshold-'));

// two CLI processes: one small run, one rejection
describe('fragility overload-threshold', () => {
  it('--scales --max-runs --svg --json: one JSON object with the fluid f_c, the static bound and one adaptive row per scale', async () => {
    const svg = join(dir, 'fc.svg');
    const r = await runCliIn([
      'overload-threshold',
      'skype-2010',
      '--scales',
      '0.005',
      '--max-runs',
      '24',
      '--svg',
      svg,
      '--json',
    ]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j.scenario).toBe('skype-2010');
    expect(j.seed).toBe(1);
    expect(typeof j.fluid.criticalLoss).toBe('number');
    expect(typeof j.staticBound.note).toBe('string');
    expect(j.rows).toHaveLength(1);
    const row = j.rows[0];
    expect(row.scale).toBe(0.005);
    expect(row.method).toBe('probit-sequential');
    expect(row.runs).toBeLessThanOrEqual(24);
    expect(row.points.reduce((a: number, p: { runs: number }) => a + p.runs, 0)).toBe(row.runs);
    expect(row.gapToFluid).toBeCloseTo(row.criticalLoss - j.fluid.criticalLoss, 12);
    expect(existsSync(svg)).toBe(true);
    expect(readFileSync(svg, 'utf8')).toContain('<svg');
  });

  it('a bad scenario value fails with exit 2 naming the field, before any run', async () => {
    const s = smallScenario() as unknown as { supernodes: { loginCost: number } };
    s.supernodes.loginCost = -3;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(s));
    const r = await runCliIn(['overload-threshold', file, '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('loginCost');
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
