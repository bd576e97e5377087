// Worker-thread entry for the Monte Carlo pool (piscina). Worker threads do not inherit the parent's TypeScript
// loader (tsx in the CLI, vite in vitest), so the entry is plain JavaScript that registers tsx and then imports the
// TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./replicate-worker.ts');
export default mod.default;
