// The light spec path (used by worker threads to avoid loading the spec parser) must build exactly the graph that
// graphFromSpec builds for the same spec and seed.
import { describe, expect, it } from 'vitest';
import { graphFromSpec } from '../../src/generators/spec.ts';
import { graphFromLightSpec, isRandomGraphSpec, lightGraphSpecLazy } from '../../src/montecarlo/graph-source.ts';

describe('light graph specs', () => {
  for (const spec of ['er:n=500,k=3', 'er:n=400,m=900', 'rr:n=300,k=3', 'ba:n=300,m=2', 'ws:n=300,k=4,beta=0.2']) {
    it(`${spec} equals graphFromSpec edge for edge`, async () => {
      const light = await lightGraphSpecLazy(spec);
      expect(light).toBeDefined();
      const a = await graphFromLightSpec(light!, 12345);
      const b = await graphFromSpec(spec, { seed: 12345 });
      expect(a.n).toBe(b.n);
      expect(Array.from(a.edgeSource)).toEqual(Array.from(b.edgeSource));
      expect(Array.from(a.edgeTarget)).toEqual(Array.from(b.edgeTarget));
    });
  }
  it('other models have no light form; random vs fixed specs', async () => {
    expect(await lightGraphSpecLazy('square:L=8')).toBeUndefined();
    expect(isRandomGraphSpec('cm:n=100,law=poisson(3)')).toBe(true);
    expect(isRandomGraphSpec('edges:/tmp/x.edges')).toBe(false);
    await expect(lightGraphSpecLazy('er:n=abc')).rejects.toThrow(/graph/);
  });
});
