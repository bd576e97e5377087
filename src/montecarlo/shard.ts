/**
 * Deterministic shards of an ensemble, and their merge (issue 19, part 1).
 *
 * Replicate r of an experiment draws from `stream(seed, r)` only and the reduction runs in replicate order, so the
 * replicates can be computed in any number of processes on any machines and reduced to the same doubles. Shard i of
 * N holds the replicates r of 0 … R−1 with **r mod N = i** (round robin: every shard gets ⌊R/N⌋ or ⌈R/N⌉ of them,
 * and early replicates, which a finished shard of a larger N does not hold, spread evenly).
 *
 * A shard is NDJSON in the checkpoint format `fragility-sweep-checkpoint/2` (see checkpoint.ts; docs/CLI.md,
 * "Checkpoints" and "Shards"): a header line that extends the checkpoint header by the shard descriptor, the
 * reduction parameters and a checksum, then the shard's replicate lines in increasing r:
 *
 * ```
 * {"type":"header","format":"fragility-sweep-checkpoint/2","fingerprint":F,"runs":R,"experiment":E,
 *  "shard":{"index":i,"count":N},"reduction":{…},"output":{…},"check":C}
 * {"type":"replicate","r":i,…,"check":…}
 * ```
 *
 * `reduction` ({@link EnsembleReduction}) holds what the reduction needs besides the identity (grid size, level,
 * bootstrap resamples, threshold observable, order and graph labels, whether graphs are redrawn, the wrapping
 * lattice); `output` holds what the command's report needs (for `sweep`: the `--graph` text and `--estimator`). The
 * graph's statistic in the report (n) is replicate 0's `n`, which its line carries: the graph is never re-read.
 *
 * @module
 */
import { nodeBuiltin } from '../node-only.ts';
import { z } from 'zod';
import { openAtomicFile } from '../atomic-write.ts';
import { FragilityInputError } from '../errors.ts';
import {
  CHECKPOINT_FORMAT,
  type CheckpointHeader,
  type ExperimentIdentity,
  MAX_CHECKPOINT_LINE,
  experimentFingerprint,
  lineCheck,
  readLines,
  replicateLineParser,
  replicateToLine,
  firstJsonDifference,
  shortJson,
} from './checkpoint.ts';
import {
  type EnsembleOptions,
  type EnsembleReduction,
  type EnsembleResult,
  type ReplicateSelection,
  checkEnsembleMemory,
  computeEnsemble,
  reduceEnsemble,
} from './ensemble.ts';
import type { ReplicateResult } from './replicate.ts';

const fs = () => nodeBuiltin('node:fs', 'shard files');

/**
 * The header line of a shard file.
 *
 * @category Ensembles
 */
export interface ShardHeader extends CheckpointHeader {
  shard: ReplicateSelection;
  reduction: EnsembleReduction;
  /** What the command's report needs besides the result (opaque to the merge, compared across shards). */
  output: Record<string, unknown>;
  /** Checksum of the header line (see lineCheck). */
  check: string;
}

/**
 * A computed shard: its header and replicates, written by {@link writeShard} / {@link shardLines}.
 *
 * @category Ensembles
 */
export interface EnsembleShard {
  header: ShardHeader;
  /** The shard's replicates, in increasing r. */
  replicates: ReplicateResult[];
}

/**
 * The replicate indices of shard `index` of `count` among 0 … runs−1: r with r mod count = index.
 *
 * @param runs - replicates R of the experiment.
 * @param shard - `{ index, count }`.
 * @returns the indices, increasing.
 *
 * @complexity O(R / count).
 *
 * @model round robin by replicate index.
 *
 * @references —
 *
 * @example
 * ```ts
 * shardReplicates(7, { index: 1, count: 3 }); // [1, 4]
 * ```
 *
 * @category Ensembles
 */
export function shardReplicates(runs: number, shard: ReplicateSelection): number[] {
  const out: number[] = [];
  for (let r = shard.index; r < runs; r += shard.count) out.push(r);
  return out;
}

/**
 * Parse a shard descriptor `i/N` (N ≥ 1, 0 ≤ i < N).
 *
 * @param field - the option named in the error (`--shard`).
 * @param raw - the text, e.g. `"2/8"`.
 * @returns `{ index: i, count: N }`.
 * @throws FragilityInputError naming the field and the allowed form.
 *
 * @complexity O(length).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * parseShard('--shard', '2/8'); // { index: 2, count: 8 }
 * ```
 *
 * @category Ensembles
 */
