/**
 * Gnutella 0.6-style ultrapeer overlays (LimeWire defaults).
 *
 * @module
 */
import { checkCount, graphBuildBytes } from './check-count.ts';
import { checkMemory } from '../resources.ts';
import { checkInteger, FragilityInputError } from '../errors.ts';
import type { TwoTierOverlay } from '../graph/two-tier-overlay.ts';
import type { Rng } from '../random/stream.ts';
import { randomRegular } from './random-regular.ts';
import { fillHostCachesUniform } from './two-tier.ts';

/**
 * Parameters of {@link ultrapeerOverlay}.
 *
 * @category Two-tier overlays
 */
export interface UltrapeerOverlayOptions {
  /** Number of ultrapeers U, an integer >= 1. */
  ultrapeers: number;
  /** Number of leaves, an integer >= 0. */
  leaves: number;
  /** Ultrapeer–ultrapeer degree (LimeWire `NUM_CONNECTIONS` = 32; default 32), an integer in [0, U − 1]. */
  ultrapeerDegree?: number;
  /** Ultrapeers per leaf (LimeWire `PREFERRED_CONNECTIONS_FOR_LEAF` = 3; default 3), an integer in [1, U]. */
  leafConnections?: number;
}

/**
 * A Gnutella-style two-tier overlay: a random `ultrapeerDegree`-regular core of ultrapeers, and leaves that each
 * connect to `leafConnections` distinct ultrapeers chosen uniformly at random.
 *
 * In the returned {@link TwoTierOverlay}, `clients` are the leaves, `hostCache` row c lists leaf c's ultrapeers
 * (all of them are live connections in Gnutella, unlike Skype's one upstream), `active[c]` is the first of them (a
 * uniformly random one), and every capacity is 1. Use `twoTierToCompactGraph(o, { coreRole: Role.Ultrapeer })` for
 * the explicit graph. Leaf slots are not capped (LimeWire's `MAX_LEAVES` = 30 is not enforced): with the default 10
 * leaves per ultrapeer the expected load is 30 slots, the cap.
 *
 * @param opts - see {@link UltrapeerOverlayOptions}.
 * @param rng - the random stream (core from `rng.fork(1)`, leaves from `rng.fork(3)`).
 * @returns the overlay.
 *
 * @complexity O(U·d + L·c²) time, O(L·c) memory.
 *
 * @model core = uniform-ish random d-regular graph (see `randomRegular`); each leaf's set is a uniform c-subset.
 *
 * @references A. Singla, C. Rohrs, "Ultrapeers: another step towards Gnutella scalability", Gnutella Developer
 * Forum (2002). D. Stutzbach, R. Rejaie, S. Sen, "Characterizing unstructured overlay topologies in modern P2P
 * file-sharing systems", IMC 2005. LimeWire source (`UltrapeerSettings.java`, `ConnectionSettings.java`).
 *
 * @example
 * ```ts
 * const o = ultrapeerOverlay({ ultrapeers: 1000, leaves: 10_000 }, stream(1));
 * o.cacheSize; // 3
 * ```
 *
 * @category Two-tier overlays
 */
export function ultrapeerOverlay(opts: UltrapeerOverlayOptions, rng: Rng): TwoTierOverlay {
  const U = checkCount('ultrapeers', opts.ultrapeers, 1);
  const L = checkCount('leaves', opts.leaves, 0);
  const d = opts.ultrapeerDegree ?? 32;
  if (opts.ultrapeerDegree === undefined && d >= U) {
    throw new FragilityInputError('ultrapeerDegree', d, `an explicit degree in [0, ${U - 1}] when ultrapeers <= 32`);
  }
  checkInteger('ultrapeerDegree', d, 0, U - 1);
  if ((d * U) % 2 !== 0)
    throw new FragilityInputError('ultrapeerDegree', d, `an even degree when ultrapeers (${U}) is odd`);
  const H = checkInteger('leafConnections', opts.leafConnections ?? 3, 1, U);
  if (L * H > 0x7fffffff) throw new FragilityInputError('leaves', L, `at most ${Math.floor(0x7fffffff / H)}`);
  checkMemory(
    'leaves',
    L,
    4 * L * H + 4 * L + 16 * U + graphBuildBytes(U, (U * d) / 2),
    `an ultrapeer overlay with ${L} leaves × ${H} connections`,
  );
  const core = randomRegular(U, d, rng.fork(1));
  const hostCache = new Int32Array(L * H);
  const active = new Int32Array(L);
  fillHostCachesUniform(U, L, H, rng.fork(3), hostCache, active);
  for (let c = 0; c < L; c++) active[c] = hostCache[c * H];
  return { core, clients: L, cacheSize: H, hostCache, active, capacity: new Float64Array(U).fill(1) };
}
