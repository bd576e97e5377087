// Print the code cells of a Jupyter notebook as one TypeScript module, for `deno check`.
//
//   node scripts/extract-notebook-code.mjs notebooks/01-percolation-fundamentals.ipynb > notebooks/.check-01.ts
//
// The cells run in one kernel session, in order, so they are concatenated in order; each starts with a
// `// ---- cell N (code cell K)` marker so that a type error can be traced back to its cell (N counts all cells from
// 0, as Jupyter's JSON does; K counts code cells from 1). Lines that are Jupyter magics or shell escapes (`%…`, `!…`)
// are dropped. The module ends with `export {}` so that top-level await is allowed. It starts with a reference to the
// DOM library: src/report renders plots on a linkedom document, whose types extend the DOM's `Window`.
import { readFileSync } from 'node:fs';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: node scripts/extract-notebook-code.mjs NOTEBOOK.ipynb\n');
  process.exit(2);
}
let nb;
try {
  nb = JSON.parse(readFileSync(path, 'utf8'));
} catch (e) {
  process.stderr.write(`${path}: not a readable notebook (${e.message})\n`);
  process.exit(2);
}
if (!Array.isArray(nb.cells)) {
  process.stderr.write(`${path}: no "cells" array (nbformat 4 expected)\n`);
  process.exit(2);
}
const language = nb.metadata?.kernelspec?.language ?? nb.metadata?.language_info?.name;
if (language && !/^(typescript|javascript)$/i.test(language)) {
  process.stderr.write(`${path}: kernel language is ${language}, not TypeScript\n`);
  process.exit(2);
}
const parts = [];
let codeIndex = 0;
nb.cells.forEach((cell, i) => {
  if (cell.cell_type !== 'code') return;
  codeIndex++;
  const src = Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
  const body = src
    .split('\n')
    .map((l) => (/^\s*[%!]/.test(l) ? `// (magic dropped) ${l}` : l))
    .join('\n');
  parts.push(`// ---- cell ${i} (code cell ${codeIndex})\n${body}`);
});
process.stdout.write('/// <reference lib="dom" />\n' + parts.join('\n\n') + '\n\nexport {};\n');
