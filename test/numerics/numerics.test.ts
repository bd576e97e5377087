// The numerics home (issue 17 point 3): one FNV-1a, one normal quantile contract, one Wilson interval, one partial
// Fisher–Yates, one union–find. Each is checked against an independent reference written here (the copies it
// replaced), so a change of its values shows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, FNV_PRIME, fnv1aString, fnv1aWordBytes, fnv1aWords } from '../../src/numerics/hash.ts';
import { standardNormalCdf, standardNormalQuantile } from '../../src/numerics/normal.ts';
import { normalQuantile, wilsonInterval, wilsonScore } from '../../src/numerics/statistics.ts';
import { identityPermutation, partialShuffle } from '../../src/random/shuffle.ts';
import { sampleWithoutReplacement } from '../../src/random/sample-without-replacement.ts';
import { stream } from '../../src/random/stream.ts';
import { UnionFind } from '../../src/graph/union-find.ts';
import { firstFailure } from '../support/first-failure.ts';

/** Byte-wise FNV-1a over a byte array: the published definition. */
function fnvBytesReference(bytes: ArrayLike<number>): number {
  let h = 2166136261;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Number((BigInt(h) * 16777619n) % 4294967296n);
  }
  return h >>> 0;
}

describe('FNV-1a (src/numerics/hash.ts)', () => {
  it('matches the published 32-bit test vectors', () => {
    // Source: FNV test suite (isthe.com/chongo/tech/comp/fnv): FNV-1a 32 of "" = 0x811c9dc5, "a" = 0xe40c292c,
    // "foobar" = 0xbf9cf968.
    expect(fnv1aString('')).toBe(0x811c9dc5);
    expect(fnv1aString('a')).toBe(0xe40c292c);
    expect(fnv1aString('foobar')).toBe(0xbf9cf968);
    expect(FNV_OFFSET).toBe(2166136261);
    expect(FNV_PRIME).toBe(16777619);
  });

  it('fnv1aWordBytes is byte-wise FNV-1a over the little-endian bytes, and chains', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 20 }),
        fc.nat(20),
        (xs, cut) => {
          const words = Int32Array.from(xs);
          const bytes = new Uint8Array(words.buffer.slice(0)); // little-endian on every supported platform
          const whole = fnv1aWordBytes(words);
          expect(whole).toBe(fnvBytesReference(bytes));
          const k = Math.min(cut, words.length);
          expect(fnv1aWordBytes(words.subarray(k), fnv1aWordBytes(words.subarray(0, k)))).toBe(whole);
        },
      ),
    );
  });

  it('fnv1aWords steps once per word (the .fgb checksum and the pool key)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 20 }), (xs) => {
        let h = 2166136261n;
        for (const x of xs) h = ((h ^ BigInt(x >>> 0)) * 16777619n) % 4294967296n;
        expect(fnv1aWords(Int32Array.from(xs))).toBe(Number(h));
      }),
    );
  });
});

