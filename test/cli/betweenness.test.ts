import { describe, expect, it } from 'vitest';
import { runCliIn } from './in-process.ts';

const run = (args: string[]) => runCliIn(args);

describe('fragility betweenness', () => {
  it('exact: values indexed by node id (pairs counted once) and method; sampled: stderr, same seed ⇒ same JSON', async () => {
    const args = ['betweenness', '--graph', 'ba:n=200,m=2', '--samples', '20', '--seed', '5', '--json'];
    const [e, a, b] = await Promise.all([
      run(['betweenness', '--graph', 'square:L=4,open', '--seed', '1', '--json']),
      run(args),
      run(args),
    ]);
    expect(e.status).toBe(0);
    const j = JSON.parse(e.stdout);
    expect(j.method).toBe('exact');
    expect(j.seed).toBe(1);
    expect(j.values).toHaveLength(16);
    // 4×4 open grid: Σ_v B(v) = Σ_{unordered pairs} (d − 1) = 320 − 120 = 200 (Σ of Manhattan distances over the 120
    // pairs is 2·16·10 = 320).
    expect(j.values.reduce((x: number, y: number) => x + y, 0)).toBeCloseTo(200, 9);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const k = JSON.parse(a.stdout);
    expect(k.method).toBe('sampled');
    expect(k.samples).toBe(20);
    expect(k.values).toHaveLength(200);
    expect(k.stderr).toHaveLength(200);
  });

  it('--workers 2 prints the same JSON as one thread', async () => {
    const args = ['betweenness', '--graph', 'ba:n=1200,m=2', '--seed', '3', '--json'];
    const [one, two] = await Promise.all([run(args), run([...args, '--workers', '2'])]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('exit 2 with the field named on bad input', async () => {
    const [r, s, w] = await Promise.all([
      run(['betweenness', '--graph', 'ba:n=50,m=2', '--samples', '0', '--json']),
      run(['betweenness', '--graph', 'nosuch:n=3', '--json']),
      run(['betweenness', '--graph', 'ba:n=50,m=2', '--workers', '0', '--json']),
    ]);
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/--workers/);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--samples/);
    expect(s.status).toBe(2);
  });
});
