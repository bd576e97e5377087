// The order in which the two test workers take files: the longest first, then vitest's own order (cached durations,
// else file size). Each worker takes the next file when it finishes one, so a long file taken last leaves the other
// core idle while it runs; on a fresh clone vitest has no cached durations and goes by file size, which puts small but
// long files (a literature validation, the queue tests) late. Durations: wall time per file in one full run
// (`npx vitest run --reporter=json`), idle 2-core machine, 2026-12-03; refresh the list when a file's cost changes a
// lot. A file not listed here, or a listed one that is gone, changes nothing but the order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that take the longest, longest first (seconds in the comment). */
export const LONGEST_FIRST = [
  'test/docs/examples.test.ts', // 37.6
  'test/queue/queue.test.ts', // 20.8 (mostly waiting on its child processes)
  'test/validation/loop-message-passing-real.test.ts', // 18.0
  'test/validation/montecarlo-lattices.test.ts', // 13.1
  'test/analytic/overload-fluid-acceptance.test.ts', // 11.2
  'test/report/explorer.browser.test.ts', // 10.1
  'test/validation/montecarlo-wrapping.test.ts', // 7.9
  'test/validation/pure-power-law.test.ts', // 7.5
  'test/cli/scenario.test.ts', // 7.3
  'test/cli/smoke.test.ts', // 7.0
  'test/cascade/sequential-probit.test.ts', // 6.8
  'test/validation/watts-montecarlo.test.ts', // 6.5
  'test/validation/montecarlo-random-graphs.test.ts', // 5.4
  'test/validation/interdependent-montecarlo.test.ts', // 5.3
  'test/analytic/overload-fluid.test.ts', // 4.9
  'test/compare/overload-threshold-acceptance.test.ts', // 4.8
  'test/cli/shard-merge.test.ts', // 4.8
  'test/validation/fiber-bundle-cascade.test.ts', // 4.7
  'test/cli/scenario-shard.test.ts', // 4.5
  'test/validation/efficiency-cascade.test.ts', // 4.5
  'test/scenarios/run.test.ts', // 4.4
];

/** Stable: the listed files first, in the list's order; the others after them, in their given order. */
export function longestFirst<F extends { moduleId: string }>(files: F[]): F[] {
  const rank = (f: F): number => {
    const i = LONGEST_FIRST.findIndex((p) => f.moduleId.endsWith(`/${p}`));
    return i < 0 ? LONGEST_FIRST.length : i;
  };
  return [...files].sort((a, b) => rank(a) - rank(b)); // Array.prototype.sort is stable
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return longestFirst(await super.sort(files));
  }
}
