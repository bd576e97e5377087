/**
 * Two-tier supernode overlays (Skype-like): a supernode core plus clients with host caches, and their explicit graph.
 *
 * @module
 */
import { checkCount, checkGraphMemory, graphBuildBytes } from './check-count.ts';
import { checkMemory } from '../resources.ts';
import { checkInteger, FragilityInputError } from '../errors.ts';
import type { CapacityLaw, DegreeLaw } from '../distributions/types.ts';
import { CompactGraph, Role, type RoleValue } from '../graph/compact-graph.ts';
import type { TwoTierOverlay } from '../graph/two-tier-overlay.ts';
import { AliasTable } from '../random/alias-table.ts';
import type { Rng } from '../random/stream.ts';
import { configurationModelFromLaw } from './configuration-model.ts';
import { randomRegular } from './random-regular.ts';

/**
 * Default supernode–supernode degree (calibration table row 8: LimeWire's 32, no published Skype value).
 *
 * @category Two-tier overlays
 */
export const DEFAULT_CORE_DEGREE = 32;
/**
 * Default host-cache size H used by the generators and the `two-tier:` spec.
 *
 * @category Two-tier overlays
 */
export const DEFAULT_HOST_CACHE_SIZE = 8;

/**
 * How clients pick supernodes.
 *
 * @category Two-tier overlays
 */
export type SupernodeChoice = 'uniform' | 'capacity';

/**
 * Parameters of {@link twoTierOverlay}.
 *
 * @category Two-tier overlays
 */
export interface TwoTierOverlayOptions {
  /** Number of supernodes S, an integer >= 1 (Skype 2010: about 26,000 = 21 M / 800). */
  supernodes: number;
  /** Number of clients C, an integer >= 0 (Skype 2010: about 21 M). */
  clients: number;
  /**
   * The core's degree law, or a number k for an exact random k-regular simple core. A law with a single degree
   * (`regular(k)`) also gives the exact random k-regular core; any other law gives an erased configuration model
   * (see {@link configurationModelFromLaw}). Default 32 (calibration row 8); requires S >= 33.
   */
  coreLaw?: DegreeLaw | number;
  /** Host-cache size H: distinct supernodes per client, an integer in [1, S] (default 8). */
  cacheSize?: number;
  /**
   * `'uniform'` (default): cache entries are uniform among supernodes and the active one is uniform among the cached.
   * `'capacity'`: cache entries are drawn in proportion to capacity (successive sampling without replacement) and the
   * active one in proportion to capacity among the cached.
   */
  choice?: SupernodeChoice;
  /** Law of the supernodes' relative capacities (default: all 1). */
  capacity?: CapacityLaw;
}

/**
 * A two-tier supernode overlay: S supernodes joined by a random core, and C clients that each cache H distinct
 * supernodes and attach to one of them (the active one).
 *
 * Random streams: the core, the capacities and the client tables use independent forks of `rng` (tags 1, 2, 3), so
 * the core does not change when only the number of clients does.
 *
 * @param opts - see {@link TwoTierOverlayOptions}.
 * @param rng - the random stream.
 * @returns a {@link TwoTierOverlay} (typed arrays only: 4·H + 4 bytes per client).
 *
 * @complexity O(S + core edges) for the core; O(C·H²) for the caches with H << S (each entry is drawn and
 * checked against the row so far; a repeat is redrawn, expected S/(S−H) draws per entry); O(C·H) memory. Skype
 * scale (C = 21e6, S = 26,000, H = 8) is a few seconds and ≈ 760 MB for the client tables.
 *
 * @model core ~ random k-regular graph or erased configuration model with law p_k; capacities c_s i.i.d. from
 * the capacity law; each cache row is a uniform H-subset (uniform choice) or successive capacity-proportional draws
 * without replacement (capacity choice); active ~ uniform over the row, or ∝ c_s over the row. The number of
 * clients whose active supernode is s is then Binomial(C, 1/S) under uniform choice (mean C/S).
 *
 * @references S. A. Baset, H. Schulzrinne, "An analysis of the Skype peer-to-peer Internet telephony protocol",
 * INFOCOM 2006, arXiv:cs/0412017. Calibration: docs/reference/skype-calibration.md, rows 4–8.
 *
 * @example
 * ```ts
 * const o = twoTierOverlay({ supernodes: 100, clients: 80_000, coreLaw: 8, cacheSize: 4 }, stream(1));
 * o.hostCache.length; // 320000
 * ```
 *
 * @category Two-tier overlays
 */
