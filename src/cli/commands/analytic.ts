/**
 * `fragility analytic`: configuration-model percolation by generating functions for a degree law.
 *
 * @module
 */
import type { Command } from 'commander';
import { parseDegreeLaw } from '../../distributions/parse.ts';
import { configurationModelPercolation } from '../../analytic/configuration-model-percolation.ts';
import { purePowerLawCriticalExponent } from '../../analytic/cohen-power-law.ts';
import { action, choiceOption, numberOption, withAlias, withCommon, type CommandResult } from '../common.ts';

/** The parsed options of `fragility analytic` (what {@link runAnalytic} takes). */
export interface AnalyticOptions {
  law: string;
  mode: 'site' | 'bond';
  order: 'random' | 'attack';
  q?: number;
  json?: boolean;
}

function fmt(x: number | null | undefined, digits = 6): string {
  if (x === null || x === undefined) return 'null';
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toPrecision(digits)).toString();
}

/** Register `fragility analytic`. */
export function register(program: Command): void {
  const cmd = program
    .command('analytic')
    .description(
      'configuration-model percolation thresholds and giant component from a degree law (generating functions)',
    )
    .requiredOption('--law <LAW>', 'degree law, e.g. poisson(4), regular(3), powerlaw(2.5,kmin=1,cutoff=20)')
    .addOption(choiceOption('--mode <mode>', 'site or bond percolation', ['site', 'bond'], 'site'))
    .option('--q <Q>', 'occupation: fraction of nodes (or edges) kept; prints S at Q', numberOption('--q', 0, 1));
  withAlias(
    cmd,
    choiceOption(
      '--order <order>',
      'removal order: random failure or degree attack (highest degrees first)',
      ['random', 'attack'],
      'random',
    ),
    choiceOption('--removal <removal>', 'old name of --order', ['random', 'attack']),
  );
  withCommon(cmd, { seed: false });
  cmd.addHelpText(
    'after',
    `
Example:
  $ fragility analytic --law "poisson(4)" --q 0.5 --json
  {"q_c":0.25,"f_c":0.75,...,"S":0.398406...}
  $ fragility analytic --law "poisson(4)" --order attack --q 0.8
S is the giant-component fraction of ALL original nodes; for --order attack, Q is the fraction of nodes kept
(highest degrees removed first, fractional boundary degree, degrees not recomputed).`,
  );
  cmd.action(action(runAnalytic));
}

/**
 * `fragility analytic` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export function runAnalytic(opts: AnalyticOptions): CommandResult {
  const law = parseDegreeLaw(opts.law);
  const r = configurationModelPercolation(law, { mode: opts.mode, removal: opts.order, q: opts.q });
  const json: Record<string, unknown> = {
    law: r.law,
    mode: r.mode,
    removal: r.removal,
    q_c: r.q_c,
    f_c: r.f_c,
    meanDegree: r.meanDegree,
    secondMoment: r.secondMoment,
    kmax: r.kmax,
    molloyReed: r.molloyReed,
    model: r.model,
    truncationError: r.truncationError,
    converged: r.converged,
    iterations: r.iterations,
    residual: r.residual,
  };
  if (r.q !== undefined) {
    json.q = r.q;
    json.S = r.S;
    json.u = r.u;
    json.meanFiniteClusterSize = r.meanFiniteClusterSize;
    if (r.meanFiniteClusterSize === Infinity) json.meanFiniteClusterSizeReason = 'diverges at the threshold';
    else if (r.meanFiniteClusterSize === null)
      json.meanFiniteClusterSizeReason = 'no occupied node outside the giant component';
  }
  if (r.q_cError !== undefined) json.q_cError = r.q_cError;
  if (r.momentMethod !== undefined) json.momentMethod = r.momentMethod;
  if (r.SError !== undefined) json.SError = r.SError;
  let tauLine: string | undefined;
  if (law.exactMoments !== undefined) {
    // A pure power law: also its critical exponent τ_c (giant component iff τ < τ_c), exact via Hurwitz zeta.
    const tc = purePowerLawCriticalExponent(law.exactMoments.kmin);
    json.tau_c = tc.tau_c;
    json.tau_cError = tc.error;
    if (tc.reason) json.tau_cReason = tc.reason;
    tauLine =
      tc.tau_c !== null
        ? `tau_c = ${tc.tau_c.toFixed(6)} ± ${tc.error.toExponential(1)} (pure power law, kmin = ${tc.kmin}: giant component iff tau < tau_c)`
        : `tau_c: none (${tc.reason})`;
  }
  if (r.secondMoment === Infinity) json.secondMomentReason = 'diverges (Infinity)';
  if (r.meanDegree === Infinity) json.meanDegreeReason = 'diverges (Infinity)';
  if (r.reason) json.reason = r.reason;
  const lines = [
    `model: ${r.model}`,
    `<k> = ${fmt(r.meanDegree)}, <k^2> = ${fmt(r.secondMoment)}, Molloy–Reed Σk(k−2)p_k = ${fmt(r.molloyReed.value)}`,
    `q_c = ${fmt(r.q_c)}${r.q_cError !== undefined ? ` ± ${r.q_cError.toExponential(1)}` : ''}, f_c = ${fmt(r.f_c)}${r.reason ? ` (${r.reason})` : ''}`,
  ];
  if (tauLine) lines.push(tauLine);
  if (r.q !== undefined) {
    lines.push(
      `at q = ${r.q}: S = ${fmt(r.S)}${r.SError !== undefined ? ` ± ${r.SError.toExponential(1)} (truncation)` : ''}, u = ${fmt(r.u)}, mean finite cluster = ${fmt(r.meanFiniteClusterSize ?? null)}` +
        `${r.converged ? '' : ` (NOT converged after ${r.iterations} iterations, residual ${r.residual})`}`,
    );
  }
  return { json, text: lines.join('\n') };
}
