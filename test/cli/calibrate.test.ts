import { describe, expect, it } from 'vitest';
import { runCliIn } from './in-process.ts';
import { predictOverload2007 } from '../../src/compare/overload-calibration.ts';

// four CLI processes: one 2007 prediction (one fluid run, no simulation), three rejections
describe('fragility calibrate', () => {
  it('skype-2007 --sim-runs 0 --json prints one JSON object equal to the API prediction', async () => {
    const r = await runCliIn(['calibrate', 'skype-2007', '--sim-runs', '0', '--json']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j.scenario).toBe('skype-2007');
    expect(typeof j.params.headroom).toBe('string');
    const api = predictOverload2007({ simRuns: 0 });
    expect(j.fluid.minOnline).toBe(api.fluid.minOnline);
    expect(j.fluid.outageHours).toBe(api.fluid.outageHours);
    expect(j.fluid.rows.map((x: { model: number }) => x.model)).toEqual(api.fluid.rows.map((x) => x.model));
    expect(j.simulation).toBeNull();
  }, 120_000);

  it('rejects an unknown scenario with exit 2 naming it, before any work', async () => {
    const r = await runCliIn(['calibrate', 'skype-2099', '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^fragility: scenario: .*skype-2099.*skype-2010 or skype-2007/);
  });

  it('rejects --svg with skype-2007 (no fit to plot) with exit 2, before any work', async () => {
    const r = await runCliIn(['calibrate', 'skype-2007', '--svg', 'x.svg']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^fragility: --svg: .*only with skype-2010/);
  });

  it('rejects a bad --max-evals with exit 2 naming the option', async () => {
    const r = await runCliIn(['calibrate', 'skype-2010', '--max-evals', '3']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toContain('--max-evals');
  });
});
