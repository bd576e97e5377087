// One spawned run per command whose other tests run in process (test/cli/in-process.ts): the real process — the
// `node --import tsx src/cli/main.ts` start-up, argv, stdout flushing and the exit status — for a small real case,
// and the same case in process gives the same output. Commands not listed here have spawned tests in their own files
// (scenario, interdependent, generate, errors, progress, shard-merge, queue). The runs overlap (runCliAsync), so the file costs about one start-up of wall time per core.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { skype2010Scenario } from '../../src/scenarios/builtin.ts';
import { runCliAsync } from './cli-run.ts';
import { runCliIn } from './in-process.ts';

/** Keys whose values are wall-clock timings (differ between any two runs). */
const TIMING = /^(seconds|elapsedSeconds|elapsedMs|ms|wallSeconds)$/;
const untimed = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(untimed)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => !TIMING.test(k))
            .map(([k, x]) => [k, untimed(x)]),
        )
      : v;

// overload-threshold reads a scenario file here: the 2010 scenario with 1-h runs (its fluid solve and its 24 runs cost
// less than the built-in's 3-h ones; the built-in name is parsed in process by test/cli/overload-threshold.test.ts)
const dir = mkdtempSync(join(tmpdir(), 'fragility-smoke-'));
const scenario1h = join(dir, 'skype-2010-1h.json');
writeFileSync(
  scenario1h,
  JSON.stringify({
    ...skype2010Scenario,
    name: 'skype-2010-1h',
    montecarlo: { ...skype2010Scenario.montecarlo, durationHours: 1 },
  }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES: string[][] = [
  ['analytic', '--law', 'poisson(4)', '--q', '0.5', '--json'],
  ['mp', '--graph', 'edges:data/karate.edges', '--mode', 'bond', '--q', '0.5', '--json'],
  ['bundle', '--capacity', 'uniform(0,1)', '--loss', '0.25', '--load', '0.18', '--json'],
  ['compare', '--law', 'regular(3)', '--n', '2000', '--runs', '4', '--q', '0.5,1', '--seed', '1', '--json'],
  ['fluid', 'skype-2010', '--loss', '0.25', '--hours', '2', '--json'],
  ['calibrate', 'skype-2007', '--sim-runs', '0', '--json'],
  ['overload-threshold', scenario1h, '--scales', '0.005', '--max-runs', '24', '--json'],
  ['fss', '--lattice', 'square', '--sizes', '8,12', '--runs', '6', '--json'],
  ['sweep', '--graph', 'square:L=16', '--runs', '3', '--estimator', 'wrapping', '--json'],
  [
    'cascade',
    'motter-lai',
    '--graph',
    'ba:n=300,m=2',
    '--alpha',
    '0.2',
    '--trigger',
    'top-load',
    '--seed',
    '1',
    '--json',
  ],
  ['betweenness', '--graph', 'square:L=4,open', '--seed', '1', '--json'],
];

describe('one spawned run per command tested in process', () => {
  it(`${CASES.length} commands: exit 0, nothing on stderr, the same JSON as in process (timings aside)`, async () => {
    const spawned = await Promise.all(CASES.map((args) => runCliAsync(args, 300_000)));
    for (const [i, args] of CASES.entries()) {
      const p = spawned[i];
      expect(p.stderr, args.join(' ')).toBe('');
      expect(p.status, args.join(' ')).toBe(0);
      const inProcess = await runCliIn(args);
      expect(inProcess.status, args.join(' ')).toBe(0);
      expect(untimed(JSON.parse(p.stdout)), args.join(' ')).toEqual(untimed(JSON.parse(inProcess.stdout)));
    }
  }, 600_000);
});