export function twoTierOverlay(opts: TwoTierOverlayOptions, rng: Rng): TwoTierOverlay {
  const S = checkCount('supernodes', opts.supernodes, 1);
  const C = checkCount('clients', opts.clients, 0);
  const H = checkInteger('cacheSize', opts.cacheSize ?? DEFAULT_HOST_CACHE_SIZE, 1, S);
  if (C * H > 0x7fffffff)
    throw new FragilityInputError('clients', C, `at most ${Math.floor(0x7fffffff / H)} for cacheSize ${H}`);
  {
    const law = opts.coreLaw ?? DEFAULT_CORE_DEGREE;
    const k = typeof law === 'number' ? law : Number.isFinite(law.mean) ? law.mean : 0;
    // Host caches (4·C·H), active supernode (4·C), capacities (8·S), the core graph.
    const bytes = 4 * C * H + 4 * C + 8 * S + graphBuildBytes(S, (S * k) / 2);
    checkMemory('clients', C, bytes, `a two-tier overlay with ${C} clients × cache ${H} and ${S} supernodes`);
  }
  const choice = opts.choice ?? 'uniform';
  if (choice !== 'uniform' && choice !== 'capacity')
    throw new FragilityInputError('choice', choice, "'uniform' or 'capacity'");
  const core = buildCore(S, opts.coreLaw ?? DEFAULT_CORE_DEGREE, rng.fork(1), opts.coreLaw === undefined);

  const capacity = new Float64Array(S);
  if (opts.capacity) {
    const capRng = rng.fork(2);
    for (let s = 0; s < S; s++) capacity[s] = opts.capacity.sample(capRng);
  } else capacity.fill(1);

  const hostCache = new Int32Array(C * H);
  const active = new Int32Array(C);
  const r = rng.fork(3);
  if (choice === 'uniform') fillHostCachesUniform(S, C, H, r, hostCache, active);
  else fillHostCachesByCapacity(S, C, H, capacity, r, hostCache, active);
  return { core, clients: C, cacheSize: H, hostCache, active, capacity };
}

function buildCore(S: number, law: DegreeLaw | number, rng: Rng, isDefault: boolean): CompactGraph {
  if (typeof law === 'number') {
    if (isDefault && law >= S) {
      throw new FragilityInputError(
        'coreLaw',
        `default ${law}-regular core`,
        `an explicit coreLaw when supernodes <= ${law}`,
        `a ${law}-regular core needs at least ${law + 1} supernodes`,
      );
    }
    checkInteger('coreLaw', law, 0, S - 1);
    if ((law * S) % 2 !== 0)
      throw new FragilityInputError('coreLaw', law, `an even core degree when supernodes (${S}) is odd`);
    return randomRegular(S, law, rng);
  }
  if (law.kmin === law.kmax) {
    if (law.kmin >= S || (law.kmin * S) % 2 !== 0) {
      throw new FragilityInputError('coreLaw', law.spec, `regular(k) with k < supernodes (${S}) and k·supernodes even`);
    }
    return randomRegular(S, law.kmin, rng);
  }
  return configurationModelFromLaw(S, law, rng, { mode: 'erased' });
}

/** Host caches up to this size check a new entry against the row by a scan; longer ones through a marker array. */
const LINEAR_SCAN_MAX_CACHE = 16;

/**
 * Fill C rows of H distinct uniform supernode ids and a uniform active entry per row. Internal (used by the
 * ultrapeer generator too). Rejection against the row so far: expected S/(S−H) draws per entry.
 */
export function fillHostCachesUniform(
  S: number,
  C: number,
  H: number,
  rng: Rng,
  hostCache: Int32Array,
  active: Int32Array,
): void {
  // Inline unbiased uniform integers in [0, S) and [0, H): rejection on the 32-bit draw, no modulo bias.
  const limitS = 0x100000000 - (0x100000000 % S);
  const limitH = 0x100000000 - (0x100000000 % H);
  // Long rows: "already in row c" is inRow[s] === c (O(1)) instead of a scan of the row (O(H)); same draws.
  const inRow = H > LINEAR_SCAN_MAX_CACHE ? new Int32Array(S).fill(-1) : null;
  for (let c = 0; c < C; c++) {
    const base = c * H;
    for (let j = 0; j < H; j++) {
      let s: number;
      draw: for (;;) {
        let x = rng.nextUint32();
        while (x >= limitS) x = rng.nextUint32();
        s = x - Math.floor(x / S) * S; // x mod S, exact (x < 2^32), without a double `%` (fmod)
        if (inRow !== null) {
          if (inRow[s] === c) continue;
          inRow[s] = c;
          break;
        }
        for (let i = base; i < base + j; i++) if (hostCache[i] === s) continue draw;
        break;
      }
      hostCache[base + j] = s;
    }
    let y = rng.nextUint32();
    while (y >= limitH) y = rng.nextUint32();
    active[c] = hostCache[base + y - Math.floor(y / H) * H];
  }
}

