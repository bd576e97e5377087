/**
 * mathjs, loaded on first use. mathjs takes 0.5–1 s to import; most commands never parse a formula or diagonalise a
 * matrix, so the import is deferred until one does. Synchronous (through `createRequire`) so that callers stay
 * synchronous; works under Node, tsx, vitest and Deno.
 *
 * @module
 */
import { createRequire } from 'node:module';

type MathJs = typeof import('mathjs');
let cached: MathJs | undefined;

/** The mathjs module, imported on the first call. */
export function mathjs(): MathJs {
  if (!cached) cached = createRequire(import.meta.url)('mathjs') as MathJs;
  return cached;
}
