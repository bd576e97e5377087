/**
 * `fragility fss`: a finite-size study of percolation on a periodic lattice by the wrapping-probability estimator
 * (Newman & Ziff 2001): thresholds per size, extrapolation L → ∞, exponents 1/ν and β/ν with intervals.
 *
 * @module
 */
import type { Command } from 'commander';
import { FragilityInputError } from '../../errors.ts';
import {
  action,
  choiceOption,
  intOption,
  numberListOption,
  progressBar,
  withCommon,
  withProgress,
  type CommandResult,
} from '../common.ts';
import { type FiniteSizeStudyResult, finiteSizePlan, finiteSizeReduce } from '../../montecarlo/finite-size-study.ts';
import type { EnsembleResult, ReplicateSelection } from '../../montecarlo/ensemble.ts';
import { runEnsemble } from '../../montecarlo/ensemble.ts';
import { checkShardFlags, emitStudyShard, withQueueRemote, withShardFlags } from '../shard-flags.ts';
import { universalWrappingProbability } from '../../montecarlo/wrapping-threshold.ts';

/** The parsed options of `fragility fss` (what {@link runFss} takes). */
export interface FssCliOptions {
  lattice: 'square' | 'triangular' | 'honeycomb' | 'cubic';
  sizes: number[];
  mode: 'site' | 'bond';
  runs: number[];
  kind: 'axis' | 'any' | 'all';
  omega?: string;
  workers: number;
  seed: number;
  json?: boolean;
  progress?: boolean;
  shard?: ReplicateSelection;
  shardOut?: string;
  queue?: string;
}

const f6 = (x: number | null) => (x !== null && Number.isFinite(x) ? x.toFixed(6) : 'n/a');
const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');

