// The explorer's model layer (explorer-model.ts), drawer (explorer-draw.ts) and HTML helpers (report/html.ts), in
// Node: the browser test (test/report/explorer.browser.test.ts) checks the page against these same functions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skype2010Scenario, skype2007Scenario } from '../../src/scenarios/builtin.ts';
import {
  explorerFastError,
  explorerParams,
  explorerSettings,
  explorerSpec,
  explorerVerdict,
  explorerWaves,
  type ExplorerOutcome,
} from '../../src/scenarios/explorer-model.ts';
import { type DrawTimeline, explorerTimelineSvg, f1 } from '../../src/scenarios/explorer-draw.ts';
import { scenarioToOverloadParams } from '../../src/scenarios/to-params.ts';
import { escapeHtml, htmlTable, inlineScript, scriptJson, simpleMarkdownHtml } from '../../src/report/html.ts';
import { FragilityInputError } from '../../src/errors.ts';

const spec = explorerSpec(structuredClone(skype2010Scenario), 0.02);

describe('explorer spec and parameters', () => {
  it("starts at the scenario's own settings and maps them to exactly the scenario's parameters", () => {
    expect(spec.defaults).toEqual({
      supernodeLoss: 0.275,
      autoUpdateCoverage: 0,
      headroomScale: 1,
      retry: 0,
      megaCount: 353,
      megaFirstHours: 2,
    });
    const p = explorerParams(spec, spec.defaults);
    const q = scenarioToOverloadParams(skype2010Scenario, 0.02);
    // the headroom law object is rebuilt by the parse: compare it by its spec and quantiles, the rest field by field
    expect(p.headroom.spec).toBe(q.headroom.spec);
    for (const u of [0.01, 0.5, 0.99]) expect(p.headroom.quantile(u)).toBe(q.headroom.quantile(u));
    expect({ ...p, headroom: null }).toEqual({ ...q, headroom: null });
  });

  it('each control changes its own field: trigger, headroom k·α, retry and give-up, mega waves', () => {
    const p = explorerParams(spec, {
      ...spec.defaults,
      supernodeLoss: 0.1,
      autoUpdateCoverage: 0.5,
      headroomScale: 4,
      retry: 1,
      megaCount: 200,
      megaFirstHours: 5,
    });
    expect(p.trigger.supernodeCrashShare).toBe(0.1);
    expect(p.trigger.autoUpdateCoverage).toBe(0.5);
    const base = scenarioToOverloadParams(skype2010Scenario, 0.02);
    expect(p.headroom.quantile(0.5)).toBeCloseTo(4 * base.headroom.quantile(0.5), 12);
    expect(p.retry).toEqual(spec.retryOptions[1].retry);
    expect(p.maxAttempts).toBe(spec.retryOptions[1].maxAttempts ?? Infinity);
    // 2010 waves (fitted): 80 at T+2 h, 273 from T+16 h over 12 h → 200 in the same proportions (round(200·80/353)
    // = 45, the rest 155), the first at T+5 h, the second keeping its 12-h ramp
    expect(p.mega.waves).toEqual([
      { atHours: 5, count: 45 },
      { atHours: 19, count: 155, overHours: 12 },
    ]);
  });

  it("offers the scenario's retry policy, then the what-ifs' (2010: full jitter and gRPC with 12 attempts, fixed with 12)", () => {
    expect(spec.retryOptions.map((o) => [o.retry.kind, o.maxAttempts])).toEqual([
      ['fixed', 4],
      ['exponential-full-jitter', 12],
      ['grpc', 12],
      ['fixed', 12],
    ]);
    expect(spec.retryOptions[0].name).toMatch(/^as in the scenario/);
  });

  it('keeps every default on its slider grid (2007 too), so the controls start at the scenario', () => {
    for (const s of [skype2010Scenario, skype2007Scenario]) {
      const sp = explorerSpec(structuredClone(s), s.montecarlo.scale);
      const on = (x: number, r: { min: number; step: number }) =>
        Math.abs((x - r.min) / r.step - Math.round((x - r.min) / r.step)) < 1e-9;
      expect(on(sp.defaults.supernodeLoss, sp.ranges.supernodeLoss)).toBe(true);
      expect(on(sp.defaults.autoUpdateCoverage, sp.ranges.autoUpdateCoverage)).toBe(true);
      expect(on(sp.defaults.megaCount, sp.ranges.megaCount)).toBe(true);
      expect(on(sp.defaults.megaFirstHours, sp.ranges.megaFirstHours)).toBe(true);
      expect(sp.defaults.megaFirstHours).toBeLessThanOrEqual(sp.ranges.megaFirstHours.max);
    }
  });

  it('previews at 6 headroom quantiles by default, never finer than the full run', () => {
    expect([spec.quantiles, spec.previewQuantiles]).toEqual([100, 6]);
    expect(explorerSpec(skype2010Scenario, 0.02, 5).previewQuantiles).toBe(5);
    expect(explorerSpec(skype2010Scenario, 0.02, 100, 0).previewQuantiles).toBe(0);
    expect(() => explorerSpec(skype2010Scenario, 0.02, 20, 40)).toThrow(
      'previewQuantiles: 40 is not allowed; expected an integer in [2, 20]',
    );
  });

  it('rejects a setting out of range with one error naming the control and the range', () => {
    expect(() => explorerSettings(spec, { supernodeLoss: 1.5 })).toThrow(FragilityInputError);
    expect(() => explorerSettings(spec, { supernodeLoss: 1.5 })).toThrow(
      'supernodeLoss: 1.5 is not allowed; expected a finite number in [0, 1]',
    );
    expect(() => explorerSettings(spec, { retry: 9 })).toThrow(
      /^retry: 9 is not allowed; expected an integer in \[0, 3\]/,
    );
    expect(() => explorerSettings(spec, { megaCount: 2.5 })).toThrow(/^megaCount/);
    expect(() => explorerSettings(spec, { speed: 1 } as never)).toThrow(/^explorer setting: "speed"/);
  });

  it('mega waves: the total is kept exactly, proportions rounded, first wave moved, offsets kept (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.double({ min: 0, max: 30, noNaN: true }), (n, t) => {
        const w = explorerWaves(skype2010Scenario, n, t);
        expect(w.reduce((a, x) => a + x.count, 0)).toBe(n);
        for (const x of w) expect(x.count).toBeGreaterThan(0);
        if (n >= 10) {
          expect(w[0].atHours).toBe(t);
          expect(w[w.length - 1].atHours - w[0].atHours).toBeCloseTo(14, 9);
        }
      }),
    );
    const noWaves = structuredClone(skype2010Scenario);
    noWaves.levers.megaSupernodes.waves = [];
    expect(explorerWaves(noWaves, 50, 3)).toEqual([{ atHours: 3, count: 50 }]);
    expect(explorerWaves(noWaves, 0, 3)).toEqual([]);
  });

  it('the verdict prints the computed numbers of the run', () => {
    const o: ExplorerOutcome = {
      timeline: [],
      minOnlineFraction: 0.1234,
      minOnlineAtHours: 0.5,
      collapsed: true,
      recovered: true,
      recoveredAtHours: 16.25,
      peakLoginRate: 81.6,
      waves: [],
      collapseThreshold: 0.5,
      recoveryThreshold: 0.8,
      durationHours: 48,
    };
    expect(explorerVerdict(spec.defaults, o)).toBe(
      'Fluid limit: with 27.5 % of the supernodes crashed by the trigger and 0 % auto-updated, the network collapses (minimum online 12.3 % at T+30 min; peak requests at up supernodes 82× normal) and recovers (≥ 80 % online to the end) at T+16.3 h.',
    );
    expect(
      explorerVerdict(spec.defaults, {
        ...o,
        collapsed: false,
        recovered: false,
        recoveredAtHours: null,
        minOnlineFraction: 0.7,
      }),
    ).toBe(
      'Fluid limit: with 27.5 % of the supernodes crashed by the trigger and 0 % auto-updated, the network does not collapse (minimum online 70.0 % at T+30 min, collapse means below 50 %; peak requests at up supernodes 82× normal) and does not recover within 48 h.',
    );
  });
});

