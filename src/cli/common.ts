/**
 * Shared plumbing for the `fragility` commands: option parsing with range checks, JSON output that never carries
 * NaN, and the exit-status contract (0 success, 2 bad input, 1 anything else).
 *
 * @module
 */
import { type Command, type CommanderError, InvalidArgumentError, Option } from 'commander';
import { FragilityInputError, parseDecimal } from '../errors.ts';
import { clampWorkers, memoryBudget, parseByteSize, setMemoryBudget } from '../resources.ts';

/** What a command hands back: a JSON object for `--json`, and text for people. */
export interface CommandResult {
  json: Record<string, unknown>;
  text: string;
  /** The body wrote its output to stdout itself (e.g. a shard's NDJSON): print nothing more. */
  written?: boolean;
}

/** Parse an integer option in [min, max]; the error names the option. */
export function intOption(field: string, min = -Infinity, max = Infinity) {
  return (raw: string): number => {
    const v = parseDecimal(raw); // not Number(raw): '0x10' and '' are no integers
    if (!Number.isSafeInteger(v) || v < min || v > max) {
      throw new InvalidArgumentError(
        `${field}: ${JSON.stringify(raw)} is not allowed; expected an integer${range(min, max)}`,
      );
    }
    return v;
  };
}

/** Parse a number option in [min, max]; the error names the option. */
export function numberOption(field: string, min = -Infinity, max = Infinity) {
  return (raw: string): number => {
    const v = parseDecimal(raw);
    if (!Number.isFinite(v) || v < min || v > max) {
      throw new InvalidArgumentError(
        `${field}: ${JSON.stringify(raw)} is not allowed; expected a number${range(min, max)}`,
      );
    }
    return v;
  };
}

/** Parse a comma-separated list of numbers in [min, max]. */
export function numberListOption(field: string, min = -Infinity, max = Infinity) {
  const one = numberOption(field, min, max);
  return (raw: string): number[] => raw.split(',').map((s) => one(s.trim()));
}

function range(min: number, max: number): string {
  if (min === -Infinity && max === Infinity) return '';
  if (max === Infinity) return ` >= ${min}`;
  if (min === -Infinity) return ` <= ${max}`;
  return ` in [${min}, ${max}]`;
}

/** An option restricted to a list of names. */
export function choiceOption(flags: string, description: string, choices: string[], defaultValue?: string): Option {
  const o = new Option(flags, description).choices(choices);
  return defaultValue === undefined ? o : o.default(defaultValue);
}

/**
 * Add a flag under its canonical name and its old name as a hidden alias (kept for one minor version; see the
 * vocabulary table in docs/DESIGN.md). The alias is not listed by `--help`; given alone it works exactly as the
 * canonical flag (its value is moved to the canonical option before the action runs, so the action sees one name);
 * given together with the canonical flag the run is refused before any work: exit 2 with one line naming both.
 *
 * @param cmd - the command.
 * @param canonical - the documented option (it may carry a default).
 * @param alias - the old option: same value syntax, no default (its parser should name the old flag in errors).
 * @returns the command.
 */
export function withAlias(cmd: Command, canonical: Option, alias: Option): Command {
  cmd.addOption(canonical);
  cmd.addOption(alias.hideHelp());
  const c = canonical.attributeName();
  const a = alias.attributeName();
  cmd.hook('preAction', (_hooked, run) => {
    if (run.getOptionValueSource(a) !== 'cli') return;
    if (run.getOptionValueSource(c) === 'cli') {
      run.error(
        `fragility: ${canonical.long} and ${alias.long} (the old name of ${canonical.long}) given together; give ${canonical.long} only`,
        {
          exitCode: 2,
          code: 'fragility.aliasConflict',
        },
      );
    }
    run.setOptionValueWithSource(c, run.getOptionValue(a), 'cli');
    run.setOptionValueWithSource(a, undefined, 'default');
  });
  return cmd;
}

/** Parse a byte size option (`4GB`, `512MiB`, `2e9`); the error names the option. */
export function byteSizeOption(field: string) {
  return (raw: string): number => {
    try {
      return parseByteSize(field, raw);
    } catch (err) {
      throw new InvalidArgumentError((err as Error).message);
    }
  };
}

/**
 * The `--workers` value to use: clamped to the machine's cores, with a one-line note on stderr when reduced
 * (results do not depend on the thread count, so clamping never changes an answer; more threads than cores only
 * cost start-up time and one graph copy each).
 */
export function effectiveWorkers(requested: number): number {
  const { workers, clamped, cores } = clampWorkers(requested);
  if (clamped)
    process.stderr.write(
      `fragility: note: --workers ${requested} reduced to ${workers} (the cores available to this process: ${cores})\n`,
    );
  return workers;
}

/** Add `--json`, `--seed S` (default 1) and `--max-memory SIZE` to a command. */
export function withCommon(cmd: Command, { seed = true }: { seed?: boolean } = {}): Command {
  cmd.option('--json', 'print exactly one JSON object on stdout');
  cmd.option(
    '--max-memory <SIZE>',
    'memory budget, e.g. 4GB or 512MiB (default: FRAGILITY_MAX_MEMORY, else half of physical memory); larger inputs are refused before any work',
    byteSizeOption('--max-memory'),
  );
  if (seed) cmd.option('--seed <S>', 'random seed (integer)', intOption('--seed', -(2 ** 53 - 1), 2 ** 53 - 1), 1);
  return cmd;
}

/** Replace NaN and ±Infinity by null, recursively (typed arrays become plain arrays). */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
  }
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonSafe(v);
    return out;
  }
  return value;
}

/**
 * Wrap a command body: print its JSON (with `--json`) or its text, and map errors to exit codes.
 * The body receives the command's parsed options (and positional arguments first, as commander passes them).
 */
