/**
 * Resource limits: a memory budget checked *before* large allocations, and the machine's core count for
 * `--workers`.
 *
 * Every generator, reader and ensemble that allocates in proportion to a user-given size (nodes, edges, lattice
 * side, replicates × grid points) first estimates the bytes it will need and calls {@link checkMemory}. Above
 * the budget it throws a {@link FragilityInputError} (CLI exit 2) that says what the allocation would take, what
 * the budget is, and how to raise it — instead of letting the process grow until the kernel kills it.
 *
 * The budget is, in order of precedence: {@link setMemoryBudget} (the CLI's `--max-memory`), the environment
 * variable `FRAGILITY_MAX_MEMORY` (same syntax, e.g. `4GB`, `512MiB`, `2e9`), else half of the physical memory
 * (`os.totalmem()`). Outside Node (a browser bundle) `node:os` is not available: the platform can be injected with
 * {@link setPlatform}; otherwise the budget falls back to 2 GiB and the core count to
 * `navigator.hardwareConcurrency` (or 1).
 *
 * This module has no top-level Node import, so the core can import it in any runtime: `node:os` is loaded on
 * first use through `process.getBuiltinModule` (Node ≥ 20.16, Deno) and never in a browser.
 *
 * @module
 */
import { FragilityInputError } from './errors.ts';

/**
 * What the budget and the core count are derived from.
 *
 * @category Resources
 */
export interface Platform {
  /** Physical memory in bytes. */
  totalMemory: number;
  /** Logical cores available to this process. */
  cores: number;
}

/**
 * Fraction of physical memory used as the default budget.
 *
 * @category Resources
 */
export const DEFAULT_MEMORY_FRACTION = 0.5;
/**
 * Budget when the physical memory cannot be read (browser without an injected platform).
 *
 * @category Resources
 */
export const FALLBACK_MEMORY_BUDGET = 2 * 1024 ** 3;
/**
 * The environment variable read for the budget.
 *
 * @category Resources
 */
export const MEMORY_ENV = 'FRAGILITY_MAX_MEMORY';

let injected: Platform | undefined;
let detected: Platform | null | undefined;
let override: number | undefined;

/**
 * Inject the platform (tests; runtimes without `node:os`). `undefined` restores detection.
 *
 * @param p - physical memory and cores, or undefined.
 *
 * @complexity O(1).
 *
 * @model replaces `os.totalmem()` / `os.availableParallelism()`.
 *
 * @references Node.js `os` module.
 *
 * @example
 * ```ts
 * setPlatform({ totalMemory: 8 * 2 ** 30, cores: 4 });
 * ```
 *
 * @category Resources
 */
export function setPlatform(p: Platform | undefined): void {
  injected = p;
}

function detect(): Platform | null {
  if (detected !== undefined) return detected;
  detected = null;
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const os = proc?.getBuiltinModule?.('node:os') as
      | { totalmem(): number; availableParallelism?: () => number; cpus(): unknown[] }
      | undefined;
    if (os) {
      const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
      detected = { totalMemory: os.totalmem(), cores: Math.max(1, cores) };
    }
  } catch {
    detected = null;
  }
  return detected;
}

function platform(): Platform | null {
  return injected ?? detect();
}

/**
 * Parse a byte size: a number of bytes (`2000000000`, `2e9`) or a number with a unit, decimal (`kB`, `MB`, `GB`,
 * `TB`, powers of 1000) or binary (`KiB`, `MiB`, `GiB`, `TiB`, powers of 1024); case-insensitive, `B` optional.
 *
 * @param field - the option or variable being parsed (named in the error).
 * @param raw - the text.
 * @returns bytes (a positive integer).
 * @throws FragilityInputError unless `raw` is a positive size.
 *
 * @complexity O(|raw|).
 *
 * @model `4GB` = 4·10⁹ bytes, `4GiB` = 4·2³⁰ bytes.
 *
 * @references IEC 80000-13 (binary prefixes).
 *
 * @example
 * ```ts
 * parseByteSize('--max-memory', '512MiB'); // 536870912
 * ```
 *
 * @category Resources
 */
