// Atomic outputs (src/atomic-write.ts): a file appears complete or not at all; a folder is replaced as a whole;
// filesystem errors on output paths are exit-2 input errors with one line naming the option, path and cause.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkOutputDir,
  checkOutputFile,
  OUTPUT_DIR_MARKER,
  outputPathError,
  writeDirAtomic,
  writeDirAtomicSync,
  writeFileAtomic,
  writeStreamAtomic,
} from '../../src/atomic-write.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { erdosRenyiM } from '../../src/generators/erdos-renyi.ts';
import { readEdgeList, writeEdgeList } from '../../src/graph/edgelist.ts';
import { stream } from '../../src/random/stream.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'fragility-atomic-'));
const leftovers = (d: string) => readdirSync(d).filter((f) => f.includes('.tmp-'));

function thrown(f: () => unknown): FragilityInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FragilityInputError);
    expect((e as Error).message).not.toContain('\n');
    return e as FragilityInputError;
  }
  throw new Error('expected a throw');
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', () => {
    const d = mkdtempSync(join(dir, 'f-'));
    const p = join(d, 'a.txt');
    writeFileAtomic(p, 'one\n');
    writeFileAtomic(p, 'two\n');
    expect(readFileSync(p, 'utf8')).toBe('two\n');
    expect(readdirSync(d)).toEqual(['a.txt']);
  });
  it('a missing folder, a folder in place of the file, a file in place of a folder: exit-2 errors naming the cause', () => {
    expect(thrown(() => writeFileAtomic(join(dir, 'missing', 'a.txt'), 'x', '--out')).message).toMatch(
      /^--out: ".*missing\/a\.txt" is not allowed; expected a writable path in an existing folder \(its folder does not exist, ENOENT\)$/,
    );
    const d = mkdtempSync(join(dir, 'f-'));
    mkdirSync(join(d, 'sub'));
    expect(thrown(() => writeFileAtomic(join(d, 'sub'), 'x', '--out')).message).toMatch(/EISDIR|ENOTEMPTY|EEXIST/);
    writeFileSync(join(d, 'file'), 'x');
    expect(thrown(() => writeFileAtomic(join(d, 'file', 'a.txt'), 'x', '--out')).message).toMatch(
      /a part of the path is not a folder, ENOTDIR/,
    );
    expect(leftovers(d)).toEqual([]);
  });
  it('a full disk maps to the same rule (ENOSPC → exit 2, one line)', () => {
    const e = outputPathError(
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }),
      '--out',
      'big.edges',
    );
    expect(e).toBeInstanceOf(FragilityInputError);
    expect((e as Error).message).toBe(
      '--out: "big.edges" is not allowed; expected a writable path in an existing folder (no space left on the device, ENOSPC)',
    );
    // Non-filesystem errors pass through unchanged (they are bugs: exit 1).
    const bug = new TypeError('x');
    expect(outputPathError(bug, '--out', 'p')).toBe(bug);
  });
});