export function parseShard(field: string, raw: string): ReplicateSelection {
  const m = /^\s*(\d{1,10})\s*\/\s*(\d{1,10})\s*$/.exec(raw);
  const allowed =
    'i/N with N an integer in [1, 1000000000] and i an integer in [0, N-1] (shard i runs the replicates r with r mod N = i)';
  if (!m) throw new FragilityInputError(field, raw, allowed);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1e9 || index >= count) throw new FragilityInputError(field, raw, allowed);
  return { index, count };
}

/**
 * A header line with its checksum: the fields in the given order, then `"check"` = lineCheck(fingerprint, the line
 * before it), so that an edit to any field is caught (shard and study-shard headers).
 *
 * @param fingerprint - the experiment's fingerprint (the checksum's key).
 * @param fields - the header's fields, in their order on the line.
 * @returns the line and its checksum.
 * @internal
 */
export function checkedHeaderLine(
  fingerprint: string,
  fields: Record<string, unknown>,
): { line: string; check: string } {
  const body = JSON.stringify(fields).slice(0, -1);
  const check = lineCheck(fingerprint, body);
  return { line: `${body},"check":"${check}"}`, check };
}

/**
 * Which shards hold the missing replicates or runs, when every shard file came from the same count N: `; shard(s)
 * k/N … hold(s) them`, else ''.
 *
 * @param missing - the missing indices.
 * @param counts - the shard counts N seen.
 * @returns the hint ('' when the files came from different counts).
 * @internal
 */
export function missingShardsHint(missing: readonly number[], counts: ReadonlySet<number>): string {
  if (counts.size !== 1) return '';
  const N = [...counts][0];
  const absent = [...new Set(missing.map((r) => r % N))].sort((a, b) => a - b);
  return `; shard${absent.length > 1 ? 's' : ''} ${absent.map((k) => `${k}/${N}`).join(', ')} hold${absent.length > 1 ? '' : 's'} them`;
}

/** The header line (with its checksum) of a shard. */
function headerLine(h: Omit<ShardHeader, 'check'>): { line: string; check: string } {
  return checkedHeaderLine(h.fingerprint, {
    type: h.type,
    format: h.format,
    fingerprint: h.fingerprint,
    runs: h.runs,
    experiment: h.experiment,
    shard: { index: h.shard.index, count: h.shard.count },
    reduction: h.reduction,
    output: h.output,
  });
}

/**
 * Compute one shard of an ensemble: the replicates r with r mod N = i of the R-replicate experiment `opts` describes,
 * with the header that binds them to the experiment. Checkpoint, resume and workers work as in runEnsemble (a
 * checkpoint then records this shard's replicates).
 *
 * @param opts - the ensemble, as for runEnsemble (R = `opts.runs`).
 * @param shard - `{ index: i, count: N }`.
 * @param output - what the command's report needs (stored in the header, compared by the merge).
 * @returns {@link EnsembleShard}.
 * @throws FragilityInputError as runEnsemble, and naming `shard.index` / `shard.count` out of range.
 *
 * @complexity that of runEnsemble for ⌈(R − i)/N⌉ replicates.
 *
 * @model replicate r depends on (seed, r) only; see the module notes.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const s = await runEnsembleShard({ graph: 'rr:n=2000,k=3', runs: 7, seed: 3 }, { index: 1, count: 3 });
 * s.replicates.map((x) => x.r); // [1, 4]
 * ```
 *
 * @category Ensembles
 */
export async function runEnsembleShard(
  opts: EnsembleOptions,
  shard: ReplicateSelection,
  output: Record<string, unknown> = {},
): Promise<EnsembleShard> {
  const c = await computeEnsemble(opts, shard);
  const fingerprint = experimentFingerprint(c.experiment);
  const partial: Omit<ShardHeader, 'check'> = {
    type: 'header',
    format: CHECKPOINT_FORMAT,
    fingerprint,
    runs: c.runs,
    experiment: c.experiment,
    shard: { index: shard.index, count: shard.count },
    reduction: c.reduction,
    output,
  };
  const header: ShardHeader = { ...partial, check: headerLine(partial).check };
  const replicates = shardReplicates(c.runs, shard).map((r) => c.results[r]!);
  return { header, replicates };
}