function fillHostCachesByCapacity(
  S: number,
  C: number,
  H: number,
  capacity: Float64Array,
  rng: Rng,
  hostCache: Int32Array,
  active: Int32Array,
): void {
  let positive = 0;
  for (let s = 0; s < S; s++) {
    if (!(capacity[s] >= 0 && capacity[s] < Infinity))
      throw new FragilityInputError(`capacity[${s}]`, capacity[s], 'a finite number >= 0');
    if (capacity[s] > 0) positive++;
  }
  if (positive < H) {
    throw new FragilityInputError(
      'cacheSize',
      H,
      `at most ${positive} (the number of supernodes with positive capacity) for choice 'capacity'`,
    );
  }
  const table = new AliasTable(capacity);
  const maxDraws = 1000 * H + 1000;
  for (let c = 0; c < C; c++) {
    const base = c * H;
    let draws = 0;
    for (let j = 0; j < H; j++) {
      let s: number;
      draw: for (;;) {
        if (++draws > maxDraws) {
          throw new FragilityInputError(
            'capacity',
            'a very concentrated law',
            `a capacity law spread over more than cacheSize (${H}) supernodes`,
            `client ${c}: ${maxDraws} draws did not give ${H} distinct supernodes`,
          );
        }
        s = table.sample(rng);
        for (let i = base; i < base + j; i++) if (hostCache[i] === s) continue draw;
        break;
      }
      hostCache[base + j] = s;
    }
    let total = 0;
    for (let i = base; i < base + H; i++) total += capacity[hostCache[i]];
    let x = rng.next() * total;
    let pick = base + H - 1;
    for (let i = base; i < base + H; i++) {
      x -= capacity[hostCache[i]];
      if (x < 0) {
        pick = i;
        break;
      }
    }
    active[c] = hostCache[pick];
  }
}

/**
 * Options for {@link twoTierToCompactGraph}.
 *
 * @category Two-tier overlays
 */
export interface TwoTierGraphOptions {
  /** Role of the core nodes (default `Role.Supernode`; the ultrapeer overlay uses `Role.Ultrapeer`). */
  coreRole?: RoleValue;
}

/**
 * The explicit graph of a two-tier overlay: supernodes 0..S−1 (with the core edges first, in core order), then
 * clients S..S+C−1, client c joined to each of its H cached supernodes (edges in row order after the core edges).
 * Roles are set (`Role.Supernode` or the given core role for the core, `Role.Client` for clients); capacities are
 * the supernodes' capacities and 0 for clients (clients relay nothing).
 *
 * @param overlay - the overlay.
 * @param opts - `{ coreRole = Role.Supernode }`.
 * @returns a CompactGraph with n = S + C and m = core.m + C·H.
 * @throws FragilityInputError when core.m + C·H exceeds 2^30 − 1 edges (Skype scale does: keep the overlay form).
 *
 * @complexity O(S + C·H + core edges) time and memory (about 24 bytes per edge).
 *
 * @model the bipartite client–supernode incidence of the host caches, plus the core.
 *
 * @references S. A. Baset, H. Schulzrinne, INFOCOM 2006, arXiv:cs/0412017.
 *
 * @example
 * ```ts
 * const g = twoTierToCompactGraph(twoTierOverlay({ supernodes: 50, clients: 1000, coreLaw: 4, cacheSize: 3 }, stream(1)));
 * g.n; // 1050
 * ```
 *
 * @category Two-tier overlays
 */
export function twoTierToCompactGraph(overlay: TwoTierOverlay, opts: TwoTierGraphOptions = {}): CompactGraph {
  const { core, clients: C, cacheSize: H, hostCache } = overlay;
  const S = core.n;
  const m = core.m + C * H;
  if (m > 0x3fffffff) {
    throw new FragilityInputError(
      'clients',
      C,
      `at most ${Math.floor((0x3fffffff - core.m) / H)} for an explicit graph`,
      'the explicit graph would exceed 2^30 edges; use the TwoTierOverlay form',
    );
  }
  checkGraphMemory('clients', C, S + C, m, 'the explicit graph of a two-tier overlay');
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  src.set(core.edgeSource);
  dst.set(core.edgeTarget);
  let e = core.m;
  for (let c = 0; c < C; c++) {
    const base = c * H;
    for (let j = 0; j < H; j++) {
      src[e] = S + c;
      dst[e] = hostCache[base + j];
      e++;
    }
  }
  const roles = new Uint8Array(S + C);
  roles.fill(opts.coreRole ?? Role.Supernode, 0, S);
  roles.fill(Role.Client, S);
  const capacities = new Float64Array(S + C);
  capacities.set(overlay.capacity);
  return CompactGraph.fromEdges(S + C, src, dst, { roles, capacities });
}
