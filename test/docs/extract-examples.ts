// Extracts every TSDoc `@example` of src/ and compiles it into a runnable async body whose trailing-comment claims
// are checked. Used by test/docs/examples.test.ts; the grammar of a claim is documented there and in parseClaim.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One `@example` code block. */
export interface DocExample {
  /** Path relative to the repository root, e.g. `src/analytic/molloy-reed.ts`. */
  file: string;
  /** The documented declaration, `name` or `Class.member` (`(module)` for a file-level comment). */
  symbol: string;
  /** 1-based index among the code blocks of the same file and symbol. */
  index: number;
  /** 1-based line of the `@example` tag in the file. */
  line: number;
  /** The example's TypeScript code. */
  code: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

function declName(node: ts.Node): string | undefined {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.map((d) => d.name.getText()).join(', ');
  }
  const name = (node as { name?: ts.Node }).name;
  if (name) return name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return undefined;
}

function symbolOf(node: ts.Node): string {
  const own = declName(node) ?? '(module)';
  let p = node.parent;
  while (p && !ts.isSourceFile(p)) {
    if (ts.isClassDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isModuleDeclaration(p)) {
      return `${p.name?.getText() ?? '(anonymous)'}.${own}`;
    }
    p = p.parent;
  }
  return own;
}

/** The code blocks of one raw `@example` section (text after the tag, ` * ` prefixes removed). */
function codeBlocks(section: string): string[] {
  const fences = [...section.matchAll(/```(\w*)[^\n]*\n([\s\S]*?)```/g)];
  if (fences.length > 0) {
    return fences.filter((m) => ['', 'ts', 'typescript', 'js', 'javascript'].includes(m[1])).map((m) => m[2]);
  }
  return section.trim() === '' ? [] : [section];
}

