// Shared by the scenario tests (not a test file): a cheap variant of the 2010 scenario.
import { skype2010Scenario } from '../../src/scenarios/builtin.ts';
import { runScenario, type ScenarioResult } from '../../src/scenarios/run.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';

/** The 2010 scenario with small Monte Carlo settings (a few seconds end to end at scale 0.002). */
export function smallScenario(): Scenario {
  const s = structuredClone(skype2010Scenario);
  s.montecarlo = {
    ...s.montecarlo,
    scale: 0.002,
    timelineRuns: 2,
    whatIfRuns: 1,
    collapse: { runs: 6, losses: [0, 0.01, 0.05, 0.3], durationHours: 2 },
    phase: { runs: 1, losses: [0, 0.1, 0.3], headrooms: [0.5, 2] },
    connectivity: { runs: 4, grid: [0, 0.25, 0.5, 0.75, 0.9, 1], minSupernodes: 300, maxClients: 1000 },
    metastability: { losses: [0.05, 0.3], headroomScales: [1], injectionHours: [2] },
  };
  s.whatIf = s.whatIf.filter((w) => /as it happened|auto-update 100|no mega/.test(w.name));
  return s;
}

/** A small metastability map for the scenario tests (2 cells, 1 recovery case: a few fluid and simulated runs). */
export const SMALL_METASTABILITY = { losses: [0.05, 0.3], headroomScales: [1], injectionHours: [2] };

/** The run of the scenario tests (see smallScenarioRun). */
let smallRun: ScenarioResult | undefined;

/**
 * runScenario(smallScenario(), { seed: 1, metastability: SMALL_METASTABILITY }), computed once per process and
 * shared by the scenario tests (run.test.ts checks the runner's contract on it, report.test.ts renders it): with the
 * suite's one module graph per worker (vitest.config.ts, isolate: false) the second file in a worker reuses the
 * first one's run (≈ 4 s of CPU under load). Each call returns a deep copy, so that no test sees another's edits.
 * run.test.ts still runs the scenario again to check that the same seed gives the same result.
 */
export function smallScenarioRun(): ScenarioResult {
  smallRun ??= runScenario(smallScenario(), { seed: 1, metastability: SMALL_METASTABILITY });
  return structuredClone(smallRun);
}
