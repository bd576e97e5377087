import { describe, it, expect } from 'vitest';
import { brentRoot, safeguardedNewtonRoot } from '../../src/analytic/root-finding.ts';

describe('brentRoot', () => {
  it('finds √2 to 1e-14', () => {
    const r = brentRoot((x) => x * x - 2, 0, 2);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root - Math.SQRT2)).toBeLessThan(1e-14);
  });
  it('returns an end that is a root', () => {
    expect(brentRoot((x) => x, 0, 1).root).toBe(0);
  });
  it('brackets with tiny values whose product underflows', () => {
    const r = brentRoot((x) => (x - 0.5) * 1e-200, 0, 1);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root - 0.5)).toBeLessThan(1e-12);
    const n = safeguardedNewtonRoot((x) => [(x - 0.5) * 1e-200, 1e-200], 0, 1);
    expect(Math.abs(n.root - 0.5)).toBeLessThan(1e-12);
  });
  it('reports a missing bracket instead of guessing', () => {
    const r = brentRoot((x) => x * x + 1, -1, 1);
    expect(r.converged).toBe(false);
    expect(Number.isNaN(r.root)).toBe(true);
  });
  it('stops at the iteration bound and says so', () => {
    let calls = 0;
    const r = brentRoot(
      (x) => {
        calls++;
        return Math.cbrt(x - 0.3);
      },
      0,
      1,
      { maxIterations: 5, xtol: 0 },
    );
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(5);
    expect(calls).toBeLessThanOrEqual(5);
  });
});

describe('safeguardedNewtonRoot', () => {
  it('finds √2 and converges quadratically', () => {
    const r = safeguardedNewtonRoot((x) => [x * x - 2, 2 * x], 0, 2);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root - Math.SQRT2)).toBeLessThan(1e-14);
    expect(r.iterations).toBeLessThan(15);
  });
  it('bisects when the derivative is useless (zero slope at the start)', () => {
    const r = safeguardedNewtonRoot((x) => [Math.tanh(10 * (x - 0.7)), 0], 0, 1, { maxIterations: 200 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.root - 0.7)).toBeLessThan(1e-12);
  });
  it('honours x0 and the iteration bound', () => {
    const r = safeguardedNewtonRoot((x) => [x * x - 2, 2 * x], 0, 2, { x0: 1.4, maxIterations: 3, xtol: 0 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
  });
});
