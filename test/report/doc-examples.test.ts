/** The @example blocks of src/report, run and checked against what their comments claim. */
import { describe, it, expect } from 'vitest';
import {
  formatNumber, formatFixed, formatSignificant, formatPercent, formatExponential,
  markdownTable, csvTable, quoteCsvField, parseCsvTable, parseCsvRecords, toJsonSafe, jsonReportText,
  linePlot, timelinePlot, collapsePlot, phaseDiagram, giantComponentPlot,
} from '../../src/report/index.ts';

describe('documentation examples', () => {
  it('format-number', () => {
    expect(formatNumber(0.2534, { style: 'percent', digits: 1 })).toBe('25.3%');
    expect(formatNumber(1234567, { style: 'significant', digits: 3, group: true })).toBe('1,230,000');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatFixed(-0.0004, 2)).toBe('0.00');
    expect(formatSignificant(0.0012345, 3)).toBe('0.00123');
    expect(formatPercent(0.1234, 0)).toBe('12%');
    expect(formatExponential(1234567, 2)).toBe('1.23e+6');
  });

  it('markdownTable', () => {
    const md = markdownTable([{ loss: 0.25, p: 0.9 }], [
      { key: 'loss', header: 'supernode loss', format: { style: 'percent', digits: 0 } },
      { key: 'p', header: 'P(collapse)', format: { style: 'fixed', digits: 2 } },
    ]);
    expect(md).toBe('| supernode loss | P(collapse) |\n| -------------: | ----------: |\n|            25% |        0.90 |\n');
  });

  it('csv', () => {
    expect(csvTable([{ name: 'a, "b"', x: 0.1 }])).toBe('name,x\r\n"a, ""b""",0.1\r\n');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(parseCsvTable('a,b\r\n1,"x,y"\r\n').rows).toEqual([{ a: '1', b: 'x,y' }]);
    expect(parseCsvRecords('a,"b ""c"""\n')).toEqual([['a', 'b "c"']]);
  });

  it('json', () => {
    expect(toJsonSafe({ a: NaN, b: [1, Infinity], c: new Float64Array([0.5]) })).toEqual({ a: null, b: [1, null], c: [0.5] });
    expect(jsonReportText({ q_c: NaN, reason: 'no giant component' }, 0)).toBe('{"q_c":null,"reason":"no giant component"}\n');
  });

  it('plots return an <svg> string', () => {
    const svgs = [
      linePlot({
        title: 'Giant component, random removal',
        x: { label: 'fraction removed f' },
        y: { label: 'giant component S (fraction of nodes)' },
        series: [{ name: 'analytic', points: [{ x: 0, y: 0.98 }, { x: 0.5, y: 0.6 }] }],
        bands: [{ name: 'Monte Carlo 95% CI', points: [{ x: 0, lo: 0.97, hi: 0.99 }, { x: 0.5, lo: 0.55, hi: 0.62 }] }],
        rules: [{ x: 0.7, label: 'f_c' }],
      }),
      timelinePlot({
        title: 'Skype, December 2010',
        series: [{ name: 'simulated', points: [{ t: 0, online: 1 }, { t: 6, online: 0.18 }, { t: 24, online: 0.83 }] }],
        observed: [{ t: 20, online: 0.3, label: 'T+20 h: 30 %' }, { t: 24, online: 0.825, lo: 0.8, hi: 0.85 }],
        injections: [{ t: 14, label: 'mega-supernodes' }],
      }),
      collapsePlot({
        series: [{ name: 'simulated (95% CI)', points: [{ loss: 0.2, probability: 0.1, lo: 0.03, hi: 0.25 }] }],
        boundaries: [{ loss: 0.27, label: 'mean-field boundary' }],
        spans: [{ x1: 0.25, x2: 0.3, label: 'observed' }],
      }),
      phaseDiagram({
        x: { label: 'supernode loss (%)', values: [0.1, 0.2, 0.3], percent: true },
        y: { label: 'capacity headroom (%)', values: [0.5, 1], percent: true },
        cells: [{ x: 0.1, y: 0.5, value: 0.9 }, { x: 0.3, y: 0.5, value: 0.1 }],
        valueLabel: 'minimum online fraction (%)', valuePercent: true,
        boundary: [{ x: 0.2, y: 0.5 }, { x: 0.3, y: 1 }],
      }),
      giantComponentPlot({
        curves: [
          { name: 'random', analytic: [{ f: 0, S: 1 }, { f: 0.5, S: 0.6 }],
            simulated: [{ f: 0, S: 1, lo: 1, hi: 1 }, { f: 0.5, S: 0.59, lo: 0.57, hi: 0.61 }] },
          { name: 'targeted', analytic: [{ f: 0, S: 1 }, { f: 0.2, S: 0 }] },
        ],
      }),
    ];
    for (const svg of svgs) expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>[\s\S]*<\/svg>$/);
  });
});
