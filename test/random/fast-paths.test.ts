// The fast paths of the streams (issue 17, suite time): Rng.int without a double `%` and the Int32Array
// Fisher–Yates kernel must give the same draws, in the same order, as the plain rules they replace. The plain rules
// are written out here as the oracle; the golden values were produced by the code before the change (commit
// 2c0c7aa, `randomPermutation(stream(17, 2), 12)` and the int draws of stream(17, 3)).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, randomPermutation, shuffleInPlace, stream } from '../../src/random/index.ts';

/** Rng.int as it was: reject r >= 2^32 − (2^32 mod n), return r mod n (two double `%`). */
function plainInt(rng: Rng, n: number): number {
  if (n <= 0x100000000) {
    if ((n & (n - 1)) === 0 && n <= 0x80000000) return rng.nextUint32() & (n - 1);
    const limit = 0x100000000 - (0x100000000 % n);
    let r = rng.nextUint32();
    while (r >= limit) r = rng.nextUint32();
    return r % n;
  }
  const limit = 9007199254740992 - (9007199254740992 % n);
  for (;;) {
    const r = Math.floor(rng.next() * 9007199254740992);
    if (r < limit) return r % n;
  }
}

/** Fisher–Yates over plainInt: the oracle of the Int32Array kernel. */
function plainShuffle(rng: Rng, a: Int32Array): Int32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = plainInt(rng, i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** n near every power of two up to 2^33 (both sides), 2^32 itself, and a few above 2^32. */
const edgeNs: number[] = [];
for (let k = 0; k <= 33; k++) for (const d of [-2, -1, 0, 1, 2]) if (2 ** k + d >= 1) edgeNs.push(2 ** k + d);
edgeNs.push(3 * 2 ** 30, 0xffffffff, 2 ** 40 + 7, 2 ** 53);

describe('Rng.int: the same draws as the plain rule', () => {
  it('golden draws of stream(17, 3) (from the code before the change)', () => {
    const r = stream(17, 3);
    expect([r.int(3 * 2 ** 30), r.int(2 ** 31 + 1), r.int(1000), r.int(2 ** 32), r.int(2 ** 32 - 1), r.int(7)]).toEqual(
      [2710150547, 1505767214, 649, 1200966567, 499377020, 0],
    );
  });

  it('every n near a power of two, 2^32 and above: same values, same stream position (40 draws each)', () => {
    for (const n of edgeNs) {
      const a = stream(5, n % 1000);
      const b = stream(5, n % 1000);
      const got = Array.from({ length: 40 }, () => a.int(n));
      const want = Array.from({ length: 40 }, () => plainInt(b, n));
      if (got.join() !== want.join() || a.nextUint32() !== b.nextUint32()) expect({ n, got }).toEqual({ n, got: want });
    }
  });

  it('any n in [1, 2^32] (property; n > 2^31 rejects about half the draws, so both branches run)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 1000 }),
          fc.integer({ min: 1, max: 0x7fffffff }),
          fc.constantFrom(...edgeNs),
        ),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 1 }).map((b) => b * 2 ** 31),
        (small, seed, high) => {
          const n = Math.min(small + high, 2 ** 32);
          const a = stream(seed);
          const b = stream(seed);
          const got = Array.from({ length: 20 }, () => a.int(n));
          const want = Array.from({ length: 20 }, () => plainInt(b, n));
          expect(got).toEqual(want);
          expect(a.nextUint32()).toBe(b.nextUint32());
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('shuffleInPlace on an Int32Array: the same permutation and draws as the plain loop', () => {
  it('golden permutation randomPermutation(stream(17, 2), 12) and the draw after it', () => {
    const r = stream(17, 2);
    expect(Array.from(randomPermutation(r, 12))).toEqual([3, 10, 11, 4, 5, 0, 9, 6, 8, 7, 2, 1]);
    expect(r.nextUint32()).toBe(960300216);
  });

  it('any length and seed, whole arrays and subarrays (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (len, offset, seed) => {
          const buf = Int32Array.from({ length: len + 2 * offset }, (_, i) => i * 7 - 3);
          const a = buf.slice().subarray(offset, offset + len);
          const b = buf.slice().subarray(offset, offset + len);
          const ra = stream(seed, 1);
          const rb = stream(seed, 1);
          expect(shuffleInPlace(ra, a)).toBe(a);
          expect(Array.from(a)).toEqual(Array.from(plainShuffle(rb, b)));
          expect(ra.next()).toBe(rb.next());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a subclass that overrides nextUint32 is shuffled through its own draws', () => {
    class Counting extends Rng {
      calls = 0;
      override nextUint32(): number {
        this.calls++;
        return super.nextUint32();
      }
    }
    const c = new Counting(9, 0);
    const a = shuffleInPlace(
      c,
      Int32Array.from({ length: 100 }, (_, i) => i),
    );
    expect(c.calls).toBeGreaterThanOrEqual(99); // one draw per place at least: the subclass's method was used
    expect(Array.from(a)).toEqual(
      Array.from(
        plainShuffle(
          stream(9, 0),
          Int32Array.from({ length: 100 }, (_, i) => i),
        ),
      ),
    );
  });
});
