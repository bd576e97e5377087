// Properties of the scenario runner (issue 17, point 5). One end-to-end run of even the small test scenario costs
// 25–90 s on the loaded 2-core machine (fluid threshold, timeline and phase boundary dominate), too much to repeat
// over random inputs; the properties therefore hold the runner's decision and its input pipeline:
// - scenarioVerdict, the paragraph every scenario ends with: its classification against the connectivity and the
//   overload thresholds follows the documented rule for every loss and threshold (nulls and reasons included),
//   moves monotonically with the loss, and never prints an uncomputed value;
// - mergeScenarioFields / applyWhatIf / scenarioToOverloadParams: a what-if changes exactly the fields it sets,
//   every what-if of the built-in scenarios yields valid model parameters at any scale, and nothing is mutated.
// The relation between a real run's numbers and its verdict is checked on the run test/scenarios/run.test.ts makes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateOverloadParams } from '../../src/models/overload-params.ts';
import { BUILTIN_SCENARIOS } from '../../src/scenarios/builtin.ts';
import { applyWhatIf, mergeScenarioFields } from '../../src/scenarios/load.ts';
import { scenarioVerdict } from '../../src/scenarios/run.ts';
import { scenarioToOverloadParams } from '../../src/scenarios/to-params.ts';

const frac = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
const maybe = fc.option(frac, { nil: null });
const reported = fc.tuple(frac, frac).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]);
const conn = fc.record({
  analytic: maybe,
  montecarlo: maybe,
  ci: fc.tuple(frac, frac) as fc.Arbitrary<[number, number]>,
  reason: fc.option(fc.constantFrom('no giant supernode component'), { nil: undefined }),
});
const over = fc.record({
  analytic: maybe,
  montecarlo: maybe,
  ci: fc.tuple(maybe, maybe) as fc.Arbitrary<[number | null, number | null]>,
});

type Category = 'past' | 'below' | 'around' | 'unlocated';
/** The documented rule, written out: the overload reference is the simulated f_c, else the fluid one. */
function overloadCategory(
  [lo, hi]: [number, number],
  o: { analytic: number | null; montecarlo: number | null },
): Category {
  const ref = o.montecarlo ?? o.analytic;
  if (ref === null) return 'unlocated';
  return lo > ref ? 'past' : hi < ref ? 'below' : 'around';
}
function categoryOf(text: string): Category {
  if (text.includes('could not be located')) return 'unlocated';
  if (text.includes('past the overload threshold')) return 'past';
  if (text.includes('below the overload threshold')) return 'below';
  if (text.includes('around the overload threshold')) return 'around';
  throw new Error(`no overload category in: ${text}`);
}
const rank: Record<Category, number> = { below: 0, around: 1, past: 2, unlocated: -1 };

describe('scenario verdict: properties', () => {
  it('classifies by the documented rule, names the loss, and prints no uncomputed value', () => {
    fc.assert(
      fc.property(reported, conn, over, (rep, c, o) => {
        const v = scenarioVerdict(rep, c, o);
        expect(v).not.toMatch(/NaN|undefined|null|Infinity/);
        const [lo, hi] = rep;
        expect(v).toContain(
          lo === hi ? `${(100 * lo).toFixed(0)} %` : `${(100 * lo).toFixed(0)}–${(100 * hi).toFixed(0)} %`,
        );
        expect(categoryOf(v)).toBe(overloadCategory(rep, o));
        const connRef = c.reason !== undefined ? null : (c.analytic ?? c.montecarlo);
        expect(v.includes('cannot be judged against connectivity')).toBe(connRef === null);
        expect(v.includes('far below the connectivity threshold')).toBe(connRef !== null && hi < connRef);
        expect(v.includes('at or past the connectivity threshold')).toBe(connRef !== null && hi >= connRef);
        if (c.reason !== undefined) expect(v).toContain(c.reason);
        expect(v.includes('load, not connectivity, took the network down')).toBe(
          connRef !== null && hi < connRef && categoryOf(v) === 'past',
        );
      }),
      { numRuns: 500, seed: 91 },
    );
  });

  it('a larger loss never moves the verdict towards "below the overload threshold"', () => {
    fc.assert(
      fc.property(reported, frac, conn, over, ([lo, hi], shift, c, o) => {
        const up: [number, number] = [Math.min(1, lo + shift), Math.min(1, hi + shift)];
        const a = categoryOf(scenarioVerdict([lo, hi], c, o));
        const b = categoryOf(scenarioVerdict(up, c, o));
        expect(rank[b]).toBeGreaterThanOrEqual(rank[a]);
      }),
      { numRuns: 500, seed: 92 },
    );
  });
});

