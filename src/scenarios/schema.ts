/**
 * The scenario file format: a JSON document describing a two-tier overlay, the trigger that hit it, how clients and
 * supernodes behave, the levers that were (or could have been) pulled, a list of what-ifs, and the Monte Carlo
 * settings. Validated with zod; every error is one line that names the field path, the value and the allowed range,
 * e.g. `scenario.trigger.clientCrashProb: 1.4 is not allowed; expected a number in [0, 1]`.
 *
 * The field-by-field documentation, with the calibration source of every default, is docs/scenarios.md.
 *
 * @module
 */
import { z } from 'zod';
import { FragilityInputError } from '../errors.ts';
import { parseCapacityLaw, parseDegreeLaw } from '../distributions/parse.ts';

// ---------------------------------------------------------------------------------------------------------------
// Leaf helpers: each carries its "allowed" text as the zod error message, so the formatter can print it verbatim.

function rangeText(kind: 'a number' | 'an integer', min: number, max: number): string {
  if (max === Infinity) return `${kind} >= ${min}`;
  return `${kind} in [${min}, ${max}]`;
}

/** A finite number in [min, max]. */
function num(min: number, max = Infinity) {
  const allowed = rangeText('a number', min, max);
  let s = z.number({ error: allowed }).min(min, { error: allowed });
  if (max !== Infinity) s = s.max(max, { error: allowed });
  return s;
}

/** An integer in [min, max]. */
function int(min: number, max = Infinity) {
  const allowed = rangeText('an integer', min, max);
  let s = z.number({ error: allowed }).int({ error: allowed }).min(min, { error: allowed });
  if (max !== Infinity) s = s.max(max, { error: allowed });
  return s;
}

/** A number (or integer) in [min, max], or null; every error says that null is allowed and what it means. */
function numOrNull(kind: 'a number' | 'an integer', min: number, max: number, nullMeaning: string) {
  const allowed = `${rangeText(kind, min, max)}, or null for ${nullMeaning}`;
  let s = z.number({ error: allowed }).min(min, { error: allowed });
  if (kind === 'an integer') s = s.int({ error: allowed });
  if (max !== Infinity) s = s.max(max, { error: allowed });
  return z.union([s, z.null()], { error: allowed });
}

/** A probability. */
const prob = () => num(0, 1);

/** A number of hours >= 0, or null for "never". */
const hoursOrNever = () => z.union([num(0), z.null()], { error: 'a number of hours >= 0, or null for never' });

/** The allowed text, plus the parser's own message when it is short enough to stay readable on one line. */
function withDetail(allowed: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.length <= 100 ? `${allowed} (${msg})` : allowed;
}

const degreeLawText = 'a degree law such as "regular(32)", "poisson(32)" or "powerlaw(2.5,kmin=2,kmax=200)"';
const degreeLaw = () =>
  z.string({ error: degreeLawText }).superRefine((v, ctx) => {
    try {
      parseDegreeLaw(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: withDetail(degreeLawText, err) });
    }
  });

const headroomText =
  'a capacity law of the headroom alpha >= 0, such as "uniform(0.25,0.75)" or "weibull(2,scale=0.5)"';
const headroomLaw = () =>
  z.string({ error: headroomText }).superRefine((v, ctx) => {
    try {
      const law = parseCapacityLaw(v);
      if (!(law.lo >= 0)) throw new Error('its support must start at alpha >= 0');
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: withDetail(headroomText, err) });
    }
  });

/** Is `s` an ISO 8601 date (`2010-12-22`) or date-time (`2010-12-22T16:30:00Z`, offsets too) that exists? */
function isIsoDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))?)?$/.exec(
    s,
  );
  if (!m) return false;
  const [y, mo, d, h = '0', mi = '0', sec = '0', oh = '0', om = '0'] = m
    .slice(1)
    .map((x) => x ?? undefined) as string[];
  const days = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate(); // days in month mo (1-based)
  return (
    Number(mo) >= 1 &&
    Number(mo) <= 12 &&
    Number(d) >= 1 &&
    Number(d) <= days &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(sec) <= 59 &&
    Number(oh) <= 23 &&
    Number(om) <= 59
  );
}

