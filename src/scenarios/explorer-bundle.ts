/**
 * The browser bundle of the report page's script (explorer-app.ts and what it imports: the fluid limit, the model
 * parameters, the scenario mapping), as one IIFE to inline in index.html.
 *
 * Where it comes from:
 * - the published package (and a built checkout run from dist/): `dist/scenarios/explorer-app.bundle.js`, written
 *   by `npm run build` / `prepare` (scripts/build.mjs calls {@link bundleExplorerApp} on the sources);
 * - the sources (tsx, `npm start`, vitest, a fresh clone without dist/): bundled on demand from
 *   `src/scenarios/explorer-app.ts` with esbuild, a development dependency that a checkout has.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** File name of the pre-built bundle, next to this module in dist/scenarios/. */
export const EXPLORER_BUNDLE_FILE = 'explorer-app.bundle.js';

/**
 * Bundle the page script with esbuild (browser platform, IIFE, minified, ES2020).
 *
 * @param entry - path of explorer-app.ts (default: the one next to this module).
 * @returns the JavaScript source.
 * @throws Error when esbuild is not installed (a development dependency) or the bundle fails.
 *
 * @complexity one esbuild run (≈ 0.1–0.5 s).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('explorer-app.bundle.js', await bundleExplorerApp());
 * ```
 */
export async function bundleExplorerApp(
  entry: string = fileURLToPath(new URL('./explorer-app.ts', import.meta.url)),
): Promise<string> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error(
      'the report page script is not built (no dist/scenarios/explorer-app.bundle.js) and esbuild, needed to bundle it from the sources, is not installed: run `npm run build` in a checkout with its development dependencies',
    );
  }
  const r = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = r.outputFiles[0]?.text;
  if (!js) throw new Error('esbuild produced no output for the report page script');
  return js;
}

let cached: string | undefined;

/**
 * The page script: the pre-built bundle next to this module when there is one (dist), else bundled from the
 * sources (cached for the process).
 *
 * @returns the JavaScript source of the page script.
 * @throws Error when neither the pre-built bundle nor the sources with esbuild are available.
 *
 * @complexity one file read, or one esbuild run the first time.
 *
 * @example
 * ```ts
 * const js = await explorerBundle();
 * ```
 */
export async function explorerBundle(): Promise<string> {
  if (cached !== undefined) return cached;
  const built = new URL(`./${EXPLORER_BUNDLE_FILE}`, import.meta.url);
  if (existsSync(built)) cached = readFileSync(built, 'utf8');
  else {
    const entry = new URL('./explorer-app.ts', import.meta.url);
    if (!existsSync(entry))
      throw new Error(
        `the report page script is missing: neither ${fileURLToPath(built)} nor the sources (${fileURLToPath(entry)}) exist; reinstall the package`,
      );
    cached = await bundleExplorerApp(fileURLToPath(entry));
  }
  return cached;
}
