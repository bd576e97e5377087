import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stream, Rng } from '../../src/random/stream.ts';
import { firstFailure } from '../support/first-failure.ts';

describe('stream(seed, index)', () => {
  it('golden: the first outputs of stream(1, 0) are fixed forever', () => {
    const r = stream(1, 0);
    const got = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    // Frozen from the first implementation (xoshiro128** seeded by SplitMix64 of (seed, index)).
    expect(got).toEqual(GOLDEN_1_0);
  });

  it('same (seed, index) gives the same sequence; different ones differ', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(1e6), (seed, index) => {
        const a = stream(seed, index);
        const b = stream(seed, index);
        const c = stream(seed, index + 1);
        const xa = [a.next(), a.next(), a.next()];
        expect([b.next(), b.next(), b.next()]).toEqual(xa);
        expect([c.next(), c.next(), c.next()]).not.toEqual(xa);
      }),
    );
  });

  it('next() lies in [0, 1) and nextOpen() in (0, 1]', () => {
    const r = stream(7, 3);
    // draws in the order the loop made them: next(), nextOpen(), next(), …
    const draws = Array.from({ length: 20000 }, (_, i) => (i % 2 === 0 ? r.next() : r.nextOpen()));
    expect(
      firstFailure(
        draws.length,
        (i) => (i % 2 === 0 ? draws[i] >= 0 && draws[i] < 1 : draws[i] > 0 && draws[i] <= 1),
        (i) => `draw ${i >> 1}: ${i % 2 === 0 ? 'next()' : 'nextOpen()'} = ${draws[i]}`,
      ),
    ).toBeUndefined();
  });

  it('int(n) is uniform: chi-square over 10 cells at n = 1e5 draws', () => {
    const r = stream(11, 0);
    const cells = 10;
    const draws = 100_000;
    const counts = new Array(cells).fill(0);
    for (let i = 0; i < draws; i++) counts[r.int(cells)]++;
    const expected = draws / cells;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: P(chi2 > 27.88) = 0.001, so a correct generator fails this 1 time in 1000 seeds;
    // the seed is fixed, so the test is deterministic.
    expect(chi2).toBeLessThan(27.88);
    // a non-power-of-two range above 2^31 and one above 2^32 stay in range
    const bounds = [3_000_000_000, 2 ** 40 + 3];
    const ints = Array.from({ length: 2000 }, (_, i) => r.int(bounds[i % 2]));
    expect(
      firstFailure(
        ints.length,
        (i) => ints[i] >= 0 && ints[i] < bounds[i % 2] && Number.isInteger(ints[i]),
        (i) => `draw ${i >> 1}: int(${bounds[i % 2]}) = ${ints[i]}`,
      ),
    ).toBeUndefined();
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => new Rng(1.5)).toThrow(/seed/);
    expect(() => new Rng(1, -1)).toThrow(/index/);
  });
});

const GOLDEN_1_0 = [3314038723, 1195724289, 3751949849];
