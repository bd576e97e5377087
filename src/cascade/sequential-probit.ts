/**
 * A sequential probit design for the point where a 0/1 outcome of a stochastic run becomes more likely than not
 * (the 50 % point of P(event | x)), with a profile-likelihood interval: the estimator behind the simulated overload
 * threshold (`simulatedCriticalLoss`), written for any seeded Bernoulli trial.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import { standardNormalCdf, standardNormalQuantile } from '../distributions/normal-functions.ts';

/**
 * Runs and events at one design value x.
 *
 * @category Threshold estimation
 */
export interface ProbitPoint {
  x: number;
  runs: number;
  events: number;
}

/**
 * Maximum-likelihood probit fit P(event | x) = Φ(s·(x − μ)) with a profile-likelihood interval for μ.
 *
 * @category Threshold estimation
 */
export interface ProbitFit {
  /** μ̂: the 50 % point (the middle of the gap when the data are separated). */
  location: number;
  /** ŝ = 1/σ̂ (Infinity when the outcomes are separated by x: a step). */
  slope: number;
  /** Maximised log-likelihood. */
  logLik: number;
  /** Profile-likelihood interval for μ at the requested confidence, clipped to the search domain. */
  ci: [number, number];
  /** Whether each end of `ci` was found inside the domain (false: the interval runs to the domain edge). */
  ciBounded: [boolean, boolean];
  /** True when every run below some x had no event and every run above it had one (ŝ = ∞). */
  separated: boolean;
}

const LOG_HALF = Math.log(0.5);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** √(2π) exactly as src/numerics/normal.ts writes it (its continued-fraction branch of Φ, repeated in logPhiPair). */
const SQRT_2PI = 2.5066282746310002;

/** Scratch of the likelihood's {@link logPhiPair} calls. */
const PAIR = new Float64Array(2);

/**
 * log Φ(−a) and log Φ(a) for a = |z| >= 0, bit for bit what `logPhi(-a)` and `logPhi(a)` returned when each was
 * evaluated on its own — log Φ(z), accurate in both tails: Hart's rational approximation of Φ near 0 (through
 * standardNormalCdf), Laplace's continued fraction t = a + 1/(a + 2/(a + 3/(a + …))) below −3, Φ(−a) = φ(a)/t.
 * The two share their costly part: Φ(−a) (one Hart evaluation for a < 3, so log Φ(−a) = log c and log Φ(a) =
 * log1p(−c)) and, for 3 <= a <= 6, the 60-term fraction that standardNormalCdf evaluates too. Identity with the
 * separate evaluation: test/cascade/sequential-probit-identity.test.ts (the reason it is exported).
 *
 * @internal
 * @param a - |z|.
 * @param out - receives log Φ(−a) in out[0] and log Φ(a) in out[1] (no allocation in the likelihood's inner loop).
 */
export function logPhiPair(a: number, out: Float64Array): void {
  if (a === 0) {
    // logPhi(±0) took the z >= 0 branch for both signs
    out[0] = out[1] = Math.log1p(-standardNormalCdf(-a));
    return;
  }
  if (a < 3) {
    const c = standardNormalCdf(-a);
    out[0] = Math.log(c);
    out[1] = Math.log1p(-c);
    return;
  }
  // the fraction converges faster as a grows; standardNormalCdf always takes 60 terms (0 beyond a = 38.5)
  const terms = a > 12 ? 8 : a > 6 ? 20 : 60;
  let t = a;
  for (let n = terms; n >= 1; n--) t = a + n / t;
  out[0] = -0.5 * a * a - LOG_SQRT_2PI - Math.log(t);
  out[1] = Math.log1p(-(terms === 60 ? Math.exp(-0.5 * a * a) / SQRT_2PI / t : standardNormalCdf(-a)));
}

const GOLD = (Math.sqrt(5) - 1) / 2;

