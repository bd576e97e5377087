/**
 * `fragility cascade`: load-redistribution cascades on a graph — `motter-lai` (betweenness load, capacity
 * (1 + alpha)·L0) and `bundle` (fiber bundle with global or local load sharing).
 *
 * @module
 */
import type { Command } from 'commander';
import {
  action,
  choiceOption,
  numberListOption,
  numberOption,
  intOption,
  progressLines,
  withCommon,
  withProgress,
  type CommandResult,
} from '../common.ts';
import { graphFromSpec } from '../../generators/spec.ts';
import { parseCapacityLaw } from '../../distributions/parse.ts';
import { motterLaiCascade, motterLaiSweep } from '../../cascade/motter-lai.ts';
import { fiberBundleCascade, type LoadSharing } from '../../cascade/fiber-bundle-graph.ts';
import { stream } from '../../random/stream.ts';
import { FragilityInputError } from '../../errors.ts';

/** The parsed options of `fragility cascade motter-lai` (what {@link runMotterLai} takes). */
export interface MotterLaiCliOptions {
  graph: string;
  alpha: number;
  alphas?: number[];
  trigger: 'top-load' | 'random';
  samples?: number;
  seed: number;
  json?: boolean;
  progress?: boolean;
}

/** The parsed options of `fragility cascade bundle` (what {@link runCascadeBundle} takes). */
export interface BundleCliOptions {
  graph: string;
  capacity: string;
  load: number;
  sharing: LoadSharing;
  loss: number;
  seed: number;
  json?: boolean;
}

/** The parsed options of `fragility cascade watts` (what {@link runWatts} takes). */
export interface WattsCliOptions {
  graph?: string;
  law?: string;
  n: number;
  phi?: number;
  thresholds?: string;
  seedFractions?: number[];
  runs: number;
  level: number;
  tolerance: number;
  seed: number;
  json?: boolean;
}

/** The parsed options of `fragility cascade efficiency` (what {@link runEfficiency} takes). */
export interface EfficiencyCliOptions {
  graph: string;
  alpha: number;
  alphas?: number[];
  trigger: 'top-load' | 'random';
  runs: number;
  maxSteps: number;
  level: number;
  seed: number;
  json?: boolean;
  progress?: boolean;
}

/** The parsed options of `fragility cascade watts-window` (what {@link runWattsWindow} takes). */
export interface WattsWindowCliOptions {
  phi?: number;
  thresholds?: string;
  z?: number[];
  n: number;
  runs: number;
  trials: number;
  global: number;
  level: number;
  window: number;
  tolerance: number;
  seed: number;
  json?: boolean;
}

const fmt = (x: number | null | undefined, d = 5) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d);

function wattsThresholdOption(opts: { phi?: number; thresholds?: string }): number | string {
  if ((opts.phi === undefined) === (opts.thresholds === undefined)) {
    throw new FragilityInputError('--phi', opts.phi, 'exactly one of --phi PHI (every node) or --thresholds LAW');
  }
  return opts.phi ?? opts.thresholds!;
}

/** Register `fragility cascade` with its subcommands motter-lai, bundle, watts, watts-window and efficiency. */
export function register(program: Command): void {
  const cascade = program
    .command('cascade')
    .description('cascades on a graph: motter-lai, bundle, efficiency, watts, watts-window');
  cascade.addHelpText(
    'after',
    `
Examples:
  $ fragility cascade motter-lai --graph "ba:n=1000,m=2" --alpha 0.2 --trigger top-load --seed 1 --json
  $ fragility cascade bundle --graph "square:L=100" --capacity "uniform(0,1)" --load 0.1 --sharing local --seed 1 --json
  $ fragility cascade efficiency --graph "ba:n=500,m=2" --alpha 0.2 --trigger top-load --seed 1 --json
  $ fragility cascade watts --law "poisson(7)" --phi 0.18 --seed-fractions 0.001,0.01 --runs 20 --json
  $ fragility cascade watts-window --phi 0.18 --z 1,3,5,8 --runs 50 --json`,
  );
  registerMotterLai(cascade);
  registerBundle(cascade);
  registerWatts(cascade);
  registerWattsWindow(cascade);
  registerEfficiency(cascade);
}

