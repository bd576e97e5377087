/**
 * NDJSON checkpoints of ensemble runs that know their experiment: one header line, then one line per finished
 * replicate, appended (and flushed) as soon as the replicate finishes, so a killed run loses at most the replicates
 * in flight.
 *
 * Format `fragility-sweep-checkpoint/2` (documented in docs/CLI.md, "Checkpoints"; sharding builds on it):
 *
 * ```
 * {"type":"header","format":"fragility-sweep-checkpoint/2","fingerprint":"<sha256 hex>","runs":R,"experiment":{…}}
 * {"type":"replicate","r":0,"n":…,"steps":…,"giant":[…],"second":[…],"susceptibility":[…],"gapQ":…,"check":"<hex>"}
 * ```
 *
 * - `experiment` ({@link ExperimentIdentity}) holds everything that changes a replicate's numbers: the graph's
 *   content (for a file spec the SHA-256 of the file's bytes; for a generated spec the spec and the seed; for a
 *   graph object the SHA-256 of its edge arrays), the seed, site/bond, the removal order (and a custom order's
 *   hash), the q values, the microcanonical flag and the betweenness pivots. `fingerprint` =
 *   {@link experimentFingerprint}(experiment). `runs` is not part of it: replicate r depends on (seed, r) only, so a
 *   resume may ask for more (or fewer) runs and reuses the replicates r < runs it finds.
 * - `check` = the first 16 hex digits of SHA-256(fingerprint + "\n" + the line's text before `,"check"`): a line
 *   damaged on disk, edited, or copied from another experiment's checkpoint fails it.
 * - On resume every line is also validated against a schema (integers where counts are, arrays of the q grid's
 *   length, finite numbers or null); a final line without its newline is a write torn by a kill and is dropped;
 *   anything else that fails is exit 2 naming the line and what is wrong. Nothing is ever silently mixed.
 *
 * @module
 */
import { nodeBuiltin } from '../node-only.ts';
import { z } from 'zod';
import { openAtomicFile, writeFileAtomic } from '../atomic-write.ts';
import { FragilityInputError } from '../errors.ts';
import type { CompactGraph } from '../graph/compact-graph.ts';
import type { ReplicateResult } from './replicate.ts';

/** Node built-ins, reached on first use so that the browser-safe core has no static `node:` import. */
const fs = () => nodeBuiltin('node:fs', 'checkpoint files');
const createHash = (alg: string) => nodeBuiltin('node:crypto', 'checkpoint fingerprints').createHash(alg);

/**
 * The format tag written in every header.
 *
 * @category Ensembles
 */
export const CHECKPOINT_FORMAT = 'fragility-sweep-checkpoint/2';

/**
 * What the replicates were computed on: the graph's content, not its name.
 *
 * @category Ensembles
 */
export type GraphIdentity =
  | { kind: 'spec'; spec: string }
  | { kind: 'file'; spec: string; bytes: number; sha256: string }
  | { kind: 'graph'; n: number; m: number; sha256: string }
  | { kind: 'factory' };

/**
 * Everything that changes the numbers of a replicate (its index r aside).
 *
 * @category Ensembles
 */
export interface ExperimentIdentity {
  graph: GraphIdentity;
  seed: number;
  mode: string;
  /** A built-in order name, `'custom'` (array; see `customOrderSha256`) or `'custom-function'`. */
  order: string;
  /** SHA-256 of a custom order array's Int32 bytes. */
  customOrderSha256?: string;
  /** The q values of the canonical averages (grid then `at`). */
  qs: number[];
  /** Whether replicate lines carry the microcanonical sequence. */
  microcanonical: boolean;
  /** Betweenness orders: pivots (null = exact). */
  betweennessSamples: number | null;
  /** The lattice whose wrapping each replicate records, e.g. `square:L=256` (absent without the wrapping estimator). */
  wrapping?: string;
}

/**
 * The header line of a checkpoint.
 *
 * @category Ensembles
 */
export interface CheckpointHeader {
  type: 'header';
  format: typeof CHECKPOINT_FORMAT;
  fingerprint: string;
  runs: number;
  experiment: ExperimentIdentity;
}