/** Register `fragility fss`. */
export function register(program: Command): void {
  const cmd = program
    .command('fss')
    .description(
      'finite-size study on a periodic lattice: wrapping-probability thresholds per size, extrapolation, exponents 1/nu and beta/nu',
    )
    .addOption(
      choiceOption('--lattice <K>', 'periodic lattice', [
        'square',
        'triangular',
        'honeycomb',
        'cubic',
      ]).makeOptionMandatory(),
    )
    .requiredOption(
      '--sizes <L1,L2,...>',
      'side lengths (>= 2 distinct integers >= 3)',
      numberListOption('--sizes', 3, 4096),
    )
    .addOption(choiceOption('--mode <mode>', 'site or bond percolation', ['site', 'bond'], 'site'))
    .option(
      '--runs <R|R1,R2,...>',
      'replicates: one count for every size, or one per size',
      numberListOption('--runs', 2, 1e7),
      [200],
    )
    .addOption(
      choiceOption(
        '--kind <W>',
        'wrapping event: along a given axis, either axis, or all axes',
        ['axis', 'any', 'all'],
        'axis',
      ),
    )
    .option(
      '--omega <X|fit>',
      'correction exponent of q_c(L) = q_c + a L^-omega (default: 2 + 1/nu with the universal R_c, else 1/nu, nu measured)',
    )
    .option('--workers <W>', 'compute threads (results identical for any W)', intOption('--workers', 1, 256), 1);
  withShardFlags(cmd, 'replicates of every size');
  withCommon(cmd);
  withProgress(cmd);
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility fss --lattice square --sizes 32,64,128,256 --mode site --runs 400 --workers 2 --json
  {"lattice":"square",...,"extrapolation":{"q_c":0.5927..,"ci":[..,..],...},"inverseNu":{...},"betaOverNu":{...}}

Each size L runs R Newman–Ziff sweeps of the periodic L^d lattice (size i with seed + i). Its threshold is where the
canonical probability that a cluster wraps around the torus equals the universal value (square lattice: ${universalWrappingProbability('square')!.toFixed(10)},
Pinson 1994; triangular and honeycomb, hexagonal torus: ${universalWrappingProbability('triangular')!.toFixed(10)}) or 1/2 (cubic: no known value, stated in
method), with a delta-method interval. The
thresholds are extrapolated with q_c(L) = q_c + a L^-omega weighted by their standard errors (a fitted omega that
hits its range's edge carries a warning); crossings of consecutive sizes are listed. 1/nu comes from the width of
the wrapping-point distribution, beta/nu = d - d_f from the mass of the first wrapping cluster.

More than one machine: --shard i/N runs, for every size, the replicates r with r mod N = i (replicate r of size i
draws stream(seed + i, r), so nothing depends on N) and prints a shard; fragility merge FILES... prints the JSON of
the unsharded run. --queue URL computes the replicates on fragility worker processes.
  $ for i in 0 1 2; do fragility fss --lattice square --sizes 16,32 --runs 40 --shard $i/3 --shard-out f$i.ndjson; done
  $ fragility merge f0.ndjson f1.ndjson f2.ndjson --json`,
  );
  cmd.action(action(runFss));
}

/**
 * `fragility fss` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runFss(opts: FssCliOptions): Promise<CommandResult> {
  for (const L of opts.sizes)
    if (!Number.isInteger(L)) throw new FragilityInputError('sizes', opts.sizes, 'integers >= 3');
  for (const r of opts.runs)
    if (!Number.isInteger(r)) throw new FragilityInputError('runs', opts.runs, 'integers >= 2');
  let omega: number | 'fit' | undefined;
  if (opts.omega !== undefined) {
    const v = Number(opts.omega);
    if (opts.omega === 'fit') omega = 'fit';
    else if (opts.omega.trim() !== '' && v > 0 && v < 100) omega = v;
    else throw new FragilityInputError('omega', opts.omega, "a number in (0, 100) or 'fit'");
  }
  const runs = opts.runs.length === 1 ? opts.runs[0] : opts.runs;
  await checkShardFlags(opts);
  const plan = finiteSizePlan({
    lattice: opts.lattice,
    sizes: opts.sizes,
    mode: opts.mode,
    runs,
    seed: opts.seed,
    workers: opts.workers,
    kind: opts.kind,
    ...(omega === undefined ? {} : { omega }),
  });
  if (opts.shard) {
    const log = (m: string) =>
      opts.shardOut !== undefined && !opts.json ? process.stderr.write(`fragility fss: ${m}\n`) : undefined;
    return emitStudyShard(
      { command: 'fss', output: { reduction: plan.reduction, seed: opts.seed }, ensembles: plan.ensembles },
      opts,
      log,
    );
  }
  const bar = await progressBar(opts, 'fss', 'replicates');
  const total = plan.ensembles.reduce((a, e) => a + (e.options.runs ?? 0), 0);
  const s = await withQueueRemote(opts, 'fss', async (remote) => {
    const results: EnsembleResult[] = [];
    let before = 0; // replicates of the sizes already done
    for (const e of plan.ensembles) {
      const base = before;
      results.push(
        await runEnsemble({
          ...e.options,
          onProgress: (done: number) => bar.update(base + done, total),
          ...(remote ? { remote } : {}),
        }),
      );
      before += e.options.runs ?? 0;
    }
    return finiteSizeReduce(plan.reduction, results);
  }).finally(() => bar.stop());
  return fssReport(s, opts.seed);
}

/**
 * The report of a finite-size study: the `--json` object and the text of `fragility fss`, shared by `fragility
 * merge` so that merged shards print exactly what the unsharded run prints.
 *
 * @param s - the study's result.
 * @param seed - its seed.
 * @returns `{ json, text }`.
 *
 * @complexity O(sizes).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * fssReport(await finiteSizeStudy({ lattice: 'square', sizes: [16, 32], runs: 40 }), 1).json;
 * ```
 */
export function fssReport(s: FiniteSizeStudyResult, seed: number): { json: Record<string, unknown>; text: string } {
  const json = {
    lattice: s.lattice,
    mode: s.mode,
    dim: s.dim,
    kind: s.kind,
    seed,
    sizes: s.rows.map((r) => ({
      L: r.L,
      n: r.n,
      runs: r.runs,
      q_c: r.threshold.q_c,
      se: r.threshold.se,
      ci: r.threshold.ci,
      target: r.threshold.target,
      width: r.width,
      wrapMass: r.wrapMass,
      wrapMassSe: r.wrapMassSe,
      ...(r.threshold.reason ? { reason: r.threshold.reason } : {}),
    })),
    thresholdMethod: s.rows[0].threshold.method,
    crossings: s.crossings.map((c) => ({
      L1: c.L1,
      L2: c.L2,
      q_c: c.crossing.q_c,
      se: c.crossing.se,
      ci: c.crossing.ci,
      R: c.crossing.target,
      ...(c.crossing.reason ? { reason: c.crossing.reason } : {}),
    })),
    extrapolation: {
      q_c: s.extrapolation.q_c,
      se: s.extrapolation.q_cSe,
      ci: s.extrapolation.ci,
      omega: s.extrapolation.omega,
      omegaSource: s.extrapolation.omegaSource,
      residual: s.extrapolation.residual,
      ...(s.extrapolation.warning ? { warning: s.extrapolation.warning } : {}),
    },
    inverseNu: { value: s.inverseNu.exponent, se: s.inverseNu.se, ci: s.inverseNu.ci },
    betaOverNu: { value: s.betaOverNu.exponent, se: s.betaOverNu.se, ci: s.betaOverNu.ci },
    method: s.method,
  };
  const lines = [
    `${s.mode} percolation, periodic ${s.lattice} lattice (d = ${s.dim}), wrapping event ${s.kind}, seed ${seed}`,
    ...s.rows.map(
      (r) =>
        `L = ${r.L}: q_c = ${f6(r.threshold.q_c)} ± ${f6(r.threshold.se)} (${r.runs} runs), width ${f4(r.width)}, wrap mass ${r.wrapMass.toFixed(1)}`,
    ),
    ...s.crossings.map((c) => `crossing L = ${c.L1}/${c.L2}: q_c = ${f6(c.crossing.q_c)} ± ${f6(c.crossing.se)}`),
    `extrapolated q_c = ${f6(s.extrapolation.q_c)}  95% CI [${f6(s.extrapolation.ci[0])}, ${f6(s.extrapolation.ci[1])}]  (omega = ${f4(s.extrapolation.omega)}, ${s.extrapolation.omegaSource})`,
    ...(s.extrapolation.warning ? [`WARNING: ${s.extrapolation.warning}`] : []),
    `1/nu = ${f4(s.inverseNu.exponent)}  95% CI [${f4(s.inverseNu.ci[0])}, ${f4(s.inverseNu.ci[1])}]`,
    `beta/nu = ${f4(s.betaOverNu.exponent)}  95% CI [${f4(s.betaOverNu.ci[0])}, ${f4(s.betaOverNu.ci[1])}]`,
    `threshold per size: ${s.rows[0].threshold.method}`,
  ];
  return { json, text: lines.join('\n') };
}