/** JSON-like nested objects for the merge (plain objects, numbers, strings, arrays). */
const json = fc.letrec<{ obj: Record<string, unknown>; value: unknown }>((tie) => ({
  obj: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'kind'), tie('value'), { maxKeys: 4 }),
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.constantFrom('x', 'y'),
    fc.array(fc.integer(), { maxLength: 3 }),
    tie('obj'),
  ),
})).obj;

/** Every leaf path of a plain object, with its value (arrays are leaves; an empty object has none). */
function leaves(o: unknown, path: string[] = []): Array<[string[], unknown]> {
  if (!isPlain(o)) return [[path, o]];
  return Object.entries(o).flatMap(([k, v]) => leaves(v, [...path, k]));
}
const isPlain = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const at = (o: unknown, path: string[]) => path.reduce<unknown>((x, k) => (x as Record<string, unknown>)?.[k], o);

describe('what-if pipeline: properties', () => {
  it('mergeScenarioFields: every leaf it sets is taken, untouched leaves are kept, inputs are not mutated', () => {
    fc.assert(
      fc.property(json, json, (base, over) => {
        const b0 = structuredClone(base);
        const o0 = structuredClone(over);
        const m = mergeScenarioFields(base, over) as Record<string, unknown>;
        expect(base).toEqual(b0);
        expect(over).toEqual(o0);
        expect(mergeScenarioFields(base, {})).toEqual(base);
        expect(mergeScenarioFields(m, over)).toEqual(m); // idempotent
        for (const [path, v] of leaves(over)) if (path.length) expect(at(m, path)).toEqual(v);
        // A base leaf survives when, all along its path, `over` is absent or a plain object with the same `kind`
        // (a tagged object whose kind changes is replaced whole) and does not set the leaf itself.
        const kept = (p: string[]) => {
          for (let i = 0; i <= p.length; i++) {
            const ov = at(over, p.slice(0, i));
            if (ov === undefined) return true;
            if (i === p.length || !isPlain(ov)) return false;
            if ('kind' in ov && ov.kind !== (at(base, p.slice(0, i)) as Record<string, unknown>).kind) return false;
          }
          return true;
        };
        for (const [path, v] of leaves(base)) if (path.length && kept(path)) expect(at(m, path)).toEqual(v);
      }),
      { numRuns: 300, seed: 93 },
    );
  });

  it('every built-in what-if changes only the fields it sets and gives valid model parameters at any scale', () => {
    const cases = Object.entries(BUILTIN_SCENARIOS).flatMap(([name, s]) => s.whatIf.map((_, i) => ({ name, i })));
    expect(cases.length).toBeGreaterThanOrEqual(5);
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.double({ min: 1e-4, max: 1, noNaN: true }), ({ name, i }, scale) => {
        const s = BUILTIN_SCENARIOS[name];
        const before = structuredClone(s);
        const w = applyWhatIf(s, i);
        expect(s).toEqual(before);
        const set = s.whatIf[i].set as Record<string, unknown>;
        for (const [path, v] of leaves(set)) if (path.length) expect(at(w, path)).toEqual(v);
        for (const key of Object.keys(s))
          if (key !== 'whatIf' && !(key in set))
            expect((w as Record<string, unknown>)[key]).toEqual((s as Record<string, unknown>)[key]);
        const p = scenarioToOverloadParams(w, scale);
        expect(() => validateOverloadParams(p)).not.toThrow();
        expect(p.cacheSize).toBeLessThanOrEqual(Math.max(1, Math.round(w.overlay.supernodes * scale)));
        expect(p.scale).toBe(scale);
      }),
      { numRuns: 50, seed: 94 },
    );
  });
});
