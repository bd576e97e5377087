// Print the code cells of a notebook as one TypeScript module, for `deno check`.
// Cells run in one kernel session, so they are concatenated in order. Lines starting with `%` or `!` (magics) are
// dropped.
import { readFileSync } from 'node:fs';

const nb = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const parts = [];
nb.cells.forEach((cell, i) => {
  if (cell.cell_type !== 'code') return;
  const src = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
  const body = src.split('\n').filter((l) => !/^\s*[%!]/.test(l)).join('\n');
  parts.push(`// ---- cell ${i}\n${body}`);
});
process.stdout.write(parts.join('\n\n') + '\nexport {};\n');
