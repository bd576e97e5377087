#!/usr/bin/python3
"""Export a network of the graph-tool collection to data/NAME.edges (documents how the shipped files were made).

Run from the repository root with Debian's python3-graph-tool (2.45 here):
    /usr/bin/python3 scripts/export-graph-tool-network.py NAME [OUT]
e.g. NAME = netscience, hep-th, cond-mat; OUT defaults to data/NAME.edges. Nothing in fragility runs this script:
the exported files are committed and read from data/ (see data/README.md for origin, citation and licence).

What it writes: the graph made undirected, self-loops and parallel edges removed (edge weights dropped), node ids
0..n-1 as in graph-tool (isolated nodes kept, so n is the collection's node count), one 'u v' pair per line in
graph-tool's edge order, after four '#' comment lines: the collection's description, a size line, the source, and
the `# fragility edge list: n=N m=M` header that makes the reader keep trailing isolated nodes and refuse a file cut
short. (data/karate.edges, power.edges and as-22july06.edges were written before that fourth line was added; their
first three lines and bodies are what this script writes.)
"""
import sys
import warnings

warnings.filterwarnings("ignore")
import graph_tool.all as gt  # noqa: E402

name = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else "data/%s.edges" % name
g = gt.collection.data[name]
g.set_directed(False)
gt.remove_self_loops(g)
gt.remove_parallel_edges(g)
n = g.num_vertices()
edges = g.get_edges()
description = " ".join(str(g.gp["description"]).split())
with open(out, "w") as f:
    f.write("# %s: %s\n" % (name, description))
    f.write("# undirected simple graph, %d nodes (0..%d), %d edges; one 'u v' pair per line\n" % (n, n - 1, len(edges)))
    f.write(
        "# source: Newman/graph-tool network collection (as shipped in Debian python3-graph-tool %s); "
        "self-loops and parallel edges removed\n" % gt.__version__.split(" ")[0]
    )
    f.write("# fragility edge list: n=%d m=%d\n" % (n, len(edges)))
    for u, v in edges:
        f.write("%d %d\n" % (u, v))
print("wrote %s: %d nodes, %d edges" % (out, n, len(edges)))
