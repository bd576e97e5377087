// `fragility sweep` as the acceptance checks call it (docs/CLI.md): one child process (the first case, the real
// process), the other runs in process (test/cli/in-process.ts: main(argv) with stdout, stderr and the exit status).
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './in-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fragility-cli-sweep-'));

/** `fragility sweep ...args` in a child process. */
function spawned(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/fragility.js', 'sweep', ...args],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
      (err, stdout, stderr) => {
        const status = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ status: typeof status === 'number' ? status : 1, stdout, stderr });
      },
    );
  });
}

/** `fragility sweep ...args` in this process. */
const run = (args: string[]) => runInProcess('sweep', args);

describe('fragility sweep', () => {
  const base = ['--graph', 'er:n=3000,k=4', '--runs', '6', '--seed', '7', '--q', '0.5,0.8', '--json'];
  it('prints the contract fields, and the same JSON for --workers 1 and 2', async () => {
    const [one, two] = await Promise.all([spawned([...base, '--workers', '1']), run([...base, '--workers', '2'])]);
    expect(one.status).toBe(0);
    const j = JSON.parse(one.stdout);
    expect(j.runs).toBe(6);
    expect(j.seed).toBe(7);
    expect(typeof j.threshold.q_c).toBe('number');
    expect(j.threshold.ci).toHaveLength(2);
    expect(j.threshold.ci[0]).toBeLessThanOrEqual(j.threshold.q_c);
    expect(j.threshold.ci[1]).toBeGreaterThanOrEqual(j.threshold.q_c);
    expect(j.at.map((a: { q: number }) => a.q)).toEqual([0.5, 0.8]);
    for (const a of j.at) {
      expect(Object.keys(a).sort()).toEqual(['S', 'ci', 'q', 'sd']);
      expect(a.ci[0]).toBeLessThan(a.S);
      expect(a.ci[1]).toBeGreaterThan(a.S);
    }
    // ER c = 4, q = 0.5: S = 0.398 (n = 3000: within a few 1e-2)
    expect(Math.abs(j.at[0].S - 0.398406)).toBeLessThan(0.03);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });
  it('checkpoint and --resume give the same JSON', async () => {
    const file = join(dir, 'cp.ndjson');
    const args = [
      '--graph',
      'square:L=20',
      '--mode',
      'bond',
      '--runs',
      '4',
      '--seed',
      '3',
      '--q',
      '0.6',
      '--json',
      '--checkpoint',
      file,
    ];
    const first = await run(args);
    const copy = join(dir, 'cp-copy.ndjson');
    copyFileSync(file, copy);
    expect(first.status).toBe(0);
    const [again, other] = await Promise.all([
      run([...args, '--resume']),
      run([
        '--graph',
        'square:L=20',
        '--mode',
        'bond',
        '--runs',
        '4',
        '--seed',
        '4',
        '--q',
        '0.6',
        '--json',
        '--checkpoint',
        copy,
        '--resume',
      ]),
    ]);
    expect(again.status).toBe(0);
    const a = JSON.parse(first.stdout);
    const b = JSON.parse(again.stdout);
    expect(b.resumed).toBe(4);
    expect({ ...b, resumed: 0 }).toEqual({ ...a, resumed: 0 });
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/checkpoint/);
  });
  it('bad input exits 2 with a one-line message naming the field', async () => {
    const cases = [
      [['--graph', 'er:n=100,k=2', '--runs', '0'], /--runs/],
      [['--graph', 'er:n=100,k=2', '--runs', '2', '--q', '1.5'], /--q/],
      [['--graph', 'er:n=100,k=2', '--runs', '2', '--order', 'pagerank'], /order/],
      [['--graph', 'er:n=100,k=2', '--runs', '2', '--mode', 'bond', '--order', 'degree'], /order/],
    ] as const;
    const results = await Promise.all(cases.map(([args]) => run([...args, '--json'])));
    results.forEach((r, i) => {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(cases[i][1]);
    });
  });
});
