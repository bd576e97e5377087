/**
 * JSON output under the CLI contract: plain numbers only, NaN and ±Infinity written as `null`.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write.ts';
import { dirname } from 'node:path';
import { FragilityInputError } from '../errors.ts';

/**
 * Deep-copy a value into JSON-safe plain data: NaN and ±Infinity become `null`, typed arrays become arrays,
 * `Map` becomes an object, `Set` an array, `bigint` a number, `undefined` object fields are dropped (and
 * `undefined` array slots become `null`, as `JSON.stringify` does), objects with `toJSON` (e.g. `Date`) are
 * converted first.
 *
 * @param value - Any value built from plain data.
 * @returns The JSON-safe copy.
 * @throws FragilityInputError on a circular reference (field `json`, naming the path).
 *
 * @complexity O(size of the value).
 *
 * @model x ↦ null for x ∉ ℝ (the CLI contract: "no NaN in JSON; use null with a reason field").
 *
 * @references ECMA-404 The JSON Data Interchange Syntax (2nd ed., 2017), which has no NaN or Infinity.
 *
 * @example
 * toJsonSafe({ a: NaN, b: [1, Infinity], c: new Float64Array([0.5]) }); // { a: null, b: [1, null], c: [0.5] }
 *
 * @category Tables
 */
export function toJsonSafe(value: unknown): unknown {
  return safe(value, '$', new Set());
}

function safe(value: unknown, path: string, stack: Set<object>): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? undefined : value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (x) =>
      typeof x === 'bigint' ? Number(x) : Number.isFinite(x) ? x : null,
    );
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return safe((value as { toJSON: () => unknown }).toJSON(), path, stack);
  }
  if (stack.has(value)) throw new FragilityInputError('json', path, 'acyclic data', 'circular reference');
  stack.add(value);
  try {
    if (Array.isArray(value) || value instanceof Set) {
      return Array.from(value as Iterable<unknown>, (v, i) => {
        const s = safe(v, `${path}[${i}]`, stack);
        return s === undefined ? null : s;
      });
    }
    const entries = value instanceof Map ? Array.from(value.entries()) : Object.entries(value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const s = safe(v, `${path}.${String(k)}`, stack);
      if (s !== undefined) out[String(k)] = s;
    }
    return out;
  } finally {
    stack.delete(value);
  }
}

/**
 * Serialise a value as JSON text under the CLI contract (no NaN/Infinity: they become `null`).
 *
 * @param value - Any plain data.
 * @param indent - Spaces of indentation; 0 for one line. Default 2.
 * @returns The JSON text with a trailing newline.
 *
 * @complexity O(size).
 * @model JSON.stringify ∘ {@link toJsonSafe}.
 * @references ECMA-404.
 *
 * @example
 * jsonReportText({ q_c: NaN, reason: 'no giant component' }, 0); // '{"q_c":null,"reason":"no giant component"}\n'
 *
 * @category Tables
 */
export function jsonReportText(value: unknown, indent = 2): string {
  return JSON.stringify(toJsonSafe(value), null, indent > 0 ? indent : undefined) + '\n';
}

/**
 * Write a JSON report file (parent directories created), mapping NaN and ±Infinity to `null`.
 *
 * Synchronous, so that callers (CLI, scenario runner, notebooks) cannot forget to await it.
 *
 * @param path - The output file path.
 * @param value - The report object.
 * @param indent - Spaces of indentation. Default 2.
 * @returns The path written.
 *
 * @complexity O(size).
 * @model see {@link jsonReportText}.
 * @references ECMA-404.
 *
 * @example
 * writeJsonReport('/tmp/out/report.json', { threshold: { analytic: 0.27, montecarlo: NaN } });
 *
 * @category Tables
 */
export function writeJsonReport(path: string, value: unknown, indent = 2): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, jsonReportText(value, indent)); // temporary file + rename: never a cut report.json
  return path;
}
