/**
 * The expression language of `expr(…)` laws: a sandboxed subset of mathjs.
 *
 * A formula is parsed by a private mathjs instance (never the process-wide one; `import`, `createUnit`, `evaluate`,
 * `parse`, `compile`, `simplify`, `derivative` and `resolve` disabled in it, as the mathjs "Security" page
 * recommends), then checked node by node against a whitelist and compiled into plain closures over numbers. Nothing of
 * mathjs's own evaluator runs, so no formula can allocate a matrix, iterate a range, define a unit or a function,
 * assign a variable or reach any state outside itself.
 *
 * The language: numbers (decimal, e.g. `2.5`, `1e-3`), the variable, the constants `pi e tau phi Infinity` (and
 * `PI E`), `+ - * / ^ mod !` (implicit multiplication `2k` included), comparisons `< <= > >= == !=` (chained too),
 * `and or not xor`, `a ? b : c`, parentheses, and the scalar functions listed in {@link EXPRESSION_FUNCTIONS}. Every
 * value is a real number; a step that leaves the reals (`sqrt(-1)`, `log(-1)`, `(-8)^(1/3)`) is an error naming the
 * point, as a complex result was before. Comparisons give 1 or 0.
 *
 * Limits: at most {@link EXPRESSION_MAX_LENGTH} characters and {@link EXPRESSION_MAX_NODES} syntax-tree nodes; the
 * tabulation of a law may take at most {@link EXPRESSION_EVALUATION_BUDGET} node evaluations (points × cost),
 * checked before the first evaluation. Every function is O(1) on scalars, so that budget bounds the time.
 *
 * @module
 */
import { mathjs } from '../mathjs-lazy.ts';
import { FragilityInputError } from '../errors.ts';

/**
 * Longest formula accepted, in characters.
 *
 * @category Parsing
 */
export const EXPRESSION_MAX_LENGTH = 1000;
/**
 * Largest syntax tree accepted, in nodes (numbers, symbols, operators, calls).
 *
 * @category Parsing
 */
export const EXPRESSION_MAX_NODES = 256;
/**
 * Most node evaluations one tabulation may take (points × cost, where a call evaluated through mathjs counts 3
 * nodes). Measured on the shared 2-core development machine: 35–45 ns a node, 60–110 ns a mathjs call (gamma, erf,
 * factorial), so a tabulation at the budget takes at most ~6 s; `k^-2.5*exp(-k/100)` (11 nodes) fits up to
 * kmax = 1.3e7, above the degree-law limit of 1e7.
 *
 * @category Parsing
 */
export const EXPRESSION_EVALUATION_BUDGET = 1.5e8;

/** Cost, in node evaluations, of a call evaluated through mathjs (gamma, erf, factorial, …). */
const MATHJS_CALL_COST = 3;

/**
 * A compiled formula: a plain function of the variable, and its cost in node evaluations per call.
 *
 * @category Parsing
 */
export interface CompiledExpression {
  /** The formula at a point; throws FragilityInputError (naming the field and the point) if a step leaves the reals. */
  readonly evaluate: (x: number) => number;
  /** Syntax-tree nodes. */
  readonly nodes: number;
  /** Node evaluations per call at most (a call through mathjs counts 3): what the evaluation budget charges. */
  readonly cost: number;
}

type Fn = (...args: number[]) => number;
type MathInstance = Record<string, unknown> & { parse(s: string): MathNode };

/** The part of a mathjs node the checker reads. */
interface MathNode {
  type: string;
  fn?: string | MathNode;
  op?: string;
  args?: MathNode[];
  name?: string;
  value?: unknown;
  content?: MathNode;
  condition?: MathNode;
  trueExpr?: MathNode;
  falseExpr?: MathNode;
  conditionals?: string[];
  params?: MathNode[];
  implicit?: boolean;
  traverse(cb: (node: MathNode) => void): void;
}

