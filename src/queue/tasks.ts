/**
 * The tasks of the job queue and how a worker computes them (issue 19). Two kinds, both plain JSON:
 *
 * - `ensemble`: a chunk of consecutive replicates of a sweep ensemble. The task carries the experiment (its identity
 *   and fingerprint, the `--graph` spec, the replicate spec); the result is one checkpoint line per replicate
 *   (`replicateToLine`, checksummed against the fingerprint), so the coordinator validates what it receives exactly
 *   as it validates a checkpoint on resume, and appends the same lines to its `--checkpoint`.
 *   Graphs: a generator spec is redrawn from (spec, stream(seed, r)) in the worker, no file needed. A file spec
 *   (`edges:PATH`, `gexf:…`, `graphml:…`) is read by the worker from the same PATH (relative paths from the
 *   worker's working folder); the task carries the file's SHA-256 and the worker refuses (the task fails, the
 *   coordinator exits 2 naming the file) when its copy differs.
 * - `overload`: one run of the overload threshold design (model parameters, seed, run index r, forced loss); the
 *   result is whether it collapsed.
 *
 * - `runs`: runs of a run family of a study (src/montecarlo/study-shard.ts), e.g. the calibration's confirming
 *   simulations (`overload-timeline`): the family's name and identity (plain JSON), its fingerprint and the run
 *   indices; the result is each run's value, exactly what {@link computeRunFamily} gives in the coordinator.
 *
 * Task ids (BullMQ `jobId`, so adding a task twice is a no-op: tasks are idempotent): `e-<fingerprint>-<first r>-
 * <count>`, `o-<fingerprint>-<r>-<loss>` and `r-<fingerprint>-<r>`.
 *
 * @module
 */
