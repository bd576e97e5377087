// sweepTwoTier: the served-client count after every addition equals a brute-force count (components by BFS on the
// induced core, then clients with a cached supernode in the largest component; under a tie for the largest, the
// incremental count must equal the count of one of the tied components).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactGraph, Role } from '../../src/graph/compact-graph.ts';
import type { TwoTierOverlay } from '../../src/graph/two-tier-overlay.ts';
import { stream } from '../../src/random/stream.ts';
import { randomOrder } from '../../src/montecarlo/random-order.ts';
import { supernodesFirstOrder } from '../../src/montecarlo/supernodes-first-order.ts';
import { sweepSite } from '../../src/montecarlo/sweep-site.ts';
import { sweepTwoTier } from '../../src/montecarlo/sweep-two-tier.ts';

function makeOverlay(S: number, C: number, H: number, coreEdges: number, seed: number): TwoTierOverlay {
  const rng = stream(seed, 0);
  const pairs: [number, number][] = [];
  for (let i = 0; i < coreEdges; i++) pairs.push([rng.int(S), rng.int(S)]);
  const core = CompactGraph.fromPairs(S, pairs);
  const hostCache = new Int32Array(C * H);
  const active = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    const row = randomOrder(S, rng).subarray(0, H);
    hostCache.set(row, c * H);
    active[c] = row[0];
  }
  return { core, clients: C, cacheSize: H, hostCache, active, capacity: new Float64Array(S).fill(1) };
}

function bruteServed(o: TwoTierOverlay, present: Uint8Array): Set<number> {
  const S = o.core.n;
  const comp = new Int32Array(S).fill(-1);
  const sizes: number[] = [];
  for (let s = 0; s < S; s++) {
    if (!present[s] || comp[s] >= 0) continue;
    const id = sizes.length;
    let size = 0;
    const stack = [s];
    comp[s] = id;
    while (stack.length) {
      const x = stack.pop()!;
      size++;
      for (const y of o.core.neighbors(x))
        if (present[y] && comp[y] < 0) {
          comp[y] = id;
          stack.push(y);
        }
    }
    sizes.push(size);
  }
  const L = Math.max(0, ...sizes);
  const out = new Set<number>();
  sizes.forEach((sz, id) => {
    if (sz !== L) return;
    let served = 0;
    for (let c = 0; c < o.clients; c++) {
      let ok = false;
      for (let j = 0; j < o.cacheSize; j++) if (comp[o.hostCache[c * o.cacheSize + j]] === id) ok = true;
      if (ok) served++;
    }
    out.add(served);
  });
  if (sizes.length === 0) out.add(0);
  return out;
}

describe('sweepTwoTier', () => {
  it('served clients equal the brute-force count at every step; core observables equal sweepSite', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 1e6 }),
        (S, C, Hraw, E, seed) => {
          const H = Math.min(Hraw, S);
          const o = makeOverlay(S, C, H, E, seed);
          const order = randomOrder(S, stream(seed, 1));
          const res = sweepTwoTier(o, order);
          const site = sweepSite(o.core, order);
          expect(Array.from(res.largest)).toEqual(Array.from(site.largest));
          expect(Array.from(res.second)).toEqual(Array.from(site.second));
          const present = new Uint8Array(S);
          expect(res.served[0]).toBe(0);
          for (let k = 1; k <= S; k++) {
            present[order[S - k]] = 1;
            expect(bruteServed(o, present).has(res.served[k])).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  it('a CompactGraph with roles gives the same answer as the overlay', () => {
    const o = makeOverlay(12, 30, 3, 20, 5);
    const S = 12;
    const pairs: [number, number][] = [];
    for (let e = 0; e < o.core.m; e++) pairs.push([o.core.edgeSource[e], o.core.edgeTarget[e]]);
    for (let c = 0; c < o.clients; c++) for (let j = 0; j < 3; j++) pairs.push([S + c, o.hostCache[c * 3 + j]]);
    const roles = new Uint8Array(S + o.clients).fill(Role.Client);
    roles.fill(Role.Supernode, 0, S);
    const g = CompactGraph.fromPairs(S + o.clients, pairs, { roles });
    const order = supernodesFirstOrder(g, stream(3, 0)).subarray(0, S);
    const a = sweepTwoTier(g, order);
    const b = sweepTwoTier(o, order);
    expect(Array.from(a.served)).toEqual(Array.from(b.served));
    expect(a.served[S]).toBeLessThanOrEqual(o.clients);
    expect(() => sweepTwoTier(g, [S, ...Array.from(order.subarray(1))])).toThrow(/supernodeOrder/);
    expect(() => sweepTwoTier(o, [0, 0, 1])).toThrow(/supernodeOrder/);
  });
});
