// The committed notebooks (notebooks/*.ipynb) are executed with their outputs and read well without running them:
// the six required notebooks exist, use the Deno kernel, ran every code cell in order without an error, show their
// plots as SVG, keep every cell's display (no output lost), stay small, and cite their sources. The notebooks are
// executed by scripts/notebooks.sh (CI); this test only reads the committed JSON, so it is fast. It also checks the
// code-cell extractor that feeds `deno check`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, 'notebooks');
const REQUIRED = [
  '01-percolation-fundamentals',
  '02-two-tier-overlays',
  '03-load-redistribution',
  '04-skype-2010',
  '05-real-networks',
  '06-validation',
];

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  text?: string | string[];
}
interface Cell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}
interface Notebook {
  nbformat: number;
  metadata: { kernelspec?: { name?: string; language?: string } };
  cells: Cell[];
}

const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));
/** Same rule as scripts/notebooks.sh: a top-level display statement must leave an output. */
const DISPLAY =
  /^(await md\(|await showSince\(|await showSvg\(|await showMarkdown\(|jupyterSvg\(|console\.log\(|(await )?Deno\.jupyter\.)/m;

describe('committed notebooks', () => {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort();

  it('has the six required notebooks', () => {
    expect(files.map((f) => f.replace(/\.ipynb$/, ''))).toEqual(expect.arrayContaining(REQUIRED));
  });

  for (const file of files) {
    describe(file, () => {
      const path = join(dir, file);
      const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
      const code = nb.cells.filter((c) => c.cell_type === 'code');
      const outputs = code.flatMap((c) => c.outputs ?? []);

      it('is an nbformat-4 notebook for the Deno kernel, under 1 MB', () => {
        expect(nb.nbformat).toBe(4);
        expect(nb.metadata.kernelspec?.name).toBe('deno');
        expect(statSync(path).size).toBeLessThan(1_000_000);
      });

      it('ran every code cell, in order, without an error output', () => {
        const counts = code.map((c) => c.execution_count);
        expect(counts.every((n) => typeof n === 'number')).toBe(true);
        expect(counts).toEqual(counts.map((_, i) => i + 1));
        expect(outputs.filter((o) => o.output_type === 'error')).toEqual([]);
      });

      it('kept the output of every cell that displays something', () => {
        const missing = nb.cells.flatMap((c, i) =>
          c.cell_type === 'code' && DISPLAY.test(text(c.source)) && !(c.outputs ?? []).length ? [i] : [],
        );
        expect(missing).toEqual([]);
      });

      it('shows plots as SVG and prints little', () => {
        const svgs = outputs.filter((o) => o.data && 'image/svg+xml' in o.data);
        expect(svgs.length).toBeGreaterThanOrEqual(1);
        for (const o of svgs)
          expect(text(o.data!['image/svg+xml'] as string | string[])).toMatch(
            /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
          );
        for (const o of outputs.filter((x) => x.output_type === 'stream'))
          expect(text(o.text).length).toBeLessThan(20_000);
      });

      it('explains the model in prose and cites papers with DOIs', () => {
        const prose = nb.cells
          .filter((c) => c.cell_type === 'markdown')
          .map((c) => text(c.source))
          .join('\n');
        expect(prose.length).toBeGreaterThan(1500);
        expect(prose).toMatch(/doi\.org\/10\.\d{4,}\//);
      });
    });
  }
});

describe('scripts/extract-notebook-code.mjs', () => {
  const extract = (nb: unknown) => {
    const tmp = mkdtempSync(join(tmpdir(), 'nb-'));
    const file = join(tmp, 'x.ipynb');
    writeFileSync(file, JSON.stringify(nb));
    return execFileSync('node', [join(root, 'scripts/extract-notebook-code.mjs'), file], { encoding: 'utf8' });
  };

  it('concatenates the code cells in order with cell markers, drops magics, ends as a module', () => {
    const out = extract({
      nbformat: 4,
      metadata: { kernelspec: { name: 'deno', language: 'typescript' } },
      cells: [
        { cell_type: 'markdown', source: ['# title'] },
        { cell_type: 'code', source: ['const a = 1;\n', '%timeit a'], outputs: [] },
        { cell_type: 'code', source: 'const b: number = a + 1;', outputs: [] },
      ],
    });
    expect(out).toContain('// ---- cell 1 (code cell 1)\nconst a = 1;');
    expect(out).toContain('// (magic dropped) %timeit a');
    expect(out.indexOf('cell 1 (code cell 1)')).toBeLessThan(
      out.indexOf('// ---- cell 2 (code cell 2)\nconst b: number = a + 1;'),
    );
    expect(out).not.toContain('# title');
    expect(out.trimEnd().endsWith('export {};')).toBe(true);
  });

  it('refuses a notebook of another language', () => {
    expect(() =>
      extract({ nbformat: 4, metadata: { kernelspec: { name: 'python3', language: 'python' } }, cells: [] }),
    ).toThrow();
  });
});
