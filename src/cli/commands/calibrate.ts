/**
 * `fragility calibrate SCENARIO`: rerun the issue-16 calibration — the 2010 timeline fitted by weighted least
 * squares on the fluid limit (Nelder–Mead inside the source ranges), confirmed by simulation, with intervals,
 * residuals and leave-one-out predictions; or, for skype-2007, the out-of-sample prediction from the 2010 fit.
 *
 * @module
 */
import type { Command } from 'commander';
import { FragilityInputError } from '../../errors.ts';
import type {
  Overload2007Prediction,
  OverloadCalibration,
  calibrationWhatIfs,
} from '../../compare/overload-calibration.ts';
import { SKYPE_2010_OBSERVATIONS } from '../../models/overload-observations.ts';
import { action, intOption, jsonSafe, numberOption, withCommon, type CommandResult } from '../common.ts';
import type { ReplicateSelection } from '../../montecarlo/ensemble.ts';
import type { StudyRuns } from '../../montecarlo/study-shard.ts';
import { type ShardFlags, checkShardFlags, emitStudyShard, withShardFlags } from '../shard-flags.ts';

/** The parsed options of `fragility calibrate` (what {@link runCalibrate} takes). */
export interface CalibrateCliOptions {
  shard?: ReplicateSelection;
  shardOut?: string;
  queue?: string;
  json?: boolean;
  seed: number;
  maxEvals?: number;
  looEvals?: number;
  profileEvals?: number;
  simRuns?: number;
  simScale?: number;
  svg?: string;
}

const SCENARIOS = ['skype-2010', 'skype-2007'];

