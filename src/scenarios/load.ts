/**
 * Loading scenarios: a built-in name or a JSON file, what-if overrides merged and validated, and the translation
 * of a scenario into the overload model's parameters.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { FragilityInputError } from '../errors.ts';
import { BUILTIN_SCENARIOS } from './builtin.ts';
import { type Scenario, validateScenario } from './schema.ts';

/** Deepest nesting of arrays and objects accepted in a scenario file. */
const MAX_SCENARIO_DEPTH = 64;

/** Nesting depth of a JSON value (a scalar is 0), counted iteratively and no further than `limit + 1`. */
function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > deepest) deepest = d + 1;
    if (deepest > limit) return deepest;
    for (const x of Object.values(v)) if (x !== null && typeof x === 'object') stack.push([x, d + 1]);
  }
  return deepest;
}

/**
 * Names of the built-in scenarios.
 *
 * @category Scenario files
 */
export const BUILTIN_SCENARIO_NAMES = Object.keys(BUILTIN_SCENARIOS);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Deep-merge `over` into `base`: objects merge key by key, arrays and scalars replace, and an object with a
 * different `kind` (a retry policy) replaces the old one whole.
 *
 * @param base - the document to start from (not modified).
 * @param over - the fields to replace.
 * @returns a new document.
 *
 * @complexity O(size of both documents).
 *
 * @example
 * ```ts
 * mergeScenarioFields({ a: { b: 1, c: 2 } }, { a: { c: 3 } }); // { a: { b: 1, c: 3 } }
 * ```
 *
 * @category Scenario files
 */
export function mergeScenarioFields(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over))
    return over === undefined ? structuredClone(base) : structuredClone(over);
  // A tagged object (e.g. a retry policy) whose kind changes is replaced whole.
  if ('kind' in over && over.kind !== base.kind) return structuredClone(over);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? mergeScenarioFields(out[k], v) : structuredClone(v);
  return out;
}

/**
 * The scenario of what-if `index`: its `set` merged into the scenario, validated again.
 *
 * @param scenario - a validated scenario.
 * @param index - which what-if (0-based).
 * @returns the merged scenario (its own what-if list emptied).
 * @throws ScenarioValidationError naming `scenario.whatIf[i].set.<field>`.
 *
 * @example
 * ```ts
 * const s = applyWhatIf(skype2010Scenario, 3); // auto-update 100 %
 * ```
 *
 * @category Scenario files
 */
export function applyWhatIf(scenario: Scenario, index: number): Scenario {
  const w = scenario.whatIf[index];
  if (!w) throw new FragilityInputError('whatIf', index, `an index in [0, ${scenario.whatIf.length - 1}]`);
  const merged = mergeScenarioFields({ ...scenario, whatIf: [] }, { ...w.set, whatIf: [] });
  return validateScenario(merged, `scenario.whatIf[${index}].set`);
}

/**
 * Validate a scenario document and every what-if merged into it.
 *
 * @param input - parsed JSON.
 * @returns the validated scenario.
 * @throws ScenarioValidationError (one line: path, value, allowed range).
 *
 * @complexity O(size × (1 + what-ifs)).
 *
 * @example
 * ```ts
 * const text = JSON.stringify(skype2010Scenario);
 * const s = parseScenario(JSON.parse(text));
 * ```
 *
 * @category Scenario files
 */
export function parseScenario(input: unknown): Scenario {
  const s = validateScenario(input);
  s.whatIf.forEach((_, i) => applyWhatIf(s, i));
  return s;
}

/**
 * Load a scenario by built-in name (`skype-2010`, `skype-2007`) or from a JSON file.
 *
 * @param nameOrFile - a built-in name or a path to a JSON file.
 * @returns the validated scenario (a copy: built-ins are never modified).
 * @throws FragilityInputError `scenario` (neither a built-in name nor a readable file, or not JSON);
 *   ScenarioValidationError for an invalid document.
 *
 * @complexity O(file size).
 *
 * @example
 * ```ts
 * const s = loadScenario('skype-2010');
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('my-scenario.json', JSON.stringify({ ...s, name: 'mine' }));
 * const mine = loadScenario('./my-scenario.json');
 * ```
 *
 * @category Scenario files
 */
export function loadScenario(nameOrFile: string): Scenario {
  if (Object.hasOwn(BUILTIN_SCENARIOS, nameOrFile))
    return parseScenario(structuredClone(BUILTIN_SCENARIOS[nameOrFile]));
  if (!existsSync(nameOrFile)) {
    throw new FragilityInputError(
      'scenario',
      nameOrFile,
      `a built-in scenario (${BUILTIN_SCENARIO_NAMES.join(', ')}) or a readable JSON file`,
    );
  }
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch (err) {
    throw new FragilityInputError(
      'scenario',
      nameOrFile,
      'a readable JSON file',
      err instanceof Error ? err.message : String(err),
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FragilityInputError(
      'scenario',
      nameOrFile,
      'a JSON document',
      err instanceof Error ? err.message.split('\n')[0] : String(err),
    );
  }
  // A scenario is ~8 levels deep; a document nested thousands of levels overflowed the stack in later steps
  // (stringifying the offending value for the message) and exited 1 with "Maximum call stack size exceeded".
  const depth = jsonDepth(doc, MAX_SCENARIO_DEPTH);
  if (depth > MAX_SCENARIO_DEPTH) {
    throw new FragilityInputError(
      'scenario',
      nameOrFile,
      `a JSON document nested at most ${MAX_SCENARIO_DEPTH} levels deep`,
      `it is nested more than ${MAX_SCENARIO_DEPTH} levels deep`,
    );
  }
  return parseScenario(doc);
}