import { nodeBuiltin } from '../node-only.ts';
import { FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import { experimentFingerprint, fileSha256, replicateToLine } from '../montecarlo/checkpoint.ts';
import type { RemoteEnsembleJob } from '../montecarlo/ensemble.ts';
import { graphFromLightSpec, graphFromSpecLazy, lightGraphSpecLazy } from '../montecarlo/graph-source.ts';
import { replicateStreams, runReplicateOnGraph } from '../montecarlo/replicate.ts';
import type { OverloadParams } from '../models/overload-params.ts';
import type { CapacityLaw } from '../distributions/types.ts';
import { parseCapacityLaw } from '../distributions/parse.ts';
import { scaledCapacity } from '../distributions/scaled-capacity.ts';
import type { OverloadRunBatch } from '../cascade/overload-threshold.ts';
import { type StudyRuns, runsFingerprint } from '../montecarlo/study-shard.ts';
import type { TwoTierRunIdentity } from '../compare/two-tier.ts';

/** Version of the task payloads: a worker refuses tasks of another version (a coordinator of another release). */
export const TASK_VERSION = 1;

/** A chunk of replicates of a sweep ensemble. */
export interface EnsembleTask {
  kind: 'ensemble';
  v: number;
  job: RemoteEnsembleJob;
  /** Replicate indices, increasing. */
  rs: number[];
}

/** One run of the overload threshold design. */
export interface OverloadTask {
  kind: 'overload';
  v: number;
  /** {@link overloadFingerprint} of (params, seed). */
  fingerprint: string;
  /** The scale's parameters, {@link encodeJson}-encoded (Infinity survives). */
  params: string;
  seed: number;
  r: number;
  loss: number;
}

/** Runs of a run family (see {@link computeRunFamily}). */
export interface RunsTask {
  kind: 'runs';
  v: number;
  family: string;
  identity: Record<string, unknown>;
  fingerprint: string;
  rs: number[];
}

export type QueueTask = EnsembleTask | OverloadTask | RunsTask;

/** Results. */
export interface EnsembleTaskResult {
  lines: string[];
}
export interface OverloadTaskResult {
  collapsed: boolean;
}
export interface RunsTaskResult {
  values: unknown[];
}

/** The run family of a calibration's confirming simulations: value of run r = its timeline `{ t: […], online: […] }`. */
export const OVERLOAD_TIMELINE_FAMILY = 'overload-timeline';

/**
 * The run family of `runs` overload simulations at `scale` (seed, replicate index r): the calibration's
 * confirmation (`fragility calibrate`), computed here, in a shard, or by queue workers from the same identity.
 *
 * @param label - the family's name in messages.
 * @param params - the model parameters (sent as {@link encodeJson}; they must survive it).
 * @param scale - population scale.
 * @param seed - seed.
 * @param runs - number of runs.
 * @returns the family ({@link StudyRuns}).
 * @throws FragilityInputError when the parameters do not survive encoding.
 *
 * @complexity O(1); computing is `runs` simulations.
 *
 * @model run r = simulateOverload(withOverloadParams(params, { scale }), { seed, index: r }).
 *
 * @references —
 *
 * @example
 * ```ts
 * const f = overloadTimelineFamily('simulation', withOverloadParams(skype2010CalibratedParams, { durationHours: 2 }), 0.002, 1, 2);
 * const both = await f.compute([0, 1]);
 * const [first] = timelinesOfValues(both);
 * first[0]; // { t: 0, online: 1 }
 * JSON.stringify((await f.compute([1]))[0]) === JSON.stringify(both[1]); // true (run r alone or in a batch)
 * ```
 */
export function overloadTimelineFamily(
  label: string,
  params: OverloadParams,
  scale: number,
  seed: number,
  runs: number,
): StudyRuns {
  const identity = { params: encodedParams(params), scale, seed };
  return {
    label,
    family: OVERLOAD_TIMELINE_FAMILY,
    identity,
    runs,
    compute: (rs) => computeRunFamily(OVERLOAD_TIMELINE_FAMILY, identity, rs),
  };
}

/**
 * The run family of one scale of the overload threshold's grid design (`overload-threshold --threshold-design grid`):
 * value of run r = whether `simulateOverload({ ...params, forcedLoss: losses[r] }, { seed, index: r })` collapsed.
 */
export const OVERLOAD_COLLAPSE_FAMILY = 'overload-collapse';

/**
 * The run family of a batch of the overload threshold design whose runs are numbered 0, 1, … (the grid design's one
 * round): computed here, in a shard, or by queue workers from the same identity.
 *
 * @param label - the family's name in messages.
 * @param batch - the batch (run j must have r = j).
 * @returns the family ({@link StudyRuns}); its values are booleans (collapsed).
 * @throws FragilityInputError when the parameters do not survive encoding or the runs are not numbered 0, 1, ….
 *
 * @complexity O(|runs|); computing is |runs| simulations.
 *
 * @model as runOverloadBatch.
 *
 * @references —
 *
 * @example
 * ```ts
 * const params = withOverloadParams(skype2010CalibratedParams, { scale: 0.002, durationHours: 3 });
 * const f = overloadCollapseFamily('scale 0.002', { params, seed: 1, round: 0, runs: [{ r: 0, loss: 0 }, { r: 1, loss: 0.5 }] });
 * await f.compute([0, 1]); // [false, true] (no forced loss: no collapse; half the supernodes lost: collapse)
 * ```
 */
export function overloadCollapseFamily(label: string, batch: OverloadRunBatch): StudyRuns {
  const encoded = encodedParams(batch.params);
  batch.runs.forEach(({ r }, j) => {
    if (r !== j)
      throw new FragilityInputError('batch.runs', r, `run ${j} numbered ${j} (a batch of a design fixed in advance)`);
  });
  const identity = { params: encoded, seed: batch.seed, losses: batch.runs.map((x) => x.loss) };
  return {
    label,
    family: OVERLOAD_COLLAPSE_FAMILY,
    identity,
    runs: batch.runs.length,
    compute: (rs) => computeRunFamily(OVERLOAD_COLLAPSE_FAMILY, identity, rs),
  };
}

/**
 * The run family of a scenario's seeded simulations (`fragility scenario`: timeline, collapse curve, phase diagram,
 * what-ifs; see scenarioRunFamilies): value of run r = the whole result of simulateOverload(params, { seed, index:
 * first + r }), {@link encodeJson}-encoded as a JSON value (so ±Infinity and NaN survive).
 */
export const OVERLOAD_RUN_FAMILY = 'overload-run';

/**
 * Parameters encoded for a family identity or a task, checked to survive the round trip a worker or a merge makes.
 * The error names `field` (`params` for a family, `--queue` for the queue's tasks).
 */
function encodedParams(params: OverloadParams, field = 'params'): string {
  const encoded = encodeJson(params);
  const allowed =
    field === '--queue'
      ? 'parameters a worker can rebuild from JSON (capacity laws by their spec)'
      : 'parameters that can be rebuilt from JSON (capacity laws by their spec)';
  let again: string;
  try {
    again = encodeJson(decodeJson(encoded));
  } catch (err) {
    throw new FragilityInputError(field, 'overload parameters', allowed, (err as Error).message);
  }
  if (again !== encoded)
    throw new FragilityInputError(field, 'overload parameters', allowed, 'they do not survive encoding');
  return encoded;
}

/**
 * The {@link OVERLOAD_RUN_FAMILY} family of `runs` simulations of `params` (stream indices first … first + runs − 1).
 *
 * @param label - the family's name in messages.
 * @param params - the model parameters.
 * @param seed - seed.
 * @param first - stream index of run 0.
 * @param runs - number of runs.
 * @returns the family ({@link StudyRuns}).
 * @throws FragilityInputError when the parameters do not survive encoding.
 *
 * @complexity O(1); computing is `runs` simulations.
 *
 * @model run r = simulateOverload(params, { seed, index: first + r }).
 *
 * @references —
 *
 * @example
 * ```ts
 * const f = overloadRunFamily('timeline', withOverloadParams(skype2010CalibratedParams, { scale: 0.002 }), 1, 0, 4);
 * f.runs; // 4
 * ```
 */
export function overloadRunFamily(
  label: string,
  params: OverloadParams,
  seed: number,
  first: number,
  runs: number,
): StudyRuns {
  const identity = { params: encodedParams(params), seed, first };
  return {
    label,
    family: OVERLOAD_RUN_FAMILY,
    identity,
    runs,
    compute: (rs) => computeRunFamily(OVERLOAD_RUN_FAMILY, identity, rs),
  };
}

/**
 * The run family of a scenario's connectivity ensemble (compareTwoTier's replicates): identity = the JSON options
 * (core law spec, cache size, sizes, removal, choice, grid, seed); value of run r = twoTierReplicate's served and giant
 * curves (arrays) and gap.
 */
export const TWO_TIER_RUN_FAMILY = 'two-tier-run';

/** The identity of a {@link TWO_TIER_RUN_FAMILY} family (plain JSON): compareTwoTier's JSON options. */
export type { TwoTierRunIdentity } from '../compare/two-tier.ts';

/**
 * The {@link TWO_TIER_RUN_FAMILY} family of `runs` replicates.
 *
 * @param label - the family's name in messages.
 * @param identity - the ensemble's options.
 * @param runs - replicates.
 * @returns the family.
 *
 * @complexity O(1); computing is one overlay sweep per run.
 *
 * @model run r = twoTierReplicate(identity, r) (src/compare/two-tier.ts).
 *
 * @references —
 *
 * @example
 * ```ts
 * twoTierRunFamily('connectivity random', { coreLaw: 'poisson(32)', cacheSize: 8, supernodes: 200, clients: 500, removal: 'random', choice: 'uniform', grid: [0, 1], seed: 3 }, 4);
 * ```
 */
export function twoTierRunFamily(label: string, identity: TwoTierRunIdentity, runs: number): StudyRuns {
  const id = JSON.parse(JSON.stringify(identity)) as Record<string, unknown>;
  return {
    label,
    family: TWO_TIER_RUN_FAMILY,
    identity: id,
    runs,
    compute: (rs) => computeRunFamily(TWO_TIER_RUN_FAMILY, id, rs),
  };
}

/**
 * A replicate function (compareTwoTier's `replicate` contract) answering from computed {@link TWO_TIER_RUN_FAMILY}
 * runs; a replicate it does not hold is an Error.
 *
 * @param families - each family's identity and values.
 * @returns (identity, r) → the replicate.
 *
 * @complexity O(total runs) to build.
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * const [{ options }] = scenarioConnectivity(loadScenario('skype-2010'), 1, 0.002);
 * const f = twoTierRunFamily('connectivity', options, 2);
 * const rep = twoTierReplicatesOf([{ identity: f.identity, values: await f.compute([0, 1]) }]);
 * rep(options, 1).served.length === options.grid.length; // true
 * ```
 */
export function twoTierReplicatesOf(
  families: { identity: Record<string, unknown>; values: unknown[] }[],
): (identity: TwoTierRunIdentity, r: number) => { served: Float64Array; giant: Float64Array; gap: number } {
  const byKey = new Map<string, unknown>();
  for (const { identity, values } of families)
    values.forEach((v, r) => byKey.set(`${r}\n${JSON.stringify(identity)}`, v));
  return (identity, r) => {
    const v = byKey.get(`${r}\n${JSON.stringify(identity)}`);
    if (v === undefined)
      throw new Error(
        `no computed connectivity replicate ${r} of these options (the run families do not match the scenario)`,
      );
    const x = decodeJson<{ served: number[]; giant: number[]; gap: number }>(JSON.stringify(v));
    return { served: Float64Array.from(x.served), giant: Float64Array.from(x.giant), gap: x.gap };
  };
}

/**
 * Several {@link OVERLOAD_RUN_FAMILY} families as one family (a sharded scenario): global run r is run r − start_p
 * of part p, where start_p = the runs of the parts before p. Sharding one family by r mod N spreads every part over
 * the shards, where many small families (a phase diagram of 1- or 2-run cells) would all fall on shards 0 and 1.
 */
export const OVERLOAD_RUNS_FAMILY = 'overload-runs';

/**
 * The {@link OVERLOAD_RUNS_FAMILY} family of several parts.
 *
 * @param label - the family's name in messages.
 * @param parts - each part's parameters, seed, first stream index and runs, in order.
 * @returns the family.
 * @throws FragilityInputError when parameters do not survive encoding.
 *
 * @complexity O(parts); computing is one simulation per run.
 *
 * @model as {@link overloadRunFamily}, per part.
 *
 * @references —
 *
 * @example
 * ```ts
 * const params = withOverloadParams(skype2010CalibratedParams, { scale: 0.002 });
 * overloadRunsFamily('scenario runs', [{ params, seed: 1, first: 0, runs: 4 }, { params, seed: 6, first: 0, runs: 2 }]).runs; // 6
 * ```
 */
export function overloadRunsFamily(
  label: string,
  parts: { params: OverloadParams; seed: number; first: number; runs: number }[],
): StudyRuns {
  const identity = {
    parts: parts.map((p) => ({ params: encodedParams(p.params), seed: p.seed, first: p.first, runs: p.runs })),
  };
  const runs = parts.reduce((k, p) => k + p.runs, 0);
  return {
    label,
    family: OVERLOAD_RUNS_FAMILY,
    identity,
    runs,
    compute: (rs) => computeRunFamily(OVERLOAD_RUNS_FAMILY, identity, rs),
  };
}

/** The parts of an {@link OVERLOAD_RUNS_FAMILY} identity, checked. */
function runsParts(identity: Record<string, unknown>): { params: string; seed: number; first: number; runs: number }[] {
  const parts = (identity as { parts?: unknown }).parts;
  const ok = (p: unknown): p is { params: string; seed: number; first: number; runs: number } => {
    const x = p as { params?: unknown; seed?: unknown; first?: unknown; runs?: unknown };
    return (
      !!x &&
      typeof x.params === 'string' &&
      typeof x.seed === 'number' &&
      Number.isSafeInteger(x.first) &&
      Number.isSafeInteger(x.runs) &&
      (x.runs as number) >= 0
    );
  };
  if (!Array.isArray(parts) || !parts.every(ok))
    throw new TaskRefused('overload-runs runs: identity without parts (params, seed, first, runs)');
  return parts;
}

/**
 * A simulator (simulateOverload's contract) that answers from computed {@link OVERLOAD_RUN_FAMILY} or
 * {@link OVERLOAD_RUNS_FAMILY} runs: the merged
 * shards of a scenario, or the runs a queue's workers computed. A run it does not hold is an Error (a bug: the
 * families must be those runScenario runs).
 *
 * @param families - each family's identity and the values of its runs 0 … R−1.
 * @returns the simulator.
 *
 * @complexity O(total runs) to build; one parameter encoding per call.
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * const params = withOverloadParams(skype2010CalibratedParams, { scale: 0.002, durationHours: 2 });
 * const f = overloadRunFamily('timeline', params, 1, 0, 2);
 * const sim = simulatorOfRuns([{ identity: f.identity, values: await f.compute([0, 1]) }]);
 * sim(params, { seed: 1, index: 1 }).minOnlineFraction === simulateOverload(params, { seed: 1, index: 1 }).minOnlineFraction; // true
 * ```
 */
export function simulatorOfRuns(
  families: { identity: Record<string, unknown>; values: unknown[] }[],
): (params: OverloadParams, o: { seed: number; index: number }) => OverloadResultLike {
  const byKey = new Map<string, unknown>();
  for (const { identity, values } of families) {
    if ('parts' in identity) {
      let start = 0;
      for (const p of runsParts(identity)) {
        for (let r = 0; r < p.runs; r++) byKey.set(`${p.seed}\n${p.first + r}\n${p.params}`, values[start + r]);
        start += p.runs;
      }
      continue;
    }
    const { params, seed, first } = identity as { params: string; seed: number; first: number };
    values.forEach((v, r) => byKey.set(`${seed}\n${first + r}\n${params}`, v));
  }
  return (params, { seed, index }) => {
    const v = byKey.get(`${seed}\n${index}\n${encodeJson(params)}`);
    if (v === undefined)
      throw new Error(
        `no computed run for seed ${seed}, index ${index} of these parameters (the run families do not match the scenario)`,
      );
    return decodeJson<OverloadResultLike>(JSON.stringify(v));
  };
}

type OverloadResultLike = import('../cascade/overload-model.ts').OverloadResult;

/** The timelines of {@link OVERLOAD_TIMELINE_FAMILY} values (`{ t, online }` arrays → points). */
export function timelinesOfValues(values: unknown[]): { t: number; online: number }[][] {
  return values.map((v, r) => {
    const x = v as { t?: unknown; online?: unknown };
    if (!x || !Array.isArray(x.t) || !Array.isArray(x.online) || x.t.length !== x.online.length)
      throw new Error(`run ${r}: not a timeline value`);
    const online = x.online as number[];
    return (x.t as number[]).map((t, k) => ({ t, online: online[k] }));
  });
}

/**
 * Compute runs `rs` of a run family from its name and identity (what a shard, a local run and a queue worker do).
 *
 * @param family - the family's name.
 * @param identity - its identity.
 * @param rs - run indices.
 * @returns the values, in the order of `rs`.
 * @throws TaskRefused for an unknown family or a malformed identity.
 *
 * @complexity that of the runs.
 *
 * @model see each family.
 *
 * @references —
 *
 * @example
 * ```ts
 * const { identity } = overloadTimelineFamily('simulation', withOverloadParams(skype2010CalibratedParams, { durationHours: 2 }), 0.002, 1, 1);
 * const [run0] = await computeRunFamily('overload-timeline', identity, [0]); // what a worker computes for task r = 0
 * timelinesOfValues([run0])[0][0]; // { t: 0, online: 1 }
 * ```
 */
export async function computeRunFamily(
  family: string,
  identity: Record<string, unknown>,
  rs: number[],
): Promise<unknown[]> {
  if (family === OVERLOAD_TIMELINE_FAMILY) {
    const { params, scale, seed } = identity as { params?: unknown; scale?: unknown; seed?: unknown };
    if (typeof params !== 'string' || typeof scale !== 'number' || typeof seed !== 'number')
      throw new TaskRefused('overload-timeline runs: identity without params, scale or seed');
    const { overloadTimelines } = await import('../compare/overload-calibration.ts');
    return overloadTimelines(decodeJson<OverloadParams>(params), scale, seed, rs).map((tl) => ({
      t: tl.map((p) => p.t),
      online: tl.map((p) => p.online),
    }));
  }
  if (family === OVERLOAD_RUN_FAMILY) {
    const { params, seed, first } = identity as { params?: unknown; seed?: unknown; first?: unknown };
    if (typeof params !== 'string' || typeof seed !== 'number' || !Number.isSafeInteger(first))
      throw new TaskRefused('overload-run runs: identity without params, seed or first');
    const { simulateOverload } = await import('../cascade/overload-model.ts');
    const p = decodeJson<OverloadParams>(params);
    return rs.map(
      (r) => JSON.parse(encodeJson(simulateOverload(p, { seed, index: (first as number) + r }))) as unknown,
    );
  }
  if (family === TWO_TIER_RUN_FAMILY) {
    const id = identity as Partial<TwoTierRunIdentity>;
    if (
      typeof id.coreLaw !== 'string' ||
      !Array.isArray(id.grid) ||
      typeof id.seed !== 'number' ||
      (id.removal !== 'random' && id.removal !== 'attack')
    ) {
      throw new TaskRefused('two-tier-run runs: identity without coreLaw, grid, seed or removal');
    }
    const { twoTierReplicate } = await import('../compare/two-tier.ts');
    const { parseDegreeLaw } = await import('../distributions/parse.ts');
    const o = { ...(id as TwoTierRunIdentity), coreLaw: parseDegreeLaw(id.coreLaw) };
    return rs.map((r) => {
      const rep = twoTierReplicate(o, r);
      return JSON.parse(
        encodeJson({ served: Array.from(rep.served), giant: Array.from(rep.giant), gap: rep.gap }),
      ) as unknown;
    });
  }
  if (family === OVERLOAD_RUNS_FAMILY) {
    const parts = runsParts(identity);
    const starts: number[] = [];
    let total = 0;
    for (const p of parts) {
      starts.push(total);
      total += p.runs;
    }
    if (!rs.every((r) => Number.isSafeInteger(r) && r >= 0 && r < total))
      throw new TaskRefused(`overload-runs runs: a run index outside 0..${total - 1}`);
    const { simulateOverload } = await import('../cascade/overload-model.ts');
    const decoded = new Map<number, OverloadParams>();
    return rs.map((r) => {
      let p = 0;
      while (p + 1 < parts.length && starts[p + 1] <= r) p++;
      if (!decoded.has(p)) decoded.set(p, decodeJson<OverloadParams>(parts[p].params));
      return JSON.parse(
        encodeJson(simulateOverload(decoded.get(p)!, { seed: parts[p].seed, index: parts[p].first + r - starts[p] })),
      ) as unknown;
    });
  }
  if (family === OVERLOAD_COLLAPSE_FAMILY) {
    const { params, seed, losses } = identity as { params?: unknown; seed?: unknown; losses?: unknown };
    if (
      typeof params !== 'string' ||
      typeof seed !== 'number' ||
      !Array.isArray(losses) ||
      !losses.every((x) => typeof x === 'number')
    ) {
      throw new TaskRefused('overload-collapse runs: identity without params, seed or losses');
    }
    if (!rs.every((r) => Number.isSafeInteger(r) && r >= 0 && r < losses.length))
      throw new TaskRefused(`overload-collapse runs: a run index outside 0..${losses.length - 1}`);
    const { runOverloadBatch } = await import('../cascade/overload-threshold.ts');
    return runOverloadBatch({
      params: decodeJson<OverloadParams>(params),
      seed,
      round: 0,
      runs: rs.map((r) => ({ r, loss: losses[r] as number })),
    });
  }
  throw new TaskRefused(`unknown run family ${JSON.stringify(family)}`);
}

/** The task id of one run of a run family. */
export function runsTaskId(fingerprint: string, r: number): string {
  return `r-${fingerprint}-${r}`;
}

/**
 * JSON that keeps ±Infinity and NaN (model parameters use Infinity for "never") and capacity laws (objects with
 * functions, sent as their canonical spec): numbers are written as the strings `"__Infinity__"`, `"__-Infinity__"`,
 * `"__NaN__"`, a law as `{"__capacity__": spec}`.
 *
 * @param v - a JSON-like value (capacity laws allowed).
 * @returns the text.
 *
 * @complexity O(size).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * decodeJson(encodeJson({ a: Infinity })); // { a: Infinity }
 * ```
 */
export function encodeJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === 'number' && !Number.isFinite(x)) return `__${x}__`;
    if (
      x &&
      typeof x === 'object' &&
      typeof (x as CapacityLaw).spec === 'string' &&
      typeof (x as CapacityLaw).quantile === 'function'
    )
      return { __capacity__: (x as CapacityLaw).spec };
    return x;
  });
}

