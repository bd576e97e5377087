import { describe, it, expect } from 'vitest';
import {
  formatNumber,
  formatFixed,
  formatSignificant,
  formatPercent,
  formatExponential,
} from '../../src/report/index.ts';
import { FragilityInputError } from '../../src/errors.ts';

describe('formatNumber', () => {
  it('fixed digits, with rounding and no negative zero', () => {
    expect(formatNumber(Math.PI, { style: 'fixed', digits: 2 })).toBe('3.14');
    expect(formatNumber(2.5, { style: 'fixed', digits: 0 })).toBe('3');
    expect(formatFixed(-0.0004, 2)).toBe('0.00');
    expect(formatFixed(-0.004, 2)).toBe('0.00'); // rounds to zero: printed without the sign
    expect(formatFixed(-0.006, 2)).toBe('-0.01');
    expect(formatFixed(1e21, 1)).toBe('1000000000000000000000.0');
  });

  it('significant digits in positional notation, exponential outside [1e-6, 1e15)', () => {
    expect(formatSignificant(0.0012345, 3)).toBe('0.00123');
    expect(formatSignificant(1234567, 3)).toBe('1230000');
    expect(formatSignificant(1234567, 3, true)).toBe('1,230,000');
    expect(formatSignificant(0.999996, 3)).toBe('1.00');
    expect(formatSignificant(99.96, 3)).toBe('100');
    expect(formatSignificant(0, 3)).toBe('0');
    expect(formatSignificant(1.5e-9, 2)).toBe('1.5e-9');
    expect(formatSignificant(2.5e20, 2)).toBe('2.5e+20');
    expect(formatSignificant(-42.42, 2)).toBe('-42');
  });

  it('percent from proportions, without binary rounding surprises', () => {
    expect(formatPercent(0.253)).toBe('25.3%');
    expect(formatPercent(0.285, 1)).toBe('28.5%');
    expect(formatPercent(0.125, 0)).toBe('13%');
    expect(formatNumber(1, { style: 'percent', digits: 0 })).toBe('100%');
    expect(formatNumber(1e-7, { style: 'percent', digits: 5 })).toBe('0.00001%');
  });

  it('integer with grouping, and exponential', () => {
    expect(formatNumber(21_000_000, { style: 'integer', group: true })).toBe('21,000,000');
    expect(formatNumber(-1234.6, { style: 'integer', group: true })).toBe('-1,235');
    expect(formatExponential(1234567, 2)).toBe('1.23e+6');
  });

  it('non-finite values and missing values print the configured text', () => {
    expect(formatNumber(NaN)).toBe('—');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(NaN, { style: 'fixed', digits: 2 }, { missing: 'n/a' })).toBe('n/a');
  });

  it('default format is 4 significant digits; a function format is applied as is', () => {
    expect(formatNumber(Math.PI)).toBe('3.142');
    expect(formatNumber(0.5, (v) => `<${v}>`)).toBe('<0.5>');
  });

  it('rejects bad digit counts and styles with the field named', () => {
    expect(() => formatFixed(1, -1)).toThrow(FragilityInputError);
    expect(() => formatSignificant(1, 0)).toThrow(/digits/);
    expect(() => formatNumber(1, { style: 'bogus' as 'fixed' })).toThrow(/format\.style/);
  });
});

describe('trim', () => {
  it('drops trailing fraction zeros but keeps exponents and percent signs', () => {
    expect(formatNumber(2, { style: 'significant', digits: 4, trim: true })).toBe('2');
    expect(formatNumber(0.25, { style: 'significant', digits: 4, trim: true })).toBe('0.25');
    expect(formatNumber(0.25, { style: 'percent', digits: 2, trim: true })).toBe('25%');
    expect(formatNumber(1200, { style: 'fixed', digits: 2, trim: true, group: true })).toBe('1,200');
    expect(formatNumber(1.5e-9, { style: 'significant', digits: 4, trim: true })).toBe('1.5e-9');
    expect(formatNumber(1.2e-9, { style: 'exponential', digits: 3, trim: true })).toBe('1.2e-9');
    expect(formatNumber(100, { style: 'fixed', digits: 0, trim: true })).toBe('100');
  });
});
