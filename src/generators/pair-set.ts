/**
 * An open-addressing hash set of unordered node pairs {u, v} on one Int32Array (no per-pair objects; the two ids of
 * a slot side by side, so that a probe misses the cache once, not twice), with deletion by tombstones. Used by G(n,m), random regular graphs and Watts–Strogatz rewiring.
 *
 * Internal helper, not exported from the barrel.
 *
 * @module
 */

const EMPTY = -1;
const TOMB = -2;

/** A set of unordered pairs of non-negative int32 ids, sized for at most `capacity` insertions. */
export class PairSet {
  /** Slot i: the smaller id at 2i (or EMPTY / TOMB), the larger at 2i + 1. */
  private readonly ab: Int32Array;
  private readonly mask: number;
  /** Number of pairs currently in the set. */
  size = 0;
  private used = 0; // live + tombstones
  private readonly maxUsed: number;

  /** @param capacity - the largest number of insertions (including ones later deleted) the set must take. */
  constructor(capacity: number) {
    let cap = 16;
    while (cap < 2 * Math.max(1, capacity)) cap *= 2;
    if (cap > 0x40000000) throw new RangeError('PairSet: too many pairs');
    this.ab = new Int32Array(2 * cap).fill(EMPTY);
    this.mask = cap - 1;
    this.maxUsed = Math.floor(cap * 0.75);
  }

  private slot(u: number, v: number): number {
    let h = Math.imul(u ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul((v + 0x7f4a7c15) | 0, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    return h & this.mask;
  }

  /** Is {u, v} in the set? */
  has(u: number, v: number): boolean {
    if (u > v) {
      const t = u;
      u = v;
      v = t;
    }
    const ab = this.ab;
    const mask = this.mask;
    for (let i = this.slot(u, v); ; i = (i + 1) & mask) {
      const x = ab[2 * i];
      if (x === EMPTY) return false;
      if (x === u && ab[2 * i + 1] === v) return true;
    }
  }

  /** Insert {u, v}; returns false when it was already present. */
  add(u: number, v: number): boolean {
    if (u > v) {
      const t = u;
      u = v;
      v = t;
    }
    const ab = this.ab;
    const mask = this.mask;
    let tomb = -1;
    let i = this.slot(u, v);
    for (; ; i = (i + 1) & mask) {
      const x = ab[2 * i];
      if (x === EMPTY) break;
      if (x === TOMB) {
        if (tomb < 0) tomb = i;
      } else if (x === u && ab[2 * i + 1] === v) return false;
    }
    if (tomb >= 0) i = tomb;
    else {
      if (this.used >= this.maxUsed) throw new RangeError('PairSet: capacity exceeded');
      this.used++;
    }
    ab[2 * i] = u;
    ab[2 * i + 1] = v;
    this.size++;
    return true;
  }

  /** Remove {u, v}; returns false when it was absent. */
  delete(u: number, v: number): boolean {
    if (u > v) {
      const t = u;
      u = v;
      v = t;
    }
    const ab = this.ab;
    const mask = this.mask;
    for (let i = this.slot(u, v); ; i = (i + 1) & mask) {
      const x = ab[2 * i];
      if (x === EMPTY) return false;
      if (x === u && ab[2 * i + 1] === v) {
        ab[2 * i] = TOMB;
        this.size--;
        return true;
      }
    }
  }
}
