/**
 * Connectivity percolation, analytic vs Monte Carlo: the generating-function giant component of a configuration
 * model (or message passing on a given graph) against Newman–Ziff ensembles on graphs of the same law, on the same
 * occupation grid, lined up point by point with the thresholds side by side.
 *
 * @module
 */
import { configurationModelPercolation } from '../analytic/configuration-model-percolation.ts';
import { gfAttackPercolation } from '../analytic/gf-attack.ts';
import { gfBondPercolation, gfSitePercolation } from '../analytic/gf-percolation.ts';
import { messagePassingPercolation } from '../analytic/message-passing.ts';
import { messagePassingLoops } from '../analytic/message-passing-loops.ts';
import { componentSummary } from '../graph/components.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { nonBacktrackingSpectralRadius } from '../analytic/non-backtracking.ts';
import { parseDegreeLaw } from '../distributions/parse.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import { graphFromSpec } from '../generators/spec.ts';
import { runEnsemble } from '../montecarlo/ensemble.ts';
import { isRandomGraphSpec } from '../montecarlo/graph-source.ts';
import { type AnalyticPoint, type LineUp, type MonteCarloPoint, lineUp } from './line-up.ts';

/**
 * Options of {@link compareConnectivity}.
 *
 * @category Connectivity
 */
