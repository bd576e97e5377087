import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallScenario } from '../scenarios/fixtures.ts';
import { runCliIn } from './in-process.ts';
import { fluidCriticalLoss, fluidOverload } from '../../src/analytic/overload-fluid.ts';
import { scenarioToOverloadParams } from '../../src/scenarios/to-params.ts';
import { withOverloadParams } from '../../src/models/overload-params.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-cli-fluid-'));
const file = (name: string, doc: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(doc));
  return p;
};

// three CLI processes in all: one run, two rejections
describe('fragility fluid', () => {
  it('--scenario FILE --loss --hours --json prints one JSON object: params, timeline, summary, criticalLoss (= the API)', async () => {
    const s = smallScenario();
    const r = await runCliIn([
      'fluid',
      '--scenario',
      file('small.json', s),
      '--loss',
      '0.12',
      '--hours',
      '2',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j.scenario).toBe('skype-2010');
    expect(j.params.forcedLoss).toBe(0.12);
    expect(j.params.durationHours).toBe(2);
    expect(typeof j.params.headroom).toBe('string');
    // the same numbers as the API on the same parameters
    const base = scenarioToOverloadParams(s);
    const api = fluidOverload(withOverloadParams(base, { forcedLoss: 0.12, durationHours: 2 }));
    expect(j.timeline).toHaveLength(api.timeline.length);
    expect(j.timeline.at(-1).online).toBe(api.timeline.at(-1)!.online);
    expect(j.summary.minOnlineFraction).toBe(api.minOnlineFraction);
    expect(j.summary.collapsed).toBe(api.collapsed);
    expect(j.summary.final.online).toBe(api.final.online);
    const crit = fluidCriticalLoss(base);
    expect(j.criticalLoss).toEqual({
      criticalLoss: crit.criticalLoss,
      bracket: crit.bracket,
      evaluations: crit.evaluations,
      tolerance: 1e-4,
    });
  }, 60_000);

  it('rejects a bad --loss with exit 2 naming the option, before any run', async () => {
    const r = await runCliIn(['fluid', 'skype-2010', '--loss', '1.5', '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toContain('--loss: "1.5" is not allowed; expected a number in [0, 1]');
  });

  it('rejects an invalid scenario file with exit 2 and one line naming the field', async () => {
    const bad = smallScenario() as unknown as Record<string, Record<string, unknown>>;
    bad.supernodes.loginCost = -3;
    const r = await runCliIn(['fluid', file('bad.json', bad), '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^fragility: scenario\.supernodes\.loginCost: -3 is not allowed/);
  });
});
