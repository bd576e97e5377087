/**
 * A disjoint-set forest (union–find) over 0 … n−1 with path halving: the one general-purpose union–find (connected
 * components of loop factors in message passing, of generated overlays in the CLI). The fused sweep kernels of
 * src/montecarlo (sweep-kernel.ts, cluster-state.ts, sweep-wrapping.ts) keep their own inlined forests, which also
 * track sizes and wrapping offsets at memory speed.
 *
 * @module
 */

/**
 * Union–find with path halving; `union(a, b)` links a's root under b's root (no rank: the callers' results depend on
 * which element ends up the root only through {@link UnionFind.find}).
 *
 * @complexity O(log n) amortized per operation (path halving without union by rank).
 *
 * @references R. E. Tarjan, J. van Leeuwen, J. ACM 31, 245 (1984), doi:10.1145/62.2160.
 *
 * @example
 * ```ts
 * const uf = new UnionFind(4);
 * uf.union(0, 1);
 * uf.find(0) === uf.find(1); // true
 * ```
 */
export class UnionFind {
  /** parent[x] (x is a root when parent[x] === x). */
  readonly parent: Int32Array;

  /** n singletons. */
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** The root of x's set (halving the path on the way). */
  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Merge the sets of a and b (a's root goes under b's); returns whether they were apart. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent[ra] = rb;
    return true;
  }

  /** Whether x is the root of its set. */
  isRoot(x: number): boolean {
    return this.parent[x] === x;
  }
}
