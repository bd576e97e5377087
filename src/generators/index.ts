/**
 * Generators: random graph models, lattices, two-tier overlays, and the CLI's graph specs.
 *
 * @module
 */
export { erdosRenyi, erdosRenyiM } from './erdos-renyi.ts';
export {
  configurationModel,
  configurationModelFromLaw,
  type ConfigurationModelMode,
  type ConfigurationModelOptions,
  type ConfigurationModelFromLawOptions,
} from './configuration-model.ts';
export { randomRegular, type RandomRegularOptions } from './random-regular.ts';
export { barabasiAlbert, type BarabasiAlbertOptions } from './barabasi-albert.ts';
export { wattsStrogatz } from './watts-strogatz.ts';
export type { LatticeOptions } from './lattice-common.ts';
export { squareLattice } from './square-lattice.ts';
export { triangularLattice } from './triangular-lattice.ts';
export { honeycombLattice } from './honeycomb-lattice.ts';
export { cubicLattice } from './cubic-lattice.ts';
export {
  twoTierOverlay,
  twoTierToCompactGraph,
  DEFAULT_CORE_DEGREE,
  DEFAULT_HOST_CACHE_SIZE,
  type TwoTierOverlayOptions,
  type TwoTierGraphOptions,
  type SupernodeChoice,
} from './two-tier.ts';
export { ultrapeerOverlay, type UltrapeerOverlayOptions } from './ultrapeer.ts';
export {
  parseGraphSpec,
  graphFromSpec,
  overlayFromSpec,
  graphSpecBytes,
  checkGraphSpecMemory,
  GRAPH_SPEC_MODELS,
  type GraphSpec,
  type LatticeModel,
  type GraphFromSpecOptions,
} from './spec.ts';
