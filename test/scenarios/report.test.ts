import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/report-bundle.ts';
import {
  observedResidualRows,
  observedResiduals,
  scenarioReport,
  whatStillMissesMarkdown,
} from '../../src/scenarios/report.ts';
import type { ScenarioResult } from '../../src/scenarios/run.ts';
import { all, parseSvg, texts, type XmlElement } from '../report/xml-check.ts';
import { smallScenario, smallScenarioRun } from './fixtures.ts';

const scenario = smallScenario();
// runScenario(scenario, { seed: 1, metastability: SMALL_METASTABILITY }), shared with run.test.ts (fixtures.ts)
const result = smallScenarioRun();
const dir = mkdtempSync(join(tmpdir(), 'fragility-scenario-report-'));
const written = writeReport(dir, scenarioReport(result, scenario));
const svg = (name: string): XmlElement => parseSvg(readFileSync(join(dir, `${name}.svg`), 'utf8'));
const marks = (root: XmlElement, label: string) => all(root, `[aria-label="${label}"]`);

describe('scenario report', () => {
  it('writes index.md linking every plot, table and report.json', () => {
    const index = readFileSync(written.index, 'utf8');
    for (const f of [
      'timeline.svg',
      'collapse.svg',
      'phase.svg',
      'giant-component.svg',
      'what-if.csv',
      'timeline.csv',
      'report.json',
    ]) {
      expect(existsSync(join(dir, f))).toBe(true);
      expect(index).toContain(`](${f})`);
    }
    expect(index).toContain('**Verdict.**');
  });

  it('timeline: a line for the simulation, a band, the observed points and the mega-supernode rules', () => {
    const root = svg('timeline');
    expect(root.localName).toBe('svg');
    expect(marks(root, 'line').length).toBeGreaterThanOrEqual(2); // online, supernodes up
    expect(marks(root, 'area')).toHaveLength(1);
    const dots = all(marks(root, 'dot')[0], 'circle');
    expect(dots).toHaveLength(scenario.observed.length);
    expect(marks(root, 'rule').length).toBeGreaterThanOrEqual(scenario.levers.megaSupernodes.waves.length);
    expect(texts(root).join(' ')).toContain('15–20 % back (Wed night PST, 04–08 UTC)');
  });

  it('collapse: one dot per loss, the fluid and simulated f_c and the labelled static bound', () => {
    const root = svg('collapse');
    expect(all(marks(root, 'dot')[0], 'circle')).toHaveLength(scenario.montecarlo.collapse.losses.length);
    expect(texts(root).some((t) => t.startsWith('fluid f_c ='))).toBe(true);
    expect(texts(root).some((t) => t.startsWith('simulated f_c ='))).toBe(true);
    expect(texts(root).some((t) => t.startsWith('static mean-field bound ='))).toBe(true);
  });

  it('timeline: the fluid-limit curve is drawn over the simulated band', () => {
    expect(marks(svg('timeline'), 'legend item online, fluid limit (deterministic)')).toHaveLength(1);
  });

  it('the overload section says which number to trust and states the baseline parameters in words, no field names or row numbers', () => {
    const index = readFileSync(written.index, 'utf8');
    expect(index).toContain('**Which number to trust.**');
    expect(index).toContain('*Headroom*');
    expect(index).toContain('*Login cost*');
    expect(index).toContain('*Load window*');
    expect(index).toContain('Metastability');
    const overloadSection = index.slice(index.indexOf('## Overload threshold'), index.indexOf('## Phase diagram'));
    expect(overloadSection).not.toMatch(
      /\brow \d+|loginCost|loadWindowSeconds|headroom\.|collapseThreshold|staticBound/,
    );
  });

  it('phase diagram: one cell per (loss, headroom) and the boundary line', () => {
    const root = svg('phase');
    const cells = scenario.montecarlo.phase.losses.length * scenario.montecarlo.phase.headrooms.length;
    expect(all(root, 'rect').length).toBeGreaterThanOrEqual(cells);
    expect(marks(root, 'legend item fluid-limit f_c(α)')).toHaveLength(1);
  });

  it('giant component: analytic lines over simulated bands, random and targeted', () => {
    const root = svg('giant-component');
    expect(marks(root, 'area')).toHaveLength(2);
    expect(marks(root, 'legend item random loss: analytic')).toHaveLength(1);
    expect(marks(root, 'legend item targeted loss: analytic')).toHaveLength(1);
  });

  it('report.json carries the contract fields with their types', () => {
    const j = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(j.scenario).toBe('skype-2010');
    expect(j.seed).toBe(1);
    for (const k of ['analytic', 'montecarlo']) expect(['number', 'object']).toContain(typeof j.threshold[k]);
    expect(Array.isArray(j.threshold.ci) && j.threshold.ci.length === 2).toBe(true);
    expect(j.threshold.method).toBe('probit-sequential');
    expect(typeof j.threshold.staticBound.note).toBe('string');
    expect(['number', 'object']).toContain(typeof j.threshold.staticBound.value);
    expect(Array.isArray(j.metastability.cells) && j.metastability.cells.length > 0).toBe(true);
    expect(
      j.timeline.every(
        (p: Record<string, unknown>) =>
          typeof p.t === 'number' && typeof p.online === 'number' && typeof p.supernodesUp === 'number',
      ),
    ).toBe(true);
    expect(typeof j.minOnlineFraction).toBe('number');
    expect(typeof j.recovered).toBe('boolean');
    expect(
      j.whatIf.every(
        (w: Record<string, unknown>) => typeof w.name === 'string' && typeof w.minOnlineFraction === 'number',
      ),
    ).toBe(true);
  });

  it('writes the residual table and the derived "what still misses" paragraph', () => {
    const index = readFileSync(written.index, 'utf8');
    expect(index).toContain('## The fit: residual at every observed point');
    expect(index).toContain('**What still misses.**');
    expect(existsSync(join(dir, 'observed-residuals.csv'))).toBe(true);
    expect(observedResidualRows(result)).toHaveLength(scenario.observed.length);
  });
});