/** Own keys a JSON document may carry but a JavaScript object cannot hold as data (`__proto__` sets the prototype). */
const FORBIDDEN_KEYS = new Set(['__proto__']);

/**
 * Report every `__proto__` key inside `value` (a what-if's `set`), with its path: merged into the scenario it would
 * replace the prototype of the object instead of a field, i.e. vanish silently. Iterative (no recursion on deep input).
 */
function forbidPrototypeKeys(
  value: unknown,
  ctx: { addIssue(i: { code: 'custom'; path: PropertyKey[]; message: string }): void },
): void {
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, k],
          message: 'no field named __proto__ (it cannot be set; it would be dropped silently)',
        });
      } else stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, Array.isArray(v) ? Number(k) : k] });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The schema.

const retrySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('fixed'), minSeconds: num(0), maxSeconds: num(0.001), jitter: num(0, 0.99) }),
    z.strictObject({ kind: z.literal('exponential-full-jitter'), baseSeconds: num(0.001), capSeconds: num(0.001) }),
    z.strictObject({
      kind: z.literal('grpc'),
      initialSeconds: num(0.001),
      multiplier: num(1, 100),
      jitter: num(0, 0.99),
      maxSeconds: num(0.001),
    }),
  ],
  { error: "a retry policy with kind 'fixed', 'exponential-full-jitter' or 'grpc'" },
);

const waveSchema = z.strictObject({
  atHours: num(0, 24 * 365),
  count: int(0, 1_000_000),
  /** Capacity brought in linearly over this many hours (row 30); absent = at once. */
  overHours: num(0, 24 * 365).optional(),
});

/** The overlay: population and topology at scale 1. */
const overlaySchema = z.strictObject({
  clients: int(1, 1e9),
  supernodes: int(1, 1e7),
  coreLaw: degreeLaw(),
  cacheSize: int(1, 200),
  choice: z.enum(['uniform', 'capacity'], { error: "'uniform' or 'capacity'" }),
});

const triggerSchema = z.strictObject({
  description: z.string({ error: 'a string' }).optional(),
  buggyShare: prob(),
  clientCrashProb: prob(),
  supernodeCrashShare: prob(),
  durationMinutes: num(0, 24 * 60),
});

const clientSchema = z.strictObject({
  restartProb: prob(),
  restartMedianSeconds: num(0, 86_400),
  restartSigma: num(0, 10),
  crashedReturnHours: hoursOrNever(),
  detectionMedianSeconds: num(0, 86_400),
  detectionSigma: num(0, 10),
  retry: retrySchema,
  maxAttempts: z.union([int(1, 1000), z.null()], { error: 'an integer in [1, 1000], or null for never giving up' }),
  goneReturnHours: hoursOrNever(),
  /** Host-cache entries probed per login attempt; null = the whole cache (OverloadParams.probesPerAttempt). */
  probesPerAttempt: numOrNull('an integer', 1, 100_000, 'the whole host cache'),
  /** Users who give up and come back hours later (row 27, OverloadParams.abandon); absent or null = off. */
  abandon: z
    .union([z.strictObject({ share: prob(), meanHours: num(0.01, 720), stages: int(1, 12) }), z.null()], {
      error: '{ share, meanHours, stages } or null for off',
    })
    .optional(),
});