/** `cascade motter-lai`: Motter–Lai cascades on a graph (betweenness load, capacity (1 + alpha)·L0). */
function registerMotterLai(cascade: Command): void {
  const ml = cascade
    .command('motter-lai')
    .description('Motter-Lai (2002): load = betweenness, capacity (1 + alpha) L0, synchronous overload waves')
    .requiredOption('--graph <G>', 'graph spec, e.g. ba:n=1000,m=2 or edges:PATH')
    .requiredOption(
      '--alpha <A>',
      'tolerance alpha >= 0: capacity = (1 + alpha) x initial load',
      numberOption('--alpha', 0),
    )
    .option(
      '--alphas <A1,A2,...>',
      'also sweep these alphas (same trigger and initial load); adds "sweep": [{alpha, G, waves, failed}]',
      numberListOption('--alphas', 0),
    )
    .addOption(
      choiceOption(
        '--trigger <T>',
        'the first node to fail: the largest load, or one at random',
        ['top-load', 'random'],
        'top-load',
      ),
    )
    .option('--samples <K>', 'sampled betweenness with K pivots per wave (default exact)', intOption('--samples', 1));
  withCommon(ml);
  withProgress(ml);
  ml.addHelpText(
    'after',
    `
Example:
  $ fragility cascade motter-lai --graph "ba:n=1000,m=2" --alpha 0.2 --trigger top-load --seed 1 --json
  {"graph":"ba:n=1000,m=2","n":1000,"alpha":0.2,"trigger":"top-load","G":...,"waves":...,"failed":...,"failedPerWave":[...],...}

Semantics: the trigger fails first (counted in "failed", not a wave); then, in synchronous waves, loads are recomputed
on the surviving graph (betweenness, pairs counted once, only pairs within a component) and every node with load >
(1 + alpha) x its initial load fails at once. G = largest surviving component / ORIGINAL n.`,
  );
  ml.action(action(runMotterLai));
}

/**
 * `fragility cascade motter-lai` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runMotterLai(opts: MotterLaiCliOptions): Promise<CommandResult> {
  const g = await graphFromSpec(opts.graph, { seed: opts.seed });
  const rng = stream(opts.seed, 1);
  const say = progressLines(opts, 'motter-lai');
  const onProgress = (wave: number, done: number, total: number) =>
    say(`${wave === 0 ? 'intact loads' : `loads before wave ${wave}`}: ${done}/${total} sources`);
  const r = motterLaiCascade(g, { alpha: opts.alpha, trigger: opts.trigger, samples: opts.samples, rng, onProgress });
  const json: Record<string, unknown> = {
    graph: opts.graph,
    n: g.n,
    m: g.m,
    seed: opts.seed,
    alpha: opts.alpha,
    trigger: opts.trigger,
    triggers: Array.from(r.triggers),
    ...(g.keys ? { triggerKeys: Array.from(r.triggers, (t) => g.keyOf(t)) } : {}),
    loadMethod: r.loadMethod,
    G: r.G,
    waves: r.waves,
    failed: r.failed,
    failedPerWave: r.failedPerWave,
  };
  let text =
    `Motter-Lai on ${opts.graph} (n = ${g.n}), alpha = ${opts.alpha}, trigger ${opts.trigger} (node ${Array.from(
      r.triggers,
    )
      .map((t) => g.keyOf(t))
      .join(',')}):\n` +
    `  G = ${r.G} (largest surviving component / n), ${r.failed} failed in ${r.waves} waves [${r.failedPerWave.join(', ')}]`;
  if (opts.alphas) {
    const sweep = motterLaiSweep(g, opts.alphas, {
      trigger: opts.trigger,
      samples: opts.samples,
      rng: stream(opts.seed, 1),
      onProgress: (w, d, t) =>
        say(`alpha sweep: ${w === 0 ? 'intact loads' : `loads before wave ${w}`}: ${d}/${t} sources`),
    });
    json.sweep = sweep;
    text +=
      '\n  alpha\tG\twaves\tfailed\n' + sweep.map((p) => `  ${p.alpha}\t${p.G}\t${p.waves}\t${p.failed}`).join('\n');
  }
  return { json, text };
}

/** `cascade bundle`: fiber-bundle cascades on a graph (global or local load sharing). */
function registerBundle(cascade: Command): void {
  const fb = cascade
    .command('bundle')
    .description(
      'fiber bundle on a graph: thresholds from a capacity law, initial random loss, load SIGMA, synchronous waves',
    )
    .requiredOption('--graph <G>', 'graph spec (its nodes are the elements)')
    .requiredOption('--capacity <LAW>', 'threshold law: uniform(a,b), weibull(rho,scale=1), lognormal(mu,sigma), ...')
    .requiredOption(
      '--load <SIGMA>',
      'total load divided by the ORIGINAL number of elements',
      numberOption('--load', 0),
    )
    .addOption(
      choiceOption(
        '--sharing <S>',
        "global: equal load sharing; local: a failed cluster's load goes to its surviving boundary",
        ['global', 'local'],
        'global',
      ),
    )
    .option(
      '--loss <F0>',
      'fraction of elements removed at random before the load is applied',
      numberOption('--loss', 0, 1),
      0,
    );
  withCommon(fb);
  fb.addHelpText(
    'after',
    `
Example:
  $ fragility cascade bundle --graph "er:n=100000,k=4" --capacity "uniform(0,1)" --load 0.18 --loss 0.25 --seed 1 --json
  {"graph":"er:n=100000,k=4","n":100000,"sharing":"global","sigma":0.18,"f0":0.25,"U":0.449...,"collapse":false,"waves":...}

SIGMA, F0 and U mean what they mean for "fragility bundle": U is the fraction of ALL original elements intact.
Global sharing ignores the edges. Local sharing (cluster rule): the load sigma x |C| of a connected cluster C of failed
nodes is shared equally by the distinct surviving nodes adjacent to C (classic 1-D LLS on a ring); a cluster with no
surviving neighbour drops its load.`,
  );
  fb.action(action(runCascadeBundle));
}

