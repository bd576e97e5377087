#!/usr/bin/env node
// The `fragility` command. An installed package runs the compiled JavaScript in dist/. A git checkout has src/
// too: there dist/ is used only when it is newer than every source file (built by `npm run build`, and not edited
// since); otherwise the sources run through tsx, a development dependency, so an edit never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/cli/main.js', root);
const sources = new URL('src/', root);

/** Latest modification time (ms) of any file under dir. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function useCompiled() {
  if (!existsSync(compiled)) return false;
  if (!existsSync(sources)) return true;
  const stamp = new URL('dist/.build-stamp', root);
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newest(fileURLToPath(sources).replace(/\/$/, ''));
}

if (useCompiled()) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('src/cli/main.ts', root).href);
}
