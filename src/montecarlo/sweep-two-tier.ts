/**
 * Newman–Ziff sweep of the supernode tier of a two-tier overlay, counting the clients still served.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { CompactGraph, Role } from '../graph/compact-graph.ts';
import type { TwoTierOverlay } from '../graph/two-tier-overlay.ts';
import { ClusterState } from './cluster-state.ts';
import type { SweepResult } from './sweep-result.ts';
import { validateOrder } from './validate-order.ts';

/**
 * The result of {@link sweepTwoTier}: site observables of the supernode core plus the clients served.
 *
 * @category Sweeps
 */
export interface TwoTierSweepResult extends SweepResult {
  /** Number of clients C. */
  readonly clients: number;
  /**
   * served[k] = number of clients with at least one cached supernode in the largest supernode cluster when k
   * supernodes are present (length S + 1).
   */
  readonly served: Int32Array;
  /** Global node id of each supernode index 0..S-1 (identity for a TwoTierOverlay). */
  readonly supernodeIds: Int32Array;
}

interface TierView {
  core: CompactGraph;
  clients: number;
  /** CSR supernode → clients caching it. */
  snOffsets: Int32Array;
  snClients: Int32Array;
  supernodeIds: Int32Array;
  /** global id → supernode index (-1 for clients); only for role graphs. */
  localOf?: Int32Array;
}

function viewOfOverlay(o: TwoTierOverlay): TierView {
  const S = o.core.n;
  const C = o.clients;
  const H = o.cacheSize;
  const cache = o.hostCache;
  const snOffsets = new Int32Array(S + 1);
  for (let i = 0; i < C * H; i++) snOffsets[cache[i] + 1]++;
  for (let s = 0; s < S; s++) snOffsets[s + 1] += snOffsets[s];
  const cursor = snOffsets.slice(0, S);
  const snClients = new Int32Array(C * H);
  for (let c = 0; c < C; c++) for (let j = 0; j < H; j++) snClients[cursor[cache[c * H + j]]++] = c;
  const supernodeIds = new Int32Array(S);
  for (let s = 0; s < S; s++) supernodeIds[s] = s;
  return { core: o.core, clients: C, snOffsets, snClients, supernodeIds };
}

function viewOfRoleGraph(g: CompactGraph): TierView {
  if (!g.roles)
    throw new FragilityInputError('roles', undefined, 'a CompactGraph with per-node roles, or a TwoTierOverlay');
  const roles = g.roles;
  const n = g.n;
  const localOf = new Int32Array(n).fill(-1);
  const clientOf = new Int32Array(n).fill(-1);
  let S = 0;
  let C = 0;
  for (let u = 0; u < n; u++) {
    if (roles[u] !== Role.Client) localOf[u] = S++;
    else clientOf[u] = C++;
  }
  const supernodeIds = new Int32Array(S);
  for (let u = 0; u < n; u++) if (localOf[u] >= 0) supernodeIds[localOf[u]] = u;
  const src: number[] = [];
  const dst: number[] = [];
  for (let e = 0; e < g.m; e++) {
    const a = localOf[g.edgeSource[e]];
    const b = localOf[g.edgeTarget[e]];
    if (a >= 0 && b >= 0) {
      src.push(a);
      dst.push(b);
    }
  }
  const core = CompactGraph.fromEdges(S, Int32Array.from(src), Int32Array.from(dst));
  // supernode → clients adjacent to it (a client counted once per supernode even with parallel edges).
  const snOffsets = new Int32Array(S + 1);
  const off = g.offsets;
  const tgt = g.targets;
  const lastSeen = new Int32Array(n).fill(-1);
  for (let s = 0; s < S; s++) {
    const u = supernodeIds[s];
    for (let p = off[u]; p < off[u + 1]; p++) {
      const v = tgt[p];
      if (clientOf[v] >= 0 && lastSeen[v] !== s) {
        lastSeen[v] = s;
        snOffsets[s + 1]++;
      }
    }
  }
  for (let s = 0; s < S; s++) snOffsets[s + 1] += snOffsets[s];
  const snClients = new Int32Array(snOffsets[S]);
  lastSeen.fill(-1);
  for (let s = 0; s < S; s++) {
    const u = supernodeIds[s];
    let w = snOffsets[s];
    for (let p = off[u]; p < off[u + 1]; p++) {
      const v = tgt[p];
      if (clientOf[v] >= 0 && lastSeen[v] !== s) {
        lastSeen[v] = s;
        snClients[w++] = clientOf[v];
      }
    }
  }
  return { core, clients: C, snOffsets, snClients, supernodeIds, localOf };
}