/**
 * `fragility cascade bundle` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runCascadeBundle(opts: BundleCliOptions): Promise<CommandResult> {
  const law = parseCapacityLaw(opts.capacity);
  const g = await graphFromSpec(opts.graph, { seed: opts.seed });
  const r = fiberBundleCascade(g, {
    capacity: law,
    load: opts.load,
    loss: opts.loss,
    sharing: opts.sharing,
    rng: stream(opts.seed, 1),
  });
  const json = {
    graph: opts.graph,
    n: g.n,
    m: g.m,
    seed: opts.seed,
    capacity: law.spec,
    sharing: r.sharing,
    sigma: opts.load,
    f0: opts.loss,
    initialLoss: r.initialLoss,
    U: r.U,
    collapse: r.collapse,
    waves: r.waves,
    failedPerWave: r.failedPerWave,
    survivors: r.survivors,
  };
  const text =
    `fiber bundle on ${opts.graph} (n = ${g.n}), ${r.sharing} sharing, capacity ${law.spec}, sigma = ${opts.load}, f0 = ${opts.loss}:\n` +
    `  ${r.collapse ? 'COLLAPSE (U = 0)' : `U = ${r.U} intact`} after ${r.waves} waves [${r.failedPerWave.join(', ')}]`;
  return { json, text };
}

/** `cascade watts`: the Watts threshold cascade, simulated and from the generating functions. */
function registerWatts(cascade: Command): void {
  const wt = cascade
    .command('watts')
    .description(
      'Watts (2002) threshold cascade: mean final size against the seed fraction, simulated vs the Gleeson-Cahalane theory',
    )
    .option(
      '--law <LAW>',
      'degree law: theory for the configuration model, simulation on er:/rr:/cm: graphs of --n nodes',
    )
    .option(
      '--graph <G>',
      'graph spec to simulate on; without --law the theory uses its degree law (configuration-model approximation)',
    )
    .option('--n <N>', 'nodes of the graphs generated from --law', intOption('--n', 2, 1e8), 20000)
    .option(
      '--phi <PHI>',
      'threshold of every node: it activates when the active fraction of its neighbours is >= PHI',
      numberOption('--phi', 0, 1),
    )
    .option('--thresholds <LAW>', 'thresholds drawn per node from a law, e.g. uniform(0.1,0.3)')
    .option(
      '--seed-fractions <F1,F2,...>',
      'fractions of nodes seeded at random (increasing; default 0.001,0.002,0.005,0.01,0.02,0.05,0.1,0.2)',
      numberListOption('--seed-fractions', 0, 1),
    )
    .option('--runs <R>', 'replicate graphs', intOption('--runs', 2, 1e7), 20)
    .option('--level <L>', 'confidence level of the intervals', numberOption('--level', 0.5, 0.9999), 0.95)
    .option('--tolerance <T>', 'finite-size allowance on |mean - analytic|', numberOption('--tolerance', 0, 1), 0.005);
  withCommon(wt);
  wt.addHelpText(
    'after',
    `
Example:
  $ fragility cascade watts --law "poisson(7)" --phi 0.18 --seed-fractions 0.001,0.01 --runs 20 --seed 1 --json
  {"model":{...},"rows":[{"seedFraction":0.001,"analytic":0.0042..,"mean":..,"ci":[..,..],"insideCi":..},...],"agreement":{...}}

Semantics: seeds (round(F n) random nodes, nested across F) are active at the start; a node of degree k >= 1
activates when m/k >= phi for its m >= 1 active neighbours (relative slack 1e-12); active nodes stay active.
Size = active fraction of ALL nodes, seeds included. Theory: Gleeson & Cahalane, PRE 75, 056103 (2007), exact for
tree-like graphs as n -> infinity. The finite-size allowance --tolerance (default 0.005) counts a row as agreeing
when |mean - analytic| <= T even if the interval misses it.`,
  );
  wt.action(action(runWatts));
}

