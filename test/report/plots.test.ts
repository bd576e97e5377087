import { describe, it, expect } from 'vitest';
import {
  linePlot,
  timelinePlot,
  collapsePlot,
  phaseDiagram,
  giantComponentPlot,
  PLOT_PALETTE,
  jupyterSvg,
  JUPYTER_DISPLAY,
  type LinePlotOptions,
} from '../../src/report/index.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { parseSvg, all, texts, type XmlElement } from './xml-check.ts';

/** Elements `tag` inside Plot mark groups whose aria-label is `mark` (e.g. 'dot' → circles). */
function markElements(root: XmlElement, mark: string, tag: string): XmlElement[] {
  return all(root, 'g')
    .filter((g) => g.getAttribute('aria-label') === mark)
    .flatMap((g) => all(g, tag));
}

function legendNames(root: XmlElement): string[] {
  return all(root, 'g')
    .filter((g) => (g.getAttribute('aria-label') ?? '').startsWith('legend item '))
    .map((g) => all(g, 'text')[0]?.textContent ?? '');
}

/** The checks every plot must pass: strict XML, one <svg> root with the namespace and an explicit font, no <figure>. */
function checkStandalone(svg: string): XmlElement {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).not.toMatch(/<figure|<div|<h2|<h3/);
  const root = parseSvg(svg);
  expect(root.localName).toBe('svg');
  expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
  expect(root.getAttribute('font-family')).toMatch(/sans-serif$/);
  expect(Number(root.getAttribute('font-size'))).toBeGreaterThanOrEqual(10);
  expect(Number(root.getAttribute('width'))).toBeGreaterThan(0);
  expect(root.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/);
  return root;
}

const lineOptions: LinePlotOptions = {
  title: 'Giant component & friends <random>',
  subtitle: 'Erdős–Rényi, mean degree 4',
  x: { label: 'fraction removed f' },
  y: { label: 'giant component S (% of nodes)', percent: true },
  series: [
    {
      name: 'analytic',
      points: [
        { x: 0, y: 0.98 },
        { x: 0.5, y: 0.6 },
        { x: 0.75, y: 0 },
      ],
    },
    {
      name: 'other',
      points: [
        { x: 0, y: 0.9 },
        { x: 1, y: 0 },
      ],
      dash: '4 2',
    },
  ],
  bands: [
    {
      name: 'Monte Carlo 95% CI',
      points: [
        { x: 0, lo: 0.96, hi: 0.99 },
        { x: 0.5, lo: 0.55, hi: 0.65 },
      ],
    },
  ],
  markers: [
    {
      name: 'observed',
      points: [
        { x: 0.2, y: 0.9, label: 'T+20 h' },
        { x: 0.4, y: 0.5, lo: 0.45, hi: 0.55 },
        { x: 0.6, y: 0.2 },
      ],
    },
  ],
  rules: [
    { x: 0.75, label: 'f_c analytic' },
    { y: 0.5, label: 'half' },
  ],
  spans: [{ x1: 0.25, x2: 0.3, label: 'observed loss' }],
};

