/**
 * The options of the overload fluid limit, checked and with their defaults.
 *
 * @module
 * @internal
 */
import { FragilityInputError, checkInteger, checkNumber } from '../../errors.ts';
import type { ExtraMegaWave } from './mega.ts';
import type { FluidOverloadOptions, FluidRequestSpread } from './types.ts';

/** {@link FluidOverloadOptions} with every default filled in. */
export interface ResolvedFluidOptions {
  quantiles: number;
  mergeTolerance: number;
  maxCohortsPerQuantile: number;
  requestSpread: FluidRequestSpread;
  extraMega: readonly ExtraMegaWave[];
  initialState: 'healthy' | 'collapsed';
  stopOnCollapse: boolean;
  checkConservation: boolean;
  splitSurvivors: boolean;
}

/**
 * Check the options of `fluidOverload` and fill in the defaults.
 *
 * @param options - the caller's options.
 * @returns the options with their defaults.
 * @throws FragilityInputError naming the offending option and its allowed range.
 */
export function resolveFluidOptions(options: FluidOverloadOptions): ResolvedFluidOptions {
  const quantiles = options.quantiles ?? 100;
  checkInteger('quantiles', quantiles, 2, 10_000);
  const mergeTolerance = options.mergeTolerance ?? 1e-3;
  checkNumber('mergeTolerance', mergeTolerance, 0, 1);
  const maxCohortsPerQuantile = options.maxCohortsPerQuantile ?? 4;
  checkInteger('maxCohortsPerQuantile', maxCohortsPerQuantile, 2, 4096);
  const requestSpread: FluidRequestSpread = options.requestSpread ?? 'poisson';
  if (requestSpread !== 'poisson' && requestSpread !== 'mean')
    throw new FragilityInputError('requestSpread', requestSpread, "'poisson' or 'mean'");
  const extraMega = options.extraMega ?? [];
  extraMega.forEach((w, i) => {
    checkNumber(`extraMega[${i}].atHours`, w.atHours, 0);
    checkInteger(`extraMega[${i}].count`, w.count, 0);
    if (w.capacityClients !== undefined) checkNumber(`extraMega[${i}].capacityClients`, w.capacityClients, 0);
  });
  const initialState = options.initialState ?? 'healthy';
  if (initialState !== 'healthy' && initialState !== 'collapsed')
    throw new FragilityInputError('initialState', initialState, "'healthy' or 'collapsed'");
  return {
    quantiles,
    mergeTolerance,
    maxCohortsPerQuantile,
    requestSpread,
    extraMega,
    initialState,
    stopOnCollapse: options.stopOnCollapse ?? false,
    checkConservation: options.checkConservation ?? false,
    splitSurvivors: options.splitSurvivors ?? false,
  };
}
