/**
 * `fragility mp`: message-passing percolation and the non-backtracking threshold on a given graph.
 *
 * @module
 */
import type { Command } from 'commander';
import { FragilityInputError } from '../../errors.ts';
import {
  action,
  choiceOption,
  intOption,
  numberOption,
  progressLines,
  withCommon,
  withProgress,
  type CommandResult,
} from '../common.ts';
import { graphFromSpec } from '../../generators/spec.ts';
import { messagePassingPercolation } from '../../analytic/message-passing.ts';
import { nonBacktrackingSpectralRadius } from '../../analytic/non-backtracking.ts';
import { messagePassingLoops } from '../../analytic/message-passing-loops.ts';
import { componentSummary, type ComponentSummary } from '../../graph/components.ts';

/** The parsed options of `fragility mp` (what {@link runMp} takes). */
export interface MpOptions {
  graph: string;
  mode: 'site' | 'bond';
  q?: number;
  seed: number;
  json?: boolean;
  progress?: boolean;
  maxIterations: number;
  tolerance: number;
  loops?: number;
  samples: number;
  maxFactor: number;
}

/** (1/n) Σ P(i) over the nodes of the largest connected component (ties: the one holding the smallest node id). */
function largestComponentShare(comps: ComponentSummary, p: Float64Array): { share: number; size: number } {
  let sum = 0;
  for (let i = 0; i < p.length; i++) if (comps.labels[i] === comps.largestLabel) sum += p[i];
  return { share: p.length ? sum / p.length : 0, size: comps.largest };
}

