// The memory budget and the core clamp (src/resources.ts): parsing, precedence, the refusal message.
import { afterEach, describe, expect, it } from 'vitest';
import { FragilityInputError } from '../../src/errors.ts';
import {
  availableCores,
  checkMemory,
  clampWorkers,
  formatBytes,
  memoryBudget,
  MEMORY_ENV,
  parseByteSize,
  setMemoryBudget,
  setPlatform,
} from '../../src/resources.ts';

afterEach(() => {
  setMemoryBudget(undefined);
  setPlatform(undefined);
  delete process.env[MEMORY_ENV];
});

describe('parseByteSize', () => {
  it('reads decimal and binary units, case-insensitive, B optional', () => {
    expect(parseByteSize('x', '4GB')).toBe(4e9);
    expect(parseByteSize('x', '4gb')).toBe(4e9);
    expect(parseByteSize('x', '512MiB')).toBe(512 * 2 ** 20);
    expect(parseByteSize('x', '1.5G')).toBe(1.5e9);
    expect(parseByteSize('x', '2e9')).toBe(2e9);
    expect(parseByteSize('x', '1000')).toBe(1000);
    expect(parseByteSize('x', '3 KiB')).toBe(3072);
  });
  it('refuses junk, zero and negative sizes, naming the field', () => {
    for (const bad of ['', 'GB', '-1GB', '0', '4XB', '4iB', 'four', '1e400']) {
      expect(() => parseByteSize('--max-memory', bad)).toThrow(FragilityInputError);
    }
    expect(() => parseByteSize('--max-memory', 'x')).toThrow(/^--max-memory: "x" is not allowed/);
  });
});

describe('formatBytes', () => {
  it('uses three significant digits and SI units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1.5e9)).toBe('1.5 GB');
    expect(formatBytes(24e9)).toBe('24 GB');
    expect(formatBytes(123456789)).toBe('123 MB');
  });
});

describe('memoryBudget', () => {
  it('is half of physical memory by default, then the env variable, then the option', () => {
    setPlatform({ totalMemory: 8e9, cores: 4 });
    expect(memoryBudget()).toEqual({ bytes: 4e9, source: 'physical memory' });
    process.env[MEMORY_ENV] = '1GB';
    expect(memoryBudget()).toEqual({ bytes: 1e9, source: 'environment' });
    setMemoryBudget(3e9);
    expect(memoryBudget()).toEqual({ bytes: 3e9, source: 'option' });
  });
  it('reads the real machine when nothing is injected', () => {
    const b = memoryBudget();
    expect(b.source).toBe('physical memory');
    expect(b.bytes).toBeGreaterThan(1e8);
  });
  it('a malformed env variable is an input error naming it', () => {
    process.env[MEMORY_ENV] = 'lots';
    expect(() => memoryBudget()).toThrow(new RegExp(`^${MEMORY_ENV}: "lots"`));
  });
});

describe('checkMemory', () => {
  it('passes at the budget and refuses above it with estimate, budget and remedy', () => {
    setMemoryBudget(1e9);
    expect(() => checkMemory('n', 10, 1e9, 'x')).not.toThrow();
    let err: unknown;
    try {
      checkMemory('graph n', 3e9, 24e9, 'a graph with n = 3000000000');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FragilityInputError);
    const msg = (err as Error).message;
    expect(msg).toContain('graph n: 3000000000 is not allowed');
    expect(msg).toContain('memory budget of 1 GB (set by --max-memory)');
    expect(msg).toContain('would take about 24 GB');
    expect(msg).toContain('--max-memory');
    expect(msg).toContain(MEMORY_ENV);
    expect(msg).not.toContain('\n');
  });
});

describe('cores', () => {
  it('clamps to the injected core count', () => {
    setPlatform({ totalMemory: 8e9, cores: 2 });
    expect(availableCores()).toBe(2);
    expect(clampWorkers(256)).toEqual({ workers: 2, clamped: true, cores: 2 });
    expect(clampWorkers(2)).toEqual({ workers: 2, clamped: false, cores: 2 });
    expect(clampWorkers(1)).toEqual({ workers: 1, clamped: false, cores: 2 });
  });
});