/** Maximise a unimodal f on [a, b] by golden-section search; returns the argmax estimate and its value. */
function goldenMax(f: (t: number) => number, a: number, b: number, tol: number): [number, number] {
  let c = b - GOLD * (b - a);
  let d = a + GOLD * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLD * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLD * (b - a);
      fd = f(d);
    }
  }
  return fc >= fd ? [c, fc] : [d, fd];
}

/**
 * Fit P(event | x) = Φ(s·(x − μ)), s ≥ 0, by (penalised) maximum likelihood and give the profile-likelihood
 * interval for μ.
 *
 * @param points - runs and events per design value (several entries at the same x are pooled).
 * @param options - `confidence` (default 0.95), the search `domain` [lo, hi] for μ (default the range of x) and the
 *   `penalty` ('firth', the default, or 'none').
 * @returns the fit, or null when no run or every run had the same outcome (μ is then not identified).
 * @throws FragilityInputError naming `points[i]`, `confidence` or `domain`.
 *
 * @complexity O(U·(G_μ + 2B)·G_s) for U distinct x values, G_μ ≈ 35 golden steps over μ, B ≈ 25 bisection steps
 * per interval end and G_s ≈ 25 golden steps over log s per profile evaluation (tens of milliseconds for U = 50).
 *
 * @model log-likelihood ℓ(μ, s) = Σ k_i log Φ(s(x_i − μ)) + (n_i − k_i) log Φ(−s(x_i − μ)), plus with
 * 'firth' the Jeffreys penalty ½ log det I(a, b) of the probit information in the linear parametrisation
 * a + b·x (b = s, a = −sμ), I = Σ n_i w_i (1, x_i)ᵀ(1, x_i), w = φ(η)²/(Φ(η)Φ(−η)). Profile ℓ_p(μ) = sup_s ℓ(μ, s);
 * interval {μ : 2(ℓ̂ − ℓ_p(μ)) ≤ χ²₁(confidence)} (Wilks), endpoints by bisection. Why the penalty: a sequential
 * design stops when the interval first looks narrow, which selects runs of luck that overstate the slope; unpenalised,
 * the interval covered the true 50 % point in only 86 % of 200 synthetic designs (probit width 0.02), and in small
 * samples the outcomes are often separated (no overlap between the x of runs without and with an event: ŝ = ∞). The
 * penalty keeps ŝ finite and brought the coverage to 93.5–100 % (test/cascade/sequential-probit.test.ts). Without it
 * ('none'), s = ∞ (a step) is allowed and separated data give ℓ̂ = 0 on the whole gap with μ̂ its middle. ℓ is
 * concave in s for fixed μ and the superlevel sets of the unpenalised ℓ_p are intervals (images of convex sets under
 * μ = −a/b), so golden-section searches find the optimum; the penalised profile is treated the same way.
 *
 * @references D. J. Finney, *Probit Analysis*, 3rd ed. (Cambridge, 1971); D. Firth, Biometrika 80, 27 (1993),
 * doi:10.1093/biomet/80.1.27; G. Heinze, M. Schemper, Stat. Med. 21, 2409 (2002), doi:10.1002/sim.1047 (profile
 * penalised-likelihood intervals under separation); D. J. Venzon, S. H. Moolgavkar, Appl. Stat. 37, 87 (1988),
 * doi:10.2307/2347496; A. Albert, J. A. Anderson, Biometrika 71, 1 (1984), doi:10.1093/biomet/71.1.1 (separation).
 *
 * @example
 * ```ts
 * const fit = probitProfileFit([{ x: 0.1, runs: 10, events: 2 }, { x: 0.12, runs: 10, events: 6 }, { x: 0.14, runs: 10, events: 9 }]);
 * fit!.location; // ≈ 0.116
 * ```
 *
 * @category Threshold estimation
 */
