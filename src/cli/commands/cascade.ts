/**
 * `fragility cascade`: load-redistribution cascades on a graph — `motter-lai` (betweenness load, capacity
 * (1 + alpha)·L0) and `bundle` (fiber bundle with global or local load sharing).
 *
 * @module
 */
import type { Command } from 'commander';
import { action, choiceOption, numberListOption, numberOption, intOption, withCommon } from '../common.ts';
import { graphFromSpec } from '../../generators/spec.ts';
import { parseCapacityLaw } from '../../distributions/parse.ts';
import { motterLaiCascade, motterLaiSweep } from '../../cascade/motter-lai.ts';
import { fiberBundleCascade, type LoadSharing } from '../../cascade/fiber-bundle-graph.ts';
import { stream } from '../../random/stream.ts';

interface MotterLaiCliOptions {
  graph: string;
  alpha: number;
  alphas?: number[];
  trigger: 'top-load' | 'random';
  samples?: number;
  seed: number;
  json?: boolean;
}

interface BundleCliOptions {
  graph: string;
  capacity: string;
  load: number;
  sharing: LoadSharing;
  loss: number;
  seed: number;
  json?: boolean;
}

/** Register `fragility cascade` with its subcommands `motter-lai` and `bundle`. */
export function register(program: Command): void {
  const cascade = program.command('cascade').description('load-redistribution cascades on a graph: motter-lai, bundle');
  cascade.addHelpText(
    'after',
    `
Examples:
  $ fragility cascade motter-lai --graph "ba:n=1000,m=2" --alpha 0.2 --trigger top-load --seed 1 --json
  $ fragility cascade bundle --graph "square:L=100" --capacity "uniform(0,1)" --load 0.1 --sharing local --seed 1 --json`,
  );

  const ml = cascade
    .command('motter-lai')
    .description('Motter-Lai (2002): load = betweenness, capacity (1 + alpha) L0, synchronous overload waves')
    .requiredOption('--graph <G>', 'graph spec, e.g. ba:n=1000,m=2 or edges:PATH')
    .requiredOption('--alpha <A>', 'tolerance alpha >= 0: capacity = (1 + alpha) x initial load', numberOption('--alpha', 0))
    .option('--alphas <A1,A2,...>', 'also sweep these alphas (same trigger and initial load); adds "sweep": [{alpha, G, waves, failed}]', numberListOption('--alphas', 0))
    .addOption(choiceOption('--trigger <T>', 'the first node to fail: the largest load, or one at random', ['top-load', 'random'], 'top-load'))
    .option('--samples <K>', 'sampled betweenness with K pivots per wave (default exact)', intOption('--samples', 1));
  withCommon(ml);
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
  ml.action(
    action(async (opts: MotterLaiCliOptions) => {
      const g = await graphFromSpec(opts.graph, { seed: opts.seed });
      const rng = stream(opts.seed, 1);
      const r = motterLaiCascade(g, { alpha: opts.alpha, trigger: opts.trigger, samples: opts.samples, rng });
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
      let text = `Motter-Lai on ${opts.graph} (n = ${g.n}), alpha = ${opts.alpha}, trigger ${opts.trigger} (node ${Array.from(r.triggers).map((t) => g.keyOf(t)).join(',')}):\n` +
        `  G = ${r.G} (largest surviving component / n), ${r.failed} failed in ${r.waves} waves [${r.failedPerWave.join(', ')}]`;
      if (opts.alphas) {
        const sweep = motterLaiSweep(g, opts.alphas, { trigger: opts.trigger, samples: opts.samples, rng: stream(opts.seed, 1) });
        json.sweep = sweep;
        text += '\n  alpha\tG\twaves\tfailed\n' + sweep.map((p) => `  ${p.alpha}\t${p.G}\t${p.waves}\t${p.failed}`).join('\n');
      }
      return { json, text };
    }),
  );

  const fb = cascade
    .command('bundle')
    .description('fiber bundle on a graph: thresholds from a capacity law, initial random loss, load SIGMA, synchronous waves')
    .requiredOption('--graph <G>', 'graph spec (its nodes are the elements)')
    .requiredOption('--capacity <LAW>', 'threshold law: uniform(a,b), weibull(rho,scale=1), lognormal(mu,sigma), ...')
    .requiredOption('--load <SIGMA>', 'total load divided by the ORIGINAL number of elements', numberOption('--load', 0))
    .addOption(choiceOption('--sharing <S>', 'global: equal load sharing; local: a failed cluster\'s load goes to its surviving boundary', ['global', 'local'], 'global'))
    .option('--loss <F0>', 'fraction of elements removed at random before the load is applied', numberOption('--loss', 0, 1), 0);
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
  fb.action(
    action(async (opts: BundleCliOptions) => {
      const law = parseCapacityLaw(opts.capacity);
      const g = await graphFromSpec(opts.graph, { seed: opts.seed });
      const r = fiberBundleCascade(g, { capacity: law, load: opts.load, loss: opts.loss, sharing: opts.sharing, rng: stream(opts.seed, 1) });
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
      const text = `fiber bundle on ${opts.graph} (n = ${g.n}), ${r.sharing} sharing, capacity ${law.spec}, sigma = ${opts.load}, f0 = ${opts.loss}:\n` +
        `  ${r.collapse ? 'COLLAPSE (U = 0)' : `U = ${r.U} intact`} after ${r.waves} waves [${r.failedPerWave.join(', ')}]`;
      return { json, text };
    }),
  );
}
