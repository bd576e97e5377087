/**
 * The data shape of a two-tier (supernode) overlay, shared by the generators, the Monte Carlo sweeps and the
 * overload cascade. At Skype scale (21 M clients, 26 k supernodes, host cache 8) the client side is kept as flat
 * typed arrays, not as graph edges: about 4·H + 4 bytes per client.
 *
 * Semantics: clients do not relay. Client c holds a host cache of H distinct supernode ids
 * (`hostCache[c*H .. c*H+H-1]`) and is attached to one active supernode `active[c]`, which is one of its cached ones.
 *
 * @module
 */
import type { CompactGraph } from './compact-graph.ts';

/**
 * A supernode core plus clients with host caches. See the module documentation.
 *
 * @category Two-tier overlays
 */
export interface TwoTierOverlay {
  /** The supernode–supernode graph: nodes 0..S-1 are the supernodes. */
  readonly core: CompactGraph;
  /** Number of clients C. */
  readonly clients: number;
  /** Host-cache size H (distinct supernodes per client), 1 <= H <= S. */
  readonly cacheSize: number;
  /** Row-major C×H table of cached supernode ids. */
  readonly hostCache: Int32Array;
  /** Active (upstream) supernode of each client, length C. */
  readonly active: Int32Array;
  /** Relative capacity of each supernode (1 = nominal), length S. */
  readonly capacity: Float64Array;
}
