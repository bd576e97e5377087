// The import graph of a source tree and the layer rule of docs/DESIGN.md (issue 17, point 4).
//
// Every file is parsed with the TypeScript compiler API (no regexes): static `import … from`, `export … from`,
// `import x = require(…)`, dynamic `import(…)`, `typeof import(…)` in types, `require(…)` calls and worker URLs
// `new URL('./x.mjs', import.meta.url)` all count. Only relative specifiers name files of the tree; bare ones
// (packages, `node:` built-ins) are outside the layer rule.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export type ImportKind = 'static' | 're-export' | 'import-equals' | 'dynamic' | 'type-query' | 'require' | 'url';

export interface ImportEdge {
  /** Importing file, relative to the tree root, with forward slashes (`montecarlo/ensemble.ts`). */
  from: string;
  /** The specifier as written. */
  spec: string;
  /** Resolved target relative to the root (`generators/spec.ts`), or null for a bare specifier or one leaving the tree. */
  to: string | null;
  kind: ImportKind;
  /** 1-based line of the import. */
  line: number;
}

const SOURCE_EXT = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs']);

/** Every source file under `root` (recursively), relative paths with forward slashes, sorted. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE_EXT.has(extname(entry.name))) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function scriptKind(file: string): ts.ScriptKind {
  const ext = extname(file);
  if (ext === '.tsx') return ts.ScriptKind.TSX;
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** The module specifiers of one file's text, found by walking its syntax tree. */
export function importsOfText(file: string, text: string): Array<{ spec: string; kind: ImportKind; line: number }> {
  // Only the syntax of imports is read: no parent pointers, no JSDoc (neither is visited by forEachChild below), which
  // makes the parse of src/ about a third cheaper.
  const sf = ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKind(file),
  );
  const found: Array<{ spec: string; kind: ImportKind; line: number }> = [];
  const add = (lit: ts.Node | undefined, kind: ImportKind) => {
    if (lit && (ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit))) {
      found.push({ spec: lit.text, kind, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1 });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, 'static');
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, 're-export');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, 'import-equals');
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(arg.literal, 'type-query');
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], 'dynamic');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require')
        add(node.arguments[0], 'require');
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const [first, second] = node.arguments ?? [];
      const base =
        second &&
        ts.isPropertyAccessExpression(second) &&
        ts.isMetaProperty(second.expression) &&
        second.name.text === 'url';
      if (
        base &&
        first &&
        (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) &&
        first.text.startsWith('.')
      ) {
        add(first, 'url');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The import edges of every source file under `root`. Relative specifiers are resolved against the importer. */
export function importGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const { spec, kind, line } of importsOfText(file, text)) {
      let to: string | null = null;
      if (spec.startsWith('./') || spec.startsWith('../')) {
        const joined = posix.normalize(posix.join(posix.dirname(file), spec));
        to = joined.startsWith('../') ? null : joined;
      }
      edges.push({ from: file, spec, to, kind, line });
    }
  }
  return edges;
}

/**
 * The layer of a file relative to the tree root: its top folder (`montecarlo`), or for a file at the root its
 * base name (`errors`, `index`).
 */
export function layerOf(path: string): string {
  const slash = path.indexOf('/');
  if (slash >= 0) return path.slice(0, slash);
  return path.replace(/\.(d\.)?[cm]?[jt]sx?$/, '');
}

/**
 * The layering of docs/DESIGN.md ("Layers: data flows downward; nothing imports upward") as ranks: a file may
 * import its own layer and any layer of strictly lower rank. Layers of equal rank are peers that must not import
 * each other (analytic/, montecarlo/ and cascade/ meet only in compare/).
 *
 * - 0 the root modules every layer may use: errors, node-only; 0.5 the root utilities built on them: atomic-write,
 *   mathjs-lazy, resources, numerics/ (normal functions, intervals, root finding, special functions, hash) and
 *   parallel/ (worker pools, shared arrays)
 * - 1 random/  2 graph/  2.5 metrics/ (betweenness, efficiency: graph metrics)  3 distributions/  4 generators/  5 models/   (the bottom band, in DESIGN.md's order)
 * - 6 analytic/, montecarlo/, cascade/   (peers)
 * - 7 report/  8 compare/  8.5 queue/ (distributed runs of montecarlo/ and cascade/ work)  9 scenarios/   (the top band)
 * - 10 the entry points: cli/, index (src/index.ts), core (src/core.ts)
 */
export const LAYER_RANK: Readonly<Record<string, number>> = {
  errors: 0,
  'node-only': 0,
  'atomic-write': 0.5,
  'mathjs-lazy': 0.5,
  resources: 0.5,
  numerics: 0.5,
  parallel: 0.5,
  random: 1,
  graph: 2,
  metrics: 2.5,
  distributions: 3,
  generators: 4,
  models: 5,
  analytic: 6,
  montecarlo: 6,
  cascade: 6,
  report: 7,
  compare: 8,
  queue: 8.5,
  scenarios: 9,
  cli: 10,
  index: 10,
  core: 10,
};

export interface Crossing {
  from: string;
  to: string;
  spec: string;
  kind: ImportKind;
  line: number;
  /** `upward` (into a higher rank), `peer` (into another layer of the same rank) or `unknown-layer`. */
  why: 'upward' | 'peer' | 'unknown-layer';
}

/**
 * An allowed crossing: every import from a file matching `from` to a file matching `to` (exact relative paths, or a
 * folder prefix ending in `/`). Each entry must say why it exists.
 */
export interface AllowedCrossing {
  from: string;
  to: string;
  why: string;
}

const matches = (pattern: string, path: string) =>
  pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern;

/** The imports of the tree under `root` that break the layer rule, minus the allowed ones. */
export function layerCrossings(
  root: string,
  allowed: readonly AllowedCrossing[] = [],
  ranks: Readonly<Record<string, number>> = LAYER_RANK,
): { crossings: Crossing[]; edges: ImportEdge[]; unusedAllowances: AllowedCrossing[] } {
  const edges = importGraph(root);
  const used = new Set<AllowedCrossing>();
  const crossings: Crossing[] = [];
  for (const e of edges) {
    if (e.to === null) continue;
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (a === b) continue;
    const ra = ranks[a];
    const rb = ranks[b];
    let why: Crossing['why'] | null = null;
    if (ra === undefined || rb === undefined) why = 'unknown-layer';
    else if (rb > ra) why = 'upward';
    else if (rb === ra) why = 'peer';
    if (why === null) continue;
    const allowance = allowed.find((x) => matches(x.from, e.from) && matches(x.to, e.to!));
    if (allowance) {
      used.add(allowance);
      continue;
    }
    crossings.push({ from: e.from, to: e.to, spec: e.spec, kind: e.kind, line: e.line, why });
  }
  return { crossings, edges, unusedAllowances: allowed.filter((x) => !used.has(x)) };
}

/** One line per crossing, for a readable failure message. */
export const describeCrossing = (c: Crossing) =>
  `${c.from}:${c.line} → ${c.to} (${c.kind} import, ${c.why}: ${layerOf(c.from)} → ${layerOf(c.to)})`;
