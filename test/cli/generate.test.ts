import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from './in-process.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const KARATE = new URL('../../data/karate.edges', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'fragility-generate-'));

/** `fragility generate ...args` in this process (test/cli/in-process.ts: main(argv), output and exit status kept). */
const run = (args: string[]) => runInProcess('generate', args);

describe('fragility generate', () => {
  // One child process (the first test goes through npx tsx on the sources, as documented; it costs 2–10 s on a
  // loaded 2-core machine), the other cases in process; the spec parser's and the generators' unit tests cover every
  // other bad input, and same-seed reproducibility is tested on graphFromSpec.
  it('prints the contract fields as one JSON object', () => {
    const args = ['tsx', 'src/cli/main.ts', 'generate', '--graph', 'er:n=1000,k=4', '--seed', '7', '--json'];
    const out = execFileSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
    const json = JSON.parse(out);
    for (const f of ['n', 'm', 'meanDegree', 'maxDegree', 'seed']) expect(json).toHaveProperty(f);
    expect(json.n).toBe(1000);
    expect(json.seed).toBe(7);
    expect(json.meanDegree).toBeCloseTo((2 * json.m) / 1000, 12);
    expect(json.simple).toBe(true);
  });

  it('reads a file spec and writes GraphML', async () => {
    const out = join(tmp, 'karate.graphml');
    const r = await run(['--graph', `edges:${KARATE}`, '--out', out, '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ n: 34, m: 78, maxDegree: 17, components: 1, format: 'graphml' });
    expect(readFileSync(out, 'utf8')).toContain('<graphml');
  });

  it('summarises a two-tier overlay without building it explicitly', async () => {
    const r = await run(['--graph', 'two-tier:clients=80000,supernodes=100,sn-law=regular(8),cache=4', '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      n: 80_100,
      m: 400 + 320_000,
      supernodes: 100,
      clients: 80_000,
      meanClientsPerSupernode: 800,
      components: 1,
    });
  });

  it('exits 2 with one line naming the field for bad input', async () => {
    const bad = await run(['--graph', 'er:n=-5,k=2', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--graph er: n: "-5" is not allowed; expected an integer >= 0/);
  });
});