/**
 * The scalar functions of the language, with their arity [min, max].
 *
 * @category Parsing
 */
export const EXPRESSION_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  abs: [1, 1],
  sign: [1, 1],
  sqrt: [1, 1],
  cbrt: [1, 1],
  square: [1, 1],
  cube: [1, 1],
  exp: [1, 1],
  expm1: [1, 1],
  log: [1, 2],
  log10: [1, 1],
  log2: [1, 1],
  log1p: [1, 1],
  pow: [2, 2],
  nthRoot: [2, 2],
  hypot: [1, 8],
  min: [1, 8],
  max: [1, 8],
  mod: [2, 2],
  floor: [1, 1],
  ceil: [1, 1],
  round: [1, 1],
  fix: [1, 1],
  sin: [1, 1],
  cos: [1, 1],
  tan: [1, 1],
  sec: [1, 1],
  csc: [1, 1],
  cot: [1, 1],
  asin: [1, 1],
  acos: [1, 1],
  atan: [1, 1],
  atan2: [2, 2],
  sinh: [1, 1],
  cosh: [1, 1],
  tanh: [1, 1],
  asinh: [1, 1],
  acosh: [1, 1],
  atanh: [1, 1],
  gamma: [1, 1],
  lgamma: [1, 1],
  factorial: [1, 1],
  erf: [1, 1],
};

/** Named constants of the language. */
const CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  PI: Math.PI,
  e: Math.E,
  E: Math.E,
  tau: 2 * Math.PI,
  phi: (1 + Math.sqrt(5)) / 2,
  Infinity,
};

/** Functions evaluated by plain Math (same values as mathjs on real arguments with real results). */
const NATIVE: Readonly<Record<string, Fn>> = {
  abs: Math.abs,
  sign: Math.sign,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  square: (x) => x * x,
  cube: (x) => x * x * x,
  exp: Math.exp,
  expm1: Math.expm1,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  pow: Math.pow,
  hypot: Math.hypot,
  min: Math.min,
  max: Math.max,
  floor: Math.floor,
  ceil: Math.ceil,
  fix: Math.trunc,
  round: (x) => Math.sign(x) * Math.round(Math.abs(x)), // half away from zero, as mathjs (whose round costs ~2.5 µs)
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  atan2: Math.atan2,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
};

const BINARY: Readonly<Record<string, Fn>> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
  pow: Math.pow,
  smaller: (a, b) => (a < b ? 1 : 0),
  larger: (a, b) => (a > b ? 1 : 0),
  smallerEq: (a, b) => (a <= b ? 1 : 0),
  largerEq: (a, b) => (a >= b ? 1 : 0),
  and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  xor: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
};

const UNARY: Readonly<Record<string, Fn>> = {
  unaryMinus: (a) => -a,
  unaryPlus: (a) => a,
  not: (a) => (a === 0 ? 1 : 0),
};

/** Operators evaluated through the private mathjs instance (their number semantics differ from plain JS). */
const MATHJS_OPERATORS = new Set(['mod', 'factorial', 'equal', 'unequal']);
/** Functions evaluated through the private mathjs instance. */
const MATHJS_FUNCTIONS = new Set(['log', 'nthRoot', 'mod', 'sec', 'csc', 'cot', 'gamma', 'lgamma', 'factorial', 'erf']);

const DISABLED = [
  'import',
  'createUnit',
  'evaluate',
  'parse',
  'compile',
  'simplify',
  'derivative',
  'resolve',
  'reviver',
];

let sandbox: MathInstance | undefined;

/** The private, restricted mathjs instance (created on first use; the shared one is never touched). */
function sandboxMath(): MathInstance {
  if (!sandbox) {
    const m = mathjs();
    const inst = m.create(m.all) as unknown as MathInstance & { import(o: object, opts: object): void };
    const parse = inst.parse.bind(inst);
    const disabled: Record<string, () => never> = {};
    for (const name of DISABLED) {
      disabled[name] = () => {
        throw new Error(`function ${name} is disabled`);
      };
    }
    inst.import(disabled, { override: true });
    (inst as { parse: (s: string) => MathNode }).parse = parse;
    sandbox = inst;
  }
  return sandbox;
}