/** A capacity law from its spec, including the `k*spec` of scaledCapacity. */
function capacityFromSpec(spec: string): CapacityLaw {
  const m = /^([0-9.eE+-]+)\*(.+)$/.exec(spec);
  if (m && Number.isFinite(Number(m[1]))) return scaledCapacity(capacityFromSpec(m[2]), Number(m[1]));
  return parseCapacityLaw(spec);
}

/** Inverse of {@link encodeJson}. */
export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_k, x) => {
    if (x === '__Infinity__') return Infinity;
    if (x === '__-Infinity__') return -Infinity;
    if (x === '__NaN__') return NaN;
    if (x && typeof x === 'object' && typeof (x as { __capacity__?: unknown }).__capacity__ === 'string')
      return capacityFromSpec((x as { __capacity__: string }).__capacity__);
    return x;
  }) as T;
}

/**
 * The fingerprint of an overload threshold design at one scale: SHA-256 of its encoded parameters
 * ({@link encodeJson}) and seed. Run r of the design depends on (params, seed, r, loss) only.
 *
 * @param encodedParams - the scale's parameters, encoded.
 * @param seed - the seed.
 * @returns 64 hex digits.
 *
 * @complexity O(size of the parameters).
 *
 * @model SHA-256.
 *
 * @references FIPS 180-4.
 *
 * @example
 * ```ts
 * const params = withOverloadParams(skype2010OverloadParams, { scale: 0.005 });
 * overloadFingerprint(encodeJson(params), 1);
 * ```
 */
