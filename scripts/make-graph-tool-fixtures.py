#!/usr/bin/python3
"""Golden fixtures for the Newman-Ziff sweeps: graph-tool's vertex_percolation / edge_percolation on Zachary's
karate club, for a fixed, documented removal order.

Run from the repository root with Debian's graph-tool:
    /usr/bin/python3 scripts/make-graph-tool-fixtures.py
It reads data/karate.edges (or the path given as argv[1]; test/fixtures/karate.edges is the identical committed
copy that the test reads) and writes test/fixtures/karate-percolation.json.

Orders (both stated as REMOVAL orders, first removed first):
  * vertices: removal[i] = (5*i + 11) mod 34, i = 0..33 (5 is coprime with 34, so this is a permutation);
  * edges:    removal[j] = (7*j + 3) mod 78, j = 0..77, where edge id j is the j-th 'u v' line of the file.
graph-tool's `vertices` / `edges` arguments are documented as the "list of vertices [edges] in reversed order of
removal" (help(gt.vertex_percolation)), i.e. the order in which they are ADDED; we pass the reversed removal order.
Its result sizes[i] is the size of the largest component "prior to removal" of element i, i.e. with elements
0..i of the addition order present. In fragility's convention largest[k] is the largest cluster with k elements
present, so largest[k] = sizes[k-1] for k = 1..N (largest[0] = 0 for site and 1 for bond).

Only the largest-cluster sequences are written. graph-tool's `second=True` is not the exact second-largest size
when clusters tie (two singletons present give 0, not 1), so fragility's exact second-largest is checked against
graphology-components instead (test/montecarlo/sweep-crosscheck.property.test.ts).
"""
import json
import sys
import warnings

warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
import graph_tool.all as gt  # noqa: E402

path = sys.argv[1] if len(sys.argv) > 1 else "data/karate.edges"
pairs = []
with open(path) as f:
    for line in f:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        u, v = line.split()[:2]
        pairs.append((int(u), int(v)))
n = 1 + max(max(p) for p in pairs)
m = len(pairs)

g = gt.Graph(directed=False)
g.add_vertex(n)
g.add_edge_list(pairs)

vertex_removal = [(5 * i + 11) % n for i in range(n)]
edge_removal = [(7 * j + 3) % m for j in range(m)]
assert sorted(vertex_removal) == list(range(n))
assert sorted(edge_removal) == list(range(m))

vertices_added = list(reversed(vertex_removal))
edges_added = np.array([pairs[e] for e in reversed(edge_removal)], dtype=np.int64)

site_largest, _ = gt.vertex_percolation(g, vertices_added)
bond_largest, _ = gt.edge_percolation(g, edges_added)

fixture = {
    "source": "graph-tool %s, vertex_percolation / edge_percolation (scripts/make-graph-tool-fixtures.py)" % gt.__version__,
    "graph": "karate.edges (34 nodes, 78 edges, edge id = line order)",
    "n": n,
    "m": m,
    "vertexRemovalOrder": vertex_removal,
    "edgeRemovalOrder": edge_removal,
    "semantics": "graph-tool sizes[i] = largest (or second-largest) component with elements 0..i of the ADDITION "
    "order (= reversed removal order) present; fragility largest[k] = sizes[k-1], k = 1..N",
    "site": {"largest": [int(x) for x in site_largest]},
    "bond": {"largest": [int(x) for x in bond_largest]},
}
with open("test/fixtures/karate-percolation.json", "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print("wrote test/fixtures/karate-percolation.json")
