/**
 * Shards of a **study**: a command whose Monte Carlo work is an ordered list of ensembles (a finite-size study: one
 * ensemble per lattice size; any command built from runEnsemble calls). The generic "replicate list → shard →
 * merge" of issue 19: shard i of N runs, in every ensemble of the list, the replicates r with r mod N = i (replicate r
 * of ensemble b draws from stream(seed_b, r) only, so nothing depends on N), and the merge reduces each ensemble in
 * replicate order — the same doubles as the unsharded run.
 *
 * File format (NDJSON, the checkpoint format of each ensemble under a study header):
 *
 * ```
 * {"type":"study","format":"fragility-study-shard/1","fingerprint":F,"command":C,"shard":{"index":i,"count":N},
 *  "experiments":[{"label":…,"fingerprint":…,"runs":…},…],"output":{…},"check":…}
 * <ensemble 0's shard header (fragility-sweep-checkpoint/2, see shard.ts)>
 * <its replicate lines, increasing r>
 * <ensemble 1's shard header> …
 * ```
 *
 * F = SHA-256 of the canonical JSON of the command, the experiments (each ensemble's fingerprint, runs, reduction)
 * and `output` (what the command's report needs, e.g. the options of the final fit). Every section must be the
 * ensemble the study header names at its position, with the study's shard descriptor.
 *
 * @module
 */
import { nodeBuiltin } from '../node-only.ts';
import { FragilityInputError } from '../errors.ts';
import { MAX_CHECKPOINT_LINE, canonicalJson, lineCheck, readLines } from './checkpoint.ts';
import { type EnsembleOptions, type EnsembleResult, type ReplicateSelection, reduceEnsemble } from './ensemble.ts';
import {
  type EnsembleShard,
  ReplicateMerge,
  checkedHeaderLine,
  writeLinesAtomic,
  integerRanges,
  missingShardsHint,
  parseShardHeader,
  runEnsembleShard,
  shardLines,
  shardReplicates,
} from './shard.ts';

const fs = () => nodeBuiltin('node:fs', 'study shard files');

/**
 * The format tag of a study shard's first line.
 *
 * @category Ensembles
 */
export const STUDY_FORMAT = 'fragility-study-shard/1';

/**
 * One ensemble of a study.
 *
 * @category Ensembles
 */
export interface StudyEnsemble {
  /** A short name for messages, e.g. `L=64`. */
  label: string;
  options: EnsembleOptions;
}

/**
 * A family of independent runs that are not percolation sweeps (e.g. overload simulations): run r's value is a
 * JSON value that depends on (family, identity, r) only. `family` names the computation (a queue worker looks it up
 * by that name and rebuilds it from `identity`).
 *
 * @category Ensembles
 */
export interface StudyRuns {
  label: string;
  family: string;
  /** Everything that changes a value (JSON-safe); with `family` it makes the fingerprint. */
  identity: Record<string, unknown>;
  runs: number;
  /** Values of the runs `rs` (JSON-safe), in the order of `rs`. */
  compute(rs: number[]): Promise<unknown[]>;
}

/**
 * A study: the command, what its report needs, its ensembles and its run families, in order.
 *
 * @category Ensembles
 */
export interface StudyPlan {
  command: string;
  output: Record<string, unknown>;
  ensembles: StudyEnsemble[];
  runFamilies?: StudyRuns[];
}

/** The fingerprint of a run family: SHA-256 of the canonical JSON of its family name and identity. */
export function runsFingerprint(family: string, identity: Record<string, unknown>): string {
  return nodeBuiltin('node:crypto', 'study fingerprints')
    .createHash('sha256')
    .update(canonicalJson({ kind: 'runs', family, identity }))
    .digest('hex');
}

/**
 * A computed shard of a run family.
 *
 * @category Ensembles
 */
export interface RunsShard {
  label: string;
  family: string;
  identity: Record<string, unknown>;
  fingerprint: string;
  runs: number;
  /** `[r, value]` of the shard's runs, increasing r. */
  values: [number, unknown][];
}

function runsHeaderLine(s: RunsShard, shard: ReplicateSelection): string {
  return checkedHeaderLine(s.fingerprint, {
    type: 'runs',
    family: s.family,
    fingerprint: s.fingerprint,
    runs: s.runs,
    identity: s.identity,
    shard: { index: shard.index, count: shard.count },
  }).line;
}

