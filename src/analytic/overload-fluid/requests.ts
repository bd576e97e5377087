/**
 * Steps 6–7 of the overload fluid limit for the ordinary supernodes: the requests of the step (Poisson(λ) per up
 * supernode, or exactly λ), the loads, the self-protection shutdowns and the admissions, cohort by cohort.
 *
 * Both shutdown rules (burst: load > burstFactor·cap; averaged: EWMA > cap) are monotone in the count r, so a cohort
 * splits into a shut-down part of mass P(r > x*) and survivors that carry the conditional means
 * E[attached, monitored | r <= x*] (the admission min(r, room) averaged over the same law).
 *
 * @module
 * @internal
 */
import type { OverloadParams } from '../../models/overload-params.ts';
import { MASS_FLOOR, type UpCohorts } from './cohorts.ts';
import type { RequestLaw } from './request-law.ts';
import type { SupernodePools } from './supernodes.ts';

/** The supernode side of one step: constants per quantile, and this step's totals. */
export class RequestStep {
  /** Per quantile: capacity (1 + α(u_q))·L0, admission·capacity and burstFactor·capacity (clients per supernode). */
  private readonly cap: Float64Array;
  private readonly admCap: Float64Array;
  private readonly burstCap: Float64Array;
  private readonly beta: number;
  private readonly cheapRefusal: boolean;
  private readonly splitSurvivors: boolean;
  /** Fast path: cheap refusal, Poisson spread, no split ({@link runFast}). */
  private readonly fast: boolean;
  /** Fast path, scratch of one cohort: the survival bound x*, the four look-ups P(r <= x*), P(r <= x* − 1),
   * P(r <= s), P(r <= s − 1), and E[r; r <= x*], E[r; r <= s] (λ times the second and the fourth). */
  private readonly v = new Float64Array(7);
  /** Mass of each quantile shut down by overload in this step (fast path). */
  private readonly shutQs: Float64Array;
  /** Survivors split off at r = ⌊λ⌋ (splitSurvivors): mass, attached, monitored, flat. */
  private readonly pend: number[] = [];
  // this step's login cost, refusal cost and mean count (set by run)
  private c = 0;
  private cRef = 0;
  private lambda = 0;
  // conditional part r <= x of one cohort (set by cond): probability, E[accepted; r <= x], E[load; r <= x]
  private pP = 0;
  private pAcc = 0;
  private pLoad = 0;
  /** This step's totals: accepted (fraction of C), Σ mass·load, online on supernodes, up mass, shut-down mass. */
  accepted = 0;
  loadSum = 0;
  online = 0;
  upAfter = 0;
  shut = 0;
  /** Clients whose supernode went down (fraction of C): the step's count so far plus this step's shutdowns. */
  dumped = 0;

  constructor(
    p: OverloadParams,
    private readonly up: UpCohorts,
    private readonly down: SupernodePools,
    private readonly law: RequestLaw,
    private readonly L0: number,
    splitSurvivors: boolean,
  ) {
    const Q = up.quantiles;
    this.cap = new Float64Array(Q);
    this.admCap = new Float64Array(Q);
    this.burstCap = new Float64Array(Q);
    for (let q = 0; q < Q; q++) {
      const cq = (1 + p.headroom.quantile((q + 0.5) / Q)) * L0;
      this.cap[q] = cq;
      this.admCap[q] = p.admission * cq;
      this.burstCap[q] = p.burstFactor * cq;
    }
    this.beta = p.loadWindowSeconds > 0 ? -Math.expm1(-p.stepSeconds / p.loadWindowSeconds) : 1;
    this.cheapRefusal = p.refuseCostFactor < 1;
    this.splitSurvivors = splitSurvivors;
    this.fast = this.cheapRefusal && law.isPoisson && !splitSurvivors;
    this.shutQs = new Float64Array(Q);
  }

  /**
   * Serve the step k's requests at every up cohort: login cost c, refusal cost cRef, λ requests per up supernode
   * (the law is set to λ); `dumped` is the step's count of clients dumped so far. Sets the totals.
   */
  run(k: number, c: number, cRef: number, lambda: number, dumped: number): void {
    this.c = c;
    this.cRef = cRef;
    this.lambda = lambda;
    this.accepted = 0;
    this.loadSum = 0;
    this.online = 0;
    this.upAfter = 0;
    this.shut = 0;
    this.dumped = dumped;
    if (this.fast) {
      this.runFast(k);
      return;
    }
    const pairs = (k & 7) === 0;
    for (let q = 0; q < this.up.quantiles; q++) {
      const shutQ = this.serveQuantile(q, k);
      if (shutQ > 0) {
        this.down.lag.add(q, k, shutQ);
        this.shut += shutQ;
      }
      const pend = this.pend;
      if (pend.length > 0) {
        for (let t = 0; t < pend.length; t += 3) this.up.add(q, pend[t], pend[t + 1], pend[t + 2]);
        pend.length = 0;
      }
      if (this.up.cnt[q] > 1) this.up.tidy(q, pairs);
    }
    if (this.shut > 0) this.down.lag.add(this.down.SHUT, k, this.shut);
  }

