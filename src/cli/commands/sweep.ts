/**
 * `fragility sweep`: Newman–Ziff Monte Carlo ensembles of site or bond percolation under a removal order, with
 * canonical averages, confidence intervals and a threshold estimate; parallel and resumable.
 *
 * @module
 */
import {
  action,
  choiceOption,
  effectiveWorkers,
  intOption,
  numberListOption,
  progressBar,
  withAlias,
  withCommon,
  NO_PROGRESS_HELP,
  PROGRESS_HELP,
  type CommandResult,
} from '../common.ts';
import { checkOutputFile } from '../../atomic-write.ts';
import { type EnsembleResult, checkEnsembleMemory, runEnsemble } from '../../montecarlo/ensemble.ts';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ReplicateSelection } from '../../montecarlo/ensemble.ts';
import { parseShard, runEnsembleShard, shardLines, writeShard } from '../../montecarlo/shard.ts';
import { FragilityInputError } from '../../errors.ts';
import { universalWrappingProbability } from '../../montecarlo/wrapping-threshold.ts';

/** The parsed options of `fragility sweep` (what {@link runSweep} takes). */
export interface SweepCliOptions {
  graph: string;
  mode: 'site' | 'bond';
  order: string;
  runs: number;
  seed: number;
  workers: number;
  q?: number[];
  gridPoints: number;
  bootstrap: number;
  samples?: number;
  checkpoint?: string;
  resume?: boolean;
  progress?: boolean;
  json?: boolean;
  estimator: 'susceptibility' | 'gap' | 'wrapping';
  shard?: ReplicateSelection;
  shardOut?: string;
  queue?: string;
  chunk?: number;
}