/**
 * The lines of a shard file, each without its newline: the header, then one line per replicate in increasing r.
 *
 * @param s - the shard.
 * @returns a generator of lines.
 *
 * @complexity O(size of the shard), one line at a time.
 *
 * @model NDJSON in `fragility-sweep-checkpoint/2`.
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const s = await runEnsembleShard({ graph: 'rr:n=2000,k=3', runs: 7, seed: 3 }, { index: 1, count: 3 });
 * const lines = [...shardLines(s)]; // a header line, then one line per replicate
 * ```
 *
 * @category Ensembles
 */
export function* shardLines(s: EnsembleShard): Generator<string> {
  const { check: _check, ...partial } = s.header;
  yield headerLine(partial).line;
  for (const res of s.replicates) yield replicateToLine(res, s.header.fingerprint);
}

/**
 * Write a shard file atomically (temporary file in the same folder, renamed when complete).
 *
 * @param s - the shard.
 * @param path - the file.
 * @param field - the option named in errors (default `--shard-out`).
 * @throws FragilityInputError (exit 2) when the file cannot be written.
 *
 * @complexity O(size of the shard).
 *
 * @model write-temp-then-rename.
 *
 * @references POSIX rename(2).
 *
 * @example
 * ```ts
 * const opts = { graph: 'rr:n=2000,k=3', runs: 8, seed: 3 };
 * writeShard(await runEnsembleShard(opts, { index: 0, count: 4 }), 'shard-0.ndjson');
 * ```
 *
 * @category Ensembles
 */
export function writeShard(s: EnsembleShard, path: string, field = '--shard-out'): void {
  writeLinesAtomic(path, field, shardLines(s));
}

/**
 * Write lines to `path` atomically: all of them or nothing (a temporary file renamed at the end, removed on error).
 *
 * @param path - the file.
 * @param field - the option named in errors.
 * @param lines - the lines, without their newlines.
 * @internal
 */
export function writeLinesAtomic(path: string, field: string, lines: Iterable<string>): void {
  const out = openAtomicFile(path, field);
  try {
    for (const line of lines) out.write(line + '\n');
  } catch (err) {
    out.abort();
    throw err;
  }
  out.commit();
}

const count = z.number().int().nonnegative();
const reductionSchema = z
  .object({
    gridPoints: count,
    level: z.number().gt(0).lt(1),
    bootstrap: count,
    thresholdObservable: z.enum(['susceptibility', 'second']),
    order: z.string(),
    graph: z.string(),
    graphPerReplicate: z.boolean(),
    wrapping: z
      .object({ lattice: z.enum(['square', 'triangular', 'honeycomb', 'cubic']), L: count })
      .strict()
      .optional(),
    wrappingKind: z.enum(['axis', 'any', 'all']).optional(),
  })
  .strict();
const shardExtrasSchema = z.object({
  shard: z.object({ index: count, count: z.number().int().positive() }).strict(),
  reduction: reductionSchema,
  output: z.record(z.string(), z.unknown()),
  check: z.string().regex(/^[0-9a-f]{16}$/),
});

/**
 * The merged replicates of shard files.
 *
 * @category Ensembles
 */
export interface MergedShards {
  /** The first file's header (all files share fingerprint, runs, reduction and output). */
  header: ShardHeader;
  /** Replicates 0 … R−1, each at its index. */
  results: ReplicateResult[];
  /** The files read. */
  files: string[];
}

/**
 * Compact ranges of sorted integers: `[1, 2, 3, 7, 9, 10]` → `"1-3, 7, 9-10"` (at most `max` ranges, then
 * `… (K more)`).
 *
 * @param xs - increasing integers.
 * @param max - ranges shown (default 20).
 * @returns the text.
 *
 * @complexity O(|xs|).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * integerRanges([1, 2, 3, 7]); // "1-3, 7"
 * ```
 */
