import { describe, expect, it } from 'vitest';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { stream } from '../../src/random/stream.ts';
import { runEnsemble } from '../../src/montecarlo/ensemble.ts';
import { keptPoolInfo } from '../../src/parallel/pool.ts';

describe('the worker pool kept between ensembles', () => {
  it('two ensembles in a row on the same spec and thread count share one pool; a different graph gets a new one', async () => {
    const opts = { graph: 'er:n=3000,k=4', runs: 6, seed: 3, at: [0.5] };
    const a = await runEnsemble({ ...opts, workers: 2 });
    const first = keptPoolInfo();
    expect(first?.users).toBe(0); // idle, kept
    const b = await runEnsemble({ ...opts, workers: 2 });
    expect(keptPoolInfo()?.pool).toBe(first!.pool);
    expect(b.at).toEqual(a.at);
    // Same results as one thread, whichever pool ran them.
    expect((await runEnsemble({ ...opts, workers: 1 })).at).toEqual(a.at);
    // A fixed graph is shared through the pool's workerData: it needs a pool of its own.
    const g = erdosRenyi(2000, 4 / 1999, stream(8));
    const c = await runEnsemble({ graph: g, runs: 6, seed: 3, at: [0.5], workers: 2 });
    expect(keptPoolInfo()?.pool).not.toBe(first!.pool);
    expect(c.at).toEqual((await runEnsemble({ graph: g, runs: 6, seed: 3, at: [0.5], workers: 1 })).at);
  });

  it('concurrent ensembles on the same spec can share the kept pool and both finish correctly', async () => {
    const opts = { graph: 'er:n=3000,k=4', runs: 6, seed: 5, at: [0.4, 0.6] };
    await runEnsemble({ ...opts, workers: 2 }); // leaves a kept pool for this spec
    const [x, y] = await Promise.all([runEnsemble({ ...opts, workers: 2 }), runEnsemble({ ...opts, workers: 2 })]);
    expect(x.at).toEqual(y.at);
    expect(keptPoolInfo()?.users).toBe(0);
  });

  it('keys the kept pool by content: an edited custom order gets a new pool and the right answer', async () => {
    const g = erdosRenyi(1500, 4 / 1499, stream(21));
    const order = Int32Array.from({ length: g.n }, (_, i) => i);
    const opts = { graph: g, order, runs: 4, seed: 2, at: [0.3, 0.7] };
    const a = await runEnsemble({ ...opts, workers: 2 });
    const first = keptPoolInfo()!.pool;
    // The same graph in a new object, same order: same content, same pool.
    const same = await runEnsemble({ ...opts, graph: erdosRenyi(1500, 4 / 1499, stream(21)), workers: 2 });
    expect(keptPoolInfo()!.pool).toBe(first);
    expect(same.at).toEqual(a.at);
    order.reverse(); // the caller edits its array in place
    const b = await runEnsemble({ ...opts, workers: 2 });
    expect(keptPoolInfo()!.pool).not.toBe(first);
    expect(b.at).toEqual((await runEnsemble({ ...opts, workers: 1 })).at);
    expect(b.at).not.toEqual(a.at);
  });
});
