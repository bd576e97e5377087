/**
 * `fragility generate --graph G --seed S [--out FILE --format edges|gexf|graphml|fgb] [--json]`: build a graph from a
 * spec, print its summary (n, m, meanDegree, maxDegree, seed, simple, selfLoops, multiEdges, components), and
 * optionally write it to a file.
 *
 * Two-tier and ultrapeer specs are summarised from the overlay form (typed arrays, no explicit client edges), so
 * `two-tier:clients=21e6,supernodes=26000,cache=8` works at Skype scale; the explicit graph is only built for `--out`.
 *
 * @module
 */
import type { Command } from 'commander';
import { action, choiceOption, withCommon, type CommandResult } from '../common.ts';
import { FragilityInputError } from '../../errors.ts';
import { checkOutputFile } from '../../atomic-write.ts';
import {
  checkGraphSpecMemory,
  graphFromSpec,
  overlayFromSpec,
  parseGraphSpec,
  type GraphSpec,
} from '../../generators/spec.ts';
import { twoTierToCompactGraph } from '../../generators/two-tier.ts';
import { componentSummary } from '../../graph/components.ts';
import { UnionFind } from '../../graph/union-find.ts';
import { Role, type CompactGraph } from '../../graph/compact-graph.ts';
import { writeEdgeList } from '../../graph/edgelist.ts';
import { countMultigraphDefects } from '../../graph/simplify.ts';
import type { TwoTierOverlay } from '../../graph/two-tier-overlay.ts';
import { writeGexf, writeGraphml } from '../../graph/xml-formats.ts';
import { writeFgb } from '../../graph/binary.ts';

type Format = 'edges' | 'gexf' | 'graphml' | 'fgb';

/** The parsed options of `fragility generate` (what {@link runGenerate} takes). */
export interface GenerateOptions {
  graph: string;
  seed: number;
  out?: string;
  format?: Format;
  json?: boolean;
}

/** Register `generate` on the program. */
export function register(program: Command): void {
  const cmd = program
    .command('generate')
    .description('generate a graph from a spec (or read one from a file) and summarise it')
    .requiredOption(
      '--graph <G>',
      'graph spec, e.g. er:n=1000,k=4, cm:n=1e5,law=powerlaw(2.5,kmin=2,cutoff=100), square:L=64,open',
    )
    .option('--out <FILE>', 'write the graph to FILE')
    .addOption(
      choiceOption(
        '--format <F>',
        'output format (default: from the FILE extension, else edges); fgb is the binary CSR format',
        ['edges', 'gexf', 'graphml', 'fgb'],
      ),
    );
  withCommon(cmd);
  cmd.addHelpText(
    'after',
    `
Graph specs: er:n=N,k=K (or p=P, m=M) | rr:n=N,k=K | cm:n=N,law=LAW[,mode=erased|multigraph|simple] | ba:n=N,m=M |
  ws:n=N,k=K,beta=B | square|triangular|honeycomb|cubic:L=L[,open] |
  two-tier:clients=C,supernodes=S[,sn-law=LAW][,cache=H][,choice=uniform|capacity][,capacity=CLAW] |
  ultrapeer:ultrapeers=U,leaves=L[,degree=32][,leaf-connections=3] | edges:PATH | gexf:PATH | graphml:PATH |
  fgb:PATH (binary; edges:PATH.fgb too)

Examples:
  $ fragility generate --graph er:n=1000000,k=4 --seed 7 --json
  $ fragility generate --graph "cm:n=100000,law=powerlaw(2.5,kmin=2,cutoff=100)" --out cm.edges
  $ fragility generate --graph er:n=1e6,k=4 --seed 1 --out er.fgb      # binary CSR, read back in one file read
  $ fragility generate --graph two-tier:clients=21e6,supernodes=26000,cache=8 --json`,
  );
  cmd.action(action(runGenerate));
}

/**
 * `fragility generate` without the command line: the work on the parsed options, and the JSON object and
 * text the command prints (the commander layer above prints one of them, or nothing when the result was
 * written elsewhere).
 */
export async function runGenerate(opts: GenerateOptions): Promise<CommandResult> {
  const spec = parseGraphSpec(opts.graph);
  const format = opts.format ?? formatFromPath(opts.out);
  if (opts.out) checkOutputFile('--out', opts.out); // before any work (exit 2 rule: docs/CLI.md, Output paths)
  // The memory estimate, named by the spec as typed (the explicit graph of an overlay only with --out).
  checkGraphSpecMemory(
    spec,
    spec.model === 'two-tier' || spec.model === 'ultrapeer' ? Boolean(opts.out) : true,
    1,
    opts.graph,
  );
  let summary: Record<string, unknown>;
  let graph: CompactGraph | null = null;
  if (spec.model === 'two-tier' || spec.model === 'ultrapeer') {
    const overlay = overlayFromSpec(spec, { seed: opts.seed });
    summary = overlaySummary(overlay, spec);
    if (opts.out)
      graph = twoTierToCompactGraph(overlay, {
        coreRole: spec.model === 'ultrapeer' ? Role.Ultrapeer : Role.Supernode,
      });
  } else {
    graph = await graphFromSpec(spec, { seed: opts.seed });
    summary = graphSummary(graph);
  }
  if (opts.out && graph) {
    if (format === 'gexf') await writeGexf(graph, opts.out, '--out');
    else if (format === 'graphml') await writeGraphml(graph, opts.out, '--out');
    else if (format === 'fgb') await writeFgb(graph, opts.out, '--out');
    else await writeEdgeList(graph, opts.out, '--out');
  }
  const json: Record<string, unknown> = {
    graph: opts.graph,
    model: spec.model,
    seed: opts.seed,
    ...summary,
    ...(opts.out ? { out: opts.out, format } : {}),
  };
  const text = [
    `${opts.graph} (seed ${opts.seed})`,
    `  n = ${json.n}, m = ${json.m}, mean degree ${fmt(json.meanDegree as number)}, max degree ${json.maxDegree}`,
    `  ${json.simple ? 'simple' : `not simple: ${json.selfLoops} self-loops, ${json.multiEdges} parallel copies`}; ` +
      `${json.components} component(s), largest ${json.largestComponent}`,
    ...(json.supernodes !== undefined
      ? [
          `  ${json.supernodes} core nodes, ${json.clients} clients, cache ${json.cacheSize}, mean clients per core node ${fmt(json.meanClientsPerSupernode as number)}`,
        ]
      : []),
    ...(opts.out ? [`  written to ${opts.out} (${format})`] : []),
  ].join('\n');
  return { json, text };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(4);
}