export function probitProfileFit(
  points: readonly ProbitPoint[],
  options: { confidence?: number; domain?: [number, number]; penalty?: 'firth' | 'none' } = {},
): ProbitFit | null {
  const conf = options.confidence ?? 0.95;
  if (!(typeof conf === 'number' && conf > 0 && conf < 1))
    throw new FragilityInputError('confidence', conf, 'a number in (0, 1)');
  // pool by x
  const byX = new Map<number, [number, number]>();
  points.forEach((p, i) => {
    if (
      !(
        Number.isFinite(p.x) &&
        Number.isInteger(p.runs) &&
        p.runs >= 0 &&
        Number.isInteger(p.events) &&
        p.events >= 0 &&
        p.events <= p.runs
      )
    ) {
      throw new FragilityInputError(`points[${i}]`, p, 'finite x and integers 0 <= events <= runs');
    }
    if (p.runs === 0) return;
    const q = byX.get(p.x) ?? [0, 0];
    q[0] += p.runs;
    q[1] += p.events;
    byX.set(p.x, q);
  });
  const keys = [...byX.keys()].sort((a, b) => a - b);
  const U = keys.length;
  if (U === 0) return null;
  const xs = Float64Array.from(keys);
  const ns = Float64Array.from(keys, (x) => byX.get(x)![0]);
  const ks = Float64Array.from(keys, (x) => byX.get(x)![1]);
  let N = 0;
  let K = 0;
  for (let i = 0; i < U; i++) {
    N += ns[i];
    K += ks[i];
  }
  if (K === 0 || K === N) return null;
  const domain = options.domain ?? [xs[0], xs[U - 1]];
  if (
    !(
      Array.isArray(domain) &&
      domain.length === 2 &&
      Number.isFinite(domain[0]) &&
      Number.isFinite(domain[1]) &&
      domain[0] <= domain[1]
    )
  ) {
    throw new FragilityInputError('domain', domain, 'a finite interval [lo, hi] with lo <= hi');
  }
  const [dLo, dHi] = [Math.min(domain[0], xs[0]), Math.max(domain[1], xs[U - 1])];
  const width = Math.max(dHi - dLo, 1e-12);

  const firth = (options.penalty ?? 'firth') === 'firth';
  const ll = (mu: number, s: number): number => {
    if (s === 0) return firth ? -Infinity : N * LOG_HALF;
    let l = 0;
    if (s === Infinity) {
      if (firth) return -Infinity;
      for (let i = 0; i < U; i++) {
        const d = xs[i] - mu;
        if (d > 0) {
          if (ks[i] < ns[i]) return -Infinity;
        } else if (d < 0) {
          if (ks[i] > 0) return -Infinity;
        } else l += ns[i] * LOG_HALF;
      }
      return l;
    }
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < U; i++) {
      const z = s * (xs[i] - mu);
      logPhiPair(Math.abs(z), PAIR);
      // log Φ(z) and log Φ(−z)
      const lp = z >= 0 ? PAIR[1] : PAIR[0];
      const lq = z >= 0 ? PAIR[0] : PAIR[1];
      if (ks[i] > 0) l += ks[i] * lp;
      if (ks[i] < ns[i]) l += (ns[i] - ks[i]) * lq;
      if (firth) {
        // probit weight φ(z)²/(Φ(z)Φ(−z)), in logs for the tails
        const w = ns[i] * Math.exp(-z * z - 2 * LOG_SQRT_2PI - lp - lq);
        const xc = xs[i] - xs[0];
        s0 += w;
        s1 += w * xc;
        s2 += w * xc * xc;
      }
    }
    if (firth) l += 0.5 * Math.log(Math.max(s0 * s2 - s1 * s1, 0));
    return l;
  };
  // s ranges over widths σ = 1/s from 1e3·width down to 1e-9·width, plus the two limits 0 and ∞.
  const tLo = Math.log(1e-3 / width);
  const tHi = Math.log(1e9 / width);
  const profile = (mu: number): [number, number] => {
    const [t, v] = goldenMax((t) => ll(mu, Math.exp(t)), tLo, tHi, 1e-3);
    let best = v;
    let s = Math.exp(t);
    const l0 = ll(mu, 0);
    if (l0 > best) [best, s] = [l0, 0];
    const lInf = ll(mu, Infinity);
    if (lInf >= best) [best, s] = [lInf, Infinity];
    return [best, s];
  };

  // separation: every no-event run at x < every event run's x
  let maxNo = -Infinity;
  let minYes = Infinity;
  for (let i = 0; i < U; i++) {
    if (ks[i] < ns[i]) maxNo = Math.max(maxNo, xs[i]);
    if (ks[i] > 0) minYes = Math.min(minYes, xs[i]);
  }
  const separated = maxNo < minYes;
  const q = standardNormalQuantile(0.5 + conf / 2) ** 2;
  const finish = (mu: number, best: number, slope: number): ProbitFit => {
    const level = best - q / 2;
    const end = (dir: 1 | -1): [number, boolean] => {
      const edge = dir > 0 ? dHi : dLo;
      if (profile(edge)[0] >= level) return [edge, false];
      let inside = mu;
      let outside = edge;
      for (let it = 0; it < 60 && Math.abs(outside - inside) > 1e-7 * width; it++) {
        const m = (inside + outside) / 2;
        if (profile(m)[0] >= level) inside = m;
        else outside = m;
      }
      return [(inside + outside) / 2, true];
    };
    const [lo, loB] = end(-1);
    const [hi, hiB] = end(1);
    return { location: mu, slope, logLik: best, ci: [lo, hi], ciBounded: [loB, hiB], separated };
  };
  if (separated && !firth) return finish((maxNo + minYes) / 2, 0, Infinity);
  const [m] = goldenMax((m) => profile(m)[0], xs[0], xs[U - 1], 1e-7 * width);
  const [best, slope] = profile(m);
  return finish(m, best, slope);
}

