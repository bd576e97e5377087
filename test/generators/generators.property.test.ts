import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  barabasiAlbert,
  configurationModel,
  cubicLattice,
  erdosRenyi,
  erdosRenyiM,
  honeycombLattice,
  randomRegular,
  squareLattice,
  triangularLattice,
  twoTierOverlay,
  twoTierToCompactGraph,
  ultrapeerOverlay,
  wattsStrogatz,
} from '../../src/generators/index.ts';
import { fromGraphology, toGraphology } from '../../src/graph/graphology-adapter.ts';
import type { CompactGraph } from '../../src/graph/compact-graph.ts';
import { stream, type Rng } from '../../src/random/stream.ts';
import { firstFailure } from '../support/first-failure.ts';
import { degreeSum, sameGraph } from './helpers.ts';

const RUNS = 40;
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** Checks shared by every generator: degree sum, graphology round trip. */
function basic(g: CompactGraph): void {
  expect(degreeSum(g)).toBe(2 * g.m);
  expect(g.offsets[g.n]).toBe(2 * g.m);
  const back = fromGraphology(toGraphology(g));
  expect(sameGraph(back, g)).toBe(true);
  expect(back.keys).toEqual(g.keys);
  expect(back.roles).toEqual(g.roles);
}

/** Same seed ⇒ identical graph; different seeds ⇒ different graph (when `varies`). */
function reproducible(make: (rng: Rng) => CompactGraph, s: number, varies: boolean): void {
  const a = make(stream(s));
  expect(sameGraph(a, make(stream(s)))).toBe(true);
  if (varies) expect(sameGraph(a, make(stream(s + 1)))).toBe(false);
}

