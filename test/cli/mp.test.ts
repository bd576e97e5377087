import { describe, it, expect } from 'vitest';
import { runCliIn, runJsonIn } from './in-process.ts';

describe('fragility mp', () => {
  it('karate club: lambdaNB, pc, S and the convergence report', async () => {
    const j = await runJsonIn(['mp', '--graph', 'edges:test/fixtures/karate.edges', '--mode', 'bond', '--q', '0.5']);
    expect(j.n).toBe(34);
    expect(j.m).toBe(78);
    expect(Math.abs((j.lambdaNB as number) - 5.2927806445)).toBeLessThan(1e-8);
    expect(j.pc as number).toBeCloseTo(0.188937, 6);
    expect(j.S as number).toBeCloseTo(0.8425210826719719, 10);
    expect(j.converged).toBe(true);
    expect(typeof j.iterations).toBe('number');
  });

  it('random 3-regular graph, site (G7 value), seed echoed', async () => {
    const s = await runJsonIn(['mp', '--graph', 'rr:n=3000,k=3', '--mode', 'site', '--q', '0.75', '--seed', '3']);
    expect(s.S as number).toBeCloseTo(0.722222, 6);
    expect(s.lambdaNB as number).toBeCloseTo(2, 9);
    expect(s.seed).toBe(3);
  });

  it('a tree: lambdaNB = 0, pc = null with a reason, no S without --q', async () => {
    const j = await runJsonIn(['mp', '--graph', 'ba:n=100,m=1']);
    expect(j.lambdaNB).toBe(0);
    expect(j.pc).toBeNull();
    expect(j.reason).toMatch(/no cycle/);
    expect(j).not.toHaveProperty('S');
  });

  it('--loops: the loop-corrected S, the largest-component share and the work report', async () => {
    const t = await runJsonIn(['mp', '--graph', 'edges:data/karate.edges', '--mode', 'bond', '--q', '0.5']);
    const r0 = await runJsonIn([
      'mp',
      '--graph',
      'edges:data/karate.edges',
      '--mode',
      'bond',
      '--q',
      '0.5',
      '--loops',
      '0',
    ]);
    // r = 0 is the tree-like fixed point (two iterations, tolerance 1e-12 per sweep).
    expect(Math.abs((r0.S as number) - (t.S as number))).toBeLessThan(1e-9);
    const r1 = await runJsonIn([
      'mp',
      '--graph',
      'edges:data/karate.edges',
      '--mode',
      'bond',
      '--q',
      '0.5',
      '--loops',
      '1',
      '--seed',
      '2',
    ]);
    expect(r1.method).toMatch(/r = 1/);
    expect(r1.S as number).toBeLessThan(t.S as number); // triangles make redundant paths: the tree-like S is too high
    expect(r1.SLargestComponent).toBe(r1.S); // karate is connected
    expect(r1.largestComponent).toBe(34);
    const loops = r1.loops as Record<string, unknown>;
    expect(loops.r).toBe(1);
    expect(loops.samples).toBe(4000);
    expect(typeof loops.sampledFactors).toBe('number');
  });

  it('--loops needs --q; --loops 3 is refused', async () => {
    for (const args of [
      ['mp', '--graph', 'edges:data/karate.edges', '--loops', '1'],
      ['mp', '--graph', 'edges:data/karate.edges', '--q', '0.5', '--loops', '3'],
    ]) {
      const r = await runCliIn([...args, '--json']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--q|--loops/);
    }
  });

  it('exit 2 for bad input', async () => {
    for (const args of [
      ['mp', '--graph', 'edges:test/fixtures/karate.edges', '--q', '1.5'],
      ['mp', '--graph', 'nosuchmodel:n=10'],
      ['mp', '--graph', 'edges:test/fixtures/does-not-exist.edges'],
    ]) {
      const r = await runCliIn([...args, '--json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.length).toBeGreaterThan(0);
    }
  });
});