/** What the language allows, for error messages. */
function allowedText(variable: string): string {
  return (
    `a formula in ${variable}: numbers, ${variable}, pi, e, + - * / ^ mod !, comparisons, a ? b : c and scalar ` +
    'functions (exp, log, sqrt, pow, min, max, gamma, erf, sin, …)'
  );
}

/**
 * Parse, check and compile a formula of one variable into a plain function.
 *
 * @param expression - the formula, e.g. `"k^-2.5*exp(-k/100)"`.
 * @param variable - the variable's name (`"k"` for degree laws, `"x"` for capacity densities).
 * @param field - the field named in errors (`"law.expr"`, `"capacity.expr"`).
 * @returns the compiled formula and its node count.
 * @throws FragilityInputError naming `field` when the formula is empty, too long, too large, does not parse, or uses
 *   anything outside the language (the detail names the construct, e.g. `function 'zeros' is not allowed`).
 *
 * @complexity O(length) to parse and compile; each call O(nodes).
 *
 * @model the sandboxed language of this module; values are IEEE doubles.
 *
 * @references mathjs expression syntax, https://mathjs.org/docs/expressions/syntax.html; mathjs "Security",
 * https://mathjs.org/docs/expressions/security.html.
 *
 * @example
 * ```ts
 * compileExpression('k^2 + 1', 'k', 'law.expr').evaluate(3); // 10
 * ```
 *
 * @category Parsing
 */
export function compileExpression(expression: string, variable: string, field: string): CompiledExpression {
  const allowed = allowedText(variable);
  if (typeof expression !== 'string' || expression.trim() === '')
    throw new FragilityInputError(field, expression, allowed);
  if (expression.length > EXPRESSION_MAX_LENGTH) {
    throw new FragilityInputError(
      field,
      `${expression.slice(0, 40)}…`,
      allowed,
      `${expression.length} characters; at most ${EXPRESSION_MAX_LENGTH}`,
    );
  }
  const math = sandboxMath();
  let root: MathNode;
  try {
    root = math.parse(expression);
  } catch (e) {
    throw new FragilityInputError(field, expression, allowed, (e as Error).message);
  }
  let nodes = 0;
  root.traverse(() => {
    nodes++;
  });
  if (nodes > EXPRESSION_MAX_NODES) {
    throw new FragilityInputError(field, expression, allowed, `${nodes} syntax nodes; at most ${EXPRESSION_MAX_NODES}`);
  }
  const compiler = new ExpressionCompiler(math, expression, variable, field, allowed, nodes);
  const code = compiler.compile(root);
  return {
    nodes,
    cost: compiler.cost,
    evaluate: (x: number): number => {
      compiler.point = x;
      return code(x);
    },
  };
}

/** Compiled code of a syntax node: the formula's value at the variable's value x. */
type Code = (x: number) => number;

/**
 * Compiles a checked syntax tree into closures over plain functions, refusing anything outside the language. Holds
 * what the error messages name (the field, the formula, the variable and the point being evaluated) and the
 * formula's cost per evaluation.
 */
class ExpressionCompiler {
  /** The variable's value of the evaluation in progress (named in errors raised while evaluating). */
  point = NaN;
  /** Cost per evaluation: the node count plus MATHJS_CALL_COST − 1 per call through mathjs. */
  cost: number;

  constructor(
    private readonly math: Record<string, unknown>,
    private readonly expression: string,
    private readonly variable: string,
    private readonly field: string,
    private readonly allowed: string,
    nodes: number,
  ) {
    this.cost = nodes;
  }

  private refuse(why: string): never {
    throw new FragilityInputError(this.field, this.expression, this.allowed, why);
  }

