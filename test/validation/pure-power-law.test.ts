import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hurwitzZeta, purePowerLawMoments, powerLawDegreeLaw } from '../../src/distributions/index.ts';
import {
  configurationModelPercolation,
  purePowerLawCriticalExponent,
  randomFailureThreshold,
} from '../../src/analytic/index.ts';
import { runCliIn } from '../cli/in-process.ts';

/**
 * Riemann ζ(s), s > 0, s ≠ 1, computed independently of the Euler–Maclaurin code under test: the Dirichlet eta
 * function η(s) = Σ (−1)^(k−1) k^(−s) by Borwein's algorithm 2 (n = 60, relative error <= 3/(3+√8)^n ≈ 1e-46
 * times a modest factor for real s > 0), then ζ(s) = η(s)/(1 − 2^(1−s)).
 * Source: P. Borwein, "An efficient algorithm for the Riemann zeta function", CMS Conf. Proc. 27, 29–34 (2000).
 */
function zetaBorwein(s: number): number {
  const n = 60;
  // d_k = n Σ_(i=0)^k (n+i−1)! 4^i / ((n−i)! (2i)!)
  const d: number[] = [];
  let term = 1 / n; // i = 0: (n−1)!/(n!·0!) = 1/n
  let acc = term;
  d.push(n * acc);
  for (let i = 1; i <= n; i++) {
    term *= ((n + i - 1) * (n - i + 1) * 4) / ((2 * i - 1) * (2 * i));
    acc += term;
    d.push(n * acc);
  }
  let sum = 0;
  for (let k = 0; k < n; k++) sum += ((k % 2 === 0 ? 1 : -1) * (d[k] - d[n])) / Math.pow(k + 1, s);
  const eta = -sum / d[n];
  return eta / (1 - Math.pow(2, 1 - s));
}

describe('Hurwitz zeta (Euler–Maclaurin with Johansson bound)', () => {
  // Sources: ζ(2) = π²/6, ζ(4) = π⁴/90 (Euler); ζ(3) = 1.2020569031595942854 (Apéry's constant, OEIS A002117);
  // ζ(2, 1/2) = (2² − 1)ζ(2) = π²/2 (DLMF 25.11.11). Tolerance: the reported bound itself, which must be <= 1e-12.
  it('matches known values within its own error bound', () => {
    const cases: Array<[number, number, number]> = [
      [2, 1, Math.PI ** 2 / 6],
      [4, 1, Math.PI ** 4 / 90],
      [3, 1, 1.2020569031595942],
      [2, 0.5, Math.PI ** 2 / 2],
    ];
    for (const [s, a, exact] of cases) {
      const z = hurwitzZeta(s, a);
      expect(z.error).toBeLessThan(1e-12);
      expect(Math.abs(z.value - exact)).toBeLessThanOrEqual(z.error + 4e-16 * exact);
    }
  });

  it('the independent Borwein ζ agrees with the known values (so it can serve as a reference)', () => {
    expect(zetaBorwein(2)).toBeCloseTo(Math.PI ** 2 / 6, 13);
    expect(zetaBorwein(3)).toBeCloseTo(1.2020569031595942, 13);
    expect(zetaBorwein(4)).toBeCloseTo(Math.PI ** 4 / 90, 13);
  });

  it('property: agrees with Borwein ζ(s) for s in (1.05, 12) within the bound plus 1e-13 relative', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.05, max: 12, noNaN: true }), (s) => {
        const z = hurwitzZeta(s, 1);
        const ref = zetaBorwein(s);
        return Math.abs(z.value - ref) <= z.error + 1e-13 * ref;
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  it('property: ζ(s, a) = a^(−s) + ζ(s, a + 1) (shift identity, DLMF 25.11.3)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.1, max: 8, noNaN: true }),
        fc.double({ min: 0.2, max: 50, noNaN: true }),
        (s, a) => {
          const z0 = hurwitzZeta(s, a);
          const z1 = hurwitzZeta(s, a + 1);
          return Math.abs(z0.value - (Math.pow(a, -s) + z1.value)) <= z0.error + z1.error + 1e-15 * z0.value;
        },
      ),
      { numRuns: 200, seed: 16 },
    );
  });

  it('rejects s <= 1 and a <= 0 naming the field', () => {
    expect(() => hurwitzZeta(1, 1)).toThrow(/s/);
    expect(() => hurwitzZeta(2, 0)).toThrow(/\ba\b/);
  });
});