  /**
   * {@link run} with cheap refusal, the Poisson spread and no split, in one pass over the live cohorts (in quantile
   * order): per cohort the survival bound x* and the admission slots s, the four look-ups of the law
   * P(r <= x*), P(r <= x* − 1), P(r <= s), P(r <= s − 1) read inline from its table (as {@link RequestLaw.P}), and
   * the update. The same operations on the same doubles as {@link serveQuantile} (a division by P(r <= x*) = 1 is
   * skipped: x/1 = x).
   */
  private runFast(k: number): void {
    const up = this.up;
    const { cm, ca, cn, cnt } = up;
    const K = up.maxPerQuantile;
    const { beta, cRef, L0, lambda, shutQs, cap, admCap, burstCap, v } = this;
    const law = this.law;
    const { cum, total, lo, hi } = law;
    const lag = this.down.lag;
    const c1 = 1 + this.c;
    const omb = 1 - beta;
    const lamPos = lambda > 0;
    const pairs = (k & 7) === 0;
    let accepted = 0;
    let loadSum = 0;
    let online = 0;
    let upAfter = 0;
    let shut = 0;
    let dumped = this.dumped;
    for (let q = 0; q < up.quantiles; q++) {
      const cq = cap[q];
      const adm = admCap[q];
      const burst = burstCap[q];
      let shutQ = 0;
      let light = false;
      for (let j = 0, i = q * K; j < cnt[q]; j++, i++) {
        const m = cm[i];
        const att = ca[i];
        const mon = cn[i];
        // the bounds: survive iff r <= x, admission slots s
        const Lmax = Math.min((cq - omb * mon) / beta, burst);
        const s = Math.max(0, (adm - Math.max(att, mon)) / c1);
        // each value is stored into the scratch array `v` in its branch and read back: a local assigned both small
        // constants (−1, 0, 1, Infinity) and computed doubles would be boxed, one allocation per cohort and step
        if (Lmax < att) v[0] = -1;
        else if (att + c1 * s > Lmax) v[0] = (Lmax - att) / c1;
        else if (cRef > 0) v[0] = s + (Lmax - att - c1 * s) / cRef;
        else v[0] = Infinity;
        const x = v[0];
        // the look-ups P(r <= y) = 1 from y >= hi, 0 below lo, else the table (RequestLaw.P)
        if (x >= hi) v[1] = 1;
        else {
          const b = Math.floor(x);
          if (b < lo) v[1] = 0;
          else v[1] = cum[b - lo] / total;
        }
        if (x - 1 >= hi) v[2] = 1;
        else {
          const b = Math.floor(x - 1);
          if (b < lo) v[2] = 0;
          else v[2] = cum[b - lo] / total;
        }
        if (s >= hi) v[3] = 1;
        else {
          const b = Math.floor(s);
          if (b < lo) v[3] = 0;
          else v[3] = cum[b - lo] / total;
        }
        if (s - 1 >= hi) v[4] = 1;
        else {
          const b = Math.floor(s - 1);
          if (b < lo) v[4] = 0;
          else v[4] = cum[b - lo] / total;
        }
        const Ps = v[1];
        const P1 = v[2];
        const Pss = v[3];
        const Ps1 = v[4];
        if (lamPos) {
          v[5] = lambda * P1;
          v[6] = lambda * Ps1;
        } else {
          v[5] = 0;
          v[6] = 0;
        }
        const m1 = v[5];
        const Ms = v[6];
        const accS = x <= s ? m1 : Ms + s * (Ps - Pss);
        const loadS = att * Ps + c1 * accS + cRef * (m1 - accS);
        const accU = Ms + s * (1 - Pss);
        loadSum += m * (att + c1 * accU + cRef * (lambda - accU));
        const mS = m * Ps;
        const mD = m - mS;
        if (mD > 0) {
          shutQ += mD;
          dumped += (mD * att) / L0;
        }
        if (mS > 1e-300 && Ps > 1e-300) {
          const whole = Ps === 1;
          const r = whole ? accS : accS / Ps;
          const a2 = att + r;
          cm[i] = mS;
          ca[i] = a2;
          cn[i] = mon + beta * ((whole ? loadS : loadS / Ps) - mon);
          accepted += (mS * r) / L0;
          online += (mS * a2) / L0;
          upAfter += mS;
        } else {
          cm[i] = 0;
          if (mS > 0) {
            // a vanishing survivor mass (< 1e-300) is counted as shut down so that supernode mass is conserved
            lag.add(q, k, mS);
            shut += mS;
            dumped += (mS * att) / L0;
          }
        }
        if (cm[i] < MASS_FLOOR) light = true;
      }
      // the shut-down mass enters quantile q's lag after any vanishing survivor's (lag.addEach below)
      shutQs[q] = shutQ;
      if (shutQ > 0) shut += shutQ;
      // tidy merges light cohorts, and every 8 steps close pairs: with neither it would do nothing
      if (cnt[q] > 1 && (pairs || light)) up.tidy(q, pairs);
    }
    lag.addEach(k, shutQs, up.quantiles);
    if (shut > 0) lag.add(this.down.SHUT, k, shut);
    this.accepted = accepted;
    this.loadSum = loadSum;
    this.online = online;
    this.upAfter = upAfter;
    this.shut = shut;
    this.dumped = dumped;
  }

