// Issue 17, item 2: one vocabulary for the CLI flags. The occupation flag is --q and the order flag --order
// everywhere; the old names (--removal, --at, --grid of compare, --p of interdependent) stay as hidden aliases for one
// minor version (docs/DESIGN.md, "Vocabulary"). For every alias: the new flag and the alias print byte-identical
// output (JSON and text), giving both is exit 2 with one line naming both, and --help lists the new flag only.
// All runs in process (test/cli/in-process.ts) on tiny inputs: the file runs in a few seconds.
import { describe, expect, it } from 'vitest';
import { runInProcess } from './in-process.ts';

interface AliasCase {
  command: string;
  /** The flag documented now and its old name. */
  canonical: string;
  alias: string;
  /** The value given to either flag. */
  value: string;
  /** The other arguments of a tiny run. */
  rest: string[];
}

const CASES: AliasCase[] = [
  {
    command: 'analytic',
    canonical: '--order',
    alias: '--removal',
    value: 'attack',
    rest: ['--law', 'poisson(4)', '--q', '0.8'],
  },
  {
    command: 'compare',
    canonical: '--order',
    alias: '--removal',
    value: 'attack',
    rest: ['--law', 'regular(3)', '--n', '100', '--runs', '2', '--q', '0.5,0.9'],
  },
  {
    command: 'compare',
    canonical: '--q',
    alias: '--grid',
    value: '0.3,0.6,0.9',
    rest: ['--law', 'poisson(3)', '--n', '100', '--runs', '2'],
  },
  {
    command: 'sweep',
    canonical: '--q',
    alias: '--at',
    value: '0.5,0.7',
    rest: ['--graph', 'er:n=300,k=4', '--runs', '2', '--grid-points', '11', '--bootstrap', '0'],
  },
  { command: 'interdependent', canonical: '--q', alias: '--p', value: '0.7', rest: ['--law', 'poisson(4)'] },
  {
    command: 'interdependent',
    canonical: '--q',
    alias: '--p',
    value: '0.75',
    rest: ['--law', 'poisson(4)', '--simulate', '200', '--runs', '2', '--seed', '3'],
  },
];

describe('old CLI flags are hidden aliases of the new ones', () => {
  for (const c of CASES) {
    const label = `${c.command} ${c.alias} = ${c.canonical} (${c.rest.join(' ')})`;

    it(`${label}: byte-identical output, JSON and text`, async () => {
      for (const json of [['--json'], []]) {
        const canonical = await runInProcess(c.command, [...c.rest, c.canonical, c.value, ...json]);
        const alias = await runInProcess(c.command, [...c.rest, c.alias, c.value, ...json]);
        expect(canonical.status, canonical.stderr).toBe(0);
        expect(alias.status, alias.stderr).toBe(0);
        expect(canonical.stdout.length).toBeGreaterThan(0);
        expect(alias.stdout).toBe(canonical.stdout);
        expect(alias.stderr).toBe(canonical.stderr);
      }
    });

    it(`${label}: both at once is exit 2 naming both, before any work`, async () => {
      const r = await runInProcess(c.command, [...c.rest, c.canonical, c.value, c.alias, c.value, '--json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(c.canonical);
      expect(r.stderr).toContain(c.alias);
    });
  }

  it('a bad value given to an alias is exit 2 naming the alias', async () => {
    const r = await runInProcess('interdependent', ['--law', 'poisson(4)', '--p', '1.5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--p');
  });

  for (const command of [...new Set(CASES.map((c) => c.command))]) {
    it(`${command} --help lists the new flags, not the aliases`, async () => {
      const r = await runInProcess(command, ['--help']);
      expect(r.status).toBe(0);
      const flags = new Set(r.stdout.match(/--[a-z][a-z-]*/g));
      for (const c of CASES.filter((x) => x.command === command)) {
        expect(flags.has(c.canonical), `${command} --help lists ${c.canonical}`).toBe(true);
        expect(flags.has(c.alias), `${command} --help hides ${c.alias}`).toBe(false);
      }
    });
  }
});
