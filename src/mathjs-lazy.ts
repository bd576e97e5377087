/**
 * mathjs, loaded on first use. mathjs takes 0.5–1 s to import; most commands never parse a formula or diagonalise a
 * matrix, so the import is deferred until one does. Synchronous (through `require`, reached via
 * `process.getBuiltinModule` so that a browser bundle of the core carries no `node:` import) so that callers stay
 * synchronous; works under Node, tsx, vitest and Deno. In a browser, hand the module over once with
 * {@link provideMathJs} before using expression laws or eigen-solvers.
 *
 * @module
 */
import { nodeRequire } from './node-only.ts';

type MathJs = typeof import('mathjs');
let cached: MathJs | undefined;

/** The mathjs module, imported on the first call (or the one given to {@link provideMathJs}). */
export function mathjs(): MathJs {
  if (!cached)
    cached = nodeRequire(import.meta.url, 'mathjs on demand (call provideMathJs(mathjs) first)')('mathjs') as MathJs;
  return cached;
}

/**
 * Give fragility the mathjs module to use, where it cannot load it on demand (a browser bundle).
 *
 * @param module - the mathjs module namespace (`import * as mathjs from 'mathjs'`).
 *
 * @complexity O(1).
 *
 * @model replaces the on-demand `require('mathjs')`; later calls keep the first module given or loaded.
 *
 * @references mathjs, https://mathjs.org/docs/getting_started.html.
 *
 * @example
 * ```ts
 * import * as mathjs from 'mathjs';
 * provideMathJs(mathjs);
 * ```
 *
 * @category Parsing
 */
export function provideMathJs(module: MathJs): void {
  cached ??= module;
}