  /** The cohorts of quantile q: returns the mass shut down by overload (vanishing survivors apart). */
  private serveQuantile(q: number, k: number): number {
    const { cm, ca, cn } = this.up;
    const { beta, c, cRef, L0, law, lambda } = this;
    const c1 = 1 + c;
    const cq = this.cap[q];
    const adm = this.admCap[q];
    const burst = this.burstCap[q];
    const base = q * this.up.maxPerQuantile;
    const n = this.up.cnt[q];
    const split = this.splitSurvivors && lambda > 0 && law.isPoisson;
    let shutQ = 0;
    for (let j = 0; j < n; j++) {
      const i = base + j;
      const m = cm[i];
      const att = ca[i];
      const mon = cn[i];
      // shutdown iff the step's load exceeds Lmax (averaged rule and burst rule, both monotone in r)
      const Lmax = Math.min((cq - (1 - beta) * mon) / beta, burst);
      let xs: number; // survive iff r <= xs
      let loadU: number; // E[load]
      let sA: number; // cheap refusal: admission slots; else: admission room A0
      if (this.cheapRefusal) {
        const s = Math.max(0, (adm - Math.max(att, mon)) / c1);
        sA = s;
        if (Lmax < att) xs = -1;
        else if (att + c1 * s > Lmax) xs = (Lmax - att) / c1;
        else xs = cRef > 0 ? s + (Lmax - att - c1 * s) / cRef : Infinity;
        const accU = law.M1(s) + s * (1 - law.P(s));
        loadU = att + c1 * accU + cRef * (lambda - accU);
      } else {
        if (Lmax < att) xs = -1;
        else xs = c > 0 ? (Lmax - att) / c : Infinity;
        loadU = att + c * lambda;
        sA = adm - att;
      }
      this.cond(xs, att, sA);
      let Ps = this.pP;
      let accS = this.pAcc;
      let loadS = this.pLoad;
      let splitMass = 0;
      if (split) {
        // survivors that received more than λ requests carry a higher monitored load: keep them apart
        const xm = Math.floor(lambda);
        if (xm < xs) {
          this.cond(xm, att, sA);
          const P1 = this.pP;
          const P2 = Ps - P1;
          if (P1 > 1e-12 && P2 > 1e-12) {
            const acc2 = accS - this.pAcc;
            const load2 = loadS - this.pLoad;
            this.pend.push(m * P2, att + acc2 / P2, mon + beta * (load2 / P2 - mon));
            this.accepted += (m * acc2) / L0;
            this.online += (m * P2 * (att + acc2 / P2)) / L0;
            this.upAfter += m * P2;
            Ps = P1;
            accS = this.pAcc;
            loadS = this.pLoad;
            splitMass = m * P2;
          }
        }
      }
      this.loadSum += m * loadU;
      const mS = m * Ps;
      const mD = m - mS - splitMass;
      if (mD > 0) {
        shutQ += mD;
        this.dumped += (mD * att) / L0;
      }
      if (mS > 1e-300 && Ps > 1e-300) {
        const a2 = att + accS / Ps;
        cm[i] = mS;
        ca[i] = a2;
        cn[i] = mon + beta * (loadS / Ps - mon);
        this.accepted += (mS * (accS / Ps)) / L0;
        this.online += (mS * a2) / L0;
        this.upAfter += mS;
      } else {
        cm[i] = 0;
        if (mS > 0) {
          // a vanishing survivor mass (< 1e-300) is counted as shut down so that supernode mass is conserved
          this.down.lag.add(q, k, mS);
          this.shut += mS;
          this.dumped += (mS * att) / L0;
        }
      }
    }
    return shutQ;
  }

  /**
   * The part r <= x of a supernode with `att` attached: P(r <= x), E[accepted; r <= x] and E[load; r <= x] (into
   * pP, pAcc, pLoad). sA: with cheap refusal, the admission slots s (a refusal costs cRef); else the admission room
   * A0 = admission·cap − att (every request costs c; admitted while the load leaves room).
   */
  private cond(x: number, att: number, sA: number): void {
    const { law, c } = this;
    const P = law.P(x);
    const m1 = law.M1(x);
    this.pP = P;
    if (this.cheapRefusal) {
      const s = sA;
      const acc = x <= s ? m1 : law.M1(s) + s * (P - law.P(s));
      this.pAcc = acc;
      this.pLoad = att * P + (1 + c) * acc + this.cRef * (m1 - acc);
      return;
    }
    const A0 = sA;
    this.pLoad = att * P + c * m1;
    let acc = 0;
    if (A0 > 0) {
      const s1 = A0 / (1 + c);
      acc = law.M1(Math.min(x, s1));
      if (c > 0) {
        const top = Math.min(x, A0 / c);
        if (top > s1) acc += A0 * (law.P(top) - law.P(s1)) - c * (law.M1(top) - law.M1(s1));
      } else if (x > s1) acc += A0 * (P - law.P(s1));
    }
    this.pAcc = acc;
  }
}
