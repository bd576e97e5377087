#!/usr/bin/env node
// `npm run build`: compile src/ to dist/ (JavaScript, .d.ts, source maps) for the published package.
//
// tsc (tsconfig.build.json) rewrites the `.ts` extensions of relative imports to `.js`. It does not emit a
// JavaScript file that has a hand-written declaration beside it (src/metrics/brandes-kernel.mjs with its .d.mts),
// so those pairs are copied as they are. Development never needs this step: vitest, tsx and Deno run the sources.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error('build: tsc failed');
  process.exit(r.status ?? 1);
}

/** Every file under dir, as paths relative to it. */
function walk(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name))],
  );
}

let copied = 0;
for (const file of walk(src)) {
  const m = /^(.*)\.d\.mts$/.exec(file);
  if (!m) continue;
  const js = `${m[1]}.mjs`;
  if (!existsSync(join(src, js)) || existsSync(join(dist, js))) continue;
  for (const f of [js, file]) copyFileSync(join(src, f), join(dist, f));
  copied++;
}
// The script of the report page (index.html, `fragility scenario --out`): bundled for the browser once here and
// shipped in dist/, because esbuild is a development dependency an installed package does not have. The compiled
// module does the bundling (one set of esbuild options, src/scenarios/explorer-bundle.ts); run from the sources it
// bundles on demand instead.
{
  const { bundleExplorerApp, EXPLORER_BUNDLE_FILE } = await import(
    pathToFileURL(join(dist, 'scenarios', 'explorer-bundle.js')).href
  );
  const js = await bundleExplorerApp(join(src, 'scenarios', 'explorer-app.ts'));
  writeFileSync(join(dist, 'scenarios', EXPLORER_BUNDLE_FILE), js);
  console.log(
    `build: dist/scenarios/${EXPLORER_BUNDLE_FILE} written (${(js.length / 1024).toFixed(0)} KB, report page script)`,
  );
}
// The stamp bin/fragility.js compares with the sources' modification times in a checkout.
writeFileSync(join(dist, '.build-stamp'), `${new Date().toISOString()}\n`);
console.log(`build: dist/ written (${copied} hand-typed JavaScript module${copied === 1 ? '' : 's'} copied)`);
