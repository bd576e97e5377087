import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, skype2007Scenario, skype2010Scenario } from '../../src/scenarios/builtin.ts';
import { applyWhatIf, loadScenario, parseScenario } from '../../src/scenarios/load.ts';
import { ScenarioValidationError, validateScenario } from '../../src/scenarios/schema.ts';
import { scenarioToOverloadParams } from '../../src/scenarios/to-params.ts';
import {
  skype2007PredictedParams,
  skype2010CalibratedParams,
  validateOverloadParams,
  withOverloadParams,
  type OverloadParams,
} from '../../src/models/overload-params.ts';
import { FragilityInputError } from '../../src/errors.ts';

function problemOf(doc: unknown): ScenarioValidationError {
  try {
    validateScenario(doc);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioValidationError);
    return err as ScenarioValidationError;
  }
  throw new Error('expected a validation error');
}

describe('scenario schema', () => {
  it('validates every built-in scenario and every one of its what-ifs', () => {
    for (const [name, s] of Object.entries(BUILTIN_SCENARIOS)) {
      const v = parseScenario(structuredClone(s));
      expect(v.name).toBe(name);
      v.whatIf.forEach((_, i) => {
        const w = applyWhatIf(v, i);
        // each what-if also yields valid model parameters at the default and at a tiny scale
        validateOverloadParams(scenarioToOverloadParams(w));
        validateOverloadParams(scenarioToOverloadParams(w, 0.001));
      });
    }
  });

  it('round-trips through JSON (what --print-scenario writes is a valid scenario file)', () => {
    for (const name of Object.keys(BUILTIN_SCENARIOS)) {
      const s = loadScenario(name);
      expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
    }
  });

  it('loads built-ins by name and rejects unknown names with the field named', () => {
    expect(loadScenario('skype-2007').name).toBe('skype-2007');
    expect(() => loadScenario('skype-1999')).toThrow(
      /^scenario: "skype-1999" is not allowed; expected a built-in scenario \(skype-2010, skype-2007\)/,
    );
  });

  it('names the path, the value and the allowed range in one line', () => {
    const doc = structuredClone(skype2010Scenario) as unknown as Record<string, Record<string, unknown>>;
    doc.trigger.clientCrashProb = 1.4;
    const e = problemOf(doc);
    expect(e.message).toBe('scenario.trigger.clientCrashProb: 1.4 is not allowed; expected a number in [0, 1]');
    expect(e.field).toBe('scenario.trigger.clientCrashProb');
    expect(e).toBeInstanceOf(FragilityInputError);
  });

  it('reports missing fields, unknown fields, wrong types, bad laws and cross-field rules', () => {
    const base = () => structuredClone(skype2010Scenario) as unknown as Record<string, Record<string, unknown>>;
    let d = base();
    delete d.overlay.clients;
    expect(problemOf(d).message).toBe('scenario.overlay.clients: missing; expected an integer in [1, 1000000000]');
    d = base();
    d.overlay.colour = 'blue';
    expect(problemOf(d).message).toMatch(
      /^scenario\.overlay\.colour: "blue" is not allowed; expected no such field \(known fields: clients, supernodes, coreLaw, cacheSize, choice\)$/,
    );
    d = base();
    d.levers.megaSupernodes = { ...(d.levers.megaSupernodes as object), waves: [{ atHours: -1, count: 10 }] };
    expect(problemOf(d).message).toBe(
      'scenario.levers.megaSupernodes.waves[0].atHours: -1 is not allowed; expected a number in [0, 8760]',
    );
    d = base();
    d.supernodes.headroom = 'uniform(-1,2)';
    expect(problemOf(d).field).toBe('scenario.supernodes.headroom');
    d = base();
    d.overlay.coreLaw = 'zipf(2)';
    expect(problemOf(d).field).toBe('scenario.overlay.coreLaw');
    d = base();
    d.overlay.cacheSize = 60;
    d.overlay.supernodes = 50;
    expect(problemOf(d).message).toBe(
      'scenario.overlay.cacheSize: 60 is not allowed; expected an integer in [1, 50] (<= overlay.supernodes)',
    );
    d = base();
    d.clients.retry = { kind: 'linear', seconds: 3 };
    expect(problemOf(d).field).toBe('scenario.clients.retry.kind');
    d = base();
    (d as Record<string, unknown>).montecarlo = 'fast';
    expect(problemOf(d).message).toBe('scenario.montecarlo: "fast" is not allowed; expected an object');
  });

  it('validates what-if overrides with their own path', () => {
    const d = structuredClone(skype2010Scenario);
    d.whatIf[1].set = { levers: { autoUpdateCoverage: 2 } };
    expect(() => parseScenario(d)).toThrow(
      'scenario.whatIf[1].set.levers.autoUpdateCoverage: 2 is not allowed; expected a number in [0, 1]',
    );
  });

  it('counts the other problems in the one-line message', () => {
    const d = structuredClone(skype2010Scenario) as unknown as Record<string, Record<string, unknown>>;
    d.trigger.buggyShare = -1;
    d.trigger.clientCrashProb = 2;
    const e = problemOf(d);
    expect(e.problems).toHaveLength(2);
    expect(e.message).toMatch(/\(and 1 more problem\)$/);
    expect(e.message).not.toContain('\n');
  });

  it('maps the scenario field for field onto the overload parameters', () => {
    const p = scenarioToOverloadParams(skype2010Scenario, 0.01);
    expect(p.trigger.crashProbability).toBe(skype2010Scenario.trigger.clientCrashProb);
    expect(p.scale).toBe(0.01);
    expect(p.headroom.spec).toBe(skype2010Scenario.supernodes.headroom);
    // forced-loss client crashes per supernode crash: 0.5·0.4 / 0.275 (rows 14–16)
    expect(p.forcedClientCrashRatio).toBeCloseTo(0.2 / 0.275, 12);
    // cache capped at the scaled supernode count (26 000 × 0.001 = 26 < 50)
    expect(scenarioToOverloadParams(skype2010Scenario, 0.001).cacheSize).toBe(26);
  });

  // Every OverloadParams field a scenario controls must come from the scenario: the built-in scenario, mapped back,
  // must reproduce its calibrated parameter set exactly (at the same scale). Only the reporting settings
  // (sampleEvery, normalSessionHours, recovery/collapse thresholds) and the forced-loss fields are not scenario fields.
  const comparable = (p: OverloadParams) => {
    const { headroom, overlay: _o, forcedLoss: _f, forcedClientCrashRatio: _r, ...rest } = p;
    return { ...rest, headroom: headroom.spec };
  };
  for (const [scenario, params] of [
    [skype2010Scenario, skype2010CalibratedParams],
    [skype2007Scenario, skype2007PredictedParams],
  ] as const) {
    it(`maps ${scenario.name} onto its calibrated parameter set, field for field`, () => {
      const scale = scenario.montecarlo.scale;
      const mapped = scenarioToOverloadParams(scenario, scale);
      const expected = withOverloadParams(params, { scale });
      expect(comparable(mapped)).toEqual(comparable(expected));
      // the same law, not only the same spec string
      expect(mapped.headroom.mean).toBeCloseTo(expected.headroom.mean, 12);
      expect(mapped.forcedLoss).toBeNull();
    });
  }

  it('runs 2007 on the 2010-fitted rules (out of sample) and both with the issue-16 mechanisms', () => {
    const p07 = scenarioToOverloadParams(skype2007Scenario);
    const p10 = scenarioToOverloadParams(skype2010Scenario);
    const rules = (p: OverloadParams) => [
      p.loadWindowSeconds,
      p.refuseCostFactor,
      p.burstFactor,
      p.probesPerAttempt,
      p.mega.loginCostFactor,
      p.loginCost,
      p.headroom.spec,
    ];
    expect(rules(p07)).toEqual(rules(p10));
    expect(rules(p10)).toEqual(rules(skype2010CalibratedParams));
    expect(Number.isFinite(p10.burstFactor)).toBe(true);
    for (const p of [p07, p10]) {
      expect(p.abandon).toEqual(skype2010CalibratedParams.abandon);
      expect(p.promotion).toEqual(skype2010CalibratedParams.promotion);
    }
    expect(p10.mega.waves[1].overHours).toBe(skype2010CalibratedParams.mega.waves[1].overHours);
  });

  it('lets a scenario file set each of the recalibration parameters (null = off)', () => {
    const doc = JSON.parse(JSON.stringify(skype2010Scenario));
    doc.supernodes.loadWindowSeconds = 600;
    doc.supernodes.burstFactor = null;
    doc.supernodes.refuseCostFactor = 0.5;
    doc.clients.probesPerAttempt = 3;
    doc.levers.megaSupernodes.loginCostFactor = 0.25;
    const p = scenarioToOverloadParams(parseScenario(doc), 0.01);
    expect(p.loadWindowSeconds).toBe(600);
    expect(p.burstFactor).toBe(Infinity);
    expect(p.refuseCostFactor).toBe(0.5);
    expect(p.probesPerAttempt).toBe(3);
    expect(p.mega.loginCostFactor).toBe(0.25);
    validateOverloadParams(p);
    doc.supernodes.burstFactor = 2.5;
    doc.clients.probesPerAttempt = null;
    const q = scenarioToOverloadParams(parseScenario(doc), 0.01);
    expect(q.burstFactor).toBe(2.5);
    expect(q.probesPerAttempt).toBeNull();
  });

  it('rejects bad values of the recalibration parameters, naming the field and the range', () => {
    const cases: [string[], unknown, string][] = [
      [
        ['supernodes', 'loadWindowSeconds'],
        -1,
        'scenario.supernodes.loadWindowSeconds: -1 is not allowed; expected a number in [0, 86400]',
      ],
      [
        ['supernodes', 'loadWindowSeconds'],
        1e6,
        'scenario.supernodes.loadWindowSeconds: 1000000 is not allowed; expected a number in [0, 86400]',
      ],
      [
        ['supernodes', 'burstFactor'],
        0.5,
        'scenario.supernodes.burstFactor: 0.5 is not allowed; expected a number >= 1, or null for no burst rule',
      ],
      [
        ['supernodes', 'burstFactor'],
        'never',
        'scenario.supernodes.burstFactor: "never" is not allowed; expected a number >= 1, or null for no burst rule',
      ],
      [
        ['supernodes', 'refuseCostFactor'],
        1.5,
        'scenario.supernodes.refuseCostFactor: 1.5 is not allowed; expected a number in [0, 1]',
      ],
      [
        ['clients', 'probesPerAttempt'],
        0,
        'scenario.clients.probesPerAttempt: 0 is not allowed; expected an integer in [1, 100000], or null for the whole host cache',
      ],
      [
        ['clients', 'probesPerAttempt'],
        2.5,
        'scenario.clients.probesPerAttempt: 2.5 is not allowed; expected an integer in [1, 100000], or null for the whole host cache',
      ],
      [
        ['levers', 'megaSupernodes', 'loginCostFactor'],
        -0.1,
        'scenario.levers.megaSupernodes.loginCostFactor: -0.1 is not allowed; expected a number in [0, 1]',
      ],
    ];
    for (const [path, value, message] of cases) {
      const doc = JSON.parse(JSON.stringify(skype2010Scenario));
      let o = doc;
      for (const k of path.slice(0, -1)) o = o[k];
      o[path[path.length - 1]] = value;
      expect(problemOf(doc).message).toBe(message);
      // a missing field is named too (the fields are required: a file must say which rules it uses)
      delete o[path[path.length - 1]];
      expect(problemOf(doc).field).toBe(`scenario.${path.join('.')}`);
    }
  });

  it('documents every model field of the scenario in docs/scenarios.md', () => {
    const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
    const missing: string[] = [];
    const walk = (o: unknown, path: string[]) => {
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        for (const [k, v] of Object.entries(o)) {
          if (k === 'retry' || k === 'rejoinMinutes' || k === 'shedding') {
            if (!doc.includes(`\`${[...path, k].join('.')}`)) missing.push([...path, k].join('.'));
          } else walk(v, [...path, k]);
        }
      } else {
        const name = path[path.length - 1];
        // the field appears in the table by its full path or, in a grouped row, by its own name
        if (!doc.includes(`\`${path.join('.')}\``) && !doc.includes(`\`${name}\``)) missing.push(path.join('.'));
      }
    };
    for (const part of ['overlay', 'trigger', 'clients', 'supernodes', 'levers'] as const)
      walk(skype2010Scenario[part], [part]);
    expect(missing).toEqual([]);
  });
});