describe('writeStreamAtomic / writeEdgeList', () => {
  it('the target does not exist until the stream is complete, then reads back whole', async () => {
    const d = mkdtempSync(join(dir, 's-'));
    const p = join(d, 'g.edges');
    const g = erdosRenyiM(20000, 60000, stream(1, 0));
    const pending = writeEdgeList(g, p);
    expect(existsSync(p)).toBe(false); // still being written (to a temporary name)
    await pending;
    const back = await readEdgeList(p);
    expect([back.n, back.m]).toEqual([g.n, g.m]);
    expect(leftovers(d)).toEqual([]);
  });
  it('a body that fails half-way leaves the previous file untouched and no temporary file', async () => {
    const d = mkdtempSync(join(dir, 's-'));
    const p = join(d, 'g.edges');
    writeFileSync(p, 'previous\n');
    await expect(
      writeStreamAtomic(p, (out) => {
        out.write('0 1\n');
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(readFileSync(p, 'utf8')).toBe('previous\n');
    expect(leftovers(d)).toEqual([]);
  });
  it('a generate killed with SIGKILL mid-write leaves the previous file, never a partial one', async () => {
    const d = mkdtempSync(join(dir, 'kill-'));
    const p = join(d, 'g.edges');
    writeFileSync(p, '# previous\n0 1\n');
    const child = spawn(
      process.execPath,
      ['bin/fragility.js', 'generate', '--graph', 'er:n=1000000,k=4', '--seed', '1', '--out', p],
      { cwd: root, stdio: 'ignore' },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let killed = false;
    for (let t = 0; t < 30_000 && !killed; t += 5) {
      await new Promise((r) => setTimeout(r, 5));
      const tmp = leftovers(d);
      if (tmp.length > 0 && statSync(join(d, tmp[0])).size > 0) {
        child.kill('SIGKILL');
        killed = true;
      }
    }
    await exited;
    expect(killed).toBe(true);
    expect(readFileSync(p, 'utf8')).toBe('# previous\n0 1\n');
  }, 40_000);
});

describe('writeDirAtomic', () => {
  it('creates, then replaces a folder it wrote as a whole; a failing build leaves the old folder', async () => {
    const out = join(dir, 'report1');
    writeDirAtomicSync(out, (tmp) => {
      writeFileSync(join(tmp, 'a.txt'), 'a1');
      writeFileSync(join(tmp, 'old-only.txt'), 'x');
    });
    expect(readdirSync(out).sort()).toEqual([OUTPUT_DIR_MARKER, 'a.txt', 'old-only.txt']);
    await writeDirAtomic(out, async (tmp) => writeFileSync(join(tmp, 'a.txt'), 'a2'));
    expect(readdirSync(out).sort()).toEqual([OUTPUT_DIR_MARKER, 'a.txt']); // no stale file from the old run
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('a2');
    expect(() =>
      writeDirAtomicSync(out, (tmp) => {
        writeFileSync(join(tmp, 'a.txt'), 'a3');
        throw new Error('killed half-way');
      }),
    ).toThrow('killed half-way');
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('a2');
    expect(readdirSync(dir).filter((f) => f.startsWith('.report1'))).toEqual([]);
  });
  it('an empty folder is filled; a folder holding other files, or a file, is refused before any work', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeDirAtomicSync(empty, (tmp) => writeFileSync(join(tmp, 'a.txt'), 'a'));
    expect(readFileSync(join(empty, 'a.txt'), 'utf8')).toBe('a');
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'thesis.tex'), 'precious');
    let built = false;
    expect(thrown(() => writeDirAtomicSync(foreign, () => (built = true))).message).toMatch(
      /^--out: .*\(it holds 1 other file\(s\); choose another folder or empty it/,
    );
    expect(built).toBe(false);
    expect(readFileSync(join(foreign, 'thesis.tex'), 'utf8')).toBe('precious');
    expect(thrown(() => checkOutputDir('--out', foreign)).field).toBe('--out');
    expect(thrown(() => checkOutputDir('--out', join(foreign, 'thesis.tex'))).message).toMatch(/it is a file/);
    expect(() => checkOutputDir('--out', join(dir, 'new', 'nested', 'report'))).not.toThrow();
    expect(thrown(() => checkOutputDir('--out', join(foreign, 'thesis.tex', 'sub'))).message).toMatch(/ENOTDIR/);
  });
  it('checkOutputFile: missing folder and folder-as-file are refused up front', () => {
    expect(thrown(() => checkOutputFile('--checkpoint', join(dir, 'nope', 'c.ndjson'))).message).toMatch(
      /^--checkpoint: .*its folder does not exist, ENOENT/,
    );
    expect(thrown(() => checkOutputFile('--out', dir)).message).toMatch(/it is a folder, EISDIR/);
    expect(() => checkOutputFile('--out', join(dir, 'fine.edges'))).not.toThrow();
  });
});