/** Register `fragility calibrate`. */
export function register(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description(
      'fit the overload model to the observed 2010 timeline (skype-2010), or predict 2007 from that fit (skype-2007)',
    )
    .argument('<scenario>', `one of ${SCENARIOS.join(', ')}`)
    .option(
      '--max-evals <N>',
      'evaluation bound of the main Nelder–Mead fit (default 120)',
      intOption('--max-evals', 8, 100_000),
    )
    .option(
      '--loo-evals <N>',
      'evaluation bound of each leave-one-out refit (default 30; 0 = skip)',
      intOption('--loo-evals', 0, 100_000),
    )
    .option(
      '--profile-evals <N>',
      'refit evaluations at each profiled value of a parameter fitted to a bound of its range (default 15; 0 = a slice)',
      intOption('--profile-evals', 0, 100_000),
    )
    .option('--sim-runs <N>', 'simulations confirming the fit (default 4; 0 = skip)', intOption('--sim-runs', 0, 1000))
    .option(
      '--sim-scale <X>',
      'population scale of those simulations (default 0.02 for 2010, 0.05 for 2007)',
      numberOption('--sim-scale', 0.001, 1),
    )
    .option(
      '--svg <FILE>',
      'skype-2010: write the plot (simulated band and mean, fluid curve, observed points) to FILE',
    );
  withShardFlags(cmd, 'confirming simulations');
  withCommon(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ fragility calibrate skype-2010                    # ≈ 300 fluid runs + 4 simulations (a few minutes)
  $ fragility calibrate skype-2010 --loo-evals 0 --json
  $ fragility calibrate skype-2007 --seed 2           # the 2007 outage predicted from the 2010 fit, no refitting

Objective: χ² = Σ ((fluid online − observed)/σ)² over the observed points of the record (src/models/
overload-observations.ts, rows 2–3 of docs/reference/skype-calibration.md), each free parameter bounded by its
source range. Intervals from the Hessian of χ² (covariance 2·H⁻¹); leave-one-out: refit without a point (warm
start), predict it. A parameter fitted to a bound of its source range is profiled from that bound inward (the
others refitted); its 95 % interval ends where χ² has risen by 3.84. The simulated mean (runs with seeds (seed, index 0..runs−1)) confirms the fitted fluid curve.

More than one machine: --shard i/N runs the fit (deterministic, the same in every shard) and the simulations r with
r mod N = i, and prints a shard; fragility merge FILES... prints the JSON of the unsharded run (the final "(N s)"
timing of the text aside). --queue URL runs the simulations on fragility worker processes (one task per run).`,
  );
  cmd.action(action(runCalibrate));
}

/**
 * `fragility calibrate` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runCalibrate(name: string, opts: CalibrateCliOptions): Promise<CommandResult> {
  if (!SCENARIOS.includes(name)) throw new FragilityInputError('scenario', name, SCENARIOS.join(' or '));
  if (opts.svg !== undefined) {
    if (name !== 'skype-2010') throw new FragilityInputError('--svg', opts.svg, 'only with skype-2010 (the fit)');
    const { checkOutputFile } = await import('../../atomic-write.ts');
    checkOutputFile('--svg', opts.svg);
  }
  await checkShardFlags(opts);
  if (opts.svg !== undefined && opts.shard)
    throw new FragilityInputError(
      '--svg',
      opts.svg,
      'used without --shard (fragility merge prints the result; rerun without --shard for the plot)',
    );
  const cal = await import('../../compare/overload-calibration.ts');
  const { overloadTimelineFamily, timelinesOfValues } = await import('../../queue/tasks.ts');
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  if (name === 'skype-2007') {
    const simScale = opts.simScale ?? 0.05;
    const simRuns = opts.simRuns ?? 4;
    const r = cal.predictOverload2007({ seed: opts.seed, simRuns: 0, simScale });
    const family =
      simRuns > 0 ? overloadTimelineFamily('simulation', r.params, simScale, opts.seed, simRuns) : undefined;
    const { params, ...rest } = r;
    const { headroom, overlay: _o, ...plain } = params;
    const json = { scenario: name, params: { ...plain, headroom: headroom.spec }, ...rest };
    const output = { json: jsonSafe(json), simScale, seed: opts.seed };
    if (opts.shard)
      return emitStudyShard({ command: 'calibrate', output, ensembles: [], runFamilies: family ? [family] : [] }, opts);
    if (family)
      json.simulation = cal.prediction2007SimulationFrom(
        timelinesOfValues(await familyValues(family, opts)),
        simScale,
        opts.seed,
      );
    return { json, text: calibrate2007Text(json, seconds()) };
  }
  let last = 0;
  const simScale = opts.simScale ?? 0.02;
  const simRuns = opts.simRuns ?? 4;
  const r = cal.calibrateOverload({
    seed: opts.seed,
    ...(opts.maxEvals !== undefined ? { maxEvaluations: opts.maxEvals } : {}),
    ...(opts.looEvals !== undefined ? { looEvaluations: opts.looEvals } : {}),
    ...(opts.profileEvals !== undefined ? { profileEvaluations: opts.profileEvals } : {}),
    simRuns: 0,
    simScale,
    onEvaluation: (n, chi2) => {
      if (!opts.json && performance.now() - last > 10_000) {
        last = performance.now();
        process.stderr.write(`fragility: calibrate: ${n} fluid evaluations, last χ² ${chi2.toFixed(2)}\n`);
      }
    },
  });
  const w = cal.calibrationWhatIfs(r.params);
  const family = simRuns > 0 ? overloadTimelineFamily('simulation', r.params, simScale, opts.seed, simRuns) : undefined;
  if (opts.shard) {
    const { params, ...rest } = r;
    const { headroom, overlay: _o, ...plain } = params;
    const json = {
      scenario: name,
      params: { ...plain, headroom: headroom.spec },
      ...rest,
      criticalLoss: w.criticalLoss,
      whatIfs: w.whatIfs,
    };
    return emitStudyShard(
      {
        command: 'calibrate',
        output: { json: jsonSafe(json), simScale, seed: opts.seed },
        ensembles: [],
        runFamilies: family ? [family] : [],
      },
      opts,
    );
  }
  if (family)
    r.simulation = cal.simulatedResidualsFrom(
      timelinesOfValues(await familyValues(family, opts)),
      SKYPE_2010_OBSERVATIONS,
      simScale,
      opts.seed,
    );
  let written: string | undefined;
  if (opts.svg !== undefined) {
    const { writeFileAtomic } = await import('../../atomic-write.ts');
    writeFileAtomic(opts.svg, cal.calibrationPlot(r), '--svg');
    written = opts.svg;
  }
  const { params, ...rest } = r;
  const { headroom, overlay: _o, ...plain } = params;
  const json = {
    scenario: name,
    params: { ...plain, headroom: headroom.spec },
    ...rest,
    criticalLoss: w.criticalLoss,
    whatIfs: w.whatIfs,
    ...(written ? { svg: written } : {}),
  };
  return { json, text: calibrate2010Text(json, seconds()) };
}

/** The confirming simulations' values: on the queue's workers with --queue, else here. */
async function familyValues(family: StudyRuns, o: ShardFlags): Promise<unknown[]> {
  if (!o.queue) return family.compute(Array.from({ length: family.runs }, (_, r) => r));
  const { QueueCoordinator } = await import('../../queue/coordinator.ts');
  const q = await QueueCoordinator.open('--queue', o.queue, {
    note: (m) => process.stderr.write(`fragility calibrate: ${m}\n`),
  });
  try {
    return await q.runFamily(family);
  } finally {
    await q.close();
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The JSON of `calibrate skype-2007` (also rebuilt by `fragility merge`). */
export type Calibrate2007Json = { scenario: string; params: Record<string, unknown> } & Omit<
  Overload2007Prediction,
  'params'
>;

/**
 * The text of `calibrate skype-2007` from its JSON (shared with `fragility merge`).
 *
 * @param r - the JSON object.
 * @param seconds - elapsed time (the last line).
 * @returns the text.
 */
export function calibrate2007Text(r: Calibrate2007Json, seconds: number): string {
  const rows = r.fluid.rows.map((row, i) => {
    const s = r.simulation?.rows[i];
    return `${row.t.toFixed(2).padStart(6)}  ${pct(row.observed).padStart(7)} ± ${pct(row.sigma).padStart(6)}  fluid ${pct(row.model).padStart(7)} (${row.standardized.toFixed(2).padStart(6)} σ)  sim ${s ? `${pct(s.model).padStart(7)} (${s.standardized.toFixed(2).padStart(6)} σ)` : '—'}  ${row.label}`;
  });
  return [
    'August 2007 predicted from the 2010 fit (no parameter refitted; the preset skype2007PredictedParams changes only the',
    'population, the trigger, the reboot restart, the broken re-promotion and the forced supernodes)',
    '',
    `fluid:      minimum online ${pct(r.fluid.minOnline)} at T+${r.fluid.minOnlineAtHours.toFixed(1)} h, outage (online < 50 %) ${r.fluid.outageHours.toFixed(1)} h, χ² ${r.fluid.chi2.toFixed(1)}`,
    r.simulation
      ? `simulation: mean of ${r.simulation.runs} runs at scale ${r.simulation.scale} (seed ${r.simulation.seed}): minimum ${pct(r.simulation.minOnline)}, outage ${r.simulation.outageHours.toFixed(1)} h`
      : 'simulation: skipped',
    'observed: trough ≈ 150 k of 7 M (2 %), ≈ 2 days of outage (rows 25–26)',
    '',
    '   t (h)  observed            fluid                     simulated mean',
    ...rows,
    '',
    `(${seconds.toFixed(1)} s)`,
  ].join('\n');
}

/** The JSON of `calibrate skype-2010` (also rebuilt by `fragility merge`). */
export type Calibrate2010Json = { scenario: string; params: Record<string, unknown>; svg?: string } & Omit<
  OverloadCalibration,
  'params'
> &
  ReturnType<typeof calibrationWhatIfs>;

/**
 * The text of `calibrate skype-2010` from its JSON (shared with `fragility merge`).
 *
 * @param r - the JSON object.
 * @param seconds - elapsed time (the last line).
 * @returns the text.
 */
export function calibrate2010Text(r: Calibrate2010Json, seconds: number): string {
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(2) : x.toFixed(3));
  return [
    `December 2010 timeline fitted on the fluid limit (${r.fluid.quantiles} headroom quantiles): ${r.optimiser.method}`,
    `objective: ${r.objective}`,
    `χ² ${r.optimiser.chi2Start.toFixed(2)} at the start → ${r.optimiser.chi2.toFixed(2)} after ${r.optimiser.evaluations} evaluations (${r.optimiser.converged ? 'converged' : 'evaluation bound reached'}); ${r.fluid.rows.length} points, ${r.parameters.length} parameters`,
    '',
    '  parameter                  start      fitted     95 % interval          source range',
    ...r.parameters.map(
      (p) =>
        `  ${p.name.padEnd(24)} ${fmt(p.start).padStart(8)}  ${fmt(p.value).padStart(9)}  ${(p.interval ? `[${fmt(p.interval[0])}, ${fmt(p.interval[1])}]` : '—').padEnd(21)} [${p.lo}, ${p.hi}]${p.atBound ? ' (at a bound)' : ''}  ${p.source}`,
    ),
    `  intervals: ${r.intervalsNote}`,
    ...r.profiles.flatMap((pr) => [
      `  ${pr.name} ends at the ${pr.bound === 'hi' ? 'upper' : 'lower'} end of its source range (${pr.at}): χ² ${pr.kind} from the bound inward${pr.kind === 'profile' ? ` (others refitted, ${pr.evaluations} evaluations each)` : ''}: ` +
        pr.points.map((q) => `${fmt(q.value)} → Δχ² ${q.deltaChi2.toFixed(2)}`).join(', '),
      `    95 % interval [${fmt(pr.interval[0])}, ${fmt(pr.interval[1])}]${pr.limit === null ? ' (Δχ² stays below 3.84 over the whole range)' : ` (Δχ² = 3.84 at ${fmt(pr.limit)})`}; ${
        pr.points[0].deltaChi2 <= 1e-9
          ? `χ² is lowest at the bound: the record would prefer a value ${pr.bound === 'hi' ? 'above' : 'below'} the range, which no source supports`
          : `χ² is lowest inside the range, at ${fmt(pr.points.reduce((a, b) => (b.chi2 < a.chi2 ? b : a)).value)}: the fit had not converged in this direction`
      }`,
    ]),
    '',
    '  t (h)         observed          fluid (fit)      fluid (100 q)    simulated mean [min, max]           leave-one-out',
    ...r.fluid.rows.map((row, i) => {
      const fine = r.fluidFine.rows[i];
      const s = r.simulation?.rows[i];
      const loo = r.leaveOneOut[i];
      const t = row.tEnd !== undefined ? `${row.t}–${row.tEnd}` : `${row.t}`;
      return `  ${t.padEnd(10)} ${pct(row.observed).padStart(7)} ± ${pct(row.sigma).padStart(6)}  ${pct(row.model).padStart(7)} ${row.standardized.toFixed(2).padStart(6)} σ  ${pct(fine.model).padStart(7)} ${fine.standardized.toFixed(2).padStart(6)} σ  ${s ? `${pct(s.model).padStart(7)} [${pct(s.min)}, ${pct(s.max)}] ${s.standardized.toFixed(2).padStart(6)} σ` : '—'.padEnd(36)}  ${loo ? `${pct(loo.predicted).padStart(7)} ${loo.standardized.toFixed(2).padStart(6)} σ` : '—'}  ${row.label}`;
    }),
    '',
    r.simulation
      ? `simulation: ${r.simulation.runs} runs at scale ${r.simulation.scale}, seed ${r.simulation.seed}; χ² of the mean ${r.simulation.chi2.toFixed(2)}`
      : 'simulation: skipped',
    '',
    `critical supernode loss of the fitted model (fluid, forced loss within 3 h): ${r.criticalLoss === null ? 'none' : pct(r.criticalLoss)}`,
    '  what-if (fluid, 20 quantiles)             minimum   outage (< 50 %)   back >= 80 % from   T+20 h   T+24.5 h   T+48 h',
    ...r.whatIfs.map(
      (x) =>
        `  ${x.name.padEnd(40)} ${pct(x.minOnline).padStart(8)}  ${`${x.outageHours.toFixed(1)} h`.padStart(15)}  ${(x.recoveredAtHours === null ? 'never' : `T+${x.recoveredAtHours.toFixed(1)} h`).padStart(17)}  ${pct(x.online.t20).padStart(7)}  ${pct(x.online.t24_5).padStart(8)}  ${pct(x.online.t48).padStart(7)}`,
    ),
    ...(r.svg ? ['', `plot written to ${r.svg}`] : []),
    `(${seconds.toFixed(0)} s)`,
  ].join('\n');
}
