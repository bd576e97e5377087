// The Crucitti–Latora–Marchiori efficiency cascade (PRE 69, 045104(R) (2004)) has no analytic theory; its paper
// reports figures only. What is checked here: (1) the exact no-cascade limit E(∞) = E(G − trigger) for α >= α*, and
// (2) the paper's qualitative findings, each as a separation of 95 % intervals over 6 replicate graphs of 200 nodes
// (sizes kept small: every step is a weighted all-pairs Brandes).
import { describe, expect, it } from 'vitest';
import { compareEfficiencyCascade } from '../../src/compare/efficiency.ts';

describe('efficiency cascade on BA(200, 2) and ER(200, <k> = 4), 6 replicates, seed 1', () => {
  it('the highest-load removal hurts far more than a random one, more on BA than on ER; α >= α* gives the exact limit', async () => {
    const alphas = [0.2, 1000];
    const baTop = await compareEfficiencyCascade({
      graph: 'ba:n=200,m=2',
      trigger: 'top-load',
      alphas,
      runs: 6,
      seed: 1,
    });
    const baRandom = await compareEfficiencyCascade({
      graph: 'ba:n=200,m=2',
      trigger: 'random',
      alphas,
      runs: 6,
      seed: 1,
    });
    const erTop = await compareEfficiencyCascade({
      graph: 'er:n=200,k=4',
      trigger: 'top-load',
      alphas,
      runs: 6,
      seed: 1,
    });
    // (2a) BA, α = 0.2: top-load interval entirely below the random-trigger interval (measured 0.57 vs 0.96)
    expect(baTop.points[0].ci[1]).toBeLessThan(baRandom.points[0].ci[0]);
    // (2b) the top-load damage is larger on the heterogeneous BA graphs than on ER (measured 0.57 vs 0.86)
    expect(baTop.points[0].ci[1]).toBeLessThan(erTop.points[0].ci[0]);
    for (const c of [baTop, baRandom, erTop]) {
      expect(c.n).toBe(200);
      // below α* there is no theory: null with the reason
      expect(Math.max(...c.alphaStar)).toBeGreaterThan(0.2);
      expect(c.lineUp.rows[0].analytic).toBeNull();
      expect(c.lineUp.rows[0].insideCi).toBeNull();
      // (1) α = 1000 exceeds every replicate's α* (at most ~100 here): E(∞) equals the no-cascade limit exactly
      expect(Math.max(...c.alphaStar)).toBeLessThan(1000);
      const high = c.lineUp.rows[1];
      expect(high.analytic).not.toBeNull();
      expect(Math.abs(high.difference!)).toBeLessThan(1e-12);
      expect(c.points[1].steady).toBe(6);
      // E(∞) never exceeds the no-cascade bound, which never exceeds the intact efficiency
      for (const p of c.points) {
        expect(p.mean).toBeLessThanOrEqual(p.bound + 1e-12);
        expect(p.bound).toBeLessThanOrEqual(1);
      }
    }
    expect(baTop.model.literature).toMatch(/figures only/);
  });

  it('bad input names the field', async () => {
    await expect(compareEfficiencyCascade({ alphas: [0.5, 0.2] })).rejects.toThrow(/alphas/);
    await expect(compareEfficiencyCascade({ runs: 1 })).rejects.toThrow(/runs/);
    await expect(compareEfficiencyCascade({ trigger: 'biggest' as 'random' })).rejects.toThrow(/trigger/);
    await expect(compareEfficiencyCascade({ graph: 'er:n=6000,k=2', runs: 2, alphas: [1] })).rejects.toThrow(/graph/);
  });
});
