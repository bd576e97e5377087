/**
 * Node-only capabilities (files, `require`, worker pools) reached without a static import of a Node built-in, so
 * that the browser-safe core (`fragility/core`) can keep its file readers and worker options on Node while a
 * browser bundle of it contains no `node:` import. On Node (≥ 20.16) and Deno these resolve through
 * `process.getBuiltinModule`; elsewhere they throw one clear line naming the feature that needs Node.
 *
 * @module
 */

/** The built-ins fragility uses, by specifier. @internal */
interface NodeBuiltins {
  'node:fs': typeof import('node:fs');
  'node:fs/promises': typeof import('node:fs/promises');
  'node:events': typeof import('node:events');
  'node:module': typeof import('node:module');
  'node:readline': typeof import('node:readline');
  'node:path': typeof import('node:path');
  'node:crypto': typeof import('node:crypto');
  'node:string_decoder': typeof import('node:string_decoder');
}

/**
 * Thrown when a Node-only feature is used where Node's built-ins are not available (a browser).
 *
 * @category Environment
 */
export class NodeOnlyError extends Error {
  constructor(feature: string) {
    super(`${feature} needs Node.js (>= 20.16) or Deno; in a browser, use the in-memory alternative`);
    this.name = 'NodeOnlyError';
  }
}

type GetBuiltin = (id: string) => unknown;

function getBuiltin(): GetBuiltin | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  return typeof p?.getBuiltinModule === 'function' ? p.getBuiltinModule.bind(p) : undefined;
}

/**
 * True when Node's built-in modules can be loaded (Node ≥ 20.16, Deno); false in a browser.
 *
 * @returns whether {@link nodeBuiltin} will succeed.
 *
 * @complexity O(1).
 *
 * @model feature detection of `process.getBuiltinModule`.
 *
 * @references Node.js API, `process.getBuiltinModule(id)`, https://nodejs.org/api/process.html.
 *
 * @example
 * ```ts
 * const workers = hasNodeBuiltins() ? 2 : 1;
 * ```
 *
 * @category Environment
 */
export function hasNodeBuiltins(): boolean {
  return getBuiltin() !== undefined;
}

/**
 * A Node built-in module, loaded synchronously without a static import. (Internal: its types are Node's, kept out of
 * the published declarations so that browser projects type-check without @types/node.)
 * @internal
 *
 * @param id - the built-in's specifier, e.g. `'node:fs'`.
 * @param feature - what needs it, for the error message (e.g. `'readEdgeList'`).
 * @returns the module.
 * @throws {@link NodeOnlyError} where Node's built-ins are not available.
 *
 * @complexity O(1) (the module is cached by the runtime).
 *
 * @model `process.getBuiltinModule(id)`; bundlers do not follow it, so a browser bundle stays free of `node:`
 * imports.
 *
 * @references Node.js API, `process.getBuiltinModule(id)`, https://nodejs.org/api/process.html.
 *
 * @example
 * ```ts
 * const { readFileSync } = nodeBuiltin('node:fs', 'openCheckpoint');
 * ```
 */
export function nodeBuiltin<K extends keyof NodeBuiltins>(id: K, feature: string): NodeBuiltins[K] {
  const get = getBuiltin();
  const mod = get?.(id);
  if (mod === undefined) throw new NodeOnlyError(feature);
  return mod as NodeBuiltins[K];
}

/**
 * Node's `require`, relative to the calling module, for the npm packages that only Node-side features load
 * (mathjs on demand, the piscina worker pool).
 * @internal
 *
 * @param base - the caller's `import.meta.url`.
 * @param feature - what needs it, for the error message.
 * @returns a `require` function resolving from `base`.
 * @throws {@link NodeOnlyError} where Node's built-ins are not available.
 *
 * @complexity O(1).
 *
 * @model `module.createRequire(base)`.
 *
 * @references Node.js API, `module.createRequire(filename)`, https://nodejs.org/api/module.html.
 *
 * @example
 * ```ts
 * const { Piscina } = nodeRequire(import.meta.url, 'workers > 1')('piscina');
 * ```
 */
export function nodeRequire(base: string, feature: string): (id: string) => unknown {
  return nodeBuiltin('node:module', feature).createRequire(base);
}
