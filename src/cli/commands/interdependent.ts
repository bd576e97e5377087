/**
 * `fragility interdependent`: mutual giant component of two interdependent configuration-model networks.
 *
 * @module
 */
import type { Command } from 'commander';
import { action, intOption, numberOption, withCommon } from '../common.ts';
import { FragilityInputError } from '../../errors.ts';
import { parseDegreeLaw } from '../../distributions/parse.ts';
import { interdependentNetworkCritical, interdependentNetworkGiant } from '../../analytic/interdependent.ts';

interface InterdependentOptions {
  law: string;
  lawB?: string;
  p?: number;
  networks: number;
  json?: boolean;
}

/** Register `fragility interdependent`. */
export function register(program: Command): void {
  const cmd = program
    .command('interdependent')
    .description('two interdependent networks (one-to-one dependencies): threshold p_c, jump S(p_c), mutual giant S(p)')
    .requiredOption('--law <LAW>', 'degree law of network A (and of B unless --law-b is given)')
    .option('--law-b <LAW>', 'degree law of network B (default: the same as --law)')
    .option('--p <P>', 'fraction of network A kept (a random 1 - P is removed)', numberOption('--p', 0, 1))
    .option('--networks <N>', 'number of networks in a tree-like network of networks, all with --law (Gao et al. 2011)', intOption('--networks', 1, 1000), 2);
  withCommon(cmd, { seed: false });
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility interdependent --law "poisson(4)" --p 0.7 --json
  {"law":"poisson(4)","lawB":"poisson(4)","p_c":0.613852...,"S_at_p_c":0.314108...,"p":0.7,"S":0.557616...}

S is the fraction of all nodes of A in the mutual giant component (Buldyrev et al. 2010); p_c is null with a
"reason" when no mutual giant exists even at p = 1. --networks N > 2: a tree-like network of N networks with the
same law (Gao et al. 2011; N equal ER networks: S = p(1 - exp(-<k>S))^N).`,
  );
  cmd.action(
    action((opts: InterdependentOptions) => {
      const lawA = parseDegreeLaw(opts.law);
      if (opts.lawB !== undefined && opts.networks !== 2) {
        throw new FragilityInputError('--networks', opts.networks, '2 when --law-b is given');
      }
      const lawB = opts.lawB === undefined ? lawA : parseDegreeLaw(opts.lawB);
      const laws = opts.networks === 2 ? [lawA, lawB] : Array.from({ length: opts.networks }, () => lawA);
      const crit = interdependentNetworkCritical(laws);
      const json: Record<string, unknown> = {
        law: lawA.spec,
        lawB: lawB.spec,
        networks: opts.networks,
        p_c: crit.pc,
        S_at_p_c: crit.SAtPc,
        p_tangency: crit.pTangency,
      };
      if (crit.reason) json.reason = crit.reason;
      const what = opts.networks === 2 ? `A = ${lawA.spec}, B = ${lawB.spec}` : `${opts.networks} networks, each ${lawA.spec}`;
      let text = `interdependent networks ${what}: ` +
        (crit.pc === null ? `no threshold (${crit.reason})` : `p_c = ${crit.pc}, jump S(p_c) = ${crit.SAtPc}`);
      if (opts.p !== undefined) {
        const r = interdependentNetworkGiant(laws, opts.p, crit);
        json.p = opts.p;
        json.S = r.S;
        json.occupations = r.occupations;
        text += `\nkept fraction p = ${opts.p}: mutual giant S = ${r.S}`;
      }
      return { json, text };
    }),
  );
}