/**
 * Sweep the supernode tier of a two-tier overlay: supernodes are ADDED in the reverse of `supernodeOrder` (a removal
 * order), clients are never removed and never relay. After every addition k = 0..S the site observables of the
 * supernode core are recorded (largest / second-largest supernode cluster, Σ size², number of clusters) and the
 * number of clients SERVED.
 *
 * Definition: a client counts as served when at least one of its cached supernodes (host-cache entries for a
 * TwoTierOverlay; supernode neighbours for a CompactGraph with roles) is in the largest supernode cluster. "The
 * largest cluster" is the first cluster to reach the current maximum size (a tie does not change it).
 *
 * Incremental count: each client c keeps cnt[c] = number of its cached supernodes inside the largest cluster G, and
 * served = #{c : cnt[c] > 0}. When a cluster merges into G, only the absorbed supernodes are walked (their client
 * lists, via a supernode → clients index, and their member lists, kept as linked lists concatenated in O(1) per
 * union); when another cluster overtakes G, the old members are withdrawn and the new cluster's members entered.
 *
 * Input forms: a {@link TwoTierOverlay} (supernodes 0..S−1, order over 0..S−1), or a CompactGraph with `roles`
 * (supernodes = role ≠ Client, core = the graph they induce; the order lists the supernodes' node ids, e.g. the
 * first S entries of {@link supernodesFirstOrder}).
 *
 * @param overlay - a TwoTierOverlay or a CompactGraph with roles.
 * @param supernodeOrder - supernode removal order (first removed first).
 * @returns {@link TwoTierSweepResult}; arrays of length S + 1.
 * @throws FragilityInputError naming `supernodeOrder` when it is not a permutation of the supernodes, or `roles`.
 *
 * @complexity O(S + core edges · α(S) + C·H) plus the walks: every entry of a supernode into G (or withdrawal
 * from it) costs the number of clients caching it, C·H/S on average. A supernode enters G once per identity of G
 * when G absorbs its cluster; an overtake (another cluster strictly outgrowing G) costs |old G| + |new G| entries
 * and withdrawals. Overtakes happen only while no cluster dominates, i.e. while G is small, so on random cores the
 * total is O(S + C·H) in practice; the worst case (clusters repeatedly leap-frogging) is O(S²·C·H/S) = O(S·C·H).
 * Memory: the supernode → clients index (C·H ints) and O(S + C) counters.
 *
 * @model served_k = #{c : cache(c) ∩ G_k ≠ ∅}. For uniform random caches of size H,
 * served/C ≈ 1 − (1 − S_core)^H with S_core = |G|/S the giant fraction of all supernodes.
 *
 * @references Newman & Ziff, PRE 64, 016706 (2001), doi:10.1103/PhysRevE.64.016706; S. A. Baset, H.
 * Schulzrinne, INFOCOM 2006, arXiv:cs/0412017 (host caches).
 *
 * @example
 * ```ts
 * const o = overlayFromSpec('two-tier:clients=10000,supernodes=200,sn-law=regular(8),cache=4', { seed: 1 });
 * const s = sweepTwoTier(o, randomOrder(o.core.n, stream(1, 0)));
 * s.served[o.core.n]; // 10000: every client is served by the intact connected core
 * ```
 *
 * @category Sweeps
 */
