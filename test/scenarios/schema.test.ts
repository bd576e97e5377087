import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, skype2010Scenario } from '../../src/scenarios/builtin.ts';
import { applyWhatIf, loadScenario, parseScenario } from '../../src/scenarios/load.ts';
import { ScenarioValidationError, validateScenario } from '../../src/scenarios/schema.ts';
import { scenarioToOverloadParams } from '../../src/scenarios/to-params.ts';
import { validateOverloadParams } from '../../src/cascade/overload-params.ts';
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
    expect(() => loadScenario('skype-1999')).toThrow(/^scenario: "skype-1999" is not allowed; expected a built-in scenario \(skype-2010, skype-2007\)/);
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
    expect(problemOf(d).message).toMatch(/^scenario\.overlay\.colour: "blue" is not allowed; expected no such field \(known fields: clients, supernodes, coreLaw, cacheSize, choice\)$/);
    d = base();
    d.levers.megaSupernodes = { ...(d.levers.megaSupernodes as object), waves: [{ atHours: -1, count: 10 }] };
    expect(problemOf(d).message).toBe('scenario.levers.megaSupernodes.waves[0].atHours: -1 is not allowed; expected a number in [0, 8760]');
    d = base();
    d.supernodes.headroom = 'uniform(-1,2)';
    expect(problemOf(d).field).toBe('scenario.supernodes.headroom');
    d = base();
    d.overlay.coreLaw = 'zipf(2)';
    expect(problemOf(d).field).toBe('scenario.overlay.coreLaw');
    d = base();
    d.overlay.cacheSize = 60;
    d.overlay.supernodes = 50;
    expect(problemOf(d).message).toBe('scenario.overlay.cacheSize: 60 is not allowed; expected an integer in [1, 50] (<= overlay.supernodes)');
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
    expect(() => parseScenario(d)).toThrow('scenario.whatIf[1].set.levers.autoUpdateCoverage: 2 is not allowed; expected a number in [0, 1]');
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
});