const supernodeSchema = z.strictObject({
  headroom: headroomLaw(),
  loginCost: num(0, 1e6),
  rejoinMinutes: z.strictObject({ min: num(0, 1e5), max: num(0, 1e5) }),
  admission: num(0, 1),
  /** Time constant (s) of the load average the self-shutdown rule watches; 0 = the per-step load. */
  loadWindowSeconds: num(0, 86_400),
  /** Instant shutdown above burstFactor × capacity in one step; null = no burst rule. */
  burstFactor: numOrNull('a number', 1, Infinity, 'no burst rule'),
  /** Cost of a refused login relative to an accepted one; 1 = the per-step admission rule. */
  refuseCostFactor: num(0, 1),
  /** Re-promotion after the lag, hazard online/m per hour (row 28, OverloadParams.promotion); absent or null = off. */
  promotionMeanHours: numOrNull('a number', 0.001, 720, 'no promotion step').optional(),
});

const leversSchema = z.strictObject({
  autoUpdateCoverage: prob(),
  megaSupernodes: z.strictObject({
    waves: z.array(waveSchema, { error: 'an array of { atHours, count }' }).max(100, { error: 'at most 100 waves' }),
    capacityClients: num(0, 1e9),
    /** Login-request load on a mega-supernode as a fraction of loginCost (0 = client capacity only). */
    loginCostFactor: num(0, 1),
    share: prob(),
    withdrawAtHours: hoursOrNever(),
    withdrawFraction: prob(),
    withdrawOverHours: num(0, 1000),
    /** New clients per second per mega-supernode (row 29); absent or null = no limit. */
    admitPerSecond: numOrNull('a number', 1e-6, 1e9, 'no limit').optional(),
  }),
  shedding: z.strictObject({ atHours: hoursOrNever(), loginCostFactor: num(0, 100) }),
});

const montecarloSchema = z.strictObject({
  scale: num(1e-6, 1),
  durationHours: num(0.1, 24 * 30),
  stepSeconds: num(0.5, 3600),
  timelineRuns: int(1, 1000),
  whatIfRuns: int(1, 1000),
  collapse: z.strictObject({
    runs: int(1, 10_000),
    losses: z
      .array(prob(), { error: 'an array of supernode losses in [0, 1]' })
      .min(2, { error: 'at least 2 losses' })
      .max(200, { error: 'at most 200 losses' }),
    durationHours: num(0.1, 48),
  }),
  phase: z.strictObject({
    runs: int(1, 1000),
    losses: z
      .array(prob(), { error: 'an array of supernode losses in [0, 1]' })
      .min(2, { error: 'at least 2 losses' })
      .max(100, { error: 'at most 100 losses' }),
    headrooms: z
      .array(num(0.01, 100), { error: 'an array of mean headrooms alpha >= 0.01' })
      .min(2, { error: 'at least 2 headrooms' })
      .max(100, { error: 'at most 100 headrooms' }),
  }),
  connectivity: z.strictObject({
    runs: int(2, 10_000),
    grid: z
      .array(prob(), { error: 'an array of supernode losses in [0, 1]' })
      .min(2, { error: 'at least 2 grid points' })
      .max(1001, { error: 'at most 1001 grid points' }),
    minSupernodes: int(10, 1e7),
    maxClients: int(1, 1e8),
  }),
  /** Optional: the metastability map (trigger sizes × headroom factors) and the recovery injection times. */
  metastability: z
    .strictObject({
      losses: z
        .array(prob(), { error: 'an array of supernode losses in [0, 1]' })
        .min(1, { error: 'at least 1 loss' })
        .max(50, { error: 'at most 50 losses' }),
      headroomScales: z
        .array(num(0.01, 100), { error: 'an array of headroom factors in [0.01, 100]' })
        .min(1, { error: 'at least 1 headroom factor' })
        .max(20, { error: 'at most 20 headroom factors' }),
      injectionHours: z
        .array(num(0, 1000), { error: 'an array of hours after the trigger' })
        .max(10, { error: 'at most 10 injection times' }),
    })
    .optional(),
});

const observedSchema = z.strictObject({
  t: num(-1000, 1000),
  /** End of a window (hours after T): the figure is then compared with the model's mean over [t, tEnd]. */
  tEnd: num(-1000, 1000).optional(),
  online: num(0, 2),
  lo: num(0, 2).optional(),
  hi: num(0, 2).optional(),
  label: z.string({ error: 'a string' }).optional(),
});

