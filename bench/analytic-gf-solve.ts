/**
 * Timing of single generating-function solves for laws with support up to 1e6 (issue 3 target: < 20 ms each).
 * Run: npx tsx bench/analytic-gf-solve.ts
 */
import { powerLawHardCutoff, poissonLaw, powerLawCutoff, type DegreeLaw } from '../src/distributions/index.ts';
import {
  attackThreshold,
  gfAttackPercolation,
  gfBondPercolation,
  gfSitePercolation,
  randomFailureThreshold,
} from '../src/analytic/index.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median of `reps` timed calls. "warm": the same law object each time (its validation pass is cached);
 * "cold": a fresh object per call (Object.create(law)), so the O(kmax) validation pass is paid every time.
 */
function time(label: string, fn: (law: DegreeLaw) => unknown, law: DegreeLaw, reps = 9): void {
  fn(law); // warm up the JIT
  const warm: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t0 = performance.now();
    fn(law);
    warm.push(performance.now() - t0);
    const fresh = Object.create(law) as DegreeLaw;
    t0 = performance.now();
    fn(fresh);
    cold.push(performance.now() - t0);
  }
  console.log(
    `${label.padEnd(52)} warm median ${median(warm).toFixed(2)} ms  cold median ${median(cold).toFixed(2)} ms  (max ${Math.max(...cold).toFixed(2)})`,
  );
}

const heavy = powerLawHardCutoff(2.5, 1_000_000);
const heavy2 = powerLawHardCutoff(2.1, 1_000_000);
console.log(`powerlaw(2.5,kmax=1e6): pk.length = ${heavy.pk.length}; powerlaw(2.1,kmax=1e6): ${heavy2.pk.length}`);
const qc = randomFailureThreshold(heavy).q_c!;
const qc2 = randomFailureThreshold(heavy2).q_c!;
time('q_c random, powerlaw(2.5,kmax=1e6)', (law) => randomFailureThreshold(law), heavy);
time('f_c attack, powerlaw(2.5,kmax=1e6)', (law) => attackThreshold(law), heavy);
time('site S at q = 0.5, powerlaw(2.5,kmax=1e6)', (law) => gfSitePercolation(law, 0.5), heavy);
time('site S at q = 1, powerlaw(2.1,kmax=1e6)', (law) => gfSitePercolation(law, 1), heavy2);
time(`site S at q = q_c·1.001, powerlaw(2.5,kmax=1e6)`, (law) => gfSitePercolation(law, Math.min(1, qc * 1.001)), heavy);
time(`site S at q = q_c·1.01, powerlaw(2.1,kmax=1e6)`, (law) => gfSitePercolation(law, Math.min(1, qc2 * 1.01)), heavy2);
time('bond S at t = 0.3, powerlaw(2.5,kmax=1e6)', (law) => gfBondPercolation(law, 0.3), heavy);
time('attack S at f = 0.01, powerlaw(2.5,kmax=1e6)', (law) => gfAttackPercolation(law, 0.01), heavy);
time('site S at q = 0.5, poisson(4)', (law) => gfSitePercolation(law, 0.5), poissonLaw(4));
time('site S at q = 0.5, powerlaw(2,cutoff=10)', (law) => gfSitePercolation(law, 0.5), powerLawCutoff(2, 10));