function runLine(fingerprint: string, r: number, value: unknown): string {
  return checkedHeaderLine(fingerprint, { type: 'run', r, value }).line;
}

/**
 * The first line of a study shard.
 *
 * @category Ensembles
 */
export interface StudyHeader {
  type: 'study';
  format: typeof STUDY_FORMAT;
  fingerprint: string;
  command: string;
  shard: ReplicateSelection;
  /** The ensembles, then the run families (`kind: 'runs'`), in the order of their sections. */
  experiments: { label: string; fingerprint: string; runs: number; reduction: unknown; kind?: 'runs' }[];
  output: Record<string, unknown>;
  check: string;
}

/**
 * A computed study shard.
 *
 * @category Ensembles
 */
export interface StudyShard {
  header: StudyHeader;
  sections: EnsembleShard[];
  runSections: RunsShard[];
}

function studyFingerprint(
  command: string,
  experiments: StudyHeader['experiments'],
  output: Record<string, unknown>,
): string {
  const body = canonicalJson({ format: STUDY_FORMAT, command, experiments, output });
  return nodeBuiltin('node:crypto', 'study fingerprints').createHash('sha256').update(body).digest('hex');
}

function studyHeaderLine(h: Omit<StudyHeader, 'check'>): { line: string; check: string } {
  return checkedHeaderLine(h.fingerprint, {
    type: h.type,
    format: h.format,
    fingerprint: h.fingerprint,
    command: h.command,
    shard: { index: h.shard.index, count: h.shard.count },
    experiments: h.experiments,
    output: h.output,
  });
}

/**
 * Compute shard i of N of a study: in each ensemble and each run family, the replicates (runs) r with r mod N = i.
 *
 * @param plan - the study.
 * @param shard - `{ index: i, count: N }`.
 * @param onPart - called before each ensemble and run family (progress).
 * @returns {@link StudyShard}.
 * @throws FragilityInputError as runEnsemble.
 *
 * @complexity Σ_b that of ⌈(R_b − i)/N⌉ replicates of ensemble b.
 *
 * @model replicate r of ensemble b depends on (seed_b, r) only.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const { ensembles } = finiteSizePlan({ lattice: 'square', sizes: [8, 12], runs: 6 });
 * const s = await runStudyShard({ command: 'fss', output: {}, ensembles }, { index: 0, count: 4 });
 * s.sections.map((x) => x.replicates.map((rep) => rep.r)); // [[0, 4], [0, 4]]
 * ```
 *
 * @category Ensembles
 */
export async function runStudyShard(
  plan: StudyPlan,
  shard: ReplicateSelection,
  onPart?: (b: number, label: string) => void,
): Promise<StudyShard> {
  const sections: EnsembleShard[] = [];
  for (let b = 0; b < plan.ensembles.length; b++) {
    const e = plan.ensembles[b];
    onPart?.(b, e.label);
    sections.push(await runEnsembleShard(e.options, shard, { study: plan.command, label: e.label }));
  }
  const runSections: RunsShard[] = [];
  for (const f of plan.runFamilies ?? []) {
    onPart?.(sections.length + runSections.length, f.label);
    const rs = shardReplicates(f.runs, shard);
    const values = rs.length > 0 ? await f.compute(rs) : [];
    runSections.push({
      label: f.label,
      family: f.family,
      identity: f.identity,
      fingerprint: runsFingerprint(f.family, f.identity),
      runs: f.runs,
      values: rs.map((r, k) => [r, values[k]]),
    });
  }
  const experiments: StudyHeader['experiments'] = [
    ...sections.map((s, b) => ({
      label: plan.ensembles[b].label,
      fingerprint: s.header.fingerprint,
      runs: s.header.runs,
      reduction: s.header.reduction,
    })),
    ...runSections.map((s) => ({
      label: s.label,
      fingerprint: s.fingerprint,
      runs: s.runs,
      reduction: null,
      kind: 'runs' as const,
    })),
  ];
  const partial: Omit<StudyHeader, 'check'> = {
    type: 'study',
    format: STUDY_FORMAT,
    fingerprint: studyFingerprint(plan.command, experiments, plan.output),
    command: plan.command,
    shard: { index: shard.index, count: shard.count },
    experiments,
    output: plan.output,
  };
  return { header: { ...partial, check: studyHeaderLine(partial).check }, sections, runSections };
}

