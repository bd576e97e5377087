/**
 * Watts threshold cascades, analytic vs Monte Carlo: the Gleeson–Cahalane expected cascade size against the seed
 * fraction, and the frequency (and size) of global cascades from single seeds across mean degree z — the cascade
 * window — against the extended vulnerable cluster, each lined up point by point with intervals.
 *
 * @module
 */
import { wattsCascadeWindowPoisson, type WattsThresholds } from '../analytic/watts-cascade.ts';
import { wattsCascadeSize, wattsGlobalCascade } from '../analytic/watts-cascade-size.ts';
import { graphDegreeLaw } from '../distributions/empirical-law.ts';
import { parseCapacityLaw, parseDegreeLaw } from '../distributions/parse.ts';
import { poissonLaw } from '../distributions/poisson-law.ts';
import type { CapacityLaw, DegreeLaw } from '../distributions/types.ts';
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import { graphFromSpec } from '../generators/spec.ts';
import { simulateWattsSeedFractions, simulateWattsSingleSeeds } from '../montecarlo/watts-cascade.ts';
import { graphSpecForLaw } from './law-graph-spec.ts';
import { type AnalyticPoint, type LineUp, type MonteCarloPoint, lineUp, lineUpSummary } from './line-up.ts';

/**
 * Thresholds of a Watts comparison: φ in (0, 1] for every node, or a threshold law (spec or CapacityLaw).
 *
 * @category Watts cascades
 */
export type WattsThresholdSpec = number | string | CapacityLaw;

function resolveThresholds(t: WattsThresholdSpec): {
  mc: number | CapacityLaw;
  analytic: WattsThresholds;
  label: string;
} {
  if (typeof t === 'number') {
    if (!(t > 0 && t <= 1))
      throw new FragilityInputError(
        'thresholds',
        t,
        'a threshold φ in (0, 1] or a threshold law such as uniform(0.1,0.3)',
      );
    return { mc: t, analytic: { phiStar: t }, label: `φ = ${t}` };
  }
  const law = typeof t === 'string' ? parseCapacityLaw(t) : t;
  if (!law || typeof law.cdf !== 'function')
    throw new FragilityInputError('thresholds', t, 'a threshold φ in (0, 1] or a threshold law');
  return { mc: law, analytic: { thresholdCdf: (x) => law.cdf(x) }, label: `φ ~ ${law.spec}` };
}

function checkCommon(opts: { runs?: number; seed?: number; level?: number }, defaultRuns: number) {
  const runs = checkInteger('runs', opts.runs ?? defaultRuns, 2, 1e7);
  const seed = opts.seed ?? 1;
  checkInteger('seed', seed, -(2 ** 53 - 1), 2 ** 53 - 1);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  return { runs, seed, level };
}

function checkGrid(field: string, grid: readonly number[], lo: number, hi: number, what: string): number[] {
  if (!Array.isArray(grid) || grid.length === 0)
    throw new FragilityInputError(field, grid, `a non-empty increasing list of ${what}`);
  grid.forEach((x, i) => {
    checkNumber(`${field}[${i}]`, x, lo, hi);
    if (i > 0 && !(x > grid[i - 1])) throw new FragilityInputError(field, grid, `strictly increasing ${what}`);
  });
  return [...grid];
}

/**
 * Options of {@link compareWattsCascadeSize}.
 *
 * @category Watts cascades
 */
export interface CompareWattsCascadeSizeOptions {
  /** Degree law (analytic side; Monte Carlo on er:/rr:/cm: graphs of `n` nodes). */
  law?: string | DegreeLaw;
  /** Graph spec for the Monte Carlo side; without `law` the analytic side takes its degree law (drawn with `seed`). */
  graph?: string;
  /** φ or a threshold law. */
  thresholds: WattsThresholdSpec;
  /** Seed fractions ρ0, strictly increasing in [0, 1] (default 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2). */
  seedFractions?: readonly number[];
  /** Nodes of the generated graphs (default 20 000). */
  n?: number;
  /** Replicate graphs (default 20). */
  runs?: number;
  seed?: number;
  level?: number;
  /**
   * Finite-size allowance on |mean − analytic| (default 0.005). Measured (seed 1, 20 runs, n = 2e4, φ = 0.18): on
   * ER z = 3 and z = 7 the largest |difference| over ρ0 = 5e-4 … 0.1 was 0.0011, at z = 7 next to the seed fraction
   * where the cascade jumps to global (between ρ0 = 0.002 and 0.005), where replicates mix.
   */
  tolerance?: number;
}

