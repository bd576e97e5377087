import { OUTPUT_DIR_MARKER } from '../../src/atomic-write.ts';
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport, linePlot, parseCsvTable, rsvgConvertAvailable } from '../../src/report/index.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { parseSvg } from './xml-check.ts';

const plot = (title: string) =>
  linePlot({
    title,
    x: { label: 'x' },
    y: { label: 'y' },
    series: [
      {
        name: 's',
        points: [
          { x: 0, y: 0 },
          { x: 1, y: 1 },
        ],
      },
    ],
  });

/** Every relative link target in a markdown text: [text](target) and ![alt](target). */
function linkTargets(md: string): string[] {
  return Array.from(md.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)/g), (m) => m[1]);
}

describe('writeReport', () => {
  it('writes index.md, SVG, CSV and report.json; every link in index.md resolves', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fragility-report-')), 'nested', 'out');
    const result = writeReport(dir, {
      title: 'Skype 2010 [scale 0.01]',
      summary: 'The network **collapsed**.',
      sections: [
        {
          heading: 'Timeline',
          markdown: 'Online users over time.',
          plot: { name: 'timeline', svg: plot('Timeline'), caption: 'simulated vs observed' },
        },
        {
          heading: 'Thresholds',
          table: {
            rows: [
              { method: 'analytic', f: 0.27 },
              { method: 'Monte Carlo', f: NaN },
            ],
            caption: 'critical loss',
            csv: 'thresholds',
          },
        },
        { heading: 'Collapse', plot: { name: 'collapse.svg', svg: plot('Collapse'), alt: 'collapse [plot]' } },
      ],
      json: { scenario: 'skype-2010', threshold: { analytic: 0.27, montecarlo: NaN } },
      csv: {
        timeline: [
          { t: 0, online: 1 },
          { t: 1, online: 'a, "b"' },
        ],
        whatif: { rows: [{ name: 'x', v: 1 }], columns: ['name'] },
      },
    });
    expect(result.files).toEqual([
      'timeline.svg',
      'thresholds.csv',
      'collapse.svg',
      'timeline.csv',
      'whatif.csv',
      'report.json',
      'index.md',
    ]);
    // Every file written, plus the marker that lets the next run replace this folder as a whole.
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_DIR_MARKER, ...result.files].sort());
    const md = readFileSync(result.index, 'utf8');
    expect(md.startsWith('# Skype 2010 [scale 0.01]\n')).toBe(true);
    expect(md).toContain('![Timeline](timeline.svg)');
    expect(md).toContain('![collapse \\[plot\\]](collapse.svg)');
    expect(md).toContain('| analytic    | 0.27 |');
    expect(md).toContain('| Monte Carlo |    — |');
    const targets = linkTargets(md);
    for (const f of result.files.filter((f) => f !== 'index.md')) expect(targets).toContain(f);
    for (const t of targets) {
      expect(t.startsWith('/')).toBe(false);
      expect(existsSync(join(dir, t))).toBe(true);
    }
    // The written files are what they claim to be.
    parseSvg(readFileSync(join(dir, 'timeline.svg'), 'utf8'));
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual({
      scenario: 'skype-2010',
      threshold: { analytic: 0.27, montecarlo: null },
    });
    expect(parseCsvTable(readFileSync(join(dir, 'timeline.csv'), 'utf8')).rows).toEqual([
      { t: '0', online: '1' },
      { t: '1', online: 'a, "b"' },
    ]);
    expect(readFileSync(join(dir, 'whatif.csv'), 'utf8')).toBe('name\r\nx\r\n');
    expect(readFileSync(join(dir, 'thresholds.csv'), 'utf8')).toBe('method,f\r\nanalytic,0.27\r\nMonte Carlo,\r\n');
  });

  it.skipIf(!rsvgConvertAvailable())('png: true also writes and links a PNG per plot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fragility-report-png-'));
    const result = writeReport(dir, {
      title: 'T',
      sections: [{ heading: 'A', plot: { name: 'a', svg: plot('A') } }],
      png: true,
    });
    expect(result.files).toEqual(['a.svg', 'a.png', 'index.md']);
    expect(readFileSync(join(dir, 'a.png')).length).toBeGreaterThan(1000);
    expect(linkTargets(readFileSync(result.index, 'utf8'))).toContain('a.png');
  });

  it('writes the html document as index.html and lists it in index.md; a non-string is refused before writing', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fragility-report-')), 'out');
    const html = '<!doctype html><title>t</title><p>page</p>\n';
    const result = writeReport(dir, {
      title: 'T',
      sections: [{ heading: 'S', plot: { name: 'p', svg: plot('P') } }],
      html,
      json: { a: 1 },
    });
    expect(result.files).toEqual(['p.svg', 'index.html', 'report.json', 'index.md']);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(html);
    expect(readFileSync(result.index, 'utf8')).toContain(
      '- [index.html](index.html) — the report as one self-contained web page',
    );
    const other = join(mkdtempSync(join(tmpdir(), 'fragility-report-')), 'out');
    expect(() => writeReport(other, { title: 'T', sections: [], html: 42 as unknown as string })).toThrow(
      'html: "number" is not allowed; expected an HTML document string',
    );
    expect(existsSync(other)).toBe(false);
  });

  it('rejects unsafe and duplicate names before writing anything', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fragility-report-bad-')), 'out');
    const svg = plot('x');
    const attempt =
      (sections: Parameters<typeof writeReport>[1]['sections'], csv?: Record<string, { a: number }[]>) => () =>
        writeReport(dir, { title: 'T', sections, csv });
    expect(attempt([{ heading: 'A', plot: { name: '../evil', svg } }])).toThrow(FragilityInputError);
    expect(attempt([{ heading: 'A', plot: { name: '.hidden', svg } }])).toThrow(/sections\[0\]\.plot\.name/);
    expect(
      attempt([
        { heading: 'A', plot: { name: 'p', svg } },
        { heading: 'B', plot: { name: 'p', svg } },
      ]),
    ).toThrow(/sections\[1\]\.plot\.name/);
    expect(attempt([{ heading: 'A', table: { rows: [], csv: 'x' } }], { x: [{ a: 1 }] })).toThrow(/csv\.x/);
    expect(attempt([{ heading: 'A' }], { report: [{ a: 1 }], 'a/b': [{ a: 1 }] })).toThrow(/csv\.a\/b/);
    expect(existsSync(dir)).toBe(false);
  });
});