/**
 * Options of {@link sequentialProbitThreshold}.
 *
 * @category Threshold estimation
 */
export interface SequentialProbitOptions {
  /** Seed (default 1): echoed; run r of the design is `trial(x, r)`, which must draw `stream(seed, r)`. */
  seed?: number;
  /** Range of x searched (default [0, 1]); the first round is an even grid over it. */
  domain?: [number, number];
  /** Runs per round (default 12); every round has exactly this many runs, fixed before any of them starts. */
  batch?: number;
  /** Run budget (default 480): no round starts that would exceed it. */
  maxRuns?: number;
  /** Stop once the interval's half-width is at most this (default 0.01). */
  targetHalfWidth?: number;
  /** Confidence of the interval (default 0.95). */
  confidence?: number;
  /** Lattice spacing of x (default 0 = continuous): design values are rounded to multiples of it. */
  grid?: number;
  /** Likelihood penalty of the fit (default 'firth'; see {@link probitProfileFit}). */
  penalty?: 'firth' | 'none';
}

/**
 * Result of {@link sequentialProbitThreshold}.
 *
 * @category Threshold estimation
 */
export interface SequentialProbitResult {
  /** The 50 % point μ̂ (null when every run had the same outcome, see `reason`). */
  location: number | null;
  /** Its profile-likelihood interval (null with location). */
  ci: [number, number] | null;
  /** (ci[1] − ci[0]) / 2; Infinity when an end of the interval ran to the domain edge. */
  halfWidth: number;
  targetMet: boolean;
  /** ŝ (1/σ̂ of the probit; Infinity when the outcomes are separated). */
  slope: number | null;
  separated: boolean;
  runs: number;
  rounds: number;
  /** Per distinct x, sorted: runs and events. */
  points: ProbitPoint[];
  seed: number;
  /** Why location is null or why the target was not met. */
  reason?: string;
}

