/**
 * Two-tier overlay connectivity, analytic vs Monte Carlo: the multi-type branching prediction of the served
 * fraction and of the giant supernode component against Newman–Ziff sweeps of generated overlays, on one grid of
 * supernode losses.
 *
 * @module
 */
import { twoTierCriticalLoss, twoTierServedFraction } from '../analytic/two-tier-branching.ts';
import { parseDegreeLaw } from '../distributions/parse.ts';
import type { DegreeLaw } from '../distributions/types.ts';
import { FragilityInputError, checkInteger, checkNumber, checkProbability } from '../errors.ts';
import { twoTierOverlay, type SupernodeChoice } from '../generators/two-tier.ts';
import { canonicalAverage } from '../montecarlo/canonical.ts';
import { degreeOrder } from '../montecarlo/degree-order.ts';
import { largestGapOccupation } from '../montecarlo/largest-gap.ts';
import { randomOrder } from '../montecarlo/random-order.ts';
import { meanWithCI } from '../montecarlo/statistics.ts';
import { noTransitionReason } from '../montecarlo/transition.ts';
import { sweepTwoTier } from '../montecarlo/sweep-two-tier.ts';
import { stream } from '../random/stream.ts';
import { type AnalyticPoint, type LineUp, type MonteCarloPoint, lineUp } from './line-up.ts';

/**
 * Options of {@link compareTwoTier}.
 *
 * @category Connectivity
 */
export interface CompareTwoTierOptions {
  /** Degree law of the supernode core (spec or DegreeLaw). */
  coreLaw: string | DegreeLaw;
  /** Host-cache size H (distinct supernodes per client). */
  cacheSize: number;
  /** Supernodes S of each generated overlay. */
  supernodes: number;
  /** Clients C of each generated overlay. */
  clients: number;
  /** `random` (default) or `attack` (highest core degree first). */
  removal?: 'random' | 'attack';
  /** How clients pick supernodes (default `uniform`, the analytic model's assumption). */
  choice?: SupernodeChoice;
  /** Supernode-loss grid f in [0, 1], strictly increasing (default 0, 0.05, …, 1). */
  grid?: readonly number[];
  /** Replicates (overlays), default 20. */
  runs?: number;
  /** Seed (default 1): replicate r uses stream(seed, r) (fork 1: overlay, fork 2: order). */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Half-width of the window around the analytic f_c left out of the agreement count (default 0.05). */
  window?: number;
  /**
   * Who computes replicate r (default: here, {@link twoTierReplicate}): a replacement must return what
   * twoTierReplicate returns for the same options and r — e.g. the merged runs of a sharded scenario.
   */
  replicate?: (r: number) => TwoTierReplicate;
}

/**
 * A two-tier connectivity ensemble as plain JSON (a scenario's connectivity ensembles, and the identity of the queue's
 * and the shards' two-tier run family): with `runs`, what {@link compareTwoTier} needs.
 *
 * @category Connectivity
 */
export interface TwoTierRunIdentity {
  /** Degree law of the supernode core, as a spec (`poisson(4)`, …). */
  coreLaw: string;
  /** Supernodes each client caches. */
  cacheSize: number;
  /** Supernodes S. */
  supernodes: number;
  /** Clients C. */
  clients: number;
  /** Random failure or attack (highest degree first) on the supernodes. */
  removal: 'random' | 'attack';
  /** How a client chooses its cached supernodes. */
  choice: 'uniform' | 'capacity';
  /** Occupations q of the supernodes at which the ensemble is measured. */
  grid: number[];
  /** Seed: replicate r draws stream(seed, r). */
  seed: number;
}

/**
 * One replicate of {@link compareTwoTier}: canonical served and giant curves on the grid, and its threshold.
 *
 * @category Connectivity
 */
export interface TwoTierReplicate {
  served: Float64Array;
  giant: Float64Array;
  /** 1 − q* of the largest gap of the giant supernode cluster. */
  gap: number;
}

