// Issue 19 for `overload-threshold` and `scenario`: --shard i/N, merged by `fragility merge`, must print what the
// unsharded run prints (timing fields aside: `seconds` of overload-threshold, `timings` of scenario), and merge must
// refuse shards of another experiment. overload-threshold shards only its fixed grid design (the adaptive one is
// refused); scenario shards its run families (timeline, collapse curve, phase diagram, what-ifs) and the merge
// computes the rest. In process (test/cli/in-process.ts); small scales, a few seconds per run.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type InProcessRun, runInProcess, oneLineExit2 } from './in-process.ts';
import { smallScenario } from '../scenarios/fixtures.ts';
import { fixedProbitDesign } from '../../src/cascade/sequential-probit.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-scenario-shard-'));
let fileNo = 0;
const tmp = (name: string) => join(dir, `${fileNo++}-${name}`);

async function ok(command: string, args: string[]): Promise<InProcessRun> {
  const r = await runInProcess(command, args);
  expect(r.status, r.stderr).toBe(0);
  return r;
}

/** The JSON without the named timing fields, at any depth. */
function strip(text: string, keys: string[]): string {
  const go = (o: unknown): unknown =>
    Array.isArray(o)
      ? o.map(go)
      : o && typeof o === 'object'
        ? Object.fromEntries(
            Object.entries(o)
              .filter(([k]) => !keys.includes(k))
              .map(([k, v]) => [k, go(v)]),
          )
        : o;
  return JSON.stringify(go(JSON.parse(text)));
}

async function shards(
  command: string,
  args: string[],
  N: number,
  indices = Array.from({ length: N }, (_, i) => i),
): Promise<string[]> {
  const out: string[] = [];
  for (const i of indices) {
    const f = tmp(`${command}-${i}of${N}.ndjson`);
    await ok(command, [...args, '--shard', `${i}/${N}`, '--shard-out', f, '--json']);
    out.push(f);
  }
  return out;
}

describe('fixedProbitDesign (the grid design)', () => {
  it('one round of points × runsPerPoint runs, run r = k·R + j at the k-th value, fitted like the sequential design', () => {
    const d = fixedProbitDesign({ seed: 2, domain: [0, 0.4], points: 5, runsPerPoint: 3 });
    const round = d.next();
    expect(round.done).toBe(false);
    if (round.done) return;
    expect(round.value).toEqual({
      round: 0,
      firstRun: 0,
      xs: [
        0, 0, 0, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.30000000000000004, 0.30000000000000004, 0.30000000000000004, 0.4, 0.4,
        0.4,
      ],
    });
    // a step at 0.15 (exactly separated outcomes): the fit puts μ̂ between 0.1 and 0.2, the interval inside [0, 0.4]
    const res = d.next(round.value.xs.map((x) => x > 0.15));
    expect(res.done).toBe(true);
    const r = res.value as Exclude<typeof res.value, { round: number }>;
    expect(r.runs).toBe(15);
    expect(r.rounds).toBe(1);
    expect(r.points.map((p) => [p.runs, p.events])).toEqual([
      [3, 0],
      [3, 0],
      [3, 3],
      [3, 3],
      [3, 3],
    ]);
    expect(r.location).toBeGreaterThan(0.1);
    expect(r.location).toBeLessThan(0.2);
    expect(() => fixedProbitDesign({ points: 1 }).next()).toThrow(/points: 1 is not allowed/);
  });
});

