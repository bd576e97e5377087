import { describe, expect, it } from 'vitest';
import { runCliIn } from './in-process.ts';

const run = (args: string[]) => runCliIn(args);

describe('fragility cascade motter-lai', () => {
  it('prints G, waves, failed (golden BA run, same values as the library test); random trigger and sweep', async () => {
    const [r, s] = await Promise.all([
      run([
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
      ]),
      run([
        'cascade',
        'motter-lai',
        '--graph',
        'ba:n=100,m=2',
        '--alpha',
        '0.5',
        '--trigger',
        'random',
        '--alphas',
        '0,1',
        '--seed',
        '3',
        '--json',
      ]),
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.G).toBeCloseTo(129 / 300, 15);
    expect(j.waves).toBe(4);
    expect(j.failed).toBe(148);
    expect(j.seed).toBe(1);
    expect(s.status).toBe(0);
    const k = JSON.parse(s.stdout);
    expect(k.trigger).toBe('random');
    expect(k.sweep).toHaveLength(2);
    expect(k.sweep[1].G).toBeGreaterThanOrEqual(k.sweep[0].G);
    expect(typeof k.G).toBe('number');
  });

  it('exit 2 on alpha < 0, an unknown trigger, an empty graph', async () => {
    const [a, b, c] = await Promise.all([
      run(['cascade', 'motter-lai', '--graph', 'ba:n=50,m=2', '--alpha', '-1', '--json']),
      run(['cascade', 'motter-lai', '--graph', 'ba:n=50,m=2', '--alpha', '1', '--trigger', 'biggest']),
      run(['cascade', 'motter-lai', '--graph', 'er:n=0,p=0.1', '--alpha', '1', '--json']),
    ]);
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/--alpha/);
    expect(b.status).toBe(2);
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/graph/);
  });
});

describe('fragility cascade bundle', () => {
  it('global sharing reproduces F6 (f0 = 0.25, σ = 0.18: U ≈ 0.45); local sharing runs on the graph', async () => {
    // ELS ignores the edges: an edgeless graph of 1e5 nodes is the cheapest host.
    const [r, l] = await Promise.all([
      run([
        'cascade',
        'bundle',
        '--graph',
        'er:n=100000,p=0',
        '--capacity',
        'uniform(0,1)',
        '--load',
        '0.18',
        '--loss',
        '0.25',
        '--seed',
        '1',
        '--json',
      ]),
      run([
        'cascade',
        'bundle',
        '--graph',
        'square:L=30',
        '--capacity',
        'uniform(0,1)',
        '--load',
        '0.05',
        '--sharing',
        'local',
        '--seed',
        '2',
        '--json',
      ]),
    ]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.collapse).toBe(false);
    // one run at N = 1e5: per-run sd of U is about 0.004 this close to σ* (library validation test): 0.45 ± 0.02
    expect(Math.abs(j.U - 0.45)).toBeLessThan(0.02);
    expect(j.waves).toBeGreaterThan(0);
    expect(j.sharing).toBe('global');
    expect(j.seed).toBe(1);
    expect(l.status).toBe(0);
    const k = JSON.parse(l.stdout);
    expect(k.sharing).toBe('local');
    expect(k.U).toBeGreaterThan(0);
    expect(k.U).toBeLessThanOrEqual(1);
    expect(typeof k.collapse).toBe('boolean');
    expect(Number.isInteger(k.waves)).toBe(true);
  });

  it('exit 2 on bad loss, negative capacity support, empty graph, negative load', async () => {
    const rs = await Promise.all([
      run([
        'cascade',
        'bundle',
        '--graph',
        'ba:n=50,m=2',
        '--capacity',
        'uniform(0,1)',
        '--load',
        '0.1',
        '--loss',
        '1.5',
      ]),
      run(['cascade', 'bundle', '--graph', 'ba:n=50,m=2', '--capacity', 'uniform(-1,1)', '--load', '0.1']),
      run(['cascade', 'bundle', '--graph', 'er:n=0,p=0.1', '--capacity', 'uniform(0,1)', '--load', '0.1']),
      run(['cascade', 'bundle', '--graph', 'ba:n=50,m=2', '--capacity', 'uniform(0,1)', '--load', '-0.1']),
    ]);
    expect(rs.map((r) => r.status)).toEqual([2, 2, 2, 2]);
    expect(rs[0].stderr).toMatch(/--loss/);
    expect(rs[1].stderr).toMatch(/capacity/);
    expect(rs[3].stderr).toMatch(/--load/);
  });
});