/** Register `fragility mp`. */
export function register(program: Command): void {
  const cmd = program
    .command('mp')
    .description(
      'message-passing giant component S(q) and non-backtracking threshold p_c = 1/lambdaNB of a given graph',
    )
    .requiredOption(
      '--graph <G>',
      'graph spec (er:, rr:, cm:, ba:, ws:, lattices, two-tier:, edges:PATH, gexf:PATH, graphml:PATH)',
    )
    .addOption(choiceOption('--mode <mode>', 'site or bond occupation', ['site', 'bond'], 'bond'))
    .option('--q <Q>', 'occupation probability (bond t or site q) at which to compute S', numberOption('--q', 0, 1))
    .option('--max-iterations <N>', 'bound on message-passing sweeps', intOption('--max-iterations', 1, 1e7), 10_000)
    .option(
      '--tolerance <T>',
      'message-passing tolerance (largest message change per sweep)',
      numberOption('--tolerance', 0, 1),
      1e-12,
    )
    .option(
      '--loops <R>',
      'loop-corrected message passing (Cantwell-Newman 2019): cycles up to length R+2 treated exactly, R = 0, 1, 2',
      intOption('--loops', 0, 2),
    )
    .option(
      '--samples <N>',
      'with --loops: configurations per sampled neighbourhood factor (standard error <= 0.5/sqrt(N))',
      intOption('--samples', 1, 1e7),
      4000,
    )
    .option(
      '--max-factor <K>',
      'with --loops: nodes whose neighbourhood holds a factor with more than K random elements get a smaller radius',
      intOption('--max-factor', 1, 1e5),
      60,
    );
  withCommon(cmd);
  withProgress(cmd);
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility mp --graph edges:data/karate.edges --mode bond --q 0.5 --json
  {"n":34,"m":78,"lambdaNB":5.2927806445...,"pc":0.188936...,"S":0.8425...,...}
  $ fragility mp --graph edges:data/power.edges --mode site --q 0.6 --loops 2 --json

S is the message-passing giant fraction of all n nodes (every connected component counted); SLargestComponent is
the part carried by the largest connected component: compare a simulation's largest cluster with it.

Trees and forests have no threshold: lambdaNB = 0, p_c (JSON "pc") = null with a "reason".`,
  );
  cmd.action(action(runMp));
}

/**
 * `fragility mp` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runMp(opts: MpOptions): Promise<CommandResult> {
  if (opts.loops !== undefined && opts.q === undefined) {
    throw new FragilityInputError('--q', undefined, 'an occupation probability in [0, 1] (required with --loops)');
  }
  const g = await graphFromSpec(opts.graph, { seed: opts.seed });
  const say = progressLines(opts, 'mp');
  const step = (what: string) => (i: number, residual: number) =>
    say(`${what}: iteration ${i}${Number.isFinite(residual) ? `, residual ${residual.toExponential(2)}` : ''}`);
  const nb = nonBacktrackingSpectralRadius(g, { onIteration: step('non-backtracking radius') });
  const json: Record<string, unknown> = {
    graph: opts.graph,
    seed: opts.seed,
    n: g.n,
    m: g.m,
    mode: opts.mode,
    lambdaNB: nb.lambda,
    pc: nb.pc,
  };
  if (nb.reason) json.reason = nb.reason;
  json.nonBacktracking = {
    converged: nb.converged,
    iterations: nb.iterations,
    residual: nb.residual,
    coreNodes: nb.coreNodes,
    coreEdges: nb.coreEdges,
  };
  let converged = nb.converged;
  let iterations = nb.iterations;
  let text =
    `graph ${opts.graph}: n = ${g.n}, m = ${g.m}\nnon-backtracking radius lambdaNB = ${nb.lambda}` +
    (nb.pc === null ? `, p_c = none (${nb.reason})` : `, p_c = 1/lambdaNB = ${nb.pc}`) +
    (nb.converged
      ? ''
      : ` [NOT converged after ${nb.iterations} iterations, residual ${nb.residual.toExponential(2)}]`);
  if (opts.q !== undefined) {
    json.q = opts.q;
    if (opts.loops === undefined) {
      const mp = messagePassingPercolation(g, opts.q, {
        mode: opts.mode,
        maxIterations: opts.maxIterations,
        tolerance: opts.tolerance,
        onIteration: step('message passing'),
      });
      const lc = largestComponentShare(componentSummary(g), mp.nodeProbability);
      json.method = 'tree-like message passing (Karrer-Newman-Zdeborova 2014)';
      json.S = mp.S;
      json.SLargestComponent = lc.share;
      json.largestComponent = lc.size;
      json.messagePassing = { converged: mp.converged, iterations: mp.iterations, residual: mp.residual };
      converged = converged && mp.converged;
      iterations = mp.iterations;
      text +=
        `\nmessage passing (${opts.mode}, q = ${opts.q}): S = ${mp.S} (all nodes), ${lc.share} (largest component, ${lc.size} nodes)` +
        (mp.converged
          ? ` (${mp.iterations} sweeps)`
          : ` [NOT converged after ${mp.iterations} sweeps, residual ${mp.residual.toExponential(2)}]`);
    } else {
      const mp = messagePassingLoops(g, opts.q, {
        r: opts.loops,
        mode: opts.mode,
        seed: opts.seed,
        samples: opts.samples,
        maxFactorSize: opts.maxFactor,
        maxIterations: opts.maxIterations,
        tolerance: Math.max(opts.tolerance, 1e-13),
        onIteration: step(`loop message passing r = ${opts.loops}`),
      });
      json.method = `loop-corrected message passing r = ${opts.loops} (Cantwell-Newman 2019)`;
      json.S = mp.S;
      json.SLargestComponent = mp.SLargestComponent;
      json.largestComponent = mp.largestComponent;
      json.messagePassing = {
        converged: mp.converged,
        iterations: mp.iterations,
        residual: mp.residual,
        messages: mp.messages,
      };
      json.loops = { r: opts.loops, ...mp.work, simplified: mp.simplified };
      converged = converged && mp.converged;
      iterations = mp.iterations;
      const w = mp.work;
      text +=
        `\nloop message passing r = ${opts.loops} (${opts.mode}, q = ${opts.q}): S = ${mp.S} (all nodes), ${mp.SLargestComponent} (largest component, ${mp.largestComponent} nodes)` +
        (mp.converged
          ? ` (${mp.iterations} sweeps)`
          : ` [NOT converged after ${mp.iterations} sweeps, residual ${mp.residual.toExponential(2)}]`) +
        `\n  factors: ${w.exactFactors} exact, ${w.sampledFactors} sampled (${w.samples} configurations each, standard error <= ${w.factorStandardError.toPrecision(3)})` +
        (w.reduced > 0
          ? `; ${w.reduced} nodes given a smaller radius (factor > ${w.maxFactorSize} elements): radius counts ${w.radiusCount.join('/')}`
          : '');
    }
  }
  // `iterations` are the message-passing sweeps when --q is given, else the power-iteration steps.
  json.converged = converged;
  json.iterations = iterations;
  return { json, text };
}
