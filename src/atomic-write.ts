/**
 * Atomic outputs: a file is written to a temporary name in its own folder, flushed, and renamed over the target,
 * so that a run killed at any moment (or out of disk) leaves either the previous file, no file, or the complete
 * new one — never a truncated file that reads back as whole. A report folder is assembled in a sibling temporary
 * folder and moved into place the same way.
 *
 * Node only: it reaches `node:fs`, `node:path` and `node:events` through {@link nodeBuiltin} when a file is written,
 * so the browser-safe core may import it (a browser gets a NodeOnlyError naming the feature).
 *
 * Exit-code rule for output paths (docs/CLI.md, "Output paths"): every failure to create or write an output —
 * missing parent folder, not a folder, permission denied, read-only filesystem, disk full, path too long — is an
 * input error (exit 2) whose one line names the option, the path and the cause; the partial temporary file is
 * removed. See {@link outputPathError}.
 *
 * Checkpoints are the exception: they are append-only logs (a replicate is on disk as soon as it finishes), so
 * they are appended in place; their last line may be torn by a kill, which the reader detects by its missing
 * newline and checksum (src/montecarlo/checkpoint.ts).
 *
 * @module
 */
import { nodeBuiltin } from './node-only.ts';
import type { Writable } from 'node:stream';
import { FragilityInputError } from './errors.ts';

const fs = () => nodeBuiltin('node:fs', 'writing output files');
const nodePath = () => nodeBuiltin('node:path', 'writing output files');

let counter = 0;

/** A fresh temporary name next to `path` (same folder, so that the rename never crosses filesystems). */
function tempNameFor(path: string): string {
  counter++;
  return nodePath().join(
    nodePath().dirname(path),
    `.${nodePath().basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}-${counter}`,
  );
}

const CAUSES: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only filesystem',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the path is too long',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'it is a non-empty folder',
  EMFILE: 'too many open files',
  EFBIG: 'the file is too large for the filesystem',
  EIO: 'input/output error',
};

/**
 * Map a filesystem error on an output path to the CLI's rule: a {@link FragilityInputError} (exit 2) with one
 * line naming the option, the path and the cause. Non-filesystem errors are returned unchanged.
 *
 * @param err - the caught error.
 * @param field - the option or parameter that named the path (e.g. `--out`).
 * @param path - the path.
 * @returns the error to throw.
 *
 * @complexity O(1).
 *
 * @model errno → cause: ENOENT, ENOTDIR, EISDIR, EACCES, EPERM, EROFS, ENOSPC, EDQUOT, ENAMETOOLONG, … → exit 2.
 *
 * @references POSIX errno; docs/CLI.md "Output paths".
 *
 * @example
 * ```ts
 * const p = 'out.json';
 * try { writeFileAtomic(p, '{}'); } catch (e) { throw outputPathError(e, '--out', p); }
 * ```
 */
