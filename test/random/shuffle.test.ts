import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomPermutation, sampleWithoutReplacement, shuffleInPlace, stream } from '../../src/random/index.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { chiSquare, chiSquareCritical } from './chi-square.ts';
import { firstFailure } from '../support/first-failure.ts';

describe('shuffleInPlace / randomPermutation', () => {
  it('all 24 permutations of 4 items are equally likely (chi-square, significance 1e-4)', () => {
    const r = stream(31);
    const counts = new Float64Array(24);
    const N = 120_000;
    const a = new Int32Array(4);
    for (let i = 0; i < N; i++) {
      a.set([0, 1, 2, 3]);
      shuffleInPlace(r, a);
      // Lehmer code → index in [0, 24)
      let code = 0;
      for (let j = 0; j < 4; j++) {
        let smaller = 0;
        for (let l = j + 1; l < 4; l++) if (a[l] < a[j]) smaller++;
        code = code * (4 - j) + smaller;
      }
      counts[code]++;
    }
    const { stat, df } = chiSquare(counts, new Float64Array(24).fill(1 / 24), N);
    expect(df).toBe(23);
    expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
  });

  it('works on plain arrays and keeps the multiset', () => {
    const arr = ['a', 'b', 'c', 'd', 'e'];
    const out = shuffleInPlace(stream(2), arr);
    expect(out).toBe(arr);
    expect([...arr].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('randomPermutation is a permutation, deterministic per seed (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 1000 }), (n, seed) => {
        const p = randomPermutation(stream(seed), n);
        const q = randomPermutation(stream(seed), n);
        expect(p).toEqual(q);
        const sorted = Array.from(p).sort((x, y) => x - y);
        expect(sorted).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a bad n', () => {
    expect(() => randomPermutation(stream(1), -1)).toThrow(FragilityInputError);
    expect(() => randomPermutation(stream(1), 1.5)).toThrow(/n/);
  });
});

describe('sampleWithoutReplacement', () => {
  it('returns k distinct sorted values in [0, n) (property, both algorithms)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 1e6 }),
        (n, frac, seed) => {
          const k = Math.floor(frac * n);
          const s = sampleWithoutReplacement(stream(seed), n, k);
          expect(s.length).toBe(k);
          // in [0, n) and strictly increasing (so distinct and sorted)
          expect(
            firstFailure(
              k,
              (i) => s[i] >= 0 && s[i] < n && (i === 0 || s[i] > s[i - 1]),
              (i) => `s[${i}] = ${s[i]} (s[${i - 1}] = ${s[i - 1]}, n = ${n})`,
            ),
          ).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('each element is included with probability k/n (Floyd branch k = 3, n = 40; chi-square, significance 1e-4)', () => {
    const n = 40;
    const k = 3;
    const r = stream(32);
    const counts = new Float64Array(n);
    const N = 40_000;
    for (let i = 0; i < N; i++) for (const v of sampleWithoutReplacement(r, n, k)) counts[v]++;
    // Inclusion counts summed over draws: each cell expects N·k/n; treat as multinomial over N·k picks
    // (conservative: the without-replacement dependence reduces the variance).
    const { stat, df } = chiSquare(counts, new Float64Array(n).fill(1 / n), N * k);
    expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
  });

  it('all 10 2-subsets of 5 are equally likely (partial shuffle branch; chi-square, significance 1e-4)', () => {
    const r = stream(33);
    const counts = new Float64Array(25);
    const N = 50_000;
    for (let i = 0; i < N; i++) {
      const [a, b] = sampleWithoutReplacement(r, 5, 2);
      counts[a * 5 + b]++;
    }
    const cells: number[] = [];
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) cells.push(counts[a * 5 + b]);
    expect(cells.reduce((x, y) => x + y, 0)).toBe(N);
    const { stat, df } = chiSquare(cells, new Float64Array(10).fill(0.1), N);
    expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
  });

  it('rejects k > n and bad integers', () => {
    expect(() => sampleWithoutReplacement(stream(1), 5, 6)).toThrow(/k/);
    expect(() => sampleWithoutReplacement(stream(1), -5, 0)).toThrow(FragilityInputError);
  });
});