describe('observed residuals and "what still misses" (synthetic timelines, exact values)', () => {
  // a timeline falling linearly from 1 at t = 0 to 0 at t = 10; the fluid curve is 0.1 higher everywhere
  const ts = Array.from({ length: 11 }, (_, i) => i);
  const mk = (observed: ScenarioResult['observed']) =>
    ({
      timeline: ts.map((t) => ({
        t,
        online: 1 - t / 10,
        onlineMin: 1 - t / 10 - 0.05,
        onlineMax: 1 - t / 10 + 0.05,
        supernodesUp: 1,
        megaUp: 0,
      })),
      fluidTimeline: ts.map((t) => ({ t, online: Math.min(1, 1.1 - t / 10), supernodesUp: 1 })),
      observed,
    }) as unknown as ScenarioResult;
  const sc = { montecarlo: { timelineRuns: 3 } } as Parameters<typeof whatStillMissesMarkdown>[1];

  it('interpolates at a point, averages over a window, and standardizes by half the range', () => {
    const r = mk([
      { t: 2.5, online: 0.8, lo: 0.7, hi: 0.9, label: 'p' }, // simulated 0.75 (−0.5 σ), fluid 0.85 (+0.5 σ)
      { t: 4, tEnd: 6, online: 0.3, lo: 0.2, hi: 0.4, label: 'w' }, // window mean 0.5 (+2 σ), fluid 0.6 (+3 σ)
      { t: 8, online: 0.2, label: 'no range' },
    ]);
    const { rows, chi2Fluid, chi2Simulated, points } = observedResiduals(r);
    expect(rows[0].simulated).toBeCloseTo(0.75, 12);
    expect(rows[0].simulatedSigma).toBeCloseTo(-0.5, 12);
    expect(rows[0].fluidSigma).toBeCloseTo(0.5, 12);
    expect([rows[0].simulatedMin, rows[0].simulatedMax].map((x) => +x.toFixed(12))).toEqual([0.7, 0.8]);
    expect(rows[1].simulated).toBeCloseTo(0.5, 12);
    expect(rows[1].simulatedSigma).toBeCloseTo(2, 12);
    expect(rows[1].simulatedInside).toBe(false);
    expect(rows[1].fluidSigma).toBeCloseTo(3, 12);
    expect(rows[2].sigma).toBeNull();
    expect(rows[2].simulatedInside).toBeNull();
    expect(points).toBe(2);
    expect(chi2Simulated).toBeCloseTo(0.25 + 4, 12);
    expect(chi2Fluid).toBeCloseTo(0.25 + 9, 12);
  });

  it('names each miss with its sign and size, and says so when every point is matched', () => {
    const miss = whatStillMissesMarkdown(
      mk([
        { t: 2.5, online: 0.8, lo: 0.7, hi: 0.9, label: 'p' },
        { t: 4, tEnd: 6, online: 0.3, lo: 0.2, hi: 0.4, label: 'w' },
        { t: 20, online: 1, lo: 0.95, hi: 1.05, label: 'late' },
      ]),
      sc,
    );
    expect(miss).toContain('1 of the 2 observed points with a range are missed');
    expect(miss).toContain(
      'at T+4–6 h (w: 30.0 %, range 20.0 %–40.0 %) the simulated mean, 50.0 %, is 20.0 points high (+2.00 σ) and the fluid limit, 60.0 %, 30.0 points high (+3.00 σ)',
    );
    expect(miss).toContain('Not reached by the simulated time: T+20 h (late)');
    expect(miss).toContain(
      'χ² over the 2 points with a range: 9.25 for the fluid limit, 4.25 for the simulated mean of 3 runs (σ = half of each range; were the ranges ±1 σ of Gaussian errors, 31.7 % of the points — 0.6 of 2 — would fall outside by chance)',
    );
    const two = whatStillMissesMarkdown(
      mk([
        { t: 1, online: 0.5, lo: 0.45, hi: 0.55 },
        { t: 9, online: 0.5, lo: 0.45, hi: 0.55 },
      ]),
      sc,
    );
    expect(two).toContain('The misses have both signs');
    const ok = whatStillMissesMarkdown(mk([{ t: 2.5, online: 0.8, lo: 0.7, hi: 0.9, label: 'p' }]), sc);
    expect(ok).toContain('Every one of the 1 observed points with a range is matched');
    expect(ok).not.toContain('missed');
  });
});