describe('linePlot', () => {
  it('is one standalone <svg> with the expected marks, labels and legend', () => {
    const svg = linePlot(lineOptions);
    const root = checkStandalone(svg);
    expect(markElements(root, 'line', 'path')).toHaveLength(2);
    expect(markElements(root, 'area', 'path')).toHaveLength(1);
    expect(markElements(root, 'dot', 'circle')).toHaveLength(3);
    expect(markElements(root, 'rule', 'line')).toHaveLength(3); // x rule, y rule, one error bar
    expect(markElements(root, 'rect', 'rect')).toHaveLength(1); // the span
    const t = texts(root);
    for (const expected of [
      'Giant component & friends <random>',
      'Erdős–Rényi, mean degree 4',
      'fraction removed f',
      'giant component S (% of nodes)',
      'f_c analytic',
      'half',
      'T+20 h',
      'observed loss',
    ]) {
      expect(t).toContain(expected);
    }
    expect(legendNames(root)).toEqual(['analytic', 'other', 'Monte Carlo 95% CI', 'observed']);
    // percent axis: ticks in 0..100
    const yTicks = all(root, 'g')
      .filter((g) => g.getAttribute('aria-label') === 'y-axis tick label')
      .flatMap((g) => all(g, 'text'));
    expect(yTicks.map((e) => e.textContent)).toContain('100');
    // linkedom's XML parser does not decode entities in attribute values, so check the serialised form.
    expect(svg).toContain('aria-label="Giant component &amp; friends &lt;random&gt;"');
  });

  it('is pure: the same input gives the same string', () => {
    expect(linePlot(lineOptions)).toBe(linePlot(lineOptions));
  });

  it('draws an empty frame when there is no data', () => {
    const root = checkStandalone(linePlot({ x: { label: 'x (h)' }, y: { label: 'y (%)' } }));
    expect(texts(root)).toContain('x (h)');
    expect(texts(root)).toContain('y (%)');
    expect(markElements(root, 'line', 'path')).toHaveLength(0);
    expect(markElements(root, 'dot', 'circle')).toHaveLength(0);
    expect(all(root, 'g').some((g) => g.getAttribute('aria-label') === 'x-axis tick label')).toBe(true);
  });

  it('colours: bands take the colour of the series at the same index; markers the next palette colour', () => {
    const root = parseSvg(linePlot(lineOptions));
    const area = all(root, 'g').find((g) => g.getAttribute('aria-label') === 'area')!;
    expect(area.getAttribute('fill')).toBe(PLOT_PALETTE[0]);
    const dots = all(root, 'g').find((g) => g.getAttribute('aria-label') === 'dot')!;
    expect(dots.getAttribute('fill')).toBe(PLOT_PALETTE[2]);
  });

  it('wraps a long legend into several rows and a long title into several lines', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      name: `a fairly long series name number ${i}`,
      points: [
        { x: 0, y: i },
        { x: 1, y: i + 1 },
      ],
    }));
    const root = checkStandalone(
      linePlot({
        title: 'A very long title that cannot possibly fit on a single line of a plot that is only 400 pixels wide',
        width: 400,
        height: 600,
        x: { label: 'x' },
        y: { label: 'y' },
        series: many,
      }),
    );
    const legendRows = new Set(
      all(root, 'g')
        .filter((g) => (g.getAttribute('aria-label') ?? '').startsWith('legend item '))
        .map((g) => all(g, 'text')[0].getAttribute('y')),
    );
    expect(legendRows.size).toBeGreaterThan(3);
    expect(all(root, 'text').filter((e) => e.getAttribute('aria-label') === 'title').length).toBeGreaterThan(1);
  });

  it('legend: false hides it; an explicit entry list replaces it', () => {
    const none = parseSvg(linePlot({ ...lineOptions, legend: false }));
    expect(legendNames(none)).toEqual([]);
    const custom = parseSvg(
      linePlot({ ...lineOptions, legend: [{ name: 'only this', kind: 'bandline', color: '#123456' }] }),
    );
    expect(legendNames(custom)).toEqual(['only this']);
  });

  it('rejects bad input naming the field', () => {
    const bad = (o: Partial<LinePlotOptions>, field: RegExp): void => {
      expect(() => linePlot({ ...lineOptions, ...o } as LinePlotOptions)).toThrow(FragilityInputError);
      expect(() => linePlot({ ...lineOptions, ...o } as LinePlotOptions)).toThrow(field);
    };
    bad({ y: { label: undefined as unknown as string } }, /^y\.label/);
    bad(
      {
        series: [
          {
            name: 's',
            points: [
              { x: 0, y: 1 },
              { x: NaN, y: 1 },
            ],
          },
        ],
      },
      /^series\[0\]\.points\[1\]\.x/,
    );
    bad({ rules: [{ x: 1, y: 1 }] }, /^rules\[0\]/);
    bad({ width: 10 }, /^width/);
    bad({ x: { label: 'x', domain: [1, 1] } }, /^x\.domain/);
  });
});

