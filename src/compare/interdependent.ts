/**
 * Interdependent networks, analytic vs Monte Carlo: the generating-function mutual giant component of two
 * configuration-model networks with one-to-one dependencies (Buldyrev et al. 2010) against the simulated cascade of
 * mutual giant components on generated (or given) pairs, on one grid of kept fractions p.
 *
 * @module
 */
import { interdependentCritical, interdependentMutualGiant } from '../analytic/interdependent.ts';
import { graphDegreeLaw } from '../distributions/empirical-law.ts';
import { parseDegreeLaw } from '../distributions/parse.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import { graphFromSpec } from '../generators/spec.ts';
import { simulateInterdependent, type InterdependentEstimate } from '../montecarlo/interdependent-cascade.ts';
import { graphSpecForLaw } from './law-graph-spec.ts';
import { type AnalyticPoint, type LineUp, type MonteCarloPoint, lineUp } from './line-up.ts';

/**
 * Options of {@link compareInterdependent}.
 *
 * @category Interdependent networks
 */
export interface CompareInterdependentOptions {
  /** Degree law of A (spec or DegreeLaw); the Monte Carlo side draws `er:n=N,k=K` for poisson(K), `rr:` for regular(K), else `cm:n=N,law=LAW`. */
  law?: string | DegreeLaw;
  /** Degree law of B (default: law). */
  lawB?: string | DegreeLaw;
  /** Graph spec of A for the Monte Carlo side (overrides the law's); without `law` the analytic side uses its degree law. */
  graphA?: string;
  /** Graph spec of B (default: graphA, drawn independently when random). */
  graphB?: string;
  /** Nodes per generated network (default 100 000). */
  n?: number;
  /** Kept fractions p of A, strictly increasing in [0, 1] (default 0.5, 0.55, …, 1). */
  grid?: readonly number[];
  /** Replicate pairs (default 10). */
  runs?: number;
  /** Seed (default 1): replicate r uses stream(seed, r). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /**
   * Half-width of the window around the analytic p_c left out of the agreement count (default 0.03). Measured for
   * ER pairs, <k> = 4 (p_c = 0.61385), seed 1, 10 runs: at n = 1e5 the mutual giant survived in 2/10 replicates at
   * p = 0.610 and 7/10 at 0.612 and 0.614, all at 0.620 (bias +0.003); at n = 1e4 in 2/10 at 0.605, all from 0.625.
   * docs/reference/literature-values.md row B4 tests only at p >= p_c + 0.03.
   */
  window?: number;
  /**
   * Absolute allowance on |mean − analytic| (default 0.01, the acceptance of issue 15 at n = 1e5). Below p_c the
   * simulation keeps a mutually connected cluster of O(1) nodes (S ~ 1/n) where the theory says 0.
   */
  tolerance?: number;
  /**
   * Also estimate p_c from the simulation (default false): per replicate the kept fraction where the mutual giant
   * collapses, by bisection (src/montecarlo/interdependent-cascade.ts interdependentCollapsePoint; ~17 extra cascades
   * per replicate at n = 1e5, slow near p_c). Measured for ER <k> = 4, seed 1, 10 runs: 0.5950 (n = 1e3), 0.6111
   * (1e4), 0.6121 (1e5) against 0.613852: the finite-size p_c approaches the theory from below.
   */
  threshold?: boolean;
}

/**
 * Result of {@link compareInterdependent}.
 *
 * @category Interdependent networks
 */
export interface InterdependentComparison {
  model: { lawA: string; lawB: string; graphA: string; graphB: string; analytic: string };
  n: number;
  runs: number;
  seed: number;
  level: number;
  tolerance: number;
  /** x = p (fraction of A kept); value = mutual giant fraction of all nodes. */
  lineUp: LineUp;
  /** The simulated estimates per p (giant of A alone, stages). */
  montecarlo: InterdependentEstimate[];
  /**
   * Analytic threshold p_c and jump S(p_c) (null with a reason when no mutual giant exists for p <= 1); with the
   * `threshold` option also the simulated finite-size p_c (mean over replicates) and its interval.
   */
  threshold: {
    analytic: number | null;
    SAtPc: number | null;
    analyticReason?: string;
    montecarlo?: number | null;
    ci?: [number, number];
  };
}

/**
 * Default p grid of {@link compareInterdependent}: 0.5, 0.55, …, 1.
 *
 * @category Interdependent networks
 */
export const DEFAULT_INTERDEPENDENT_GRID: readonly number[] = Array.from({ length: 11 }, (_, i) => 0.5 + i / 20);

