/**
 * The options of the metastability probes (bistability map, recovery by injected capacity), validated once for
 * both sides: the fluid limit (`fluidBistability`, `fluidRecovery`) and the simulation (`simulatedBistability`,
 * `simulatedRecovery`) name the same fields with the same allowed ranges, before any run.
 *
 * @module
 */
import { FragilityInputError, checkInteger, checkNumber } from '../errors.ts';
import type { OverloadParams } from './overload-params.ts';

/** A validated bistability grid: supernode losses × headroom scales, and how long each probe is left alone. */
export interface BistabilityGrid {
  losses: number[];
  headroomScales: number[];
  horizonHours: number;
}

/**
 * Check the grid options of a bistability map: `losses` a non-empty array of fractions in [0, 1], `headroomScales`
 * (default [1]) a non-empty array of numbers in (0, 1e6], `horizonHours` (default 24) in [0.01, 8760].
 *
 * @throws FragilityInputError naming `losses`, `losses[i]`, `headroomScales`, `headroomScales[i]` or `horizonHours`.
 */
export function checkBistabilityGrid(
  options: { losses: number[]; headroomScales?: number[]; horizonHours?: number } | undefined,
): BistabilityGrid {
  if (!options || !Array.isArray(options.losses) || options.losses.length === 0) {
    throw new FragilityInputError('losses', options?.losses, 'a non-empty array of fractions in [0, 1]');
  }
  options.losses.forEach((f, i) => checkNumber(`losses[${i}]`, f, 0, 1));
  const scales = options.headroomScales ?? [1];
  if (!Array.isArray(scales) || scales.length === 0)
    throw new FragilityInputError('headroomScales', scales, 'a non-empty array of numbers in (0, 1e6]');
  scales.forEach((k, i) => {
    if (!(typeof k === 'number' && k > 0 && k <= 1e6))
      throw new FragilityInputError(`headroomScales[${i}]`, k, 'a number in (0, 1e6]');
  });
  const horizonHours = checkNumber('horizonHours', options.horizonHours ?? 24, 0.01, 24 * 365);
  return { losses: options.losses, headroomScales: scales, horizonHours };
}

/** A validated capacity injection: how many mega-supernodes of which capacity, when, and how long the run lasts. */
export interface RecoveryInjection {
  megaCount: number;
  atHours: number;
  capacity: number;
  durationHours: number;
}

/**
 * Check the injection options of a recovery probe: `megaCount` an integer in [0, 1e9], `atHours` in [0, 8760],
 * `capacity` (default `base.mega.capacityClients`) in [0, 1e12], `durationHours` (default `base.durationHours`) in
 * [0.01, 8760].
 *
 * @throws FragilityInputError naming `options`, `megaCount`, `atHours`, `capacity` or `durationHours`.
 */
export function checkRecoveryInjection(
  base: OverloadParams,
  options: { megaCount: number; atHours: number; capacity?: number; durationHours?: number } | undefined,
): RecoveryInjection {
  if (!options) throw new FragilityInputError('options', options, '{ megaCount, atHours }');
  const megaCount = checkInteger('megaCount', options.megaCount, 0, 1e9);
  const atHours = checkNumber('atHours', options.atHours, 0, 24 * 365);
  const capacity = checkNumber('capacity', options.capacity ?? base.mega.capacityClients, 0, 1e12);
  const durationHours = checkNumber('durationHours', options.durationHours ?? base.durationHours, 0.01, 24 * 365);
  return { megaCount, atHours, capacity, durationHours };
}