export function integerRanges(xs: number[], max = 20): string {
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(i === j ? `${xs[i]}` : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.length > max
    ? `${parts.slice(0, max).join(', ')}, … (${parts.length - max} more ranges)`
    : parts.join(', ');
}

/**
 * Parse and check a shard header line (format, shard descriptor, reduction, checksum, fingerprint of its experiment).
 *
 * @param line - the line's text.
 * @param where - where the line is (`line 1`), for the messages.
 * @param bad - builds the error naming the file.
 * @returns the header.
 * @throws what `bad` builds.
 *
 * @complexity O(length of the line).
 *
 * @model the header of a shard (module notes).
 *
 * @references —
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const firstLine = readFileSync('s0.ndjson', 'utf8').split('\n')[0];
 * parseShardHeader(firstLine, 'line 1', (what) => new Error(what)).shard; // { index: 0, count: 3 }
 * ```
 */
export function parseShardHeader(line: string, where: string, bad: (what: string) => Error): ShardHeader {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    throw bad(`${where} is not a JSON header`);
  }
  const fmt = (o as { format?: unknown })?.format;
  if (fmt !== CHECKPOINT_FORMAT) throw bad(`${where}: format ${shortJson(fmt)}, expected ${CHECKPOINT_FORMAT}`);
  if ((o as { shard?: unknown }).shard === undefined)
    throw bad(`${where} is a checkpoint header without a shard descriptor (write shards with sweep --shard i/N)`);
  const base = o as CheckpointHeader;
  const extras = shardExtrasSchema.safeParse(o);
  if (!extras.success) {
    const issue = extras.error.issues[0];
    throw bad(`${where} is not a valid shard header (${issue.path.join('.') || '(line)'}: ${issue.message})`);
  }
  if (
    typeof base.fingerprint !== 'string' ||
    typeof base.experiment !== 'object' ||
    base.experiment === null ||
    !Number.isSafeInteger(base.runs) ||
    base.runs < 1
  ) {
    throw bad(`${where} is not a valid shard header (fingerprint, runs or experiment missing)`);
  }
  const cut = line.lastIndexOf(',"check":"');
  if (cut < 0 || lineCheck(base.fingerprint, line.slice(0, cut)) !== extras.data.check) {
    throw bad(`${where} fails its checksum (the header was edited or damaged)`);
  }
  if (experimentFingerprint(base.experiment) !== base.fingerprint) {
    throw bad(`${where}: the header fingerprint does not match its experiment (the header was edited or damaged)`);
  }
  const { shard, reduction } = extras.data;
  if (shard.index >= shard.count)
    throw bad(`${where}: shard ${shard.index}/${shard.count} is outside 0 … ${shard.count - 1}`);
  if (reduction.gridPoints > base.experiment.qs.length)
    throw bad(
      `${where}: reduction.gridPoints ${reduction.gridPoints} exceeds the ${base.experiment.qs.length} q values`,
    );
  return o as ShardHeader;
}

/** Read and check one shard file's header line. */
function readHeader(
  lines: Generator<{ line: string; complete: boolean }>,
  bad: (what: string) => FragilityInputError,
): ShardHeader {
  const first = lines.next();
  if (first.done || !first.value.complete) throw bad('line 1 is not a shard header (the file is empty or cut)');
  return parseShardHeader(first.value.line, 'line 1', bad);
}

/**
 * The replicates of one experiment gathered from shard sections (of one or more files), with every cross-check of
 * {@link mergeShardFiles}: same fingerprint, runs, reduction and output as the first section; each replicate in its
 * shard and in 0 … R−1; a replicate seen twice must carry the same numbers; at the end, all of 0 … R−1 present.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * const acc = new ReplicateMerge('merge');
 * const bad = (what: string) => new FragilityInputError('merge', 'shards', what);
 * for (const file of ['s0.ndjson', 's1.ndjson', 's2.ndjson']) {
 *   const [first, ...rest] = readFileSync(file, 'utf8').trimEnd().split('\n');
 *   const parse = acc.section(file, parseShardHeader(first, 'line 1', bad), bad);
 *   rest.forEach((line, i) => acc.replicate(parse(line, `line ${i + 2}`), `line ${i + 2}`, bad));
 * }
 * acc.finish(3).map((x) => x.r); // [0, 1, 2, 3, 4, 5, 6]
 * ```
 */