describe('overload-threshold --threshold-design grid --shard and merge', () => {
  // the 2010 scenario with 1-h runs (a collapse comes within the first hour), one small scale, a 6 × 4 grid
  const scenarioFile = tmp('skype-2010-1h.json');
  const OT = () => [
    scenarioFile,
    '--scales',
    '0.005',
    '--threshold-design',
    'grid',
    '--grid-points',
    '6',
    '--grid-runs',
    '4',
    '--seed',
    '3',
  ];

  it('shards 0/3, 1/3, 2/3 merged in any order print the local JSON (seconds aside); merge refuses another design', async () => {
    const printed = await ok('scenario', ['skype-2010', '--print-scenario', '--json']);
    const sc = JSON.parse(printed.stdout);
    writeFileSync(
      scenarioFile,
      JSON.stringify({ ...sc, name: 'skype-2010-1h', montecarlo: { ...sc.montecarlo, durationHours: 1 } }),
    );
    const local = await ok('overload-threshold', [...OT(), '--json']);
    const files = await shards('overload-threshold', OT(), 3);
    const merged = await ok('merge', [files[2], files[0], files[1], '--json']);
    expect(merged.stderr).toBe('');
    expect(strip(merged.stdout, ['seconds'])).toBe(strip(local.stdout, ['seconds']));
    const j = JSON.parse(local.stdout);
    expect(j.rows[0]).toMatchObject({ method: 'probit-grid', runs: 24, rounds: 1 });
    expect(j.rows[0].points.reduce((k: number, p: { runs: number }) => k + p.runs, 0)).toBe(24);
    // the shard file: a study header, then one run family (the scale's grid) with the runs r ≡ 1 (mod 3)
    const lines = readFileSync(files[1], 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'study', command: 'overload-threshold', shard: { index: 1, count: 3 } });
    expect(lines[1]).toMatchObject({ type: 'runs', family: 'overload-collapse', runs: 24 });
    expect(lines.slice(2).map((l) => l.r)).toEqual([1, 4, 7, 10, 13, 16, 19, 22]);
    // a shard of another grid (5 runs per loss): exit 2 naming the file and the difference
    const [other] = await shards(
      'overload-threshold',
      OT().map((x) => (x === '4' ? '5' : x)),
      3,
      [1],
    );
    oneLineExit2(
      await runInProcess('merge', [files[0], other, files[2]]),
      new RegExp(`merge: ".*${other.split('/').pop()}" is not allowed; expected a shard of the study of .*differs`),
    );
    // --out is for scenario shards only
    oneLineExit2(
      await runInProcess('merge', [...files, '--out', tmp('report')]),
      /--out: .* used with the shards of fragility scenario/,
    );
  }, 60_000);

  it('--shard with the adaptive design, and grid flags without the grid: exit 2 naming the flag, before any work', async () => {
    oneLineExit2(
      await runInProcess('overload-threshold', ['--shard', '0/2']),
      /^fragility: --shard: "0\/2" is not allowed; expected used with --threshold-design grid \(the adaptive design .* use --threshold-design grid --shard i\/N, or --queue URL/,
    );
    oneLineExit2(
      await runInProcess('overload-threshold', ['--grid-runs', '3']),
      /--grid-runs: 3 is not allowed; expected used with --threshold-design grid/,
    );
    oneLineExit2(
      await runInProcess('overload-threshold', ['--threshold-design', 'grid', '--max-runs', '48']),
      /--max-runs: 48 is not allowed; expected used with the adaptive design/,
    );
    oneLineExit2(
      await runInProcess('overload-threshold', ['--threshold-design', 'grid', '--shard', '0/2', '--svg', tmp('x.svg')]),
      /--svg: .* used without --shard/,
    );
  });
});