export function parseByteSize(field: string, raw: string): number {
  const m = /^\s*(\d+(?:\.\d*)?(?:e\d+)?)\s*(k|m|g|t)?(i)?(b)?\s*$/i.exec(raw);
  const allowed = 'a positive size such as 4GB, 512MiB or 2e9 (bytes)';
  if (!m || (m[3] && !m[2])) throw new FragilityInputError(field, raw, allowed);
  const power = m[2] ? 'kmgt'.indexOf(m[2].toLowerCase()) + 1 : 0;
  const bytes = Math.floor(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
  if (!Number.isFinite(bytes) || bytes < 1) throw new FragilityInputError(field, raw, allowed);
  return bytes;
}

/**
 * Format a byte count for people: `1.5 GB`, `300 MB` (decimal units, three significant digits).
 *
 * @param bytes - a byte count.
 * @returns the text.
 *
 * @complexity O(1).
 *
 * @model decimal SI prefixes.
 *
 * @references IEC 80000-13.
 *
 * @example
 * ```ts
 * formatBytes(1.5e9); // '1.5 GB'
 * ```
 *
 * @category Resources
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? String(Math.round(v)) : Number(v.toPrecision(3)).toString()} ${units[i]}`;
}

/**
 * Set the memory budget for this process (the CLI's `--max-memory`); `undefined` restores the default.
 *
 * @param bytes - the budget in bytes (a positive integer), or undefined.
 *
 * @complexity O(1).
 *
 * @model precedence: this setting, then `FRAGILITY_MAX_MEMORY`, then half of physical memory.
 *
 * @references —
 *
 * @example
 * ```ts
 * setMemoryBudget(parseByteSize('--max-memory', '8GB'));
 * ```
 *
 * @category Resources
 */
export function setMemoryBudget(bytes: number | undefined): void {
  if (bytes !== undefined && (!Number.isFinite(bytes) || bytes < 1)) {
    throw new FragilityInputError('maxMemory', bytes, 'a positive number of bytes');
  }
  override = bytes;
}

/**
 * Where the current budget comes from (named in error messages).
 *
 * @category Resources
 */
export type BudgetSource = 'option' | 'environment' | 'physical memory' | 'fallback';

/**
 * The memory budget in bytes, and where it comes from.
 *
 * @returns `{ bytes, source }`.
 * @throws FragilityInputError when `FRAGILITY_MAX_MEMORY` is set but not a size.
 *
 * @complexity O(1).
 *
 * @model `--max-memory` > `FRAGILITY_MAX_MEMORY` > {@link DEFAULT_MEMORY_FRACTION} × physical memory >
 * {@link FALLBACK_MEMORY_BUDGET}.
 *
 * @references Node.js `os.totalmem()`.
 *
 * @example
 * ```ts
 * const { bytes } = memoryBudget();
 * ```
 *
 * @category Resources
 */
export function memoryBudget(): { bytes: number; source: BudgetSource } {
  if (override !== undefined) return { bytes: override, source: 'option' };
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[MEMORY_ENV];
  if (env !== undefined && env.trim() !== '') return { bytes: parseByteSize(MEMORY_ENV, env), source: 'environment' };
  const p = platform();
  if (p) return { bytes: Math.floor(p.totalMemory * DEFAULT_MEMORY_FRACTION), source: 'physical memory' };
  return { bytes: FALLBACK_MEMORY_BUDGET, source: 'fallback' };
}

/**
 * Refuse an allocation that would exceed the memory budget, before it is made.
 *
 * @param field - the input that sets the size (named in the error), e.g. `"graph n"`, `"--runs"`.
 * @param value - that input's value (echoed in the error).
 * @param bytes - the estimated peak bytes of the work it asks for.
 * @param what - a short description of the allocation, e.g. `"an ER graph with n = 1e9, k = 4"`.
 * @param remedy - another way out than a larger budget (e.g. `"fewer runs"`), named first in the message.
 * @throws FragilityInputError (exit 2) naming the estimate, the budget and how to raise it.
 *
 * @complexity O(1).
 *
 * @model `bytes <= budget`; estimates count the typed arrays that live at the peak, not V8 overhead.
 *
 * @references —
 *
 * @example
 * ```ts
 * const n = 1_000_000, m = 2_000_000;
 * checkMemory('graph n', n, 8 * n + 16 * m, `a graph with n = ${n}, m = ${m}`);
 * ```
 *
 * @category Resources
 */
export function checkMemory(field: string, value: unknown, bytes: number, what: string, remedy?: string): void {
  const { bytes: budget, source } = memoryBudget();
  if (bytes <= budget) return;
  const from =
    source === 'option'
      ? 'set by --max-memory'
      : source === 'environment'
        ? `set by ${MEMORY_ENV}`
        : source === 'physical memory'
          ? `${Math.round(DEFAULT_MEMORY_FRACTION * 100)} % of physical memory`
          : 'default outside Node';
  throw new FragilityInputError(
    field,
    value,
    `a size within the memory budget of ${formatBytes(budget)} (${from})`,
    `${what} would take about ${formatBytes(bytes)}; ${remedy ? `${remedy}, or ` : ''}raise the budget with --max-memory or ${MEMORY_ENV}, e.g. ${formatBytes(Math.ceil(bytes * 1.25)).replace(' ', '')}`,
  );
}

/**
 * The number of logical cores available to this process (`os.availableParallelism()`), or
 * `navigator.hardwareConcurrency`, or 1.
 *
 * @returns a positive integer.
 *
 * @complexity O(1).
 *
 * @model —
 *
 * @references Node.js `os.availableParallelism()`.
 *
 * @example
 * ```ts
 * const requested = 4;
 * const w = Math.min(requested, availableCores());
 * ```
 *
 * @category Resources
 */
export function availableCores(): number {
  const p = platform();
  if (p) return Math.max(1, Math.floor(p.cores));
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, Math.floor(nav?.hardwareConcurrency ?? 1));
}

/**
 * Clamp a requested thread count to the available cores. More compute threads than cores only add start-up and
 * memory (each worker holds its own copy of the graph) without speed; results do not depend on the count, so
 * clamping never changes an answer.
 *
 * @param requested - the requested number of compute threads (>= 1).
 * @returns `{ workers, clamped }`, with `clamped` true when the request was reduced; callers print a note.
 *
 * @complexity O(1).
 *
 * @model `workers = min(requested, availableCores())`.
 *
 * @references —
 *
 * @example
 * ```ts
 * const { workers, clamped } = clampWorkers(256);
 * ```
 *
 * @category Resources
 */
export function clampWorkers(requested: number): { workers: number; clamped: boolean; cores: number } {
  const cores = availableCores();
  const r = Math.max(1, Math.floor(requested));
  return r > cores ? { workers: cores, clamped: true, cores } : { workers: r, clamped: false, cores };
}