/**
 * Compare the analytic mutual giant component of two interdependent networks with the simulated cascade.
 *
 * @param opts - {@link CompareInterdependentOptions}; `law` or `graphA` is required.
 * @returns per p the analytic S, the simulated mean with its interval, the difference, inside-CI and
 *   within-tolerance flags, the agreement count away from p_c; the analytic threshold.
 * @throws FragilityInputError naming `law`/`graphA` (neither), `grid`, `runs`, `n`, `level`, `window`, `tolerance`,
 *   `graphB` (sizes differ).
 *
 * @complexity analytic ~500 p(S) evaluations for p_c plus one solve per grid point; Monte Carlo R ×
 * (generation + G cascades of O((n + m)·stages)).
 *
 * @model analytic — S is the largest root of p(S) = X_A(S)·X_B(S)/S (src/analytic/interdependent.ts; for ER
 * pairs S = p(1 − e^(−<k>S))²), n → ∞, tree-like. Monte Carlo — the cascade of mutual giant components
 * (src/montecarlo/interdependent-cascade.ts) on replicate pairs with a random one-to-one dependency, nested attacks
 * of exactly n − round(p·n) nodes. Without a law, the analytic side takes the empirical degree laws of the graphs
 * (drawn once with `seed` for random specs).
 *
 * @references S. V. Buldyrev, R. Parshani, G. Paul, H. E. Stanley & S. Havlin, Nature 464, 1025 (2010),
 * doi:10.1038/nature08932; reference rows B1, B2, B4 of docs/reference/literature-values.md.
 *
 * @example
 * ```ts
 * const c = await compareInterdependent({ law: 'poisson(4)', n: 20000, grid: [0.7, 0.8], runs: 10, seed: 1 });
 * c.lineUp.rows[0]; // { x: 0.7, analytic: 0.55762, mean: ≈0.5560, ci: [..], insideCi: true, ... }
 * ```
 *
 * @category Interdependent networks
 */
export async function compareInterdependent(opts: CompareInterdependentOptions): Promise<InterdependentComparison> {
  const runs = checkInteger('runs', opts.runs ?? 10, 2, 1e7);
  const seed = opts.seed ?? 1;
  checkInteger('seed', seed, -(2 ** 53 - 1), 2 ** 53 - 1);
  const n = checkInteger('n', opts.n ?? 100_000, 2, 1e8);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  const window = checkNumber('window', opts.window ?? 0.03, 0, 1);
  const tolerance = checkNumber('tolerance', opts.tolerance ?? 0.01, 0, 1);
  const grid = [...(opts.grid ?? DEFAULT_INTERDEPENDENT_GRID)];
  if (grid.length === 0) throw new FragilityInputError('grid', grid, 'at least one kept fraction p in [0, 1]');
  grid.forEach((p, i) => {
    checkProbability(`grid[${i}]`, p);
    if (i > 0 && !(p > grid[i - 1]))
      throw new FragilityInputError('grid', grid, 'strictly increasing kept fractions in [0, 1]');
  });
  if (opts.law === undefined && opts.graphA === undefined)
    throw new FragilityInputError('law', undefined, 'a degree law (--law) or a graph spec (--graph-a)');
  if (opts.law === undefined && opts.lawB !== undefined)
    throw new FragilityInputError('lawB', opts.lawB, 'only together with law');

  let lawA: DegreeLaw;
  let lawB: DegreeLaw;
  let graphA: string;
  let graphB: string;
  let analyticName: string;
  if (opts.law !== undefined) {
    lawA = typeof opts.law === 'string' ? parseDegreeLaw(opts.law) : opts.law;
    lawB = opts.lawB === undefined ? lawA : typeof opts.lawB === 'string' ? parseDegreeLaw(opts.lawB) : opts.lawB;
    graphA = opts.graphA ?? graphSpecForLaw(lawA, n);
    graphB = opts.graphB ?? (opts.graphA !== undefined ? opts.graphA : graphSpecForLaw(lawB, n));
    analyticName = `generating functions, interdependent configuration models A = ${lawA.spec}, B = ${lawB.spec}`;
  } else {
    graphA = opts.graphA!;
    graphB = opts.graphB ?? graphA;
    const gA = await graphFromSpec(graphA, { seed });
    const gB = graphB === graphA ? gA : await graphFromSpec(graphB, { seed: seed + 1 });
    lawA = graphDegreeLaw(gA);
    lawB = graphB === graphA ? lawA : graphDegreeLaw(gB);
    analyticName = `generating functions on the empirical degree laws of ${graphA} and ${graphB} (configuration-model approximation)`;
  }

  // ---- analytic ----
  const crit = interdependentCritical(lawA, lawB);
  const analytic: AnalyticPoint[] = grid.map((p) => ({
    x: p,
    value: interdependentMutualGiant(lawA, p, lawB, crit).S,
  }));

  // ---- Monte Carlo ----
  const sim = await simulateInterdependent({
    graphA,
    graphB,
    ps: grid,
    runs,
    seed,
    level,
    threshold: opts.threshold === true,
  });
  const mc: MonteCarloPoint[] = sim.points.map((e) => ({
    x: e.p,
    mean: e.S,
    sd: Number.isFinite(e.sd) ? e.sd : null,
    ci: e.ci,
  }));
  return {
    model: { lawA: lawA.spec, lawB: lawB.spec, graphA, graphB, analytic: analyticName },
    n: sim.n,
    runs,
    seed,
    level,
    tolerance,
    lineUp: lineUp(analytic, mc, { threshold: crit.pc, window, tolerance }),
    montecarlo: sim.points,
    threshold: {
      analytic: crit.pc,
      SAtPc: crit.SAtPc,
      ...(crit.reason ? { analyticReason: crit.reason } : {}),
      ...(sim.threshold ? { montecarlo: sim.threshold.pc, ci: sim.threshold.ci } : {}),
    },
  };
}