/**
 * `fragility cascade watts` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runWatts(opts: WattsCliOptions): Promise<CommandResult> {
  const thresholds = wattsThresholdOption(opts);
  if (opts.law === undefined && opts.graph === undefined)
    throw new FragilityInputError('--law', undefined, 'a degree law (or --graph G)');
  if (opts.seedFractions) {
    opts.seedFractions.forEach((x, i) => {
      if (i > 0 && !(x > opts.seedFractions![i - 1]))
        throw new FragilityInputError(
          '--seed-fractions',
          opts.seedFractions!.join(','),
          'strictly increasing seed fractions in [0, 1]',
        );
    });
  }
  const { compareWattsCascadeSize } = await import('../../compare/watts.ts');
  const res = await compareWattsCascadeSize({
    ...(opts.law !== undefined ? { law: opts.law } : {}),
    ...(opts.graph !== undefined ? { graph: opts.graph } : {}),
    thresholds,
    ...(opts.seedFractions ? { seedFractions: opts.seedFractions } : {}),
    n: opts.n,
    runs: opts.runs,
    seed: opts.seed,
    level: opts.level,
    tolerance: opts.tolerance,
  });
  const rows = res.lineUp.rows.map((r) => ({
    seedFraction: r.x,
    analytic: r.analytic,
    mean: r.mean,
    sd: r.sd,
    ci: r.ci,
    difference: r.difference,
    insideCi: r.insideCi,
    withinTolerance: r.withinTolerance,
  }));
  const json = {
    model: res.model,
    n: res.n,
    runs: res.runs,
    seed: res.seed,
    level: res.level,
    tolerance: res.tolerance,
    rows,
    agreement: res.lineUp.agreement,
    maxAbsDifference: res.lineUp.maxAbsDifference,
  };
  const text =
    `${res.model.analytic}\nsimulated on ${res.model.graph}, ${res.runs} runs, seed ${res.seed}, ${Math.round(res.level * 100)} % CI\n` +
    '  seed fraction\tanalytic\tMC mean\tMC CI\tinside CI\twithin tol.\n' +
    rows
      .map(
        (r) =>
          `  ${r.seedFraction}\t${fmt(r.analytic)}\t${fmt(r.mean)}\t[${fmt(r.ci[0])}, ${fmt(r.ci[1])}]\t${r.insideCi === null ? 'n/a' : r.insideCi ? 'yes' : 'no'}\t${r.withinTolerance ? 'yes' : 'no'}`,
      )
      .join('\n') +
    `\nagreement (inside CI or within ${res.tolerance}): ${res.lineUp.agreement.inside}/${res.lineUp.agreement.total}`;
  return { json, text };
}

/** `cascade watts-window`: the cascade window of the Watts model over mean degrees. */
function registerWattsWindow(cascade: Command): void {
  const ww = cascade
    .command('watts-window')
    .description(
      'Watts (2002) cascade window: frequency and size of global cascades from one seed on ER graphs against z, simulated vs theory',
    )
    .option('--phi <PHI>', 'threshold of every node', numberOption('--phi', 0, 1))
    .option('--thresholds <LAW>', 'thresholds drawn per node from a law (no analytic window edges then)')
    .option(
      '--z <Z1,Z2,...>',
      'mean degrees, increasing (default 0.5,1,...,8)',
      numberListOption('--z', Number.MIN_VALUE, 1e4),
    )
    .option('--n <N>', 'nodes per ER graph', intOption('--n', 2, 1e8), 10000)
    .option('--runs <R>', 'graphs per z', intOption('--runs', 2, 1e7), 50)
    .option('--trials <T>', 'single random seeds per graph', intOption('--trials', 1, 1e7), 20)
    .option(
      '--global <G>',
      'a cascade is global when it reaches at least this fraction of the nodes',
      numberOption('--global', Number.MIN_VALUE, 1),
      0.05,
    )
    .option('--level <L>', 'confidence level of the intervals', numberOption('--level', 0.5, 0.9999), 0.95)
    .option(
      '--window <W>',
      'z points within W of an analytic window edge are flagged and not counted',
      numberOption('--window', 0, 1e3),
      0.5,
    )
    .option(
      '--tolerance <T>',
      'finite-size allowance on |frequency - analytic|',
      numberOption('--tolerance', 0, 1),
      0.01,
    );
  withCommon(ww);
  ww.addHelpText(
    'after',
    `
Example:
  $ fragility cascade watts-window --phi 0.18 --z 0.5,3,8 --n 10000 --runs 50 --seed 1 --json
  {"window":{"zLower":1.0207..,"zUpper":5.7647..},"frequency":[{"z":3,"analytic":0.8734..,"mean":..,"ci":[..,..]},...],...}

Theory: a seed triggers a global cascade iff it touches the percolating cluster of vulnerable nodes (degree
k <= 1/phi): frequency = 1 - G0(1 - v) (Watts 2002); the size of a global cascade is the seed fraction -> 0+ branch
of the Gleeson-Cahalane fixed point. Near the window's edges finite graphs cascade more often than the theory
(measured at z = 5.5, phi = 0.18: +0.17 at n = 1e3, +0.05 at 1e4, +0.005 at 1e5), hence --window.`,
  );
  ww.action(action(runWattsWindow));
}