/**
 * The lines of a study shard (without newlines): the study header, then each ensemble's shard lines.
 *
 * @param s - the shard.
 * @returns a generator of lines.
 *
 * @complexity O(size of the shard).
 *
 * @model NDJSON (module notes).
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const { ensembles } = finiteSizePlan({ lattice: 'square', sizes: [8, 12], runs: 6 });
 * const s = await runStudyShard({ command: 'fss', output: {}, ensembles }, { index: 1, count: 4 });
 * [...studyShardLines(s)].length; // 7 (a study header, then per size a shard header and replicates 1 and 5)
 * ```
 *
 * @category Ensembles
 */
export function* studyShardLines(s: StudyShard): Generator<string> {
  const { check: _c, ...partial } = s.header;
  yield studyHeaderLine(partial).line;
  for (const sec of s.sections) yield* shardLines(sec);
  for (const sec of s.runSections) {
    yield runsHeaderLine(sec, s.header.shard);
    for (const [r, v] of sec.values) yield runLine(sec.fingerprint, r, v);
  }
}

/**
 * Write a study shard atomically (temporary file renamed when complete).
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
 * const { ensembles } = finiteSizePlan({ lattice: 'square', sizes: [8, 12], runs: 6 });
 * writeStudyShard(await runStudyShard({ command: 'fss', output: {}, ensembles }, { index: 0, count: 2 }), 'fss-0.ndjson');
 * isStudyShardFile('fss-0.ndjson'); // true
 * ```
 *
 * @category Ensembles
 */
export function writeStudyShard(s: StudyShard, path: string, field = '--shard-out'): void {
  writeLinesAtomic(path, field, studyShardLines(s));
}

/**
 * Whether a file starts with a study header (so `fragility merge` dispatches to {@link mergeStudyShards}).
 *
 * @param path - the file.
 * @returns true when line 1 is JSON with `"type":"study"`.
 *
 * @complexity O(length of line 1).
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * isStudyShardFile('s0.ndjson'); // false (an ensemble shard: its header is not a study header)
 * ```
 *
 * @category Ensembles
 */
export function isStudyShardFile(path: string): boolean {
  if (!fs().existsSync(path)) return false;
  const first = readLines(path, MAX_CHECKPOINT_LINE, () => new Error('too long')).next();
  if (first.done) return false;
  try {
    return (JSON.parse(first.value.line) as { type?: unknown })?.type === 'study';
  } catch {
    return false;
  }
}

function parseStudyHeader(line: string, bad: (what: string) => FragilityInputError): StudyHeader {
  let o: StudyHeader;
  try {
    o = JSON.parse(line) as StudyHeader;
  } catch {
    throw bad('line 1 is not a JSON study header');
  }
  if (o?.format !== STUDY_FORMAT) throw bad(`line 1: format ${JSON.stringify(o?.format)}, expected ${STUDY_FORMAT}`);
  const okShard =
    o.shard &&
    Number.isSafeInteger(o.shard.index) &&
    Number.isSafeInteger(o.shard.count) &&
    o.shard.index >= 0 &&
    o.shard.index < o.shard.count;
  const okExps =
    Array.isArray(o.experiments) &&
    o.experiments.every(
      (e) =>
        e &&
        typeof e.fingerprint === 'string' &&
        Number.isSafeInteger(e.runs) &&
        e.runs >= 1 &&
        typeof e.label === 'string',
    );
  if (
    typeof o.fingerprint !== 'string' ||
    typeof o.command !== 'string' ||
    !okShard ||
    !okExps ||
    !o.output ||
    typeof o.output !== 'object'
  ) {
    throw bad('line 1 is not a valid study header (fingerprint, command, shard, experiments or output missing)');
  }
  const cut = line.lastIndexOf(',"check":"');
  if (cut < 0 || lineCheck(o.fingerprint, line.slice(0, cut)) !== o.check)
    throw bad('line 1 fails its checksum (the header was edited or damaged)');
  if (studyFingerprint(o.command, o.experiments, o.output) !== o.fingerprint)
    throw bad('line 1: the study fingerprint does not match its experiments (the header was edited or damaged)');
  return o;
}

