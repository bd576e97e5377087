/**
 * `fragility interdependent`: mutual giant component of two interdependent configuration-model networks, and with
 * `--simulate N` (or `--graph-a`) its Monte Carlo twin, the simulated cascade of mutual giant components.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import {
  type CommandResult,
  action,
  intOption,
  numberListOption,
  numberOption,
  withAlias,
  withCommon,
} from '../common.ts';
import { FragilityInputError } from '../../errors.ts';
import { parseDegreeLaw } from '../../distributions/parse.ts';
import { interdependentNetworkCritical, interdependentNetworkGiant } from '../../analytic/interdependent.ts';

/** The parsed options of `fragility interdependent` (what {@link runInterdependent} takes). */
export interface InterdependentOptions {
  law?: string;
  lawB?: string;
  /** Occupation of network A: the fraction kept (`--q`; Buldyrev et al.'s p). */
  q?: number;
  networks: number;
  simulate?: number;
  graphA?: string;
  graphB?: string;
  runs: number;
  grid?: number[];
  level: number;
  window: number;
  tolerance: number;
  threshold?: boolean;
  seed: number;
  json?: boolean;
}

const f = (x: number | null | undefined, d = 5) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d);

/** Register `fragility interdependent`. */
export function register(program: Command): void {
  const cmd = program
    .command('interdependent')
    .description(
      'two interdependent networks (one-to-one dependencies): threshold p_c, jump S(p_c), mutual giant S(p); --simulate N adds the Monte Carlo cascade',
    )
    .option('--law <LAW>', 'degree law of network A (and of B unless --law-b is given)')
    .option('--law-b <LAW>', 'degree law of network B (default: the same as --law)')
    .option(
      '--networks <N>',
      'number of networks in a tree-like network of networks, all with --law (Gao et al. 2011)',
      intOption('--networks', 1, 1000),
      2,
    )
    .option(
      '--simulate <N>',
      'also simulate the cascade on generated pairs of N nodes each (er: for poisson(K), rr: for regular(K), else cm:)',
      intOption('--simulate', 2, 1e8),
    )
    .option(
      '--graph-a <G>',
      'simulate on this graph spec for A (random specs redrawn per run; files fixed); without --law the theory uses its degree law',
    )
    .option('--graph-b <G>', 'graph spec for B (default: --graph-a, drawn independently when random)')
    .option('--runs <R>', 'simulated replicate pairs', intOption('--runs', 2, 1e7), 10)
    .option(
      '--grid <P1,P2,...>',
      'simulate and line up at these kept fractions (increasing)',
      numberListOption('--grid', 0, 1),
    )
    .option('--level <L>', 'confidence level of the intervals', numberOption('--level', 0.5, 0.9999), 0.95)
    .option(
      '--window <W>',
      'grid points within W of the analytic p_c are flagged and not counted',
      numberOption('--window', 0, 1),
      0.03,
    )
    .option(
      '--tolerance <T>',
      'finite-size allowance on |mean - analytic| (default 0.01)',
      numberOption('--tolerance', 0, 1),
      0.01,
    )
    .option(
      '--threshold',
      'also estimate p_c from the simulation (bisection per replicate; slow near p_c at large N); adds montecarlo.p_c and montecarlo.p_c_ci',
    );
  withAlias(
    cmd,
    new Option(
      '--q <Q>',
      "occupation: fraction of network A kept (a random 1 - Q is removed; Buldyrev et al.'s p)",
    ).argParser(numberOption('--q', 0, 1)),
    new Option('--p <P>', 'old name of --q').argParser(numberOption('--p', 0, 1)),
  );
  withCommon(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  $ fragility interdependent --law "poisson(4)" --q 0.7 --json
  {"law":"poisson(4)","lawB":"poisson(4)","pc":0.613852...,"SAtPc":0.314108...,"p":0.7,"S":0.557616...}
  $ fragility interdependent --law "poisson(4)" --q 0.7 --simulate 100000 --runs 10 --seed 1 --json
  {..., "S":0.557616..., "montecarlo":{"S":0.5578...,"ci":[..,..],"n":100000,"runs":10,...,"insideCi":true}}

S is the fraction of all nodes of A in the mutual giant component (Buldyrev et al. 2010); p_c (JSON "pc") is null with a
"reason" when no mutual giant exists even at p = 1. --networks N > 2: a tree-like network of N networks with the
same law (Gao et al. 2011; N equal ER networks: S = p(1 - exp(-<k>S))^N).

Simulation (--simulate N or --graph-a G; two networks only): replicate r (stream(seed, r)) draws A and B, a random
one-to-one dependency and a random attack keeping round(p N) nodes of A; then the largest component of A is kept,
B loses the partners of lost A nodes and keeps its largest component, and so on until nothing changes.
"montecarlo" gives the mean mutual giant over the runs with its Student-t interval; --grid adds "rows" lined up
with the theory (points within --window of p_c are not counted in "agreement").`,
  );
  cmd.action(action(runInterdependent));
}

/**
 * `fragility interdependent` without the command line: check the option combination, then the theory (with a
 * degree law) and the simulation (with --simulate N or --graph-a G).
 *
 * @param opts - the parsed options.
 * @returns the JSON object and the text the command prints.
 * @throws FragilityInputError naming the flag of an option combination that is not allowed, before any work.
 */
export async function runInterdependent(opts: InterdependentOptions): Promise<CommandResult> {
  checkInterdependentOptions(opts);
  const json: Record<string, unknown> = {};
  const text = opts.law === undefined ? '' : theory(opts, json);
  if (opts.simulate === undefined && opts.graphA === undefined) return { json, text };
  return { json, text: await simulation(opts, json, text) };
}

/** The option combinations that are not allowed, each refused naming its flag. */
function checkInterdependentOptions(opts: InterdependentOptions): void {
  const simulate = opts.simulate !== undefined || opts.graphA !== undefined;
  if (opts.law === undefined && opts.graphA === undefined)
    throw new FragilityInputError('--law', undefined, 'a degree law (or --graph-a G to simulate on given graphs)');
  if (opts.graphB !== undefined && opts.graphA === undefined)
    throw new FragilityInputError('--graph-b', opts.graphB, 'only together with --graph-a');
  if (opts.simulate !== undefined && opts.graphA !== undefined)
    throw new FragilityInputError('--simulate', opts.simulate, 'not with --graph-a (the given graphs fix N)');
  if (opts.simulate !== undefined && opts.law === undefined)
    throw new FragilityInputError('--law', undefined, 'a degree law to generate the pairs of --simulate N from');
  if (opts.lawB !== undefined && opts.law === undefined)
    throw new FragilityInputError('--law-b', opts.lawB, 'only together with --law');
  if (opts.lawB !== undefined && opts.networks !== 2)
    throw new FragilityInputError('--networks', opts.networks, '2 when --law-b is given');
  if (simulate && opts.networks !== 2)
    throw new FragilityInputError('--networks', opts.networks, '2 when simulating (the simulation is of a pair)');
  if (opts.threshold && !simulate)
    throw new FragilityInputError('--threshold', true, 'only with --simulate N or --graph-a G');
  if (opts.grid !== undefined && !simulate)
    throw new FragilityInputError('--grid', opts.grid, 'only with --simulate N or --graph-a G');
  if (simulate && opts.q === undefined && opts.grid === undefined)
    throw new FragilityInputError('--q', undefined, 'a kept fraction (or --grid) to simulate at');
  opts.grid?.forEach((p, i) => {
    if (i > 0 && !(p > opts.grid![i - 1]))
      throw new FragilityInputError('--grid', opts.grid!.join(','), 'strictly increasing kept fractions in [0, 1]');
  });
}

/** The theory for --law (and --law-b / --networks): threshold, jump and, with --q, the mutual giant. */
function theory(opts: InterdependentOptions, json: Record<string, unknown>): string {
  const lawA = parseDegreeLaw(opts.law!);
  const lawB = opts.lawB === undefined ? lawA : parseDegreeLaw(opts.lawB);
  const laws = opts.networks === 2 ? [lawA, lawB] : Array.from({ length: opts.networks }, () => lawA);
  const crit = interdependentNetworkCritical(laws);
  Object.assign(json, {
    law: lawA.spec,
    lawB: lawB.spec,
    networks: opts.networks,
    pc: crit.pc,
    SAtPc: crit.SAtPc,
    pTangency: crit.pTangency,
  });
  if (crit.reason) json.reason = crit.reason;
  const what =
    opts.networks === 2 ? `A = ${lawA.spec}, B = ${lawB.spec}` : `${opts.networks} networks, each ${lawA.spec}`;
  let text =
    `interdependent networks ${what}: ` +
    (crit.pc === null ? `no threshold (${crit.reason})` : `p_c = ${crit.pc}, jump S(p_c) = ${crit.SAtPc}`);
  if (opts.q !== undefined) {
    const r = interdependentNetworkGiant(laws, opts.q, crit);
    json.p = opts.q;
    json.S = r.S;
    json.occupations = r.occupations;
    text += `\nkept fraction p = ${opts.q}: mutual giant S = ${r.S}`;
  }
  return text;
}

/** The simulated cascade (--simulate N or --graph-a G), lined up with the theory; returns the text so far plus its own. */
async function simulation(
  opts: InterdependentOptions,
  json: Record<string, unknown>,
  textSoFar: string,
): Promise<string> {
  let text = textSoFar;
  const { compareInterdependent } = await import('../../compare/interdependent.ts');
  const grid = [...new Set([...(opts.grid ?? []), ...(opts.q !== undefined ? [opts.q] : [])])].sort((a, b) => a - b);
  const res = await compareInterdependent({
    ...(opts.law !== undefined ? { law: opts.law } : {}),
    ...(opts.lawB !== undefined ? { lawB: opts.lawB } : {}),
    ...(opts.graphA !== undefined ? { graphA: opts.graphA } : {}),
    ...(opts.graphB !== undefined ? { graphB: opts.graphB } : {}),
    ...(opts.simulate !== undefined ? { n: opts.simulate } : {}),
    grid,
    runs: opts.runs,
    seed: opts.seed,
    level: opts.level,
    window: opts.window,
    tolerance: opts.tolerance,
    threshold: opts.threshold === true,
  });
  if (opts.law === undefined) {
    Object.assign(json, {
      law: res.model.lawA,
      lawB: res.model.lawB,
      networks: 2,
      pc: res.threshold.analytic,
      SAtPc: res.threshold.SAtPc,
      analytic: res.model.analytic,
    });
    if (res.threshold.analyticReason) json.reason = res.threshold.analyticReason;
    text =
      `${res.model.analytic}: ` +
      (res.threshold.analytic === null
        ? `no threshold (${res.threshold.analyticReason})`
        : `p_c = ${res.threshold.analytic}, jump S(p_c) = ${res.threshold.SAtPc}`);
    if (opts.q !== undefined) {
      const row = res.lineUp.rows.find((r) => r.x === opts.q)!;
      json.p = opts.q;
      json.S = row.analytic;
      text += `\nkept fraction p = ${opts.q}: mutual giant S = ${row.analytic}`;
    }
  }
  const rows = res.lineUp.rows.map((r, i) => ({
    p: r.x,
    analytic: r.analytic,
    mean: r.mean,
    sd: r.sd,
    ci: r.ci,
    difference: r.difference,
    insideCi: r.insideCi,
    withinTolerance: r.withinTolerance,
    nearThreshold: r.nearThreshold,
    giantA: res.montecarlo[i].giantA,
    stages: res.montecarlo[i].stages,
  }));
  const common = {
    graphA: res.model.graphA,
    graphB: res.model.graphB,
    n: res.n,
    runs: res.runs,
    seed: res.seed,
    level: res.level,
    tolerance: res.tolerance,
  };
  if (opts.q !== undefined) {
    const r = rows.find((row) => row.p === opts.q)!;
    json.montecarlo = {
      ...common,
      S: r.mean,
      sd: r.sd,
      ci: r.ci,
      giantA: r.giantA,
      stages: r.stages,
      difference: r.difference,
      insideCi: r.insideCi,
      withinTolerance: r.withinTolerance,
      nearThreshold: r.nearThreshold,
    };
  } else json.montecarlo = common;
  if (opts.grid !== undefined) {
    json.rows = rows;
    json.agreement = res.lineUp.agreement;
    json.maxAbsDifference = res.lineUp.maxAbsDifference;
  }
  text +=
    `\nsimulated: A = ${res.model.graphA}, B = ${res.model.graphB}, ${res.runs} runs, seed ${res.seed}, ${Math.round(res.level * 100)} % CI\n` +
    '  p\tanalytic\tMC mean\tMC CI\tinside CI\twithin tol.\tnear p_c\n' +
    rows
      .map(
        (r) =>
          `  ${r.p}\t${f(r.analytic)}\t${f(r.mean)}\t[${f(r.ci[0])}, ${f(r.ci[1])}]\t${r.insideCi ? 'yes' : 'no'}\t${r.withinTolerance ? 'yes' : 'no'}\t${r.nearThreshold ? 'yes' : ''}`,
      )
      .join('\n') +
    `\nagreement away from p_c (inside CI or within ${res.tolerance}): ${res.lineUp.agreement.inside}/${res.lineUp.agreement.total}`;
  if (opts.threshold) {
    Object.assign(json.montecarlo as Record<string, unknown>, {
      p_c: res.threshold.montecarlo ?? null,
      p_c_ci: res.threshold.ci ?? null,
    });
    text += `\nsimulated p_c (mutual giant collapses, bisection per replicate): ${f(res.threshold.montecarlo)} [${f(res.threshold.ci?.[0])}, ${f(res.threshold.ci?.[1])}] vs analytic ${f(res.threshold.analytic)}`;
  }
  return text;
}