/** Everything a what-if may change: a partial scenario body (validated again after merging). */
const whatIfSchema = z.strictObject({
  name: z
    .string({ error: 'a non-empty string' })
    .min(1, { error: 'a non-empty string' })
    .max(80, { error: 'at most 80 characters' }),
  description: z.string({ error: 'a string' }).optional(),
  set: z
    .unknown()
    .superRefine((v, ctx) => {
      forbidPrototypeKeys(v, ctx); // on the raw input: z.record would drop the key before any later check
      if (v !== null && typeof v === 'object' && Object.hasOwn(v, 'whatIf')) {
        ctx.addIssue({
          code: 'custom',
          path: ['whatIf'],
          message: 'no whatIf inside a what-if (what-ifs do not nest)',
        });
      }
    })
    .pipe(z.record(z.string(), z.unknown(), { error: 'an object of fields to override (a partial scenario)' })),
});

/**
 * The full scenario schema (zod). Field documentation: docs/scenarios.md.
 *
 * @category Scenario files
 */
export const scenarioSchema = z
  .strictObject({
    name: z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' }),
    description: z.string({ error: 'a string' }).optional(),
    /** Onset of the trigger in UTC (ISO 8601), for the report only. */
    onset: z
      .string({ error: 'an ISO 8601 date-time string such as "2010-12-22T16:30:00Z"' })
      .refine(isIsoDateTime, { error: 'an ISO 8601 date-time string such as "2010-12-22T16:30:00Z"' })
      .optional(),
    overlay: overlaySchema,
    trigger: triggerSchema,
    clients: clientSchema,
    supernodes: supernodeSchema,
    levers: leversSchema,
    whatIf: z.array(whatIfSchema, { error: 'an array of { name, set }' }).max(50, { error: 'at most 50 what-ifs' }),
    montecarlo: montecarloSchema,
    observed: z
      .array(observedSchema, { error: 'an array of { t, tEnd?, online, lo?, hi?, label? }' })
      .max(1000, { error: 'at most 1000 points' }),
    /** The supernode loss reported for the event ([lo, hi]), judged by the verdict. */
    reportedLoss: z.tuple([prob(), prob()], { error: 'a pair [lo, hi] of supernode losses in [0, 1]' }),
  })
  .superRefine((s, ctx) => {
    if (s.overlay.cacheSize > s.overlay.supernodes) {
      ctx.addIssue({
        code: 'custom',
        path: ['overlay', 'cacheSize'],
        message: `an integer in [1, ${s.overlay.supernodes}] (<= overlay.supernodes)`,
      });
    }
    if (s.supernodes.rejoinMinutes.max < s.supernodes.rejoinMinutes.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['supernodes', 'rejoinMinutes', 'max'],
        message: `a number >= rejoinMinutes.min (${s.supernodes.rejoinMinutes.min})`,
      });
    }
    const r = s.clients.retry;
    if (r.kind === 'fixed' && r.maxSeconds < r.minSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['clients', 'retry', 'maxSeconds'],
        message: `a number >= retry.minSeconds (${r.minSeconds})`,
      });
    }
    if (r.kind === 'exponential-full-jitter' && r.capSeconds < r.baseSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['clients', 'retry', 'capSeconds'],
        message: `a number >= retry.baseSeconds (${r.baseSeconds})`,
      });
    }
    if (r.kind === 'grpc' && r.maxSeconds < r.initialSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['clients', 'retry', 'maxSeconds'],
        message: `a number >= retry.initialSeconds (${r.initialSeconds})`,
      });
    }
    // Checked here, not when the connectivity stage starts (issue 14: every check before the first progress line).
    s.montecarlo.connectivity.grid.forEach((f, i, g) => {
      if (i > 0 && !(f > g[i - 1])) {
        ctx.addIssue({
          code: 'custom',
          path: ['montecarlo', 'connectivity', 'grid', i],
          message: `a loss > grid[${i - 1}] (${g[i - 1]}): strictly increasing`,
        });
      }
    });
    if (s.reportedLoss[1] < s.reportedLoss[0]) {
      ctx.addIssue({
        code: 'custom',
        path: ['reportedLoss', 1],
        message: `a loss >= reportedLoss[0] (${s.reportedLoss[0]})`,
      });
    }
    const names = new Set<string>();
    s.whatIf.forEach((w, i) => {
      if (names.has(w.name))
        ctx.addIssue({ code: 'custom', path: ['whatIf', i, 'name'], message: 'a name not used by another what-if' });
      names.add(w.name);
    });
    s.observed.forEach((o, i) => {
      if (o.lo !== undefined && o.hi !== undefined && o.hi < o.lo) {
        ctx.addIssue({
          code: 'custom',
          path: ['observed', i, 'hi'],
          message: `a number >= observed[${i}].lo (${o.lo})`,
        });
      }
      if (o.tEnd !== undefined && !(o.tEnd > o.t)) {
        ctx.addIssue({ code: 'custom', path: ['observed', i, 'tEnd'], message: `a time > observed[${i}].t (${o.t})` });
      }
    });
  });

