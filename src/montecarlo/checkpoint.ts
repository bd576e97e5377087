/**
 * NDJSON checkpoints of ensemble runs: one header line, then one line per finished replicate, appended (and
 * flushed) as soon as the replicate finishes, so a killed run loses at most the replicates in flight.
 *
 * @module
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FragilityInputError } from '../errors.ts';
import type { ReplicateResult } from './replicate.ts';

/** The format tag written in every header. */
export const CHECKPOINT_FORMAT = 'fragility-sweep-checkpoint/1';

/** Identity of a run: resuming is allowed only when every field matches. */
export interface CheckpointHeader {
  /** Graph spec or fingerprint. */
  spec: string;
  seed: number;
  mode: string;
  order: string;
  runs: number;
  /** The q values of the canonical averages (grid then `at`). */
  qs: number[];
  /** Whether replicate lines carry the microcanonical sequence. */
  microcanonical: boolean;
  /** The lattice whose wrapping each replicate records (absent without the wrapping estimator). */
  wrapping?: string;
}

/**
 * Serialise a replicate result as one NDJSON line. Doubles round-trip exactly through JSON (shortest round-trip
 * representation), so a resumed run is bit-identical; the optional microcanonical sequence is base64 of its bytes.
 *
 * @param res - the replicate result.
 * @returns one line of JSON (no newline).
 *
 * **Complexity** O(|qs| + steps).
 *
 * **Model** `{"type":"replicate","r":…,"n":…,"steps":…,"giant":[…],"second":[…],"susceptibility":[…],"gapQ":…}`.
 *
 * **References** NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * appendFileSync(file, replicateToLine(res) + '\n');
 * ```
 */
export function replicateToLine(res: ReplicateResult): string {
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
  if (res.largest) o.largest = Buffer.from(res.largest.buffer, res.largest.byteOffset, res.largest.byteLength).toString('base64');
  if (res.firstWrap) {
    o.firstWrap = res.firstWrap;
    o.wrapMass = res.wrapMass;
  }
  return JSON.stringify(o);
}

function lineToReplicate(o: Record<string, unknown>): ReplicateResult {
  const res: ReplicateResult = {
    r: o.r as number,
    n: o.n as number,
    steps: o.steps as number,
    giant: Float64Array.from(o.giant as number[]),
    second: Float64Array.from(o.second as number[]),
    susceptibility: Float64Array.from(o.susceptibility as number[]),
    gapQ: o.gapQ as number,
  };
  if (typeof o.largest === 'string') {
    const b = Buffer.from(o.largest, 'base64');
    const copy = new Uint8Array(b.length);
    copy.set(b);
    res.largest = new Int32Array(copy.buffer);
  }
  if (Array.isArray(o.firstWrap)) {
    res.firstWrap = o.firstWrap as number[];
    res.wrapMass = o.wrapMass as number;
  }
  return res;
}

/**
 * Open a checkpoint. Without `resume` the file is (re)created with the header. With `resume` an existing file's
 * header must equal `header` field by field (else a FragilityInputError naming `checkpoint` and the mismatching
 * field); its replicate lines are returned, a torn last line (a run killed mid-write) is dropped and the file is
 * rewritten without it. A missing file with `resume` simply starts a new checkpoint.
 *
 * @param path - the NDJSON file.
 * @param header - the identity of the run.
 * @param resume - reuse finished replicates.
 * @returns the finished replicates found (empty without resume).
 *
 * **Complexity** O(size of the file).
 *
 * **Model** append-only log; the header pins (spec, seed, mode, order, runs, q grid).
 *
 * **References** NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * const done = openCheckpoint('run.ndjson', header, true);
 * ```
 */
export function openCheckpoint(path: string, header: CheckpointHeader, resume: boolean): Map<number, ReplicateResult> {
  const done = new Map<number, ReplicateResult>();
  const headerLine = JSON.stringify({ type: 'header', format: CHECKPOINT_FORMAT, ...header });
  if (!resume || !existsSync(path)) {
    writeFileSync(path, headerLine + '\n');
    return done;
  }
  const lines = readFileSync(path, 'utf8').split('\n');
  let first: Record<string, unknown>;
  try {
    first = JSON.parse(lines[0]);
  } catch {
    throw new FragilityInputError('checkpoint', path, `an NDJSON checkpoint starting with a ${CHECKPOINT_FORMAT} header`);
  }
  if (first.type !== 'header' || first.format !== CHECKPOINT_FORMAT) {
    throw new FragilityInputError('checkpoint', path, `an NDJSON checkpoint starting with a ${CHECKPOINT_FORMAT} header`);
  }
  for (const key of Object.keys(header) as (keyof CheckpointHeader)[]) {
    if (JSON.stringify(first[key]) !== JSON.stringify(header[key])) {
      throw new FragilityInputError(
        'checkpoint',
        path,
        'a checkpoint written by the same sweep (same spec, seed, mode, order, runs, q grid)',
        `${key} differs: file has ${JSON.stringify(first[key])}, this run has ${JSON.stringify(header[key])}`,
      );
    }
  }
  const kept: string[] = [lines[0]];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line);
    } catch {
      if (i >= lines.length - 2) break; // torn final line of a killed run
      throw new FragilityInputError('checkpoint', path, 'a readable NDJSON checkpoint', `line ${i + 1} is not JSON`);
    }
    if (o.type !== 'replicate' || !Number.isInteger(o.r) || (o.r as number) < 0 || (o.r as number) >= header.runs) continue;
    if (!done.has(o.r as number)) {
      done.set(o.r as number, lineToReplicate(o));
      kept.push(line);
    }
  }
  writeFileSync(path, kept.join('\n') + '\n');
  return done;
}

/**
 * Append one finished replicate to a checkpoint, synchronously, so it is on disk before the next one is reported.
 *
 * @param path - the NDJSON file opened by {@link openCheckpoint}.
 * @param res - the replicate result.
 *
 * **Complexity** O(size of the line).
 *
 * **Model** append-only log.
 *
 * **References** NDJSON, http://ndjson.org.
 *
 * @example
 * ```ts
 * appendCheckpoint('run.ndjson', res);
 * ```
 */
export function appendCheckpoint(path: string, res: ReplicateResult): void {
  appendFileSync(path, replicateToLine(res) + '\n');
}
