// Types for brandes-kernel.mjs (plain JavaScript so that worker threads load it without a TypeScript loader).

/** Largest batch of sources per multi-source BFS (one bit per source in an int32 mask). */
export declare const MAX_BATCH: number;

/** Working arrays of {@link brandesBatches}, reusable across calls with the same n and width. */
export interface KernelWorkspace {
  readonly n: number;
  readonly width: number;
  seen: Int32Array;
  next: Int32Array;
  sp: Float64Array;
  entryNode: Int32Array;
  entryMask: Int32Array;
  dag: Int32Array;
  dist: Int32Array;
  order: Int32Array;
  /** Running total of frontier entries (node, level, mask); equals `reached` at width 1. */
  entries: number;
  /** Running total of (source, reached node) pairs. */
  reached: number;
}

/** Allocates a workspace for graphs of n nodes, batches of `width` (1–32) sources; width 1 runs the one-source kernel. */
export declare function makeKernelWorkspace(n: number, width: number, halfEdges: number): KernelWorkspace;

/**
 * Adds δ_s(v) of the sources `sources[from..to)` to `acc[v]` (and δ_s(v)² to `accSq[v]`), in batches of
 * `ws.width`; returns the number of (source, reached node) pairs.
 */
export declare function brandesBatches(
  offsets: Int32Array,
  targets: Int32Array,
  sources: Int32Array,
  from: number,
  to: number,
  ws: KernelWorkspace,
  acc: Float64Array,
  accSq: Float64Array | null,
): number;
