// fast-check: invalid scenario files are rejected with the offending field named, in one line, never a stack trace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skype2010Scenario } from '../../src/scenarios/builtin.ts';
import { ScenarioValidationError, validateScenario } from '../../src/scenarios/schema.ts';

/** Numeric leaves with their allowed interval (a sample of the schema; every one is range-checked). */
const LEAVES: { path: (string | number)[]; lo: number; hi: number; integer?: boolean }[] = [
  { path: ['overlay', 'clients'], lo: 1, hi: 1e9, integer: true },
  { path: ['overlay', 'supernodes'], lo: 1, hi: 1e7, integer: true },
  { path: ['overlay', 'cacheSize'], lo: 1, hi: 200, integer: true },
  { path: ['trigger', 'buggyShare'], lo: 0, hi: 1 },
  { path: ['trigger', 'clientCrashProb'], lo: 0, hi: 1 },
  { path: ['trigger', 'supernodeCrashShare'], lo: 0, hi: 1 },
  { path: ['trigger', 'durationMinutes'], lo: 0, hi: 1440 },
  { path: ['clients', 'restartProb'], lo: 0, hi: 1 },
  { path: ['clients', 'restartSigma'], lo: 0, hi: 10 },
  { path: ['supernodes', 'loginCost'], lo: 0, hi: 1e6 },
  { path: ['supernodes', 'admission'], lo: 0, hi: 1 },
  { path: ['supernodes', 'loadWindowSeconds'], lo: 0, hi: 86_400 },
  { path: ['supernodes', 'refuseCostFactor'], lo: 0, hi: 1 },
  { path: ['levers', 'megaSupernodes', 'loginCostFactor'], lo: 0, hi: 1 },
  { path: ['levers', 'autoUpdateCoverage'], lo: 0, hi: 1 },
  { path: ['levers', 'megaSupernodes', 'share'], lo: 0, hi: 1 },
  { path: ['montecarlo', 'scale'], lo: 1e-6, hi: 1 },
  { path: ['montecarlo', 'timelineRuns'], lo: 1, hi: 1000, integer: true },
];

function setAt(doc: unknown, path: (string | number)[], value: unknown): void {
  let o = doc as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>;
  o[path[path.length - 1]] = value;
}

function rejection(doc: unknown): ScenarioValidationError {
  try {
    validateScenario(doc);
  } catch (err) {
    if (!(err instanceof ScenarioValidationError)) throw new Error(`unexpected error type: ${String(err)}`);
    return err;
  }
  throw new Error('accepted an invalid scenario');
}

describe('scenario schema (properties)', () => {
  it('rejects out-of-range numbers naming the field and its range', () => {
    const bad = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
      fc.constantFrom(Number.NaN, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(fc.constantFrom(...LEAVES), bad, (leaf, v) => {
        const inRange = Number.isFinite(v) && v >= leaf.lo && v <= leaf.hi && (!leaf.integer || Number.isInteger(v));
        fc.pre(!inRange);
        const doc = structuredClone(skype2010Scenario);
        setAt(doc, leaf.path, v);
        const e = rejection(doc);
        const field = `scenario.${leaf.path.join('.')}`;
        expect(e.message.startsWith(`${field}: `)).toBe(true);
        expect(e.message).toMatch(/is not allowed; expected (a number|an integer) (in \[|>=)/);
        expect(e.message).not.toContain('\n');
        expect(e.message).not.toMatch(/\bat .*\.ts:\d+/); // no stack frames
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('rejects values of the wrong type anywhere in the document, naming a path that exists', () => {
    const anyJson = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
    );
    const paths: (string | number)[][] = [];
    const walk = (o: unknown, p: (string | number)[]) => {
      if (o && typeof o === 'object' && !Array.isArray(o)) for (const [k, v] of Object.entries(o)) walk(v, [...p, k]);
      else if (typeof o === 'number') paths.push(p);
    };
    walk(skype2010Scenario, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), anyJson, (path, v) => {
        const doc = structuredClone(skype2010Scenario);
        setAt(doc, path, v);
        if (
          v === null &&
          /withdrawAtHours|atHours|ReturnHours|maxAttempts|probesPerAttempt|burstFactor|promotionMeanHours/.test(
            String(path[path.length - 1]),
          )
        )
          return; // null = never / whole cache / no burst rule / no promotion step: valid
        const e = rejection(doc);
        expect(e.field.startsWith('scenario.')).toBe(true);
        expect(e.message.split('\n')).toHaveLength(1);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('rejects unknown fields at any object level, naming them', () => {
    const objects: (string | number)[][] = [[]];
    const walk = (o: unknown, p: (string | number)[]) => {
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        for (const [k, v] of Object.entries(o)) {
          if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'set') {
            objects.push([...p, k]);
            walk(v, [...p, k]);
          }
        }
      }
    };
    walk(skype2010Scenario, []);
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.stringMatching(/^[a-z]{3,8}X$/), (path, key) => {
        const doc = structuredClone(skype2010Scenario) as unknown as Record<string, unknown>;
        let o = doc;
        for (const p of path) o = o[p] as Record<string, unknown>;
        o[key] = 1;
        const e = rejection(doc);
        expect(e.field).toBe(['scenario', ...path, key].join('.'));
        expect(e.message).toContain('no such field');
      }),
      { numRuns: 100, seed: 3 },
    );
  });
});