/** The first differing path of two study headers (command, experiments, output). */
function studyDifference(a: StudyHeader, b: StudyHeader): string {
  if (a.command !== b.command)
    return `command differs: this file has ${JSON.stringify(a.command)}, the first has ${JSON.stringify(b.command)}`;
  if (a.experiments.length !== b.experiments.length)
    return `the number of experiments differs: ${a.experiments.length} against ${b.experiments.length}`;
  for (let i = 0; i < a.experiments.length; i++) {
    const x = a.experiments[i];
    const y = b.experiments[i];
    if (
      x.fingerprint !== y.fingerprint ||
      x.runs !== y.runs ||
      canonicalJson(x.reduction) !== canonicalJson(y.reduction)
    ) {
      return `experiment ${i + 1} (${x.label}) differs from the first file's (${y.label}): ${x.fingerprint !== y.fingerprint ? `fingerprint ${x.fingerprint.slice(0, 16)}… against ${y.fingerprint.slice(0, 16)}…` : x.runs !== y.runs ? `runs ${x.runs} against ${y.runs}` : 'reduction options'}`;
    }
  }
  for (const k of [...new Set([...Object.keys(a.output), ...Object.keys(b.output)])].sort()) {
    const va = canonicalJson(a.output[k]);
    const vb = canonicalJson(b.output[k]);
    if (va !== vb) return `output.${k} differs: this file has ${va ?? 'nothing'}, the first has ${vb ?? 'nothing'}`;
  }
  return 'the study fingerprint differs';
}

/**
 * Merge study shard files into each ensemble's result, checking the study header of every file (format, checksum,
 * fingerprint; the same study in every file: exit 2 naming the first difference), that each section is the ensemble
 * the header names with the file's shard descriptor, every replicate line (schema, checksum, shard membership), and
 * completeness of every ensemble (missing or conflicting replicates: exit 2 naming the ensemble and the indices).
 *
 * @param paths - the shard files (any order; shards of different N may be mixed if together complete).
 * @param field - the name in error messages (default `merge`).
 * @returns the first file's study header and the reduced ensembles, in the study's order.
 * @throws FragilityInputError (exit 2) as described.
 *
 * @complexity O(total size) plus each ensemble's reduction.
 *
 * @model as mergeShardFiles, per ensemble.
 *
 * @references NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const { ensembles } = finiteSizePlan({ lattice: 'square', sizes: [8, 12], runs: 6 });
 * for (const index of [0, 1]) writeStudyShard(await runStudyShard({ command: 'fss', output: {}, ensembles }, { index, count: 2 }), `fss-${index}.ndjson`);
 * const { header, results } = mergeStudyShards(['fss-0.ndjson', 'fss-1.ndjson']);
 * results.map((x) => x.runs); // [6, 6]
 * ```
 *
 * @category Ensembles
 */