export class ReplicateMerge {
  private ref: ShardHeader | undefined;
  private refPath = '';
  private results: (ReplicateResult | undefined)[] = [];
  private readonly checks: (string | undefined)[] = [];
  private readonly conflicts = new Set<number>();
  private readonly counts = new Set<number>();
  private current: ShardHeader | undefined;

  /**
   * @param field - the name in error messages (`merge`).
   * @param label - prefix of the completeness messages (e.g. `experiment 2 (L = 64): `), empty for a single one.
   */
  constructor(
    private readonly field: string,
    private readonly label = '',
  ) {}

  /** The first section's header (after at least one {@link ReplicateMerge.section}). */
  get header(): ShardHeader {
    return this.ref!;
  }

  /**
   * Start a section: check its header against the first one and return the parser of its replicate lines.
   *
   * @param path - the file.
   * @param h - the section's header.
   * @param bad - builds the error naming the file.
   * @returns the replicate-line parser of the section's experiment.
   */
  section(
    path: string,
    h: ShardHeader,
    bad: (what: string) => FragilityInputError,
  ): ReturnType<typeof replicateLineParser> {
    const ref = this.ref;
    if (!ref) {
      this.ref = h;
      this.refPath = path;
      checkEnsembleMemory('runs', h.runs, h.experiment.qs.length); // before reading any replicate
      this.results = new Array(h.runs);
    } else {
      const refPath = this.refPath;
      const other = (what: string) =>
        new FragilityInputError(
          this.field,
          path,
          `a shard of the experiment of ${JSON.stringify(refPath)} (same fingerprint, runs and report options)`,
          `${this.label}${what}`,
        );
      if (h.fingerprint !== ref.fingerprint) {
        const d = firstJsonDifference(h.experiment, ref.experiment, 'experiment');
        throw other(
          d
            ? `${d.path} differs: this file has ${shortJson(d.a)}, ${JSON.stringify(refPath)} has ${shortJson(d.b)}`
            : 'the experiment fingerprint differs',
        );
      }
      if (h.runs !== ref.runs)
        throw other(`runs differs: this file has ${h.runs}, ${JSON.stringify(refPath)} has ${ref.runs}`);
      const d = firstJsonDifference(
        { reduction: h.reduction, output: h.output },
        { reduction: ref.reduction, output: ref.output },
        '',
      );
      if (d)
        throw other(
          `${d.path} differs: this file has ${shortJson(d.a)}, ${JSON.stringify(refPath)} has ${shortJson(d.b)}`,
        );
    }
    this.counts.add(h.shard.count);
    this.current = h;
    return replicateLineParser(h.experiment as ExperimentIdentity, h.fingerprint, bad);
  }

  /**
   * Add one parsed replicate of the current section.
   *
   * @param parsed - what the section's parser returned.
   * @param where - `line k`.
   * @param bad - builds the error naming the file.
   */
  replicate(
    parsed: { result: ReplicateResult; check: string },
    where: string,
    bad: (what: string) => FragilityInputError,
  ): void {
    const h = this.current!;
    const { result, check } = parsed;
    const r = result.r;
    if (r >= h.runs) throw bad(`${where}: replicate ${r} is outside 0 … ${h.runs - 1} (runs ${h.runs})`);
    if (r % h.shard.count !== h.shard.index)
      throw bad(
        `${where}: replicate ${r} does not belong to shard ${h.shard.index}/${h.shard.count} (r mod ${h.shard.count} = ${r % h.shard.count})`,
      );
    const prev = this.checks[r];
    if (prev !== undefined) {
      if (prev !== check) this.conflicts.add(r);
      return;
    }
    this.checks[r] = check;
    this.results[r] = result;
  }