describe('normal quantile: one implementation, one contract', () => {
  it('normalQuantile is standardNormalQuantile: NaN outside [0, 1], ±Infinity at the ends', () => {
    for (const p of [1e-300, 1e-10, 0.01, 0.3, 0.5, 0.975, 1 - 1e-12])
      expect(normalQuantile(p)).toBe(standardNormalQuantile(p));
    for (const p of [-0.1, 1.1, NaN]) {
      expect(normalQuantile(p)).toBeNaN();
      expect(standardNormalQuantile(p)).toBeNaN();
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    // tolerance 1e-14 absolute; source: Φ⁻¹(0.975) = 1.959963984540054 (NIST DLMF tables, 16 digits)
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThan(1e-14);
    expect(Math.abs(standardNormalCdf(normalQuantile(0.2)) - 0.2)).toBeLessThan(1e-15);
  });
});

describe('Wilson interval: one formula', () => {
  it('wilsonInterval is wilsonScore at z = Φ⁻¹((1 + level)/2), and validates its inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (n, f, level) => {
          const k = Math.floor(f * n);
          const ci = wilsonInterval(k, n, level);
          expect(ci).toEqual(wilsonScore(k, n, standardNormalQuantile((1 + level) / 2)));
          expect(ci[0]).toBeGreaterThanOrEqual(0);
          expect(ci[1]).toBeLessThanOrEqual(1);
          expect(ci[0]).toBeLessThanOrEqual(k / n + 1e-12);
          expect(ci[1]).toBeGreaterThanOrEqual(k / n - 1e-12);
        },
      ),
    );
    // E. B. Wilson (1927): 20/20 at 95 % gives [0.8389, 1] (4 digits)
    expect(wilsonInterval(20, 20)[0]).toBeCloseTo(0.8389, 4);
    expect(() => wilsonInterval(3, 10, 1.5)).toThrow(/level/);
    expect(wilsonScore(0, 0, 1.96)).toEqual([0, 1]);
  });
});

describe('partial Fisher–Yates (src/random/shuffle.ts)', () => {
  it('fixes k places with one draw each, in order, calling onPick between draws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.nat(60), fc.integer(), (n, kk, seed) => {
        const k = Math.min(kk, n);
        const a = identityPermutation(n);
        const picks: number[] = [];
        partialShuffle(stream(seed), a, k, (v, i) => picks.push(v * 1000 + i));
        // a permutation of 0..n−1
        expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(identityPermutation(n)));
        expect(picks).toEqual(Array.from(a.subarray(0, k), (v, i) => v * 1000 + i));
        // the reference loop (the copies it replaced), same stream
        const ref = identityPermutation(n);
        const rng = stream(seed);
        for (let i = 0; i < k; i++) {
          const j = i + rng.int(n - i);
          const t = ref[i];
          ref[i] = ref[j];
          ref[j] = t;
        }
        expect(Array.from(a)).toEqual(Array.from(ref));
      }),
    );
  });

  it('sampleWithoutReplacement keeps its values on the shuffle branch (k > n/8)', () => {
    const rng = stream(7);
    const ref = identityPermutation(50);
    for (let i = 0; i < 20; i++) {
      const j = i + rng.int(50 - i);
      const t = ref[i];
      ref[i] = ref[j];
      ref[j] = t;
    }
    expect(Array.from(sampleWithoutReplacement(stream(7), 50, 20))).toEqual(
      Array.from(ref.subarray(0, 20)).sort((x, y) => x - y),
    );
  });
});

describe('union–find (src/graph/union-find.ts)', () => {
  it('agrees with a brute-force labelling on random unions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.tuple(fc.nat(29), fc.nat(29)), { maxLength: 40 }),
        (n, pairs) => {
          const uf = new UnionFind(n);
          const label = Array.from({ length: n }, (_, i) => i);
          for (const [a0, b0] of pairs) {
            const a = a0 % n;
            const b = b0 % n;
            const apart = label[a] !== label[b];
            expect(uf.union(a, b)).toBe(apart);
            if (apart) {
              const from = label[a];
              for (let i = 0; i < n; i++) if (label[i] === from) label[i] = label[b];
            }
          }
          // every pair (i, j): same root exactly when same label
          const i = (p: number) => Math.floor(p / n);
          const j = (p: number) => p % n;
          expect(
            firstFailure(
              n * n,
              (p) => (uf.find(i(p)) === uf.find(j(p))) === (label[i(p)] === label[j(p)]),
              (p) =>
                `pair (${i(p)}, ${j(p)}): same root ${uf.find(i(p)) === uf.find(j(p))}, same label ${label[i(p)] === label[j(p)]}`,
            ),
          ).toBeUndefined();
          expect(Array.from({ length: n }, (_, i) => i).filter((i) => uf.isRoot(i)).length).toBe(new Set(label).size);
        },
      ),
    );
  });
});