/**
 * A validated scenario.
 *
 * @category Scenario files
 */
export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * Deep partial of a plain JSON object type (arrays are replaced whole).
 *
 * @category Scenario files
 */
export type ScenarioOverride = {
  [K in keyof Scenario]?: Scenario[K] extends readonly unknown[]
    ? Scenario[K]
    : Scenario[K] extends object
      ? DeepPartial<Scenario[K]>
      : Scenario[K];
};
type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object | null
      ? DeepPartial<T[K]> | Extract<T[K], null>
      : T[K];
};

// ---------------------------------------------------------------------------------------------------------------
// Errors.

/**
 * An invalid scenario: one line naming the path, the value and the allowed range (exit 2 in the CLI).
 *
 * @category Scenario files
 */
export class ScenarioValidationError extends FragilityInputError {
  /** Every problem found, one line each (the message shows the first and counts the rest). */
  readonly problems: string[];
  constructor(field: string, value: unknown, allowed: string, problems: string[]) {
    super(
      field,
      value,
      allowed,
      problems.length > 1 ? `and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}` : undefined,
    );
    this.name = 'ScenarioValidationError';
    this.problems = problems;
    const more = problems.length - 1;
    if (problems.length > 0)
      this.message = `${problems[0]}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`;
  }
}

/**
 * Render a zod path as `scenario.a.b[2].c`.
 *
 * @param path - the path segments.
 * @param root - the root name (default `scenario`).
 * @returns the dotted path.
 * @example
 * ```ts
 * scenarioPath(['levers', 'megaSupernodes', 'waves', 0, 'count']); // 'scenario.levers.megaSupernodes.waves[0].count'
 * ```
 *
 * @category Scenario files
 */
export function scenarioPath(path: ReadonlyArray<PropertyKey>, root = 'scenario'): string {
  let s = root;
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `.${String(p)}`;
  return s;
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function formatValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + '...' : s;
  } catch {
    // too deep to stringify (or a cycle): String(v) would overflow the stack too
    return Array.isArray(v) ? '[...]' : '{...}';
  }
}

/**
 * Turn one zod issue into `{ field, value, allowed, line }`.
 *
 * @param issue - a zod issue (code, path, message, …).
 * @param input - the validated input (to show the offending value).
 * @param root - name of the root (default `scenario`).
 * @returns the pieces and the one-line message `path: value is not allowed; expected allowed`.
 *
 * @complexity O(path length).
 *
 * @example
 * ```ts
 * const doc = { ...skype2010Scenario, levers: { ...skype2010Scenario.levers, autoUpdateCoverage: 2 } };
 * const r = scenarioSchema.safeParse(doc);
 * if (!r.success) console.error(formatScenarioIssue(r.error.issues[0], doc).line);
 * ```
 *
 * @category Scenario files
 */