export interface CompareConnectivityOptions {
  /** Degree law (spec string or DegreeLaw): analytic side by generating functions, Monte Carlo on `cm:n=N,law=LAW`. */
  law?: string | DegreeLaw;
  /**
   * Graph spec for the Monte Carlo side (default `cm:n=N,law=LAW`, or `rr:n=N,k=K` for `regular(K)`). Without `law`,
   * the analytic side is message passing on the spec's graph drawn with `seed` (one realisation).
   */
  graph?: string;
  /** `site` (default) or `bond`. */
  mode?: 'site' | 'bond';
  /** `random` (default) or `attack` (highest degree first; site only). */
  removal?: 'random' | 'attack';
  /** Occupation grid q (fraction kept), strictly increasing in [0, 1] (default 0, 0.05, …, 1). */
  grid?: readonly number[];
  /** Monte Carlo replicates (default 20). */
  runs?: number;
  /** Seed (default 1). */
  seed?: number;
  /** Graph size for the law's configuration model (default 10 000). */
  n?: number;
  /** Confidence level of the Monte Carlo intervals (default 0.95). */
  level?: number;
  /** Half-width of the window around the analytic threshold left out of the agreement count (default 0.05). */
  window?: number;
  /** Absolute allowance passed to {@link lineUp} (default 0), e.g. the finite-size floor (ln n)²/n below q_c. */
  tolerance?: number;
  /**
   * Finite-size allowance of the verdict `agrees` (default (ln n)²/n: the largest cluster of a finite graph below the
   * threshold has O(ln n) nodes where the n → ∞ theory says 0). Pass 0 to judge by the interval and the floor alone.
   */
  finiteSize?: number;
  /**
   * Without `law`: the message-passing radius. Omitted = tree-like message passing (Karrer–Newman–Zdeborová);
   * 0, 1, 2 = loop-corrected message passing (Cantwell–Newman 2019) with cycles up to length r + 2 treated exactly.
   */
  loops?: number;
  /** Worker threads for the ensemble (default 1; results are identical for any value). */
  workers?: number;
  /** Progress callback (replicates done, total). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * A threshold estimate: value and (for Monte Carlo) its confidence interval.
 *
 * @category Connectivity
 */
export interface ThresholdPair {
  /** Analytic critical occupation q_c (null with `analyticReason`). */
  analytic: number | null;
  analyticReason?: string;
  /** Monte Carlo q_c: peak of the mean susceptibility, with a bootstrap interval (null with `montecarloReason`). */
  montecarlo: number | null;
  montecarloReason?: string;
  ci: [number, number];
  /** Monte Carlo q_c by the largest-gap estimator, with its Student-t interval (null with `reason`). */
  gap: { q_c: number | null; ci: [number, number]; reason?: string };
}

/**
 * Result of {@link compareConnectivity}.
 *
 * @category Connectivity
 */
export interface ConnectivityComparison {
  /** What was compared. */
  model: { law: string | null; graph: string; mode: 'site' | 'bond'; removal: 'random' | 'attack'; analytic: string };
  runs: number;
  seed: number;
  n: number;
  level: number;
  /** Grid coordinate x = q (occupation, fraction kept); f = 1 − q removed. */
  lineUp: LineUp;
  /** Thresholds as occupations q_c (the removed fraction is f_c = 1 − q_c). */
  threshold: ThresholdPair;
}

/**
 * Default occupation grid: 0, 0.05, …, 1.
 *
 * @category Connectivity
 */
export const DEFAULT_COMPARE_GRID: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

function mcSpecForLaw(law: DegreeLaw, n: number): string {
  const m = /^regular\((\d+)\)$/.exec(law.spec);
  if (m) return `rr:n=${n},k=${m[1]}`;
  return `cm:n=${n},law=${law.spec}`;
}

/**
 * Compare analytic and Monte Carlo connectivity percolation on one occupation grid.
 *
 * @param opts - {@link CompareConnectivityOptions}; `law` or `graph` is required.
 * @returns per grid point the analytic S, the Monte Carlo mean with its CI, the difference and the inside-CI flag,
 *   and both thresholds.
 * @throws FragilityInputError naming `law`/`graph` (neither given), `removal` (attack with bond, or attack with
 *   message passing), `grid`, `runs`, `n`, `level`, `window`.
 *
 * @complexity analytic O(G·kmax·iterations) (G grid points) or G message-passing solves O((n + m)·sweeps);
 * Monte Carlo R sweeps O(n + m·α(n)) plus the canonical convolutions.
 *
 * @model analytic S(q) = giant fraction of all original nodes of the configuration model with the law
 * (Callaway et al. 2000; attack: Cohen et al. 2001 with fractional boundary degree), or message passing on the
 * graph (Karrer, Newman & Zdeborová 2014). Monte Carlo: Newman–Ziff canonical averages over R replicates with a
 * Student-t interval; the order is `random` or `degree` (static attack). Points within `window` of the analytic
 * threshold are flagged (finite-size rounding dominates there) and left out of the agreement count.
 *
 * @references D. S. Callaway, M. E. J. Newman, S. H. Strogatz, D. J. Watts, PRL 85, 5468 (2000),
 * doi:10.1103/PhysRevLett.85.5468; M. E. J. Newman, R. M. Ziff, PRE 64, 016706 (2001),
 * doi:10.1103/PhysRevE.64.016706; B. Karrer, M. E. J. Newman, L. Zdeborová, PRL 113, 208702 (2014).
 *
 * @example
 * ```ts
 * const c = await compareConnectivity({ law: 'regular(3)', n: 10000, runs: 40, seed: 1 });
 * c.threshold.analytic; // 0.5
 * c.lineUp.agreement;   // { inside, total } away from the threshold
 * ```
 *
 * @category Connectivity
 */
export async function compareConnectivity(opts: CompareConnectivityOptions): Promise<ConnectivityComparison> {
  const { mode, removal, runs, seed, n, level, window, grid } = checkCompareConnectivity(opts);
  const law = typeof opts.law === 'string' ? parseDegreeLaw(opts.law) : opts.law;
  const graph = opts.graph ?? mcSpecForLaw(law!, n);

  // ---- analytic side ----
  let analytic: AnalyticPoint[];
  let qcAnalytic: number | null;
  let analyticReason: string | undefined;
  let analyticName: string;
  let nUsed = n;
  if (law) {
    analyticName = `generating functions, configuration model ${law.spec}${removal === 'attack' ? ' (attack, fractional boundary degree)' : ''}`;
    analytic = grid.map((q) => {
      const r =
        mode === 'bond'
          ? gfBondPercolation(law, q)
          : removal === 'attack'
            ? gfAttackPercolation(law, 1 - q)
            : gfSitePercolation(law, q);
      return r.converged
        ? { x: q, value: r.S }
        : { x: q, value: null, reason: `solver did not converge (residual ${r.residual})` };
    });
    const th = configurationModelPercolation(law, { mode, removal });
    qcAnalytic = th.q_c;
    if (th.q_c === null) analyticReason = th.reason ?? 'no threshold';
  } else {
    if (removal === 'attack')
      throw new FragilityInputError(
        'removal',
        removal,
        "'random' when only --graph is given (message passing has no attack form; give --law for the attack theory)",
      );
    const g = await graphFromSpec(graph, { seed });
    nUsed = g.n;
    analyticName = isRandomGraphSpec(graph)
      ? `message passing on one realisation of ${graph} (seed ${seed}; the Monte Carlo side redraws the graph per replicate)`
      : `message passing on ${graph}`;
    // The analytic value is the largest connected component's share of the message-passing S: the Monte Carlo side
    // measures the largest cluster, and small components with loops would otherwise count as "giant".
    const share = largestComponentShare(g);
    if (opts.loops === undefined) {
      analytic = grid.map((q) => {
        const r = messagePassingPercolation(g, q, { mode, maxIterations: 2000 });
        const value = share(r.nodeProbability);
        return r.converged ? { x: q, value } : { x: q, value, reason: `not converged after ${r.iterations} sweeps` };
      });
    } else {
      const r0 = checkInteger('loops', opts.loops, 0, 2);
      analyticName = analyticName.replace(
        'message passing',
        `loop-corrected message passing r = ${r0} (Cantwell-Newman 2019)`,
      );
      analytic = grid.map((q) => {
        const r = messagePassingLoops(g, q, { r: r0, mode, seed, maxIterations: 2000 });
        const value = r.SLargestComponent;
        return r.converged ? { x: q, value } : { x: q, value, reason: `not converged after ${r.iterations} sweeps` };
      });
    }
    analyticName += ", largest connected component's share of S";
    const nb = nonBacktrackingSpectralRadius(g);
    qcAnalytic = nb.pc !== null && nb.pc < 1 ? nb.pc : null;
    if (qcAnalytic === null) analyticReason = nb.reason ?? 'non-backtracking spectral radius <= 1: no giant component';
  }

  // ---- Monte Carlo side ----
  const ens = await runEnsemble({
    graph,
    mode,
    order: removal === 'attack' ? 'degree' : 'random',
    runs,
    seed,
    grid,
    level,
    workers: opts.workers ?? 1,
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const nLineUp = law ? n : nUsed;
  const mc: MonteCarloPoint[] = grid.map((q, i) => ({
    x: q,
    mean: ens.giant.mean[i],
    sd: Number.isFinite(ens.giant.sd[i]) ? ens.giant.sd[i] : null,
    ci: [ens.giant.lo[i], ens.giant.hi[i]],
  }));
  return {
    model: { law: law ? law.spec : null, graph, mode, removal, analytic: analyticName },
    runs,
    seed,
    n: law ? n : nUsed,
    level,
    lineUp: lineUp(analytic, mc, {
      threshold: qcAnalytic,
      window,
      tolerance: checkNumber('tolerance', opts.tolerance ?? 0, 0, 1),
      finiteSize: checkNumber('finiteSize', opts.finiteSize ?? Math.log(nLineUp) ** 2 / nLineUp, 0, 1),
      finiteSizeReason:
        opts.finiteSize === undefined
          ? `(ln n)^2/n with n = ${nLineUp}: the O(ln n) largest cluster of a finite graph where the n -> infinity theory says 0`
          : 'given',
    }),
    threshold: {
      analytic: qcAnalytic,
      ...(analyticReason ? { analyticReason } : {}),
      montecarlo: ens.threshold.q_c,
      ...(ens.threshold.reason ? { montecarloReason: ens.threshold.reason } : {}),
      ci: ens.threshold.ci,
      gap: {
        q_c: ens.gapThreshold.q_c,
        ci: ens.gapThreshold.ci,
        ...(ens.gapThreshold.reason ? { reason: ens.gapThreshold.reason } : {}),
      },
    },
  };
}

/** The checked options of {@link compareConnectivity} (defaults applied); throws naming the field. */
function checkCompareConnectivity(opts: CompareConnectivityOptions) {
  const mode = opts.mode ?? 'site';
  if (mode !== 'site' && mode !== 'bond') throw new FragilityInputError('mode', mode, "'site' or 'bond'");
  const removal = opts.removal ?? 'random';
  if (removal !== 'random' && removal !== 'attack')
    throw new FragilityInputError('removal', removal, "'random' or 'attack'");
  if (removal === 'attack' && mode === 'bond')
    throw new FragilityInputError('removal', removal, "'random' for bond percolation (attack removes nodes)");
  const runs = checkInteger('runs', opts.runs ?? 20, 2, 1e7);
  const seed = opts.seed ?? 1;
  checkInteger('seed', seed, -(2 ** 53 - 1), 2 ** 53 - 1);
  const n = checkInteger('n', opts.n ?? 10_000, 10, 1e8);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  const window = checkNumber('window', opts.window ?? 0.05, 0, 1);
  const grid = [...(opts.grid ?? DEFAULT_COMPARE_GRID)];
  grid.forEach((q, i) => {
    checkProbability(`grid[${i}]`, q);
    if (i > 0 && !(q > grid[i - 1]))
      throw new FragilityInputError('grid', grid, 'strictly increasing occupations in [0, 1]');
  });
  if (grid.length === 0) throw new FragilityInputError('grid', grid, 'at least one occupation in [0, 1]');
  if (opts.law === undefined && opts.graph === undefined)
    throw new FragilityInputError('law', undefined, 'a degree law (--law) or a graph spec (--graph)');
  if (opts.loops !== undefined) {
    checkInteger('loops', opts.loops, 0, 2);
    if (opts.law !== undefined)
      throw new FragilityInputError(
        'loops',
        opts.loops,
        'only with a graph and no law (loop-corrected message passing runs on a given graph)',
      );
  }
  if (opts.finiteSize !== undefined) checkNumber('finiteSize', opts.finiteSize, 0, 1);
  return { mode, removal, runs, seed, n, level, window, grid };
}

/**
 * The largest connected component's share of a node-probability vector: Σ over its nodes / n (the Monte Carlo side
 * measures the largest cluster; small components with loops would otherwise count as "giant").
 */
function largestComponentShare(g: CompactGraph): (p: Float64Array) => number {
  const labels = componentSummary(g).labels;
  const sizes = new Map<number, number>();
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  let big = -1;
  let bigSize = 0;
  for (const [l, c] of sizes) if (c > bigSize) [big, bigSize] = [l, c];
  return (p: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < p.length; i++) if (labels[i] === big) sum += p[i];
    return sum / g.n;
  };
}