describe('timelinePlot', () => {
  const svg = timelinePlot({
    title: 'Skype, December 2010',
    series: [
      {
        name: 'simulated',
        points: [
          { t: 0, online: 1 },
          { t: 2, online: 0.18 },
          { t: 24, online: 0.83 },
        ],
      },
      {
        name: 'supernodes up',
        points: [
          { t: 0, online: 1 },
          { t: 24, online: 0.9 },
        ],
        dash: '5 3',
      },
    ],
    bands: [
      {
        name: '5–95 %',
        points: [
          { t: 0, lo: 0.95, hi: 1 },
          { t: 24, lo: 0.7, hi: 0.9 },
        ],
      },
    ],
    observed: [
      { t: 2, online: 0.245, label: '5.1 M online' },
      { t: 13, online: 0.175, lo: 0.15, hi: 0.2, label: '15–20 %' },
      { t: 20, online: 0.3, label: '≈30 %' },
      { t: 25, online: 0.825, lo: 0.8, hi: 0.85, label: '80–85 %' },
    ],
    observedName: 'observed 2010',
    injections: [
      { t: 12, label: 'mega-supernodes' },
      { t: 16, label: 'more mega-supernodes' },
    ],
  });

  it('has the trajectories, band, observed dots with ranges and injection rules', () => {
    const root = checkStandalone(svg);
    expect(markElements(root, 'line', 'path')).toHaveLength(2);
    expect(markElements(root, 'area', 'path')).toHaveLength(1);
    expect(markElements(root, 'dot', 'circle')).toHaveLength(4);
    expect(markElements(root, 'rule', 'line')).toHaveLength(4); // 2 injections + 2 ranges
    const t = texts(root);
    for (const s of [
      'hours since onset (h)',
      'online users (% of normal)',
      'mega-supernodes',
      'more mega-supernodes',
      '15–20 %',
      'Skype, December 2010',
    ]) {
      expect(t).toContain(s);
    }
    expect(legendNames(root)).toEqual(['simulated', 'supernodes up', '5–95 %', 'observed 2010']);
  });

  it('count mode uses plain numbers and the given label', () => {
    const root = checkStandalone(
      timelinePlot({
        online: 'count',
        yLabel: 'online users (millions)',
        series: [
          {
            name: 's',
            points: [
              { t: 0, online: 21 },
              { t: 10, online: 4 },
            ],
          },
        ],
      }),
    );
    expect(texts(root)).toContain('online users (millions)');
    expect(() => timelinePlot({ online: 'bogus' as 'count' })).toThrow(/^online/);
    expect(() => timelinePlot({ injections: [{ t: NaN }] })).toThrow(/^injections\[0\]\.t/);
  });
});

describe('collapsePlot', () => {
  const pts = (c: number) =>
    [0.1, 0.2, 0.25, 0.3, 0.4].map((loss) => {
      const p = loss > c ? 0.9 : 0.1;
      return { loss, probability: p, lo: p - 0.08, hi: p + 0.08 };
    });
  it('draws each series as dots with error bars, the analytic boundary and the observed span', () => {
    const root = checkStandalone(
      collapsePlot({
        title: 'Collapse probability',
        series: [
          { name: 'headroom 50 %', points: pts(0.22) },
          { name: 'headroom 100 %', points: pts(0.31) },
        ],
        boundaries: [{ loss: 0.27, label: 'mean-field boundary' }],
        spans: [{ x1: 0.25, x2: 0.3, label: 'observed 2010' }],
      }),
    );
    expect(markElements(root, 'dot', 'circle')).toHaveLength(10);
    expect(markElements(root, 'line', 'path')).toHaveLength(2);
    expect(markElements(root, 'rule', 'line')).toHaveLength(11); // 10 error bars + 1 boundary
    expect(markElements(root, 'rect', 'rect')).toHaveLength(1);
    const t = texts(root);
    for (const s of [
      'supernode loss (% of supernodes)',
      'collapse probability (% of runs)',
      'mean-field boundary',
      'observed 2010',
    ]) {
      expect(t).toContain(s);
    }
    expect(legendNames(root)).toEqual(['headroom 50 %', 'headroom 100 %']);
    const boundary = all(root, 'g')
      .filter((g) => g.getAttribute('aria-label') === 'rule')
      .find((g) => g.getAttribute('stroke') === '#8b1a1a');
    expect(boundary).toBeDefined();
  });

  it('rejects a non-finite loss naming the field', () => {
    expect(() => collapsePlot({ series: [{ name: 's', points: [{ loss: NaN, probability: 0 }] }] })).toThrow(
      /^series\[0\]\.points\[0\]\.loss/,
    );
  });
});

