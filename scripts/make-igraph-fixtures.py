#!/usr/bin/python3
"""Write test/fixtures/power-betweenness.json: python-igraph's exact betweenness on the Western US power grid.

Run from the repository root with Debian's python3-igraph:  /usr/bin/python3 scripts/make-igraph-fixtures.py

The edge list data/power.edges (4941 nodes, 6594 edges, '#' comments) is parsed here because
igraph.Graph.Read_Edgelist does not skip comment lines. Values are igraph's `betweenness(directed=False)`: pairs
counted once, endpoints excluded, not normalised -- the same convention as fragility's `betweenness(g).values`.
They are written with full double precision (repr), so the TypeScript test can compare within 1e-9 relative.
"""
import json
import os
import sys

import igraph

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'data', 'power.edges')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'power-betweenness.json')


def read_edges(path):
    edges = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            u, v = line.split()[:2]
            edges.append((int(u), int(v)))
    return edges


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SRC
    edges = read_edges(src)
    n = 1 + max(max(u, v) for u, v in edges)
    g = igraph.Graph(n=n, edges=edges, directed=False)
    values = g.betweenness(directed=False)
    out = {
        'source': 'power.edges (Watts & Strogatz 1998 Western US power grid)',
        'generator': 'scripts/make-igraph-fixtures.py',
        'igraph': igraph.__version__,
        'convention': 'igraph betweenness(directed=False): unordered pairs counted once, endpoints excluded, raw',
        'n': n,
        'm': len(edges),
        'values': values,
    }
    with open(OUT, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {OUT}: n={n} m={len(edges)} size={os.path.getsize(OUT)} bytes')


if __name__ == '__main__':
    main()