/**
 * The design of one round: `batch` values of x, fixed before any of its runs starts (so a round can be sharded).
 *
 * @param round - round number (0 = the bracketing grid).
 * @param fit - the fit after the previous rounds (ignored in round 0).
 * @param domain - the searched range.
 * @param batch - runs in the round.
 * @param grid - lattice spacing (0 = none).
 * @returns the x of each run, in run order.
 *
 * @complexity O(batch).
 *
 * @model round 0: an even grid x_j = lo + (hi − lo)·j/(batch − 1). Later rounds: the runs spread evenly over
 * the current interval, x_j = ci_lo + (ci_hi − ci_lo)·(j + ½)/batch: where the outcomes are still separated this is a
 * (batch + 1)-section of the gap; where they overlap it concentrates the runs near μ̂, where a run carries most
 * information about μ (the probit Fisher information for μ is largest at x = μ).
 *
 * @references B. T. Neyer, Technometrics 36, 61 (1994), doi:10.1080/00401706.1994.10485401 (sequential designs
 * for sensitivity tests).
 *
 * @example
 * ```ts
 * designRound(0, null, [0, 0.5], 11, 0); // [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
 * ```
 *
 * @category Threshold estimation
 */
export function designRound(
  round: number,
  fit: ProbitFit | null,
  domain: [number, number],
  batch: number,
  grid: number,
): number[] {
  const [lo, hi] = round === 0 || fit === null ? domain : fit.ci;
  const xs: number[] = [];
  for (let j = 0; j < batch; j++) {
    let x =
      round === 0 || fit === null
        ? batch === 1
          ? (lo + hi) / 2
          : lo + ((hi - lo) * j) / (batch - 1)
        : lo + ((hi - lo) * (j + 0.5)) / batch;
    if (grid > 0) x = Math.round(x / grid) * grid;
    xs.push(Math.min(domain[1], Math.max(domain[0], x)));
  }
  return xs;
}

/**
 * One round of a sequential probit design: its x values, fixed before any of its runs starts.
 *
 * @category Threshold estimation
 */
export interface ProbitRound {
  /** Round number (0 = the bracketing grid). */
  round: number;
  /** Index of the round's first run: run `firstRun + j` is at `xs[j]` and must draw `stream(seed, firstRun + j)`. */
  firstRun: number;
  /** The x of each run, in run order. */
  xs: number[];
}

/**
 * The options both probit designs share, checked: target half-width, confidence, domain and lattice step.
 *
 * @param options - the design's options.
 * @returns the values with their defaults (0.01, 0.95, [0, 1], 0).
 * @throws FragilityInputError naming `targetHalfWidth`, `confidence`, `domain` or `grid`.
 */
function checkDesignOptions(options: {
  targetHalfWidth?: number;
  confidence?: number;
  domain?: [number, number];
  grid?: number;
}): {
  target: number;
  conf: number;
  domain: [number, number];
  grid: number;
} {
  const target = checkNumber('targetHalfWidth', options.targetHalfWidth ?? 0.01, 0, Infinity);
  const conf = options.confidence ?? 0.95;
  if (!(typeof conf === 'number' && conf > 0 && conf < 1))
    throw new FragilityInputError('confidence', conf, 'a number in (0, 1)');
  const domain = options.domain ?? [0, 1];
  if (
    !(
      Array.isArray(domain) &&
      domain.length === 2 &&
      Number.isFinite(domain[0]) &&
      Number.isFinite(domain[1]) &&
      domain[0] < domain[1]
    )
  ) {
    throw new FragilityInputError('domain', domain, 'a finite interval [lo, hi] with lo < hi');
  }
  const grid = checkNumber('grid', options.grid ?? 0, 0, domain[1] - domain[0]);
  return { target, conf, domain, grid };
}

