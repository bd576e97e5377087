/**
 * One-file JavaScript bundles of TypeScript worker modules, so that worker threads start without a TypeScript
 * loader.
 *
 * A worker thread does not inherit the loader of the thread that spawns it (tsx in the CLI, vite in vitest). The
 * fallback entry (worker-entry.mjs) registers tsx in the worker, which then transpiles every imported .ts file on
 * the fly: about 0.2 s of start-up per thread plus a slow first task, measured on the 2-core machine this was built
 * on — a fifth of a whole 100-replicate ensemble at n = 10^5. Bundling the worker module once per process with
 * esbuild (the transpiler tsx itself uses; ~30 ms) removes that cost.
 *
 * The bundle is written to `node_modules/.cache/fragility/<name>-<hash of its text>.mjs` in this package, so that
 * its imports of npm packages (left external) resolve as the sources' do, and so that a bundle is never stale: a
 * change to any bundled source changes the hash and the file name. Any failure (esbuild missing, read-only
 * directory, a runtime without esbuild's binary) yields null, and callers fall back to the tsx entry.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type EsbuildSync = { buildSync(o: object): { outputFiles: { text: string }[] } };

const bundles = new Map<string, URL | null>();

/**
 * The file URL of a bundled copy of a TypeScript worker module, built once per process (later calls reuse it), or
 * null when it cannot be built.
 *
 * Synchronous on purpose: the caller starts computing right after it creates its pool, and every `await` between
 * here and the pool's creation would then wait for a whole task of that computation (measured: 150 ms of worker
 * start-up lost to five awaits, against ~30 ms for the blocking build).
 *
 * @param entry - file URL of the worker module (its default export is the piscina task function).
 * @returns the bundle's file URL, or null (use the tsx-registering entry instead).
 *
 * **Complexity** one esbuild bundle of the module's import graph per process (~30 ms), blocking.
 *
 * **Model** npm packages stay external imports; everything under src/ is inlined. The file name carries a hash of
 * the bundle's text, so an edited source never runs from an old bundle.
 *
 * **References** esbuild build API, https://esbuild.github.io/api/#build.
 *
 * @example
 * ```ts
 * const url = bundledWorker(new URL('./replicate-worker.ts', import.meta.url)) ?? tsxEntryUrl;
 * ```
 */
export function bundledWorker(entry: URL): URL | null {
  let url = bundles.get(entry.href);
  if (url === undefined) {
    try {
      url = buildBundle(entry);
    } catch {
      url = null;
    }
    bundles.set(entry.href, url);
  }
  return url;
}

function buildBundle(entry: URL): URL | null {
  if (process.env.FRAGILITY_NO_WORKER_BUNDLE) return null;
  const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildSync;
  const result = esbuild.buildSync({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = fileURLToPath(new URL('../../node_modules/.cache/fragility/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const name = basename(fileURLToPath(entry), extname(entry.pathname));
  const file = join(dir, `${name}-${hash}.mjs`);
  if (!existsSync(file)) {
    // Write then rename: a concurrent process never imports a half-written file.
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    pruneOldBundles(dir, name, file);
  }
  return pathToFileURL(file);
}

/** Bundles of older sources pile up as the sources change: remove those not modified for a day (never a fresh one,
 * which another process may be about to load). */
function pruneOldBundles(dir: string, name: string, keep: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (path === keep || !f.startsWith(`${name}-`)) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) unlinkSync(path);
    } catch {
      // another process pruned it first
    }
  }
}
