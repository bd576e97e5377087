#!/usr/bin/env node
// The `fragility` command. The toolkit ships as TypeScript source; tsx compiles it on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
