/**
 * The law of the requests one up supernode receives in a step of the overload fluid limit: Poisson(λ), or the point
 * mass at λ (`requestSpread: 'mean'`).
 *
 * @module
 * @internal
 */
import { logFactorial } from '../../random/log-gamma.ts';

/** How the requests of one step are spread over the up supernodes (see `FluidRequestSpread` in ./types.ts). */
export type RequestSpreadMode = 'poisson' | 'mean';

/**
 * Poisson (or point-mass) cumulative law of the requests one up supernode receives in a step.
 *
 * The Poisson table covers [λ − 9√λ − 10, λ + 9√λ + 10] (the mass outside is below 1e-18) and is normalised so that
 * P(r <= hi) = 1 exactly: P(r <= j) = cum[j − lo]/total, divided at look-up (dividing the whole table in advance gives
 * the same doubles; measured, it is no faster at 100 headroom quantiles and slower at 10). With λ <= 0 the table is
 * empty with lo = hi = 0, so that the same look-up gives P(r <= x) = [x >= 0].
 */
export class RequestLaw {
  /** Running sums of the pmf from lo: P(r <= lo + i) = cum[i]/total for i < hi − lo; 1 from hi, 0 below lo. */
  cum = new Float64Array(1024);
  total = 1;
  lo = 0;
  hi = 0;
  /** Poisson spread (else the point mass at λ). */
  readonly isPoisson: boolean;
  lambda = 0;
  constructor(mode: RequestSpreadMode) {
    this.isPoisson = mode === 'poisson';
  }
  /** Set the mean count λ of this step (rebuilds the Poisson table). */
  set(lambda: number): void {
    this.lambda = lambda;
    if (!this.isPoisson || lambda <= 0) {
      this.lo = 0;
      this.hi = 0;
      return;
    }
    const sd = Math.sqrt(lambda);
    const lo = Math.max(0, Math.floor(lambda - 9 * sd - 10));
    const hi = Math.ceil(lambda + 9 * sd + 10);
    const n = hi - lo + 1;
    if (this.cum.length < n) this.cum = new Float64Array(2 * n);
    const cum = this.cum;
    // pmf from the mode outwards by the ratio p(j+1)/p(j) = λ/(j+1) (one exp and one ln j! per step), down to lo and
    // up to hi: two chains of dependent divisions, interleaved so that the processor overlaps them; then the running
    // sums from lo (the same additions in the same order as summing on the way up)
    const mode = Math.floor(lambda);
    const pMode = Math.exp(mode * Math.log(lambda) - lambda - logFactorial(mode));
    cum[mode - lo] = pMode;
    let down = pMode;
    let upP = pMode;
    let jd = mode - 1;
    let ju = mode + 1;
    for (; jd >= lo && ju <= hi; jd--, ju++) {
      down = (down * (jd + 1)) / lambda;
      cum[jd - lo] = down;
      upP = (upP * lambda) / ju;
      cum[ju - lo] = upP;
    }
    for (; jd >= lo; jd--) {
      down = (down * (jd + 1)) / lambda;
      cum[jd - lo] = down;
    }
    for (; ju <= hi; ju++) {
      upP = (upP * lambda) / ju;
      cum[ju - lo] = upP;
    }
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += cum[i];
      cum[i] = acc;
    }
    this.total = acc;
    this.lo = lo;
    this.hi = hi;
  }
  /** P(r <= x). */
  P(x: number): number {
    if (this.lambda <= 0) return x >= 0 ? 1 : 0;
    if (!this.isPoisson) return this.lambda <= x ? 1 : 0;
    if (x >= this.hi) return 1;
    const j = Math.floor(x);
    if (j < this.lo) return 0;
    return this.cum[j - this.lo] / this.total;
  }
  /** E[r; r <= x]. */
  M1(x: number): number {
    if (this.lambda <= 0) return 0;
    if (!this.isPoisson) return this.lambda <= x ? this.lambda : 0;
    return this.lambda * this.P(x - 1);
  }
}