/**
 * Result of {@link compareWattsCascadeSize}.
 *
 * @category Watts cascades
 */
export interface WattsCascadeSizeComparison {
  model: { law: string; graph: string; thresholds: string; analytic: string };
  n: number;
  runs: number;
  seed: number;
  level: number;
  tolerance: number;
  /** x = ρ0; value = final active fraction of all nodes (seeds included). */
  lineUp: LineUp;
}

/**
 * Default seed fractions of {@link compareWattsCascadeSize}.
 *
 * @category Watts cascades
 */
export const DEFAULT_WATTS_SEED_FRACTIONS: readonly number[] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2];

/**
 * Compare the expected Watts cascade size with simulation, against the seed fraction.
 *
 * @param opts - {@link CompareWattsCascadeSizeOptions}; `law` or `graph` is required.
 * @returns per ρ0 the analytic size, the simulated mean with its interval, difference, inside-CI and within-tolerance
 *   flags, and the agreement count.
 * @throws FragilityInputError naming `law`/`graph`, `thresholds`, `seedFractions`, `n`, `runs`, `level`, `tolerance`.
 *
 * @complexity analytic O(|ρ0|·2000·Σ_k √k); Monte Carlo R × (generation + |ρ0| cascades O(n + m)).
 *
 * @model analytic — Gleeson & Cahalane (2007) fixed point (src/analytic/watts-cascade-size.ts), exact for
 * locally tree-like graphs as n → ∞. Monte Carlo — src/cascade/watts-threshold.ts on replicate graphs with nested
 * random seed sets of round(ρ0·n) nodes (src/montecarlo/watts-cascade.ts). Without a law, the analytic side uses the
 * graph's empirical degree law (a configuration-model approximation: clustering and degree correlations ignored).
 *
 * @references J. P. Gleeson & D. J. Cahalane, PRE 75, 056103 (2007), doi:10.1103/PhysRevE.75.056103; D. J. Watts,
 * PNAS 99, 5766 (2002), doi:10.1073/pnas.082090499.
 *
 * @example
 * ```ts
 * const c = await compareWattsCascadeSize({ law: 'poisson(7)', thresholds: 0.18, n: 20000, runs: 20 });
 * c.lineUp.rows; // the jump to a global cascade between ρ0 = 0.002 and 0.005, both ways
 * ```
 *
 * @category Watts cascades
 */
export async function compareWattsCascadeSize(
  opts: CompareWattsCascadeSizeOptions,
): Promise<WattsCascadeSizeComparison> {
  const { runs, seed, level } = checkCommon(opts, 20);
  const n = checkInteger('n', opts.n ?? 20_000, 2, 1e8);
  const tolerance = checkNumber('tolerance', opts.tolerance ?? 0.005, 0, 1);
  const grid = checkGrid(
    'seedFractions',
    opts.seedFractions ?? DEFAULT_WATTS_SEED_FRACTIONS,
    0,
    1,
    'seed fractions in [0, 1]',
  );
  const th = resolveThresholds(opts.thresholds);
  if (opts.law === undefined && opts.graph === undefined)
    throw new FragilityInputError('law', undefined, 'a degree law (--law) or a graph spec (--graph)');
  let law: DegreeLaw;
  let graph: string;
  let analyticName: string;
  if (opts.law !== undefined) {
    law = typeof opts.law === 'string' ? parseDegreeLaw(opts.law) : opts.law;
    graph = opts.graph ?? graphSpecForLaw(law, n);
    analyticName = `Gleeson–Cahalane fixed point, configuration model ${law.spec}, ${th.label}`;
  } else {
    graph = opts.graph!;
    law = graphDegreeLaw(await graphFromSpec(graph, { seed }));
    analyticName = `Gleeson–Cahalane fixed point on the empirical degree law of ${graph} (configuration-model approximation), ${th.label}`;
  }
  const analytic: AnalyticPoint[] = grid.map((x) => {
    const r = wattsCascadeSize(law, th.analytic, x);
    return r.converged
      ? { x, value: r.size }
      : { x, value: null, reason: `solver did not converge (residual ${r.residual})` };
  });
  const sim = await simulateWattsSeedFractions({ graph, thresholds: th.mc, seedFractions: grid, runs, seed, level });
  const mc: MonteCarloPoint[] = sim.points.map((p) => ({
    x: p.x,
    mean: p.mean,
    sd: Number.isFinite(p.sd) ? p.sd : null,
    ci: p.ci,
  }));
  return {
    model: { law: law.spec, graph, thresholds: th.label, analytic: analyticName },
    n: sim.n,
    runs,
    seed,
    level,
    tolerance,
    lineUp: lineUp(analytic, mc, { threshold: null, tolerance }),
  };
}

