// Bit-identity of the probit likelihood's log Φ pair (issue 17, suite time): the fit evaluates log Φ(z) and
// log Φ(−z) together through logPhiPair, which shares Φ(−|z|) between the two, and must return exactly what the
// original logPhi returned for each argument on its own. Reference: logPhi frozen below as it stood at commit
// 2c0c7aa (src/cascade/sequential-probit.ts). Tolerance: none (Object.is on every value, so −0 and NaN count).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logPhiPair } from '../../src/cascade/sequential-probit.ts';
import { standardNormalCdf } from '../../src/distributions/normal-functions.ts';

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** The original logPhi (commit 2c0c7aa), unchanged. */
function referenceLogPhi(z: number): number {
  if (z >= 0) return Math.log1p(-standardNormalCdf(-z));
  if (z > -3) return Math.log(standardNormalCdf(z));
  const a = -z;
  const terms = a > 12 ? 8 : a > 6 ? 20 : 60;
  let t = a;
  for (let n = terms; n >= 1; n--) t = a + n / t;
  return -0.5 * a * a - LOG_SQRT_2PI - Math.log(t);
}

const OUT = new Float64Array(2);

/** Compare [log Φ(z), log Φ(−z)], taken from the pair as the likelihood takes them, with the reference. */
function check(z: number): void {
  logPhiPair(Math.abs(z), OUT);
  const lp = z >= 0 ? OUT[1] : OUT[0];
  const lq = z >= 0 ? OUT[0] : OUT[1];
  const ok = Object.is(lp, referenceLogPhi(z)) && Object.is(lq, referenceLogPhi(-z));
  if (!ok) expect([z, lp, lq]).toEqual([z, referenceLogPhi(z), referenceLogPhi(-z)]);
}

describe('logPhiPair returns exactly the two separate logPhi values', () => {
  it('branch edges (0, ±0, 3, 6, 12, 38.5 and their neighbours), tails and non-finite arguments', () => {
    const edges = [0, 3, 6, 12, 38.5, 40, 1e3, 1e150, 5e-324, 1e-300];
    for (const e of edges) {
      for (const d of [-1e-9, -Number.EPSILON * e, 0, Number.EPSILON * e, 1e-9]) {
        check(e + d);
        check(-(e + d));
      }
    }
    check(-0);
    check(Infinity);
    check(-Infinity);
    check(NaN);
  });

  it('a dense grid over [−45, 45] (step 1/1024 plus an irrational offset)', () => {
    for (let z = -45; z <= 45; z += 1 / 1024) {
      check(z);
      check(z + Math.SQRT2 * 1e-4);
    }
  });

  it('property: any double', () => {
    fc.assert(
      fc.property(fc.double(), (z) => check(z)),
      { numRuns: 5000 },
    );
  });
});