/**
 * `fragility cascade watts-window` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runWattsWindow(opts: WattsWindowCliOptions): Promise<CommandResult> {
  const thresholds = wattsThresholdOption(opts);
  if (opts.z) {
    opts.z.forEach((x, i) => {
      if (i > 0 && !(x > opts.z![i - 1]))
        throw new FragilityInputError('--z', opts.z!.join(','), 'strictly increasing mean degrees');
    });
  }
  const { compareWattsWindow } = await import('../../compare/watts.ts');
  const res = await compareWattsWindow({
    thresholds,
    ...(opts.z ? { zs: opts.z } : {}),
    n: opts.n,
    runs: opts.runs,
    trialsPerGraph: opts.trials,
    globalFraction: opts.global,
    seed: opts.seed,
    level: opts.level,
    window: opts.window,
    tolerance: opts.tolerance,
  });
  const row = (r: (typeof res.frequency.rows)[number]) => ({
    z: r.x,
    analytic: r.analytic,
    mean: r.mean,
    ci: r.ci,
    difference: r.difference,
    insideCi: r.insideCi,
    withinTolerance: r.withinTolerance,
    nearEdge: r.nearThreshold,
  });
  const json = {
    model: res.model,
    n: res.n,
    runs: res.runs,
    trials: res.trialsPerGraph,
    seed: res.seed,
    level: res.level,
    tolerance: res.tolerance,
    window: res.window,
    frequency: res.frequency.rows.map(row),
    size: res.size.rows.map(row),
    agreement: { frequency: res.frequency.agreement, size: res.size.agreement },
  };
  const w = res.window;
  const text =
    `Watts cascade window, ${res.model.thresholds}, ER n = ${res.n}, ${res.runs} graphs x ${res.trialsPerGraph} seeds per z, seed ${res.seed}\n` +
    `analytic window: ${w.zLower === null ? `none (${w.reason})` : `${fmt(w.zLower, 4)} < z < ${fmt(w.zUpper, 4)}`}\n` +
    '  z\tfrequency (theory)\tMC\tMC CI\tglobal size (theory)\tMC\tnear edge\n' +
    res.frequency.rows
      .map((r) => {
        const s = res.size.rows.find((x) => x.x === r.x);
        return `  ${r.x}\t${fmt(r.analytic, 4)}\t${fmt(r.mean, 4)}\t[${fmt(r.ci[0], 4)}, ${fmt(r.ci[1], 4)}]\t${s ? fmt(s.analytic, 4) : 'n/a'}\t${s ? fmt(s.mean, 4) : 'n/a'}\t${r.nearThreshold ? 'yes' : ''}`;
      })
      .join('\n') +
    `\nagreement away from the edges (inside CI or within ${res.tolerance}): frequency ${res.frequency.agreement.inside}/${res.frequency.agreement.total}, size ${res.size.agreement.inside}/${res.size.agreement.total}`;
  return { json, text };
}

/** `cascade efficiency`: Crucitti–Latora–Marchiori efficiency cascades. */
function registerEfficiency(cascade: Command): void {
  const ef = cascade
    .command('efficiency')
    .description(
      'Crucitti-Latora-Marchiori (2004): overloaded nodes degrade their links (no removal); global efficiency E(t) to a steady state',
    )
    .requiredOption('--graph <G>', 'graph spec (keep n <= 2000: every step is a weighted all-pairs Brandes)')
    .requiredOption(
      '--alpha <A>',
      "tolerance alpha >= 0: capacity (1 + alpha) x initial load (the paper's alpha is 1 + A)",
      numberOption('--alpha', 0),
    )
    .option(
      '--alphas <A1,A2,...>',
      'also run --runs replicates over these alphas and line them up with the exact no-cascade limit; adds "compare"',
      numberListOption('--alphas', 0),
    )
    .addOption(
      choiceOption(
        '--trigger <T>',
        'the node removed at t = 0: the largest load, or one at random',
        ['top-load', 'random'],
        'top-load',
      ),
    )
    .option('--runs <R>', 'replicates for --alphas (random specs redrawn)', intOption('--runs', 2, 1e6), 10)
    .option('--max-steps <S>', 'step bound', intOption('--max-steps', 1, 1e6), 100)
    .option('--level <L>', 'confidence level of the intervals', numberOption('--level', 0.5, 0.9999), 0.95);
  withCommon(ef);
  withProgress(ef);
  ef.addHelpText(
    'after',
    `
Example:
  $ fragility cascade efficiency --graph "ba:n=500,m=2" --alpha 0.2 --trigger top-load --seed 1 --json
  {"graph":"ba:n=500,m=2","n":500,"alpha":0.2,"trigger":..,"E0":..,"efficiency":[1,0.96..,...],"finalEfficiency":..,"period":2,...}

Semantics: e_ij(0) = 1; edge length 1/e_ij; load = weighted betweenness (pairs once); C_i = (1 + alpha) L_i(0); the
trigger is removed at t = 0; then synchronously e_ij(t+1) = e_ij(0) min(1, C_i/L_i(t), C_j/L_j(t)). E(t) = mean of
1/d_ij over ordered pairs of the ORIGINAL N nodes, reported as E(t)/E(0). The run ends when a state repeats (a fixed
point or a cycle; "period"), and finalEfficiency is the mean over the cycle. There is no analytic theory: for
alpha >= alphaStar nothing is overloaded and E(inf) = E(G - trigger) ("noCascadeEfficiency", an upper bound for every
alpha); the paper (PRE 69, 045104 (2004)) reports its results as figures only.`,
  );
  ef.action(action(runEfficiency));
}

