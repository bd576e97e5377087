import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/report-bundle.ts';
import { scenarioReport } from '../../src/scenarios/report.ts';
import { runScenario } from '../../src/scenarios/run.ts';
import { all, parseSvg, texts, type XmlElement } from '../report/xml-check.ts';
import { SMALL_METASTABILITY, smallScenario } from './fixtures.ts';

const scenario = smallScenario();
const result = runScenario(scenario, { seed: 3, metastability: SMALL_METASTABILITY });
const dir = mkdtempSync(join(tmpdir(), 'fragility-scenario-report-'));
const written = writeReport(dir, scenarioReport(result, scenario));
const svg = (name: string): XmlElement => parseSvg(readFileSync(join(dir, `${name}.svg`), 'utf8'));
const marks = (root: XmlElement, label: string) => all(root, `[aria-label="${label}"]`);

describe('scenario report', () => {
  it('writes index.md linking every plot, table and report.json', () => {
    const index = readFileSync(written.index, 'utf8');
    for (const f of ['timeline.svg', 'collapse.svg', 'phase.svg', 'giant-component.svg', 'what-if.csv', 'timeline.csv', 'report.json']) {
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
    expect(texts(root).join(' ')).toContain('15–20 % (CIO, Wed night PST)');
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
    expect(overloadSection).not.toMatch(/\brow \d+|loginCost|loadWindowSeconds|headroom\.|collapseThreshold|staticBound/);
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
    expect(j.seed).toBe(3);
    for (const k of ['analytic', 'montecarlo']) expect(['number', 'object']).toContain(typeof j.threshold[k]);
    expect(Array.isArray(j.threshold.ci) && j.threshold.ci.length === 2).toBe(true);
    expect(j.threshold.method).toBe('probit-sequential');
    expect(typeof j.threshold.staticBound.note).toBe('string');
    expect(['number', 'object']).toContain(typeof j.threshold.staticBound.value);
    expect(Array.isArray(j.metastability.cells) && j.metastability.cells.length > 0).toBe(true);
    expect(j.timeline.every((p: Record<string, unknown>) => typeof p.t === 'number' && typeof p.online === 'number' && typeof p.supernodesUp === 'number')).toBe(true);
    expect(typeof j.minOnlineFraction).toBe('number');
    expect(typeof j.recovered).toBe('boolean');
    expect(j.whatIf.every((w: Record<string, unknown>) => typeof w.name === 'string' && typeof w.minOnlineFraction === 'number')).toBe(true);
  });
});
