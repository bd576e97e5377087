/**
 * `.fgb`, fragility's binary graph format: a CompactGraph's arrays as they are in memory, for repeated experiments on
 * one large graph (read in one file read, no parsing, no CSR build).
 *
 * Layout (all integers little-endian, every section starts at a multiple of 4 bytes):
 *
 * | bytes | content |
 * |---|---|
 * | 0–3 | magic `FGB` + 0x1A |
 * | 4–7 | format version (uint32, 1) |
 * | 8–11 | n (uint32, ≤ 2^31 − 1) |
 * | 12–15 | m (uint32, ≤ 2^30 − 1) |
 * | 16–19 | flags (uint32): bit 0 roles present, bit 1 keys present; other bits 0 |
 * | 20–23 | byte length K of the keys section (0 without keys) |
 * | 24–27 | checksum of every byte from 32 to the end (uint32, see below) |
 * | 28–31 | 0 (reserved) |
 * | 32… | offsets (n + 1 int32), targets (2m int32), edgeSource (m int32), edgeTarget (m int32) |
 * | … | roles (n uint8, zero-padded to a multiple of 4), when flag bit 0 |
 * | … | keys: a JSON array of n strings in UTF-8 (K bytes, zero-padded to a multiple of 4), when flag bit 1 |
 *
 * Checksum: FNV-1a over the body taken as 32-bit little-endian words (h = (h ^ w) · 16777619 mod 2^32 per word,
 * starting from 2166136261), which a reader computes at memory speed; it detects truncation, bit flips and
 * overwritten blocks, not deliberate forgery. Besides the checksum a reader checks the file length against n, m and
 * the flags, that the offsets rise from 0 to 2m and that every target and endpoint is a node id, so that no array
 * access of a sweep can leave its array. Capacities are not stored.
 *
 * @module
 */
import { fnv1aWords } from '../numerics/hash.ts';
import { nodeBuiltin } from '../node-only.ts';
import { FragilityInputError } from '../errors.ts';
import { checkMemory } from '../resources.ts';
import { CompactGraph } from './compact-graph.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { checkEdgePolicy, hasRepeatedPair, type ImportEdgeOptions } from './edge-policy.ts';

/** File magic, `FGB\x1a`. */
const MAGIC = 0x1a424746;
/**
 * The version this reader writes and reads.
 *
 * @category Input and output
 */
export const FGB_VERSION = 1;
const HEADER = 32;
const FLAG_ROLES = 1;
const FLAG_KEYS = 2;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const pad4 = (x: number): number => (x + 3) & ~3;

/** FNV-1a over 32-bit words of `words` (see the module documentation). */
function checksum(words: Int32Array): number {
  return fnv1aWords(words);
}

/**
 * A graph in `.fgb` form (see the module documentation).
 *
 * @param g - the graph (capacities, if any, are not stored).
 * @returns the file's bytes.
 * @throws FragilityInputError on a big-endian platform (the format is little-endian and written from memory).
 *
 * @complexity O(n + m) time and memory (one copy of the arrays).
 *
 * @model the CompactGraph arrays verbatim, so that reading gives the same graph, edge order included.
 *
 * @references compressed sparse row, Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., SIAM (2003), §3.4.
 *
 * @example
 * ```ts
 * const bytes = encodeFgb(CompactGraph.fromPairs(3, [[0, 1], [1, 2]]));
 * decodeFgb(bytes).m; // 2
 * ```
 *
 * @category Input and output
 */
export function encodeFgb(g: CompactGraph): Uint8Array<ArrayBuffer> {
  if (!LITTLE_ENDIAN)
    throw new FragilityInputError('platform', 'big-endian', 'a little-endian platform for .fgb files');
  const keys = g.keys ? new TextEncoder().encode(JSON.stringify(g.keys)) : undefined;
  const rolesBytes = g.roles ? pad4(g.n) : 0;
  const keysBytes = keys ? pad4(keys.length) : 0;
  const words = g.n + 1 + 4 * g.m;
  const total = HEADER + 4 * words + rolesBytes + keysBytes;
  const out = new Uint8Array(total);
  const body = new Int32Array(out.buffer, HEADER, (total - HEADER) / 4);
  let w = 0;
  body.set(g.offsets, w);
  w += g.n + 1;
  body.set(g.targets, w);
  w += 2 * g.m;
  body.set(g.edgeSource, w);
  w += g.m;
  body.set(g.edgeTarget, w);
  w += g.m;
  let at = HEADER + 4 * w;
  if (g.roles) {
    out.set(g.roles, at);
    at += rolesBytes;
  }
  if (keys) out.set(keys, at);
  const head = new Uint32Array(out.buffer, 0, HEADER / 4);
  head[0] = MAGIC;
  head[1] = FGB_VERSION;
  head[2] = g.n;
  head[3] = g.m;
  head[4] = (g.roles ? FLAG_ROLES : 0) | (keys ? FLAG_KEYS : 0);
  head[5] = keys ? keys.length : 0;
  head[6] = checksum(body);
  return out;
}

