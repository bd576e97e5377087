/**
 * `fragility mp`: message-passing percolation and the non-backtracking threshold on a given graph.
 *
 * @module
 */
import type { Command } from 'commander';
import { action, choiceOption, intOption, numberOption, withCommon } from '../common.ts';
import { graphFromSpec } from '../../generators/spec.ts';
import { messagePassingPercolation } from '../../analytic/message-passing.ts';
import { nonBacktrackingSpectralRadius } from '../../analytic/non-backtracking.ts';

interface MpOptions {
  graph: string;
  mode: 'site' | 'bond';
  q?: number;
  seed: number;
  json?: boolean;
  maxIterations: number;
  tolerance: number;
}

/** Register `fragility mp`. */
export function register(program: Command): void {
  const cmd = program
    .command('mp')
    .description('message-passing giant component S(q) and non-backtracking threshold p_c = 1/lambdaNB of a given graph')
    .requiredOption('--graph <G>', 'graph spec (er:, rr:, cm:, ba:, ws:, lattices, two-tier:, edges:PATH, gexf:PATH, graphml:PATH)')
    .addOption(choiceOption('--mode <mode>', 'site or bond occupation', ['site', 'bond'], 'bond'))
    .option('--q <Q>', 'occupation probability (bond t or site q) at which to compute S', numberOption('--q', 0, 1))
    .option('--max-iterations <N>', 'bound on message-passing sweeps', intOption('--max-iterations', 1, 1e7), 10_000)
    .option('--tolerance <T>', 'message-passing tolerance (largest message change per sweep)', numberOption('--tolerance', 0, 1), 1e-12);
  withCommon(cmd);
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility mp --graph edges:data/karate.edges --mode bond --q 0.5 --json
  {"n":34,"m":78,"lambdaNB":5.2927806445...,"p_c":0.188936...,"S":0.8425...,...}

Trees and forests have no threshold: lambdaNB = 0, p_c = null with a "reason".`,
  );
  cmd.action(
    action(async (opts: MpOptions) => {
      const g = await graphFromSpec(opts.graph, { seed: opts.seed });
      const nb = nonBacktrackingSpectralRadius(g);
      const json: Record<string, unknown> = {
        graph: opts.graph,
        seed: opts.seed,
        n: g.n,
        m: g.m,
        mode: opts.mode,
        lambdaNB: nb.lambda,
        p_c: nb.pc,
      };
      if (nb.reason) json.reason = nb.reason;
      json.nonBacktracking = { converged: nb.converged, iterations: nb.iterations, residual: nb.residual, coreNodes: nb.coreNodes, coreEdges: nb.coreEdges };
      let converged = nb.converged;
      let iterations = nb.iterations;
      let text = `graph ${opts.graph}: n = ${g.n}, m = ${g.m}\nnon-backtracking radius lambdaNB = ${nb.lambda}` +
        (nb.pc === null ? `, p_c = none (${nb.reason})` : `, p_c = 1/lambdaNB = ${nb.pc}`) +
        (nb.converged ? '' : ` [NOT converged after ${nb.iterations} iterations, residual ${nb.residual.toExponential(2)}]`);
      if (opts.q !== undefined) {
        const mp = messagePassingPercolation(g, opts.q, { mode: opts.mode, maxIterations: opts.maxIterations, tolerance: opts.tolerance });
        json.q = opts.q;
        json.S = mp.S;
        json.messagePassing = { converged: mp.converged, iterations: mp.iterations, residual: mp.residual };
        converged = converged && mp.converged;
        iterations = mp.iterations;
        text += `\nmessage passing (${opts.mode}, q = ${opts.q}): S = ${mp.S}` +
          (mp.converged ? ` (${mp.iterations} sweeps)` : ` [NOT converged after ${mp.iterations} sweeps, residual ${mp.residual.toExponential(2)}]`);
      }
      // `iterations` are the message-passing sweeps when --q is given, else the power-iteration steps.
      json.converged = converged;
      json.iterations = iterations;
      return { json, text };
    }),
  );
}
