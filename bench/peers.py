#!/usr/bin/python3
"""Peer timings for fragility's benchmarks: graph-tool, python-igraph and networkx on the very input fragility used.

Usage: /usr/bin/python3 bench/peers.py WORKLOAD ARGS... WARMUP REPS
       /usr/bin/python3 bench/peers.py versions
Prints one JSON object on stdout:
  {"peer": ..., "version": ..., "times": [wall seconds per measured repetition], "cpu": [CPU seconds, same runs],
   "result": {...}, "maxRssMB": ...}
WARMUP untimed calls precede the REPS timed ones. Only the operation is timed (perf_counter), not loading the input.
Results are written to files or returned in "result" so that the harness can check that the peer and fragility agree
(largest-cluster sequences, betweenness values, cascade outcomes).

Conventions (checked by the harness):
- graph-tool's vertex_percolation / edge_percolation take the vertices / edges in REVERSED order of removal, i.e. the
  addition order, and return sizes[i] = largest cluster after i + 1 additions (fragility's largest[i + 1]).
- Edge ids are line numbers of the edge list (fragility's writeEdgeList writes edge e on line e after the header).
- Betweenness: raw, unordered pairs counted once (igraph's betweenness(), graph-tool's norm=False,
  networkx normalized=False on an undirected graph all use this convention).
"""
import json
import resource
import sys
import time
import warnings

warnings.filterwarnings("ignore")


def read_edges(path):
    """Edge list → (n, us, vs) as int64 numpy arrays (comment lines starting with '#' skipped)."""
    import numpy as np
    with open(path) as f:
        text = "".join(line for line in f if not line.startswith("#"))
    flat = np.array(text.split(), dtype=np.int64)
    us, vs = flat[0::2], flat[1::2]
    n = int(max(us.max(), vs.max()) + 1) if len(us) else 0
    return n, us, vs


def read_ints(path):
    import numpy as np
    with open(path) as f:
        return np.array(f.read().split(), dtype=np.int64)


def write_ints(path, xs):
    with open(path, "w") as f:
        f.write(" ".join(str(int(x)) for x in xs))


def write_floats(path, xs):
    with open(path, "w") as f:
        f.write("\n".join(repr(float(x)) for x in xs))


CPU_TIMES = []  # CPU seconds (user + system, all threads) of the measured calls, reported as "cpu"


def timed(fn, warmup, reps):
    out = None
    for _ in range(warmup):
        out = fn()
    times, cpu = [], []
    # Fast operations are repeated beyond REPS until 0.5 s were measured (at most 25 runs), as in bench/lib/timing.ts.
    while len(times) < reps or (reps >= 3 and sum(times) < 0.5 and len(times) < 25):
        c0 = time.process_time()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    CPU_TIMES.extend(cpu)
    return times, out


def gt_graph(path, nodes):
    import graph_tool.all as gt
    import numpy as np
    n, us, vs = read_edges(path)
    g = gt.Graph(directed=False)
    g.add_vertex(max(n, nodes))
    g.add_edge_list(np.column_stack([us, vs]))
    return g


def gt_version():
    import graph_tool.all as gt
    return gt.__version__.split()[0]


def emit(obj):
    obj["maxRssMB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    obj["cpu"] = CPU_TIMES
    print(json.dumps(obj))


def motter_lai(n, us, vs, alpha, backend):
    """Motter–Lai cascade with fragility's semantics (see src/cascade/motter-lai.ts): exact raw betweenness, the
    top-load trigger (lowest id on ties), synchronous waves with relative slack 1e-10, G = largest survivor
    component / n. Returns (G, waves, failed)."""
    if backend == "igraph":
        import igraph
        g = igraph.Graph(n=n, edges=list(zip(us.tolist(), vs.tolist())), directed=False)
        bet = lambda ids: g.induced_subgraph(ids, implementation="create_from_scratch").betweenness(directed=False)
        giant = lambda ids: max(g.induced_subgraph(ids).connected_components().sizes(), default=0)
    else:
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(us.tolist(), vs.tolist()))

        def bet(ids):
            b = nx.betweenness_centrality(g.subgraph(ids), normalized=False)
            return [b[i] for i in ids]

        giant = lambda ids: max((len(c) for c in nx.connected_components(g.subgraph(ids))), default=0)
    L0 = bet(list(range(n)))
    trigger = max(range(n), key=lambda i: (L0[i], -i))
    cap = [(1 + alpha) * x for x in L0]
    alive = [True] * n
    alive[trigger] = False
    waves = 0
    for _ in range(n):
        ids = [i for i in range(n) if alive[i]]  # induced_subgraph keeps ids in increasing order
        if not ids:
            break
        L = bet(ids)
        fail = [i for j, i in enumerate(ids) if L[j] > cap[i] + 1e-10 * max(1.0, cap[i])]
        if not fail:
            break
        for i in fail:
            alive[i] = False
        waves += 1
    ids = [i for i in range(n) if alive[i]]
    return giant(ids) / n, waves, n - len(ids)