/** JSON with object keys sorted, so that the fingerprint does not depend on property order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The fingerprint of an experiment: SHA-256 (hex) of its canonical JSON (keys sorted). Two runs whose replicates
 * would differ have different fingerprints; shards of one experiment share it.
 *
 * @param id - the experiment.
 * @returns 64 hex digits.
 *
 * @complexity O(size of the identity).
 *
 * @model SHA-256 over canonical JSON.
 *
 * @references FIPS 180-4 (SHA-256).
 *
 * @example
 * ```ts
 * experimentFingerprint({ graph: { kind: 'spec', spec: 'er:n=1000,k=4' }, seed: 1, mode: 'site', order: 'random',
 *   qs: [0, 0.5, 1], microcanonical: false, betweennessSamples: null });
 * ```
 *
 * @category Ensembles
 */
export function experimentFingerprint(id: ExperimentIdentity): string {
  return createHash('sha256').update(canonicalJson(id)).digest('hex');
}

/**
 * SHA-256 of a file's bytes, read in 1 MiB chunks (memory O(1) in the file size).
 *
 * @param path - the file.
 * @returns `{ bytes, sha256 }`.
 * @throws the filesystem error (ENOENT: an input error, exit 2).
 *
 * @complexity O(file size).
 *
 * @model SHA-256.
 *
 * @references FIPS 180-4.
 *
 * @example
 * ```ts
 * fileSha256('data/karate.edges').sha256;
 * ```
 *
 * @category Ensembles
 */
export function fileSha256(path: string): { bytes: number; sha256: string } {
  const h = createHash('sha256');
  const fd = fs().openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let bytes = 0;
  try {
    for (;;) {
      const k = fs().readSync(fd, buf, 0, buf.length, null);
      if (k === 0) break;
      h.update(buf.subarray(0, k));
      bytes += k;
    }
  } finally {
    fs().closeSync(fd);
  }
  return { bytes, sha256: h.digest('hex') };
}

/**
 * SHA-256 of a graph's content: n, its edge arrays and its roles.
 *
 * @param g - the graph.
 * @returns `{ kind: 'graph', n, m, sha256 }`.
 *
 * @complexity O(n + m).
 *
 * @model SHA-256 over the little-endian Int32 edge arrays (then roles).
 *
 * @references FIPS 180-4.
 *
 * @example
 * ```ts
 * graphContentIdentity(CompactGraph.fromPairs(2, [[0, 1]]));
 * ```
 *
 * @category Ensembles
 */
export function graphContentIdentity(g: CompactGraph): GraphIdentity {
  const h = createHash('sha256');
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  h.update(`n=${g.n};m=${g.m};`);
  h.update(bytes(g.edgeSource));
  h.update(bytes(g.edgeTarget));
  if (g.roles) h.update(bytes(g.roles));
  return { kind: 'graph', n: g.n, m: g.m, sha256: h.digest('hex') };
}

/**
 * SHA-256 of an Int32 array's bytes (a custom removal order's part of the identity).
 *
 * @param a - the array.
 * @returns 64 hex digits.
 *
 * @complexity O(length).
 *
 * @model SHA-256.
 *
 * @references FIPS 180-4.
 *
 * @example
 * ```ts
 * int32Sha256(Int32Array.of(2, 0, 1));
 * ```
 *
 * @category Ensembles
 */
export function int32Sha256(a: Int32Array): string {
  return createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');
}

/**
 * The checksum of a checkpoint or shard line: the first 16 hex digits of SHA-256(fingerprint + "\n" + body), body
 * being the line's text before `,"check"`.
 *
 * @param fingerprint - the experiment's {@link experimentFingerprint}.
 * @param body - the line without its `,"check":…}` tail.
 * @returns 16 hex digits.
 *
 * @complexity O(length of the line).
 *
 * @model truncated SHA-256.
 *
 * @references FIPS 180-4.
 *
 * @example
 * ```ts
 * const fingerprint = 'f'.repeat(64);
 * const body = JSON.stringify({ r: 0 }).slice(0, -1);
 * const line = `${body},"check":"${lineCheck(fingerprint, body)}"}`;
 * ```
 */
