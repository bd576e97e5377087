import { describe, expect, it } from 'vitest';
import { graphFromSpec, overlayFromSpec, parseGraphSpec } from '../../src/generators/index.ts';
import { splitTopLevel } from '../../src/generators/spec.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { Role } from '../../src/graph/compact-graph.ts';
import { sameGraph } from './helpers.ts';

const KARATE = new URL('../../data/karate.edges', import.meta.url).pathname;

function specError(spec: string, field: string, allowed: RegExp): void {
  let err: unknown;
  try {
    parseGraphSpec(spec);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FragilityInputError);
  expect((err as FragilityInputError).field).toBe(field);
  expect((err as Error).message).toMatch(allowed);
}

describe('splitTopLevel', () => {
  it('splits on top-level commas only', () => {
    expect(splitTopLevel('n=10,law=powerlaw(2.5,kmin=1,cutoff=100),mode=erased')).toEqual([
      'n=10',
      'law=powerlaw(2.5,kmin=1,cutoff=100)',
      'mode=erased',
    ]);
    expect(splitTopLevel('law=expr("k^-2, x",kmin=1,kmax=5),n=3')).toEqual([
      'law=expr("k^-2, x",kmin=1,kmax=5)',
      'n=3',
    ]);
  });
});

describe('parseGraphSpec', () => {
  it('parses every model of CLI.md', () => {
    expect(parseGraphSpec('er:n=1000,k=4')).toMatchObject({ model: 'er', n: 1000, k: 4, p: 4 / 999 });
    expect(parseGraphSpec('er:n=1000,p=0.01')).toMatchObject({ model: 'er', p: 0.01 });
    expect(parseGraphSpec('er:n=1e3,m=2000')).toMatchObject({ model: 'er', n: 1000, m: 2000 });
    expect(parseGraphSpec('rr:n=100,k=3')).toEqual({ model: 'rr', n: 100, k: 3 });
    const cm = parseGraphSpec('cm:n=500,law=powerlaw(2.5,kmin=2,cutoff=100)');
    expect(cm.model === 'cm' && cm.law.kmin === 2 && cm.mode === 'erased').toBe(true);
    expect(parseGraphSpec('ba:n=100,m=2')).toEqual({ model: 'ba', n: 100, m: 2 });
    expect(parseGraphSpec('ws:n=100,k=4,beta=0.1')).toEqual({ model: 'ws', n: 100, k: 4, beta: 0.1 });
    expect(parseGraphSpec('square:L=10')).toEqual({ model: 'square', L: 10, periodic: true });
    expect(parseGraphSpec('cubic:L=4,open')).toEqual({ model: 'cubic', L: 4, periodic: false });
    expect(parseGraphSpec('honeycomb:L=2')).toMatchObject({ model: 'honeycomb', L: 2 });
    expect(parseGraphSpec('triangular:L=5,open')).toMatchObject({ model: 'triangular', periodic: false });
    const tt = parseGraphSpec('two-tier:clients=21e6,supernodes=26000,sn-law=regular(32),cache=8');
    expect(tt).toMatchObject({
      model: 'two-tier',
      clients: 21_000_000,
      supernodes: 26_000,
      cache: 8,
      choice: 'uniform',
    });
    expect(parseGraphSpec('edges:/tmp/a,b.edges')).toEqual({
      model: 'edges',
      path: '/tmp/a,b.edges',
      selfLoops: 'error',
      duplicates: 'error',
    });
    expect(parseGraphSpec('edges:x.edges,duplicates=drop,self-loops=keep')).toEqual({
      model: 'edges',
      path: 'x.edges',
      selfLoops: 'keep',
      duplicates: 'drop',
    });
    expect(parseGraphSpec('gexf:g.gexf')).toMatchObject({ model: 'gexf', path: 'g.gexf' });
    expect(parseGraphSpec('ultrapeer:ultrapeers=100,leaves=1000')).toMatchObject({ degree: 32, leafConnections: 3 });
  });

  it('rejects unknown models, unknown / missing / out-of-range parameters, naming --graph MODEL: PARAM', () => {
    specError('foo:n=3', '--graph', /one of er: rr:/);
    specError('er:n=10,x=3,k=2', '--graph er: x', /one of n, k, p, m/);
    specError('er:k=3', '--graph er: n', /required/);
    specError('er:n=-5,k=2', '--graph er: n', /an integer >= 0/);
    specError('er:n=10.5,k=2', '--graph er: n', /integer/);
    specError('er:n=10,k=10', '--graph er: k', /\[0, 9\]/);
    specError('er:n=10,p=1.5', '--graph er: p', /\[0, 1\]/);
    specError('er:n=10', '--graph er: k', /exactly one of k/);
    specError('er:n=10,k=2,p=0.1', '--graph er: k', /exactly one of k/);
    specError('rr:n=5,k=3', '--graph rr: k', /even/);
    specError('cm:n=10,law=nosuch(3)', '--graph cm: law', /degree law/);
    specError('cm:n=10', '--graph cm: law', /required/);
    specError('cm:n=10,law=poisson(2),mode=weird', '--graph cm: mode', /erased, multigraph, simple/);
    specError('ws:n=10,k=3,beta=0.1', '--graph ws: k', /even/);
    specError('square:L=2', '--graph square: L', />= 3/);
    specError('square:L=5,closed', '--graph square: closed', /flag open/);
    specError('two-tier:clients=10,supernodes=10', '--graph two-tier: sn-law', /required when supernodes <= 32/);
    specError('two-tier:clients=10,supernodes=50,cache=60', '--graph two-tier: cache', /\[1, 50\]/);
    specError('two-tier:clients=10,supernodes=51,sn-law=regular(3)', '--graph two-tier: sn-law', /even/);
    specError('edges:', '--graph edges: PATH', /file path/);
  });
});

