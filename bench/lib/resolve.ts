/**
 * Late binding of library functions for the benchmark: engines still being written by other helpers may be missing,
 * and a workload whose function is missing is reported as skipped instead of failing the whole run.
 *
 * @module
 */

/** Thrown when a library function the workload needs does not exist (yet). */
export class FunctionUnavailable extends Error {
  constructor(readonly fn: string) {
    super(`${fn} not available`);
  }
}

const SRC = new URL('../../src/', import.meta.url);

/**
 * Import a named export from the first module (relative to src/) that has it: the layer's barrel first, then the
 * defining file (used only while a barrel is not written yet).
 *
 * @param name - the export name.
 * @param modules - module paths relative to src/, e.g. `'montecarlo/index.ts'`, `'montecarlo/sweep-site.ts'`.
 * @returns the export.
 * @throws FunctionUnavailable when no module has it.
 */
// biome-ignore lint/suspicious/noExplicitAny: the default is a function of any signature; callers narrow it with T
export async function libFunction<T = (...args: any[]) => any>(name: string, ...modules: string[]): Promise<T> {
  for (const m of modules) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(new URL(m, SRC).href)) as Record<string, unknown>;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ERR_MODULE_NOT_FOUND' || code === 'ENOENT') continue;
      throw e;
    }
    if (mod[name] !== undefined) return mod[name] as T;
  }
  throw new FunctionUnavailable(name);
}