/** Parse `--shard i/N` (exit 2 naming `--shard` and the allowed form before any work). */
function shardOption(raw: string): ReplicateSelection {
  try {
    return parseShard('--shard', raw);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

const fmt = (x: number | null) => (x !== null && Number.isFinite(x) ? x.toFixed(6) : 'n/a');

/** Register `fragility sweep`. */
export function register(program: Command): void {
  const cmd = program
    .command('sweep')
    .description(
      'Monte Carlo percolation sweeps (Newman-Ziff): giant fraction vs occupation with confidence intervals, threshold estimate',
    )
    .requiredOption(
      '--graph <G>',
      'graph spec (random specs are redrawn for every replicate), e.g. er:n=100000,k=4 or edges:PATH',
    )
    .addOption(choiceOption('--mode <mode>', 'site (nodes removed) or bond (edges removed)', ['site', 'bond'], 'site'))
    .addOption(
      choiceOption(
        '--order <order>',
        'removal order',
        ['random', 'degree', 'adaptive-degree', 'betweenness', 'adaptive-betweenness', 'supernodes-first'],
        'random',
      ),
    )
    .option('--runs <R>', 'number of replicates', intOption('--runs', 1, 1e7), 20)
    .option(
      '--workers <W>',
      'compute threads: this one plus W-1 worker threads (results identical for any W; more than the cores available is reduced to that, with a note on stderr)',
      intOption('--workers', 1, 256),
      1,
    )
    .option(
      '--grid-points <G>',
      'points of the q grid used for the threshold',
      intOption('--grid-points', 3, 100001),
      201,
    )
    .option(
      '--samples <K>',
      'betweenness orders: pivots for sampled betweenness (default exact)',
      intOption('--samples', 1),
    )
    .option(
      '--bootstrap <B>',
      'bootstrap resamples for the threshold interval',
      intOption('--bootstrap', 0, 100000),
      200,
    )
    .option('--checkpoint <FILE>', 'append every finished replicate to this NDJSON file')
    .option('--resume', 'skip replicates already in --checkpoint (its header must match this run)')
    .option('--progress', PROGRESS_HELP)
    .option('--no-progress', NO_PROGRESS_HELP)
    .option(
      '--shard <i/N>',
      'run only the replicates r with r mod N = i and print them as a shard (NDJSON; combine with fragility merge)',
      shardOption,
    )
    .option('--shard-out <FILE>', 'with --shard: write the shard to FILE (atomically) instead of stdout')
    .option(
      '--queue <URL>',
      'compute the replicates on the workers of this Redis job queue (fragility worker --redis URL); same JSON as a local run',
    )
    .option(
      '--chunk <K>',
      'with --queue: replicates per task (default round(100000 / n) within [1, 100], 1 when n is unknown before the run)',
      intOption('--chunk', 1, 100000),
    )
    .addOption(
      choiceOption(
        '--estimator <E>',
        'estimator behind threshold: susceptibility peak, largest gap, or wrapping probability (periodic lattices)',
        ['susceptibility', 'gap', 'wrapping'],
        'susceptibility',
      ),
    );
  withAlias(
    cmd,
    new Option('--q <Q1,Q2,...>', 'occupations q (fraction of nodes/edges kept) at which to report S').argParser(
      numberListOption('--q', 0, 1),
    ),
    new Option('--at <Q1,Q2,...>', 'old name of --q').argParser(numberListOption('--at', 0, 1)),
  );
  withCommon(cmd);
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility sweep --graph "er:n=100000,k=4" --runs 20 --seed 1 --workers 2 --q 0.5 --json
  {"runs":20,"seed":1,...,"threshold":{"q_c":0.25..,"ci":[..,..]},"at":[{"q":0.5,"S":0.3983..,"sd":0.003..,"ci":[..,..]}]}

Semantics: an order lists nodes (edges for bond) from first removed to last removed; the sweep adds them back in
reverse, so q = fraction of original nodes (edges) present. S = canonical-ensemble mean (binomial convolution over
the number present) of the giant-cluster fraction of ALL original nodes; sd = its per-replicate standard deviation;
ci = Student-t 95 % interval of the mean. threshold.q_c = peak of the mean susceptibility (second moment of the
cluster sizes without the largest) on the q grid, ci = bootstrap percentile interval over replicates;
gapThreshold = mean occupation at which the giant makes its largest single jump (better for extrapolation in n).
--estimator picks what threshold holds (threshold.method names it): susceptibility (default), gap, or wrapping
(periodic lattices only: q where the canonical probability that a cluster wraps around the torus equals its
universal value, Newman & Ziff 2001; Pinson's formula: square torus ${universalWrappingProbability('square')!.toFixed(10)}, hexagonal torus of the triangular
and honeycomb lattices ${universalWrappingProbability('triangular')!.toFixed(10)}; cubic R = 1/2, stated).
Replicate r uses stream(seed, r): random graph specs (er, rr, cm, ba, ws, two-tier, ultrapeer) are redrawn for
every replicate from that stream; lattices and files are fixed. Same JSON for any --workers.`,
  );
  cmd.action(action(runSweep));
}

/**
 * `fragility sweep` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runSweep(opts: SweepCliOptions): Promise<CommandResult> {
  if (opts.resume && !opts.checkpoint)
    throw new FragilityInputError('--resume', true, 'used together with --checkpoint FILE');
  if (opts.shardOut !== undefined && !opts.shard)
    throw new FragilityInputError('--shard-out', opts.shardOut, 'used together with --shard i/N');
  if (opts.shard && opts.json && opts.shardOut === undefined) {
    throw new FragilityInputError(
      '--json',
      true,
      'used with --shard only together with --shard-out FILE (without it the shard itself, NDJSON, goes to stdout)',
    );
  }
  if (opts.chunk !== undefined && !opts.queue)
    throw new FragilityInputError('--chunk', opts.chunk, 'used together with --queue URL');
  if (opts.queue && opts.shard)
    throw new FragilityInputError(
      '--queue',
      opts.queue,
      'used without --shard (the queue itself spreads all replicates over the workers)',
    );
  if (opts.queue) {
    const { parseRedisUrl } = await import('../../queue/redis.ts');
    parseRedisUrl('--queue', opts.queue); // the form, before any work; the server is checked when connecting
  }
  if (opts.checkpoint) checkOutputFile('--checkpoint', opts.checkpoint); // before any work (docs/CLI.md, Output paths)
  if (opts.shardOut !== undefined) checkOutputFile('--shard-out', opts.shardOut);
  const kept = opts.shard
    ? opts.shard.index < opts.runs
      ? Math.floor((opts.runs - 1 - opts.shard.index) / opts.shard.count) + 1
      : 0
    : opts.runs;
  checkEnsembleMemory('--runs', kept, opts.gridPoints + (opts.q?.length ?? 0)); // before any work
  const workers = effectiveWorkers(opts.workers);
  // a shard printed to stdout is machine output like --json: no progress lines when stderr is not a terminal
  const bar = await progressBar(
    { progress: opts.progress, json: opts.json || (opts.shard !== undefined && opts.shardOut === undefined) },
    'sweep',
    'replicates',
  );
  const grid = Array.from({ length: opts.gridPoints }, (_, i) => i / (opts.gridPoints - 1));
  const ensembleOpts: Parameters<typeof runEnsemble>[0] = {
    graph: opts.graph,
    mode: opts.mode,
    order: opts.order as 'random',
    runs: opts.runs,
    seed: opts.seed,
    workers,
    grid,
    at: opts.q ?? [],
    bootstrap: opts.bootstrap,
    ...(opts.samples === undefined ? {} : { betweennessSamples: opts.samples }),
    ...(opts.checkpoint ? { checkpoint: opts.checkpoint, resume: opts.resume ?? false } : {}),
    ...(opts.estimator === 'wrapping' ? { wrapping: true } : {}),
    onProgress: (done, total) => bar.update(done, total),
  };
  if (opts.shard) {
    const shard = await runEnsembleShard(ensembleOpts, opts.shard, {
      command: 'sweep',
      graph: opts.graph,
      estimator: opts.estimator ?? 'susceptibility',
    }).finally(() => bar.stop());
    if (opts.shardOut === undefined) {
      for (const line of shardLines(shard)) process.stdout.write(line + '\n');
      return { json: {}, text: '', written: true };
    }
    writeShard(shard, opts.shardOut, '--shard-out');
    const rs = shard.replicates.map((x) => x.r);
    return {
      json: {
        shard: opts.shard,
        runs: opts.runs,
        replicates: rs.length,
        fingerprint: shard.header.fingerprint,
        file: opts.shardOut,
      },
      text: `shard ${opts.shard.index}/${opts.shard.count} of ${opts.runs} runs: ${rs.length} replicates written to ${opts.shardOut} (fingerprint ${shard.header.fingerprint.slice(0, 16)}…)`,
    };
  }
  let res: EnsembleResult;
  if (opts.queue) {
    const { QueueCoordinator } = await import('../../queue/coordinator.ts');
    const q = await QueueCoordinator.open('--queue', opts.queue, {
      note: (m) => process.stderr.write(`fragility sweep: ${m}\n`),
    });
    try {
      res = await runEnsemble({ ...ensembleOpts, remote: q.ensembleRemote(opts.chunk) });
    } finally {
      bar.stop(); // a bar left running would keep the process alive
      await q.close();
    }
  } else res = await runEnsemble(ensembleOpts).finally(() => bar.stop());
  return sweepReport(res, {
    graph: opts.graph,
    estimator: opts.estimator ?? 'susceptibility',
    checkpoint: opts.checkpoint,
  });
}

/**
 * The report of a sweep ensemble: the `--json` object and the text of `fragility sweep`, shared by `fragility merge`
 * so that merged shards print exactly what the unsharded run prints.
 *
 * @param res - the ensemble result.
 * @param how - the `--graph` text, the `--estimator`, and the checkpoint named in the text when replicates were resumed.
 * @returns `{ json, text }`.
 *
 * @complexity O(|at|).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * sweepReport(await runEnsemble({ graph: 'er:n=1000,k=4', runs: 5 }), { graph: 'er:n=1000,k=4', estimator: 'gap' }).json;
 * ```
 */
export function sweepReport(
  res: EnsembleResult,
  how: { graph: string; estimator: 'susceptibility' | 'gap' | 'wrapping'; checkpoint?: string },
): { json: Record<string, unknown>; text: string } {
  const at = res.at.map((p) => {
    const o: Record<string, unknown> = { q: p.q, S: p.S, sd: p.sd, ci: p.ci };
    if (!Number.isFinite(p.sd)) o.reason = 'sd and ci need runs >= 2';
    return o;
  });
  const threshold: Record<string, unknown> = {
    q_c: res.threshold.q_c,
    ci: res.threshold.ci,
    observable: res.threshold.observable,
    method: 'susceptibility peak on the q grid, bootstrap percentile interval',
  };
  if (res.threshold.reason)
    threshold.reason = res.threshold.reason; // q_c null: no transition
  else if (!Number.isFinite(res.threshold.ci[0])) threshold.reason = 'the bootstrap interval needs runs >= 2';
  const gapThreshold: Record<string, unknown> = {
    q_c: res.gapThreshold.q_c,
    ci: res.gapThreshold.ci,
    method: 'mean occupation of the largest jump of the giant (Fan et al. 2020), t interval',
  };
  if (res.gapThreshold.reason) gapThreshold.reason = res.gapThreshold.reason;
  const estimator = how.estimator;
  if (estimator === 'gap') {
    for (const key of Object.keys(threshold)) delete threshold[key];
    Object.assign(threshold, {
      q_c: res.gapThreshold.q_c,
      ci: res.gapThreshold.ci,
      method: 'largest gap: mean occupation of the largest jump of the giant (Fan et al. 2020), t interval',
    });
    if (res.gapThreshold.reason) threshold.reason = res.gapThreshold.reason;
    else if (!Number.isFinite(res.gapThreshold.ci[0])) threshold.reason = 'the t interval needs runs >= 2';
  } else if (estimator === 'wrapping') {
    const w = res.wrappingThreshold!;
    for (const key of Object.keys(threshold)) delete threshold[key];
    Object.assign(threshold, { q_c: w.q_c, ci: w.ci, se: w.se, target: w.target, kind: w.kind, method: w.method });
    if (w.reason) threshold.reason = w.reason;
    else if (!Number.isFinite(w.ci[0])) threshold.reason = 'the interval needs runs >= 2';
  }
  threshold.estimator = estimator;
  const json = {
    graph: how.graph,
    mode: res.mode,
    order: res.order,
    runs: res.runs,
    seed: res.seed,
    n: res.n,
    graphPerReplicate: res.graphPerReplicate,
    level: res.level,
    threshold,
    gapThreshold,
    at,
    resumed: res.resumed,
  };
  const lines = [
    `${res.mode} percolation on ${how.graph} (n = ${res.n}${res.graphPerReplicate ? ', redrawn per replicate' : ''}), ` +
      `order ${res.order}, ${res.runs} runs, seed ${res.seed}`,
    res.threshold.q_c === null
      ? `threshold q_c: none (${res.threshold.reason})`
      : `threshold q_c = ${fmt(res.threshold.q_c)}  95% CI [${fmt(res.threshold.ci[0])}, ${fmt(res.threshold.ci[1])}]  (susceptibility peak)`,
    ...(res.wrappingThreshold
      ? [
          `          q_c = ${fmt(res.wrappingThreshold.q_c ?? NaN)}  95% CI [${fmt(res.wrappingThreshold.ci[0])}, ${fmt(res.wrappingThreshold.ci[1])}]  (${res.wrappingThreshold.method})`,
        ]
      : []),
    res.gapThreshold.q_c === null
      ? `          q_c: none by the largest-gap estimator (${res.gapThreshold.reason})`
      : `          q_c = ${fmt(res.gapThreshold.q_c)}  95% CI [${fmt(res.gapThreshold.ci[0])}, ${fmt(res.gapThreshold.ci[1])}]  (largest-gap estimator)`,
    ...res.at.map((p) => `q = ${p.q}: S = ${fmt(p.S)}  sd ${fmt(p.sd)}  95% CI [${fmt(p.ci[0])}, ${fmt(p.ci[1])}]`),
  ];
  if (res.resumed > 0) lines.push(`(${res.resumed} replicates resumed from ${how.checkpoint})`);
  return { json, text: lines.join('\n') };
}