/**
 * Options of {@link compareWattsWindow}.
 *
 * @category Watts cascades
 */
export interface CompareWattsWindowOptions {
  /** φ or a threshold law (the analytic window edges need a single φ; with a law only the frequencies are lined up). */
  thresholds: WattsThresholdSpec;
  /** Mean degrees z of the Erdős–Rényi graphs, strictly increasing (default 0.5, 1, 1.5, …, 8). */
  zs?: readonly number[];
  /** Nodes per graph (default 10 000, Watts's Fig. 1). */
  n?: number;
  /** Replicate graphs per z (default 50). */
  runs?: number;
  /** Single seeds per graph (default 20). */
  trialsPerGraph?: number;
  /** A cascade is global when it reaches at least this fraction of the nodes (default 0.05). */
  globalFraction?: number;
  seed?: number;
  level?: number;
  /**
   * Half-width in z of the windows around the two analytic edges left out of the agreement count (default 0.5).
   * Measured (φ = 0.18, 2000 single seeds, seed 2): at z = 5.5 (0.26 inside the upper edge 5.7647) the simulated
   * frequency exceeds the theory 0.376 by 0.17 (n = 1e3), 0.05 (1e4), 0.005 (1e5); at z = 6 (0.24 outside) the
   * simulation still finds 0.28, 0.058, 0.001 where the theory says 0.
   */
  window?: number;
  /** Absolute allowance on |frequency − analytic| away from the edges (default 0.01). */
  tolerance?: number;
}

/**
 * Result of {@link compareWattsWindow}.
 *
 * @category Watts cascades
 */
export interface WattsWindowComparison {
  model: { graph: string; thresholds: string; analytic: string; globalFraction: number };
  n: number;
  runs: number;
  trialsPerGraph: number;
  seed: number;
  level: number;
  tolerance: number;
  /** Frequency of global cascades from one seed vs z (Wilson intervals). */
  frequency: LineUp;
  /** Mean size of the global cascades vs z (only at z where the simulation saw at least two). */
  size: LineUp;
  /** The analytic cascade window in z (null ends with a reason when there is none or thresholds are a law). */
  window: { zLower: number | null; zUpper: number | null; reason?: string };
}

/**
 * Default z grid of {@link compareWattsWindow}.
 *
 * @category Watts cascades
 */
export const DEFAULT_WATTS_ZS: readonly number[] = Array.from({ length: 16 }, (_, i) => 0.5 * (i + 1));

/** Mark rows within `window` of any edge as near the threshold and recount the agreement (as lineUp does for one). */
function withEdges(l: LineUp, edges: number[], window: number): LineUp {
  const rows = l.rows.map((r) =>
    edges.some((e) => Math.abs(r.x - e) < window) ? { ...r, nearThreshold: true, region: 'near' as const } : r,
  );
  return lineUpSummary(rows, l.allowance);
}

