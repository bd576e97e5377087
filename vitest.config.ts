import { defineConfig } from 'vitest/config';
import LongestFirst from './test/setup/sequencer.ts';

/**
 * What needs real programs (chromium, redis-server, python peers, spawned CLI processes, Jupyter) or validates
 * against the literature and the issues' acceptance numbers at full size, and every TSDoc @example: `npm test` (and
 * CI) runs these too; `npm run test:unit` (vitest.unit.config.ts) leaves them out for a quick loop.
 */
export const ACCEPTANCE = [
  'test/validation/**/*.test.ts',
  'test/**/*acceptance*.test.ts',
  'test/docs/examples.test.ts',
  'test/docs/notebooks.test.ts',
  'test/queue/queue.test.ts',
  'test/report/*.browser.test.ts',
  'test/cli/smoke.test.ts',
  'test/bench/harness.test.ts',
  'test/montecarlo/golden-graph-tool.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Statistical and validation tests run large graphs; 2-core machines need room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // One module graph per worker process, shared by the files it runs, instead of a fresh one per file: the suite's
    // files import most of src/, and re-importing it per file cost ~28 % of the suite's CPU time (measured with
    // `npx vitest run` vs `npx vitest run --no-isolate`: 645 s against 462 s user + system). No test relies on a
    // fresh module state; tests that change process-wide state (cwd, environment) restore it.
    // One project, not a `unit` and an `acceptance` project: with the longest files first, a worker takes files of
    // both, and it imports src/ once per project (the full suite: 398 s against 324 s user + system, 2026-12-03).
    isolate: false,
    // The longest files first (test/setup/sequencer.ts), so that no long file is left for the end on one core.
    sequence: { sequencer: LongestFirst },
    // fast-check runs from a fixed seed (FC_SEED=random or an integer to explore): same suite, same inputs.
    setupFiles: ['test/setup/fast-check.ts'],
  },
});