describe('pure power law p_k ∝ k^−τ without a cutoff: exact thresholds', () => {
  it('powerlaw(3.1,kmin=1): q_c within 1e-3 of the infinite sum ζ(2.1)/(ζ(1.1) − ζ(2.1)) = 0.17289…', () => {
    // Independent reference from Borwein ζ values (issue 15 acceptance: within 1e-3; the table-truncated moments
    // gave 0.2507). We hold it to 1e-10, far inside, and require the reported bound to cover the deviation.
    const ref = zetaBorwein(2.1) / (zetaBorwein(1.1) - zetaBorwein(2.1));
    expect(ref).toBeCloseTo(0.172891892113982, 12);
    const t = randomFailureThreshold(powerLawDegreeLaw(3.1, { kmin: 1 }));
    expect(Math.abs(t.q_c! - ref)).toBeLessThan(1e-10);
    expect(t.q_cError).toBeDefined();
    expect(t.q_cError!).toBeLessThan(1e-10);
    expect(Math.abs(t.q_c! - ref)).toBeLessThanOrEqual(t.q_cError! + 1e-14);
  });

  it('moments: ⟨k⟩ = ζ(τ−1)/ζ(τ), ⟨k²⟩ = ζ(τ−2)/ζ(τ) against Borwein, with bounds; divergent ones Infinity', () => {
    for (const tau of [3.1, 3.5, 4, 6]) {
      const m = purePowerLawMoments(tau, 1);
      expect(Math.abs(m.mean - zetaBorwein(tau - 1) / zetaBorwein(tau))).toBeLessThanOrEqual(m.meanError + 1e-13);
      expect(Math.abs(m.secondMoment - zetaBorwein(tau - 2) / zetaBorwein(tau))).toBeLessThanOrEqual(
        m.secondMomentError + 1e-12,
      );
    }
    expect(purePowerLawMoments(2.5, 1).secondMoment).toBe(Infinity);
    expect(purePowerLawMoments(1.5, 1).mean).toBe(Infinity);
    // kmin > 1: ⟨k⟩ = ζ(τ−1, kmin)/ζ(τ, kmin) = (ζ(τ−1) − 1)/(ζ(τ) − 1) for kmin = 2.
    const m2 = purePowerLawMoments(3.5, 2);
    expect(m2.mean).toBeCloseTo((zetaBorwein(2.5) - 1) / (zetaBorwein(3.5) - 1), 12);
  });

  it('τ <= 3: q_c = 0 with the reason (⟨k²⟩ diverges), also for τ <= 2', () => {
    for (const tau of [2.5, 3]) {
      const t = randomFailureThreshold(powerLawDegreeLaw(tau, { kmin: 1 }));
      expect(t.q_c).toBe(0);
      expect(t.f_c).toBe(1);
      expect(t.reason).toMatch(/<k²> diverges/);
    }
    const t15 = randomFailureThreshold(powerLawDegreeLaw(1.5, { kmin: 1 }));
    expect(t15.q_c).toBe(0);
    expect(t15.reason).toMatch(/<k> and <k²> diverge/);
  });

  it('a cutoff keeps the table moments (no exactMoments): hard and exponential cutoffs are unchanged', () => {
    expect(powerLawDegreeLaw(2.5, { kmax: 1000 }).exactMoments).toBeUndefined();
    expect(powerLawDegreeLaw(2.5, { cutoff: 20 }).exactMoments).toBeUndefined();
    expect(randomFailureThreshold(powerLawDegreeLaw(2.5, { kmax: 1000 })).q_cError).toBeUndefined();
  });

  it('τ_c = 3.47875 ± 1e-4 (Aiello, Chung & Lu 2000), consistent with an independent Borwein root', () => {
    const r = purePowerLawCriticalExponent(1);
    expect(Math.abs(r.tau_c! - 3.47875)).toBeLessThan(1e-4);
    expect(r.error).toBeLessThan(1e-10);
    // Independent: bisection on ζ(τ−2) − 2ζ(τ−1) with the Borwein ζ.
    let lo = 3.2;
    let hi = 3.8;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (zetaBorwein(mid - 2) - 2 * zetaBorwein(mid - 1) > 0) lo = mid;
      else hi = mid;
    }
    expect(Math.abs(r.tau_c! - (lo + hi) / 2)).toBeLessThan(1e-10);
    // Either side of τ_c the Molloy–Reed criterion on the law agrees.
    expect(configurationModelPercolation(powerLawDegreeLaw(r.tau_c! - 1e-3)).molloyReed.hasGiantComponent).toBe(true);
    expect(configurationModelPercolation(powerLawDegreeLaw(r.tau_c! + 1e-3)).molloyReed.hasGiantComponent).toBe(false);
    expect(purePowerLawCriticalExponent(2).tau_c).toBeNull();
    expect(purePowerLawCriticalExponent(2).reason).toMatch(/kmin = 2/);
  });

  it('S carries a truncation bound that grows as τ → 2 and covers the change of the truncation point', () => {
    const r31 = configurationModelPercolation(powerLawDegreeLaw(3.1), { q: 0.5 });
    const r25 = configurationModelPercolation(powerLawDegreeLaw(2.5), { q: 0.5, mode: 'bond' });
    expect(r31.SError).toBeGreaterThan(0);
    expect(r31.SError!).toBeLessThan(1e-5);
    expect(r25.SError!).toBeGreaterThan(r31.SError!);
    // The same law cut much earlier (hard cutoff at K = 1e4) differs from the full table by a truncation error that
    // the same first-order bound, evaluated for the cut law, must cover (tolerance: the bound itself, times 1.5 for
    // its second-order remainder).
    const q = 0.8;
    const full = configurationModelPercolation(powerLawDegreeLaw(3.1), { q });
    const cutLaw = powerLawDegreeLaw(3.1, { kmax: 10_000 });
    const cut = configurationModelPercolation(cutLaw, { q });
    const eps0 = hurwitzZeta(3.1, 10_001).value / hurwitzZeta(3.1, 1).value;
    const eps1 = hurwitzZeta(2.1, 10_001).value / hurwitzZeta(2.1, 1).value;
    const du = (q * eps1) / (1 - q * cutLaw.G1p(cut.u!));
    const boundCut = q * (eps0 + cutLaw.G0p(cut.u!) * du);
    const diff = Math.abs(full.S! - cut.S!);
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThan(1.5 * boundCut + full.SError!);
    expect(diff).toBeGreaterThan(0.1 * boundCut); // the bound is not vacuous
  });

  // In process (test/cli/in-process.ts: main(argv), output and exit status captured): the spawned `analytic` command is
  // checked against its in-process run by test/cli/smoke.test.ts.
  it('CLI: analytic --law "powerlaw(3.1,kmin=1)" --json reports q_c, its bound and the method', async () => {
    const out = await runCliIn(['analytic', '--law', 'powerlaw(3.1,kmin=1)', '--json']);
    expect(out.status, out.stderr).toBe(0);
    const j = JSON.parse(out.stdout);
    expect(Math.abs(j.q_c - 0.172891892113982)).toBeLessThan(1e-3);
    expect(j.q_cError).toBeLessThan(1e-10);
    expect(j.momentMethod).toMatch(/Hurwitz/);
    expect(Math.abs(j.tau_c - 3.47875)).toBeLessThan(1e-4);
    const out25 = await runCliIn(['analytic', '--law', 'powerlaw(2.5,kmin=1)', '--json']);
    expect(out25.status, out25.stderr).toBe(0);
    const j25 = JSON.parse(out25.stdout);
    expect(j25.q_c).toBe(0);
    expect(j25.reason).toMatch(/diverges/);
  });
});