/**
 * Compare the frequency and size of global cascades from single seeds on Erdős–Rényi graphs across z (the cascade
 * window of Watts 2002, Fig. 1) with theory.
 *
 * @param opts - {@link CompareWattsWindowOptions}.
 * @returns the frequency and size line-ups against z and the analytic window.
 * @throws FragilityInputError naming `thresholds`, `zs`, `n`, `runs`, `trialsPerGraph`, `globalFraction`, `level`,
 *   `window`, `tolerance`.
 *
 * @complexity per z, R × (ER generation O(n + m) + T cascades O(n + m) at most); analytic O(kmax) per z plus the
 * size's Gleeson–Cahalane solve.
 *
 * @model analytic frequency = 1 − G0(1 − v) (extended vulnerable cluster, Watts 2002) and size = the ρ0 → 0+
 * Gleeson–Cahalane branch (src/analytic/watts-cascade-size.ts), window edges from wattsCascadeWindowPoisson;
 * Monte Carlo: src/montecarlo/watts-cascade.ts simulateWattsSingleSeeds on `er:n=N,k=z` (grid point i runs with seed
 * seed + 7919·i, so the z values are independent), frequency with a Wilson interval (sd column sqrt(f(1 − f))). Points within `window` of an edge are flagged and not counted.
 *
 * @references D. J. Watts, PNAS 99, 5766 (2002), doi:10.1073/pnas.082090499 (window for φ = 0.18:
 * 1.0207 < z < 5.7647, row F12 of docs/reference/literature-values.md); Gleeson & Cahalane, PRE 75, 056103 (2007).
 *
 * @example
 * ```ts
 * const c = await compareWattsWindow({ thresholds: 0.18, zs: [0.5, 3, 8], n: 10000, runs: 20 });
 * c.frequency.rows.map((r) => [r.x, r.analytic, r.mean]); // [[0.5, 0, 0], [3, 0.873, ≈0.87], [8, 0, 0]]
 * ```
 *
 * @category Watts cascades
 */
export async function compareWattsWindow(opts: CompareWattsWindowOptions): Promise<WattsWindowComparison> {
  const { runs, seed, level } = checkCommon(opts, 50);
  const n = checkInteger('n', opts.n ?? 10_000, 2, 1e8);
  const T = checkInteger('trialsPerGraph', opts.trialsPerGraph ?? 20, 1, 1e7);
  const globalFraction = checkNumber('globalFraction', opts.globalFraction ?? 0.05, Number.MIN_VALUE, 1);
  const window = checkNumber('window', opts.window ?? 0.5, 0, 1e3);
  const tolerance = checkNumber('tolerance', opts.tolerance ?? 0.01, 0, 1);
  const zs = checkGrid('zs', opts.zs ?? DEFAULT_WATTS_ZS, Number.MIN_VALUE, 1e4, 'mean degrees z > 0');
  const th = resolveThresholds(opts.thresholds);
  const w =
    'phiStar' in th.analytic
      ? wattsCascadeWindowPoisson(th.analytic.phiStar)
      : { zLower: null, zUpper: null, reason: 'window edges are computed for a single threshold φ only' };
  const freqA: AnalyticPoint[] = [];
  const sizeA: AnalyticPoint[] = [];
  const freqM: MonteCarloPoint[] = [];
  const sizeM: MonteCarloPoint[] = [];
  for (const [i, z] of zs.entries()) {
    const a = wattsGlobalCascade(poissonLaw(z), th.analytic);
    freqA.push({ x: z, value: a.frequency });
    sizeA.push({ x: z, value: a.size });
    const m = await simulateWattsSingleSeeds({
      graph: `er:n=${n},k=${z}`,
      thresholds: th.mc,
      runs,
      trialsPerGraph: T,
      globalFraction,
      seed: seed + 7919 * i,
      level,
    });
    freqM.push({ x: z, mean: m.frequency, sd: Math.sqrt(m.frequency * (1 - m.frequency)), ci: m.frequencyCi });
    if (m.globalCascades >= 2) sizeM.push({ x: z, mean: m.globalSize.mean, sd: m.globalSize.sd, ci: m.globalSize.ci });
  }
  const edges = [w.zLower, w.zUpper].filter((e): e is number => e !== null);
  return {
    model: {
      graph: `er:n=${n},k=z`,
      thresholds: th.label,
      analytic: 'extended vulnerable cluster (frequency) and Gleeson–Cahalane ρ0 → 0+ (size), Poisson degrees',
      globalFraction,
    },
    n,
    runs,
    trialsPerGraph: T,
    seed,
    level,
    tolerance,
    frequency: withEdges(lineUp(freqA, freqM, { threshold: null, tolerance }), edges, window),
    size: withEdges(lineUp(sizeA, sizeM, { threshold: null, tolerance }), edges, window),
    window: { zLower: w.zLower, zUpper: w.zUpper, ...(w.reason ? { reason: w.reason } : {}) },
  };
}
