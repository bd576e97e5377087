import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../src/report/report-bundle.ts';
import { scenarioReport } from '../../src/scenarios/report.ts';
import { runScenario } from '../../src/scenarios/run.ts';
import { all, parseSvg, texts, type XmlElement } from '../report/xml-check.ts';
import { smallScenario } from './fixtures.ts';

const scenario = smallScenario();
const result = runScenario(scenario, { seed: 3 });
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

  it('collapse: one dot per loss and the mean-field boundary rule', () => {
    const root = svg('collapse');
    expect(all(marks(root, 'dot')[0], 'circle')).toHaveLength(scenario.montecarlo.collapse.losses.length);
    expect(texts(root).some((t) => t.startsWith('mean-field f_c ='))).toBe(true);
  });

  it('phase diagram: one cell per (loss, headroom) and the boundary line', () => {
    const root = svg('phase');
    const cells = scenario.montecarlo.phase.losses.length * scenario.montecarlo.phase.headrooms.length;
    expect(all(root, 'rect').length).toBeGreaterThanOrEqual(cells);
    expect(marks(root, 'legend item mean-field f_c(α)')).toHaveLength(1);
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
    expect(j.timeline.every((p: Record<string, unknown>) => typeof p.t === 'number' && typeof p.online === 'number' && typeof p.supernodesUp === 'number')).toBe(true);
    expect(typeof j.minOnlineFraction).toBe('number');
    expect(typeof j.recovered).toBe('boolean');
    expect(j.whatIf.every((w: Record<string, unknown>) => typeof w.name === 'string' && typeof w.minOnlineFraction === 'number')).toBe(true);
  });
});
