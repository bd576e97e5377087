// Function lengths of a source tree, measured on the TypeScript syntax tree (issue 17: no function over 150 lines).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './import-graph.ts';

export interface FunctionLength {
  /** `file:line name`, e.g. `cascade/overload-model.ts:120 simulateOverload`. */
  where: string;
  file: string;
  name: string;
  /** Lines from the first token of the function (after its leading comments) to its closing token, inclusive. */
  lines: number;
}

function nameOf(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (node.name) return node.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(sf);
  }
  return '<anonymous>';
}

/** Every function-like node (declarations, methods, accessors, constructors, arrows, function expressions) of a text. */
export function functionLengthsOfText(file: string, text: string): FunctionLength[] {
  const out: FunctionLength[] = [];
  const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  // JSDoc is not parsed: a function's first token comes after its leading comments either way (getStart).
  const sf = ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    kind,
  );
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(fn.getEnd()).line;
      const name = nameOf(fn, sf);
      out.push({ where: `${file}:${start + 1} ${name}`, file, name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const byLength = (a: FunctionLength, b: FunctionLength) => b.lines - a.lines || a.where.localeCompare(b.where);

/** Every function of the source files under `root` (declaration files skipped), longest first. */
export function functionLengths(root: string): FunctionLength[] {
  return sourceFiles(root)
    .filter((file) => !/\.d\.[cm]?ts$/.test(file))
    .flatMap((file) => functionLengthsOfText(file, readFileSync(join(root, file), 'utf8')))
    .sort(byLength);
}
