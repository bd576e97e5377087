import { describe, expect, it } from 'vitest';
import { type Rng, stream } from '../../src/random/index.ts';
import { chiSquare, chiSquareCritical } from './chi-square.ts';

describe('stream(seed, index)', () => {
  it('xoshiro128** core matches the reference vector for state {1, 2, 3, 4}', () => {
    // Reference output of Blackman & Vigna's xoshiro128starstar.c seeded with s = {1, 2, 3, 4}.
    const r = stream(1);
    // The state words are private; overwrite them at run time to reach the published test vector.
    Object.assign(r as object, { s0: 1, s1: 2, s2: 3, s3: 4 });
    expect(Array.from({ length: 6 }, () => r.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  it('golden first values of stream(42, 0) and stream(42, 1)', () => {
    const a = stream(42, 0);
    const b = stream(42, 1);
    expect([a.nextUint32(), a.nextUint32(), a.nextUint32(), a.nextUint32()]).toEqual([
      1552505907, 4113083374, 3991650357, 132206321,
    ]);
    expect([b.nextUint32(), b.nextUint32(), b.nextUint32(), b.nextUint32()]).toEqual([
      2809194288, 1703394582, 4072402654, 1409198084,
    ]);
    expect(stream(42, 0).next()).toBe(0.36147095231452464);
    expect(stream(42, 1).next()).toBe(0.6540665134534422);
  });

  it('same (seed, index) gives the same sequence; different index or seed a different one', () => {
    const draw = (r: Rng) => Array.from({ length: 100 }, () => r.nextUint32());
    expect(draw(stream(42, 7))).toEqual(draw(stream(42, 7)));
    expect(draw(stream(42, 7))).not.toEqual(draw(stream(42, 8)));
    expect(draw(stream(42, 7))).not.toEqual(draw(stream(43, 7)));
  });

  it('next() is in [0, 1) and nextOpen() in (0, 1]', () => {
    const r = stream(5, 0);
    let ok = true;
    for (let i = 0; i < 100_000; i++) {
      const u = r.next();
      const v = r.nextOpen();
      ok &&= u >= 0 && u < 1 && v > 0 && v <= 1;
    }
    expect(ok).toBe(true);
  });

  it('int(n) is unbiased (chi-square, significance 1e-4) for n = 7, 10, 1000 and a non-power-of-two near 2^32', () => {
    // 2e5 draws per case; with a fixed seed the test is deterministic, and a correct sampler fails with
    // probability 1e-4 per case over seeds.
    for (const n of [7, 10, 1000]) {
      const r = stream(2024, n);
      const draws = 200_000;
      const counts = new Float64Array(n);
      for (let i = 0; i < draws; i++) counts[r.int(n)]++;
      const { stat, df } = chiSquare(counts, new Float64Array(n).fill(1 / n), draws);
      expect(df).toBe(n - 1);
      expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
    }
    // n = 3·2^30: a plain `nextUint32() % n` would give [0, 2^30) probability 1/2 instead of 1/3. Bin by thirds.
    const n = 3 * 2 ** 30;
    const r = stream(2024, 1);
    const counts = new Float64Array(3);
    let ok = true;
    for (let i = 0; i < 60_000; i++) {
      const x = r.int(n);
      ok &&= x >= 0 && x < n && Number.isInteger(x);
      counts[Math.floor(x / 2 ** 30)]++;
    }
    expect(ok).toBe(true);
    const { stat, df } = chiSquare(counts, [1 / 3, 1 / 3, 1 / 3], 60_000);
    expect(stat).toBeLessThan(chiSquareCritical(df, 0.0001));
  });
});