/**
 * `fragility cascade efficiency` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runEfficiency(opts: EfficiencyCliOptions): Promise<CommandResult> {
  const { efficiencyCascade } = await import('../../cascade/efficiency-cascade.ts');
  const g = await graphFromSpec(opts.graph, { seed: opts.seed });
  if (g.n > 5000)
    throw new FragilityInputError(
      '--graph',
      g.n,
      'a graph of at most 5000 nodes (weighted all-pairs shortest paths per step)',
    );
  if (opts.alphas) {
    opts.alphas.forEach((a, i) => {
      if (i > 0 && !(a > opts.alphas![i - 1]))
        throw new FragilityInputError('--alphas', opts.alphas!.join(','), 'strictly increasing tolerances >= 0');
    });
  }
  const say = progressLines(opts, 'efficiency');
  const r = efficiencyCascade(g, {
    alpha: opts.alpha,
    trigger: opts.trigger,
    rng: stream(opts.seed, 1),
    maxSteps: opts.maxSteps,
    onProgress: (step, max) => say(`step ${step} (at most ${max}; stops at a steady state)`),
  });
  const json: Record<string, unknown> = {
    graph: opts.graph,
    n: g.n,
    m: g.m,
    seed: opts.seed,
    alpha: opts.alpha,
    trigger: r.trigger,
    ...(g.keys ? { triggerKey: g.keyOf(r.trigger) } : {}),
    E0: r.E0,
    efficiency: r.efficiency,
    finalEfficiency: r.finalEfficiency,
    cycleRange: r.cycleRange,
    period: r.period,
    steady: r.steady,
    noCascadeEfficiency: r.noCascadeEfficiency,
    alphaStar: r.alphaStar,
    overloaded: r.overloaded,
  };
  let text =
    `efficiency cascade (Crucitti-Latora-Marchiori) on ${opts.graph} (n = ${g.n}), alpha = ${opts.alpha}, trigger node ${g.keyOf(r.trigger)} (${opts.trigger}):\n` +
    `  E(0) = ${r.E0}; E(t)/E(0) = [${r.efficiency
      .slice(0, 12)
      .map((x) => fmt(x, 4))
      .join(', ')}${r.efficiency.length > 12 ? ', ...' : ''}]\n` +
    `  steady E/E(0) = ${fmt(r.finalEfficiency)} (${r.steady ? (r.period === 1 ? 'fixed point' : `cycle of period ${r.period}, range [${fmt(r.cycleRange[0])}, ${fmt(r.cycleRange[1])}]`) : `not steady after ${opts.maxSteps} steps: mean of the last 20`})\n` +
    `  no-cascade limit E(G - trigger)/E(0) = ${fmt(r.noCascadeEfficiency)} (exact for alpha >= alpha* = ${fmt(r.alphaStar, 4)})`;
  if (opts.alphas) {
    const { compareEfficiencyCascade } = await import('../../compare/efficiency.ts');
    const c = await compareEfficiencyCascade({
      graph: opts.graph,
      alphas: opts.alphas,
      trigger: opts.trigger,
      runs: opts.runs,
      seed: opts.seed,
      level: opts.level,
      maxSteps: opts.maxSteps,
    });
    const rows = c.lineUp.rows.map((row, i) => ({
      alpha: row.x,
      analytic: row.analytic,
      mean: row.mean,
      sd: row.sd,
      ci: row.ci,
      difference: row.difference,
      insideCi: row.insideCi,
      bound: c.points[i].bound,
      steady: c.points[i].steady,
      steps: c.points[i].steps,
    }));
    json.compare = {
      model: c.model,
      n: c.n,
      runs: c.runs,
      seed: c.seed,
      level: c.level,
      rows,
      alphaStar: c.alphaStar,
      agreement: c.lineUp.agreement,
    };
    text +=
      `\n\n${c.model.analytic}\n${c.runs} replicates, seed ${c.seed}; alpha* per replicate: ${c.alphaStar.map((x) => fmt(x, 3)).join(', ')}\n` +
      '  alpha\tE(inf)/E(0)\tCI\tno-cascade bound\texact limit\tsteady runs\n' +
      rows
        .map(
          (x) =>
            `  ${x.alpha}\t${fmt(x.mean)}\t[${fmt(x.ci[0])}, ${fmt(x.ci[1])}]\t${fmt(x.bound)}\t${x.analytic === null ? 'n/a (cascade regime)' : fmt(x.analytic)}\t${x.steady}/${c.runs}`,
        )
        .join('\n') +
      `\nliterature: ${c.model.literature}`;
  }
  return { json, text };
}