export function action<A extends unknown[]>(body: (...args: A) => Promise<CommandResult> | CommandResult) {
  return async (...args: A): Promise<void> => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.opts() as { json?: boolean; maxMemory?: number };
    // --max-memory holds for this command only: main(argv) called in process (tests, a host program) must leave the
    // budget as it found it, whether it was set by setMemoryBudget or not at all
    let before: number | undefined; // the override in force (memoryBudget reads it first, so it cannot throw then)
    try {
      const b = memoryBudget();
      if (b.source === 'option') before = b.bytes;
    } catch {
      // FRAGILITY_MAX_MEMORY set but not a size: no override in force; the command reports it
    }
    try {
      if (opts.maxMemory !== undefined) setMemoryBudget(opts.maxMemory);
      const result = await body(...args);
      if (result.written) return;
      if (opts.json) process.stdout.write(JSON.stringify(jsonSafe(result.json)) + '\n');
      else process.stdout.write(result.text.endsWith('\n') ? result.text : result.text + '\n');
    } catch (err) {
      fail(err);
    } finally {
      setMemoryBudget(before);
    }
  };
}

/** Is this an input error (exit 2)? zod errors, our own input errors and commander's argument errors are. */
export function isInputError(err: unknown): boolean {
  if (err instanceof FragilityInputError || err instanceof InvalidArgumentError) return true;
  if (err && typeof err === 'object' && (err as { name?: string }).name === 'ZodError') return true;
  if (err && typeof err === 'object' && (err as { code?: string }).code === 'ENOENT') return true;
  return false;
}

/** Print a one-line message and exit: 2 for input errors, 1 otherwise. */
export function fail(err: unknown): never {
  const msg = err instanceof Error ? err.message : String(err);
  const oneLine = msg
    .split('\n')
    .filter((l) => l.trim() !== '')
    .join('; ');
  process.stderr.write(`fragility: ${oneLine}\n`);
  if (process.env.FRAGILITY_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(isInputError(err) ? 2 : 1);
}

/** Commander errors (unknown option, bad choice, missing argument) are input errors: exit 2; help exits 0. */
export function handleCommanderError(err: CommanderError): never {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') {
    process.exit(0);
  }
  process.exit(err.exitCode === 0 ? 0 : 2);
}

/** Help text of `--no-progress` (every command with progress uses it through {@link withProgress}). */
export const NO_PROGRESS_HELP =
  'no progress on stderr (default: a bar or lines on a terminal, a line every 2 s otherwise, none with --json when stderr is not a terminal)';

/** Help text of `--progress`. */
export const PROGRESS_HELP = 'progress on stderr even with --json when stderr is not a terminal (logs of a batch job)';

/** Add `--progress` and `--no-progress` to a command (neither given: the default of {@link progressOn}). */
export function withProgress(cmd: Command): Command {
  return cmd.option('--progress', PROGRESS_HELP).option('--no-progress', NO_PROGRESS_HELP);
}

/**
 * Whether a command shows progress: always with `--progress`, never with `--no-progress`; by default yes, except under
 * `--json` when stderr is not a terminal.
 */
export function progressOn(opts: { progress?: boolean; json?: boolean }): boolean {
  if (opts.progress !== undefined) return opts.progress;
  return !(opts.json && !process.stderr.isTTY);
}

/**
 * Progress as lines on stderr, `[12.3 s] label: message`, for runs whose total is not known in advance (waves of a
 * cascade, iterations to convergence, phases of a scenario). A message is printed when `force` is set (a new phase)
 * or when at least `intervalMs` passed since the last line, so that a callback called every iteration costs a
 * clock read, not a line. Same on/off rules as {@link progressBar}.
 *
 * @param opts - the command's `progress` and `json` options.
 * @param label - prefix of every line ('' for none).
 * @param intervalMs - least time between two unforced lines (default 2000 ms).
 * @returns `say(message, force?)`, a no-op when progress is off.
 */
export function progressLines(
  opts: { progress?: boolean; json?: boolean },
  label: string,
  intervalMs = 2000,
): (message: string, force?: boolean) => void {
  if (!progressOn(opts)) return () => {};
  const t0 = performance.now();
  let last = -Infinity;
  return (message, force = false) => {
    const now = performance.now();
    if (!force && now - last < intervalMs) return;
    last = now;
    process.stderr.write(`[${((now - t0) / 1000).toFixed(1)} s] ${label ? `${label}: ` : ''}${message}\n`);
  };
}

/** A progress display on stderr (cli-progress), or nothing. */
export interface Progress {
  /** Report `done` of `total` (starts the bar on the first call). */
  update(done: number, total: number): void;
  /** Finish the bar (no-op when it never started). */
  stop(): void;
}

/**
 * The progress display of a long run, on stderr: a redrawn bar when stderr is a terminal, else (logs, CI) a plain
 * line every 2 s. Off with `--no-progress`, and off under `--json` when stderr is not a terminal (a script reading
 * the JSON does not want its stderr filled). cli-progress is imported only when a bar is drawn.
 *
 * @param opts - the command's `progress` (false with `--no-progress`) and `json` options.
 * @param label - what is counted, e.g. `'sweep … replicates'`.
 * @param unit - name of the counted items.
 * @returns a {@link Progress} (a no-op one when progress is off).
 */
export async function progressBar(
  opts: { progress?: boolean; json?: boolean },
  label: string,
  unit: string,
): Promise<Progress> {
  const tty = Boolean(process.stderr.isTTY);
  if (!progressOn(opts)) return { update() {}, stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} ${unit} | {eta_formatted}`,
      hideCursor: tty,
      noTTYOutput: !tty,
      notTTYSchedule: 2000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
