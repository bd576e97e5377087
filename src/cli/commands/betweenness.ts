/**
 * `fragility betweenness`: exact (Brandes) or pivot-sampled (Brandes & Pich) betweenness of every node of a graph.
 *
 * @module
 */
import type { Command } from 'commander';
import {
  action,
  effectiveWorkers,
  intOption,
  progressBar,
  withCommon,
  NO_PROGRESS_HELP,
  PROGRESS_HELP,
  type CommandResult,
} from '../common.ts';
import { graphFromSpec } from '../../generators/spec.ts';
import { betweennessParallel } from '../../metrics/betweenness.ts';
import { stream } from '../../random/stream.ts';

/** The parsed options of `fragility betweenness` (what {@link runBetweenness} takes). */
export interface BetweennessCliOptions {
  graph: string;
  samples?: number;
  normalized?: boolean;
  workers: number;
  seed: number;
  json?: boolean;
  progress?: boolean;
}

/** Register `fragility betweenness`. */
export function register(program: Command): void {
  const cmd = program
    .command('betweenness')
    .description(
      'shortest-path betweenness of every node: exact (Brandes 2001) or sampled with K pivots (Brandes & Pich 2007)',
    )
    .requiredOption('--graph <G>', 'graph spec, e.g. ba:n=10000,m=2 or edges:PATH')
    .option(
      '--samples <K>',
      'number of pivots for the sampled estimate (K >= n runs the exact algorithm)',
      intOption('--samples', 1),
    )
    .option('--normalized', 'divide by (n-1)(n-2)/2 (graphology/networkx convention) instead of raw pair counts')
    .option(
      '--workers <W>',
      'compute threads: this one plus W-1 worker threads (values identical for any W)',
      intOption('--workers', 1, 256),
      1,
    )
    .option('--progress', PROGRESS_HELP)
    .option('--no-progress', NO_PROGRESS_HELP);
  withCommon(cmd);
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility betweenness --graph "ba:n=10000,m=2" --workers 2
  $ fragility betweenness --graph "ba:n=1000,m=2" --samples 100 --seed 3 --json
  {"graph":"ba:n=1000,m=2","n":1000,"m":1999,"seed":3,"method":"sampled","samples":100,"normalized":false,"values":[...],"stderr":[...]}

values[i] is the betweenness of node i, unordered pairs counted once (Brandes 2001 for undirected graphs:
the sum of pair dependencies over all sources, halved); endpoints excluded; only pairs in the same component count;
parallel edges are distinct paths (as igraph). With --samples K < n: the unbiased pivot estimate (n/K) x the sum over
K random sources, and "stderr" = its per-node standard error (CLT; under-covers for nodes whose load comes from few
sources). For labelled graphs "keys"[i] is the name of node id i. The graph is built with --seed, the pivots are drawn from an independent stream of the same seed.`,
  );
  cmd.action(action(runBetweenness));
}

/**
 * `fragility betweenness` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runBetweenness(opts: BetweennessCliOptions): Promise<CommandResult> {
  const workers = effectiveWorkers(opts.workers);
  const g = await graphFromSpec(opts.graph, { seed: opts.seed });
  const t0 = performance.now();
  const bar = await progressBar(opts, 'betweenness', 'sources');
  const r = await betweennessParallel(g, {
    onProgress: (done, total) => bar.update(done, total),
    samples: opts.samples,
    rng: stream(opts.seed, 1),
    normalized: opts.normalized ?? false,
    workers,
  }).finally(() => bar.stop());
  const seconds = (performance.now() - t0) / 1000;
  const json: Record<string, unknown> = {
    graph: opts.graph,
    n: g.n,
    m: g.m,
    seed: opts.seed,
    method: r.method,
    samples: r.samples,
    normalized: r.normalized,
    values: r.values,
  };
  if (r.stderr) json.stderr = r.stderr;
  if (g.keys) json.keys = g.keys; // labelled input (e.g. an edge list with names): keys[i] names node id i
  const top = Array.from(r.values.keys())
    .sort((a, b) => r.values[b] - r.values[a] || a - b)
    .slice(0, 10);
  const lines = [
    `betweenness of ${opts.graph} (n = ${g.n}, m = ${g.m}): ${r.method}` +
      `${r.method === 'sampled' ? ` with ${r.samples} pivots` : ''}, ${r.normalized ? 'normalised' : 'pairs counted once'}, ${seconds.toFixed(3)} s on ${workers} thread${workers > 1 ? 's' : ''}`,
    'top nodes:',
    ...top.map((v) => `  ${g.keyOf(v)}\t${r.values[v]}${r.stderr ? ` ± ${r.stderr[v]}` : ''}`),
  ];
  return { json, text: lines.join('\n') };
}
