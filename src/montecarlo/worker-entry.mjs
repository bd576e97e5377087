// Worker-thread entry for the Monte Carlo pool (piscina) when fragility runs from its TypeScript sources (vitest,
// tsx, a checkout without dist/). Worker threads do not inherit the parent's TypeScript loader, so this plain
// JavaScript entry registers tsx's ESM loader in the thread and then imports the TypeScript worker module. Deno runs
// TypeScript natively and needs no loader. The published package never loads this file: its pool loads the compiled
// replicate-worker.js (see replicateWorkerUrl in ensemble.ts).
if (!('Deno' in globalThis)) {
  const { register } = await import('tsx/esm/api');
  register();
}
const mod = await import('./replicate-worker.ts');
export default mod.default;