/**
 * Read a graph from `.fgb` bytes, validating it (see the module documentation).
 *
 * @param bytes - the file's content; when its offset in its buffer is a multiple of 4 the graph's arrays are views of
 *   it (no copy).
 * @param source - name used in error messages.
 * @returns the graph.
 * @throws FragilityInputError naming `source` for a wrong magic or version, a length that does not match the header,
 *   a checksum mismatch, offsets that do not rise from 0 to 2m, or an id out of range.
 *
 * @complexity O(n + m) time, sequential reads only; no copy when aligned.
 *
 * @model inverse of {@link encodeFgb}.
 *
 * @references see {@link encodeFgb}.
 *
 * @example
 * ```ts
 * const g = CompactGraph.fromPairs(3, [[0, 1], [1, 2]]);
 * decodeFgb(encodeFgb(g)).m; // 2
 * ```
 *
 * @category Input and output
 */
export function decodeFgb(bytes: Uint8Array, source = '<fgb>'): CompactGraph {
  const bad = (what: string, allowed: string, why?: string): never => {
    throw new FragilityInputError(source, what, allowed, why);
  };
  if (!LITTLE_ENDIAN) bad('big-endian platform', 'a little-endian platform for .fgb files');
  if (bytes.length < HEADER)
    bad(`${bytes.length} bytes`, `a .fgb file of at least ${HEADER} bytes`, 'the file is truncated or not a .fgb file');
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const head = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER / 4);
  if (head[0] !== MAGIC)
    bad(
      'magic ' + Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(''),
      "a .fgb file (magic 'FGB' 1a)",
    );
  if (head[1] !== FGB_VERSION) bad(`version ${head[1]}`, `version ${FGB_VERSION} (written by this fragility)`);
  const n = head[2];
  const m = head[3];
  const flags = head[4];
  const keysLen = head[5];
  if (n > 0x7fffffff) bad(`n = ${n}`, 'n <= 2^31 - 1');
  if (m > 0x3fffffff) bad(`m = ${m}`, 'm <= 2^30 - 1');
  if ((flags & ~(FLAG_ROLES | FLAG_KEYS)) !== 0 || head[7] !== 0)
    bad(`flags ${flags}`, 'flags 0..3 and a zero reserved word');
  if (!(flags & FLAG_KEYS) && keysLen !== 0) bad(`keys length ${keysLen}`, '0 without the keys flag');
  const words = n + 1 + 4 * m;
  const expected = HEADER + 4 * words + (flags & FLAG_ROLES ? pad4(n) : 0) + (flags & FLAG_KEYS ? pad4(keysLen) : 0);
  if (bytes.length !== expected) {
    bad(
      `${bytes.length} bytes`,
      `${expected} bytes for n = ${n}, m = ${m}`,
      bytes.length < expected ? 'the file is truncated' : 'bytes were appended',
    );
  }
  const body = new Int32Array(bytes.buffer, bytes.byteOffset + HEADER, (expected - HEADER) / 4);
  const sum = checksum(body);
  if (sum !== head[6])
    bad(`checksum ${sum.toString(16)}`, `the checksum ${head[6].toString(16)} in its header`, 'the file is corrupt');
  let w = 0;
  const offsets = body.subarray(w, (w += n + 1));
  const targets = body.subarray(w, (w += 2 * m));
  const edgeSource = body.subarray(w, (w += m));
  const edgeTarget = body.subarray(w, (w += m));
  let at = HEADER + 4 * w;
  let roles: Uint8Array | undefined;
  if (flags & FLAG_ROLES) {
    roles = bytes.subarray(at, at + n);
    at += pad4(n);
    for (let u = 0; u < n; u++) if (roles[u] > 3) bad(`role ${roles[u]} of node ${u}`, 'roles 0..3');
  }
  let keys: string[] | undefined;
  if (flags & FLAG_KEYS) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + keysLen)));
    } catch (e) {
      bad('keys section', 'a JSON array of node keys', (e as Error).message);
    }
    if (!Array.isArray(parsed) || parsed.length !== n || !parsed.every((k) => typeof k === 'string'))
      bad('keys section', `a JSON array of ${n} strings`);
    keys = parsed as string[];
  }
  return CompactGraph.fromCsr(
    n,
    offsets,
    targets,
    edgeSource,
    edgeTarget,
    { ...(roles ? { roles } : {}), ...(keys ? { keys } : {}) },
    source,
  );
}

