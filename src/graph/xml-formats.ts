/**
 * GEXF and GraphML read and write. Reading streams the file through a strict SAX-style XML reader
 * ({@link XmlGraphReader}, src/graph/xml-reader.ts): linear time, no DOM, one clean error line on malformed XML, no
 * entity ever resolved. GEXF writing goes through graphology-gexf; GraphML is written by a small writer here
 * (GraphML 1.0, undirected, node data `role` and `capacity` when present).
 *
 * @module
 */
import { nodeBuiltin } from '../node-only.ts';
import * as gexf from 'graphology-gexf';
import { FragilityInputError } from '../errors.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import type { CompactGraph } from './compact-graph.ts';
import { toGraphology, type FromGraphologyOptions } from './graphology-adapter.ts';
import { XmlGraphReader } from './xml-reader.ts';

/** Stream a file through an XML graph reader, 1 MiB at a time. */
async function readXmlGraph(
  format: 'gexf' | 'graphml',
  path: string,
  opts: FromGraphologyOptions,
): Promise<CompactGraph> {
  const reader = new XmlGraphReader(format, { ...opts, source: path });
  const { createReadStream } = nodeBuiltin('node:fs', 'reading a graph file (in a browser: parseGexf/parseGraphml)');
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input) reader.write(chunk as string);
  } catch (err) {
    if (err instanceof FragilityInputError) throw err;
    throw new FragilityInputError('path', path, 'a readable file', (err as Error).message);
  } finally {
    input.destroy();
  }
  return reader.end();
}

/**
 * Parse GEXF text into a CompactGraph (streaming reader {@link XmlGraphReader}; node ids become keys unless they are
 * exactly "0".."n-1").
 *
 * @param text - GEXF XML.
 * @param opts - self-loop / duplicate policy (default `'keep'`); `source` for messages.
 * @returns the graph.
 * @throws FragilityInputError naming `source:line` when the XML is not well-formed, is not GEXF, or an edge names an
 *   undeclared node.
 *
 * @complexity O(file size), whatever the nesting.
 *
 * @model every GEXF edge is one undirected edge.
 *
 * @references GEXF 1.3 specification, https://gexf.net.
 *
 * @example
 * ```ts
 * const g = parseGexf(formatGexf(squareLattice(4)));
 * ```
 *
 * @category Input and output
 */
export function parseGexf(text: string, opts: FromGraphologyOptions & { source?: string } = {}): CompactGraph {
  const reader = new XmlGraphReader('gexf', opts);
  reader.write(text);
  return reader.end();
}

/**
 * GEXF text for a graph (via graphology-gexf; node attributes `role` and `capacity` when present).
 *
 * @param g - the graph.
 * @returns GEXF XML.
 *
 * @complexity O(n + m).
 *
 * @model undirected graph, node ids = `g.keyOf(u)`, edge ids = edge index.
 *
 * @references GEXF 1.3 specification, https://gexf.net.
 *
 * @example
 * ```ts
 * formatGexf(CompactGraph.fromPairs(2, [[0, 1]])).includes('<gexf'); // true
 * ```
 *
 * @category Input and output
 */
export function formatGexf(g: CompactGraph): string {
  return gexf.write(toGraphology(g));
}

/**
 * Read a GEXF file, streaming (memory: the graph plus one 1 MiB chunk). See {@link parseGexf}.
 *
 * @param path - the file.
 * @param opts - see {@link parseGexf}.
 * @returns the graph.
 *
 * @complexity O(file size).
 *
 * @model every GEXF edge is one undirected edge.
 *
 * @references GEXF 1.3 specification, https://gexf.net.
 *
 * @example
 * ```ts
 * await writeGexf(CompactGraph.fromPairs(3, [[0, 1], [1, 2]]), 'net.gexf');
 * const g = await readGexf('net.gexf'); // g.n = 3, g.m = 2
 * ```
 *
 * @category Input and output
 */
export async function readGexf(path: string, opts: FromGraphologyOptions = {}): Promise<CompactGraph> {
  return readXmlGraph('gexf', path, opts);
}

/**
 * Write a GEXF file. See {@link formatGexf}.
 *
 * @param g - the graph.
 * @param path - the output file (replaced atomically: temporary file, then rename).
 * @param field - the option named in an output-path error (default `path`).
 * @returns a promise resolved when written.
 *
 * @complexity O(n + m).
 *
 * @model see {@link formatGexf}.
 *
 * @references GEXF 1.3 specification, https://gexf.net.
 *
 * @example
 * ```ts
 * await writeGexf(squareLattice(10), 'square.gexf');
 * ```
 *
 * @category Input and output
 */
export async function writeGexf(g: CompactGraph, path: string, field = 'path'): Promise<void> {
  writeFileAtomic(path, formatGexf(g), field); // temporary file + rename: never a partial file
}