export function overloadFingerprint(encodedParams: string, seed: number): string {
  const createHash = nodeBuiltin('node:crypto', 'queue fingerprints').createHash;
  return createHash('sha256').update(`fragility-overload-run/1\n${seed}\n${encodedParams}`).digest('hex');
}

/** The task id of a chunk of replicates. */
export function ensembleTaskId(fingerprint: string, first: number, count: number): string {
  return `e-${fingerprint}-${first}-${count}`;
}

/** The task id of an overload run. */
export function overloadTaskId(fingerprint: string, r: number, loss: number): string {
  return `o-${fingerprint}-${r}-${loss}`;
}

/** The overload tasks of one batch of the design (one run each). */
export function overloadTasks(batch: OverloadRunBatch): { id: string; task: OverloadTask }[] {
  // what a worker decodes must be these parameters: the same text again (a law whose spec does not parse back fails)
  const params = encodedParams(batch.params, '--queue');
  const fingerprint = overloadFingerprint(params, batch.seed);
  return batch.runs.map(({ r, loss }) => ({
    id: overloadTaskId(fingerprint, r, loss),
    task: { kind: 'overload', v: TASK_VERSION, fingerprint, params, seed: batch.seed, r, loss },
  }));
}

/** The worker's last fixed graph (a lattice or a file), by experiment fingerprint. */
let fixedCache: { fingerprint: string; graph: CompactGraph } | undefined;

