/**
 * The two-tier supernode-overload model: a time-stepped simulation of the Skype outage mechanism (restart storm,
 * self-protecting supernodes, feedback collapse, recovery by mega-supernodes).
 *
 * The implementation lives in ./overload/ (state, trigger, clients, supernodes, mega-supernodes, outputs, and
 * simulate.ts running one step after the other); this module keeps the public import path.
 *
 * @module
 */
export {
  simulateOverload,
  type OverloadResult,
  type SimulateOverloadOptions,
  type OverloadFinalState,
  type OverloadTimelinePoint,
} from './overload/simulate.ts';