/**
 * Parse GraphML text into a CompactGraph (streaming reader {@link XmlGraphReader}).
 *
 * @param text - GraphML XML.
 * @param opts - self-loop / duplicate policy (default `'keep'`); `source` for messages.
 * @returns the graph.
 * @throws FragilityInputError naming `source:line` when the XML is not well-formed, is not GraphML (no `<graphml>`
 *   root or no `<graph>`, a node without id, an edge without source/target), or an edge names an unknown node.
 *
 * @complexity O(file size), whatever the nesting.
 *
 * @model every GraphML edge is one undirected edge.
 *
 * @references U. Brandes et al., "GraphML progress report", Graph Drawing 2001, doi:10.1007/3-540-45848-4_59.
 *
 * @example
 * ```ts
 * const g = parseGraphml(formatGraphml(squareLattice(4)));
 * ```
 *
 * @category Input and output
 */
export function parseGraphml(text: string, opts: FromGraphologyOptions & { source?: string } = {}): CompactGraph {
  const reader = new XmlGraphReader('graphml', opts);
  reader.write(text);
  return reader.end();
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * GraphML text for a graph (own writer: graphology-graphml cannot write). Nodes in id order with `id` = key, edges
 * in edge order with `id` = `e<index>`; `role` (int) and `capacity` (double) as node data when present.
 *
 * @param g - the graph.
 * @returns GraphML XML.
 *
 * @complexity O(n + m).
 *
 * @model `<graph edgedefault="undirected">`, one `<edge>` per edge (parallel edges and self-loops included).
 *
 * @references GraphML primer, http://graphml.graphdrawing.org/primer/graphml-primer.html.
 *
 * @example
 * ```ts
 * formatGraphml(CompactGraph.fromPairs(2, [[0, 1]])).includes('<edge'); // true
 * ```
 *
 * @category Input and output
 */
export function formatGraphml(g: CompactGraph): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  ];
  if (g.roles) out.push('  <key id="role" for="node" attr.name="role" attr.type="int"/>\n');
  if (g.capacities) out.push('  <key id="capacity" for="node" attr.name="capacity" attr.type="double"/>\n');
  out.push('  <graph id="G" edgedefault="undirected">\n');
  for (let u = 0; u < g.n; u++) {
    const id = xmlEscape(g.keyOf(u));
    if (!g.roles && !g.capacities) out.push(`    <node id="${id}"/>\n`);
    else {
      out.push(`    <node id="${id}">`);
      if (g.roles) out.push(`<data key="role">${g.roles[u]}</data>`);
      if (g.capacities) out.push(`<data key="capacity">${g.capacities[u]}</data>`);
      out.push('</node>\n');
    }
  }
  for (let e = 0; e < g.m; e++) {
    out.push(
      `    <edge id="e${e}" source="${xmlEscape(g.keyOf(g.edgeSource[e]))}" target="${xmlEscape(g.keyOf(g.edgeTarget[e]))}"/>\n`,
    );
  }
  out.push('  </graph>\n</graphml>\n');
  return out.join('');
}

/**
 * Read a GraphML file, streaming (memory: the graph plus one 1 MiB chunk). See {@link parseGraphml}.
 *
 * @param path - the file.
 * @param opts - see {@link parseGraphml}.
 * @returns the graph.
 *
 * @complexity O(file size).
 *
 * @model every GraphML edge is one undirected edge.
 *
 * @references GraphML primer, http://graphml.graphdrawing.org/primer/graphml-primer.html.
 *
 * @example
 * ```ts
 * await writeGraphml(CompactGraph.fromPairs(3, [[0, 1], [1, 2]]), 'net.graphml');
 * const g = await readGraphml('net.graphml'); // g.n = 3, g.m = 2
 * ```
 *
 * @category Input and output
 */
export async function readGraphml(path: string, opts: FromGraphologyOptions = {}): Promise<CompactGraph> {
  return readXmlGraph('graphml', path, opts);
}

/**
 * Write a GraphML file. See {@link formatGraphml}.
 *
 * @param g - the graph.
 * @param path - the output file (replaced atomically: temporary file, then rename).
 * @param field - the option named in an output-path error (default `path`).
 * @returns a promise resolved when written.
 *
 * @complexity O(n + m).
 *
 * @model see {@link formatGraphml}.
 *
 * @references GraphML primer, http://graphml.graphdrawing.org/primer/graphml-primer.html.
 *
 * @example
 * ```ts
 * await writeGraphml(squareLattice(10), 'square.graphml');
 * ```
 *
 * @category Input and output
 */
export async function writeGraphml(g: CompactGraph, path: string, field = 'path'): Promise<void> {
  writeFileAtomic(path, formatGraphml(g), field); // temporary file + rename: never a partial file
}
