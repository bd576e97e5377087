// Every fast-check property of the suite runs from one fixed seed, so that a run of the suite is reproducible and
// CI cannot fail on a draw that the previous run did not make. To explore other inputs, set FC_SEED to an integer or
// to `random` (the seed is then printed, and fast-check prints it again with any counterexample):
//   FC_SEED=random npx vitest run test/cascade/
// A property that needs its own seed or run count still passes them to fc.assert.
import fc from 'fast-check';

/** The suite's default seed (the day the 2010 Skype outage began, 2010-12-22). */
const DEFAULT_SEED = 20101222;

function suiteSeed(env: string | undefined): number {
  if (env === undefined || env === '') return DEFAULT_SEED;
  if (env === 'random') {
    const seed = (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
    console.log(`fast-check seed ${seed} (FC_SEED=random)`);
    return seed;
  }
  const seed = Number(env);
  if (!Number.isInteger(seed) || Math.abs(seed) > 0x7fffffff)
    throw new Error(`FC_SEED: ${env} is not allowed; expected an integer in [-2^31 + 1, 2^31 − 1] or "random"`);
  return seed;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: suiteSeed(process.env.FC_SEED) });