/** Every `@example` of every .ts file under `srcDir`, in file order. */
export function extractExamples(root: string, srcDir = join(root, 'src')): DocExample[] {
  const out: DocExample[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('@example')) continue;
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const file = relative(root, path).split('\\').join('/');
    const counters = new Map<string, number>();
    const seen = new Set<number>();
    const visit = (node: ts.Node): void => {
      const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
      for (const doc of docs ?? []) {
        if (seen.has(doc.pos)) continue;
        seen.add(doc.pos);
        const raw = text.slice(doc.pos, doc.end);
        if (!raw.includes('@example')) continue;
        const lines = raw
          .replace(/^\/\*\*/, '')
          .replace(/\*\/$/, '')
          .split('\n')
          .map((l) => l.replace(/^\s*\* ?/, ''));
        const symbol = symbolOf(node);
        let i = 0;
        while (i < lines.length) {
          if (!/^@example\b/.test(lines[i])) {
            i++;
            continue;
          }
          const line = sf.getLineAndCharacterOfPosition(doc.pos).line + 1 + i;
          const body = [lines[i].replace(/^@example\s*/, '')];
          let inFence = false;
          for (i++; i < lines.length; i++) {
            if (/^```/.test(lines[i].trim())) inFence = !inFence;
            if (!inFence && /^@\w+/.test(lines[i])) break;
            body.push(lines[i]);
          }
          for (const code of codeBlocks(body.join('\n'))) {
            const k = (counters.get(symbol) ?? 0) + 1;
            counters.set(symbol, k);
            out.push({ file, symbol, index: k, line, code });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Claims

/** An expected value parsed from a claim. */
export type Expected =
  | { kind: 'number'; value: number; tol: number; text: string }
  | { kind: 'bound'; op: '<' | '<=' | '>' | '>='; value: number; text: string }
  | { kind: 'literal'; value: string | boolean | null | undefined }
  | { kind: 'array'; items: Expected[] }
  | { kind: 'typed'; ctor: string; items: Expected[] }
  | { kind: 'object'; entries: Array<{ key: string; value: Expected | null }> }
  | { kind: 'any' }
  | { kind: 'anyArray' };

/** A parsed claim: the value equals, each listed field matches, or the statement throws. */
export type Claim =
  | { kind: 'value'; expected: Expected }
  | { kind: 'fields'; entries: Array<{ path: string; expected: Expected }> }
  | { kind: 'throws'; field?: string };

const TYPED = [
  'Int8Array',
  'Uint8Array',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
];
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*/;

class ClaimParser {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  peek(re: RegExp): RegExpMatchArray | null {
    this.ws();
    return this.s.slice(this.i).match(re);
  }
  take(re: RegExp): string | null {
    const m = this.peek(re);
    if (!m) return null;
    this.i += m[0].length;
    return m[0];
  }
  fail(what: string): never {
    throw new Error(`malformed claim "${this.s}": expected ${what} at column ${this.i + 1}`);
  }
  /** A number literal with its implied tolerance. approx: '≈' given; otherwise rounding to the digits shown. */
  number(approx: boolean): Expected | null {
    const m = this.take(/^[-−]?(?:\d+(?:\.\d+)?(?:e[-+]?\d+)?|Infinity)(?:…|\.\.\.|(?![\w.]))/);
    if (m === null) {
      if (this.take(/^NaN\b/)) return { kind: 'number', value: Number.NaN, tol: 0, text: 'NaN' };
      return null;
    }
    const truncated = m.endsWith('…') || m.endsWith('...');
    const body = m.replace(/…|\.\.\.$/, '').replace('−', '-');
    const value = Number(body);
    const [mant, exp] = body.split('e');
    const decimals = mant.includes('.') ? mant.length - mant.indexOf('.') - 1 : 0;
    const unit = 10 ** ((exp ? Number(exp) : 0) - decimals);
    let tol: number;
    const pm = approx ? this.take(/^±\s*\d+(?:\.\d+)?(?:e[-+]?\d+)?/) : null;
    if (pm) tol = Number(pm.replace('±', '').trim());
    else if (!Number.isFinite(value)) tol = 0;
    else if (approx || truncated)
      tol = unit; // one unit of the last digit shown
    else if (decimals === 0 && !exp)
      tol = 1e-9 * Math.max(1, Math.abs(value)); // an integer: exact up to rounding noise
    else tol = unit / 2; // the value rounds to the digits shown
    return { kind: 'number', value, tol: tol * (1 + 1e-9) + Number.EPSILON * Math.abs(value) * 4, text: m };
  }
  value(approx = false): Expected {
    this.ws();
    if (this.take(/^[≈~]/)) approx = true;
    const bound = this.take(/^(<=|>=|<|>|≤|≥)/);
    if (bound) {
      const n = this.number(false);
      if (n?.kind !== 'number') this.fail('a number after ' + bound);
      const op = bound === '≤' ? '<=' : bound === '≥' ? '>=' : (bound as '<' | '<=' | '>' | '>=');
      return { kind: 'bound', op, value: n.value, text: `${bound} ${n.text}` };
    }
    const n = this.number(approx);
    if (n) return n;
    if (this.take(/^(?:…|\.\.\.?)/)) return { kind: 'any' };
    const str = this.take(/^'(?:[^'\\]|\\.)*'|^"(?:[^"\\]|\\.)*"/);
    if (str)
      return {
        kind: 'literal',
        value: JSON.parse(
          '"' + str.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"').replace(/\\\\"/g, '\\"') + '"',
        ),
      };
    const word = this.take(/^(true|false|null|undefined)\b/);
    if (word)
      return {
        kind: 'literal',
        value: word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : undefined,
      };
    const typed = this.take(new RegExp(`^(${TYPED.join('|')})(?=\\s*\\[)`));
    if (typed) {
      const arr = this.value(approx);
      if (arr.kind !== 'array') this.fail('[ after ' + typed);
      return { kind: 'typed', ctor: typed, items: arr.items };
    }
    if (this.take(/^\[\s*(?:…|\.\.\.?)\s*\]/)) return { kind: 'anyArray' };
    if (this.take(/^\[/)) {
      const items: Expected[] = [];
      if (!this.take(/^\]/)) {
        do items.push(this.value(approx));
        while (this.take(/^,/));
        if (!this.take(/^\]/)) this.fail(']');
      }
      return { kind: 'array', items };
    }
    if (this.take(/^\{/)) {
      const entries: Array<{ key: string; value: Expected | null }> = [];
      if (!this.take(/^\}/)) {
        do {
          if (this.peek(/^\}/)) break;
          if (this.take(/^(?:…|\.\.\.)/)) continue;
          const key = this.take(/^[A-Za-z_$][\w$]*|^'[^']*'|^"[^"]*"/);
          if (!key) this.fail('a key');
          const k = key.replace(/^['"]|['"]$/g, '');
          if (this.take(/^:/)) entries.push({ key: k, value: this.value(approx) });
          else entries.push({ key: k, value: null });
        } while (this.take(/^,/));
        if (!this.take(/^\}/)) this.fail('}');
      }
      return { kind: 'object', entries };
    }
    return this.fail('a value');
  }
  /** What may follow a claim: nothing, or a prose remark starting with '(', '—', ':' or a word. */
  end(): boolean {
    this.ws();
    return this.i >= this.s.length || /^[(—–:]|^[A-Za-z]/.test(this.s.slice(this.i));
  }
}

/**
 * Parses a trailing comment. Returns null when the comment is prose (does not start like a claim); throws when it
 * starts like a claim but does not parse, so that a typo cannot silently turn a claim into prose.
 */
export function parseClaim(comment: string): Claim | null {
  const s = comment.trim();
  if (/^throws\b/.test(s)) {
    const m = s.match(/^throws(?::\s*([\w$.[\]]+))?/)!;
    return { kind: 'throws', field: m[1] };
  }
  const valueStart = new RegExp(
    `^(?:[≈~]|[-−]?\\d|'|"|\\[|\\{|(?:true|false|null|undefined|NaN|Infinity)\\b|(?:${TYPED.join('|')})\\s*\\[)`,
  );
  const p = new ClaimParser(s);
  if (valueStart.test(s)) {
    const expected = p.value();
    if (!p.end()) p.fail('the end of the claim or a prose remark');
    return { kind: 'value', expected };
  }
  const fieldStart = new RegExp(PATH.source + /\s*(?:===|=(?!=)|≈|~|<=|>=|<|>|≤|≥)/.source);
  if (!fieldStart.test(s)) return null;
  const entries: Array<{ path: string; expected: Expected }> = [];
  do {
    const path = p.take(PATH);
    if (!path) return p.fail('a field path');
    const op = p.take(/^(===|=|≈|~|<=|>=|<|>|≤|≥)/);
    if (!op) return p.fail('=, ≈ or a comparison');
    if (op === '=' || op === '===' || op === '≈' || op === '~')
      entries.push({ path, expected: p.value(op === '≈' || op === '~') });
    else {
      p.i -= op.length;
      entries.push({ path, expected: p.value() });
    }
  } while (p.take(/^[,;]/) && p.peek(fieldStart));
  if (!p.end()) p.fail('the end of the claim or a prose remark');
  return { kind: 'fields', entries };
}

/** Checks `actual` against `expected`; returns a description of the first mismatch, or null. */
export function mismatch(actual: unknown, expected: Expected, where = 'value'): string | null {
  switch (expected.kind) {
    case 'any':
      return null;
    case 'anyArray':
      return Array.isArray(actual) || ArrayBuffer.isView(actual)
        ? null
        : `${where}: expected an array, got ${show(actual)}`;
    case 'number': {
      if (typeof actual !== 'number') return `${where}: expected the number ${expected.text}, got ${show(actual)}`;
      if (Number.isNaN(expected.value)) return Number.isNaN(actual) ? null : `${where}: expected NaN, got ${actual}`;
      if (!Number.isFinite(expected.value))
        return actual === expected.value ? null : `${where}: expected ${expected.value}, got ${actual}`;
      const ok = Math.abs(actual - expected.value) <= expected.tol;
      return ok ? null : `${where}: expected ${expected.text} (±${expected.tol.toPrecision(3)}), got ${actual}`;
    }
    case 'bound': {
      if (typeof actual !== 'number') return `${where}: expected a number ${expected.text}, got ${show(actual)}`;
      const v = expected.value;
      const ok =
        expected.op === '<'
          ? actual < v
          : expected.op === '<='
            ? actual <= v
            : expected.op === '>'
              ? actual > v
              : actual >= v;
      return ok ? null : `${where}: expected ${expected.text}, got ${actual}`;
    }
    case 'literal':
      return Object.is(actual, expected.value)
        ? null
        : `${where}: expected ${show(expected.value)}, got ${show(actual)}`;
    case 'array':
    case 'typed': {
      if (expected.kind === 'typed') {
        const name = (actual as object | null)?.constructor?.name;
        if (name !== expected.ctor) return `${where}: expected a ${expected.ctor}, got ${name ?? show(actual)}`;
      } else if (!Array.isArray(actual)) return `${where}: expected an array, got ${show(actual)}`;
      const arr = actual as ArrayLike<unknown>;
      if (arr.length !== expected.items.length)
        return `${where}: expected length ${expected.items.length}, got ${arr.length} (${show(actual)})`;
      for (let i = 0; i < arr.length; i++) {
        const m = mismatch(arr[i], expected.items[i], `${where}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    case 'object': {
      if (actual === null || typeof actual !== 'object') return `${where}: expected an object, got ${show(actual)}`;
      for (const { key, value } of expected.entries) {
        if (!(key in actual)) return `${where}: expected a key ${key}, got keys ${Object.keys(actual).join(', ')}`;
        if (value) {
          const m = mismatch((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
          if (m) return m;
        }
      }
      return null;
    }
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v !== 'object' || v === null) return String(v);
  try {
    const s = JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x));
    return s.length > 200 ? s.slice(0, 197) + '...' : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Compilation

/** A claim at a place in an example. */
export interface ClaimSite {
  /** 1-based line in the example code. */
  line: number;
  comment: string;
  claim: Claim;
}

/** The example compiled to JavaScript: an async body calling `__ex.value(k, v)` / `__ex.throws(k, fn)`. */
export interface CompiledExample {
  js: string;
  claims: ClaimSite[];
  /** Module specifiers imported by the example (rewritten to `await __ex.import(spec)`). */
  imports: string[];
  /** Top-level names the example declares itself. */
  declared: Set<string>;
}

function boundNames(name: ts.BindingName, out: Set<string>): void {
  if (ts.isIdentifier(name)) out.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) boundNames(el.name, out);
}

/** Rewrites the example so that every claim is checked; throws on a malformed claim. */
export function compileExample(code: string): CompiledExample {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const claims: ClaimSite[] = [];
  const imports: string[] = [];
  const declared = new Set<string>();
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const ownLine = (pos: number): void => {
    // a comment on its own line is checked when it is a field claim on names declared above it
    for (const r of ts.getLeadingCommentRanges(code, pos) ?? []) {
      if (r.kind !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
      const comment = code.slice(r.pos + 2, r.end);
      let claim: Claim | null;
      try {
        claim = parseClaim(comment);
      } catch {
        continue; // prose that happens to start like a claim: own-line comments are not held to the grammar
      }
      if (claim?.kind !== 'fields' || !claim.entries.every((e) => declared.has(e.path.match(/^[A-Za-z_$][\w$]*/)![0])))
        continue;
      const k = claims.length;
      claims.push({ line: sf.getLineAndCharacterOfPosition(r.pos).line + 1, comment: comment.trim(), claim });
      edits.push({
        start: r.end,
        end: r.end,
        text: `\n__ex.fields(${k}, undefined, [${claim.entries.map((e) => `() => ${e.path}`).join(', ')}]);`,
      });
    }
  };
  for (const st of sf.statements) {
    ownLine(st.pos);
    if (ts.isImportDeclaration(st)) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      imports.push(spec);
      const c = st.importClause;
      const parts: string[] = [];
      const mod = `(await __ex.import(${JSON.stringify(spec)}))`;
      if (c && !c.isTypeOnly) {
        if (c.name) {
          parts.push(`const ${c.name.text} = ${mod}.default;`);
          declared.add(c.name.text);
        }
        const nb = c.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) {
          parts.push(`const ${nb.name.text} = ${mod};`);
          declared.add(nb.name.text);
        } else if (nb) {
          const els = nb.elements.filter((e) => !e.isTypeOnly);
          if (els.length) {
            parts.push(
              `const { ${els.map((e) => (e.propertyName ? `${e.propertyName.getText()}: ${e.name.text}` : e.name.text)).join(', ')} } = ${mod};`,
            );
            for (const e of els) declared.add(e.name.text);
          }
        }
      } else if (!c) parts.push(`await __ex.import(${JSON.stringify(spec)});`);
      edits.push({ start: st.getStart(sf), end: st.end, text: parts.join(' ') });
      continue;
    }
    const names = new Set<string>();
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) boundNames(d.name, names);
    else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) names.add(st.name.text);
    for (const n of names) declared.add(n);
    const trailing = ts.getTrailingCommentRanges(code, st.end) ?? [];
    const c = trailing.find((r) => r.kind === ts.SyntaxKind.SingleLineCommentTrivia);
    if (!c) continue;
    const comment = code.slice(c.pos + 2, c.end);
    let claim: Claim | null;
    try {
      claim = parseClaim(comment);
    } catch (e) {
      throw new Error(`line ${sf.getLineAndCharacterOfPosition(c.pos).line + 1}: ${(e as Error).message}`);
    }
    if (!claim) continue;
    const k = claims.length;
    claims.push({ line: sf.getLineAndCharacterOfPosition(c.pos).line + 1, comment: comment.trim(), claim });
    const stText = code.slice(st.getStart(sf), st.end);
    if (claim.kind === 'throws') {
      edits.push({ start: st.getStart(sf), end: st.end, text: `await __ex.throws(${k}, async () => { ${stText} });` });
    } else if (ts.isExpressionStatement(st)) {
      const expr = code.slice(st.expression.getStart(sf), st.expression.end);
      if (claim.kind === 'value')
        edits.push({ start: st.getStart(sf), end: st.end, text: `__ex.value(${k}, ${expr});` });
      else {
        const getters = claim.entries.map((e) => `(__v) => __v.${e.path}`).join(', ');
        edits.push({ start: st.getStart(sf), end: st.end, text: `__ex.fields(${k}, ${expr}, [${getters}]);` });
      }
    } else if (names.size > 0) {
      const only = names.size === 1 ? [...names][0] : undefined;
      if (claim.kind === 'value') {
        if (!only)
          throw new Error(`a value claim "${comment.trim()}" after a statement declaring ${[...names].join(', ')}`);
        edits.push({ start: st.end, end: st.end, text: ` __ex.value(${k}, ${only});` });
      } else {
        const getters = claim.entries.map((e) => {
          const head = e.path.match(/^[A-Za-z_$][\w$]*/)![0];
          if (names.has(head)) return `() => ${e.path}`;
          if (!only) throw new Error(`claim path ${e.path} names none of ${[...names].join(', ')}`);
          return `() => ${only}.${e.path}`;
        });
        edits.push({ start: st.end, end: st.end, text: ` __ex.fields(${k}, undefined, [${getters.join(', ')}]);` });
      }
    } else {
      throw new Error(`a claim "${comment.trim()}" after a statement that is neither an expression nor a declaration`);
    }
  }
  ownLine(sf.endOfFileToken.pos);
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  out = out.replace(/\bimport\.meta\.url\b/g, '__ex.metaUrl');
  const js = ts.transpileModule(out, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
    reportDiagnostics: false,
  }).outputText;
  return { js, claims, imports, declared };
}