/**
 * The sequential probit design as a generator of rounds: it yields each round ({@link ProbitRound}), expects the
 * round's outcomes (`true` = event, in run order) back from `next(outcomes)`, and returns the result. A round is a
 * fixed function of the previous rounds' outcomes, so whoever runs the trials (this thread, worker threads, a job
 * queue on many machines) gets the same design and the same result: {@link sequentialProbitThreshold} drives it with
 * a synchronous trial, the queue coordinator (src/queue) with remote runs.
 *
 * @param options - {@link SequentialProbitOptions}.
 * @returns a generator: yields rounds, receives outcomes, returns {@link SequentialProbitResult}.
 * @throws FragilityInputError (at the first `next()`, before any round) naming `batch`, `maxRuns`,
 *   `targetHalfWidth`, `domain`, `grid`, `seed`, `confidence`; and naming `outcomes` when a round's outcomes are not
 *   `batch` booleans.
 *
 * @complexity one fit per round (see {@link probitProfileFit}).
 *
 * @model as {@link sequentialProbitThreshold}.
 *
 * @references Neyer (1994); Venzon & Moolgavkar (1988).
 *
 * @example
 * ```ts
 * const trial = (x: number, i: number) => stream(1, i).next() < standardNormalCdf((x - 0.3) / 0.02);
 * const d = sequentialProbitDesign({ seed: 1 });
 * let step = d.next();
 * while (!step.done) step = d.next(step.value.xs.map((x, j) => trial(x, step.value.firstRun + j)));
 * step.value.location; // ≈ 0.3 (the 50 % point of the trial)
 * ```
 *
 * @category Threshold estimation
 */
