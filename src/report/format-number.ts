/**
 * Number formatting for reports: fixed digits, significant digits, percent, integers with grouping, exponential.
 *
 * Every formatter is total: NaN, ±Infinity, null and undefined give a defined string (by default `—`, `∞`, `−∞`),
 * and negative zero never prints as `-0`.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/**
 * How to print a number.
 *
 * - `{ style: 'fixed', digits }` — `digits` decimals (`0.1235` for 0.12345 with 4).
 * - `{ style: 'significant', digits }` — `digits` significant digits, positional notation for 1e-6 ≤ |x| < 1e15
 *   (`1230000` for 1234567 with 3), exponential outside that range.
 * - `{ style: 'percent', digits }` — a proportion times 100 with `digits` decimals and a `%` sign (`25.3%` for 0.253).
 * - `{ style: 'integer' }` — rounded to the nearest integer.
 * - `{ style: 'exponential', digits }` — `1.23e+6`.
 *
 * `group: true` inserts thousands separators (`21,000,000`) in the integer part (fixed, significant, percent,
 * integer). `trim: true` drops trailing zeros of the fraction (`0.25` rather than `0.2500`, `2` rather than
 * `2.000`). Defaults: `digits` 3 for fixed/significant/exponential, 1 for percent; `group` and `trim` false.
 *
 * @category Tables
 */
export interface NumberFormatSpec {
  style: 'fixed' | 'significant' | 'percent' | 'integer' | 'exponential';
  digits?: number;
  group?: boolean;
  trim?: boolean;
}

/**
 * A {@link NumberFormatSpec}, or any function from number to string.
 *
 * @category Tables
 */
export type NumberFormat = NumberFormatSpec | ((value: number) => string);

/**
 * What to print for values that are not finite numbers.
 *
 * @category Tables
 */
export interface NonFiniteText {
  /** For NaN, null and undefined. Default `'—'`. */
  missing?: string;
  /** For +Infinity. Default `'∞'`. */
  infinity?: string;
  /** For −Infinity. Default `'−∞'`. */
  negativeInfinity?: string;
}

const DEFAULT_NON_FINITE: Required<NonFiniteText> = { missing: '—', infinity: '∞', negativeInfinity: '−∞' };

/**
 * Format one number with a {@link NumberFormat}.
 *
 * @param value - The number (null/undefined/NaN print as `nonFinite.missing`).
 * @param format - The format; default `{ style: 'significant', digits: 4, trim: true }`.
 * @param nonFinite - Text for NaN/missing and ±Infinity (defaults `—`, `∞`, `−∞`).
 * @returns The formatted string.
 *
 * @complexity O(number of digits).
 *
 * @model fixed: round(x·10^d)/10^d; significant: round to d significant digits; percent: fixed(100·x) + `%`.
 *
 * @references ECMAScript `Number.prototype.toFixed` / `toPrecision` (ECMA-262 §21.1.3).
 *
 * @example
 * formatNumber(0.2534, { style: 'percent', digits: 1 }); // '25.3%'
 * formatNumber(1234567, { style: 'significant', digits: 3, group: true }); // '1,230,000'
 * formatNumber(NaN); // '—'
 *
 * @category Tables
 */
export function formatNumber(
  value: number | null | undefined,
  format: NumberFormat = { style: 'significant', digits: 4, trim: true },
  nonFinite: NonFiniteText = {},
): string {
  const nf = { ...DEFAULT_NON_FINITE, ...nonFinite };
  if (value === null || value === undefined || Number.isNaN(value)) return nf.missing;
  if (value === Infinity) return nf.infinity;
  if (value === -Infinity) return nf.negativeInfinity;
  if (typeof format === 'function') return format(value);
  const text = formatSpec(value, format);
  return format.trim ? trimFractionZeros(text) : text;
}

function formatSpec(value: number, format: NumberFormatSpec): string {
  const group = format.group ?? false;
  switch (format.style) {
    case 'fixed':
      return formatFixed(value, format.digits ?? 3, group);
    case 'significant':
      return formatSignificant(value, format.digits ?? 3, group);
    case 'percent':
      return formatPercent(value, format.digits ?? 1, group);
    case 'integer':
      return formatFixed(value, 0, group);
    case 'exponential':
      return formatExponential(value, format.digits ?? 3);
    default:
      throw new FragilityInputError(
        'format.style',
        (format as { style: unknown }).style,
        "one of 'fixed', 'significant', 'percent', 'integer', 'exponential'",
      );
  }
}

