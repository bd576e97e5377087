/**
 * Timing of message passing S(p) and the non-backtracking spectral radius (issue 3 targets: < 1 s each on the
 * Internet AS graph, 22,963 nodes / 48,436 edges; < 10 s each on a 1e6-node configuration-model graph).
 * Run: npx tsx bench/message-passing.ts [--skip-large] [--heavy]  (--heavy adds a 1e6-node power-law CM graph)
 * Graph loading and generation are not timed.
 */
import { readEdgeList } from '../src/graph/edgelist.ts';
import { configurationModelFromLaw } from '../src/generators/configuration-model.ts';
import { poissonLaw } from '../src/distributions/poisson-law.ts';
import { parseDegreeLaw } from '../src/distributions/parse.ts';
import { stream } from '../src/random/stream.ts';
import type { CompactGraph } from '../src/graph/compact-graph.ts';
import { messagePassingPercolation } from '../src/analytic/message-passing.ts';
import { nonBacktrackingSpectralRadius } from '../src/analytic/non-backtracking.ts';

/** Wall-clock and CPU (user + system) milliseconds of one call: on a shared machine the CPU time is the fair one. */
function timed<T>(fn: () => T): [T, string] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [r, `${wall.toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU`];
}

function report(label: string, g: CompactGraph, p: number): void {
  const [nb, tNb] = timed(() => nonBacktrackingSpectralRadius(g));
  console.log(`${label}: n = ${g.n}, m = ${g.m}`);
  console.log(
    `  lambdaNB = ${nb.lambda.toFixed(10)} (p_c = ${nb.pc?.toFixed(6)}), ${nb.iterations} iterations, converged ${nb.converged}: ${tNb}`,
  );
  for (const mode of ['bond', 'site'] as const) {
    const [mp, tMp] = timed(() => messagePassingPercolation(g, p, { mode }));
    console.log(`  S(${p}, ${mode}) = ${mp.S.toFixed(6)}, ${mp.iterations} sweeps, converged ${mp.converged}: ${tMp}`);
  }
}

const as = await readEdgeList(new URL('../data/as-22july06.edges', import.meta.url).pathname);
report('Internet AS graph (as-22july06)', as, 0.5);
if (!process.argv.includes('--skip-large')) {
  const cm = configurationModelFromLaw(1_000_000, poissonLaw(4), stream(1));
  report('configuration model, poisson(4), n = 1e6', cm, 0.5);
  if (process.argv.includes('--heavy')) {
    const spec = 'powerlaw(2.5,kmin=2,kmax=1000)';
    const heavy = configurationModelFromLaw(1_000_000, parseDegreeLaw(spec), stream(2));
    report(`configuration model, ${spec}, n = 1e6`, heavy, 0.5);
  }
}
