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
import { openAtomicFile } from '../atomic-write.ts';
import { FragilityInputError } from '../errors.ts';
import { MAX_CHECKPOINT_LINE, canonicalJson, lineCheck, readLines } from './checkpoint.ts';
import { type EnsembleOptions, type EnsembleResult, type ReplicateSelection, reduceEnsemble } from './ensemble.ts';
import { type EnsembleShard, ReplicateMerge, parseShardHeader, runEnsembleShard, shardLines } from './shard.ts';

const fs = () => nodeBuiltin('node:fs', 'study shard files');

/** The format tag of a study shard's first line. */
export const STUDY_FORMAT = 'fragility-study-shard/1';

/** One ensemble of a study. */
export interface StudyEnsemble {
  /** A short name for messages, e.g. `L=64`. */
  label: string;
  options: EnsembleOptions;
}

/** A study: the command, what its report needs, and its ensembles in order. */
export interface StudyPlan {
  command: string;
  output: Record<string, unknown>;
  ensembles: StudyEnsemble[];
}

/** The first line of a study shard. */
export interface StudyHeader {
  type: 'study';
  format: typeof STUDY_FORMAT;
  fingerprint: string;
  command: string;
  shard: ReplicateSelection;
  experiments: { label: string; fingerprint: string; runs: number; reduction: unknown }[];
  output: Record<string, unknown>;
  check: string;
}

/** A computed study shard. */
export interface StudyShard {
  header: StudyHeader;
  sections: EnsembleShard[];
}

function studyFingerprint(command: string, experiments: StudyHeader['experiments'], output: Record<string, unknown>): string {
  const body = canonicalJson({ format: STUDY_FORMAT, command, experiments, output });
  return nodeBuiltin('node:crypto', 'study fingerprints').createHash('sha256').update(body).digest('hex');
}

function studyHeaderLine(h: Omit<StudyHeader, 'check'>): { line: string; check: string } {
  const body = JSON.stringify({
    type: h.type,
    format: h.format,
    fingerprint: h.fingerprint,
    command: h.command,
    shard: { index: h.shard.index, count: h.shard.count },
    experiments: h.experiments,
    output: h.output,
  }).slice(0, -1);
  const check = lineCheck(h.fingerprint, body);
  return { line: `${body},"check":"${check}"}`, check };
}

/**
 * Compute shard i of N of a study: in each ensemble, the replicates r with r mod N = i.
 *
 * @param plan - the study.
 * @param shard - `{ index: i, count: N }`.
 * @param onEnsemble - called before each ensemble (progress).
 * @returns {@link StudyShard}.
 * @throws FragilityInputError as runEnsemble.
 *
 * **Complexity** Σ_b that of ⌈(R_b − i)/N⌉ replicates of ensemble b.
 *
 * **Model** replicate r of ensemble b depends on (seed_b, r) only.
 *
 * **References** Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706.
 *
 * @example
 * ```ts
 * const s = await runStudyShard({ command: 'fss', output: {}, ensembles }, { index: 0, count: 4 });
 * ```
 */
export async function runStudyShard(plan: StudyPlan, shard: ReplicateSelection, onEnsemble?: (b: number, e: StudyEnsemble) => void): Promise<StudyShard> {
  const sections: EnsembleShard[] = [];
  for (let b = 0; b < plan.ensembles.length; b++) {
    const e = plan.ensembles[b];
    onEnsemble?.(b, e);
    sections.push(await runEnsembleShard(e.options, shard, { study: plan.command, label: e.label }));
  }
  const experiments = sections.map((s, b) => ({ label: plan.ensembles[b].label, fingerprint: s.header.fingerprint, runs: s.header.runs, reduction: s.header.reduction }));
  const partial: Omit<StudyHeader, 'check'> = {
    type: 'study',
    format: STUDY_FORMAT,
    fingerprint: studyFingerprint(plan.command, experiments, plan.output),
    command: plan.command,
    shard: { index: shard.index, count: shard.count },
    experiments,
    output: plan.output,
  };
  return { header: { ...partial, check: studyHeaderLine(partial).check }, sections };
}

/**
 * The lines of a study shard (without newlines): the study header, then each ensemble's shard lines.
 *
 * @param s - the shard.
 * @returns a generator of lines.
 *
 * **Complexity** O(size of the shard).
 *
 * **Model** NDJSON (module notes).
 *
 * **References** NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * for (const line of studyShardLines(s)) process.stdout.write(line + '\n');
 * ```
 */
export function* studyShardLines(s: StudyShard): Generator<string> {
  const { check: _c, ...partial } = s.header;
  yield studyHeaderLine(partial).line;
  for (const sec of s.sections) yield* shardLines(sec);
}

/**
 * Write a study shard atomically (temporary file renamed when complete).
 *
 * @param s - the shard.
 * @param path - the file.
 * @param field - the option named in errors (default `--shard-out`).
 * @throws FragilityInputError (exit 2) when the file cannot be written.
 *
 * **Complexity** O(size of the shard).
 *
 * **Model** write-temp-then-rename.
 *
 * **References** POSIX rename(2).
 *
 * @example
 * ```ts
 * writeStudyShard(s, 'fss-0.ndjson');
 * ```
 */
export function writeStudyShard(s: StudyShard, path: string, field = '--shard-out'): void {
  const out = openAtomicFile(path, field);
  try {
    for (const line of studyShardLines(s)) out.write(line + '\n');
  } catch (err) {
    out.abort();
    throw err;
  }
  out.commit();
}

