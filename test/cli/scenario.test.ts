import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallScenario } from '../scenarios/fixtures.ts';
import { runCli } from './cli-run.ts';
import { runCliIn } from './in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-cli-scenario-'));
const file = (name: string, doc: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return p;
};
// The CLI's contract, not the model: the small scenario with 6-h timelines and a 1-cell metastability map (about
// 5 s of CPU per run instead of 8.4 s, `npx tsx`, unloaded).
const cheap = smallScenario();
cheap.montecarlo.durationHours = 6;
cheap.montecarlo.metastability = { losses: [0.3], headroomScales: [1], injectionHours: [2] };
const small = file('small.json', cheap);

// In process (test/cli/in-process.ts: main(argv), stdout and stderr captured, exit status kept) except the --help
// case, the one spawned run of this command (the real process: start-up, argv, exit status).
describe('fragility scenario', () => {
  it('--json prints exactly one JSON object with the contract fields', async () => {
    const r = await runCliIn(['scenario', small, '--seed', '2', '--json']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j.scenario).toBe('skype-2010');
    expect(j.seed).toBe(2);
    expect(Object.keys(j.threshold)).toEqual(expect.arrayContaining(['analytic', 'montecarlo', 'ci']));
    expect(j.threshold.ci).toHaveLength(2);
    expect(typeof j.threshold.analytic).toBe('number');
    expect(j.timeline.length).toBeGreaterThan(10);
    for (const p of j.timeline) {
      expect(typeof p.t).toBe('number');
      expect(typeof p.online).toBe('number');
      expect(typeof p.supernodesUp).toBe('number');
    }
    expect(typeof j.minOnlineFraction).toBe('number');
    expect(typeof j.recovered).toBe('boolean');
    for (const w of j.whatIf) {
      expect(typeof w.name).toBe('string');
      expect(typeof w.minOnlineFraction).toBe('number');
    }
    expect(typeof j.connectivityThreshold.analytic).toBe('number');
  });

  it('prints the summary table and where the report went; progress on stderr', async () => {
    const out = join(dir, 'report');
    const r = await runCliIn(['scenario', small, '--seed', '1', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| overload critical supernode loss');
    expect(r.stdout).toContain(`Report: ${join(out, 'index.md')}`);
    expect(existsSync(join(out, 'timeline.svg'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).scenario).toBe('skype-2010');
  });

  it('rejects an invalid file with exit 2 and one line naming the field and the range', async () => {
    const bad = smallScenario() as unknown as Record<string, Record<string, unknown>>;
    bad.trigger.clientCrashProb = 1.4;
    const r = await runCliIn(['scenario', file('bad.json', bad), '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toBe(
      'fragility: scenario.trigger.clientCrashProb: 1.4 is not allowed; expected a number in [0, 1]',
    );
  });

  it('rejects a non-JSON file and an unknown name with exit 2 and one line', async () => {
    for (const args of [
      ['scenario', file('broken.json', '{"name": ')],
      ['scenario', 'skype-1999'],
    ]) {
      const r = await runCliIn(args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^fragility: scenario: /);
    }
  });

  it('rejects a --scale outside (0, 1] with exit 2, naming the option first (commander then shows the help)', async () => {
    const r = await runCliIn(['scenario', 'skype-2010', '--scale', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain('--scale: "3" is not allowed; expected a number in [0.000001, 1]');
  });

  it('--help shows an example (spawned: the real process)', () => {
    const r = runCli(['scenario', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Example:');
    expect(r.stdout).toContain('fragility scenario skype-2010');
  });
});