function formatFromPath(path: string | undefined): Format {
  if (!path) return 'edges';
  const lower = path.toLowerCase();
  if (lower.endsWith('.gexf')) return 'gexf';
  if (lower.endsWith('.fgb')) return 'fgb';
  if (lower.endsWith('.graphml') || lower.endsWith('.xml')) return 'graphml';
  return 'edges';
}

function graphSummary(g: CompactGraph): Record<string, unknown> {
  const defects = countMultigraphDefects(g);
  const comps = componentSummary(g);
  let minDegree = g.n > 0 ? Infinity : 0;
  for (let u = 0; u < g.n; u++) minDegree = Math.min(minDegree, g.offsets[u + 1] - g.offsets[u]);
  const out: Record<string, unknown> = {
    n: g.n,
    m: g.m,
    meanDegree: g.meanDegree,
    maxDegree: g.maxDegree,
    minDegree,
    simple: defects.selfLoops === 0 && defects.multiEdges === 0,
    selfLoops: defects.selfLoops,
    multiEdges: defects.multiEdges,
    components: comps.count,
    largestComponent: comps.largest,
  };
  if (g.roles) {
    let core = 0;
    for (let u = 0; u < g.n; u++) if (g.roles[u] !== Role.Client) core++;
    out.supernodes = core;
    out.clients = g.n - core;
  }
  return out;
}

/** Summary of the explicit graph of an overlay, computed from the overlay arrays in O(S + C·H). */
function overlaySummary(
  o: TwoTierOverlay,
  spec: Extract<GraphSpec, { model: 'two-tier' | 'ultrapeer' }>,
): Record<string, unknown> {
  const { core, clients: C, cacheSize: H, hostCache, active } = o;
  const S = core.n;
  const n = S + C;
  const m = core.m + C * H;
  const deg = core.degrees();
  for (let i = 0; i < hostCache.length; i++) deg[hostCache[i]]++;
  let maxDegree = C > 0 ? H : 0;
  let minDegree = C > 0 ? H : Infinity;
  for (let s = 0; s < S; s++) {
    maxDegree = Math.max(maxDegree, deg[s]);
    minDegree = Math.min(minDegree, deg[s]);
  }
  // Components: union–find over the supernodes, merged through each client's cache row (a client joins the
  // component of its cached supernodes).
  const uf = new UnionFind(S);
  const find = (x: number): number => uf.find(x);
  const union = (a: number, b: number): void => {
    uf.union(a, b);
  };
  for (let e = 0; e < core.m; e++) union(core.edgeSource[e], core.edgeTarget[e]);
  for (let c = 0; c < C; c++) for (let j = 1; j < H; j++) union(hostCache[c * H], hostCache[c * H + j]);
  const size = new Float64Array(S);
  for (let s = 0; s < S; s++) size[find(s)]++;
  for (let c = 0; c < C; c++) size[find(hostCache[c * H])]++;
  let components = 0;
  let largest = 0;
  for (let s = 0; s < S; s++) {
    if (uf.isRoot(s)) {
      components++;
      largest = Math.max(largest, size[s]);
    }
  }
  const load = new Int32Array(S);
  for (let c = 0; c < C; c++) load[active[c]]++;
  let maxLoad = 0;
  for (let s = 0; s < S; s++) maxLoad = Math.max(maxLoad, load[s]);
  if (spec.model === 'ultrapeer' && C === 0 && S === 0)
    throw new FragilityInputError('--graph', spec.model, 'a non-empty overlay');
  return {
    n,
    m,
    meanDegree: n === 0 ? 0 : (2 * m) / n,
    maxDegree,
    minDegree: n === 0 ? 0 : minDegree,
    simple: core.isSimple,
    selfLoops: 0,
    multiEdges: 0,
    components,
    largestComponent: largest,
    supernodes: S,
    clients: C,
    cacheSize: H,
    coreMeanDegree: core.meanDegree,
    coreMaxDegree: core.maxDegree,
    meanClientsPerSupernode: S === 0 ? 0 : C / S,
    maxClientsPerSupernode: maxLoad,
  };
}
