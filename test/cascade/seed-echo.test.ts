// Every stochastic result returns its seed (issue 17 point 5; DESIGN.md "the seed echoed in every result"):
// Motter–Lai (cascade and sweep), fiber bundles (cascade and bursts) and betweenness. Rerunning with the echoed
// seed gives the same result bit for bit; a given stream reports its own seed; deterministic betweenness says null.
import { describe, expect, it } from 'vitest';
import { motterLaiCascade, motterLaiSweep } from '../../src/cascade/motter-lai.ts';
import { fiberBundleBursts, fiberBundleCascade } from '../../src/cascade/fiber-bundle-graph.ts';
import { betweenness, betweennessFromPivots, betweennessParallel } from '../../src/metrics/betweenness.ts';
import { uniformCapacity } from '../../src/distributions/uniform-capacity.ts';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.ts';
import { Rng, stream } from '../../src/random/stream.ts';

const g = barabasiAlbert(200, 2, stream(3));

describe('the seed is echoed in every stochastic result', () => {
  it('Motter–Lai cascade and sweep', () => {
    const r = motterLaiCascade(g, { alpha: 0.2, trigger: 'random', samples: 50, seed: 17 });
    expect(r.seed).toBe(17);
    const again = motterLaiCascade(g, { alpha: 0.2, trigger: 'random', samples: 50, seed: r.seed });
    expect(Array.from(again.alive)).toEqual(Array.from(r.alive));
    expect(again.triggers).toEqual(r.triggers);
    expect(motterLaiCascade(g, { alpha: 0.2 }).seed).toBe(1);
    expect(motterLaiCascade(g, { alpha: 0.2, rng: new Rng(99, 4) }).seed).toBe(99);
    expect(motterLaiSweep(g, [0, 0.5], { seed: 5, samples: 40 }).map((p) => p.seed)).toEqual([5, 5]);
  });

  it('fiber bundle cascade and bursts', () => {
    const c = fiberBundleCascade(g, {
      capacity: uniformCapacity(0, 1),
      load: 0.1,
      loss: 0.2,
      sharing: 'local',
      seed: 23,
    });
    expect(c.seed).toBe(23);
    expect(
      Array.from(
        fiberBundleCascade(g, { capacity: uniformCapacity(0, 1), load: 0.1, loss: 0.2, sharing: 'local', seed: c.seed })
          .alive,
      ),
    ).toEqual(Array.from(c.alive));
    const b = fiberBundleBursts(1000, { capacity: uniformCapacity(0, 1), seed: 8 });
    expect(b.seed).toBe(8);
    expect(fiberBundleBursts(1000, { capacity: uniformCapacity(0, 1), seed: b.seed }).strength).toBe(b.strength);
    expect(fiberBundleBursts(1000, { capacity: uniformCapacity(0, 1), rng: new Rng(41) }).seed).toBe(41);
  });

  it('betweenness: the pivots seed when sampled, null when nothing was random', async () => {
    const s = betweenness(g, { samples: 30, seed: 12 });
    expect(s.seed).toBe(12);
    expect(Array.from(betweenness(g, { samples: 30, seed: s.seed! }).values)).toEqual(Array.from(s.values));
    expect(betweenness(g, { samples: 30 }).seed).toBe(1);
    expect(betweenness(g, { samples: 30, rng: new Rng(77, 2) }).seed).toBe(77);
    expect(betweenness(g).seed).toBeNull();
    expect(betweennessFromPivots(g, Int32Array.of(0, 1, 2)).seed).toBeNull();
    expect((await betweennessParallel(g, { samples: 30, seed: 12 })).seed).toBe(12);
  });
});