describe('explorerFastError: what the page states about its fast run', () => {
  const outcome = (online: number[], over: Partial<ExplorerOutcome> = {}): ExplorerOutcome => ({
    timeline: online.map((y, i) => ({ t: i / 12, online: y, supernodesUp: 1 })),
    minOnlineFraction: Math.min(...online),
    minOnlineAtHours: 0,
    collapsed: Math.min(...online) < 0.5,
    recovered: online[online.length - 1] >= 0.9,
    recoveredAtHours: null,
    peakLoginRate: 1,
    waves: [],
    collapseThreshold: 0.5,
    recoveryThreshold: 0.9,
    durationHours: 1,
    ...over,
  });

  it('measures the largest and mean online difference, the minimum and the recovery time (exact values)', () => {
    const full = outcome([1, 0.2, 0.95], { recoveredAtHours: 2 / 12 });
    const fast = outcome([1, 0.6, 0.9], { recoveredAtHours: 0.25 });
    const e = explorerFastError(full, fast);
    // largest and minimum: |0.2 − 0.6| at the second point; mean (0 + |0.2 − 0.6| + |0.95 − 0.9|)/3, in doubles
    expect(e.maxOnline).toBe(Math.abs(0.2 - 0.6));
    expect(e.meanOnline).toBe((0 + Math.abs(0.2 - 0.6) + Math.abs(0.95 - 0.9)) / 3);
    expect(e.minOnline).toBe(Math.abs(0.2 - 0.6));
    expect(e.recoveredAtHours).toBe(Math.abs(2 / 12 - 0.25));
    expect(e.sameVerdict).toBe(false); // 0.2 is a collapse, 0.6 is not
    expect(explorerFastError(full, outcome([1, 0.2, 0.5])).recoveredAtHours).toBeNull(); // only one recovers
    expect(explorerFastError(outcome([1, 0.4]), outcome([1, 0.45])).recoveredAtHours).toBe(0); // neither does
    expect(() => explorerFastError(full, outcome([1, 0.2]))).toThrow(RangeError);
  });

  it('is zero on identical runs, symmetric, and mean <= max (property)', () => {
    const series = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        series,
        fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 40, maxLength: 40 }),
        (a, shift) => {
          const b = a.map((y, i) => Math.min(1, Math.max(0, y + shift[i])));
          const A = outcome(a);
          const B = outcome(b);
          const same = explorerFastError(A, outcome(a));
          expect([same.maxOnline, same.meanOnline, same.minOnline, same.recoveredAtHours, same.sameVerdict]).toEqual([
            0,
            0,
            0,
            0,
            true,
          ]);
          const ab = explorerFastError(A, B);
          const ba = explorerFastError(B, A);
          expect([ab.maxOnline, ab.meanOnline, ab.minOnline]).toEqual([ba.maxOnline, ba.meanOnline, ba.minOnline]);
          expect(ab.meanOnline).toBeLessThanOrEqual(ab.maxOnline);
          // on a timeline whose minimum is a sample point, the minima differ by no more than the largest difference
          expect(ab.minOnline).toBeLessThanOrEqual(ab.maxOnline);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('explorer timeline drawer', () => {
  it('draws one accessible SVG: title, description, a path per line, a dot per observation, a rule per wave', () => {
    const svg = explorerTimelineSvg({
      width: 600,
      height: 400,
      tMax: 48,
      title: 'T <1>',
      description: 'D & d',
      lines: [
        {
          name: 'a',
          stroke: '#000',
          points: [
            { t: 0, y: 1 },
            { t: 24, y: 0 },
            { t: 48, y: 1 },
          ],
          role: 'explorer-line',
        },
        {
          name: 'b',
          stroke: '#f00',
          dash: '2 2',
          points: [
            { t: 0, y: 0.5 },
            { t: 48, y: 0.5 },
          ],
        },
      ],
      observed: [
        { t: 20, online: 0.3 },
        { t: 24, online: 0.825, lo: 0.8, hi: 0.85 },
      ],
      rules: [
        { t: 2, label: '+80 mega' },
        { t: 60, label: 'outside' },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="tl-title">T &lt;1&gt;</title><desc id="tl-desc">D &amp; d</desc>');
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg.match(/data-role="observed"/g)).toHaveLength(2);
    expect(svg.match(/data-role="wave"/g)).toHaveLength(1); // the rule at T+60 h is outside [0, 48]
    // plot area x from 52 to 600 − 16: t = 24 h at the middle, y = 0 at the bottom of the axes
    expect(svg).toMatch(/<path d="M52,[\d.]+L318,[\d.]+L584,[\d.]+"/);
  });
});

describe('explorer timeline drawer: the fast paths write what the plain ones would', () => {
  it('f1 writes x rounded to tenths exactly as (Math.round(10x)/10).toString()', () => {
    const plain = (x: number) => (Math.round(x * 10) / 10).toString();
    for (const x of [
      0,
      -0,
      0.04,
      0.05,
      -0.04,
      -0.05,
      0.95,
      99_999_999.94,
      99_999_999.96,
      1e9,
      -3.25,
      5e-324,
      Number.NaN,
      Infinity,
      -Infinity,
    ])
      expect(f1(x)).toBe(plain(x));
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e10, max: 1e10 }), (x) => f1(x) === plain(x)),
      { numRuns: 5000 },
    );
  });

  it('a points array drawn again at another size gets new coordinates (the cache is keyed by the scales)', () => {
    const pts = Array.from({ length: 50 }, (_, i) => ({ t: i, y: (i % 7) / 7 }));
    const band = { name: 'b', fill: '#ccc', points: pts.map((p) => ({ t: p.t, lo: p.y / 2, hi: p.y })) };
    const d = (width: number, tMax: number, lines: DrawTimeline['lines'], b: DrawTimeline['band']): DrawTimeline => ({
      width,
      height: 300,
      tMax,
      title: 't',
      description: 'd',
      lines,
      band: b,
    });
    const copy = () => structuredClone(pts);
    const copyBand = () => structuredClone(band);
    for (const [w, t] of [
      [600, 48],
      [600, 48],
      [700, 48],
      [700, 60],
      [600, 48],
    ] as const) {
      // the same arrays each time (cached) against fresh copies (never seen by the cache)
      expect(explorerTimelineSvg(d(w, t, [{ name: 'a', stroke: '#000', points: pts }], band))).toBe(
        explorerTimelineSvg(d(w, t, [{ name: 'a', stroke: '#000', points: copy() }], copyBand())),
      );
    }
    // one more line adds a legend row, which moves the axes: the cached coordinates must follow
    const two = [
      { name: 'a', stroke: '#000', points: pts },
      { name: 'c', stroke: '#f00', points: copy() },
    ];
    expect(explorerTimelineSvg(d(600, 48, two, band))).toBe(
      explorerTimelineSvg(
        d(
          600,
          48,
          [
            { name: 'a', stroke: '#000', points: copy() },
            { name: 'c', stroke: '#f00', points: copy() },
          ],
          copyBand(),
        ),
      ),
    );
  });
});

describe('HTML helpers', () => {
  it('escapeHtml and htmlTable escape text and right-align numeric columns', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const t = htmlTable(
      [
        { name: '<b>', x: 0.123456 },
        { name: 'c', x: 2 },
      ],
      undefined,
      'cap & more',
    );
    expect(t).toContain('<caption>cap &amp; more</caption>');
    expect(t).toContain('<th scope="col">name</th><th scope="col" class="num">x</th>');
    expect(t).toContain('<td>&lt;b&gt;</td><td class="num">0.1235</td>');
  });

  it('simpleMarkdownHtml renders the subset the report prose uses', () => {
    expect(simpleMarkdownHtml('**Which.** a <b> *c*\n\n**What.**\n- *x*: y\n- z')).toBe(
      '<p><strong>Which.</strong> a &lt;b&gt; <em>c</em></p>\n<p><strong>What.</strong></p>\n<ul><li><em>x</em>: y</li><li>z</li></ul>',
    );
  });

  it('scriptJson cannot end its <script> element and parses back to the value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const s = scriptJson(v);
        expect(s).not.toMatch(/<|>|&|\u2028|\u2029/);
        expect(JSON.parse(s)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
    expect(scriptJson({ a: '</script><!--' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--"}');
  });

  it('inlineScript breaks every </script, keeping the JavaScript meaning', () => {
    const js = 'window.x = "</script>" + `</SCRIPT>`;';
    const safe = inlineScript(js);
    expect(safe).not.toMatch(/<\/script/i);
    const w: { x?: string } = {};
    new Function('window', safe)(w);
    expect(w.x).toBe('</script></SCRIPT>');
  });
});