/**
 * Format with a fixed number of decimals; never prints `-0`.
 *
 * @param value - A finite number.
 * @param digits - Decimals, an integer in [0, 100].
 * @param group - Insert thousands separators. Default false.
 * @returns e.g. `'3.142'` for (π, 3).
 *
 * @complexity O(digits).
 * @model round(x·10^d)/10^d.
 * @references ECMA-262 `toFixed`.
 *
 * @example
 * formatFixed(-0.0004, 2); // '0.00'
 *
 * @category Tables
 */
export function formatFixed(value: number, digits: number, group = false): string {
  checkDigits('digits', digits, 0, 100);
  if (!Number.isFinite(value)) return String(value);
  let s: string;
  if (Math.abs(value) >= 1e21) {
    // toFixed switches to exponential notation at 1e21: write the integer out via BigInt.
    s = BigInt(Math.round(value)).toString() + (digits > 0 ? '.' + '0'.repeat(digits) : '');
  } else {
    s = value.toFixed(digits);
  }
  s = stripNegativeZero(s);
  return group ? groupThousands(s) : s;
}

/**
 * Format with `digits` significant digits, in positional notation when 1e-6 ≤ |x| < 1e15, otherwise exponential.
 *
 * @param value - A finite number.
 * @param digits - Significant digits, an integer in [1, 21].
 * @param group - Insert thousands separators. Default false.
 * @returns e.g. `'0.00123'` for (0.0012345, 3), `'1230000'` for (1234567, 3).
 *
 * @complexity O(digits).
 * @model round to d significant digits.
 * @references ECMA-262 `toPrecision`.
 *
 * @example
 * formatSignificant(0.0012345, 3); // '0.00123'
 *
 * @category Tables
 */
export function formatSignificant(value: number, digits: number, group = false): string {
  checkDigits('digits', digits, 1, 21);
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  const magnitude = Math.floor(Math.log10(Math.abs(rounded)));
  if (magnitude < -6 || magnitude >= 15) return formatExponential(value, digits - 1);
  const decimals = Math.max(0, digits - 1 - magnitude);
  return formatFixed(rounded, Math.min(decimals, 100), group);
}

/**
 * Format a proportion as a percentage: 100·x with `digits` decimals and a `%` sign.
 *
 * @param value - A finite proportion (0.25 means 25 %).
 * @param digits - Decimals, an integer in [0, 100]. Default 1.
 * @param group - Insert thousands separators. Default false.
 * @returns e.g. `'25.0%'` for 0.25.
 *
 * @complexity O(digits).
 * @model fixed(100·x, d) + '%'.
 * @references ECMA-262 `toFixed`.
 *
 * @example
 * formatPercent(0.1234, 0); // '12%'
 *
 * @category Tables
 */
export function formatPercent(value: number, digits = 1, group = false): string {
  if (!Number.isFinite(value)) return String(value);
  // Scale through the decimal string to avoid 0.285*100 = 28.499999999999996 rounding down.
  return formatFixed(Number(`${value}e2`) || value * 100, digits, group) + '%';
}

/**
 * Format in exponential notation with `digits` decimals in the mantissa.
 *
 * @param value - A finite number.
 * @param digits - Mantissa decimals, an integer in [0, 100]. Default 3.
 * @returns e.g. `'1.235e+6'`.
 *
 * @complexity O(digits).
 * @model m·10^e with 1 ≤ |m| < 10.
 * @references ECMA-262 `toExponential`.
 *
 * @example
 * formatExponential(1234567, 2); // '1.23e+6'
 *
 * @category Tables
 */
export function formatExponential(value: number, digits = 3): string {
  checkDigits('digits', digits, 0, 100);
  if (!Number.isFinite(value)) return String(value);
  return stripNegativeZero(value.toExponential(digits));
}

function checkDigits(field: string, digits: number, min: number, max: number): void {
  if (!Number.isInteger(digits) || digits < min || digits > max) {
    throw new FragilityInputError(field, digits, `an integer in [${min}, ${max}]`);
  }
}

/** Drop trailing zeros of the fraction (and a bare point), keeping any exponent or `%` suffix. */
function trimFractionZeros(s: string): string {
  return s.replace(/^(-?[\d,]+)\.(\d*?)0*(?=$|e|%)/, (_m, int: string, frac: string) =>
    frac ? `${int}.${frac}` : int,
  );
}

function stripNegativeZero(s: string): string {
  return /^-[0.]*(e[+-]?\d+)?$/.test(s) ? s.slice(1) : s;
}

function groupThousands(s: string): string {
  const m = /^(-?)(\d+)(.*)$/.exec(s);
  if (!m) return s;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + m[3];
}