export function lineCheck(fingerprint: string, body: string): string {
  return createHash('sha256').update(fingerprint).update('\n').update(body).digest('hex').slice(0, 16);
}

/**
 * Serialise a replicate result as one NDJSON line carrying its checksum. Doubles round-trip exactly through JSON
 * (shortest round-trip representation), so a resumed run is bit-identical; NaN and ±Infinity are written as null
 * and read back as NaN; the optional microcanonical sequence is base64 of its Int32 bytes.
 *
 * @param res - the replicate result.
 * @param fingerprint - the experiment's {@link experimentFingerprint}.
 * @returns one line of JSON (no newline).
 *
 * @complexity O(|qs| + steps).
 *
 * @model `{"type":"replicate","r":…,"n":…,"steps":…,"giant":[…],"second":[…],"susceptibility":[…],"gapQ":…,
 * "check":"<16 hex>"}`, check = SHA-256(fingerprint + "\n" + text before `,"check"`)[0..16).
 *
 * @references NDJSON, http://ndjson.org; FIPS 180-4.
 *
 * @example
 * ```ts
 * import { appendFileSync } from 'node:fs';
 * appendFileSync(file, replicateToLine(res, fingerprint) + '\n');
 * ```
 *
 * @category Ensembles
 */
export function replicateToLine(res: ReplicateResult, fingerprint: string): string {
  const o: Record<string, unknown> = {
    type: 'replicate',
    r: res.r,
    n: res.n,
    steps: res.steps,
    giant: Array.from(res.giant),
    second: Array.from(res.second),
    susceptibility: Array.from(res.susceptibility),
    gapQ: res.gapQ,
  };
  if (res.largest)
    o.largest = Buffer.from(res.largest.buffer, res.largest.byteOffset, res.largest.byteLength).toString('base64');
  if (res.firstWrap) {
    o.firstWrap = res.firstWrap;
    o.wrapMass = res.wrapMass;
  }
  const body = JSON.stringify(o).slice(0, -1); // without the closing brace
  return `${body},"check":"${lineCheck(fingerprint, body)}"}`;
}

const finiteOrNull = z.union([z.number(), z.null()]);
const count = z.number().int().nonnegative();

function replicateSchema(qCount: number, microcanonical: boolean) {
  const curve = z.array(finiteOrNull).length(qCount);
  return z
    .object({
      type: z.literal('replicate'),
      r: count,
      n: count,
      steps: count,
      giant: curve,
      second: curve,
      susceptibility: curve,
      gapQ: finiteOrNull,
      largest: microcanonical ? z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) : z.undefined().optional(),
      firstWrap: z.array(count).optional(),
      wrapMass: z.number().nonnegative().optional(),
      check: z.string().regex(/^[0-9a-f]{16}$/),
    })
    .strict();
}

const identitySchema = z
  .object({
    graph: z.union([
      z.object({ kind: z.literal('spec'), spec: z.string() }).strict(),
      z.object({ kind: z.literal('file'), spec: z.string(), bytes: count, sha256: z.string() }).strict(),
      z.object({ kind: z.literal('graph'), n: count, m: count, sha256: z.string() }).strict(),
      z.object({ kind: z.literal('factory') }).strict(),
    ]),
    seed: z.number().int(),
    mode: z.string(),
    order: z.string(),
    customOrderSha256: z.string().optional(),
    qs: z.array(z.number()),
    microcanonical: z.boolean(),
    betweennessSamples: z.union([count, z.null()]),
    wrapping: z.string().optional(),
  })
  .strict();

const headerSchema = z
  .object({
    type: z.literal('header'),
    format: z.literal(CHECKPOINT_FORMAT),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    runs: z.number().int().positive(),
    experiment: identitySchema,
    // A shard file (src/montecarlo/shard.ts) is a checkpoint too: its descriptor, reduction parameters and header
    // checksum are validated by the shard reader; a resume from it keeps its replicates.
    shard: z.unknown().optional(),
    reduction: z.unknown().optional(),
    output: z.unknown().optional(),
    check: z.unknown().optional(),
  })
  .strict();