def e2e_site(path, seed):
    """The whole graph-tool script of the end-to-end row: load the edge list (numpy), build the graph, draw a random
    order, run one site sweep; prints the largest-cluster fraction after n/2 additions. Timed from outside, process
    start and imports included."""
    import graph_tool.all as gt
    import numpy as np
    g = gt_graph(path, 0)
    n = g.num_vertices()
    order = np.random.default_rng(seed).permutation(n)
    sizes = gt.vertex_percolation(g, order)[0]
    print(json.dumps({"n": n, "m": g.num_edges(), "S05": float(sizes[n // 2 - 1]) / n}))


def main():
    workload = sys.argv[1]
    if workload == "gt-e2e-site":  # edges, seed (not a timed harness run: the parent times the whole process)
        e2e_site(sys.argv[2], int(sys.argv[3]))
        return
    if workload == "versions":
        out = {}
        for mod, name in (("graph_tool", "graph-tool"), ("igraph", "python-igraph"), ("networkx", "networkx")):
            try:
                m = __import__(mod)
                out[name] = str(m.__version__).split()[0]
            except Exception as e:  # noqa: BLE001 - report any import failure
                out[name] = None
        out["python"] = sys.version.split()[0]
        print(json.dumps(out))
        return
    args = sys.argv[2:-2]
    warmup, reps = int(sys.argv[-2]), int(sys.argv[-1])
    if workload == "igraph-er":  # n, p
        import igraph
        n, p = int(args[0]), float(args[1])
        times, g = timed(lambda: igraph.Graph.Erdos_Renyi(n=n, p=p), warmup, reps)
        emit({"peer": "python-igraph", "version": igraph.__version__, "times": times,
              "result": {"n": g.vcount(), "m": g.ecount()}})
    elif workload == "networkx-er":  # n, p
        import networkx as nx
        n, p = int(args[0]), float(args[1])
        times, g = timed(lambda: nx.fast_gnp_random_graph(n, p, seed=1), warmup, reps)
        emit({"peer": "networkx", "version": nx.__version__, "times": times,
              "result": {"n": g.number_of_nodes(), "m": g.number_of_edges()}})
    elif workload in ("gt-site", "gt-bond"):  # edges, addition-order file, nodes, out file
        import graph_tool.all as gt
        import numpy as np
        g = gt_graph(args[0], int(args[2]))
        order = read_ints(args[1])
        if workload == "gt-site":
            fn = lambda: gt.vertex_percolation(g, order)[0]
        else:
            _, us, vs = read_edges(args[0])
            ordered = np.column_stack([us, vs])[order]  # edge id = line number of the edge list
            fn = lambda: gt.edge_percolation(g, ordered)[0]
        times, sizes = timed(fn, warmup, reps)
        write_ints(args[3], sizes)
        emit({"peer": "graph-tool", "version": gt_version(), "times": times, "result": {"length": int(len(sizes))}})
    elif workload == "gt-read":  # edges, nodes: numpy text load + graph construction (what gt-site times do not include)
        import graph_tool.all as gt
        times, g = timed(lambda: gt_graph(args[0], int(args[1])), warmup, reps)
        emit({"peer": "graph-tool", "version": gt_version(), "times": times,
              "result": {"n": g.num_vertices(), "m": g.num_edges()}})
    elif workload == "gt-attack":  # edges, nodes, fragility addition-order file, out file
        import graph_tool.all as gt
        import numpy as np
        g = gt_graph(args[0], int(args[1]))

        def run():
            deg = g.degree_property_map("total").a
            order = np.argsort(deg, kind="stable")  # addition order = reverse of removal (highest degree removed first)
            return gt.vertex_percolation(g, order)[0]

        times, _ = timed(run, warmup, reps)
        # Agreement (untimed): fragility's own order (ties broken by its seeded stream) through graph-tool.
        sizes = gt.vertex_percolation(g, read_ints(args[2]))[0]
        write_ints(args[3], sizes)
        emit({"peer": "graph-tool", "version": gt_version(), "times": times, "result": {"length": int(len(sizes))}})
    elif workload == "igraph-betweenness":  # edges, nodes, out file
        import igraph
        n, us, vs = read_edges(args[0])
        n = max(n, int(args[1]))
        g = igraph.Graph(n=n, edges=list(zip(us.tolist(), vs.tolist())), directed=False)
        times, vals = timed(lambda: g.betweenness(directed=False), warmup, reps)
        write_floats(args[2], vals)
        emit({"peer": "python-igraph", "version": igraph.__version__, "times": times, "result": {"n": n}})
    elif workload == "gt-betweenness":  # edges, nodes, out file
        import graph_tool.all as gt
        g = gt_graph(args[0], int(args[1]))
        times, res = timed(lambda: gt.betweenness(g, norm=False)[0], warmup, reps)
        write_floats(args[2], res.a)
        emit({"peer": "graph-tool", "version": gt_version(), "times": times, "result": {}})
    elif workload == "networkx-betweenness":  # edges, nodes, out file
        import networkx as nx
        n, us, vs = read_edges(args[0])
        n = max(n, int(args[1]))
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(us.tolist(), vs.tolist()))
        times, b = timed(lambda: nx.betweenness_centrality(g, normalized=False), warmup, reps)
        write_floats(args[2], [b[i] for i in range(n)])
        emit({"peer": "networkx", "version": nx.__version__, "times": times, "result": {}})
    elif workload in ("igraph-motter-lai", "networkx-motter-lai"):  # edges, nodes, alpha
        backend = workload.split("-")[0]
        n, us, vs = read_edges(args[0])
        n = max(n, int(args[1]))
        alpha = float(args[2])
        times, (G, waves, failed) = timed(lambda: motter_lai(n, us, vs, alpha, backend), warmup, reps)
        if backend == "igraph":
            import igraph as mod
            name = "python-igraph"
        else:
            import networkx as mod
            name = "networkx"
        emit({"peer": name + " (reimpl.)", "version": mod.__version__, "times": times,
              "result": {"G": G, "waves": waves, "failed": failed}})
    else:
        raise SystemExit(f"unknown workload {workload}")


if __name__ == "__main__":
    main()