describe('fragility cascade watts and watts-window', () => {
  it('watts: rows of analytic vs simulated size; watts-window: frequency rows and the analytic window', async () => {
    const [a, b, w] = await Promise.all([
      run([
        'cascade',
        'watts',
        '--law',
        'poisson(7)',
        '--phi',
        '0.18',
        '--seed-fractions',
        '0.001,0.01',
        '--n',
        '5000',
        '--runs',
        '4',
        '--seed',
        '2',
        '--json',
      ]),
      run([
        'cascade',
        'watts',
        '--law',
        'poisson(7)',
        '--phi',
        '0.18',
        '--seed-fractions',
        '0.001,0.01',
        '--n',
        '5000',
        '--runs',
        '4',
        '--seed',
        '2',
        '--json',
      ]),
      run([
        'cascade',
        'watts-window',
        '--phi',
        '0.18',
        '--z',
        '0.5,3',
        '--n',
        '2000',
        '--runs',
        '5',
        '--trials',
        '4',
        '--seed',
        '1',
        '--json',
      ]),
    ]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout); // same seed, same output
    const j = JSON.parse(a.stdout);
    expect(j.model.graph).toBe('er:n=5000,k=7');
    expect(j.rows).toHaveLength(2);
    expect(j.rows[0].seedFraction).toBe(0.001);
    expect(j.rows[1].analytic).toBeGreaterThan(0.99); // ρ0 = 0.01 triggers a global cascade at z = 7
    expect(j.rows[1].mean).toBeGreaterThan(0.99);
    expect(j.rows[1].ci[0]).toBeLessThanOrEqual(j.rows[1].mean);
    expect(w.status).toBe(0);
    const k = JSON.parse(w.stdout);
    expect(k.window.zLower).toBeCloseTo(1.0207, 4);
    expect(k.frequency.map((r: { z: number }) => r.z)).toEqual([0.5, 3]);
    expect(k.frequency[0].analytic).toBe(0);
    expect(k.frequency[1].analytic).toBeGreaterThan(0.8);
  });

  it('exit 2: both or neither of --phi/--thresholds, φ = 0, no law or graph, decreasing fractions', async () => {
    const rs = await Promise.all([
      run(['cascade', 'watts', '--law', 'poisson(3)', '--json']),
      run(['cascade', 'watts', '--law', 'poisson(3)', '--phi', '0.2', '--thresholds', 'uniform(0.1,0.2)', '--json']),
      run(['cascade', 'watts', '--law', 'poisson(3)', '--phi', '0', '--json']),
      run(['cascade', 'watts', '--phi', '0.2', '--json']),
      run(['cascade', 'watts', '--law', 'poisson(3)', '--phi', '0.2', '--seed-fractions', '0.1,0.01', '--json']),
      run(['cascade', 'watts-window', '--phi', '0.2', '--z', '3,2', '--json']),
    ]);
    for (const r of rs) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});

describe('fragility cascade efficiency', () => {
  it('one cascade with its timeline; --alphas adds the replicate line-up; exit 2 on bad input', async () => {
    const [a, c, bad1, bad2] = await Promise.all([
      run(['cascade', 'efficiency', '--graph', 'ba:n=120,m=2', '--alpha', '0.2', '--seed', '1', '--json']),
      run([
        'cascade',
        'efficiency',
        '--graph',
        'ba:n=60,m=2',
        '--alpha',
        '0',
        '--alphas',
        '0,1000',
        '--runs',
        '2',
        '--seed',
        '1',
        '--json',
      ]),
      run(['cascade', 'efficiency', '--graph', 'ba:n=60,m=2', '--alpha', '-0.5', '--json']),
      run(['cascade', 'efficiency', '--graph', 'ba:n=60,m=2', '--alpha', '0', '--alphas', '1,0.5', '--json']),
    ]);
    expect(a.status).toBe(0);
    const j = JSON.parse(a.stdout);
    expect(j.n).toBe(120);
    expect(j.efficiency[0]).toBe(1);
    expect(j.finalEfficiency).toBeLessThanOrEqual(j.noCascadeEfficiency + 1e-12);
    expect(j.noCascadeEfficiency).toBeLessThanOrEqual(1);
    expect(typeof j.period).toBe('number');
    expect(c.status).toBe(0);
    const k = JSON.parse(c.stdout);
    expect(k.compare.rows.map((r: { alpha: number }) => r.alpha)).toEqual([0, 1000]);
    expect(k.compare.rows[1].analytic).toBeCloseTo(k.compare.rows[1].mean, 12); // α = 1000 >= α*: the exact limit
    expect(k.compare.model.literature).toMatch(/Crucitti/);
    for (const r of [bad1, bad2]) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
    }
  });
});