describe('scenario --shard and merge', () => {
  // smallScenario with 6-h timelines, 1-h collapse runs, 2 connectivity overlays, one metastability cell: the local
  // run and the merge each compute the adaptive threshold, connectivity, fluid and metastability parts (≈ 10 s of
  // CPU each; the heaviest test of this file)
  const s = smallScenario();
  s.montecarlo.durationHours = 6;
  s.montecarlo.collapse.durationHours = 1;
  s.montecarlo.connectivity = { ...s.montecarlo.connectivity, runs: 2, minSupernodes: 200, maxClients: 500 };
  s.montecarlo.metastability = { losses: [0.3], headroomScales: [1], injectionHours: [2] };
  const scenarioFile = tmp('small.json');
  writeFileSync(scenarioFile, JSON.stringify(s));
  const SC = [scenarioFile, '--seed', '2'];

  it('shards 0..2 of 3 merged in any order print the local JSON and write the same report files (timings aside)', async () => {
    const outA = tmp('report-local');
    const outB = tmp('report-merged');
    const local = await ok('scenario', [...SC, '--out', outA, '--json']);
    const files = await shards('scenario', SC, 3);
    // one run family of every simulation (r mod 3 spreads the timeline, collapse, phase and what-if runs over the
    // shards), then the two connectivity ensembles (2 replicates each)
    const sections = files.map((f) =>
      readFileSync(f, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
    expect(sections[0].filter((l) => l.type === 'runs').map((l) => l.family)).toEqual([
      'overload-runs',
      'two-tier-run',
      'two-tier-run',
    ]);
    const counts = sections.map(
      (ls) =>
        ls.filter((l, k) => l.type === 'run' && ls.slice(0, k).filter((x) => x.type === 'runs').length === 1).length,
    );
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(sections.map((ls) => ls.filter((l) => l.type === 'run').length).reduce((a, b) => a + b, 0)).toBe(
      counts.reduce((a, b) => a + b, 0) + 4,
    );
    const merged = await ok('merge', [files[1], files[2], files[0], '--out', outB, '--json']);
    expect(merged.stderr).toBe('');
    const norm = (s: string, out: string) => s.split(out).join('DIR');
    expect(norm(strip(merged.stdout, ['timings']), outB)).toBe(norm(strip(local.stdout, ['timings']), outA));
    const names = readdirSync(outA).sort();
    expect(readdirSync(outB).sort()).toEqual(names);
    const noTimings = (s: string) => s.replace(/"timings":\s*\{[^}]*\}/g, '"timings":{}');
    for (const name of names) {
      const a = readFileSync(join(outA, name), 'utf8');
      const b = readFileSync(join(outB, name), 'utf8');
      expect(noTimings(b), name).toBe(noTimings(a));
    }
    expect(names).toEqual(
      expect.arrayContaining(['index.html', 'index.md', 'report.json', 'timeline.csv', 'what-if.csv']),
    );
  }, 120_000);

  it('a shard of another experiment (another seed): exit 2 naming the file; flags checked first', async () => {
    const [a] = await shards('scenario', SC, 2, [0]);
    const [b] = await shards('scenario', [scenarioFile, '--seed', '3'], 2, [1]);
    oneLineExit2(
      await runInProcess('merge', [a, b]),
      new RegExp(
        `merge: ".*${b.split('/').pop()}" is not allowed; expected a shard of the study of .*experiment 1 \\(scenario runs\\) differs from the first file's \\(scenario runs\\): fingerprint`,
      ),
    );
    oneLineExit2(
      await runInProcess('scenario', [...SC, '--shard', '0/2', '--out', tmp('r')]),
      /--out: .* used without --shard/,
    );
    // the checks of runScenario (here: a what-if that scales below one supernode) come before a shard runs anything
    const tiny = smallScenario() as unknown as { whatIf: unknown[] };
    tiny.whatIf.push({ name: 'tiny core', set: { overlay: { supernodes: 100 } } });
    const tinyFile = tmp('tiny.json');
    writeFileSync(tinyFile, JSON.stringify(tiny));
    oneLineExit2(
      await runInProcess('scenario', [tinyFile, '--seed', '1', '--shard', '0/2']),
      /^fragility: scenario\.whatIf\[3\]\.set → model supernodes: 100 is not allowed; expected at least 1 supernode after scaling/,
    );
    oneLineExit2(
      await runInProcess('scenario', [...SC, '--shard-out', tmp('s.ndjson')]),
      /--shard-out: .* used together with --shard i\/N/,
    );
  }, 60_000);
});