function zodWhere(err: z.ZodError): string {
  const issue = err.issues[0];
  const path = issue.path.length ? issue.path.join('.') : '(line)';
  return `${path}: ${issue.message}`;
}

/**
 * The first path at which two JSON values differ (object keys sorted, arrays of equal length element by element),
 * with both values: what a mismatch message names (checkpoints and shards).
 *
 * @param a - one value.
 * @param b - the other.
 * @param path - the path of `a` and `b` (`''` at the top).
 * @returns the path (`experiment.qs`, `reduction.grid[3]`) and both values, or undefined when they are equal
 *   (canonical JSON).
 * @internal
 */
export function firstJsonDifference(
  a: unknown,
  b: unknown,
  path: string,
): { path: string; a: unknown; b: unknown } | undefined {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstJsonDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      );
      if (d) return d;
    }
    return undefined;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const d = firstJsonDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return canonicalJson(a) === canonicalJson(b) ? undefined : { path, a, b };
}

/**
 * A JSON value in at most 70 characters for a message ('nothing' for undefined).
 *
 * @param v - the value.
 * @returns its JSON, cut with `...` past 70 characters.
 * @internal
 */
export function shortJson(v: unknown): string {
  const s = v === undefined ? 'nothing' : JSON.stringify(v);
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}

const nanOf = (a: (number | null)[]): Float64Array => Float64Array.from(a, (x) => (x === null ? NaN : x));

/** Longest checkpoint line accepted (a replicate line is ~60 characters per q value, more with microcanonical data). */
export const MAX_CHECKPOINT_LINE = 256 * 1024 * 1024;

/**
 * The lines of a file, read in 1 MiB chunks: each complete line (its newline stripped), then the final fragment
 * without a newline, if any, with `complete: false`. A line longer than `maxLine` characters ends the read with
 * `tooLong(lineNumber)`.
 *
 * @param path - the file.
 * @param maxLine - the longest line accepted (memory per line is bounded by it).
 * @param tooLong - builds the error for a longer line.
 * @returns a generator of `{ line, complete }`.
 *
 * @complexity O(file size); memory O(1 MiB + maxLine).
 *
 * @model NDJSON.
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * for (const { line } of readLines('s0.ndjson', MAX_CHECKPOINT_LINE, (i) => new Error(`line ${i}`))) JSON.parse(line);
 * ```
 */
export function* readLines(
  path: string,
  maxLine: number,
  tooLong: (line: number) => Error,
): Generator<{ line: string; complete: boolean }> {
  const fd = fs().openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  const decoder = new (nodeBuiltin('node:string_decoder', 'checkpoint files').StringDecoder)('utf8');
  let pending = '';
  let lineNo = 1;
  try {
    for (;;) {
      const k = fs().readSync(fd, buf, 0, buf.length, null);
      if (k === 0) break;
      const chunk = pending + decoder.write(buf.subarray(0, k));
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
        yield { line: chunk.slice(start, nl), complete: true };
        lineNo++;
        start = nl + 1;
      }
      pending = chunk.slice(start);
      if (pending.length > maxLine) throw tooLong(lineNo);
    }
    pending += decoder.end();
    if (pending !== '') yield { line: pending, complete: false };
  } finally {
    fs().closeSync(fd);
  }
}

/**
 * A parser of replicate lines of one experiment: each line is checked against the schema (integers where counts
 * are, curves of the q grid's length, finite numbers or null), its checksum and the range of gapQ, and returned as a
 * {@link ReplicateResult} (null read back as NaN) with its checksum.
 *
 * @param experiment - the experiment (the q count and the microcanonical flag shape the schema).
 * @param fingerprint - its {@link experimentFingerprint} (the checksum key).
 * @param bad - builds the error for a line that fails (message: `line k …`).
 * @returns `(line, where) => { result, check }`, throwing `bad(…)`.
 *
 * @complexity O(length of the line) per call.
 *
 * @model the replicate lines of `fragility-sweep-checkpoint/2`.
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const parse = replicateLineParser(experiment, fingerprint, (what) => new Error(what));
 * parse(line, 'line 2').result.giant;
 * ```
 */