/**
 * Whether a file starts with a study header (so `fragility merge` dispatches to {@link mergeStudyShards}).
 *
 * @param path - the file.
 * @returns true when line 1 is JSON with `"type":"study"`.
 *
 * **Complexity** O(length of line 1).
 *
 * **Model** —
 *
 * **References** —
 *
 * @example
 * ```ts
 * isStudyShardFile('fss-0.ndjson'); // true
 * ```
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
  const okShard = o.shard && Number.isSafeInteger(o.shard.index) && Number.isSafeInteger(o.shard.count) && o.shard.index >= 0 && o.shard.index < o.shard.count;
  const okExps = Array.isArray(o.experiments) && o.experiments.every((e) => e && typeof e.fingerprint === 'string' && Number.isSafeInteger(e.runs) && e.runs >= 1 && typeof e.label === 'string');
  if (typeof o.fingerprint !== 'string' || typeof o.command !== 'string' || !okShard || !okExps || !o.output || typeof o.output !== 'object') {
    throw bad('line 1 is not a valid study header (fingerprint, command, shard, experiments or output missing)');
  }
  const cut = line.lastIndexOf(',"check":"');
  if (cut < 0 || lineCheck(o.fingerprint, line.slice(0, cut)) !== o.check) throw bad('line 1 fails its checksum (the header was edited or damaged)');
  if (studyFingerprint(o.command, o.experiments, o.output) !== o.fingerprint) throw bad('line 1: the study fingerprint does not match its experiments (the header was edited or damaged)');
  return o;
}

/** The first differing path of two study headers (command, experiments, output). */
function studyDifference(a: StudyHeader, b: StudyHeader): string {
  if (a.command !== b.command) return `command differs: this file has ${JSON.stringify(a.command)}, the first has ${JSON.stringify(b.command)}`;
  if (a.experiments.length !== b.experiments.length) return `the number of experiments differs: ${a.experiments.length} against ${b.experiments.length}`;
  for (let i = 0; i < a.experiments.length; i++) {
    const x = a.experiments[i];
    const y = b.experiments[i];
    if (x.fingerprint !== y.fingerprint || x.runs !== y.runs || canonicalJson(x.reduction) !== canonicalJson(y.reduction)) {
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
 * **Complexity** O(total size) plus each ensemble's reduction.
 *
 * **Model** as mergeShardFiles, per ensemble.
 *
 * **References** NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const { header, results } = mergeStudyShards(['fss-0.ndjson', 'fss-1.ndjson']);
 * ```
 */
export function mergeStudyShards(paths: string[], field = 'merge'): { header: StudyHeader; results: EnsembleResult[] } {
  if (paths.length === 0) throw new FragilityInputError(field, [], 'one or more shard files');
  let ref: StudyHeader | undefined;
  let accs: ReplicateMerge[] = [];
  for (const path of paths) {
    const bad = (what: string) => new FragilityInputError(field, path, `a study shard file (${STUDY_FORMAT})`, what);
    if (!fs().existsSync(path)) throw new FragilityInputError(field, path, 'an existing shard file', 'no such file');
    const lines = readLines(path, MAX_CHECKPOINT_LINE, (i) => bad(`line ${i} is longer than ${MAX_CHECKPOINT_LINE} characters`));
    const first = lines.next();
    if (first.done || !first.value.complete) throw bad('line 1 is not a study header (the file is empty or cut)');
    const h = parseStudyHeader(first.value.line, bad);
    if (!ref) {
      ref = h;
      accs = h.experiments.map((e, b) => new ReplicateMerge(field, `experiment ${b + 1} of ${h.experiments.length} (${e.label}): `));
    } else if (h.fingerprint !== ref.fingerprint) {
      throw new FragilityInputError(field, path, `a shard of the study of ${JSON.stringify(paths[0])} (same command, experiments and report options)`, studyDifference(h, ref));
    }
    let b = -1;
    let parse: ReturnType<ReplicateMerge['section']> | undefined;
    let i = 1;
    for (const { line, complete } of lines) {
      i++;
      const where = `line ${i}`;
      if (!complete) throw bad(`${where} has no newline (the file was cut while written)`);
      if (line.trim() === '') continue;
      if (line.startsWith('{"type":"header"')) {
        b++;
        if (b >= h.experiments.length) throw bad(`${where}: a section beyond the ${h.experiments.length} experiments of the study header`);
        const sh = parseShardHeader(line, where, bad);
        const want = h.experiments[b];
        if (sh.fingerprint !== want.fingerprint || sh.runs !== want.runs) throw bad(`${where}: section ${b + 1} is not experiment ${b + 1} (${want.label}) of the study header`);
        if (sh.shard.index !== h.shard.index || sh.shard.count !== h.shard.count) throw bad(`${where}: section ${b + 1} is shard ${sh.shard.index}/${sh.shard.count}, the file is shard ${h.shard.index}/${h.shard.count}`);
        parse = accs[b].section(path, sh, bad);
        continue;
      }
      if (!parse) throw bad(`${where}: a replicate line before the first section header`);
      accs[b].replicate(parse(line, where), where, bad);
    }
    if (b + 1 !== h.experiments.length) throw bad(`it holds ${b + 1} of the ${h.experiments.length} sections its header names (the file is incomplete)`);
  }
  const results = accs.map((acc) => {
    const all = acc.finish(paths.length);
    const sh = acc.header;
    return reduceEnsemble(all, sh.experiment, sh.reduction, { runs: sh.runs, resumed: 0, retries: 0 });
  });
  return { header: ref!, results };
}