export function* sequentialProbitDesign(
  options: SequentialProbitOptions = {},
): Generator<ProbitRound, SequentialProbitResult, boolean[]> {
  const seed = checkInteger('seed', options.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const batch = checkInteger('batch', options.batch ?? 12, 2, 100_000);
  const maxRuns = checkInteger('maxRuns', options.maxRuns ?? 480, 2 * batch, 1e9);
  const { target, conf, domain, grid } = checkDesignOptions(options);

  const tally = new Map<number, [number, number]>();
  let runs = 0;
  let rounds = 0;
  let fit: ProbitFit | null = null;
  const points = (): ProbitPoint[] =>
    [...tally.entries()].sort((a, b) => a[0] - b[0]).map(([x, [n, k]]) => ({ x, runs: n, events: k }));
  const halfOf = halfWidthOf;
  while (runs + batch <= maxRuns) {
    const xs = designRound(rounds, fit, domain, batch, grid);
    const outcomes: boolean[] = yield { round: rounds, firstRun: runs, xs };
    if (!Array.isArray(outcomes) || outcomes.length !== batch || !outcomes.every((o) => typeof o === 'boolean')) {
      throw new FragilityInputError('outcomes', outcomes, `${batch} booleans, one per run of round ${rounds}`);
    }
    for (let j = 0; j < batch; j++) {
      const q = tally.get(xs[j]) ?? [0, 0];
      q[0]++;
      q[1] += outcomes[j] ? 1 : 0;
      tally.set(xs[j], q);
    }
    runs += batch;
    rounds++;
    fit = probitProfileFit(points(), { confidence: conf, domain, penalty: options.penalty ?? 'firth' });
    if (fit === null) {
      if (rounds === 1) break; // the bracketing grid saw one outcome only: nothing to refine
      continue;
    }
    if (rounds >= 2 && halfOf(fit) <= target) break;
  }
  return probitResult(points(), fit, {
    runs,
    rounds,
    seed,
    domain,
    target,
    unmet: (hw) =>
      `run budget of ${maxRuns} spent before the half-width reached ${target} (it is ${Number.isFinite(hw) ? hw.toPrecision(3) : 'unbounded'})`,
  });
}

/** Half-width of a fit's interval (Infinity when an end ran to the domain edge or there is no fit). */
function halfWidthOf(f: ProbitFit | null): number {
  return f === null || !f.ciBounded[0] || !f.ciBounded[1] ? Infinity : (f.ci[1] - f.ci[0]) / 2;
}

/** The result of a design from its pooled points and final fit (shared by the sequential and the fixed design). */
function probitResult(
  pts: ProbitPoint[],
  fit: ProbitFit | null,
  o: {
    runs: number;
    rounds: number;
    seed: number;
    domain: [number, number];
    target: number;
    unmet: (hw: number) => string;
  },
): SequentialProbitResult {
  const hw = halfWidthOf(fit);
  const base = {
    runs: o.runs,
    rounds: o.rounds,
    points: pts,
    seed: o.seed,
    halfWidth: hw,
    targetMet: fit !== null && hw <= o.target,
  };
  if (fit === null) {
    const any = pts.some((p) => p.events > 0);
    return {
      ...base,
      location: null,
      ci: null,
      slope: null,
      separated: false,
      reason: any
        ? `every run had the event, down to x = ${o.domain[0]}`
        : `no run had the event, up to x = ${o.domain[1]}`,
    };
  }
  const out: SequentialProbitResult = {
    ...base,
    location: fit.location,
    ci: fit.ci,
    slope: fit.slope,
    separated: fit.separated,
  };
  if (!out.targetMet) out.reason = o.unmet(hw);
  return out;
}

/**
 * Options of {@link fixedProbitDesign}.
 *
 * @category Threshold estimation
 */
export interface FixedProbitOptions {
  /** Seed (default 1): echoed; run r must draw `stream(seed, r)`. */
  seed?: number;
  /** Range of x (default [0, 1]): the grid spans it and the fit's interval is clipped to it. */
  domain?: [number, number];
  /** Number of distinct design values (default 21), an even grid over the domain. */
  points?: number;
  /** Runs per design value (default 24). */
  runsPerPoint?: number;
  /** Lattice spacing of x (default 0): design values are rounded to multiples of it, as in the sequential design. */
  grid?: number;
  /** Half-width reported against (default 0.01): `targetMet` says whether the interval is that narrow. */
  targetHalfWidth?: number;
  /** Confidence of the interval (default 0.95). */
  confidence?: number;
  /** Likelihood penalty of the fit (default 'firth'; see {@link probitProfileFit}). */
  penalty?: 'firth' | 'none';
}

/**
 * A fixed (non-adaptive) design for the same 50 % point: `points` evenly spaced values of x over the domain,
 * `runsPerPoint` runs at each, one round fixed in advance (so it can be cut into shards before any run), then the
 * same penalised probit fit and profile-likelihood interval as the sequential design ({@link probitProfileFit}).
 * Run r = k·runsPerPoint + j is at the k-th value.
 *
 * @param options - {@link FixedProbitOptions}.
 * @returns a generator: yields the one round, receives its outcomes, returns {@link SequentialProbitResult}
 *   (`rounds` = 1).
 * @throws FragilityInputError (at the first `next()`) naming `points`, `runsPerPoint`, `domain`, `grid`, `seed`,
 *   `targetHalfWidth`, `confidence`; naming `outcomes` when they are not one boolean per run.
 *
 * @complexity points × runsPerPoint trials and one fit.
 *
 * @model the grid is {@link designRound}'s bracketing round with `points` values (x_k = lo + (hi − lo)·k/(points − 1),
 * rounded to the lattice); unlike the sequential design no run is placed from earlier outcomes, so the interval is
 * not the optimistic one of a design that stops when it first looks narrow — but a grid spends most runs far from μ,
 * so it needs more runs for the same half-width.
 *
 * @references D. J. Finney, *Probit Analysis*, 3rd ed. (Cambridge, 1971) (fixed-dose probit designs); Firth (1993).
 *
 * @example
 * ```ts
 * const d = fixedProbitDesign({ domain: [0, 0.5], points: 11, runsPerPoint: 10 });
 * const round = d.next().value as ProbitRound;
 * round.xs.length; // 110 (11 losses × 10 runs, fixed before any outcome)
 * ```
 *
 * @category Threshold estimation
 */
export function* fixedProbitDesign(
  options: FixedProbitOptions = {},
): Generator<ProbitRound, SequentialProbitResult, boolean[]> {
  const seed = checkInteger('seed', options.seed ?? 1, -(2 ** 53 - 1), 2 ** 53 - 1);
  const k = checkInteger('points', options.points ?? 21, 2, 100_000);
  const per = checkInteger('runsPerPoint', options.runsPerPoint ?? 24, 1, 1e7);
  const { target, conf, domain, grid } = checkDesignOptions(options);
  const values = designRound(0, null, domain, k, grid);
  const xs = values.flatMap((x) => Array.from({ length: per }, () => x));
  const outcomes: boolean[] = yield { round: 0, firstRun: 0, xs };
  if (!Array.isArray(outcomes) || outcomes.length !== xs.length || !outcomes.every((o) => typeof o === 'boolean')) {
    throw new FragilityInputError('outcomes', outcomes, `${xs.length} booleans, one per run of the grid`);
  }
  const tally = new Map<number, [number, number]>();
  xs.forEach((x, j) => {
    const q = tally.get(x) ?? [0, 0];
    q[0]++;
    q[1] += outcomes[j] ? 1 : 0;
    tally.set(x, q);
  });
  const pts = [...tally.entries()].sort((a, b) => a[0] - b[0]).map(([x, [n, e]]) => ({ x, runs: n, events: e }));
  const fit = probitProfileFit(pts, { confidence: conf, domain, penalty: options.penalty ?? 'firth' });
  return probitResult(pts, fit, {
    runs: xs.length,
    rounds: 1,
    seed,
    domain,
    target,
    unmet: (hw) =>
      `the fixed grid of ${k} × ${per} runs gives a half-width of ${Number.isFinite(hw) ? hw.toPrecision(3) : 'unbounded'}, above ${target} (more runs per point narrow it)`,
  });
}

/**
 * Locate the 50 % point of a seeded Bernoulli trial adaptively: rounds of `batch` runs, each placed from a
 * maximum-likelihood probit fit of all runs so far, until the profile-likelihood interval is narrow enough or the
 * run budget is spent.
 *
 * @param trial - `trial(x, r)`: one run at x; run r must draw `stream(seed, r)` (r counts every run of the design).
 * @param options - {@link SequentialProbitOptions}.
 * @returns {@link SequentialProbitResult}.
 * @throws FragilityInputError naming `batch`, `maxRuns`, `targetHalfWidth`, `domain`, `grid`, `seed`, `confidence`.
 *
 * @complexity at most maxRuns trials plus one fit per round (see {@link probitProfileFit}).
 *
 * @model round 0 is an even grid over the domain (the bracketing pass); round j ≥ 1 spreads its runs over the
 * interval of the fit after round j − 1 ({@link designRound}); P(event | x) = Φ(s(x − μ)) by maximum likelihood,
 * interval by profile likelihood ({@link probitProfileFit}). The design depends only on earlier outcomes, so the
 * whole result depends only on the seed; within a round the runs are independent (shardable: see
 * {@link sequentialProbitDesign}, which this function drives). Stopping when the half-width first reaches the target
 * makes the interval slightly optimistic (a sequential test), which the coverage test of this file measures.
 *
 * @references Neyer (1994); Venzon & Moolgavkar (1988); C. F. J. Wu, JASA 80, 974 (1985),
 * doi:10.1080/01621459.1985.10478213 (efficient sequential designs for binary data).
 *
 * @example
 * ```ts
 * const r = sequentialProbitThreshold((x, i) => stream(1, i).next() < standardNormalCdf((x - 0.3) / 0.02), { seed: 1 });
 * r; // { location: ≈ 0.3, halfWidth: <= 0.01 }
 * ```
 *
 * @category Threshold estimation
 */
export function sequentialProbitThreshold(
  trial: (x: number, run: number) => boolean,
  options: SequentialProbitOptions = {},
): SequentialProbitResult {
  const design = sequentialProbitDesign(options);
  let step = design.next();
  while (!step.done) {
    const { xs, firstRun } = step.value;
    step = design.next(xs.map((x, j) => trial(x, firstRun + j)));
  }
  return step.value;
}