describe('generator properties (fast-check)', () => {
  it('erdosRenyi G(n,p): simple, n honoured, reproducible', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 1, noNaN: true }), seed, (n, p, s) => {
        const g = erdosRenyi(n, p, stream(s));
        expect(g.n).toBe(n);
        expect(g.isSimple).toBe(true);
        basic(g);
        // Distinct seeds give distinct graphs when the graph has many random pairs (n ≥ 30, p in [0.2, 0.8]).
        reproducible((r) => erdosRenyi(n, p, r), s, n >= 30 && p >= 0.2 && p <= 0.8);
      }),
      { numRuns: RUNS },
    );
  });

  it('erdosRenyiM G(n,m): exactly m edges, simple (sparse and dense branches)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 120 }), fc.double({ min: 0, max: 1, noNaN: true }), seed, (n, frac, s) => {
        const m = Math.floor(frac * ((n * (n - 1)) / 2));
        const g = erdosRenyiM(n, m, stream(s));
        expect(g.n).toBe(n);
        expect(g.m).toBe(m);
        expect(g.isSimple).toBe(true);
        basic(g);
        reproducible((r) => erdosRenyiM(n, m, r), s, n >= 20 && frac > 0.1 && frac < 0.9);
      }),
      { numRuns: RUNS },
    );
  });

  it('configurationModel: multigraph/simple keep degrees exactly, erased only lowers them', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 200 }), seed, (arr, s) => {
        const degrees = Int32Array.from(arr);
        let sum = 0;
        for (const d of arr) sum += d;
        if (sum % 2 === 1) degrees[0]++;
        const multi = configurationModel(degrees, stream(s), { mode: 'multigraph' });
        expect(Array.from(multi.degrees())).toEqual(Array.from(degrees));
        basic(multi);
        const erased = configurationModel(degrees, stream(s), { mode: 'erased' });
        expect(erased.isSimple).toBe(true);
        const ed = erased.degrees();
        expect(
          firstFailure(
            degrees.length,
            (u) => ed[u] <= degrees[u],
            (u) => `node ${u}: erased degree ${ed[u]} > ${degrees[u]}`,
          ),
        ).toBeUndefined();
        basic(erased);
        // Distinct seeds: with >= 20 nodes of positive degree and >= 40 stubs a repeated matching is negligible.
        const active = arr.filter((d) => d > 0).length;
        reproducible((r) => configurationModel(degrees, r, { mode: 'multigraph' }), s, active >= 20 && sum >= 40);
      }),
      { numRuns: RUNS },
    );
  });

  it('configurationModel simple mode: degrees exact and simple', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 200 }), seed, (n, s) => {
        // degrees 1..3 with an even sum are graphical for n >= 10 and simple matchings are common.
        const r = stream(s, 7);
        const degrees = Int32Array.from({ length: n }, () => 1 + r.int(3));
        let sum = 0;
        for (const d of degrees) sum += d;
        if (sum % 2 === 1) degrees[0] = degrees[0] === 3 ? 2 : degrees[0] + 1;
        const g = configurationModel(degrees, stream(s), { mode: 'simple' });
        expect(g.isSimple).toBe(true);
        expect(Array.from(g.degrees())).toEqual(Array.from(degrees));
        basic(g);
      }),
      { numRuns: 25 },
    );
  });

  it('randomRegular: simple, every degree k, m = n·k/2', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 0, max: 12 }), seed, (n, kRaw, s) => {
        let k = Math.min(kRaw, n - 1);
        if ((n * k) % 2 === 1) k--;
        const g = randomRegular(n, k, stream(s));
        expect(g.n).toBe(n);
        expect(g.m).toBe((n * k) / 2);
        expect(g.isSimple).toBe(true);
        expect(
          firstFailure(
            n,
            (u) => g.degree(u) === k,
            (u) => `node ${u}: degree ${g.degree(u)}`,
          ),
        ).toBeUndefined();
        basic(g);
        reproducible((r) => randomRegular(n, k, r), s, n >= 30 && k >= 2 && k <= n - 4);
      }),
      { numRuns: RUNS },
    );
  });

  it('barabasiAlbert: no multi-edges, m = m(m+1)/2 + m(n − m − 1), min degree m', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 300 }), seed, (m, extra, s) => {
        const n = m + 1 + extra;
        const g = barabasiAlbert(n, m, stream(s));
        expect(g.n).toBe(n);
        expect(g.m).toBe((m * (m + 1)) / 2 + m * (n - m - 1));
        expect(g.isSimple).toBe(true);
        expect(
          firstFailure(
            n,
            (u) => g.degree(u) >= m,
            (u) => `node ${u}: degree ${g.degree(u)} < ${m}`,
          ),
        ).toBeUndefined();
        basic(g);
        reproducible((r) => barabasiAlbert(n, m, r), s, extra >= 30 && m >= 2);
      }),
      { numRuns: RUNS },
    );
  });

  it('barabasiAlbert from an initial graph keeps it as a prefix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), seed, (extra, s) => {
        const initial = squareLattice(3);
        const g = barabasiAlbert(9 + extra, 2, stream(s), { initial });
        expect(g.m).toBe(initial.m + 2 * extra);
        expect(
          firstFailure(
            initial.m,
            (e) => g.edgeSource[e] === initial.edgeSource[e] && g.edgeTarget[e] === initial.edgeTarget[e],
            (e) =>
              `edge ${e}: ${g.edgeSource[e]}–${g.edgeTarget[e]}, initial ${initial.edgeSource[e]}–${initial.edgeTarget[e]}`,
          ),
        ).toBeUndefined();
        expect(g.isSimple).toBe(true);
        basic(g);
      }),
      { numRuns: 20 },
    );
  });

  it('wattsStrogatz: simple, m = n·k/2, beta = 0 is the ring', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        seed,
        (n, half, beta, s) => {
          const k = Math.min(2 * half, n - 1 - ((n - 1) % 2));
          const g = wattsStrogatz(n, k, beta, stream(s));
          expect(g.n).toBe(n);
          expect(g.m).toBe((n * k) / 2);
          expect(g.isSimple).toBe(true);
          basic(g);
          if (beta === 0)
            expect(
              firstFailure(
                n,
                (u) => g.degree(u) === k,
                (u) => `node ${u}: degree ${g.degree(u)}`,
              ),
            ).toBeUndefined();
          reproducible((r) => wattsStrogatz(n, k, beta, r), s, n >= 50 && k >= 2 && beta >= 0.2);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('lattices: exact degrees when periodic, simple, deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), fc.boolean(), (L, periodic) => {
        const cases: Array<[CompactGraph, number, number, number]> = [
          [squareLattice(L, { periodic }), L * L, 4, periodic ? 2 * L * L : 2 * L * (L - 1)],
          [triangularLattice(L, { periodic }), L * L, 6, periodic ? 3 * L * L : 3 * L * L - 4 * L + 1],
          [honeycombLattice(L, { periodic }), 2 * L * L, 3, periodic ? 3 * L * L : 3 * L * L - 2 * L],
          [cubicLattice(L, { periodic }), L * L * L, 6, periodic ? 3 * L * L * L : 3 * L * L * (L - 1)],
        ];
        for (const [g, n, deg, m] of cases) {
          expect(g.n).toBe(n);
          expect(g.m).toBe(m);
          expect(g.isSimple).toBe(true);
          if (periodic)
            expect(
              firstFailure(
                n,
                (u) => g.degree(u) === deg,
                (u) => `node ${u}: degree ${g.degree(u)}`,
              ),
            ).toBeUndefined();
          else expect(g.maxDegree).toBe(deg);
          basic(g);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('two-tier overlay and ultrapeer overlay: rows distinct, active cached, explicit graph consistent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 60 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('uniform' as const, 'capacity' as const),
        seed,
        (S, C, Hraw, choice, s) => {
          const H = Math.min(Hraw, S);
          const k = 4; // even, so any S works
          const make = (r: Rng) => twoTierOverlay({ supernodes: S, clients: C, coreLaw: k, cacheSize: H, choice }, r);
          const o = make(stream(s));
          expect(o.hostCache.length).toBe(C * H);
          // every client's row: H distinct supernodes in [0, S), its active one among them
          const row = (c: number) => Array.from(o.hostCache.subarray(c * H, c * H + H));
          expect(
            firstFailure(
              C,
              (c) => new Set(row(c)).size === H && row(c).every((x) => x >= 0 && x < S) && row(c).includes(o.active[c]),
              (c) => `client ${c}: row [${row(c)}], active ${o.active[c]}`,
            ),
          ).toBeUndefined();
          const g = twoTierToCompactGraph(o);
          expect(g.n).toBe(S + C);
          expect(g.m).toBe(o.core.m + C * H);
          expect(g.isSimple).toBe(true);
          basic(g);
          const o2 = make(stream(s));
          expect(Array.from(o2.hostCache)).toEqual(Array.from(o.hostCache));
          expect(Array.from(o2.active)).toEqual(Array.from(o.active));
          if (C >= 50) expect(Array.from(make(stream(s + 1)).hostCache)).not.toEqual(Array.from(o.hostCache));

          const u = ultrapeerOverlay(
            { ultrapeers: S, leaves: C, ultrapeerDegree: 4, leafConnections: Math.min(3, S) },
            stream(s),
          );
          const leafRow = (c: number) => u.hostCache.subarray(c * u.cacheSize, (c + 1) * u.cacheSize);
          expect(
            firstFailure(
              C,
              (c) => new Set(leafRow(c)).size === u.cacheSize,
              (c) => `leaf ${c}: row [${leafRow(c)}] not ${u.cacheSize} distinct`,
            ),
          ).toBeUndefined();
          expect(u.core.maxDegree).toBe(4);
        },
      ),
      { numRuns: 30 },
    );
  });
});