  private notReal(what: string): never {
    throw new FragilityInputError(
      this.field,
      this.expression,
      'an expression giving a real number',
      `${what} is not a real number at ${this.variable} = ${this.point}`,
    );
  }

  /**
   * Wrap a function so that a NaN born inside it from finite arguments is an error (sqrt(-1), log(-1), asin(2),
   * (-8)^(1/3)): mathjs gives a complex number there, which the law refused too.
   */
  private real(name: string, f: Fn, arity: number): Fn {
    const born = (r: number, a: number[]): number => {
      for (const x of a) if (!Number.isFinite(x)) return r; // NaN carried in, or cos(Infinity): NaN as in mathjs
      return this.notReal(name === '^' ? `(${a[0]})^(${a[1]})` : `${name}(${a.join(', ')})`);
    };
    if (arity === 1)
      return (a: number): number => {
        const r = f(a);
        return !Number.isNaN(r) ? r : born(r, [a]);
      };
    if (arity === 2)
      return (a: number, b: number): number => {
        const r = f(a, b);
        return !Number.isNaN(r) ? r : born(r, [a, b]);
      };
    return (...a: number[]): number => {
      const r = f(...a);
      return !Number.isNaN(r) ? r : born(r, a);
    };
  }

  private viaMathjs(name: string): Fn {
    this.cost += MATHJS_CALL_COST - 1;
    const f = this.math[name] as (...a: number[]) => unknown;
    return (...a: number[]): number => {
      let r: unknown;
      try {
        r = f(...a);
      } catch (e) {
        throw new FragilityInputError(
          this.field,
          this.expression,
          this.allowed,
          `${name}(${a.join(', ')}) at ${this.variable} = ${this.point}: ${(e as Error).message}`,
        );
      }
      if (typeof r === 'boolean') return r ? 1 : 0;
      if (typeof r !== 'number') return this.notReal(`${name}(${a.join(', ')})`);
      return r;
    };
  }

  compile(node: MathNode): Code {
    switch (node.type) {
      case 'ConstantNode': {
        const v = node.value;
        if (typeof v === 'number') return () => v;
        if (typeof v === 'boolean') return v ? () => 1 : () => 0;
        return this.refuse(`the constant ${JSON.stringify(v)} is not a number`);
      }
      case 'SymbolNode': {
        const name = node.name!;
        if (name === this.variable) return (x) => x;
        if (Object.hasOwn(CONSTANTS, name)) {
          const v = CONSTANTS[name];
          return () => v;
        }
        return this.refuse(`unknown symbol '${name}' (the variable is ${this.variable})`);
      }
      case 'ParenthesisNode':
        return this.compile(node.content!);
      case 'OperatorNode':
        return this.operator(node);
      case 'FunctionNode':
        return this.call(node);
      case 'ConditionalNode': {
        const c = this.compile(node.condition!);
        const t = this.compile(node.trueExpr!);
        const f = this.compile(node.falseExpr!);
        return (x) => (c(x) ? t(x) : f(x)); // 0 and NaN are false, as in mathjs
      }
      case 'RelationalNode':
        return this.relational(node);
      case 'RangeNode':
        return this.refuse("ranges ('a:b') are not allowed");
      case 'ArrayNode':
      case 'IndexNode':
      case 'AccessorNode':
        return this.refuse('matrices, arrays and indexing are not allowed');
      case 'ObjectNode':
        return this.refuse('objects are not allowed');
      case 'AssignmentNode':
      case 'FunctionAssignmentNode':
        return this.refuse('assignments and function definitions are not allowed');
      case 'BlockNode':
        return this.refuse("several statements (';' or new lines) are not allowed");
      default:
        return this.refuse(`${node.type} is not allowed`);
    }
  }

