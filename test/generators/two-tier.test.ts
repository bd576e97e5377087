import { describe, expect, it } from 'vitest';
import { twoTierOverlay, twoTierToCompactGraph, ultrapeerOverlay } from '../../src/generators/index.ts';
import { parseCapacityLaw, parseDegreeLaw } from '../../src/distributions/parse.ts';
import { Role } from '../../src/graph/compact-graph.ts';
import { stream } from '../../src/random/stream.ts';

function meanVar(xs: ArrayLike<number>): [number, number] {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < xs.length; i++) {
    s += xs[i];
    s2 += xs[i] * xs[i];
  }
  const mean = s / xs.length;
  return [mean, (s2 - xs.length * mean * mean) / (xs.length - 1)];
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [ma, va] = meanVar(a);
  const [mb, vb] = meanVar(b);
  let c = 0;
  for (let i = 0; i < a.length; i++) c += (a[i] - ma) * (b[i] - mb);
  return c / (a.length - 1) / Math.sqrt(va * vb);
}

describe('twoTierOverlay', () => {
  const S = 1000;
  const C = 800_000;
  const H = 8;
  const o = twoTierOverlay({ supernodes: S, clients: C, coreLaw: 32, cacheSize: H }, stream(42));

  it('every cache row has H distinct supernodes and the active one is cached', () => {
    // Plain loops and one expect at the end: 6.4 M expect() calls would take minutes.
    const problems: string[] = [];
    for (let c = 0; c < C && problems.length < 5; c++) {
      const base = c * H;
      let found = false;
      for (let j = 0; j < H; j++) {
        const s = o.hostCache[base + j];
        if (!(s >= 0 && s < S)) problems.push(`row ${c}: ${s} out of range`);
        for (let i = 0; i < j; i++) if (o.hostCache[base + i] === s) problems.push(`row ${c} repeats ${s}`);
        if (s === o.active[c]) found = true;
      }
      if (!found) problems.push(`client ${c}: active ${o.active[c]} not in its cache`);
    }
    expect(problems).toEqual([]);
  });

  it('the core is an exact 32-regular simple graph and capacities default to 1', () => {
    expect(o.core.n).toBe(S);
    expect(o.core.isSimple).toBe(true);
    for (let s = 0; s < S; s++) expect(o.core.degree(s)).toBe(32);
    expect(Array.from(o.capacity).every((x) => x === 1)).toBe(true);
  });

  it('clients per supernode ~ Binomial(C, 1/S): mean C/S = 800, variance ≈ 799', () => {
    const load = new Float64Array(S);
    for (let c = 0; c < C; c++) load[o.active[c]]++;
    const [mean, variance] = meanVar(load);
    expect(mean).toBeCloseTo(C / S, 10);
    // Sample variance of 1000 near-Poisson(800) counts: sd ≈ 799·sqrt(2/999) ≈ 36; tolerance 5 sd = 180.
    expect(Math.abs(variance - (C / S) * (1 - 1 / S))).toBeLessThan(180);
    // Cache entries per supernode ~ Binomial(C, H/S): mean 6400, variance ≈ 6349, sd of the sample variance ≈ 284.
    const cached = new Float64Array(S);
    for (let i = 0; i < C * H; i++) cached[o.hostCache[i]]++;
    const [cm, cv] = meanVar(cached);
    expect(cm).toBeCloseTo((C * H) / S, 10);
    expect(Math.abs(cv - C * (H / S) * (1 - H / S))).toBeLessThan(5 * 284);
  });

  it('capacity choice: load follows capacity (correlation > 0.95 at 800 clients per supernode)', () => {
    const cap = parseCapacityLaw('uniform(0.5,1.5)');
    const oc = twoTierOverlay(
      { supernodes: S, clients: C, coreLaw: 32, cacheSize: H, choice: 'capacity', capacity: cap },
      stream(7),
    );
    const load = new Float64Array(S);
    for (let c = 0; c < C; c++) load[oc.active[c]]++;
    // Expected load grows roughly linearly in capacity over [0.5, 1.5] (range ≈ ±400) against Poisson noise sd ≈ 28.
    expect(correlation(oc.capacity, load)).toBeGreaterThan(0.95);
    const uniformLoad = new Float64Array(S);
    for (let c = 0; c < C; c++) uniformLoad[o.active[c]]++;
    // And under uniform choice load does not depend on the (all-equal) capacity; check against the capacity-law draw.
    expect(Math.abs(correlation(oc.capacity, uniformLoad))).toBeLessThan(0.15);
  });

  it('a non-regular core law gives an erased configuration model', () => {
    const law = parseDegreeLaw('poisson(10)');
    const ov = twoTierOverlay({ supernodes: 2000, clients: 100, coreLaw: law }, stream(1));
    expect(ov.core.isSimple).toBe(true);
    expect(Math.abs(ov.core.meanDegree - 10)).toBeLessThan(0.5);
    const reg = twoTierOverlay({ supernodes: 2000, clients: 100, coreLaw: parseDegreeLaw('regular(12)') }, stream(1));
    expect(reg.core.maxDegree).toBe(12);
    expect(reg.core.m).toBe(12_000);
  });

  it('the core does not depend on the number of clients (independent streams)', () => {
    const a = twoTierOverlay({ supernodes: 200, clients: 10, coreLaw: 8 }, stream(3));
    const b = twoTierOverlay({ supernodes: 200, clients: 5000, coreLaw: 8 }, stream(3));
    expect(Array.from(a.core.edgeSource)).toEqual(Array.from(b.core.edgeSource));
    expect(Array.from(a.core.edgeTarget)).toEqual(Array.from(b.core.edgeTarget));
  });

  it('twoTierToCompactGraph: supernodes first with roles, clients linked to their cache', () => {
    const small = twoTierOverlay({ supernodes: 50, clients: 300, coreLaw: 4, cacheSize: 3 }, stream(2));
    const g = twoTierToCompactGraph(small);
    expect(g.n).toBe(350);
    expect(g.roles![0]).toBe(Role.Supernode);
    expect(g.roles![50]).toBe(Role.Client);
    expect(g.degree(50)).toBe(3);
    expect(Array.from(g.neighbors(50)).sort()).toEqual(Array.from(small.hostCache.subarray(0, 3)).sort());
    expect(g.capacities![0]).toBe(1);
    expect(g.capacities![50]).toBe(0);
  });
});

describe('ultrapeerOverlay', () => {
  it('LimeWire defaults: 32-regular core, 3 distinct ultrapeers per leaf, ~10·3 leaf slots per ultrapeer', () => {
    const o = ultrapeerOverlay({ ultrapeers: 1000, leaves: 10_000 }, stream(1));
    expect(o.core.maxDegree).toBe(32);
    expect(o.core.m).toBe(16_000);
    expect(o.cacheSize).toBe(3);
    const slots = new Float64Array(1000);
    for (const u of o.hostCache) slots[u]++;
    expect(meanVar(slots)[0]).toBe(30);
    const g = twoTierToCompactGraph(o, { coreRole: Role.Ultrapeer });
    expect(g.roles![0]).toBe(Role.Ultrapeer);
    expect(g.m).toBe(16_000 + 30_000);
  });
});