/**
 * Replicate r of {@link compareTwoTier} (options already checked there): a fresh overlay from stream(seed, r) fork 1,
 * a removal order from fork 2, the sweep, canonical averages at q = 1 − f.
 *
 * @param o - the overlay's law and sizes, removal, choice, grid and seed.
 * @param r - the replicate index.
 * @returns {@link TwoTierReplicate}.
 *
 * @complexity as one replicate of compareTwoTier.
 *
 * @model see compareTwoTier.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001).
 *
 * @example
 * ```ts
 * twoTierReplicate({ coreLaw: parseDegreeLaw('poisson(32)'), cacheSize: 8, supernodes: 200, clients: 500, removal: 'random', grid: [0, 0.5, 1], seed: 1 }, 0);
 * ```
 *
 * @category Connectivity
 */
export function twoTierReplicate(
  o: {
    coreLaw: DegreeLaw;
    cacheSize: number;
    supernodes: number;
    clients: number;
    removal: 'random' | 'attack';
    choice?: SupernodeChoice;
    grid: readonly number[];
    seed: number;
  },
  r: number,
): TwoTierReplicate {
  const qs = o.grid.map((f) => 1 - f);
  const rng = stream(o.seed, r);
  const overlay = twoTierOverlay(
    {
      supernodes: o.supernodes,
      clients: o.clients,
      coreLaw: o.coreLaw,
      cacheSize: o.cacheSize,
      choice: o.choice ?? 'uniform',
    },
    rng.fork(1),
  );
  const order =
    o.removal === 'attack' ? degreeOrder(overlay.core, rng.fork(2)) : randomOrder(o.supernodes, rng.fork(2));
  const sw = sweepTwoTier(overlay, order);
  return {
    served: canonicalAverage(sw.served, qs, 1 / o.clients),
    giant: canonicalAverage(sw.largest, qs, 1 / o.supernodes),
    gap: 1 - largestGapOccupation(sw),
  };
}

/**
 * Result of {@link compareTwoTier}.
 *
 * @category Connectivity
 */
export interface TwoTierComparison {
  model: {
    coreLaw: string;
    cacheSize: number;
    supernodes: number;
    clients: number;
    removal: 'random' | 'attack';
    analytic: string;
  };
  runs: number;
  seed: number;
  level: number;
  /** Served fraction of clients vs supernode loss f (x = f). */
  served: LineUp;
  /** Giant supernode component (fraction of all original supernodes) vs supernode loss f (x = f). */
  giant: LineUp;
  /**
   * Critical supernode loss: analytic (branching) vs Monte Carlo (largest-gap estimator, mean with Student-t CI).
   * `montecarlo` is null with `montecarloReason` when the simulated core has no giant component even intact.
   */
  threshold: {
    analytic: number | null;
    analyticReason?: string;
    montecarlo: number | null;
    montecarloReason?: string;
    ci: [number, number];
  };
}

/**
 * Compare the analytic two-tier model with Monte Carlo sweeps of generated overlays.
 *
 * @param opts - {@link CompareTwoTierOptions}.
 * @returns the served-fraction and giant-component line-ups and the critical loss both ways.
 * @throws FragilityInputError naming `coreLaw`, `cacheSize`, `supernodes`, `clients`, `grid`, `runs`, `removal`.
 *
 * @complexity analytic G configuration-model solves; Monte Carlo R × (overlay generation O(S + core edges +
 * C·H²) + sweep O(S + core edges·α + C·H) + G·S canonical convolution).
 *
 * @model analytic served(f) = 1 − (1 − S_core(f))^H with S_core from the configuration-model site percolation
 * of the core (random or attack occupation); f_c where the branching factor crosses 1. Monte Carlo: per replicate a
 * fresh overlay, a random (or highest-degree-first) supernode order, sweepTwoTier; canonical averages at q = 1 − f;
 * threshold per replicate by the largest gap of the giant supernode cluster, f = 1 − q*.
 *
 * @references D. S. Callaway et al., PRL 85, 5468 (2000), doi:10.1103/PhysRevLett.85.5468; M. E. J. Newman,
 * R. M. Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706; S. A. Baset, H. Schulzrinne, INFOCOM 2006.
 *
 * @example
 * ```ts
 * const c = compareTwoTier({ coreLaw: 'poisson(32)', cacheSize: 8, supernodes: 2000, clients: 5000, runs: 10 });
 * c.threshold; // { analytic: ≈0.969, montecarlo: ≈0.96, ci: [...] }
 * ```
 *
 * @category Connectivity
 */