export function replicateLineParser(
  experiment: ExperimentIdentity,
  fingerprint: string,
  bad: (what: string) => Error,
): (line: string, where: string) => { result: ReplicateResult; check: string } {
  const schema = replicateSchema(experiment.qs.length, experiment.microcanonical);
  return (line, where) => {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw bad(`${where} is not JSON (the file is damaged; only a final line cut by a kill is dropped)`);
    }
    const p = schema.safeParse(o);
    if (!p.success) throw bad(`${where} is not a valid replicate (${zodWhere(p.error)})`);
    const cut = line.lastIndexOf(',"check":"');
    if (cut < 0 || lineCheck(fingerprint, line.slice(0, cut)) !== p.data.check) {
      throw bad(`${where} fails its checksum (damaged, edited, or copied from another experiment)`);
    }
    const x = p.data;
    if (x.steps > 0 && x.gapQ !== null && !(x.gapQ >= 0 && x.gapQ <= 1))
      throw bad(`${where}: gapQ ${x.gapQ} is outside [0, 1]`);
    const res: ReplicateResult = {
      r: x.r,
      n: x.n,
      steps: x.steps,
      giant: nanOf(x.giant),
      second: nanOf(x.second),
      susceptibility: nanOf(x.susceptibility),
      gapQ: x.gapQ === null ? NaN : x.gapQ,
    };
    if (typeof x.largest === 'string') {
      const b = Buffer.from(x.largest, 'base64');
      if (b.length !== (x.steps + 1) * 4)
        throw bad(`${where}: largest holds ${b.length} bytes, expected ${(x.steps + 1) * 4}`);
      const copy = new Uint8Array(b.length);
      copy.set(b);
      res.largest = new Int32Array(copy.buffer);
    }
    if (x.firstWrap !== undefined) {
      res.firstWrap = x.firstWrap;
      res.wrapMass = x.wrapMass ?? 0;
    }
    return { result: res, check: x.check };
  };
}

/**
 * The open checkpoint: where to append and under which fingerprint.
 *
 * @category Ensembles
 */
export interface OpenCheckpoint {
  path: string;
  fingerprint: string;
  /** Finished replicates found on resume, by index (only r < runs). */
  done: Map<number, ReplicateResult>;
  /** A torn final line (a write cut by a kill) was dropped. */
  droppedTornLine: boolean;
}

/**
 * Open a checkpoint. Without `resume` the file is (re)created with the header. With `resume`, an existing file
 * must be a checkpoint of the same experiment — same fingerprint — and every replicate line must pass its schema
 * and its checksum; its replicates r < runs are returned. A final line without its newline (a write torn by a
 * kill) is dropped; the file is then rewritten atomically (temp + rename) without it, with `runs` updated. A
 * missing file with `resume` starts a new checkpoint.
 *
 * @param path - the NDJSON file.
 * @param experiment - the identity of this run.
 * @param runs - the number of replicates of this run.
 * @param resume - reuse finished replicates.
 * @returns {@link OpenCheckpoint}.
 * @throws FragilityInputError naming `--checkpoint` when the header is not a v2 header, the experiment differs
 *   (naming the first differing field and both values), or a line is corrupt (naming the line and the problem).
 *
 * @complexity O(size of the file).
 *
 * @model append-only log bound to {@link experimentFingerprint}.
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const ck = openCheckpoint('run.ndjson', identity, 100, true);
 * ```
 *
 * @category Ensembles
 */