  private operator(node: MathNode): Code {
    const fn = node.fn as string;
    const args = node.args!.map((a) => this.compile(a));
    if (args.length === 1 && Object.hasOwn(UNARY, fn)) {
      const f = UNARY[fn];
      const a = args[0];
      return (x) => f(a(x));
    }
    if (args.length === 2 && Object.hasOwn(BINARY, fn)) {
      const f = fn === 'pow' ? this.real('^', BINARY.pow, 2) : BINARY[fn];
      const [a, b] = args;
      return (x) => f(a(x), b(x));
    }
    if (MATHJS_OPERATORS.has(fn) && args.length === (fn === 'factorial' ? 1 : 2)) {
      const f = this.viaMathjs(fn);
      if (args.length === 1) {
        const a = args[0];
        return (x) => f(a(x));
      }
      const [a, b] = args;
      return (x) => f(a(x), b(x));
    }
    return this.refuse(`the operator '${node.op}' is not allowed`);
  }

  private call(node: MathNode): Code {
    const callee = node.fn as MathNode;
    if (callee.type !== 'SymbolNode') return this.refuse('only calls of named functions are allowed');
    const name = callee.name!;
    if (!Object.hasOwn(EXPRESSION_FUNCTIONS, name)) return this.refuse(`function '${name}' is not allowed`);
    const [lo, hi] = EXPRESSION_FUNCTIONS[name];
    const args = node.args!.map((a) => this.compile(a));
    if (args.length < lo || args.length > hi) {
      return this.refuse(
        `${name} takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi > 1 ? 's' : ''}, not ${args.length}`,
      );
    }
    const f = MATHJS_FUNCTIONS.has(name) ? this.viaMathjs(name) : this.real(name, NATIVE[name], args.length);
    if (args.length === 1) {
      const a = args[0];
      return (x) => f(a(x));
    }
    if (args.length === 2) {
      const [a, b] = args;
      return (x) => f(a(x), b(x));
    }
    return (x) => f(...args.map((a) => a(x)));
  }

  private relational(node: MathNode): Code {
    const ops = node.conditionals!.map((op) => {
      const f = op === 'equal' || op === 'unequal' ? this.viaMathjs(op) : BINARY[op];
      if (!f) return this.refuse(`the comparison '${op}' is not allowed`);
      return f;
    });
    const ps = node.params!.map((p) => this.compile(p));
    return (x) => {
      let left = ps[0](x);
      for (let i = 0; i < ops.length; i++) {
        const right = ps[i + 1](x);
        if (ops[i](left, right) === 0) return 0;
        left = right;
      }
      return 1;
    };
  }
}

/**
 * Refuse, before any evaluation, a tabulation of `points` values of a formula of `nodes` nodes that would exceed
 * {@link EXPRESSION_EVALUATION_BUDGET}.
 *
 * @param field - the field named in the error (`"law.kmax"`, `"capacity.cells"`).
 * @param value - the value named in the error (kmax, cells).
 * @param points - the number of points to tabulate.
 * @param cost - the formula's cost per point ({@link CompiledExpression.cost}).
 * @returns nothing.
 * @throws FragilityInputError naming `field` when points × nodes exceeds the budget.
 *
 * @complexity O(1).
 *
 * @model points × cost node evaluations, each O(1).
 *
 * @references none (a resource limit).
 *
 * @example
 * ```ts
 * checkEvaluationBudget('law.kmax', 1e7, 1e7, 11); // fine: 1.1e8 node evaluations
 * ```
 *
 * @category Parsing
 */
export function checkEvaluationBudget(field: string, value: number, points: number, cost: number): void {
  if (points * cost > EXPRESSION_EVALUATION_BUDGET) {
    const maxPoints = Math.floor(EXPRESSION_EVALUATION_BUDGET / cost);
    throw new FragilityInputError(
      field,
      value,
      `a value giving at most ${maxPoints} evaluation points for this formula`,
      `${points} points × ${cost} node evaluations exceeds the evaluation budget of ${EXPRESSION_EVALUATION_BUDGET}`,
    );
  }
}