export function compareTwoTier(opts: CompareTwoTierOptions): TwoTierComparison {
  const law = typeof opts.coreLaw === 'string' ? parseDegreeLaw(opts.coreLaw) : opts.coreLaw;
  const H = checkInteger('cacheSize', opts.cacheSize, 1, 1_000_000);
  const S = checkInteger('supernodes', opts.supernodes, 2, 1e8);
  const C = checkInteger('clients', opts.clients, 1, 1e9);
  if (H > S) throw new FragilityInputError('cacheSize', H, `an integer in [1, ${S}] (<= supernodes)`);
  const removal = opts.removal ?? 'random';
  if (removal !== 'random' && removal !== 'attack')
    throw new FragilityInputError('removal', removal, "'random' or 'attack'");
  const runs = checkInteger('runs', opts.runs ?? 20, 2, 1e7);
  const seed = opts.seed ?? 1;
  checkInteger('seed', seed, -(2 ** 53 - 1), 2 ** 53 - 1);
  const level = checkNumber('level', opts.level ?? 0.95, 0.5, 0.9999);
  const window = checkNumber('window', opts.window ?? 0.05, 0, 1);
  const grid = [...(opts.grid ?? Array.from({ length: 21 }, (_, i) => i / 20))];
  grid.forEach((f, i) => {
    checkProbability(`grid[${i}]`, f);
    if (i > 0 && !(f > grid[i - 1]))
      throw new FragilityInputError('grid', grid, 'strictly increasing supernode losses in [0, 1]');
  });

  // ---- analytic ----
  const spec = { coreLaw: law, cacheSize: H, clientsPerSupernode: C / S };
  const a = grid.map((f) => twoTierServedFraction(spec, f, { removal }));
  const th = twoTierCriticalLoss(spec, { removal });
  const servedA: AnalyticPoint[] = a.map((r) => ({ x: r.f, value: r.converged ? r.served : null }));
  const giantA: AnalyticPoint[] = a.map((r) => ({ x: r.f, value: r.converged ? r.S_core : null }));

  // ---- Monte Carlo ----
  const servedRuns: Float64Array[] = [];
  const giantRuns: Float64Array[] = [];
  const gaps = new Float64Array(runs);
  const one =
    opts.replicate ??
    ((r: number) =>
      twoTierReplicate(
        {
          coreLaw: law,
          cacheSize: H,
          supernodes: S,
          clients: C,
          removal,
          ...(opts.choice ? { choice: opts.choice } : {}),
          grid,
          seed,
        },
        r,
      ));
  for (let r = 0; r < runs; r++) {
    const rep = one(r);
    servedRuns.push(rep.served);
    giantRuns.push(rep.giant);
    gaps[r] = rep.gap;
  }
  const summarize = (curves: Float64Array[]): MonteCarloPoint[] =>
    grid.map((f, i) => {
      const e = meanWithCI(
        Float64Array.from(curves, (c) => c[i]),
        level,
      );
      return { x: f, mean: e.mean, sd: Number.isFinite(e.sd) ? e.sd : null, ci: e.ci };
    });
  const gap = meanWithCI(gaps, level);
  // No giant supernode component even intact (f = 0): the largest jump of a core that never percolates locates
  // nothing, so the simulated threshold is null with the reason (issue 14), as the analytic one is.
  const intact = grid.indexOf(0);
  const giantIntact = intact < 0 ? undefined : giantRuns.reduce((s, c) => s + c[intact], 0) / runs;
  const mcNone = noTransitionReason(S, giantIntact, giantIntact === undefined ? undefined : giantIntact * S);
  return {
    model: { coreLaw: law.spec, cacheSize: H, supernodes: S, clients: C, removal, analytic: th.model },
    runs,
    seed,
    level,
    served: lineUp(servedA, summarize(servedRuns), { threshold: th.f_c, window }),
    giant: lineUp(giantA, summarize(giantRuns), { threshold: th.f_c, window }),
    threshold: {
      analytic: th.f_c,
      ...(th.reason ? { analyticReason: th.reason } : {}),
      ...(mcNone
        ? {
            montecarlo: null,
            montecarloReason: mcNone.replace('the graph', 'the supernode core'),
            ci: [NaN, NaN] as [number, number],
          }
        : { montecarlo: gap.mean, ci: gap.ci }),
    },
  };
}
