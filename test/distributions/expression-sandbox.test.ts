import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkEvaluationBudget,
  compileExpression,
  EXPRESSION_EVALUATION_BUDGET,
  EXPRESSION_MAX_LENGTH,
  EXPRESSION_MAX_NODES,
} from '../../src/distributions/expression-sandbox.ts';
import { parseCapacityLaw, parseDegreeLaw } from '../../src/distributions/parse.ts';
import { expressionDegreeLaw } from '../../src/distributions/expression-law.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { mathjs } from '../../src/mathjs-lazy.ts';

/** Run `f`, return the FragilityInputError it throws (fails the test if it throws anything else or nothing). */
function inputError(f: () => unknown): FragilityInputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FragilityInputError);
    return e as FragilityInputError;
  }
  throw new Error('expected a FragilityInputError');
}

describe('expr(...) sandbox: issue 14 reproducers', () => {
  it('sum(zeros(100000,100000)) is refused at once, before any allocation', () => {
    const t = performance.now();
    const e = inputError(() => parseDegreeLaw('expr("sum(zeros(100000,100000))+k",kmax=2)'));
    expect(e.field).toBe('law.expr');
    expect(e.message).toMatch(/function 'sum' is not allowed/);
    expect(e.message.split('\n')).toHaveLength(1);
    expect(performance.now() - t).toBeLessThan(5000); // includes the one-off mathjs import (0.5–1 s)
  });

  it('ranges are refused (sum(1:1e8) ran for 35 s)', () => {
    expect(inputError(() => compileExpression('1:1e8', 'k', 'law.expr')).message).toMatch(/ranges/);
    expect(inputError(() => parseDegreeLaw('expr("sum(1:1e8)",kmax=2)')).message).toMatch(/'sum' is not allowed/);
  });

  it('createUnit in one law neither runs nor changes mathjs for the rest of the process', () => {
    const e = inputError(() => parseDegreeLaw('expr("createUnit(\\"fragilityunit\\")+k",kmax=2)'));
    expect(e.message).toMatch(/function 'createUnit' is not allowed/);
    // Before the sandbox, the law above defined the unit in the shared instance and this evaluated to a Unit.
    expect(() => mathjs().evaluate('2 fragilityunit')).toThrow(/Undefined symbol/);
    expect(inputError(() => compileExpression('5 cm + k', 'k', 'law.expr')).message).toMatch(/unknown symbol 'cm'/);
  });

  it.each([
    ['import({a: 1})', /'import' is not allowed/],
    ['evaluate("1") + k', /'evaluate' is not allowed/],
    ['parse("1")', /'parse' is not allowed/],
    ['simplify("k")', /'simplify' is not allowed/],
    ['derivative("k^2", "k")', /'derivative' is not allowed/],
    ['a = 1', /assignments/],
    ['f(x) = x', /assignments/],
    ['[1, 2]', /matrices/],
    ['ones(3)[1]', /matrices, arrays and indexing/],
    ['ones(3)', /'ones' is not allowed/],
    ['k.constructor', /matrices, arrays and indexing/],
    ['{a: k}', /objects/],
    ['k; k', /several statements/],
    ['"text"', /not a number/],
    ['k to cm', /unknown symbol 'cm'/],
    ['x + 1', /unknown symbol 'x' \(the variable is k\)/],
    ['k & 1', /operator '&'/],
    ['exp(k, 2)', /exp takes 1 argument, not 2/],
  ])('%s is refused with one line naming the construct', (formula, why) => {
    const e = inputError(() => compileExpression(formula, 'k', 'law.expr'));
    expect(e.field).toBe('law.expr');
    expect(e.message).toMatch(why);
    expect(e.message).not.toMatch(/\n/);
  });

  it('length and node-count limits', () => {
    const long = '1+'.repeat(EXPRESSION_MAX_LENGTH) + 'k';
    expect(inputError(() => compileExpression(long, 'k', 'law.expr')).message).toMatch(/characters; at most 1000/);
    const wide = Array.from({ length: 130 }, () => 'k').join('+'); // 259 nodes, 389 characters
    expect(wide.length).toBeLessThan(EXPRESSION_MAX_LENGTH);
    expect(inputError(() => compileExpression(wide, 'k', 'law.expr')).message).toMatch(/259 syntax nodes; at most 256/);
    expect(compileExpression(Array.from({ length: 128 }, () => 'k').join('+'), 'k', 'law.expr').nodes).toBe(255);
    expect(EXPRESSION_MAX_NODES).toBe(256);
  });

  it('the evaluation budget refuses kmax × cost above 1.5e8 before the first evaluation', () => {
    // 255 nodes × 1e7 points = 2.55e9 > 1.5e8: refused at once (it would take about 100 s).
    const big = Array.from({ length: 128 }, () => 'k').join('+');
    const t = performance.now();
    const e = inputError(() => expressionDegreeLaw(big, { kmin: 1, kmax: 1e7 }));
    expect(performance.now() - t).toBeLessThan(1000);
    expect(e.field).toBe('law.kmax');
    expect(e.message).toMatch(
      /1e\+7 points|10000000 points × 255 node evaluations exceeds the evaluation budget of 150000000/,
    );
    expect(() => checkEvaluationBudget('law.kmax', 1e6, 1e6, 150)).not.toThrow();
    expect(() => checkEvaluationBudget('law.kmax', 1e6, 1e6, 151)).toThrow(FragilityInputError);
    expect(EXPRESSION_EVALUATION_BUDGET).toBe(1.5e8);
    // A call through mathjs costs 3: gamma(k) is 3 nodes (call, name, k), cost 5.
    const g = compileExpression('gamma(k)', 'k', 'law.expr');
    expect([g.nodes, g.cost]).toEqual([3, 5]);
    // The typical law fits at the degree-law maximum kmax = 1e7.
    expect(compileExpression('k^-2.5*exp(-k/100)', 'k', 'law.expr').cost * 1e7).toBeLessThanOrEqual(
      EXPRESSION_EVALUATION_BUDGET,
    );
    const cap = inputError(() => parseCapacityLaw(`expr("${big.replace(/k/g, 'x')}",lo=0,hi=1,cells=10000000)`));
    expect(cap.field).toBe('capacity.cells');
  });

  it('a step that leaves the reals is an error naming the point', () => {
    expect(inputError(() => expressionDegreeLaw('sqrt(2-k)', { kmin: 0, kmax: 5 })).message).toMatch(
      /sqrt\(-1\) is not a real number at k = 3/,
    );
    expect(inputError(() => expressionDegreeLaw('(-8)^(1/3)+k', { kmax: 5 })).message).toMatch(/\(-8\)\^\(0\.333/);
    expect(inputError(() => expressionDegreeLaw('log(-k)', { kmax: 5 })).message).toMatch(
      /log\(-1\) is not a real number at k = 1/,
    );
    expect(inputError(() => expressionDegreeLaw('factorial(-1-k)', { kmax: 5 })).message).toMatch(
      /factorial\(-2\) at k = 1/,
    );
  });

  it('the same spec gives the same law object: a law is parsed and tabulated once per run', () => {
    const spec = 'expr("k^-2.2*exp(-k/50)",kmin=1,kmax=5000)';
    expect(parseDegreeLaw(spec)).toBe(parseDegreeLaw(spec));
    const cap = 'expr("x*exp(-x)",lo=0,hi=30)';
    expect(parseCapacityLaw(cap)).toBe(parseCapacityLaw(cap));
  });
});

describe('expr(...) sandbox: same values as mathjs', () => {
  // Random formulas from the allowed language; the sandbox must agree with mathjs's own evaluator wherever mathjs
  // gives a real number. Tolerance: exact (the same IEEE operations). The sandbox compares exactly; mathjs by default
  // treats numbers within relTol 1e-12 / absTol 1e-15 as equal (so min(3.8e-16, 0) is 3.8e-16 there), hence a
  // reference instance with relTol 1e-15 (its smallest) and absTol 0; floor and ceil are left out (mathjs rounds
  // within relTol first: its floor(2.9999999999999996) is 3) and tested exactly below.
  const ref = (() => {
    const m = mathjs();
    return m.create(m.all, { relTol: 1e-15, absTol: 0 }); // mathjs's floor needs relTol >= 1e-15
  })();
  const leaf = fc.oneof(
    fc.constant('k'),
    fc.integer({ min: 0, max: 9 }).map(String),
    fc.constantFrom('pi', 'e', '0.5'),
  );
  const formula = fc.letrec<{ f: string }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(tie('f'), fc.constantFrom('+', '-', '*', '/', '^'), tie('f')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc
        .tuple(fc.constantFrom('exp', 'abs', 'sqrt', 'log', 'sin', 'cos', 'tanh', 'round', 'gamma', 'sign'), tie('f'))
        .map(([f, a]) => `${f}(${a})`),
      fc
        .tuple(fc.constantFrom('min', 'max', 'mod', 'atan2'), tie('f'), tie('f'))
        .map(([f, a, b]) => `${f}(${a}, ${b})`),
      fc.tuple(tie('f'), tie('f'), tie('f')).map(([c, a, b]) => `((${c}) > 2 ? ${a} : ${b})`),
    ),
  })).f;

  it('agrees with mathjs.evaluate on 300 random formulas at k = 0..4', () => {
    fc.assert(
      fc.property(formula, (src) => {
        let code: ((x: number) => number) | undefined;
        try {
          code = compileExpression(src, 'k', 'law.expr').evaluate;
        } catch (e) {
          expect((e as Error).message).toMatch(/syntax nodes/); // only the size limit may refuse a generated formula
          return;
        }
        for (let k = 0; k <= 4; k++) {
          let want: unknown;
          try {
            want = ref.evaluate(src, { k });
          } catch {
            want = undefined;
          }
          let got: number | undefined;
          try {
            got = code(k);
          } catch (e) {
            expect(e).toBeInstanceOf(FragilityInputError);
            got = undefined;
          }
          if (typeof want === 'number') {
            if (Number.isNaN(want)) expect(got === undefined || Number.isNaN(got)).toBe(true);
            else expect(got).toBe(want);
          } else {
            // mathjs gave a complex number or failed: the sandbox must refuse (or carry a NaN from 0/0-like steps).
            expect(got === undefined || Number.isNaN(got)).toBe(true);
          }
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('floor, ceil, round and fix are exact on doubles', () => {
    const f = (src: string, k: number) => compileExpression(src, 'k', 'law.expr').evaluate(k);
    expect([f('floor(k)', 2.5), f('floor(k)', -2.5), f('ceil(k)', 2.5), f('ceil(k)', -2.5)]).toEqual([2, -3, 3, -2]);
    expect([f('round(k)', 2.5), f('round(k)', -2.5), f('fix(k)', -2.7)]).toEqual([3, -3, -2]); // half away from zero
    expect(f('floor(k)', 2.9999999999999996)).toBe(2); // mathjs (relTol 1e-12) says 3
  });
});
