/**
 * The fragility side of every workload. Each task runs in its own child process (bench/fragility-child.ts) so that
 * its peak resident memory is its own: it builds (or loads) the input, writes it to bench/out/ for the peers, times
 * the operation, and writes what the peers' results are compared with.
 *
 * Library functions are bound late (see resolve.ts): a missing engine makes the task report "skipped".
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompactGraph } from '../../src/graph/compact-graph.ts';
import type { DegreeLaw } from '../../src/distributions/types.ts';
import type { Rng } from '../../src/random/stream.ts';
import { libFunction } from '../lib/resolve.ts';
import { timeReps, type RepPlan } from '../lib/timing.ts';

/** Extra timing series measured in the same process (graphology-metrics). */
export interface InProcessPeer {
  name: string;
  version: string;
  times: number[];
  cpuTimes?: number[];
  /** File with the peer's values, for the agreement check. */
  valuesFile?: string;
}

/** What a task returns to the parent. */
export interface TaskOutput {
  /** Measured milliseconds (fragility). */
  times: number[];
  /** CPU milliseconds of the same runs (user + system, all threads). */
  cpuTimes?: number[];
  /** Scalars for the agreement checks and the report. */
  result: Record<string, unknown>;
  /** Named extra timing series (e.g. one per analytic solve, or an in-process peer). */
  series?: Record<string, number[]>;
  inProcessPeers?: InProcessPeer[];
}

/** Context passed to a task. */
export interface TaskContext {
  plan: RepPlan;
  /** Output directory for inputs and results (bench/out). */
  out: string;
}

type Params = Record<string, number | string>;
type Task = (p: Params, ctx: TaskContext) => Promise<TaskOutput>;

const num = (p: Params, k: string): number => Number(p[k]);

async function rngFor(seed: number, index: number): Promise<Rng> {
  const stream = await libFunction<(s: number, i?: number) => Rng>('stream', 'random/index.ts', 'random/stream.ts');
  return stream(seed, index);
}

async function erGraph(n: number, k: number): Promise<CompactGraph> {
  const erdosRenyi = await libFunction<(n: number, p: number, rng: Rng) => CompactGraph>(
    'erdosRenyi',
    'generators/index.ts',
  );
  return erdosRenyi(n, k / (n - 1), await rngFor(1, 0));
}

async function baGraph(n: number, m: number): Promise<CompactGraph> {
  const barabasiAlbert = await libFunction<(n: number, m: number, rng: Rng) => CompactGraph>(
    'barabasiAlbert',
    'generators/index.ts',
  );
  return barabasiAlbert(n, m, await rngFor(1, 0));
}

async function writeEdges(g: CompactGraph, path: string): Promise<void> {
  const writeEdgeList = await libFunction<(g: CompactGraph, path: string) => Promise<void>>(
    'writeEdgeList',
    'graph/index.ts',
    'graph/edgelist.ts',
  );
  await writeEdgeList(g, path);
}

/** Space-separated integers (order files and largest-cluster sequences). */
async function writeInts(path: string, xs: ArrayLike<number>, from = 0): Promise<void> {
  const parts: string[] = [];
  const CHUNK = 1 << 16;
  for (let i = from; i < xs.length; i += CHUNK) {
    parts.push(Array.prototype.join.call(Array.prototype.slice.call(xs, i, Math.min(xs.length, i + CHUNK)), ' '));
  }
  await writeFile(path, parts.join(' '));
}

/** Reverse of a removal order = the addition order graph-tool expects. */
function reversed(order: Int32Array): Int32Array {
  const r = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) r[i] = order[order.length - 1 - i];
  return r;
}

const MC = (file: string): string[] => ['montecarlo/index.ts', `montecarlo/${file}.ts`];

interface SweepLike {
  largest: Int32Array;
}

