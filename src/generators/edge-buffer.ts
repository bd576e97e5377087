/**
 * A growable pair of Int32Array endpoint buffers: the generators' way of collecting edges without one object per
 * edge. Capacity doubles when full (amortised O(1) per edge); {@link EdgeBuffer.toGraph} trims to the exact length.
 *
 * Internal helper, not exported from the barrel.
 *
 * @module
 */
import { CompactGraph, type CompactGraphOptions } from '../graph/compact-graph.ts';

/** Collects edges (u, v) in two Int32Arrays. */
export class EdgeBuffer {
  src: Int32Array;
  dst: Int32Array;
  length = 0;

  constructor(initialCapacity: number) {
    const cap = Math.max(16, Math.min(Math.ceil(initialCapacity), 0x3fffffff));
    this.src = new Int32Array(cap);
    this.dst = new Int32Array(cap);
  }

  /** Append edge (u, v). */
  push(u: number, v: number): void {
    if (this.length === this.src.length) this.grow();
    this.src[this.length] = u;
    this.dst[this.length] = v;
    this.length++;
  }

  private grow(): void {
    const cap = Math.min(this.src.length * 2, 0x40000000);
    if (cap <= this.src.length) throw new RangeError('EdgeBuffer: more than 2^30 edges');
    const s = new Int32Array(cap);
    const d = new Int32Array(cap);
    s.set(this.src);
    d.set(this.dst);
    this.src = s;
    this.dst = d;
  }

  /**
   * The endpoint arrays trimmed to the number of edges: views of the buffers when at most 1/8 of them is unused
   * (generators size them from the expected edge count, so this is the common case and saves a copy), copies
   * otherwise (after a doubling), so that a graph never pins much unused memory.
   */
  arrays(): [Int32Array, Int32Array] {
    if (this.length === this.src.length) return [this.src, this.dst];
    if (8 * (this.src.length - this.length) <= this.src.length) {
      return [this.src.subarray(0, this.length), this.dst.subarray(0, this.length)];
    }
    return [this.src.slice(0, this.length), this.dst.slice(0, this.length)];
  }

  /** Build the CompactGraph on n nodes. */
  toGraph(n: number, opts: CompactGraphOptions = {}): CompactGraph {
    const [s, d] = this.arrays();
    return CompactGraph.fromEdges(n, s, d, opts);
  }
}