/** A task the worker refuses: bad payload, another version, a graph file that differs from the coordinator's. */
export class TaskRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskRefused';
  }
}

/**
 * Compute one task (what `fragility worker` does with each job).
 *
 * @param task - the job's data.
 * @param yieldBetween - awaited between replicates of a chunk (the worker lets BullMQ renew its lock there).
 * @returns {@link EnsembleTaskResult} or {@link OverloadTaskResult}.
 * @throws TaskRefused on a payload of another version or kind, a fingerprint that does not match its experiment, or
 *   a graph file whose SHA-256 differs from the task's; FragilityInputError from the computation.
 *
 * @complexity that of the replicates or the run.
 *
 * @model replicate r draws stream(seed, r) only, run r of the overload design likewise: the same bits as a local
 * run.
 *
 * @references —
 *
 * @example
 * ```ts
 * const params = encodeJson(withOverloadParams(skype2010OverloadParams, { scale: 0.005, durationHours: 3 }));
 * const fingerprint = overloadFingerprint(params, 1);
 * await computeTask({ kind: 'overload', v: 1, fingerprint, params, seed: 1, r: 0, loss: 0.1 }); // { collapsed: … }
 * ```
 */
export async function computeTask(
  task: QueueTask,
  yieldBetween: () => Promise<void> = async () => {},
): Promise<EnsembleTaskResult | OverloadTaskResult | RunsTaskResult> {
  if (!task || typeof task !== 'object' || task.v !== TASK_VERSION) {
    throw new TaskRefused(
      `task version ${JSON.stringify((task as { v?: unknown })?.v)} is not ${TASK_VERSION} (coordinator and worker run different fragility releases)`,
    );
  }
  if (task.kind === 'overload') {
    const { simulateOverload } = await import('../cascade/overload-model.ts');
    const { withOverloadParams } = await import('../models/overload-params.ts');
    if (overloadFingerprint(task.params, task.seed) !== task.fingerprint)
      throw new TaskRefused('overload task: the fingerprint does not match its parameters');
    const params = decodeJson<OverloadParams>(task.params);
    return {
      collapsed: simulateOverload(withOverloadParams(params, { forcedLoss: task.loss }), {
        seed: task.seed,
        index: task.r,
      }).collapsed,
    };
  }
  if (task.kind === 'runs') {
    if (
      !task.identity ||
      typeof task.identity !== 'object' ||
      runsFingerprint(task.family, task.identity) !== task.fingerprint
    )
      throw new TaskRefused('runs task: the fingerprint does not match its identity');
    if (!Array.isArray(task.rs) || !task.rs.every((r) => Number.isSafeInteger(r) && r >= 0))
      throw new TaskRefused('runs task: run indices are not non-negative integers');
    return { values: await computeRunFamily(task.family, task.identity, task.rs) };
  }
  if (task.kind !== 'ensemble')
    throw new TaskRefused(`unknown task kind ${JSON.stringify((task as { kind?: unknown }).kind)}`);
  const { job, rs } = task;
  if (experimentFingerprint(job.experiment) !== job.fingerprint)
    throw new TaskRefused('ensemble task: the fingerprint does not match its experiment');
  let fixed: CompactGraph | undefined;
  let random: ((graphSeed: number) => Promise<CompactGraph>) | undefined;
  if (job.graphPerReplicate) {
    const light = await lightGraphSpecLazy(job.graph);
    random = light ? (s) => graphFromLightSpec(light, s) : (s) => graphFromSpecLazy(job.graph, s);
  } else if (fixedCache?.fingerprint === job.fingerprint) {
    fixed = fixedCache.graph;
  } else {
    const id = job.experiment.graph;
    if (id.kind === 'file') {
      const { parseGraphSpec } = await import('../generators/spec.ts');
      const path = (parseGraphSpec(job.graph) as { path?: string }).path!;
      let mine: { bytes: number; sha256: string };
      try {
        mine = fileSha256(path);
      } catch (err) {
        throw new TaskRefused(
          `graph file ${path}: ${(err as Error).message} (a worker reads the coordinator's --graph file from the same path)`,
        );
      }
      if (mine.sha256 !== id.sha256) {
        throw new TaskRefused(
          `graph file ${path} on this worker differs from the coordinator's (SHA-256 ${mine.sha256.slice(0, 16)}… against ${id.sha256.slice(0, 16)}…, ${mine.bytes} against ${id.bytes} bytes)`,
        );
      }
    } else if (id.kind !== 'spec') {
      throw new TaskRefused(`ensemble task: graph kind ${id.kind} cannot be rebuilt by a worker`);
    }
    try {
      fixed = await graphFromSpecLazy(job.graph, job.spec.seed);
    } catch (err) {
      if (err instanceof FragilityInputError) throw new TaskRefused(err.message);
      throw err;
    }
    fixedCache = { fingerprint: job.fingerprint, graph: fixed };
  }
  const lines: string[] = [];
  for (const r of rs) {
    if (lines.length > 0) await yieldBetween();
    const { rng, graphSeed } = replicateStreams(job.spec.seed, r);
    const g = fixed ?? (await random!(graphSeed));
    lines.push(replicateToLine(runReplicateOnGraph(g, { ...job.spec, r }, rng), job.fingerprint));
  }
  return { lines };
}
