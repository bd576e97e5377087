/**
 * Supernodes-first removal order for two-tier overlays.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';
import { type CompactGraph, Role } from '../graph/compact-graph.ts';
import type { TwoTierOverlay } from '../graph/two-tier-overlay.ts';
import type { Rng } from '../random/stream.ts';
import { randomOrder } from './random-order.ts';

/**
 * Supernodes first: on a CompactGraph with `roles`, every relaying node (role ≠ Client: supernodes, ultrapeers,
 * mega-supernodes) is removed before any client, each group in uniformly random order. On a
 * {@link TwoTierOverlay} only supernodes take part in the sweep (clients do not relay; see
 * {@link sweepTwoTier}), so the order is a uniformly random permutation of the supernode ids 0..S-1.
 *
 * @param g - a CompactGraph with roles, or a TwoTierOverlay.
 * @param rng - the seeded stream.
 * @returns a permutation of 0..n-1 (CompactGraph) or 0..S-1 (overlay), first removed first.
 * @throws FragilityInputError naming `roles` when a CompactGraph has no roles.
 *
 * @complexity O(n).
 *
 * @model targeted failure of the relaying tier (Skype 2010: 25–30 % of supernodes lost).
 *
 * @references S. Guha, N. Daswani, R. Jain, "An experimental study of the Skype peer-to-peer VoIP system", IPTPS
 * 2006; K. Y. K. Hui et al. (Skype incident, 2010 post-mortem).
 *
 * @example
 * ```ts
 * const overlay = twoTierToCompactGraph(twoTierOverlay({ supernodes: 100, clients: 1000, coreLaw: poissonLaw(8), cacheSize: 4 }, stream(1)));
 * const order = supernodesFirstOrder(overlay, stream(1, 0));
 * ```
 *
 * @category Removal orders
 */
export function supernodesFirstOrder(g: CompactGraph | TwoTierOverlay, rng: Rng): Int32Array {
  if ('core' in g) return randomOrder(g.core.n, rng);
  if (!g.roles)
    throw new FragilityInputError('roles', undefined, 'a CompactGraph with per-node roles (two-tier overlay)');
  const perm = randomOrder(g.n, rng);
  const order = new Int32Array(g.n);
  let pos = 0;
  for (let i = 0; i < g.n; i++) if (g.roles[perm[i]] !== Role.Client) order[pos++] = perm[i];
  for (let i = 0; i < g.n; i++) if (g.roles[perm[i]] === Role.Client) order[pos++] = perm[i];
  return order;
}
