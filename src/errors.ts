/**
 * Errors raised at the API boundary.
 *
 * Every invalid input is reported with a {@link FragilityInputError} that names the offending field, the value
 * received and the allowed range, so that the CLI can print one line and exit with status 2.
 *
 * @module
 */

/**
 * An input value outside its allowed range. `field` names it, `allowed` states the range.
 *
 * @category Errors
 */
export class FragilityInputError extends Error {
  /** The name of the offending field (an option, a parameter, a JSON path). */
  readonly field: string;
  /** A human-readable description of the allowed range, e.g. `"an integer >= 0"`. */
  readonly allowed: string;
  /** The value received. */
  readonly value: unknown;

  constructor(field: string, value: unknown, allowed: string, detail?: string) {
    super(`${field}: ${formatValue(value)} is not allowed; expected ${allowed}${detail ? ` (${detail})` : ''}`);
    this.name = 'FragilityInputError';
    this.field = field;
    this.allowed = allowed;
    this.value = value;
  }
}

/**
 * A bounded iteration that ran out of iterations before meeting its tolerance.
 *
 * @category Errors
 */
export class ConvergenceError extends Error {
  readonly iterations: number;
  readonly residual: number;
  constructor(what: string, iterations: number, residual: number) {
    super(`${what} did not converge in ${iterations} iterations (residual ${residual.toExponential(3)})`);
    this.name = 'ConvergenceError';
    this.iterations = iterations;
    this.residual = residual;
  }
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return Array.isArray(v) ? '[...]' : '{...}'; // too deep or cyclic: String(v) would overflow the stack as well
  }
}

/**
 * Throw unless `value` is an integer in [min, max].
 *
 * @category Errors
 */
export function checkInteger(field: string, value: number, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FragilityInputError(field, value, describeRange('an integer', min, max));
  }
  return value;
}

/**
 * Throw unless `value` is a finite number in [min, max].
 *
 * @category Errors
 */
export function checkNumber(field: string, value: number, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new FragilityInputError(field, value, describeRange('a finite number', min, max));
  }
  return value;
}

/**
 * Throw unless `value` is a probability in [0, 1].
 *
 * @category Errors
 */
export function checkProbability(field: string, value: number): number {
  return checkNumber(field, value, 0, 1);
}

const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * The number a decimal literal stands for (`42`, `-0.5`, `1e6`, `.5`; surrounding blanks allowed), or NaN for
 * anything else. Unlike `Number(raw)`, hexadecimal, binary and octal literals (`0x10`, `0b11`, `0o7`), `Infinity`
 * and the empty string are not numbers here.
 *
 * @param raw - the text of an option or a spec parameter.
 * @returns the number, or NaN.
 *
 * @complexity O(|raw|).
 *
 * @model JavaScript decimal literal syntax with an optional sign.
 *
 * @references ECMAScript StrDecimalLiteral, https://tc39.es/ecma262/#sec-tonumber-applied-to-the-string-type.
 *
 * @example
 * ```ts
 * parseDecimal('1e6'); // 1000000
 * parseDecimal('0x10'); // NaN
 * ```
 *
 * @category Errors
 */
export function parseDecimal(raw: string): number {
  return typeof raw === 'string' && DECIMAL.test(raw) ? Number(raw) : NaN;
}

function describeRange(kind: string, min: number, max: number): string {
  if (min === -Infinity && max === Infinity) return kind;
  if (max === Infinity) return `${kind} >= ${min}`;
  if (min === -Infinity) return `${kind} <= ${max}`;
  return `${kind} in [${min}, ${max}]`;
}
