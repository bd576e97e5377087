// Bit-identity of the overload model's fast samplers (issue 17, suite time): approxBinomial and scatterUniformCounts
// were sped up (the inversion skips exp/log1p when its uniform lies below a certified lower bound of P(0)), and must
// draw exactly what the original implementation drew. Reference: the original code, frozen below as it stood at
// commit 2c0c7aa (src/cascade/overload-sampling.ts). Tolerance: none — every draw and the stream state after it
// must be equal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approxBinomial, scatterUniformCounts } from '../../src/cascade/overload-sampling.ts';
import { standardNormalQuantile } from '../../src/distributions/normal-functions.ts';
import { type Rng, stream } from '../../src/random/stream.ts';

const TABLE = Float64Array.from({ length: 4096 }, (_, i) => standardNormalQuantile((i + 0.5) / 4096));

/** The original approxBinomial (commit 2c0c7aa), unchanged. */
function referenceBinomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - referenceBinomial(rng, n, 1 - p);
  const q = 1 - p;
  const mean = n * p;
  const v = mean * q;
  if (v > 25) {
    const z = TABLE[rng.nextUint32() >>> 20];
    const x = Math.round(mean + Math.sqrt(v) * z);
    return x < 0 ? 0 : x > n ? n : x;
  }
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.exp(n * Math.log1p(-p));
  let u = rng.next();
  let x = 0;
  while (u > r) {
    u -= r;
    x++;
    if (x > n) return n;
    r *= a / x - s;
    if (r <= 0) return x;
  }
  return x;
}

/** The original scatterUniformCounts over the reference sampler. */
function referenceScatter(rng: Rng, total: number, ids: Int32Array, count: number, out: Float64Array): void {
  let rem = total;
  for (let j = 0; j < count - 1; j++) {
    const x = rem > 0 ? referenceBinomial(rng, rem, 1 / (count - j)) : 0;
    out[ids[j]] = x;
    rem -= x;
  }
  if (count > 0) out[ids[count - 1]] = rem;
}

/** Draw `reps` values with each sampler from the same seed; return both sequences plus a draw of each stream after. */
function both(seed: number, n: number, p: number, reps: number): [number[], number[]] {
  const a = stream(seed);
  const b = stream(seed);
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < reps; i++) {
    xa.push(approxBinomial(a, n, p));
    xb.push(referenceBinomial(b, n, p));
  }
  xa.push(a.nextUint32());
  xb.push(b.nextUint32());
  return [xa, xb];
}

/** Index of the first element where a and b differ (Object.is), −1 when equal: cheaper than toEqual in a property. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('approxBinomial draws exactly what the original drew', () => {
  it('grid of n and p across both branches and the P(0) bound edge (x = 0 most often)', () => {
    for (const n of [1, 2, 3, 7, 40, 100, 1000, 12_345, 1e6, 2 ** 31]) {
      for (const p of [1e-12, 1e-6, 1 / 26_000, 1 / 520, 0.0105, 0.05, 1 / 3, 0.5, 0.7, 1 - 1e-9]) {
        const [x, ref] = both(n * 31 + 7, n, p, 200);
        expect(x).toEqual(ref);
      }
    }
  });

  it('property: any seed, n and p (and the scatter regime p = 1/m)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.oneof(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.integer({ min: 2, max: 30_000 }).map((m) => 1 / m),
        ),
        (seed, n, p) => {
          const [x, ref] = both(seed, n, p, 20);
          if (firstDifference(x, ref) >= 0) expect(x).toEqual(ref);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: scatterUniformCounts, totals sparse to dense over up to 600 bins', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 60_000 }),
        (seed, count, total) => {
          const ids = Int32Array.from({ length: count }, (_, i) => (i * 7) % count);
          const out = new Float64Array(count);
          const ref = new Float64Array(count);
          const a = stream(seed);
          const b = stream(seed);
          scatterUniformCounts(a, total, ids, count, out);
          referenceScatter(b, total, ids, count, ref);
          if (firstDifference(out, ref) >= 0) expect(out).toEqual(ref);
          expect(a.nextUint32()).toBe(b.nextUint32());
        },
      ),
      { numRuns: 300 },
    );
  });
});