export function mergeStudyShards(
  paths: string[],
  field = 'merge',
): { header: StudyHeader; results: EnsembleResult[]; values: unknown[][] } {
  if (paths.length === 0) throw new FragilityInputError(field, [], 'one or more shard files');
  let ref: StudyHeader | undefined;
  let accs: ReplicateMerge[] = [];
  let runAccs: RunsMerge[] = [];
  for (const path of paths) {
    const bad = (what: string) => new FragilityInputError(field, path, `a study shard file (${STUDY_FORMAT})`, what);
    if (!fs().existsSync(path)) throw new FragilityInputError(field, path, 'an existing shard file', 'no such file');
    const lines = readLines(path, MAX_CHECKPOINT_LINE, (i) =>
      bad(`line ${i} is longer than ${MAX_CHECKPOINT_LINE} characters`),
    );
    const first = lines.next();
    if (first.done || !first.value.complete) throw bad('line 1 is not a study header (the file is empty or cut)');
    const h = parseStudyHeader(first.value.line, bad);
    if (!ref) {
      ref = h;
      const label = (b: number) => `experiment ${b + 1} of ${h.experiments.length} (${h.experiments[b].label}): `;
      accs = h.experiments.flatMap((e, b) => (e.kind === 'runs' ? [] : [new ReplicateMerge(field, label(b))]));
      runAccs = h.experiments.flatMap((e, b) => (e.kind === 'runs' ? [new RunsMerge(field, label(b), e.runs)] : []));
    } else if (h.fingerprint !== ref.fingerprint) {
      throw new FragilityInputError(
        field,
        path,
        `a shard of the study of ${JSON.stringify(paths[0])} (same command, experiments and report options)`,
        studyDifference(h, ref),
      );
    }
    let b = -1;
    let parse: ReturnType<ReplicateMerge['section']> | undefined;
    let runs: { acc: RunsMerge; fingerprint: string } | undefined;
    let i = 1;
    for (const { line, complete } of lines) {
      i++;
      const where = `line ${i}`;
      if (!complete) throw bad(`${where} has no newline (the file was cut while written)`);
      if (line.trim() === '') continue;
      if (line.startsWith('{"type":"runs"')) {
        b++;
        const want = h.experiments[b];
        if (want?.kind !== 'runs')
          throw bad(`${where}: a run-family section where the study header names ${want ? 'an ensemble' : 'nothing'}`);
        const rh = parseRunsHeader(line, where, bad);
        if (rh.fingerprint !== want.fingerprint || rh.runs !== want.runs)
          throw bad(`${where}: section ${b + 1} is not experiment ${b + 1} (${want.label}) of the study header`);
        if (rh.shard.index !== h.shard.index || rh.shard.count !== h.shard.count)
          throw bad(
            `${where}: section ${b + 1} is shard ${rh.shard.index}/${rh.shard.count}, the file is shard ${h.shard.index}/${h.shard.count}`,
          );
        runs = {
          acc: runAccs[h.experiments.slice(0, b).filter((e) => e.kind === 'runs').length],
          fingerprint: rh.fingerprint,
        };
        parse = undefined;
        continue;
      }
      if (runs) {
        runs.acc.add(parseRunLine(line, where, runs.fingerprint, bad), where, h.shard, bad);
        continue;
      }
      if (line.startsWith('{"type":"header"')) {
        b++;
        if (b >= h.experiments.length)
          throw bad(`${where}: a section beyond the ${h.experiments.length} experiments of the study header`);
        const sh = parseShardHeader(line, where, bad);
        const want = h.experiments[b];
        if (sh.fingerprint !== want.fingerprint || sh.runs !== want.runs)
          throw bad(`${where}: section ${b + 1} is not experiment ${b + 1} (${want.label}) of the study header`);
        if (sh.shard.index !== h.shard.index || sh.shard.count !== h.shard.count)
          throw bad(
            `${where}: section ${b + 1} is shard ${sh.shard.index}/${sh.shard.count}, the file is shard ${h.shard.index}/${h.shard.count}`,
          );
        parse = accs[b].section(path, sh, bad);
        continue;
      }
      if (!parse) throw bad(`${where}: a replicate line before the first section header`);
      accs[b].replicate(parse(line, where), where, bad);
    }
    if (b + 1 !== h.experiments.length)
      throw bad(`it holds ${b + 1} of the ${h.experiments.length} sections its header names (the file is incomplete)`);
  }
  const results = accs.map((acc) => {
    const all = acc.finish(paths.length);
    const sh = acc.header;
    return reduceEnsemble(all, sh.experiment, sh.reduction, { runs: sh.runs, resumed: 0, retries: 0 });
  });
  return { header: ref!, results, values: runAccs.map((acc) => acc.finish(paths.length)) };
}

