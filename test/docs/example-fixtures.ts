// The free names and input files that TSDoc @examples of src/ use without creating them, defined once. An example
// gets a fixture only when it mentions the name and does not declare it itself; files are created in its temporary
// working directory only when it mentions them. Only inputs too long to write in an example are here: short
// inputs are declared in the example so that it runs as read.
import { symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { erdosRenyi } from '../../src/generators/erdos-renyi.ts';
import { readEdgeList } from '../../src/graph/edgelist.ts';
import { squareLattice } from '../../src/generators/square-lattice.ts';
import { triangularLattice } from '../../src/generators/triangular-lattice.ts';
import {
  experimentFingerprint,
  type ExperimentIdentity,
  openCheckpoint,
  replicateToLine,
} from '../../src/montecarlo/checkpoint.ts';
import { randomOrder } from '../../src/montecarlo/random-order.ts';
import { runReplicateOnGraph } from '../../src/montecarlo/replicate.ts';
import { runEnsembleShard, writeShard } from '../../src/montecarlo/shard.ts';
import { sweepSiteWrapping } from '../../src/montecarlo/sweep-wrapping.ts';
import { packWrappingSweeps } from '../../src/montecarlo/wrapping-threshold.ts';
import { stream } from '../../src/random/stream.ts';
import { runScenario, type ScenarioResult } from '../../src/scenarios/run.ts';
import { smallScenario } from '../scenarios/fixtures.ts';
import { explorerBundle } from '../../src/scenarios/explorer-bundle.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The experiment of the checkpoint examples: site percolation, random order, on er:n=1000,k=4, seed 1. */
const identity: ExperimentIdentity = {
  graph: { kind: 'spec', spec: 'er:n=1000,k=4' },
  seed: 1,
  mode: 'site',
  order: 'random',
  qs: [0, 0.5, 1],
  microcanonical: false,
  betweennessSamples: null,
};
const replicate = () =>
  runReplicateOnGraph(
    erdosRenyi(1000, 4 / 999, stream(1)),
    { r: 0, seed: 1, mode: 'site', order: 'random', qs: [0, 0.5, 1] },
    stream(1, 0),
  );

/** Site-wrapping samples of `runs` periodic L × L lattices, replicate r on stream(1, r). */
function wrappingSamples(lattice: 'square' | 'triangular', L: number, runs: number) {
  const g = lattice === 'square' ? squareLattice(L) : triangularLattice(L);
  return packWrappingSweeps(
    Array.from({ length: runs }, (_, r) => sweepSiteWrapping(g, randomOrder(g.n, stream(1, r)), { lattice, L })),
  );
}

/**
 * The examples' scenario: the small scenario (test/scenarios/fixtures.ts) with 6-h timelines and a one-cell
 * metastability map; the renderer examples show the shape of a report, not its numbers (runScenario of it: 5.0 s of
 * CPU against 8.4 s for the small scenario, `npx tsx`, unloaded).
 */
function exampleScenario() {
  const s = smallScenario();
  s.montecarlo.durationHours = 6;
  s.montecarlo.metastability = { losses: [0.3], headroomScales: [1], injectionHours: [2] };
  return s;
}

/** The run of the examples' scenario, made once for every renderer example. */
let smallResult: ScenarioResult | undefined;

/** Free names → their value. */
export const fixtures: Record<string, () => unknown | Promise<unknown>> = {
  /** Zachary's karate club (34 nodes, 78 edges) as a CompactGraph, from data/karate.edges. */
  karate: () => readEdgeList(join(root, 'data/karate.edges')),
  /** "a graph": Zachary's karate club again (examples of orders and sweeps on any graph). */
  g: () => readEdgeList(join(root, 'data/karate.edges')),
  /** Network A of an interdependent pair: Erdős–Rényi, n = 10 000, <k> = 4, stream(1). */
  gA: () => erdosRenyi(10_000, 4 / 9_999, stream(1)),
  /** Network B of an interdependent pair: Erdős–Rényi, n = 10 000, <k> = 4, stream(2). */
  gB: () => erdosRenyi(10_000, 4 / 9_999, stream(2)),
  /** The checkpoint examples' experiment identity (site, random order, er:n=1000,k=4, seed 1, qs 0, 0.5, 1). */
  identity: () => identity,
  /** The same identity under the name the parser examples use. */
  experiment: () => identity,
  /** experimentFingerprint(identity). */
  fingerprint: () => experimentFingerprint(identity),
  /** Replicate 0 of that experiment (a ReplicateResult). */
  res: replicate,
  /** A checkpoint file name in the working directory. */
  file: () => 'run.ndjson',
  /** The checkpoint line of replicate 0. */
  line: () => replicateToLine(replicate(), experimentFingerprint(identity)),
  /** An open checkpoint run.ndjson of 100 runs of that experiment (fresh: nothing to resume). */
  ck: () => openCheckpoint('run.ndjson', identity, 100, true),
  /** Site-wrapping samples: 100 periodic 64 × 64 square lattices. */
  samples: () => wrappingSamples('square', 64, 100),
  /** Site-wrapping samples: 100 periodic 32 × 32 triangular lattices. */
  samples32: () => wrappingSamples('triangular', 32, 100),
  /** Site-wrapping samples: 20 periodic 128 × 128 triangular lattices. */
  samples128: () => wrappingSamples('triangular', 128, 20),
  /** A cheap variant of the built-in 2010 scenario (scale 0.002, a few runs per part, 6 h: exampleScenario above). */
  scenario: () => exampleScenario(),
  /** runScenario(scenario) of that variant, seed 1, computed once. */
  result: () => (smallResult ??= runScenario(exampleScenario())),
  /** The report page's script (src/scenarios/explorer-bundle.ts, Node only: not in the barrels). */
  explorerBundle: () => explorerBundle,
};

/** Files that examples read: name mentioned in the code → how to create it in the working directory `dir`. */
export const fileFixtures: Record<string, (dir: string) => void | Promise<void>> = {
  /** The repository's data/ folder (karate, power grid, ... edge lists), linked read-only as `data`. */
  'data/': (dir) => symlinkSync(join(root, 'data'), join(dir, 'data'), 'dir'),
  /** Shards 0, 1 and 2 of a 3-shard ensemble: rr:n=2000,k=3, 7 runs, seed 3 (s0.ndjson, s1.ndjson, s2.ndjson). */
  's0.ndjson': async (dir) => {
    for (let index = 0; index < 3; index++) {
      const s = await runEnsembleShard({ graph: 'rr:n=2000,k=3', runs: 7, seed: 3 }, { index, count: 3 });
      writeShard(s, join(dir, `s${index}.ndjson`));
    }
  },
};