export const TASKS: Record<string, Task> = {
  /** Peak RSS of a child that only loads the library's barrels: the floor under every task's figure. */
  async baseline() {
    for (const m of ['graph/index.ts', 'generators/index.ts', 'analytic/index.ts', 'cascade/index.ts']) {
      await libFunction('__none__', m).catch(() => undefined);
    }
    return { times: [0], result: {} };
  },

  /** G(n, p) generation with mean degree k. */
  async 'er-gen'(p, ctx) {
    const n = num(p, 'n');
    const k = num(p, 'k');
    const erdosRenyi = await libFunction<(n: number, p: number, rng: Rng) => CompactGraph>(
      'erdosRenyi',
      'generators/index.ts',
    );
    const rng0 = await rngFor(1, 0);
    // the CSR is built on first use (CompactGraph.offsets): read it, so that the timing stays that of a whole graph
    // (igraph's generator builds its indexed edge list too)
    const { times, cpuTimes, last } = await timeReps(() => {
      const g = erdosRenyi(n, k / (n - 1), rng0.fork(1));
      if (g.targets.length !== 2 * g.m) throw new Error('er-gen: CSR of the wrong length');
      return g;
    }, ctx.plan);
    return {
      times,
      cpuTimes,
      result: {
        n: last.n,
        m: last.m,
        p: k / (n - 1),
        bytes: (last as unknown as { byteLength?: number }).byteLength ?? NaN,
      },
    };
  },

  /** Newman–Ziff site or bond sweep on ER(n, k) with a random order; writes the input and the sequence. */
  async sweep(p, ctx) {
    const n = num(p, 'n');
    const k = num(p, 'k');
    const mode = String(p.mode);
    const g = await erGraph(n, k);
    const edges = join(ctx.out, `er-n${n}-k${k}.edges`);
    await writeEdges(g, edges);
    const orderFile = join(ctx.out, `er-n${n}-k${k}-${mode}.order`);
    const seqFile = join(ctx.out, `er-n${n}-k${k}-${mode}.fragility.largest`);
    let order: Int32Array;
    let fn: () => SweepLike;
    if (mode === 'site') {
      const randomOrder = await libFunction<(n: number, rng: Rng) => Int32Array>('randomOrder', ...MC('random-order'));
      const sweepSite = await libFunction<(g: CompactGraph, o: ArrayLike<number>) => SweepLike>(
        'sweepSite',
        ...MC('sweep-site'),
      );
      order = randomOrder(n, await rngFor(1, 7));
      fn = () => sweepSite(g, order);
    } else {
      const randomEdgeOrder = await libFunction<(m: number, rng: Rng) => Int32Array>(
        'randomEdgeOrder',
        ...MC('random-order'),
      );
      const sweepBond = await libFunction<(g: CompactGraph, o: ArrayLike<number>) => SweepLike>(
        'sweepBond',
        ...MC('sweep-bond'),
      );
      order = randomEdgeOrder(g.m, await rngFor(1, 7));
      fn = () => sweepBond(g, order);
    }
    await writeInts(orderFile, reversed(order));
    const { times, cpuTimes, last } = await timeReps(fn, ctx.plan);
    await writeInts(seqFile, last.largest, 1); // largest[k] for k = 1..steps (graph-tool's sizes[k − 1])
    return { times, cpuTimes, result: { n: g.n, m: g.m, edges, orderFile, seqFile, steps: last.largest.length - 1 } };
  },

  /**
   * Edge-list read of ER(n, k) (the file `fragility generate --graph er:n=N,k=K --seed 1` writes), and the same graph
   * from its .fgb dump as a second series.
   */
  async 'read-edges'(p, ctx) {
    const n = num(p, 'n');
    const k = num(p, 'k');
    const g = await erGraph(n, k);
    const edges = join(ctx.out, `er-n${n}-k${k}.edges`);
    const fgb = join(ctx.out, `er-n${n}-k${k}.fgb`);
    await writeEdges(g, edges);
    const writeFgb = await libFunction<(g: CompactGraph, path: string) => Promise<void>>(
      'writeFgb',
      'graph/index.ts',
      'graph/binary.ts',
    );
    await writeFgb(g, fgb);
    const readEdgeList = await libFunction<(path: string) => Promise<CompactGraph>>('readEdgeList', 'graph/index.ts');
    const readFgb = await libFunction<(path: string) => Promise<CompactGraph>>(
      'readFgb',
      'graph/index.ts',
      'graph/binary.ts',
    );
    const a = await timeReps(() => readEdgeList(edges), ctx.plan);
    const b = await timeReps(() => readFgb(fgb), ctx.plan);
    // the read's graph builds its CSR on first use (CompactGraph.offsets): the read plus that first use, for the record
    const c = await timeReps(async () => (await readEdgeList(edges)).targets.length, ctx.plan);
    return {
      times: a.times,
      cpuTimes: a.cpuTimes,
      series: { 'edge list': a.times, fgb: b.times, 'edge list + CSR': c.times },
      result: { n: a.last.n, m: a.last.m, fgbN: b.last.n, fgbM: b.last.m, edges, fgb },
    };
  },

  /**
   * Exact connected components plus pivot-sampled betweenness (Brandes & Pich) of ER(n, k): one timed call of both
   * (issue 18: "exact components plus sampled betweenness with stated error at n = 1e6"). Reports the components, the
   * top node's estimate with its CLT standard error, and the largest per-node standard error.
   */
  async 'betweenness-sampled'(p, ctx) {
    const n = num(p, 'n');
    const k = num(p, 'k');
    const samples = num(p, 'samples');
    const g = await erGraph(n, k);
    const componentSummary = await libFunction<(g: CompactGraph) => { count: number; largest: number }>(
      'componentSummary',
      'graph/index.ts',
      'graph/components.ts',
    );
    const betweenness = await libFunction<
      (g: CompactGraph, o?: object) => { values: Float64Array; stderr?: Float64Array; samples: number; method: string }
    >('betweenness', 'cascade/index.ts', 'cascade/betweenness.ts');
    const rng = await rngFor(1, 3);
    const { times, cpuTimes, last } = await timeReps(
      () => ({ c: componentSummary(g), b: betweenness(g, { samples, rng }) }),
      ctx.plan,
    );
    const { values, stderr } = last.b;
    let top = 0;
    let maxSe = 0;
    for (let v = 0; v < n; v++) {
      if (values[v] > values[top]) top = v;
      if (stderr && stderr[v] > maxSe) maxSe = stderr[v];
    }
    return {
      times,
      cpuTimes,
      result: {
        n: g.n,
        m: g.m,
        components: last.c.count,
        largestComponent: last.c.largest,
        method: last.b.method,
        samples: last.b.samples,
        top,
        topValue: values[top],
        topSe: stderr ? stderr[top] : NaN,
        maxSe,
      },
    };
  },

  /** R-replicate site ensemble on ER(n, 4) with W workers. */
  async ensemble(p, ctx) {
    const n = num(p, 'n');
    const runs = num(p, 'runs');
    const workers = num(p, 'workers');
    const runEnsemble = await libFunction<
      (o: object) => Promise<{ at: { S: number }[]; gapThreshold: { q_c: number } }>
    >('runEnsemble', ...MC('ensemble'));
    const { times, cpuTimes, last } = await timeReps(
      () => runEnsemble({ graph: `er:n=${n},k=4`, runs, seed: 1, workers, at: [0.5] }),
      ctx.plan,
    );
    return { times, cpuTimes, result: { S05: last.at[0].S, gapQc: last.gapThreshold.q_c } };
  },

  /** Static degree attack (order + sweep) on BA(n, m). */
  async attack(p, ctx) {
    const n = num(p, 'n');
    const m = num(p, 'm');
    const g = await baGraph(n, m);
    const edges = join(ctx.out, `ba-n${n}-m${m}.edges`);
    await writeEdges(g, edges);
    const degreeOrder = await libFunction<(g: CompactGraph, rng: Rng) => Int32Array>(
      'degreeOrder',
      ...MC('degree-order'),
    );
    const sweepSite = await libFunction<(g: CompactGraph, o: ArrayLike<number>) => SweepLike>(
      'sweepSite',
      ...MC('sweep-site'),
    );
    const rng = await rngFor(1, 3);
    let order: Int32Array = new Int32Array(0);
    const { times, cpuTimes, last } = await timeReps(() => {
      order = degreeOrder(g, rng.fork(1));
      return sweepSite(g, order);
    }, ctx.plan);
    let sorted = true;
    for (let i = 1; i < order.length; i++) if (g.degree(order[i]) > g.degree(order[i - 1])) sorted = false;
    const orderFile = join(ctx.out, `ba-n${n}-m${m}-attack.order`);
    const seqFile = join(ctx.out, `ba-n${n}-m${m}-attack.fragility.largest`);
    await writeInts(orderFile, reversed(order));
    await writeInts(seqFile, last.largest, 1);
    return { times, cpuTimes, result: { n: g.n, m: g.m, edges, orderFile, seqFile, degreeSorted: sorted } };
  },

  /** Exact betweenness on BA(n, m), and graphology-metrics in the same process. */
  async betweenness(p, ctx) {
    const n = num(p, 'n');
    const m = num(p, 'm');
    const g = await baGraph(n, m);
    const edges = join(ctx.out, `ba-n${n}-m${m}.edges`);
    await writeEdges(g, edges);
    const betweenness = await libFunction<(g: CompactGraph, o?: object) => { values: Float64Array; method: string }>(
      'betweenness',
      'cascade/index.ts',
      'cascade/betweenness.ts',
    );
    const { times, cpuTimes, last } = await timeReps(() => betweenness(g), ctx.plan);
    const valuesFile = join(ctx.out, `ba-n${n}-m${m}.fragility.betweenness`);
    await writeFile(valuesFile, Array.from(last.values, (x) => String(x)).join('\n'));
    // Both cores: this thread plus one worker thread (a fresh pool per call, so its start-up is in every timing).
    const betweennessParallel = await libFunction<(g: CompactGraph, o?: object) => Promise<{ values: Float64Array }>>(
      'betweennessParallel',
      'cascade/index.ts',
      'cascade/betweenness.ts',
    );
    const two = await timeReps(() => betweennessParallel(g, { workers: 2 }), ctx.plan);
    let differing = 0;
    for (let v = 0; v < n; v++) if (!Object.is(two.last.values[v], last.values[v])) differing++;
    const threads2 = { times: two.times, cpuTimes: two.cpuTimes, differing };
    const peers: InProcessPeer[] = [];
    if (p.graphology !== 'no') {
      const toGraphology = await libFunction<(g: CompactGraph) => unknown>('toGraphology', 'graph/index.ts');
      const { default: gBetweenness } = (await import('graphology-metrics/centrality/betweenness.js')) as unknown as {
        default: (graph: unknown, o: object) => Record<string, number>;
      };
      const { createRequire } = await import('node:module');
      const version = (createRequire(import.meta.url)('graphology-metrics/package.json') as { version: string })
        .version;
      const graph = toGraphology(g);
      // No warm-up: one call takes tens of seconds at n = 1e4, far longer than the JIT needs to optimise it.
      const plan = { warmup: 0, reps: ctx.plan.reps };
      // getEdgeWeight: null selects graphology's unweighted BFS Brandes; its default ('weight') silently runs Dijkstra.
      const r = await timeReps(() => gBetweenness(graph, { getEdgeWeight: null, normalized: false }), plan);
      const gFile = join(ctx.out, `ba-n${n}-m${m}.graphology.betweenness`);
      const vals = new Float64Array(n);
      for (const [key, v] of Object.entries(r.last)) vals[Number(key)] = v;
      await writeFile(gFile, Array.from(vals, (x) => String(x)).join('\n'));
      peers.push({ name: 'graphology-metrics', version, times: r.times, cpuTimes: r.cpuTimes, valuesFile: gFile });
    }
    return {
      times,
      cpuTimes,
      result: { n: g.n, m: g.m, edges, valuesFile, method: last.method, threads2 },
      inProcessPeers: peers,
    };
  },

  /** Motter–Lai cascade on BA(n, m) at tolerance alpha (exact loads, top-load trigger). */
  async 'motter-lai'(p, ctx) {
    const n = num(p, 'n');
    const m = num(p, 'm');
    const alpha = num(p, 'alpha');
    const g = await baGraph(n, m);
    const edges = join(ctx.out, `ba-n${n}-m${m}.edges`);
    await writeEdges(g, edges);
    const motterLaiCascade = await libFunction<
      (g: CompactGraph, o: object) => { G: number; waves: number; failed: number }
    >('motterLaiCascade', 'cascade/index.ts');
    const { times, cpuTimes, last } = await timeReps(() => motterLaiCascade(g, { alpha }), ctx.plan);
    return { times, cpuTimes, result: { n: g.n, m: g.m, edges, G: last.G, waves: last.waves, failed: last.failed } };
  },

  /**
   * Single generating-function solves on power laws with support up to 1e6 (was bench/analytic-gf-solve.ts).
   * Every timed call gets a fresh law object (Object.create), so any per-object cache of the O(kmax) validation
   * pass is paid each time ("cold"): the figure is what one CLI call costs.
   */
  async analytic(p, ctx) {
    const kmax = num(p, 'kmax');
    const hard = await libFunction<(tau: number, kmax: number) => DegreeLaw>(
      'powerLawHardCutoff',
      'distributions/index.ts',
    );
    const A = 'analytic/index.ts';
    const randomFailureThreshold = await libFunction<(l: DegreeLaw) => { q_c: number | null }>(
      'randomFailureThreshold',
      A,
    );
    const attackThreshold = await libFunction<(l: DegreeLaw) => unknown>('attackThreshold', A);
    const gfSite = await libFunction<(l: DegreeLaw, q: number) => { S: number }>('gfSitePercolation', A);
    const gfBond = await libFunction<(l: DegreeLaw, t: number) => unknown>('gfBondPercolation', A);
    const gfAttack = await libFunction<(l: DegreeLaw, f: number) => unknown>('gfAttackPercolation', A);
    const heavy = hard(2.5, kmax);
    const heavy2 = hard(2.1, kmax);
    const qc = randomFailureThreshold(heavy).q_c ?? 0.5;
    const cases: [string, (l: DegreeLaw) => unknown, DegreeLaw][] = [
      ['q_c random failure, powerlaw(2.5)', (l) => randomFailureThreshold(l), heavy],
      ['f_c degree attack, powerlaw(2.5)', (l) => attackThreshold(l), heavy],
      ['site S(q = 0.5), powerlaw(2.5)', (l) => gfSite(l, 0.5), heavy],
      ['site S(q = 1.001 q_c), powerlaw(2.5)', (l) => gfSite(l, Math.min(1, qc * 1.001)), heavy],
      ['site S(q = 1), powerlaw(2.1)', (l) => gfSite(l, 1), heavy2],
      ['bond S(t = 0.3), powerlaw(2.5)', (l) => gfBond(l, 0.3), heavy],
      ['attack S(f = 0.01), powerlaw(2.5)', (l) => gfAttack(l, 0.01), heavy],
    ];
    const series: Record<string, number[]> = {};
    let worst: number[] = [];
    let worstMedian = -1;
    for (const [label, fn, law] of cases) {
      const { times } = await timeReps(() => fn(Object.create(law) as DegreeLaw), ctx.plan);
      series[label] = times;
      const med = [...times].sort((a, b) => a - b)[times.length >> 1];
      if (med > worstMedian) {
        worstMedian = med;
        worst = times;
      }
    }
    return { times: worst, series, result: { kmax, support: heavy.pk.length, S05: gfSite(heavy, 0.5).S } };
  },

  /** Message passing S(p) (bond, p = 0.5) and the non-backtracking radius on a file graph or a CM(n, poisson(4)). */
  async mp(p, ctx) {
    let g: CompactGraph;
    if (p.file) {
      const readEdgeList = await libFunction<(path: string) => Promise<CompactGraph>>('readEdgeList', 'graph/index.ts');
      g = await readEdgeList(String(p.file));
    } else {
      const cm = await libFunction<(n: number, law: DegreeLaw, rng: Rng) => CompactGraph>(
        'configurationModelFromLaw',
        'generators/index.ts',
      );
      const poissonLaw = await libFunction<(c: number) => DegreeLaw>('poissonLaw', 'distributions/index.ts');
      g = cm(num(p, 'n'), poissonLaw(4), await rngFor(1, 0));
    }
    const mpFn = await libFunction<(g: CompactGraph, p: number, o?: object) => { S: number; converged: boolean }>(
      'messagePassingPercolation',
      'analytic/index.ts',
    );
    const nbFn = await libFunction<(g: CompactGraph) => { lambda: number; converged: boolean }>(
      'nonBacktrackingSpectralRadius',
      'analytic/index.ts',
    );
    const a = await timeReps(() => mpFn(g, 0.5, { mode: 'bond' }), ctx.plan);
    const b = await timeReps(() => nbFn(g), ctx.plan);
    return {
      times: a.times,
      series: { 'message passing S(0.5), bond': a.times, 'non-backtracking radius': b.times },
      result: {
        n: g.n,
        m: g.m,
        S: a.last.S,
        mpConverged: a.last.converged,
        lambda: b.last.lambda,
        nbConverged: b.last.converged,
      },
    };
  },

  /** Two-tier overlay generation (Skype scale by default). */
  async 'two-tier'(p, ctx) {
    const clients = num(p, 'clients');
    const supernodes = num(p, 'supernodes');
    const cacheSize = num(p, 'cache');
    const twoTierOverlay = await libFunction<
      (o: object, rng: Rng) => { clients: number; core: CompactGraph; hostCache: Int32Array; active: Int32Array }
    >('twoTierOverlay', 'generators/index.ts');
    const rng = await rngFor(1, 0);
    const { times, cpuTimes, last } = await timeReps(
      () => twoTierOverlay({ clients, supernodes, cacheSize }, rng.fork(1)),
      ctx.plan,
    );
    return {
      times,
      cpuTimes,
      result: {
        clients: last.clients,
        supernodes: last.core.n,
        hostCacheLength: last.hostCache.length,
        activeLength: last.active.length,
      },
    };
  },

  /** The two-tier supernode-overload model (Skype 2010 defaults: 21 M clients, 48 h at 10 s) at a population scale. */
  async overload(p, ctx) {
    const simulateOverload = await libFunction<
      (
        i: object,
        o: object,
      ) => { clients: number; supernodes: number; steps: number; minOnlineFraction: number; recovered: boolean }
    >('simulateOverload', 'cascade/index.ts');
    const { times, cpuTimes, last } = await timeReps(
      () => simulateOverload({ scale: num(p, 'scale') }, { seed: 1 }),
      ctx.plan,
    );
    return {
      times,
      cpuTimes,
      result: {
        clients: last.clients,
        supernodes: last.supernodes,
        steps: last.steps,
        minOnlineFraction: last.minOnlineFraction,
        recovered: last.recovered,
      },
    };
  },

  /** The adaptive Monte Carlo overload threshold (sequential probit, target half-width 0.01) at a population scale. */
  async 'overload-threshold'(p, ctx) {
    type R = {
      criticalLoss: number | null;
      halfWidth: number;
      runs: number;
      rounds: number;
      targetMet: boolean;
      supernodes: number;
    };
    const simulatedCriticalLoss = await libFunction<(i: object, o: object) => R>(
      'simulatedCriticalLoss',
      'cascade/overload-threshold.ts',
    );
    const { times, cpuTimes, last } = await timeReps(
      () => simulatedCriticalLoss({ scale: num(p, 'scale') }, { seed: 1 }),
      ctx.plan,
    );
    return {
      times,
      cpuTimes,
      result: {
        criticalLoss: last.criticalLoss,
        halfWidth: last.halfWidth,
        runs: last.runs,
        rounds: last.rounds,
        targetMet: last.targetMet,
        supernodes: last.supernodes,
      },
    };
  },

  /** The fluid limit of the overload model (2010 defaults, 48 h at 10 s; scale-free). */
  async 'fluid-timeline'(_p, ctx) {
    type Fluid = {
      steps: number;
      minOnlineFraction: number;
      recoveredAtHours: number | null;
      conservation: { maxClientError: number; maxSupernodeError: number };
    };
    const fluidOverload = await libFunction<(i: object) => Fluid>('fluidOverload', 'analytic/index.ts');
    const { times, cpuTimes, last } = await timeReps(() => fluidOverload({}), ctx.plan);
    const conserved = last.conservation.maxClientError < 1e-9 && last.conservation.maxSupernodeError < 1e-9;
    return {
      times,
      cpuTimes,
      result: {
        steps: last.steps,
        minOnlineFraction: last.minOnlineFraction,
        recoveredAtHours: last.recoveredAtHours,
        conserved,
      },
    };
  },

  /** The fluid critical supernode loss (2010 defaults, 3 h horizon, bisection to 1e-4). */
  async 'fluid-critical'(_p, ctx) {
    type Crit = { criticalLoss: number | null; bracket: [number, number]; evaluations: number };
    const fluidCriticalLoss = await libFunction<(i: object) => Crit>('fluidCriticalLoss', 'analytic/index.ts');
    const fluidOverload = await libFunction<(i: object) => { collapsed: boolean }>(
      'fluidOverload',
      'analytic/index.ts',
    );
    const { times, cpuTimes, last } = await timeReps(() => fluidCriticalLoss({}), ctx.plan);
    // the bracket's ends must straddle the collapse (checked outside the timed runs)
    const straddles =
      !fluidOverload({ forcedLoss: last.bracket[0], durationHours: 3 }).collapsed &&
      fluidOverload({ forcedLoss: last.bracket[1], durationHours: 3 }).collapsed;
    return { times, cpuTimes, result: { criticalLoss: last.criticalLoss, evaluations: last.evaluations, straddles } };
  },
};