/**
 * Read a `.fgb` file: one read of the whole file, then {@link decodeFgb}.
 *
 * @param path - the file.
 * @param opts - `selfLoops` / `duplicates` (default `'keep'` for both: the file holds a graph fragility built). The
 *   arrays are adopted as they are, so `'drop'` is not offered: a graph with such edges under `'error'` or `'drop'` is
 *   refused, naming the policy to set.
 * @returns the graph (its arrays are views of the file's bytes).
 * @throws FragilityInputError naming the path for an unreadable file, one above the memory budget, any problem
 *   {@link decodeFgb} reports, or a self-loop / duplicate edge the policies refuse.
 *
 * @complexity O(n + m).
 *
 * @model see {@link encodeFgb}.
 *
 * @references see {@link encodeFgb}.
 *
 * @example
 * ```ts
 * await writeFgb(erdosRenyi(1000, 0.004, stream(1)), 'er.fgb');
 * const g = await readFgb('er.fgb'); // g.n = 1000
 * ```
 *
 * @category Input and output
 */
export async function readFgb(path: string, opts: ImportEdgeOptions = {}): Promise<CompactGraph> {
  const selfLoops = checkEdgePolicy('selfLoops', opts.selfLoops ?? 'keep');
  const duplicates = checkEdgePolicy('duplicates', opts.duplicates ?? 'keep');
  const fs = nodeBuiltin('node:fs', 'readFgb (in a browser: decodeFgb)');
  let size: number;
  try {
    size = fs.statSync(path).size;
  } catch (err) {
    throw new FragilityInputError('path', path, 'a readable file', (err as Error).message);
  }
  checkMemory(path, `${size} bytes`, size, `reading the .fgb file ${path}`);
  const bytes = new Uint8Array(size);
  try {
    const fd = fs.openSync(path, 'r');
    try {
      let got = 0;
      while (got < size) {
        const r = fs.readSync(fd, bytes, got, Math.min(size - got, 1 << 30), got);
        if (r === 0) break;
        got += r;
      }
      if (got !== size) throw new Error(`read ${got} of ${size} bytes`);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new FragilityInputError('path', path, 'a readable file', (err as Error).message);
  }
  const g = decodeFgb(bytes, path);
  if (selfLoops !== 'keep') {
    for (let e = 0; e < g.m; e++) {
      if (g.edgeSource[e] === g.edgeTarget[e]) {
        throw new FragilityInputError(
          path,
          `a self-loop on node ${g.edgeSource[e]} (edge ${e})`,
          "no self-loop in a .fgb file read with self-loops 'error' or 'drop' (set self-loops=keep)",
        );
      }
    }
  }
  if (duplicates !== 'keep' && hasRepeatedPair(g.n, g.offsets, g.targets)) {
    throw new FragilityInputError(
      path,
      'a duplicate edge',
      "no duplicate edge in a .fgb file read with duplicates 'error' or 'drop' (set duplicates=keep)",
    );
  }
  return g;
}

/**
 * Write a graph as a `.fgb` file, atomically (temporary file in the same folder, then rename).
 *
 * @param g - the graph.
 * @param path - the output file.
 * @param field - the option named in an output-path error (default `path`).
 *
 * @complexity O(n + m).
 *
 * @model see {@link encodeFgb}.
 *
 * @references see {@link encodeFgb}.
 *
 * @example
 * ```ts
 * await writeFgb(erdosRenyi(1e6, 4e-6, stream(1)), 'er.fgb');
 * ```
 *
 * @category Input and output
 */
export async function writeFgb(g: CompactGraph, path: string, field = 'path'): Promise<void> {
  writeFileAtomic(path, encodeFgb(g), field);
}

/**
 * True when a path names a `.fgb` file (by its extension, case-insensitive).
 *
 * @category Input and output
 */
export function isFgbPath(path: string): boolean {
  return /\.fgb$/i.test(path.trim());
}