export function formatScenarioIssue(
  issue: { code: string; path: ReadonlyArray<PropertyKey>; message: string; keys?: string[] },
  input: unknown,
  root = 'scenario',
): { field: string; value: unknown; allowed: string; line: string } {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const parent = valueAt(input, issue.path);
    const field = scenarioPath([...issue.path, issue.keys[0]], root);
    const known = knownKeys(issue.path);
    const allowed = known ? `no such field (known fields: ${known.join(', ')})` : 'no such field';
    const value = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[issue.keys[0]] : undefined;
    return { field, value, allowed, line: `${field}: ${formatValue(value)} is not allowed; expected ${allowed}` };
  }
  const field = scenarioPath(issue.path, root);
  const value = valueAt(input, issue.path);
  let allowed = issue.message;
  if (/^Invalid/.test(allowed)) {
    // zod's own wording (a container of the wrong type): say what is expected in plain words
    const expected = (issue as { expected?: string }).expected;
    allowed =
      expected === 'object'
        ? 'an object'
        : expected === 'array'
          ? 'an array'
          : expected
            ? `a value of type ${expected}`
            : 'a valid value';
  }
  const line =
    value === undefined
      ? `${field}: missing; expected ${allowed}`
      : `${field}: ${formatValue(value)} is not allowed; expected ${allowed}`;
  return { field, value, allowed, line };
}

/** The field names of the (strict) object at a schema path, for "unknown field" messages. */
function knownKeys(path: ReadonlyArray<PropertyKey>): string[] | null {
  // Walk the schema through objects and arrays (the paths that can carry unknown keys).
  let s: unknown = scenarioSchema;
  const unwrap = (x: unknown): unknown => {
    let cur = x as { _zod?: { def?: Record<string, unknown> } };
    for (let i = 0; i < 10 && cur?._zod?.def; i++) {
      const def = cur._zod.def;
      if (def.type === 'pipe') cur = def.in as typeof cur;
      else if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')
        cur = def.innerType as typeof cur;
      else break;
    }
    return cur;
  };
  for (const p of path) {
    const cur = unwrap(s) as { _zod?: { def?: Record<string, unknown> } };
    const def = cur?._zod?.def;
    if (!def) return null;
    if (def.type === 'object' && typeof p === 'string') s = (def.shape as Record<string, unknown>)[p];
    else if (def.type === 'array' && typeof p === 'number') s = def.element;
    else return null;
  }
  const cur = unwrap(s) as { _zod?: { def?: Record<string, unknown> } };
  const def = cur?._zod?.def;
  if (def?.type === 'object') return Object.keys(def.shape as Record<string, unknown>);
  return null;
}

/**
 * Validate a scenario object.
 *
 * @param input - parsed JSON.
 * @param root - name used at the head of every field path (default `scenario`).
 * @returns the validated scenario (a deep copy; the input is not modified).
 * @throws ScenarioValidationError (a FragilityInputError) whose message is one line: the first problem and a count
 *   of the others; `problems` lists them all.
 *
 * @complexity O(size of the document) plus one degree-law and one capacity-law parse.
 *
 * @model the schema above; docs/scenarios.md documents every field.
 *
 * @references calibration table, docs/reference/skype-calibration.md (sources of the built-in defaults).
 *
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * writeFileSync('my.json', JSON.stringify(skype2010Scenario));
 * const s = validateScenario(JSON.parse(readFileSync('my.json', 'utf8')));
 * ```
 *
 * @category Scenario files
 */
export function validateScenario(input: unknown, root = 'scenario'): Scenario {
  const r = scenarioSchema.safeParse(input);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => formatScenarioIssue(i as never, input, root));
  const first = lines[0];
  throw new ScenarioValidationError(
    first.field,
    first.value,
    first.allowed,
    lines.map((l) => l.line),
  );
}
