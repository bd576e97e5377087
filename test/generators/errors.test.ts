import { describe, expect, it } from 'vitest';
import {
  barabasiAlbert,
  configurationModel,
  configurationModelFromLaw,
  cubicLattice,
  erdosRenyi,
  erdosRenyiM,
  honeycombLattice,
  randomRegular,
  squareLattice,
  triangularLattice,
  twoTierOverlay,
  ultrapeerOverlay,
  wattsStrogatz,
} from '../../src/generators/index.ts';
import { parseDegreeLaw } from '../../src/distributions/parse.ts';
import { FragilityInputError } from '../../src/errors.ts';
import { stream } from '../../src/random/stream.ts';

/** Expect a FragilityInputError naming `field` whose message mentions `allowed`. */
function rejects(fn: () => unknown, field: string, allowed: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FragilityInputError);
  const f = err as FragilityInputError;
  expect(f.field).toBe(field);
  expect(f.message).toMatch(allowed);
}

const r = () => stream(1);

describe('bad input: each a FragilityInputError naming the field and the allowed range', () => {
  it('negative or non-integer n', () => {
    rejects(() => erdosRenyi(-1, 0.5, r()), 'n', /an integer >= 0/);
    rejects(() => erdosRenyi(10.5, 0.5, r()), 'n', /integer/);
    rejects(() => erdosRenyiM(-3, 0, r()), 'n', /integer/);
    rejects(() => randomRegular(-2, 2, r()), 'n', /integer/);
    rejects(() => wattsStrogatz(2.5, 2, 0.1, r()), 'n', /integer/);
    rejects(() => configurationModelFromLaw(-1, parseDegreeLaw('poisson(2)'), r()), 'n', /integer/);
    rejects(() => barabasiAlbert(2, 2, r()), 'n', /integer >= 3/);
  });

  it('p outside [0, 1] and beta outside [0, 1]', () => {
    rejects(() => erdosRenyi(10, 1.5, r()), 'p', /\[0, 1\]/);
    rejects(() => erdosRenyi(10, -0.1, r()), 'p', /\[0, 1\]/);
    rejects(() => erdosRenyi(10, NaN, r()), 'p', /\[0, 1\]/);
    rejects(() => wattsStrogatz(10, 2, 2, r()), 'beta', /\[0, 1\]/);
  });

  it('m beyond n(n−1)/2 in G(n,m)', () => {
    rejects(() => erdosRenyiM(5, 11, r()), 'm', /\[0, 10\]/);
  });

  it('k >= n', () => {
    rejects(() => randomRegular(5, 5, r()), 'k', /\[0, 4\]/);
    rejects(() => wattsStrogatz(5, 6, 0.1, r()), 'k', /\[0, 4\]/);
  });

  it('an impossible regular graph (n·k odd)', () => {
    rejects(() => randomRegular(5, 3, r()), 'k', /n·k must be even/);
  });

  it('odd k in Watts–Strogatz', () => {
    rejects(() => wattsStrogatz(10, 3, 0.1, r()), 'k', /even/);
  });

  it('an odd degree sum, a negative degree, a non-graphical sequence for simple mode', () => {
    rejects(() => configurationModel(Int32Array.of(1, 2, 2), r()), 'sum of degrees', /even/);
    rejects(() => configurationModel(Int32Array.of(1, -1, 2), r()), 'degrees[1]', />= 0/);
    rejects(() => configurationModel(Int32Array.of(3, 3, 1, 1), r(), { mode: 'simple' }), 'degrees', /graphical/);
    rejects(
      () => configurationModel(Int32Array.of(2, 2), r(), { mode: 'bogus' as never }),
      'mode',
      /'multigraph', 'erased' or 'simple'/,
    );
  });

  it('simple mode gives up after maxAttempts with a message that says so', () => {
    // A star-heavy sequence: 50 nodes of degree 30 among 60 nodes is graphical but stub matching is almost never simple.
    const deg = new Int32Array(60).fill(30);
    rejects(() => configurationModel(deg, r(), { mode: 'simple', maxAttempts: 3 }), 'mode', /erased/);
    try {
      configurationModel(deg, r(), { mode: 'simple', maxAttempts: 3 });
    } catch (e) {
      expect((e as Error).message).toMatch(/3 attempts/);
    }
  });

  it('a parity that cannot be fixed (regular(3) with n odd)', () => {
    rejects(
      () => configurationModelFromLaw(5, parseDegreeLaw('regular(3)'), r(), { maxParityAttempts: 50 }),
      'n',
      /even/,
    );
  });

  it('periodic lattices too small to be simple, and L < 1', () => {
    rejects(() => squareLattice(2), 'L', />= 3/);
    rejects(() => triangularLattice(1), 'L', />= 3/);
    rejects(() => cubicLattice(2), 'L', />= 3/);
    rejects(() => honeycombLattice(1), 'L', />= 2/);
    rejects(() => squareLattice(0, { periodic: false }), 'L', />= 1/);
    expect(squareLattice(2, { periodic: false }).m).toBe(4);
    expect(honeycombLattice(2).isSimple).toBe(true);
  });

  it('Barabási–Albert: m < 1, initial graph with too few nodes of positive degree', () => {
    rejects(() => barabasiAlbert(10, 0, r()), 'm', />= 1/);
    rejects(
      () => barabasiAlbert(10, 3, r(), { initial: squareLattice(1, { periodic: false }) }),
      'initial',
      /at least m = 3/,
    );
  });

  it('two-tier: cache larger than S, default core on a tiny S, odd regular core', () => {
    rejects(
      () => twoTierOverlay({ supernodes: 5, clients: 10, coreLaw: 2, cacheSize: 6 }, r()),
      'cacheSize',
      /\[1, 5\]/,
    );
    rejects(() => twoTierOverlay({ supernodes: 20, clients: 10 }, r()), 'coreLaw', /explicit coreLaw/);
    rejects(() => twoTierOverlay({ supernodes: 21, clients: 10, coreLaw: 3 }, r()), 'coreLaw', /even/);
    rejects(() => twoTierOverlay({ supernodes: -1, clients: 10 }, r()), 'supernodes', />= 1/);
    rejects(
      () => twoTierOverlay({ supernodes: 50, clients: 10, coreLaw: 4, choice: 'x' as never }, r()),
      'choice',
      /'uniform' or 'capacity'/,
    );
    rejects(() => ultrapeerOverlay({ ultrapeers: 10, leaves: 10 }, r()), 'ultrapeerDegree', /explicit degree/);
    rejects(
      () => ultrapeerOverlay({ ultrapeers: 10, leaves: 10, ultrapeerDegree: 3, leafConnections: 11 }, r()),
      'leafConnections',
      /\[1, 10\]/,
    );
  });
});

describe('edge cases are defined', () => {
  it('n = 0 and n = 1', () => {
    expect(erdosRenyi(0, 0.5, r()).m).toBe(0);
    expect(erdosRenyi(1, 1, r()).m).toBe(0);
    expect(erdosRenyiM(1, 0, r()).n).toBe(1);
    expect(randomRegular(0, 0, r()).n).toBe(0);
    expect(randomRegular(1, 0, r()).m).toBe(0);
    expect(wattsStrogatz(1, 0, 0.5, r()).m).toBe(0);
    expect(configurationModel(new Int32Array(0), r()).n).toBe(0);
    expect(barabasiAlbert(2, 1, r()).m).toBe(1);
    expect(twoTierOverlay({ supernodes: 1, clients: 3, coreLaw: 0, cacheSize: 1 }, r()).active).toEqual(
      new Int32Array(3),
    );
  });

  it('p = 1 is the complete graph; k = n − 1 regular is the complete graph', () => {
    expect(erdosRenyi(30, 1, r()).m).toBe(435);
    const g = randomRegular(30, 29, r());
    expect(g.m).toBe(435);
    expect(g.isSimple).toBe(true);
  });
});