export function outputPathError(err: unknown, field: string, path: string): unknown {
  if (err instanceof FragilityInputError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return err;
  const cause = CAUSES[code] ?? code;
  return new FragilityInputError(field, path, 'a writable path in an existing folder', `${cause}, ${code}`);
}

/**
 * Write a file atomically: to a temporary name in the same folder, fsync, rename over `path`. On any failure the
 * temporary file is removed and the target is untouched.
 *
 * @param path - the target file.
 * @param data - its content.
 * @param field - the option named in the error (default `'path'`).
 * @throws FragilityInputError (exit 2) for filesystem errors, see {@link outputPathError}.
 *
 * @complexity O(|data|) plus one fsync and one rename.
 *
 * @model write-temp-then-rename (rename(2) is atomic within a filesystem).
 *
 * @references POSIX rename(2).
 *
 * @example
 * ```ts
 * writeFileAtomic('report.json', JSON.stringify({ q_c: 0.25 }));
 * ```
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, field = 'path'): void {
  const file = openAtomicFile(path, field);
  file.write(data);
  file.commit();
}

/** Close a temporary file's descriptor (if open) and remove the file, ignoring errors: the caller is already failing. */
function discardTemp(fd: number | undefined, tmp: string): void {
  if (fd !== undefined) {
    try {
      fs().closeSync(fd);
    } catch {
      /* already failing */
    }
  }
  removeQuietly(tmp);
}

/** A file being written atomically: {@link AtomicFile.commit} renames it into place, `abort` removes it. */
export interface AtomicFile {
  /** Append text (UTF-8) or bytes (synchronously). */
  write(data: string | Uint8Array): void;
  /** Flush, fsync and rename over the target. */
  commit(): void;
  /** Remove the temporary file (the target is untouched). */
  abort(): void;
}

/**
 * Open a file for a synchronous, incremental atomic write (large outputs produced line by line): the content goes
 * to a temporary name in the same folder and appears at `path` only on {@link AtomicFile.commit}.
 *
 * @param path - the target file.
 * @param field - the option named in the error (default `'path'`).
 * @returns an {@link AtomicFile}.
 * @throws FragilityInputError (exit 2) for filesystem errors, see {@link outputPathError}.
 *
 * @complexity O(1) to open; O(size) over the writes.
 *
 * @model write-temp-then-rename.
 *
 * @references POSIX rename(2).
 *
 * @example
 * ```ts
 * const f = openAtomicFile('out.ndjson'); f.write('{}\n'); f.commit();
 * ```
 */
export function openAtomicFile(path: string, field = 'path'): AtomicFile {
  const tmp = tempNameFor(path);
  let fd: number | undefined;
  try {
    fd = fs().openSync(tmp, 'wx', 0o666);
  } catch (err) {
    throw outputPathError(err, field, path);
  }
  const fail = (err: unknown): never => {
    discardTemp(fd, tmp);
    fd = undefined;
    throw outputPathError(err, field, path);
  };
  return {
    write(data: string | Uint8Array) {
      if (fd === undefined) throw new Error('openAtomicFile: write after commit or abort');
      try {
        const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        let off = 0;
        while (off < buf.byteLength) off += fs().writeSync(fd, buf, off, buf.byteLength - off);
      } catch (err) {
        fail(err);
      }
    },
    commit() {
      if (fd === undefined) throw new Error('openAtomicFile: commit after commit or abort');
      try {
        fs().fsyncSync(fd);
        fs().closeSync(fd);
        fd = undefined;
        fs().renameSync(tmp, path);
      } catch (err) {
        fail(err);
      }
    },
    abort() {
      discardTemp(fd, tmp);
      fd = undefined;
    },
  };
}

/**
 * Write a file atomically through a stream (large outputs such as edge lists): `body` writes to a stream on a
 * temporary file in the same folder; when it resolves the stream is flushed, fsynced and renamed over `path`.
 * If `body` throws, or the process dies first, the target is untouched and only the temporary file can remain
 * (removed on a thrown error).
 *
 * @param path - the target file.
 * @param body - writes the content; must not end the stream.
 * @param field - the option named in the error (default `'path'`).
 * @throws FragilityInputError (exit 2) for filesystem errors, see {@link outputPathError}.
 *
 * @complexity O(size written).
 *
 * @model write-temp-then-rename.
 *
 * @references POSIX rename(2).
 *
 * @example
 * ```ts
 * await writeStreamAtomic('g.edges', async (out) => { out.write('0 1\n'); });
 * ```
 */
export async function writeStreamAtomic(
  path: string,
  body: (out: Writable) => Promise<void> | void,
  field = 'path',
): Promise<void> {
  const tmp = tempNameFor(path);
  let fd: number | undefined;
  try {
    fd = fs().openSync(tmp, 'wx', 0o666);
    const out = fs().createWriteStream('', { fd, autoClose: false });
    const failed = new Promise<never>((_, reject) => out.once('error', reject));
    failed.catch(() => undefined);
    await Promise.race([Promise.resolve(body(out)), failed]);
    out.end();
    await Promise.race([nodeBuiltin('node:events', 'writing output files').once(out, 'finish'), failed]);
    fs().fsyncSync(fd);
    fs().closeSync(fd);
    fd = undefined;
    fs().renameSync(tmp, path);
  } catch (err) {
    discardTemp(fd, tmp);
    throw outputPathError(err, field, path);
  }
}

/** Marker file that identifies a folder written by {@link writeDirAtomic} (so that it may be replaced). */
export const OUTPUT_DIR_MARKER = '.fragility-output';

/**
 * Assemble a folder aside and move it into place. `build` writes into a fresh sibling temporary folder; then:
 * - `dir` does not exist, or is an empty folder: one rename (atomic);
 * - `dir` is a folder this function wrote before (it holds {@link OUTPUT_DIR_MARKER}, or a report's index.md and
 *   report.json): it is renamed aside, the
 *   new folder renamed in, the old one deleted. Two renames: at every moment `dir` is the complete old folder,
 *   absent, or the complete new folder — never a mix (POSIX has no atomic exchange of non-empty folders; Linux's
 *   renameat2(RENAME_EXCHANGE) is not available from Node);
 * - any other existing path (a folder with other files, a file): refused with exit 2 before `build` runs, so that
 *   `--out ~` can never delete a user's files.
 * If `build` throws, the temporary folder is removed and `dir` is untouched.
 *
 * @param dir - the target folder.
 * @param build - fills the temporary folder (given its path).
 * @param field - the option named in errors (default `'--out'`).
 * @returns what `build` returned.
 * @throws FragilityInputError (exit 2) for a foreign existing `dir` and for filesystem errors.
 *
 * @complexity that of `build`, plus O(files) to delete the previous folder.
 *
 * @model build-aside-then-rename.
 *
 * @references POSIX rename(2).
 *
 * @example
 * ```ts
 * await writeDirAtomic('report', (tmp) => writeReport(tmp, { title: 'Example', sections: [] }));
 * ```
 */
export async function writeDirAtomic<T>(
  dir: string,
  build: (tmpDir: string) => T | Promise<T>,
  field = '--out',
): Promise<T> {
  const { state, tmp } = prepareDir(dir, field);
  let result: T;
  try {
    result = await build(tmp);
  } catch (err) {
    fs().rmSync(tmp, { recursive: true, force: true });
    throw outputPathError(err, field, dir);
  }
  commitDir(dir, tmp, state, field);
  return result;
}

/**
 * The synchronous form of {@link writeDirAtomic} (same rules): `build` fills the temporary folder synchronously.
 *
 * @param dir - the target folder.
 * @param build - fills the temporary folder (given its path).
 * @param field - the option named in errors (default `'--out'`).
 * @returns what `build` returned.
 * @throws FragilityInputError (exit 2) for a foreign existing `dir` and for filesystem errors.
 *
 * @complexity that of `build`, plus O(files) to delete the previous folder.
 *
 * @model build-aside-then-rename.
 *
 * @references POSIX rename(2).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { join } from 'node:path';
 * writeDirAtomicSync('report', (tmp) => writeFileSync(join(tmp, 'a.txt'), 'a'));
 * ```
 */
export function writeDirAtomicSync<T>(dir: string, build: (tmpDir: string) => T, field = '--out'): T {
  const { state, tmp } = prepareDir(dir, field);
  let result: T;
  try {
    result = build(tmp);
  } catch (err) {
    fs().rmSync(tmp, { recursive: true, force: true });
    throw outputPathError(err, field, dir);
  }
  commitDir(dir, tmp, state, field);
  return result;
}

function prepareDir(dir: string, field: string): { state: 'new' | 'replace'; tmp: string } {
  const state = existingDirState(dir, field);
  try {
    return {
      state,
      tmp: fs().mkdtempSync(nodePath().join(nodePath().dirname(dir), `.${nodePath().basename(dir)}.tmp-`)),
    };
  } catch (err) {
    throw outputPathError(err, field, dir);
  }
}

function commitDir(dir: string, tmp: string, state: 'new' | 'replace', field: string): void {
  try {
    writeFileAtomic(
      nodePath().join(tmp, OUTPUT_DIR_MARKER),
      'written by fragility; this folder is replaced as a whole by the next run\n',
      field,
    );
    if (state === 'replace') {
      const old = `${tmp}.old`;
      fs().renameSync(dir, old);
      try {
        fs().renameSync(tmp, dir);
      } catch (err) {
        fs().renameSync(old, dir); // put the previous folder back
        throw err;
      }
      fs().rmSync(old, { recursive: true, force: true });
    } else {
      fs().renameSync(tmp, dir); // absent, or an empty folder (rename replaces it)
    }
  } catch (err) {
    fs().rmSync(tmp, { recursive: true, force: true });
    throw outputPathError(err, field, dir);
  }
}

/**
 * Check, before any work, that an output file can be created: its folder exists and is a writable folder, and the
 * path itself is not a folder. Errors follow the exit-code rule of {@link outputPathError} (exit 2, one line).
 * A full disk can only show while writing; the writers report it by the same rule.
 *
 * @param field - the option that names the path (e.g. `--out`).
 * @param path - the output file.
 * @throws FragilityInputError (exit 2).
 *
 * @complexity O(1) system calls.
 *
 * @model access(dirname, W_OK) and stat.
 *
 * @references POSIX access(2).
 *
 * @example
 * ```ts
 * checkOutputFile('--out', 'graph.edges');
 * ```
 */
export function checkOutputFile(field: string, path: string): void {
  checkParentFolder(field, path);
  if (fs().existsSync(path) && fs().statSync(path).isDirectory())
    throw outputPathError(Object.assign(new Error('is a folder'), { code: 'EISDIR' }), field, path);
}

function checkParentFolder(field: string, path: string): void {
  const parent = nodePath().dirname(nodePath().resolve(path));
  try {
    if (!fs().statSync(parent).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    fs().accessSync(parent, fs().constants.W_OK);
  } catch (err) {
    throw outputPathError(err, field, path);
  }
}

/**
 * Check, before any work, that an output folder can be written by {@link writeDirAtomic}: its nearest existing
 * ancestor is a writable folder (missing parents are created by the report writer), and the folder is absent,
 * empty, or one fragility wrote before.
 *
 * @param field - the option that names the folder (e.g. `--out`).
 * @param dir - the output folder.
 * @throws FragilityInputError (exit 2).
 *
 * @complexity O(entries of dir).
 *
 * @model access(parent, W_OK) and the rules of {@link writeDirAtomic}.
 *
 * @references POSIX access(2).
 *
 * @example
 * ```ts
 * checkOutputDir('--out', 'report');
 * ```
 */
export function checkOutputDir(field: string, dir: string): void {
  // Parents are created as needed (writeReport does): the nearest existing ancestor must be a writable folder.
  let probe = nodePath().resolve(dir);
  while (!fs().existsSync(nodePath().dirname(probe)) && nodePath().dirname(probe) !== probe)
    probe = nodePath().dirname(probe);
  checkParentFolder(field, probe);
  existingDirState(dir, field);
}

/** What is at `dir` now: nothing / an empty folder (`'new'`), a folder we wrote (`'replace'`); else refuse. */
function existingDirState(dir: string, field: string): 'new' | 'replace' {
  if (!fs().existsSync(dir)) return 'new';
  let isDir: boolean;
  try {
    isDir = fs().statSync(dir).isDirectory();
  } catch (err) {
    throw outputPathError(err, field, dir);
  }
  if (!isDir)
    throw new FragilityInputError(
      field,
      dir,
      'a folder path (new, empty, or written by fragility before)',
      'it is a file',
    );
  const entries = fs().readdirSync(dir);
  if (entries.length === 0) return 'new';
  // Ours: the marker, or (folders written before the marker existed) a report's index.md with its report.json.
  if (entries.includes(OUTPUT_DIR_MARKER) || (entries.includes('index.md') && entries.includes('report.json')))
    return 'replace';
  throw new FragilityInputError(
    field,
    dir,
    'a folder path (new, empty, or written by fragility before)',
    `it holds ${entries.length} other file(s); choose another folder or empty it`,
  );
}

function removeQuietly(path: string): void {
  try {
    fs().unlinkSync(path);
  } catch {
    /* absent */
  }
}
