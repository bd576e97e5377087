// Run the esbuild browser bundle (an IIFE defining `fragility`) in a fresh `vm` context: no process, require,
// Buffer or any Node built-in is reachable there. Compare its numbers with plain Node on the installed package.
// Usage: node browser-check.mjs BUNDLE.js   (from the consumer project, so that 'fragility/core' resolves)
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { compute } from './compute.mjs';

// The context holds only what every browser's window has and a bare V8 context lacks (the XML tokenizer's entity
// tables decode with atob at load); no Node global.
const context = vm.createContext({ atob, btoa, TextEncoder, TextDecoder });
vm.runInContext(readFileSync(process.argv[2], 'utf8'), context, { filename: 'bundle.js' });
const globals = vm.runInContext('[typeof process, typeof require, typeof Buffer].join(",")', context);
if (globals !== 'undefined,undefined,undefined') throw new Error(`the vm context leaks Node globals: ${globals}`);
const inVm = compute(vm.runInContext('fragility', context));
const inNode = compute(await import('fragility/core'));
console.log(`vm:   ${JSON.stringify(inVm)}`);
console.log(`node: ${JSON.stringify(inNode)}`);
// Poisson(4): q_c = <k>/(<k^2> - <k>) = 4/16 = 0.25 (docs/reference/literature-values.md, G2); S(0.5) = 0.398406 (G3).
const ok =
  JSON.stringify(inVm) === JSON.stringify(inNode) &&
  Math.abs(inVm.qc - 0.25) < 1e-9 &&
  Math.abs(inVm.S - 0.398406) < 1e-6 &&
  inVm.giantAtHalf > 0 &&
  inVm.giantAtHalf < 1;
if (!ok) {
  console.error('browser bundle: results differ from plain Node or from the reference values');
  process.exit(1);
}