export function openCheckpoint(
  path: string,
  experiment: ExperimentIdentity,
  runs: number,
  resume: boolean,
): OpenCheckpoint {
  const fingerprint = experimentFingerprint(experiment);
  const header: CheckpointHeader = { type: 'header', format: CHECKPOINT_FORMAT, fingerprint, runs, experiment };
  const done = new Map<number, ReplicateResult>();
  const field = '--checkpoint';
  if (!resume || !fs().existsSync(path)) {
    writeFileAtomic(path, JSON.stringify(header) + '\n', field);
    return { path, fingerprint, done, droppedTornLine: false };
  }
  const bad = (what: string) =>
    new FragilityInputError(field, path, `a checkpoint of this experiment (${CHECKPOINT_FORMAT})`, what);
  // Read line by line in 1 MiB chunks: a checkpoint of many replicates can exceed the largest string V8 makes.
  const lines = readLines(path, MAX_CHECKPOINT_LINE, (i) =>
    bad(`line ${i} is longer than ${MAX_CHECKPOINT_LINE} characters`),
  );
  const headerLine = lines.next();
  if (headerLine.done || !headerLine.value.complete) throw bad('line 1 is not a JSON header');
  let first: unknown;
  try {
    first = JSON.parse(headerLine.value.line);
  } catch {
    throw bad('line 1 is not a JSON header');
  }
  const fmt = (first as { format?: unknown })?.format;
  if (typeof fmt === 'string' && fmt !== CHECKPOINT_FORMAT && fmt.startsWith('fragility-sweep-checkpoint/')) {
    throw bad(`it was written in format ${fmt}, which does not record the graph content; start a new checkpoint`);
  }
  const h = headerSchema.safeParse(first);
  if (!h.success) throw bad(`line 1 is not a valid header (${zodWhere(h.error)})`);
  if (experimentFingerprint(h.data.experiment as ExperimentIdentity) !== h.data.fingerprint) {
    throw bad('line 1: the header fingerprint does not match its experiment (the header was edited or damaged)');
  }
  if (h.data.fingerprint !== fingerprint) {
    const d = firstJsonDifference(h.data.experiment, experiment, '');
    const where = d
      ? `${d.path} differs: the file has ${shortJson(d.a)}, this run has ${shortJson(d.b)}`
      : 'the experiment differs';
    throw new FragilityInputError(
      field,
      path,
      'a checkpoint written by the same experiment (same graph content, seed and replicate options)',
      where,
    );
  }

  const parseLine = replicateLineParser(experiment, fingerprint, bad);
  // The file is rewritten as it is read (temporary file, renamed at the end): header with this run's `runs`, every
  // valid line once, without a torn last line.
  const out = openAtomicFile(path, field);
  let droppedTornLine = false;
  try {
    out.write(JSON.stringify(header) + '\n');
    const seen = new Map<number, string>();
    let i = 1;
    for (const { line, complete } of lines) {
      i++;
      if (!complete) {
        droppedTornLine = line !== '';
        break;
      }
      if (line.trim() === '') continue;
      const where = `line ${i}`;
      const { result: res, check } = parseLine(line, where);
      const prevCheck = seen.get(res.r);
      if (prevCheck !== undefined) {
        if (prevCheck !== check) throw bad(`${where}: replicate ${res.r} appears twice with different numbers`);
        continue;
      }
      seen.set(res.r, check);
      out.write(line + '\n');
      if (res.r >= runs) continue; // kept in the file for a later resume with more runs
      done.set(res.r, res);
    }
  } catch (err) {
    out.abort();
    throw err;
  }
  out.commit();
  return { path, fingerprint, done, droppedTornLine };
}

/**
 * Append one finished replicate to a checkpoint, synchronously, so it is on disk before the next one is reported.
 * Appending (not write-and-rename) is deliberate: the log grows by one line per replicate; a kill can only tear
 * the last line, which {@link openCheckpoint} detects and drops.
 *
 * @param ck - the checkpoint opened by {@link openCheckpoint}.
 * @param res - the replicate result.
 *
 * @complexity O(size of the line).
 *
 * @model append-only log.
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * appendCheckpoint(ck, res);
 * ```
 *
 * @category Ensembles
 */
export function appendCheckpoint(ck: OpenCheckpoint, res: ReplicateResult): void {
  fs().appendFileSync(ck.path, replicateToLine(res, ck.fingerprint) + '\n');
}