describe('phaseDiagram', () => {
  const options = {
    title: 'Minimum online fraction',
    x: { label: 'supernode loss (%)', values: [0.1, 0.2, 0.3], percent: true },
    y: { label: 'capacity headroom (%)', values: [0.5, 1], percent: true },
    cells: [
      { x: 0.1, y: 0.5, value: 0.9 },
      { x: 0.2, y: 0.5, value: 0.5 },
      { x: 0.3, y: 0.5, value: 0.1 },
      { x: 0.1, y: 1, value: 0.95 },
      { x: 0.2, y: 1, value: 0.8 },
      { x: 0.3, y: 1, value: null },
    ],
    valueLabel: 'minimum online users (% of normal)',
    valuePercent: true,
    boundary: [
      { x: 0.15, y: 0.5 },
      { x: 0.28, y: 1 },
    ],
    showValues: true,
  };

  it('draws one rect per cell, the boundary over it and a colour bar made of marks', () => {
    const root = checkStandalone(phaseDiagram(options));
    const cells = markElements(root, 'rect', 'rect');
    expect(cells).toHaveLength(6);
    const fills = cells.map((c) => c.getAttribute('fill'));
    expect(fills.filter((f) => f === '#d9d9d9')).toHaveLength(1); // the null cell
    expect(new Set(fills).size).toBe(6); // every other value has its own colour
    expect(markElements(root, 'line', 'path')).toHaveLength(2); // boundary halo + boundary
    const bar = all(root, 'g').find((g) => g.getAttribute('aria-label') === 'color legend')!;
    expect(all(bar, 'linearGradient')).toHaveLength(1);
    expect(all(bar, 'stop').length).toBeGreaterThanOrEqual(2);
    const t = texts(root);
    for (const s of [
      'supernode loss (%)',
      'capacity headroom (%)',
      'minimum online users (% of normal)',
      'Minimum online fraction',
      '90%',
    ]) {
      expect(t).toContain(s);
    }
    expect(legendNames(root)).toEqual(['analytic boundary', 'no data']);
  });

  it('cell edges lie midway between grid values (non-uniform grid)', () => {
    const root = parseSvg(
      phaseDiagram({
        ...options,
        x: { label: 'x', values: [0, 1, 3] },
        y: { label: 'y', values: [0] },
        cells: [
          { x: 0, y: 0, value: 1 },
          { x: 1, y: 0, value: 2 },
          { x: 3, y: 0, value: 3 },
        ],
        boundary: [],
        showValues: false,
      }),
    );
    const widths = markElements(root, 'rect', 'rect').map((r) => Number(r.getAttribute('width')));
    // edges: [-0.5, 0.5], [0.5, 2], [2, 4] → widths in ratio 1 : 1.5 : 2
    expect(widths[1] / widths[0]).toBeCloseTo(1.5, 1);
    expect(widths[2] / widths[0]).toBeCloseTo(2, 1);
  });

  it('rejects cells off the grid and unknown schemes naming the field', () => {
    expect(() => phaseDiagram({ ...options, cells: [{ x: 0.15, y: 0.5, value: 1 }] })).toThrow(/^cells\[0\]\.x/);
    expect(() => phaseDiagram({ ...options, scheme: 'no-such-scheme' })).toThrow(/^scheme/);
    expect(() => phaseDiagram({ ...options, x: { label: 'x', values: [] } })).toThrow(/^x\.values/);
  });
});

describe('giantComponentPlot', () => {
  it('draws analytic curves over simulated means and CI bands, one colour per strategy', () => {
    const fs = [0, 0.25, 0.5, 0.75, 1];
    const root = checkStandalone(
      giantComponentPlot({
        title: 'Giant component',
        curves: [
          {
            name: 'random',
            analytic: fs.map((f) => ({ f, S: 1 - f })),
            simulated: fs.map((f) => ({ f, S: 1 - f, lo: Math.max(0, 0.95 - f), hi: 1 - f })),
          },
          {
            name: 'targeted',
            analytic: fs.map((f) => ({ f, S: Math.max(0, 1 - 3 * f) })),
            simulated: fs.map((f) => ({ f, S: Math.max(0, 1 - 3 * f), lo: 0, hi: 1 })),
          },
        ],
        thresholds: [
          { f: 0.33, label: 'f_c targeted', curve: 'targeted' },
          { f: 0.9, label: 'f_c random' },
        ],
      }),
    );
    expect(markElements(root, 'line', 'path')).toHaveLength(4);
    expect(markElements(root, 'area', 'path')).toHaveLength(2);
    expect(legendNames(root)).toEqual([
      'random: simulated mean, 95% CI',
      'random: analytic',
      'targeted: simulated mean, 95% CI',
      'targeted: analytic',
    ]);
    const ruleStrokes = all(root, 'g')
      .filter((g) => g.getAttribute('aria-label') === 'rule')
      .map((g) => g.getAttribute('stroke'));
    expect(ruleStrokes).toEqual([PLOT_PALETTE[1], '#333']);
    const t = texts(root);
    for (const s of [
      'fraction of nodes removed f',
      'giant component S (fraction of original nodes)',
      'f_c targeted',
      'Giant component',
    ]) {
      expect(t).toContain(s);
    }
    // The analytic curves are drawn last (on top): the last two line groups are solid.
    const lineGroups = all(root, 'g').filter((g) => g.getAttribute('aria-label') === 'line');
    expect(lineGroups.slice(-2).every((g) => g.getAttribute('stroke-dasharray') === null)).toBe(true);
  });
});

describe('jupyterSvg', () => {
  it('carries the Deno kernel display symbol and returns the SVG MIME bundle', () => {
    const svg = linePlot({ x: { label: 'x' }, y: { label: 'y' } });
    const shown = jupyterSvg(svg);
    expect(JUPYTER_DISPLAY).toBe(Symbol.for('Jupyter.display'));
    expect(shown[JUPYTER_DISPLAY]()).toEqual({ 'image/svg+xml': svg });
    expect(String(shown)).toBe(svg);
  });
});
