// The free names that TSDoc @examples of src/ use without declaring them, defined once. An example gets a fixture
// only when it mentions the name and does not declare it itself. Only inputs too long to write in an example are
// here; short inputs are declared in the example so that it runs as read.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEdgeList } from '../../src/graph/edgelist.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export const fixtures: Record<string, () => unknown | Promise<unknown>> = {
  /** Zachary's karate club (34 nodes, 78 edges), as a CompactGraph: test/fixtures/karate.edges. */
  karate: () => readEdgeList(join(root, 'test/fixtures/karate.edges')),
};
