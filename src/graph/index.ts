/**
 * Graph core: the CSR CompactGraph, the two-tier overlay shape, graphology interop and file formats.
 *
 * @module
 */
export { CompactGraph, Role, type RoleValue, type CompactGraphOptions } from './compact-graph.ts';
export type { TwoTierOverlay } from './two-tier-overlay.ts';
export {
  simplifyEdgeArrays,
  countMultigraphDefects,
  type SimplifiedEdges,
  type MultigraphDefects,
} from './simplify.ts';
export { componentSummary, type ComponentSummary } from './components.ts';
export type { EdgePolicy, ImportEdgeOptions } from './edge-policy.ts';
export { toGraphology, fromGraphology, type FromGraphologyOptions } from './graphology-adapter.ts';
export {
  parseEdgeList,
  parseEdgeListWithStats,
  readEdgeList,
  readEdgeListWithStats,
  formatEdgeList,
  writeEdgeList,
  MAX_EDGE_LIST_LINE,
  type EdgeListOptions,
  type EdgeListStats,
  type EdgeListResult,
} from './edgelist.ts';
export { encodeFgb, decodeFgb, readFgb, writeFgb, isFgbPath, FGB_VERSION } from './binary.ts';
export {
  parseGexf,
  formatGexf,
  readGexf,
  writeGexf,
  parseGraphml,
  formatGraphml,
  readGraphml,
  writeGraphml,
} from './xml-formats.ts';
export { XmlGraphReader, MAX_XML_DEPTH, type XmlGraphOptions } from './xml-reader.ts';