function parseRunsHeader(
  line: string,
  where: string,
  bad: (what: string) => FragilityInputError,
): { fingerprint: string; runs: number; shard: ReplicateSelection } {
  let o: {
    family?: unknown;
    fingerprint?: unknown;
    runs?: unknown;
    identity?: unknown;
    shard?: { index?: unknown; count?: unknown };
    check?: unknown;
  };
  try {
    o = JSON.parse(line);
  } catch {
    throw bad(`${where} is not a JSON run-family header`);
  }
  const { family, fingerprint, runs, identity, shard } = o;
  if (
    typeof family !== 'string' ||
    typeof fingerprint !== 'string' ||
    !Number.isSafeInteger(runs) ||
    !identity ||
    typeof identity !== 'object' ||
    !shard ||
    !Number.isSafeInteger(shard.index) ||
    !Number.isSafeInteger(shard.count)
  ) {
    throw bad(`${where} is not a valid run-family header (family, fingerprint, runs, identity or shard missing)`);
  }
  const cut = line.lastIndexOf(',"check":"');
  if (cut < 0 || lineCheck(fingerprint, line.slice(0, cut)) !== o.check)
    throw bad(`${where} fails its checksum (the header was edited or damaged)`);
  if (runsFingerprint(family, identity as Record<string, unknown>) !== fingerprint)
    throw bad(`${where}: the fingerprint does not match the family's identity (the header was edited or damaged)`);
  return { fingerprint, runs: runs as number, shard: shard as ReplicateSelection };
}

function parseRunLine(
  line: string,
  where: string,
  fingerprint: string,
  bad: (what: string) => FragilityInputError,
): { r: number; value: unknown; check: string } {
  let o: { type?: unknown; r?: unknown; value?: unknown; check?: unknown };
  try {
    o = JSON.parse(line);
  } catch {
    throw bad(`${where} is not JSON (the file is damaged)`);
  }
  if (
    o?.type !== 'run' ||
    !Number.isSafeInteger(o.r) ||
    (o.r as number) < 0 ||
    !('value' in o) ||
    typeof o.check !== 'string'
  )
    throw bad(`${where} is not a valid run line`);
  const cut = line.lastIndexOf(',"check":"');
  if (cut < 0 || lineCheck(fingerprint, line.slice(0, cut)) !== o.check)
    throw bad(`${where} fails its checksum (damaged, edited, or copied from another experiment)`);
  return { r: o.r as number, value: o.value, check: o.check };
}

/** The values of one run family gathered from shard sections (membership, duplicates, completeness). */
class RunsMerge {
  private readonly values: unknown[];
  private readonly checks: (string | undefined)[] = [];
  private readonly conflicts = new Set<number>();
  private readonly counts = new Set<number>();

  constructor(
    private readonly field: string,
    private readonly label: string,
    private readonly runs: number,
  ) {
    this.values = new Array(runs);
  }

  add(
    x: { r: number; value: unknown; check: string },
    where: string,
    shard: ReplicateSelection,
    bad: (what: string) => FragilityInputError,
  ): void {
    this.counts.add(shard.count);
    if (x.r >= this.runs) throw bad(`${where}: run ${x.r} is outside 0 … ${this.runs - 1} (runs ${this.runs})`);
    if (x.r % shard.count !== shard.index)
      throw bad(
        `${where}: run ${x.r} does not belong to shard ${shard.index}/${shard.count} (r mod ${shard.count} = ${x.r % shard.count})`,
      );
    const prev = this.checks[x.r];
    if (prev !== undefined) {
      if (prev !== x.check) this.conflicts.add(x.r);
      return;
    }
    this.checks[x.r] = x.check;
    this.values[x.r] = x.value;
  }

  finish(files: number): unknown[] {
    const what = `${files} file${files > 1 ? 's' : ''}`;
    if (this.conflicts.size > 0) {
      const rs = [...this.conflicts].sort((a, b) => a - b);
      throw new FragilityInputError(
        this.field,
        what,
        'shards whose common runs carry the same values',
        `${this.label}run${rs.length > 1 ? 's' : ''} ${integerRanges(rs)} appear${rs.length > 1 ? '' : 's'} twice with different values`,
      );
    }
    const missing: number[] = [];
    for (let r = 0; r < this.runs; r++) if (this.checks[r] === undefined) missing.push(r);
    if (missing.length > 0) {
      const hint = missingShardsHint(missing, this.counts);
      throw new FragilityInputError(
        this.field,
        what,
        `every run 0-${this.runs - 1} of the family (runs ${this.runs})`,
        `${this.label}run${missing.length > 1 ? 's' : ''} ${integerRanges(missing)} ${missing.length > 1 ? 'are' : 'is'} missing${hint}`,
      );
    }
    return this.values;
  }
}
