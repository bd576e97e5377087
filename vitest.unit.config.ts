import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base, { ACCEPTANCE } from './vitest.config.ts';

// `npm run test:unit`: the library's own tests (exact values, properties, CLI in process), without the files that
// need real programs or run at full size (ACCEPTANCE in vitest.config.ts). `npm test` runs everything.
export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...ACCEPTANCE] } }));