export function sweepTwoTier(
  overlay: TwoTierOverlay | CompactGraph,
  supernodeOrder: ArrayLike<number>,
): TwoTierSweepResult {
  const view = overlay instanceof CompactGraph ? viewOfRoleGraph(overlay) : viewOfOverlay(overlay);
  const { core, clients: C, snOffsets, snClients, supernodeIds } = view;
  const S = core.n;
  let order: Int32Array;
  if (view.localOf) {
    if (supernodeOrder.length !== S) {
      throw new FragilityInputError(
        'supernodeOrder',
        `an array of length ${supernodeOrder.length}`,
        `a permutation of the ${S} supernode ids`,
      );
    }
    const local = new Int32Array(S);
    for (let i = 0; i < S; i++) {
      const u = supernodeOrder[i];
      const l = Number.isInteger(u) && u >= 0 && u < view.localOf.length ? view.localOf[u] : -1;
      if (l < 0) throw new FragilityInputError(`supernodeOrder[${i}]`, u, 'a supernode id (role other than Client)');
      local[i] = l;
    }
    order = validateOrder(local, S, 'supernodeOrder');
  } else order = validateOrder(supernodeOrder, S, 'supernodeOrder');

  const largest = new Int32Array(S + 1);
  const second = new Int32Array(S + 1);
  const sumSquares = new Float64Array(S + 1);
  const clusters = new Int32Array(S + 1);
  const served = new Int32Array(S + 1);
  const st = new ClusterState(S);
  const parent = st.parent;
  const head = new Int32Array(S); // member list of a root: head, tail; next per node
  const tail = new Int32Array(S);
  const next = new Int32Array(S).fill(-1);
  const inG = new Uint8Array(S);
  const cnt = new Int32Array(C);
  let nServed = 0;
  let gRep = -1; // a member of the largest cluster G (-1: none yet)
  const off = core.offsets;
  const tgt = core.targets;

  const enter = (s: number) => {
    inG[s] = 1;
    for (let p = snOffsets[s], e = snOffsets[s + 1]; p < e; p++) if (cnt[snClients[p]]++ === 0) nServed++;
  };
  const leave = (s: number) => {
    inG[s] = 0;
    for (let p = snOffsets[s], e = snOffsets[s + 1]; p < e; p++) if (--cnt[snClients[p]] === 0) nServed--;
  };

  for (let k = 1; k <= S; k++) {
    const u = order[S - k];
    st.addSingleton(u);
    head[u] = u;
    tail[u] = u;
    next[u] = -1;
    let ru = u;
    for (let p = off[u], end = off[u + 1]; p < end; p++) {
      const v = tgt[p];
      if (parent[v] === -1) continue;
      const rv = st.find(v);
      if (rv === ru) continue;
      // If exactly one side holds G, the other side's members enter G now.
      const gRoot = gRep >= 0 ? st.find(gRep) : -1;
      if (gRoot === ru) for (let x = head[rv]; x !== -1; x = next[x]) enter(x);
      else if (gRoot === rv) for (let x = head[ru]; x !== -1; x = next[x]) enter(x);
      const root = st.unionRoots(ru, rv);
      const child = root === ru ? rv : ru;
      next[tail[root]] = head[child];
      tail[root] = tail[child];
      ru = root;
    }
    // Identity of the largest cluster after this step.
    const newRoot = st.find(st.largestRoot);
    if (gRep < 0 || st.find(gRep) !== newRoot) {
      if (gRep >= 0) for (let x = head[st.find(gRep)]; x !== -1; x = next[x]) leave(x);
      for (let x = head[newRoot]; x !== -1; x = next[x]) enter(x);
      gRep = newRoot;
    }
    largest[k] = st.largest;
    second[k] = st.second;
    sumSquares[k] = st.sumSquares;
    clusters[k] = st.clusters;
    served[k] = nServed;
  }
  return { mode: 'site', n: S, steps: S, largest, second, sumSquares, clusters, clients: C, served, supernodeIds };
}
