/**
 * Union–find state of a growing percolation configuration, with the exact cluster-size histogram that the
 * Newman–Ziff sweeps need for their observables.
 *
 * Elements are dense integers 0..n-1. `parent[u] = -1` marks an absent element (site percolation); a present
 * element points to its parent, a root to itself. Roots carry their cluster size. Finds use path halving, unions
 * attach the smaller root under the larger (union by size), so a sequence of operations costs O(α(n)) amortised each.
 *
 * Besides the largest cluster the state keeps, exactly: the second-largest cluster size (ties count: two clusters
 * of the largest size make the second-largest equal to the largest), the sum of squared cluster sizes and the
 * number of clusters. The second-largest size is kept exact with `countBySize[s]` = number of clusters of size s:
 * after a merge the true value is at most the previous largest (when the merge created a new largest without
 * consuming the old one), or at most max(previous second, merged size) otherwise, and a downward scan over
 * `countBySize` from that bound finds it. The scans cost O(n log n) in total over any sequence of merges (every
 * scan step is paid by an earlier increase of the second-largest of at most min(a, b) for a merge of sizes a and
 * b, and Σ min(a, b) ≤ n log₂ n by the small-to-large argument).
 *
 * Internal to the sweeps (`sweepTwoTier` and others; `sweepSite` and `sweepBond` run the fused copy of the same
 * algorithm in src/montecarlo/sweep-kernel.ts, tested equal to it step for step); not exported from the barrel.
 *
 * @module
 */

/** Mutable union–find + size histogram. All arrays are allocated once by the constructor. */
export class ClusterState {
  /** Parent pointer; -1 = absent. */
  readonly parent: Int32Array;
  /** Cluster size, valid at roots. */
  readonly size: Int32Array;
  /** Number of clusters of each size 0..n. */
  readonly countBySize: Int32Array;
  /** Largest cluster size. */
  largest = 0;
  /** Second-largest cluster size (equal to `largest` when two clusters tie for largest). */
  second = 0;
  /** Σ over clusters of size². Exact in a double up to n ≈ 9e7. */
  sumSquares = 0;
  /** Number of clusters. */
  clusters = 0;
  /** Root of one largest cluster (-1 when empty). */
  largestRoot = -1;

  constructor(n: number) {
    this.parent = new Int32Array(n).fill(-1);
    this.size = new Int32Array(n);
    this.countBySize = new Int32Array(n + 2);
  }

  /** Reset to the empty configuration (no element present) in O(n). */
  clear(): void {
    this.parent.fill(-1);
    this.size.fill(0);
    this.countBySize.fill(0);
    this.largest = 0;
    this.second = 0;
    this.sumSquares = 0;
    this.clusters = 0;
    this.largestRoot = -1;
  }

  /** Make every element present as a singleton (bond percolation start), O(n). */
  fillSingletons(): void {
    const n = this.parent.length;
    for (let u = 0; u < n; u++) {
      this.parent[u] = u;
      this.size[u] = 1;
    }
    this.countBySize.fill(0);
    this.countBySize[1] = n;
    this.largest = n > 0 ? 1 : 0;
    this.second = n > 1 ? 1 : 0;
    this.sumSquares = n;
    this.clusters = n;
    this.largestRoot = n > 0 ? 0 : -1;
  }

  /** Root of u's cluster (u must be present); path halving. */
  find(u: number): number {
    const parent = this.parent;
    let x = u;
    let p = parent[x];
    while (p !== x) {
      const gp = parent[p];
      parent[x] = gp;
      x = gp;
      p = parent[x];
    }
    return x;
  }

  /** Add the absent element u as a singleton cluster. */
  addSingleton(u: number): void {
    this.parent[u] = u;
    this.size[u] = 1;
    this.countBySize[1]++;
    this.clusters++;
    this.sumSquares += 1;
    if (this.largest < 1) {
      this.largest = 1;
      this.largestRoot = u;
    }
    this.fixSecond(this.second > 1 ? this.second : 1);
  }

  /**
   * Merge the clusters of roots ra and rb (distinct roots). Returns the new root.
   */
  unionRoots(ra: number, rb: number): number {
    const size = this.size;
    const cnt = this.countBySize;
    let a = size[ra];
    let b = size[rb];
    let root = ra;
    let child = rb;
    if (a < b) {
      root = rb;
      child = ra;
      const t = a;
      a = b;
      b = t;
    }
    this.parent[child] = root;
    const s = a + b;
    size[root] = s;
    cnt[a]--;
    cnt[b]--;
    cnt[s]++;
    this.sumSquares += 2 * a * b;
    this.clusters--;
    const oldLargest = this.largest;
    if (s > oldLargest) {
      this.largest = s;
      this.largestRoot = root;
      // Another cluster of the old largest size survives: it is the new second. Otherwise the old largest was
      // consumed by this merge and the new second is at most the old second.
      if (cnt[oldLargest] > 0) this.second = oldLargest;
      else this.fixSecond(this.second);
    } else {
      // Two clusters smaller than the largest merged: the largest (and its root) is unchanged.
      this.fixSecond(this.second > s ? this.second : s);
    }
    return root;
  }

  /** Union of the clusters of present elements u and v; returns true when they were distinct. */
  union(u: number, v: number): boolean {
    const ru = this.find(u);
    const rv = this.find(v);
    if (ru === rv) return false;
    this.unionRoots(ru, rv);
    return true;
  }

  /** Set `second` from an upper bound `candidate` (≥ the true second-largest size). */
  private fixSecond(candidate: number): void {
    const L = this.largest;
    const cnt = this.countBySize;
    if (cnt[L] >= 2) {
      this.second = L;
      return;
    }
    let s = candidate < L ? candidate : L - 1;
    while (s > 0 && cnt[s] === 0) s--;
    this.second = s;
  }
}
