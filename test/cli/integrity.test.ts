// Issue 14 regressions through the CLI, in process (test/cli/in-process.ts): output-path exit codes, checks
// before work, --workers above the core count, --max-memory. Each case ends with exit 2 and one line, or a
// correct result.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availableCores, memoryBudget, setMemoryBudget } from '../../src/resources.ts';
import { smallScenario } from '../scenarios/fixtures.ts';
import { runInProcess } from './in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'fragility-integrity-'));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

function oneLineExit2(r: { status: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('output paths: one exit-code rule (2, one line naming option, path and cause), checked before work', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'generate --out in a missing folder',
      ['generate', '--graph', 'square:L=4', '--out', join(dir, 'missing', 'g.edges')],
      /^fragility: --out: .*its folder does not exist, ENOENT\)$/,
    ],
    [
      'generate --out naming a folder',
      ['generate', '--graph', 'square:L=4', '--out', dir],
      /^fragility: --out: .*it is a folder, EISDIR\)$/,
    ],
    [
      'generate --out under a file',
      ['generate', '--graph', 'square:L=4', '--out', join(file('plain.txt', 'x'), 'g.edges')],
      /^fragility: --out: .*ENOTDIR\)$/,
    ],
    [
      'sweep --checkpoint in a missing folder',
      ['sweep', '--graph', 'square:L=4', '--runs', '2', '--checkpoint', join(dir, 'nope', 'c.ndjson')],
      /^fragility: --checkpoint: .*ENOENT\)$/,
    ],
    [
      'sweep --resume without --checkpoint',
      ['sweep', '--graph', 'square:L=4', '--runs', '2', '--resume'],
      /^fragility: --resume: true is not allowed; expected used together with --checkpoint FILE$/,
    ],
  ];
  for (const [what, argv, pattern] of cases) {
    it(`${what}: exit 2`, async () => {
      oneLineExit2(await runInProcess(argv[0], argv.slice(1)), pattern);
    });
  }
  it('scenario --out on a folder holding other files: exit 2 before the first progress line, the files untouched', async () => {
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.md'), 'mine');
    const r = await runInProcess('scenario', [file('small.json', smallScenario()), '--seed', '1', '--out', foreign]);
    oneLineExit2(r, /^fragility: --out: .*it holds 1 other file\(s\); choose another folder or empty it\)$/);
  });
  it('scenario --out under a file: exit 2 before the first progress line', async () => {
    const r = await runInProcess('scenario', [
      file('small2.json', smallScenario()),
      '--seed',
      '1',
      '--out',
      join(file('plain2.txt', 'x'), 'report'),
    ]);
    oneLineExit2(r, /^fragility: --out: .*ENOTDIR\)$/);
  });
});

describe('scenario checks run before the first progress line and name the full path', () => {
  it('a what-if that scales below one supernode', async () => {
    const sc = smallScenario() as unknown as { whatIf: unknown[] };
    sc.whatIf.push({ name: 'tiny core', set: { overlay: { supernodes: 100 } } });
    const r = await runInProcess('scenario', [file('tiny.json', sc), '--seed', '1', '--json']);
    oneLineExit2(
      r,
      /^fragility: scenario\.whatIf\[3\]\.set → model supernodes: 100 is not allowed; expected at least 1 supernode after scaling \(what-if "tiny core" at scale 0\.002\)$/,
    );
  });
  it('a connectivity grid out of order (cross-field)', async () => {
    const sc = smallScenario();
    sc.montecarlo.connectivity.grid = [0, 0.5, 0.25, 1];
    const r = await runInProcess('scenario', [file('grid.json', sc), '--seed', '1', '--json']);
    oneLineExit2(
      r,
      /^fragility: scenario\.montecarlo\.connectivity\.grid\[2\]: 0\.25 is not allowed; expected a loss > grid\[1\] \(0\.5\): strictly increasing$/,
    );
  });
});

describe('--workers above the cores', () => {
  it(`--workers 256 runs on the ${availableCores()} available cores with a note, same JSON as --workers 1`, async () => {
    const args = [
      '--graph',
      'er:n=2000,k=4',
      '--runs',
      '4',
      '--seed',
      '3',
      '--q',
      '0.5',
      '--bootstrap',
      '20',
      '--json',
    ];
    const [many, one] = [
      await runInProcess('sweep', [...args, '--workers', '256']),
      await runInProcess('sweep', [...args, '--workers', '1']),
    ];
    expect(many.status).toBe(0);
    expect(many.stderr).toBe(
      `fragility: note: --workers 256 reduced to ${availableCores()} (the cores available to this process: ${availableCores()})\n`,
    );
    expect(many.stdout).toBe(one.stdout);
  }, 30_000);
});

describe('budgets through the CLI', () => {
  it('sweep --runs at its maximum (1e7) is refused up front under a 4 GB budget, in well under a second', async () => {
    const t0 = performance.now();
    const r = await runInProcess('sweep', [
      '--graph',
      'er:n=100,k=2',
      '--runs',
      '10000000',
      '--max-memory',
      '4GB',
      '--json',
    ]);
    oneLineExit2(
      r,
      /^fragility: --runs: 10000000 is not allowed; expected a size within the memory budget of 4 GB \(set by --max-memory\) .*would take about 52.2 GB; use fewer runs or grid points/,
    );
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  it('generate on a spec above the budget: exit 2 naming --graph, the estimate and the remedy', async () => {
    const r = await runInProcess('generate', ['--graph', 'square:L=20000', '--max-memory', '1GB']);
    oneLineExit2(
      r,
      /^fragility: --graph: "square:L=20000" is not allowed; expected a size within the memory budget of 1 GB \(set by --max-memory\) \(this graph would take about 22.4 GB; raise the budget with --max-memory or FRAGILITY_MAX_MEMORY, e.g. 28GB\)$/,
    );
  });
});

describe('--max-memory', () => {
  it('holds for its command only: main(argv) in process leaves the budget as it found it', async () => {
    const before = memoryBudget();
    await runInProcess('generate', ['--graph', 'square:L=20000', '--max-memory', '1GB']);
    expect(memoryBudget()).toEqual(before); // not left at 1 GB, "set by --max-memory", for the next caller
    setMemoryBudget(3e9); // a host program's own setting survives a command with and one without the option
    try {
      await runInProcess('generate', ['--graph', 'square:L=20000', '--max-memory', '1GB']);
      expect(memoryBudget()).toEqual({ bytes: 3e9, source: 'option' });
      const r = await runInProcess('generate', ['--graph', 'square:L=20000']);
      expect(r.stderr).toMatch(/memory budget of 3 GB \(set by --max-memory\)/);
      expect(memoryBudget()).toEqual({ bytes: 3e9, source: 'option' });
    } finally {
      setMemoryBudget(undefined);
    }
  });
  it('a malformed size is exit 2 naming the option', async () => {
    oneLineExit2(
      await runInProcess('generate', ['--graph', 'square:L=4', '--max-memory', 'lots']),
      /^error: option '--max-memory <SIZE>' argument 'lots' is invalid\. --max-memory: "lots" is not allowed; expected a positive size/,
    );
  });
});
