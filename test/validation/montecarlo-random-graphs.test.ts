// Monte Carlo rows of docs/reference/literature-values.md (G1, G3, G5, G7): Newman–Ziff ensembles at n = 1e5,
// R = 20 replicates, each replicate drawing its own graph, compared with closed forms written out here.
//
// Tolerance (reference rule 1, away from thresholds): |mean − S_theory| ≤ 4·sd/√R + bias, with sd the measured
// per-run standard deviation of the replicate's canonical S and bias = 0, as the reference states for ER and
// random-regular graphs. The measured sd itself must stay below the range the reference reports (≤ 0.005 for
// Poisson and regular graphs), so that a broken sweep cannot pass by being noisy. (Our per-run sd is smaller than
// the reference's microcanonical runs, e.g. 0.0011 vs 0.0032 for G3, because the binomial convolution averages
// over the number of nodes present.) Measured at these seeds: G1 0.797401, G3 0.398084, G5 0.686411,
// G7 site 0.722544, G7 bond 0.963231 (all within 2.1 sd/√R of theory).
import { describe, expect, it } from 'vitest';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { randomRegular } from '../../src/generators/random-regular.ts';
import { stream } from '../../src/random/stream.ts';
import { runEnsemble } from '../../src/montecarlo/ensemble.ts';

const n = 100_000;
const R = 20;
const BIAS = 0;

/** Fixed point x = f(x) by iteration (bounded). */
function fixedPoint(f: (x: number) => number, x0: number): number {
  let x = x0;
  for (let i = 0; i < 100_000; i++) {
    const y = f(x);
    if (Math.abs(y - x) < 1e-14) return y;
    x = y;
  }
  throw new Error('no convergence');
}

function poissonPmf(c: number, kmax: number): number[] {
  const p = [Math.exp(-c)];
  for (let k = 1; k <= kmax; k++) p.push((p[k - 1] * c) / k);
  return p;
}

const er = (c: number) => (graphSeed: number) => erdosRenyi(n, c / (n - 1), stream(graphSeed, 0));
const rr3 = (graphSeed: number) => randomRegular(n, 3, stream(graphSeed, 0));

async function estimate(
  graph: (s: number) => ReturnType<typeof rr3>,
  q: number,
  mode: 'site' | 'bond',
  order: 'random' | 'degree',
  seed: number,
) {
  const res = await runEnsemble({ graph, runs: R, seed, mode, order, grid: [0, 1], at: [q], bootstrap: 0 });
  return res.at[0];
}

function expectWithin(est: { S: number; sd: number }, theory: number, maxSd: number) {
  expect(est.sd).toBeLessThan(maxSd);
  expect(Math.abs(est.S - theory)).toBeLessThanOrEqual((4 * est.sd) / Math.sqrt(R) + BIAS);
}

describe('validation: Monte Carlo vs closed forms (n = 1e5, R = 20)', () => {
  it('G1: intact ER, c = 2: S = 1 − e^(−cS) = 0.796812', async () => {
    const S = fixedPoint((s) => 1 - Math.exp(-2 * s), 0.5);
    expect(S).toBeCloseTo(0.796812, 6);
    expectWithin(await estimate(er(2), 1, 'site', 'random', 1), S, 0.005);
  });
  it('G3: site, ER c = 4, q = 0.5: S = q(1 − e^(−cS)) = 0.398406', async () => {
    const S = fixedPoint((s) => 0.5 * (1 - Math.exp(-4 * s)), 0.5);
    expect(S).toBeCloseTo(0.398406, 6);
    expectWithin(await estimate(er(4), 0.5, 'site', 'random', 2), S, 0.005);
  });
  it('G5: ER c = 4, top 20 % degrees removed (static attack, random ties): S = 0.685777', async () => {
    // Callaway et al. 2000 with occupation φ_k = 1 below the boundary degree K, fractional at K, 0 above.
    const c = 4;
    const p = poissonPmf(c, 80);
    const phi = p.map(() => 0);
    let removed = 0;
    for (let k = p.length - 1; k >= 0; k--) {
      if (removed + p[k] <= 0.2) {
        removed += p[k];
        phi[k] = 0;
      } else {
        phi[k] = 1 - (0.2 - removed) / p[k];
        for (let j = k - 1; j >= 0; j--) phi[j] = 1;
        break;
      }
    }
    const F0 = (x: number) => p.reduce((a, pk, k) => a + phi[k] * pk * x ** k, 0);
    const F1 = (x: number) => p.reduce((a, pk, k) => a + (k > 0 ? k * phi[k] * pk * x ** (k - 1) : 0), 0) / c;
    const u = fixedPoint((x) => 1 - F1(1) + F1(x), 0);
    const S = F0(1) - F0(u);
    expect(S).toBeCloseTo(0.685777, 5);
    expectWithin(await estimate(er(4), 0.8, 'site', 'degree', 3), S, 0.005);
  });
  it('G7: random 3-regular, q = 0.75: site S = q(1 − u³) = 0.722222, bond S = 1 − u³ = 0.962963, u = (1 − q)/q', async () => {
    const q = 0.75;
    const u = (1 - q) / q;
    expect(u).toBeCloseTo(
      fixedPoint((x) => 1 - q + q * x * x, 0),
      10,
    );
    expectWithin(await estimate(rr3, q, 'site', 'random', 4), q * (1 - u ** 3), 0.005);
    expectWithin(await estimate(rr3, q, 'bond', 'random', 5), 1 - u ** 3, 0.005);
  });
});