  /**
   * Check completeness and return the replicates 0 … R−1.
   *
   * @param files - how many files were read (for the messages).
   * @returns the replicates, each at its index.
   * @throws FragilityInputError naming conflicting or missing replicates as ranges.
   */
  finish(files: number): ReplicateResult[] {
    const header = this.ref!;
    const what = `${files} file${files > 1 ? 's' : ''}`;
    if (this.conflicts.size > 0) {
      const rs = [...this.conflicts].sort((a, b) => a - b);
      throw new FragilityInputError(
        this.field,
        what,
        'shards whose common replicates carry the same numbers',
        `${this.label}replicate${rs.length > 1 ? 's' : ''} ${integerRanges(rs)} appear${rs.length > 1 ? '' : 's'} twice with different numbers`,
      );
    }
    const missing: number[] = [];
    for (let r = 0; r < header.runs; r++) if (!this.results[r]) missing.push(r);
    if (missing.length > 0) {
      const hint = missingShardsHint(missing, this.counts);
      throw new FragilityInputError(
        this.field,
        what,
        `every replicate 0-${header.runs - 1} of the experiment (runs ${header.runs})`,
        `${this.label}replicate${missing.length > 1 ? 's' : ''} ${integerRanges(missing)} ${missing.length > 1 ? 'are' : 'is'} missing${hint}`,
      );
    }
    return this.results as ReplicateResult[];
  }
}

/**
 * Read shard files and merge their replicates, checking everything: each header (format, descriptor, checksum,
 * fingerprint of its experiment), every replicate line (schema, checksum, belonging to its shard and to 0 … R−1),
 * that all files share one experiment fingerprint, one `runs`, one reduction and one output section, and that
 * every replicate 0 … R−1 is present (a replicate in two files must carry the same numbers). Files are read line by
 * line in 1 MiB chunks (memory per line bounded by MAX_CHECKPOINT_LINE).
 *
 * @param paths - the shard files (any order; shards of different N may be mixed if together complete).
 * @param field - the name in error messages (default `merge`).
 * @returns {@link MergedShards}.
 * @throws FragilityInputError (exit 2): a file from another experiment (naming the file and the first differing
 *   field with both values), a different `runs`, a corrupt line (naming the file and line), missing replicates or
 *   duplicates with different numbers (naming the indices as ranges).
 *
 * @complexity O(total size of the files); memory O(R·|qs|) for the replicates kept for the reduction.
 *
 * @model union of disjoint replicate sets keyed by index.
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const m = mergeShardFiles(['s0.ndjson', 's1.ndjson', 's2.ndjson']);
 * m.results.length; // 7 (every replicate of the run, once)
 * ```
 *
 * @category Ensembles
 */
export function mergeShardFiles(paths: string[], field = 'merge'): MergedShards {
  if (paths.length === 0)
    throw new FragilityInputError(field, [], 'one or more shard files (written by sweep --shard i/N)');
  const acc = new ReplicateMerge(field);
  for (const path of paths) {
    const bad = (what: string) =>
      new FragilityInputError(field, path, `a shard file (${CHECKPOINT_FORMAT} with a shard header)`, what);
    if (!fs().existsSync(path)) throw new FragilityInputError(field, path, 'an existing shard file', 'no such file');
    const lines = readLines(path, MAX_CHECKPOINT_LINE, (i) =>
      bad(`line ${i} is longer than ${MAX_CHECKPOINT_LINE} characters`),
    );
    const parse = acc.section(path, readHeader(lines, bad), bad);
    let i = 1;
    for (const { line, complete } of lines) {
      i++;
      const where = `line ${i}`;
      if (!complete) throw bad(`${where} has no newline (the file was cut while written)`);
      if (line.trim() === '') continue;
      acc.replicate(parse(line, where), where, bad);
    }
  }
  const results = acc.finish(paths.length);
  return { header: acc.header, results, files: paths };
}

/**
 * Merge shard files into the ensemble result of the unsharded run: {@link mergeShardFiles}, then the reduction
 * in replicate order (reduceEnsemble) — the same doubles as runEnsemble with the same options, `resumed` and
 * `retries` 0.
 *
 * @param paths - the shard files.
 * @returns `{ result, header }`.
 * @throws FragilityInputError as {@link mergeShardFiles}.
 *
 * @complexity O(total size) plus the reduction (see reduceEnsemble).
 *
 * @model as runEnsemble.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const { result } = mergeShards(['s0.ndjson', 's1.ndjson', 's2.ndjson']);
 * result.threshold.q_c;
 * ```
 *
 * @category Ensembles
 */
export function mergeShards(paths: string[]): { result: EnsembleResult; header: ShardHeader } {
  const m = mergeShardFiles(paths);
  const result = reduceEnsemble(m.results, m.header.experiment, m.header.reduction, {
    runs: m.header.runs,
    resumed: 0,
    retries: 0,
  });
  return { result, header: m.header };
}
