/**
 * The up supernodes of the overload fluid limit: Q headroom quantiles × at most K history cohorts, in
 * struct-of-arrays form — cohort i = q·K + j of quantile q has mass cm[i] (fraction of S), attached clients ca[i]
 * and monitored load cn[i] (clients per supernode); cnt[q] cohorts are live.
 *
 * Merging (mass-weighted, so clients are conserved) keeps the count bounded: see `fluidOverload`'s model notes.
 *
 * @module
 * @internal
 */

/** Up-cohorts lighter than this (fraction of S) merge into the heaviest one of their quantile. */
export const MASS_FLOOR = 1e-10;

/** The up-cohorts of every headroom quantile (struct of arrays). */
export class UpCohorts {
  /** Mass (fraction of S), attached and monitored load (clients per supernode) of cohort q·maxPerQuantile + j. */
  readonly cm: Float64Array;
  readonly ca: Float64Array;
  readonly cn: Float64Array;
  /** Live cohorts of each quantile. */
  readonly cnt: Int32Array;
  /** Merge distance in clients per supernode: mergeTolerance·L0. */
  private readonly tl: number;
  constructor(
    readonly quantiles: number,
    readonly maxPerQuantile: number,
    mergeTolerance: number,
    L0: number,
  ) {
    this.cm = new Float64Array(quantiles * maxPerQuantile);
    this.ca = new Float64Array(quantiles * maxPerQuantile);
    this.cn = new Float64Array(quantiles * maxPerQuantile);
    this.cnt = new Int32Array(quantiles);
    this.tl = mergeTolerance * L0;
  }

  /** Add an up cohort to quantile q, merging it into a close one when there is one. */
  add(q: number, m: number, a: number, n: number): void {
    if (!(m > 0)) return;
    const { cm, ca, cn, cnt } = this;
    const base = q * this.maxPerQuantile;
    const tl = this.tl;
    for (let j = 0; j < cnt[q]; j++) {
      const i = base + j;
      if (Math.abs(ca[i] - a) <= tl && Math.abs(cn[i] - n) <= tl) {
        const t = cm[i] + m;
        ca[i] = (ca[i] * cm[i] + a * m) / t;
        cn[i] = (cn[i] * cm[i] + n * m) / t;
        cm[i] = t;
        return;
      }
    }
    if (cnt[q] >= this.maxPerQuantile) this.mergeClosest(q);
    const i = base + cnt[q]++;
    cm[i] = m;
    ca[i] = a;
    cn[i] = n;
  }

  /** Add an up cohort of mass m[q], empty (attached = monitored = 0), to quantile q: {@link add} with the mass read
   * from an array (a supernode rejoins empty). */
  addEmpty(q: number, m: Float64Array): void {
    this.add(q, m[q], 0, 0);
  }

  /** Merge cohort j into cohort i (both in quantile q); the last cohort of q moves into slot j. */
  mergeInto(i: number, j: number, q: number): void {
    const { cm, ca, cn, cnt } = this;
    const t = cm[i] + cm[j];
    if (t > 0) {
      ca[i] = (ca[i] * cm[i] + ca[j] * cm[j]) / t;
      cn[i] = (cn[i] * cm[i] + cn[j] * cm[j]) / t;
    }
    cm[i] = t;
    const last = q * this.maxPerQuantile + cnt[q] - 1;
    cm[j] = cm[last];
    ca[j] = ca[last];
    cn[j] = cn[last];
    cnt[q]--;
  }

  /** Merge the two closest cohorts of quantile q (max-norm distance in attached and monitored load). */
  mergeClosest(q: number): void {
    const { ca, cn, cnt } = this;
    const base = q * this.maxPerQuantile;
    let bi = -1;
    let bj = -1;
    let bd = Infinity;
    for (let x = 0; x < cnt[q]; x++) {
      for (let y = x + 1; y < cnt[q]; y++) {
        const d = Math.max(Math.abs(ca[base + x] - ca[base + y]), Math.abs(cn[base + x] - cn[base + y]));
        if (d < bd) {
          bd = d;
          bi = base + x;
          bj = base + y;
        }
      }
    }
    if (bi >= 0) this.mergeInto(bi, bj, q);
  }

  /**
   * Tidy quantile q: cohorts below MASS_FLOOR merge into the heaviest, and with `pairs` every pair within the merge
   * distance (or with no mass) merges; an emptied quantile has no cohort.
   */
  tidy(q: number, pairs: boolean): void {
    const { cm, ca, cn, cnt } = this;
    const base = q * this.maxPerQuantile;
    if (cnt[q] > 1 && this.hasLight(base, cnt[q])) this.mergeLight(q, base);
    if (pairs) {
      const tl = this.tl;
      for (let x = 0; x < cnt[q]; x++) {
        for (let y = x + 1; y < cnt[q]; ) {
          const i = base + x;
          const j = base + y;
          if (cm[j] <= 0 || (Math.abs(ca[i] - ca[j]) <= tl && Math.abs(cn[i] - cn[j]) <= tl)) this.mergeInto(i, j, q);
          else y++;
        }
      }
    }
    if (cnt[q] > 0 && cm[base] <= 0 && cnt[q] > 1) this.mergeInto(base + 1, base, q);
    if (cnt[q] === 1 && cm[base] <= 0) cnt[q] = 0;
  }

  /** Whether one of the n cohorts from `base` is below MASS_FLOOR (then one other than the heaviest is too). */
  private hasLight(base: number, n: number): boolean {
    const cm = this.cm;
    for (let j = 0; j < n; j++) if (cm[base + j] < MASS_FLOOR) return true;
    return false;
  }

  /**
   * Cohorts whose mass fell below MASS_FLOOR (the Poisson survival tail of a shut-down cohort) merge into the
   * heaviest cohort of the quantile: mass and clients are conserved, the perturbation is below 1e-9.
   */
  private mergeLight(q: number, base: number): void {
    const { cm, cnt } = this;
    let heavy = base;
    for (let j = 1; j < cnt[q]; j++) if (cm[base + j] > cm[heavy]) heavy = base + j;
    for (let j = cnt[q] - 1; j >= 0; j--) {
      const i = base + j;
      if (i !== heavy && cm[i] < MASS_FLOOR) {
        const lastWasHeavy = heavy === base + cnt[q] - 1;
        this.mergeInto(heavy, i, q); // moves the last cohort into slot i
        if (lastWasHeavy) heavy = i;
      }
    }
  }
}
