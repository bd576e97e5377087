/**
 * `fragility bundle`: mean-field equal-load-sharing fiber bundle — critical stress, fixed point, collapse after an
 * initial random loss.
 *
 * @module
 */
import type { Command } from 'commander';
import { action, intOption, numberOption, withCommon, type CommandResult } from '../common.ts';
import { parseCapacityLaw } from '../../distributions/parse.ts';
import { fiberBundleCritical, fiberBundleFixedPoint } from '../../analytic/fiber-bundle.ts';

/** The parsed options of `fragility bundle` (what {@link runBundle} takes). */
export interface BundleOptions {
  capacity: string;
  loss: number;
  load?: number;
  json?: boolean;
  maxIterations: number;
  trajectory?: boolean;
}

/** Register `fragility bundle`. */
export function register(program: Command): void {
  const cmd = program
    .command('bundle')
    .description('equal-load-sharing fiber bundle: sigma_c, x_c, U_c; with --load the fixed point U and collapse')
    .requiredOption(
      '--capacity <LAW>',
      'threshold law: uniform(a,b), weibull(rho,scale=1), lognormal(mu,sigma), empirical(...), expr(...)',
    )
    .option(
      '--loss <F0>',
      'fraction of elements lost at random before the load is applied',
      numberOption('--loss', 0, 1),
      0,
    )
    .option('--load <SIGMA>', 'total load divided by the ORIGINAL number of elements', numberOption('--load', 0))
    .option(
      '--max-iterations <N>',
      'bound on the iterations of the map U <- (1 - F0)(1 - F(SIGMA/U))',
      intOption('--max-iterations', 1, 1e7),
      10_000,
    )
    .option('--trajectory', 'include the trajectory U_0, U_1, ... in the output');
  withCommon(cmd, { seed: false });
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility bundle --capacity "uniform(0,1)" --loss 0.25 --load 0.18 --json
  {"capacity":"uniform(0,1)","sigmaC":0.25,"xC":0.5,"UC":0.5,"f0":0.25,"sigmaStar":0.1875,"sigma":0.18,"U":0.45,"collapse":false,...}

SIGMA is the total load per ORIGINAL element, F0 the fraction lost at random first, U the fraction of ALL original
elements intact at the fixed point. Collapse iff SIGMA > (1 - F0) * sigma_c.`,
  );
  cmd.action(action(runBundle));
}

/**
 * `fragility bundle` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export function runBundle(opts: BundleOptions): CommandResult {
  const law = parseCapacityLaw(opts.capacity);
  const crit = fiberBundleCritical(law);
  const f0 = opts.loss;
  const sigmaStar = (1 - f0) * crit.sigmaC;
  const json: Record<string, unknown> = {
    capacity: law.spec,
    sigmaC: crit.sigmaC,
    xC: crit.xC,
    UC: crit.UC,
    f0,
    sigmaStar,
  };
  let text =
    `fiber bundle (ELS), capacity ${law.spec}: sigma_c = ${crit.sigmaC}, x_c = ${crit.xC}, U_c = ${crit.UC}\n` +
    `after a random loss f0 = ${f0}: collapse load sigma* = (1 - f0) sigma_c = ${sigmaStar}`;
  if (opts.load !== undefined) {
    const r = fiberBundleFixedPoint(law, opts.load, { f0, critical: crit, maxIterations: opts.maxIterations });
    json.sigma = opts.load;
    json.U = r.U;
    json.collapse = r.collapse;
    json.converged = r.converged;
    json.iterations = r.iterations;
    if (opts.trajectory) json.trajectory = r.trajectory;
    text +=
      `\nload sigma = ${opts.load}: ${r.collapse ? 'COLLAPSE (U = 0)' : `U = ${r.U} intact`}` +
      ` (map: ${r.iterations} iterations${r.converged ? '' : ', not converged: slow near sigma*; U is the exact fixed point'})`;
  }
  return { json, text };
}