describe('graphFromSpec / overlayFromSpec', () => {
  it('builds each generated model with the requested size, reproducibly', async () => {
    const specs: Array<[string, number, number | null]> = [
      ['er:n=2000,m=3000', 2000, 3000],
      ['rr:n=200,k=4', 200, 400],
      ['ba:n=300,m=2', 300, 3 + 2 * 297],
      ['ws:n=100,k=4,beta=0.2', 100, 200],
      ['square:L=8', 64, 128],
      ['triangular:L=4,open', 16, 33],
      ['honeycomb:L=3', 18, 27],
      ['cubic:L=3', 27, 81],
      ['cm:n=1000,law=poisson(3),mode=multigraph', 1000, null],
      ['er:n=1000,k=4', 1000, null],
    ];
    for (const [spec, n, m] of specs) {
      const g = await graphFromSpec(spec, { seed: 5 });
      expect(g.n).toBe(n);
      if (m !== null) expect(g.m).toBe(m);
      expect(sameGraph(g, await graphFromSpec(spec, { seed: 5 }))).toBe(true);
    }
    expect(
      sameGraph(await graphFromSpec('er:n=1000,k=4', { seed: 5 }), await graphFromSpec('er:n=1000,k=4', { seed: 6 })),
    ).toBe(false);
  });

  it('two-tier: explicit graph with roles, and the same overlay from overlayFromSpec', async () => {
    const spec = 'two-tier:clients=2000,supernodes=40,sn-law=regular(6),cache=3';
    const g = await graphFromSpec(spec, { seed: 2 });
    const o = overlayFromSpec(spec, { seed: 2 });
    expect(g.n).toBe(2040);
    expect(g.m).toBe(120 + 6000);
    expect(g.roles![39]).toBe(Role.Supernode);
    expect(g.roles![40]).toBe(Role.Client);
    expect(Array.from(g.neighbors(40)).sort()).toEqual(Array.from(o.hostCache.subarray(0, 3)).sort());
    const u = await graphFromSpec('ultrapeer:ultrapeers=50,leaves=100,degree=4', { seed: 1 });
    expect(u.roles![0]).toBe(Role.Ultrapeer);
    expect(() => overlayFromSpec('er:n=10,k=2', { seed: 1 })).toThrow(FragilityInputError);
  });

  it('reads edges: files', async () => {
    const g = await graphFromSpec(`edges:${KARATE}`, { seed: 1 });
    expect(g.n).toBe(34);
    expect(g.m).toBe(78);
    await expect(graphFromSpec('edges:/nonexistent/x.edges', { seed: 1 })).rejects.toThrow(FragilityInputError);
  });
});
