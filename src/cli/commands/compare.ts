/**
 * `fragility compare`: analytic vs Monte Carlo percolation on the same grid, lined up point by point, with the
 * thresholds side by side.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import {
  action,
  effectiveWorkers,
  choiceOption,
  intOption,
  numberListOption,
  numberOption,
  withAlias,
  withCommon,
  type CommandResult,
} from '../common.ts';

/** The parsed options of `fragility compare` (what {@link runCompare} takes). */
export interface CompareCliOptions {
  law?: string;
  graph?: string;
  mode: 'site' | 'bond';
  order: 'random' | 'attack';
  runs: number;
  q?: number[];
  n: number;
  level: number;
  window: number;
  tolerance: number;
  finiteSize?: number;
  loops?: number;
  workers: number;
  seed: number;
  out?: string;
  json?: boolean;
}

const f = (x: number | null | undefined, d = 5) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d);

/** Register `fragility compare`. */
export function register(program: Command): void {
  const cmd = program
    .command('compare')
    .description(
      'analytic vs Monte Carlo percolation on one grid: per point the analytic S, the simulated mean and CI, the difference, inside-CI; thresholds side by side',
    )
    .option(
      '--law <LAW>',
      'degree law: generating-function theory vs sweeps on cm:n=N,law=LAW (rr:n=N,k=K for regular(K))',
    )
    .option(
      '--graph <G>',
      'graph spec for the Monte Carlo side; without --law the analytic side is message passing on it',
    )
    .addOption(choiceOption('--mode <mode>', 'site (nodes removed) or bond (edges removed)', ['site', 'bond'], 'site'))
    .option('--runs <R>', 'Monte Carlo replicates', intOption('--runs', 2, 1e7), 20)
    .option('--n <N>', 'graph size for --law', intOption('--n', 10, 1e8), 10000)
    .option('--level <L>', 'confidence level of the intervals', numberOption('--level', 0.5, 0.9999), 0.95)
    .option(
      '--window <W>',
      'points within W of the analytic threshold are flagged and not counted',
      numberOption('--window', 0, 1),
      0.05,
    )
    .option(
      '--tolerance <T>',
      'absolute allowance on |mean − analytic| (e.g. the finite-size floor (ln n)²/n below q_c)',
      numberOption('--tolerance', 0, 1),
      0,
    )
    .option(
      '--finite-size <A>',
      'finite-size allowance of the "agrees" verdict (default (ln n)^2/n)',
      numberOption('--finite-size', 0, 1),
    )
    .option(
      '--loops <R>',
      'without --law: loop-corrected message passing (Cantwell-Newman 2019), cycles up to length R+2, R = 0, 1, 2',
      intOption('--loops', 0, 2),
    )
    .option('--workers <W>', 'worker threads (results identical for any W)', intOption('--workers', 1, 256), 1)
    .option('--out <DIR>', 'write index.md, report.json, the CSV table and an SVG plot to DIR');
  withAlias(
    cmd,
    choiceOption(
      '--order <order>',
      'removal order: random, or attack (highest degree first; site only)',
      ['random', 'attack'],
      'random',
    ),
    choiceOption('--removal <removal>', 'old name of --order', ['random', 'attack']),
  );
  withAlias(
    cmd,
    new Option('--q <Q1,Q2,...>', 'occupations q (fraction kept), increasing (default 0,0.05,...,1)').argParser(
      numberListOption('--q', 0, 1),
    ),
    new Option('--grid <Q1,Q2,...>', 'old name of --q').argParser(numberListOption('--grid', 0, 1)),
  );
  withCommon(cmd);
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility compare --law "regular(3)" --n 10000 --runs 40 --seed 1
  $ fragility compare --graph "er:n=5000,k=4" --runs 20 --seed 1 --json
  {"model":{...},"rows":[{"q":0.5,"analytic":0.3984,"mean":0.398,"ci":[..,..],"difference":..,"insideCi":true,...}],
   "threshold":{"analytic":0.25,"montecarlo":0.25..,"ci":[..,..],"gap":{...}},"agreement":{"inside":..,"total":..},...}

x = q, the occupation (fraction of nodes/edges KEPT); f = 1 − q is the fraction removed. S = giant fraction of all
original nodes. The analytic side is the configuration-model theory of --law (attack: Cohen et al. with fractional
boundary degree), or message passing on --graph. Points within --window of the analytic threshold are flagged
(finite-size effects) and left out of "agreement".`,
  );
  cmd.action(action(runCompare));
}

/**
 * `fragility compare` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runCompare(opts: CompareCliOptions): Promise<CommandResult> {
  const { compareConnectivity } = await import('../../compare/connectivity.ts');
  const res = await compareConnectivity({
    ...(opts.law !== undefined ? { law: opts.law } : {}),
    ...(opts.graph !== undefined ? { graph: opts.graph } : {}),
    mode: opts.mode,
    removal: opts.order,
    runs: opts.runs,
    seed: opts.seed,
    n: opts.n,
    level: opts.level,
    window: opts.window,
    tolerance: opts.tolerance,
    ...(opts.finiteSize !== undefined ? { finiteSize: opts.finiteSize } : {}),
    ...(opts.loops !== undefined ? { loops: opts.loops } : {}),
    workers: effectiveWorkers(opts.workers),
    ...(opts.q ? { grid: opts.q } : {}),
  });
  const rows = res.lineUp.rows.map((r) => ({
    q: r.x,
    f: 1 - r.x,
    analytic: r.analytic,
    mean: r.mean,
    sd: r.sd,
    ci: r.ci,
    difference: r.difference,
    insideCi: r.insideCi,
    nearThreshold: r.nearThreshold,
    agrees: r.agrees,
    region: r.region,
  }));
  const json = {
    model: res.model,
    seed: res.seed,
    runs: res.runs,
    n: res.n,
    level: res.level,
    rows,
    threshold: res.threshold,
    agreement: res.lineUp.agreement,
    maxAbsDifference: res.lineUp.maxAbsDifference,
    coverage: res.lineUp.coverage,
    allowance: res.lineUp.allowance,
  };
  const { markdownTable } = await import('../../report/markdown-table.ts');
  const tableRows = rows.map((r) => ({
    q: f(r.q, 3),
    analytic: f(r.analytic),
    'MC mean': f(r.mean),
    'MC CI': `[${f(r.ci[0])}, ${f(r.ci[1])}]`,
    difference: f(r.difference),
    'inside CI': r.insideCi === null ? 'n/a' : r.insideCi ? 'yes' : 'no',
    'near q_c': r.nearThreshold ? 'yes' : '',
    agrees: r.agrees === null ? 'n/a' : r.agrees ? 'yes' : 'no',
  }));
  const cv = res.lineUp.coverage;
  const al = res.lineUp.allowance;
  const coverageText =
    `Agreement (inside the CI, or |difference| <= max(floor ${al.floor}, tolerance ${al.tolerance}, finite-size ${f(al.finiteSize, 6)} where the theory says 0 or below q_c)): ` +
    (['below', 'near', 'above', 'no-threshold'] as const)
      .filter((k) => cv[k].total > 0)
      .map((k) => `${k} ${cv[k].agree}/${cv[k].total}`)
      .join(', ') +
    (al.finiteSizeReason ? `\nfinite-size allowance: ${al.finiteSizeReason}` : '');
  const table = markdownTable(tableRows).trimEnd();
  const th = res.threshold;
  const thText = `threshold q_c: analytic ${f(th.analytic)}${th.analyticReason ? ` (${th.analyticReason})` : ''} | Monte Carlo ${f(th.montecarlo)}${th.montecarloReason ? ` (${th.montecarloReason})` : ` [${f(th.ci[0])}, ${f(th.ci[1])}] (susceptibility peak)`} | largest gap ${f(th.gap.q_c)}${th.gap.reason ? '' : ` [${f(th.gap.ci[0])}, ${f(th.gap.ci[1])}]`}`;
  let written = '';
  if (opts.out) {
    const { writeReport } = await import('../../report/report-bundle.ts');
    const { giantComponentPlot } = await import('../../report/giant-component-plot.ts');
    const svg = giantComponentPlot({
      title: `Giant component: ${res.model.analytic}`,
      subtitle: `Monte Carlo: ${res.model.graph}, ${res.runs} runs, ${Math.round(res.level * 100)} % CI`,
      curves: [
        {
          name: `${res.model.mode} ${res.model.removal}`,
          analytic: rows.map((r) => ({ f: r.f, S: r.analytic })),
          simulated: rows.map((r) => ({ f: r.f, S: r.mean, lo: r.ci[0], hi: r.ci[1] })),
        },
      ],
      ...(th.analytic !== null ? { thresholds: [{ f: 1 - th.analytic, label: 'analytic f_c' }] } : {}),
    });
    const w = writeReport(opts.out, {
      title: `Comparison: ${res.model.law ?? res.model.graph}`,
      summary: `${thText}\n\nAgreement away from the threshold: ${res.lineUp.agreement.inside}/${res.lineUp.agreement.total} points.\n${coverageText}`,
      sections: [
        { heading: 'Giant component against removal', plot: { name: 'giant-component', svg } },
        { heading: 'Line-up', table: { rows: tableRows, csv: 'line-up' } },
      ],
      json,
    });
    written = `\nReport: ${w.index}`;
  }
  const text = `${res.model.analytic}\nMonte Carlo: ${res.model.graph}, ${res.runs} runs, seed ${res.seed}\n\n${table}\n\n${thText}\nAgreement away from the threshold: ${res.lineUp.agreement.inside}/${res.lineUp.agreement.total} points\n${coverageText}${written}`;
  return { json, text };
}
