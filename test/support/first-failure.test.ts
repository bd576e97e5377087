import { describe, expect, it } from 'vitest';
import { firstFailure } from './first-failure.ts';

describe('firstFailure (the one-expect form of a per-element check)', () => {
  it('names the first failing index, and only that one', () => {
    const xs = [3, 3, 2, 3, 1];
    expect(
      firstFailure(
        xs.length,
        (i) => xs[i] === 3,
        (i) => `x[${i}] = ${xs[i]}`,
      ),
    ).toBe('x[2] = 2');
    expect(firstFailure(xs.length, (i) => xs[i] >= 1)).toBeUndefined();
    expect(firstFailure(xs.length, (i) => xs[i] > 1)).toBe('index 4');
  });

  it('passes on no index, and stops at the first failure', () => {
    let calls = 0;
    expect(firstFailure(0, () => false)).toBeUndefined();
    expect(
      firstFailure(1000, (i) => {
        calls++;
        return i < 10;
      }),
    ).toBe('index 10');
    expect(calls).toBe(11);
  });
});
