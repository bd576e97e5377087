/**
 * Streaming GEXF and GraphML readers: a strict, linear-time XML layer over the htmlparser2 tokenizer (a SAX-style
 * state machine fed chunk by chunk), and builders that turn the elements into a CompactGraph without any DOM.
 *
 * What "strict" means here: one root element; every end tag closes the element opened last (a mismatched, stray or
 * missing end tag is an error naming both lines); attributes quoted and given once; no text outside the root; no
 * `<` in text; no entity but the five predefined ones (`&amp; &lt; &gt; &quot; &apos;`) and character references;
 * no DOCTYPE internal subset (so no entity is ever declared, let alone an external one fetched); nesting at most
 * {@link MAX_XML_DEPTH} levels. Every error is one {@link FragilityInputError} naming `source:line`.
 *
 * Cost: the tokenizer is a single pass over the text; the element stack is pushed and popped at its top; the chunks
 * already consumed are dropped. So time is linear in the file size whatever the nesting, and memory is the graph
 * being built (node keys, edge arrays) plus one chunk.
 *
 * @module
 */
import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { FragilityInputError } from '../errors.ts';
import { CompactGraph } from './compact-graph.ts';
import { checkEdgePolicy, firstCopyIndex, type EdgePolicy, type ImportEdgeOptions } from './edge-policy.ts';

/**
 * Deepest element nesting accepted (GEXF and GraphML documents are 5–6 levels deep).
 *
 * @category Input and output
 */
export const MAX_XML_DEPTH = 256;

/** What a reader is told about the elements of a document. */
interface XmlHandler {
  /** An element starts; `attrs` has the decoded attribute values. */
  open(name: string, attrs: Map<string, string>, line: number): void;
  /** The element opened last ends. */
  close(name: string): void;
  /** Whether the text of the current element is wanted (only then is it decoded and passed to `text`). */
  wantsText(): boolean;
  /** A piece of the current element's text (decoded). */
  text(piece: string): void;
}

const XML_ALLOWED = 'a well-formed XML document';
/** Longest attribute value accepted (an id, a number); an unclosed quote stops here instead of reading the file. */
const MAX_ATTRIBUTE_LENGTH = 1 << 20;

/** The strict XML layer: implements the tokenizer's callbacks, keeps the element stack, reports to a handler. */
class StrictXml implements TokenizerCallbacks {
  private readonly tokenizer: Tokenizer;
  private buffers: string[] = [];
  private bufferOffset = 0;
  /** Lines counted up to absolute index `countedTo` (1-based line number there). */
  private line = 1;
  private countedTo = 0;
  private nlAt = -1;
  private nlScanned = 0;
  private readonly stack: { name: string; line: number }[] = [];
  private rootSeen = false;
  private rootClosed = false;
  private tagName = '';
  private tagLine = 0;
  private attrs = new Map<string, string>();
  private attrName = '';
  private attrValue = '';

  constructor(
    private readonly source: string,
    private readonly handler: XmlHandler,
  ) {
    this.tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, this);
  }

  write(chunk: string): void {
    if (chunk.length === 0) return;
    this.buffers.push(chunk);
    this.tokenizer.write(chunk);
  }

  end(): void {
    this.tokenizer.end();
  }

  // -- positions -------------------------------------------------------------------------------------------------

  /** Advance the line count to absolute index `to` (monotone) and return the line there. Each character is scanned
   * once in all: the next newline found is remembered (`nlAt`), and a search that found none resumes where it stopped
   * (`nlScanned`) when more text arrives (a one-line document of 1e5 tags was quadratic otherwise). */
  private lineAt(to: number): number {
    while (this.countedTo < to) {
      if (this.nlAt < 0) this.findNewline();
      if (this.nlAt >= 0 && this.nlAt < to) {
        this.line++;
        this.countedTo = this.nlAt + 1;
        this.nlScanned = this.countedTo;
        this.nlAt = -1;
      } else this.countedTo = to;
    }
    return this.line;
  }

  /** Set `nlAt` to the next newline at or after max(countedTo, nlScanned) in the text held, or leave it −1. */
  private findNewline(): void {
    let from = Math.max(this.countedTo, this.nlScanned);
    let base = this.bufferOffset;
    for (const buf of this.buffers) {
      if (from < base + buf.length) {
        const i = buf.indexOf('\n', Math.max(0, from - base));
        if (i >= 0) {
          this.nlAt = base + i;
          return;
        }
        from = base + buf.length;
      }
      base += buf.length;
    }
    this.nlScanned = base;
  }

  /** Drop the chunks wholly before absolute index `start` (after counting their lines). */
  private release(start: number): void {
    while (this.buffers.length > 1 && start - this.bufferOffset >= this.buffers[0].length) {
      this.lineAt(this.bufferOffset + this.buffers[0].length);
      this.bufferOffset += this.buffers[0].length;
      this.buffers.shift();
    }
  }

  private slice(start: number, end: number): string {
    this.release(start);
    let b = 0;
    let base = this.bufferOffset;
    while (start - base >= this.buffers[b].length) {
      base += this.buffers[b].length;
      b++;
    }
    let out = this.buffers[b].slice(start - base, end - base);
    while (end - base > this.buffers[b].length) {
      base += this.buffers[b].length;
      b++;
      out += this.buffers[b].slice(0, end - base);
    }
    return out;
  }

  private fail(at: number, why: string): never {
    throw new FragilityInputError(`${this.source}:${this.lineAt(at)}`, '<xml>', XML_ALLOWED, why);
  }

  // -- tokenizer callbacks ---------------------------------------------------------------------------------------

  onopentagname(start: number, end: number): void {
    if (this.rootClosed) this.fail(start, 'a second root element after the first one closed');
    if (this.stack.length >= MAX_XML_DEPTH) this.fail(start, `elements nested deeper than ${MAX_XML_DEPTH} levels`);
    this.tagName = this.slice(start, end);
    this.tagLine = this.lineAt(start);
    this.attrs = new Map();
  }

  onattribname(start: number, end: number): void {
    this.attrName = this.slice(start, end);
    this.attrValue = '';
    if (this.attrs.has(this.attrName)) this.fail(start, `attribute ${this.attrName} given twice in <${this.tagName}>`);
  }

  onattribdata(start: number, end: number): void {
    const piece = this.slice(start, end);
    if (piece.includes('&'))
      this.fail(
        start,
        `undefined entity in attribute ${this.attrName} (only &amp; &lt; &gt; &quot; &apos; and &#…; exist)`,
      );
    if (piece.includes('<')) this.fail(start, `'<' in the value of attribute ${this.attrName}`);
    this.attrValue += piece;
    if (this.attrValue.length > MAX_ATTRIBUTE_LENGTH)
      this.fail(start, `attribute ${this.attrName} longer than ${MAX_ATTRIBUTE_LENGTH} characters`);
  }

  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(quote: QuoteType, end: number): void {
    if (quote === QuoteType.NoValue || quote === QuoteType.Unquoted) {
      this.fail(end, `attribute ${this.attrName} of <${this.tagName}> without a quoted value`);
    }
    this.attrs.set(this.attrName, this.attrValue);
  }

  onopentagend(end: number): void {
    this.startElement(end);
  }

  onselfclosingtag(end: number): void {
    this.startElement(end);
    this.endElement(this.tagName, end);
  }

  private startElement(at: number): void {
    if (this.stack.length === 0) {
      if (this.rootSeen) this.fail(at, 'a second root element');
      this.rootSeen = true;
    }
    this.stack.push({ name: this.tagName, line: this.tagLine });
    this.handler.open(this.tagName, this.attrs, this.tagLine);
  }

  private endElement(name: string, at: number): void {
    const top = this.stack.pop();
    if (!top) this.fail(at, `</${name}> without an opening tag`);
    if (top.name !== name) this.fail(at, `</${name}> closes <${top.name}> opened at line ${top.line}`);
    if (this.stack.length === 0) this.rootClosed = true;
    this.handler.close(name);
  }

  onclosetag(start: number, end: number): void {
    this.endElement(this.slice(start, end), start);
  }

  ontext(start: number, end: number): void {
    const wanted = this.stack.length > 0 && this.handler.wantsText();
    const piece = this.slice(start, end);
    if (piece.includes('<')) this.fail(start, "a '<' that starts no tag");
    if (piece.includes('&'))
      this.fail(start, 'an undefined entity or a bare & (only &amp; &lt; &gt; &quot; &apos; and &#…; exist)');
    if (this.stack.length === 0 && piece.trim() !== '') this.fail(start, 'text outside the root element');
    if (wanted) this.handler.text(piece);
  }

  ontextentity(codepoint: number, end: number): void {
    if (this.stack.length === 0) this.fail(end, 'text outside the root element');
    if (this.handler.wantsText()) this.handler.text(String.fromCodePoint(codepoint));
  }

  oncdata(start: number, end: number, offset: number): void {
    if (this.stack.length === 0) this.fail(start, 'CDATA outside the root element');
    const piece = this.slice(start, end - offset);
    if (this.handler.wantsText()) this.handler.text(piece);
  }

  oncomment(start: number): void {
    this.release(start);
  }

  ondeclaration(start: number, end: number): void {
    const text = this.slice(start, end);
    if (/^DOCTYPE/i.test(text)) {
      if (this.rootSeen) this.fail(start, 'a DOCTYPE after the root element');
      if (text.includes('['))
        this.fail(start, 'a DOCTYPE with an internal subset (entity declarations are not supported)');
      return;
    }
    this.fail(start, `a declaration <!${text.slice(0, 20)}> outside a DOCTYPE`);
  }

  onprocessinginstruction(start: number): void {
    this.release(start);
  }

  onend(): void {
    const at = this.bufferOffset + this.buffers.reduce((s, b) => s + b.length, 0);
    const open = this.stack[this.stack.length - 1];
    if (open) this.fail(at, `the file ends inside <${open.name}> opened at line ${open.line}`);
    if (!this.rootSeen) this.fail(at, 'no root element');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// From elements to a graph

/**
 * Node keys that are canonical decimal integers below this bound ("0", "17", not "017") are looked up in a dense
 * table (at most 16 MB) instead of a Map: ~10× faster at n = 1e6, where the Map lookups were a third of the read.
 */
const DENSE_KEYS = 1 << 22;

/** The number a canonical decimal key below {@link DENSE_KEYS} stands for, else −1. */
function decimalKey(s: string): number {
  const len = s.length;
  if (len === 0 || len > 7 || (len > 1 && s.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v < DENSE_KEYS ? v : -1;
}

/** A growable Int32Array. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

/** Accumulates nodes (in declaration order), node attributes and edges (by node key, resolved at the end). */
class GraphBuilder {
  /** Node key → reference number (first mention, as a node or as an edge end). */
  private readonly refOf = new Map<string, number>();
  private readonly refKeys: string[] = [];
  /** Reference → node index, −1 until declared. */
  private nodeOfRef = new IntList();
  private readonly keys: string[] = [];
  private readonly roleText: (string | undefined)[] = [];
  private readonly capacityText: (string | undefined)[] = [];
  private hasRole = false;
  private hasCapacity = false;
  private readonly src = new IntList();
  private readonly dst = new IntList();
  private readonly edgeLine = new IntList();

  constructor(
    private readonly source: string,
    private readonly selfLoops: EdgePolicy,
    private readonly duplicates: EdgePolicy,
  ) {}

  /** Reference of a canonical decimal key below {@link DENSE_KEYS} (index = the number; 0 = none, else ref + 1). */
  private dense = new Int32Array(1024);

  private ref(key: string): number {
    const x = decimalKey(key);
    if (x >= 0) {
      if (x >= this.dense.length) {
        let len = this.dense.length;
        while (len <= x) len *= 2;
        const d = new Int32Array(len);
        d.set(this.dense);
        this.dense = d;
      }
      const r = this.dense[x] - 1;
      if (r >= 0) return r;
      this.dense[x] = this.newRef(key);
      return this.dense[x] - 1;
    }
    const r = this.refOf.get(key);
    if (r !== undefined) return r;
    const fresh = this.newRef(key) - 1;
    this.refOf.set(key, fresh);
    return fresh;
  }

  /** A new reference for `key`; returns ref + 1. */
  private newRef(key: string): number {
    const r = this.refKeys.length;
    this.refKeys.push(key);
    this.nodeOfRef.push(-1);
    return r + 1;
  }

  node(key: string, line: number): number {
    const r = this.ref(key);
    if (this.nodeOfRef.data[r] >= 0) {
      throw new FragilityInputError(
        `${this.source}:${line}`,
        key,
        'node ids given once',
        'this node id was declared before',
      );
    }
    const u = this.keys.length;
    this.nodeOfRef.data[r] = u;
    this.keys.push(key);
    return u;
  }

  attribute(u: number, name: string, value: string): void {
    if (name === 'role') {
      this.roleText[u] = value;
      this.hasRole = true;
    } else if (name === 'capacity') {
      this.capacityText[u] = value;
      this.hasCapacity = true;
    }
  }

  edge(source: string, target: string, line: number): void {
    if (source === target) {
      if (this.selfLoops === 'error') {
        throw new FragilityInputError(
          `${this.source}:${line}`,
          `${source}–${target}`,
          "no self-loop (pass selfLoops: 'keep' or 'drop')",
        );
      }
      if (this.selfLoops === 'drop') return;
    }
    this.src.push(this.ref(source));
    this.dst.push(this.ref(target));
    this.edgeLine.push(line);
  }

  finish(): CompactGraph {
    const n = this.keys.length;
    const nodeOf = this.nodeOfRef.data;
    let m = this.src.length;
    let src = this.src.data.subarray(0, m);
    let dst = this.dst.data.subarray(0, m);
    for (let e = 0; e < m; e++) {
      const u = nodeOf[src[e]];
      const v = nodeOf[dst[e]];
      if (u < 0 || v < 0) {
        throw new FragilityInputError(
          `${this.source}:${this.edgeLine.data[e]}`,
          this.refKeys[u < 0 ? src[e] : dst[e]],
          'an edge between declared nodes',
          'no node has this id',
        );
      }
      src[e] = u;
      dst[e] = v;
    }
    if (this.duplicates !== 'keep' && m > 0) {
      const first = firstCopyIndex(n, src, dst);
      let dups = 0;
      for (let e = 0; e < m; e++) {
        if (first[e] < 0) continue;
        if (this.duplicates === 'error') {
          throw new FragilityInputError(
            `${this.source}:${this.edgeLine.data[e]}`,
            `${this.keys[src[e]]}–${this.keys[dst[e]]}`,
            `no duplicate of the edge at line ${this.edgeLine.data[first[e]]} (pass duplicates: 'keep' or 'drop')`,
          );
        }
        dups++;
      }
      if (dups > 0) {
        const s2 = new Int32Array(m - dups);
        const t2 = new Int32Array(m - dups);
        let j = 0;
        for (let e = 0; e < m; e++) {
          if (first[e] >= 0) continue;
          s2[j] = src[e];
          t2[j] = dst[e];
          j++;
        }
        src = s2;
        dst = t2;
        m -= dups;
      }
    }
    let roles: Uint8Array | undefined;
    let capacities: Float64Array | undefined;
    if (this.hasRole) {
      roles = new Uint8Array(n);
      for (let u = 0; u < n; u++) {
        const t = this.roleText[u];
        if (t === undefined) continue;
        const r = Number(t.trim());
        if (t.trim() === '' || !(Number.isInteger(r) && r >= 0 && r <= 255)) {
          throw new FragilityInputError(`${this.source}: node ${this.keys[u]}: role`, t, 'an integer in [0, 255]');
        }
        roles[u] = r;
      }
    }
    if (this.hasCapacity) {
      capacities = new Float64Array(n).fill(NaN);
      for (let u = 0; u < n; u++) {
        const t = this.capacityText[u];
        if (t !== undefined) capacities[u] = t.trim() === '' ? NaN : Number(t.trim());
      }
    }
    let canonical = true;
    for (let u = 0; u < n && canonical; u++) if (this.keys[u] !== String(u)) canonical = false;
    return CompactGraph.fromEdges(n, src.slice(), dst.slice(), {
      roles,
      capacities,
      keys: canonical ? undefined : this.keys,
    });
  }
}

/** Local name of an element (the part after a namespace prefix). */
function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function required(source: string, line: number, element: string, attrs: Map<string, string>, name: string): string {
  const v = attrs.get(name);
  if (v === undefined) {
    throw new FragilityInputError(
      `${source}:${line}`,
      `<${element}>`,
      `a <${element}> with ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} attribute`,
    );
  }
  return v;
}

/** GEXF elements → graph. Nodes in `<nodes>`, edges in `<edges>`, node attributes through `<attvalue for=…>`. */
class GexfHandler implements XmlHandler {
  private readonly path: string[] = [];
  private readonly titles = new Map<string, string>();
  private attributesClass: string | null = null;
  private node = -1;
  private graphs = 0;

  constructor(
    private readonly source: string,
    private readonly g: GraphBuilder,
  ) {}

  open(name: string, attrs: Map<string, string>, line: number): void {
    const el = local(name);
    const parent = this.path[this.path.length - 1];
    if (this.path.length === 0 && el !== 'gexf') {
      throw new FragilityInputError(`${this.source}:${line}`, `<${name}>`, 'a GEXF document (root element <gexf>)');
    }
    this.path.push(el);
    if (el === 'graph') this.graphs++;
    else if (el === 'attributes') this.attributesClass = attrs.get('class') ?? 'node';
    else if (el === 'attribute' && parent === 'attributes' && this.attributesClass === 'node') {
      const id = required(this.source, line, name, attrs, 'id');
      this.titles.set(id, attrs.get('title') ?? id);
    } else if (el === 'node' && parent === 'nodes') {
      this.node = this.g.node(required(this.source, line, name, attrs, 'id'), line);
    } else if (el === 'attvalue' && this.node >= 0) {
      const key = attrs.get('for') ?? attrs.get('id');
      if (key === undefined)
        throw new FragilityInputError(`${this.source}:${line}`, `<${name}>`, 'an <attvalue> with a for attribute');
      this.g.attribute(this.node, this.titles.get(key) ?? key, required(this.source, line, name, attrs, 'value'));
    } else if (el === 'edge' && parent === 'edges') {
      this.g.edge(
        required(this.source, line, name, attrs, 'source'),
        required(this.source, line, name, attrs, 'target'),
        line,
      );
    }
  }

  close(name: string): void {
    const el = this.path.pop();
    if (el === 'node' && this.path[this.path.length - 1] === 'nodes') this.node = -1;
    if (local(name) === 'attributes') this.attributesClass = null;
  }

  wantsText(): boolean {
    return false;
  }

  text(): void {}

  finish(): void {
    if (this.graphs === 0)
      throw new FragilityInputError(this.source, '<gexf>', 'a GEXF document with a <graph> element');
  }
}

/** GraphML elements → graph. `<key for="node" attr.name=…>` names the `<data key=…>` of nodes. */
class GraphmlHandler implements XmlHandler {
  private readonly path: string[] = [];
  private readonly names = new Map<string, string>();
  private node = -1;
  private dataKey: string | null = null;
  private dataText = '';
  private graphs = 0;

  constructor(
    private readonly source: string,
    private readonly g: GraphBuilder,
  ) {}

  open(name: string, attrs: Map<string, string>, line: number): void {
    const el = local(name);
    const parent = this.path[this.path.length - 1];
    if (this.path.length === 0 && el !== 'graphml') {
      throw new FragilityInputError(
        `${this.source}:${line}`,
        `<${name}>`,
        'a GraphML document (root element <graphml>)',
      );
    }
    this.path.push(el);
    if (el === 'key' && parent === 'graphml') {
      const id = required(this.source, line, name, attrs, 'id');
      const target = attrs.get('for') ?? 'all';
      if (target === 'node' || target === 'all') this.names.set(id, attrs.get('attr.name') ?? id);
    } else if (el === 'graph') {
      if (this.graphs > 0 && this.path.includes('node')) {
        throw new FragilityInputError(
          `${this.source}:${line}`,
          `<${name}>`,
          'a flat graph (nested graphs are not supported)',
        );
      }
      this.graphs++;
    } else if (el === 'node' && parent === 'graph') {
      this.node = this.g.node(required(this.source, line, name, attrs, 'id'), line);
    } else if (el === 'data' && parent === 'node' && this.node >= 0) {
      this.dataKey = required(this.source, line, name, attrs, 'key');
      this.dataText = '';
    } else if (el === 'edge' && parent === 'graph') {
      this.g.edge(
        required(this.source, line, name, attrs, 'source'),
        required(this.source, line, name, attrs, 'target'),
        line,
      );
    }
  }

  close(name: string): void {
    const el = this.path.pop();
    if (el === 'data' && this.dataKey !== null) {
      this.g.attribute(this.node, this.names.get(this.dataKey) ?? this.dataKey, this.dataText);
      this.dataKey = null;
    } else if (el === 'node' && local(name) === 'node') this.node = -1;
  }

  wantsText(): boolean {
    return this.dataKey !== null;
  }

  text(piece: string): void {
    this.dataText += piece;
    if (this.dataText.length > 1024) {
      throw new FragilityInputError(
        this.source,
        `<data key="${this.dataKey}">`,
        'node data of at most 1024 characters',
      );
    }
  }

  finish(): void {
    if (this.graphs === 0)
      throw new FragilityInputError(this.source, '<graphml>', 'a GraphML document with a <graph> element');
  }
}

/**
 * Options of {@link XmlGraphReader}.
 *
 * @category Input and output
 */
export interface XmlGraphOptions extends ImportEdgeOptions {
  /** Name used in error messages (a path, or `"gexf"` / `"graphml"`). */
  source?: string;
}

/**
 * A streaming GEXF or GraphML reader: feed it the document in chunks (`write`), then `end()` returns the graph.
 *
 * Nodes get ids 0..n−1 in declaration order; their keys are kept (`keys`) unless they are exactly `"0".."n-1"` in
 * order. Every edge (directed or not) is one undirected edge, in document order; an edge may name a node declared
 * later. Node attributes `role` (integer in [0, 255]) and `capacity` (number) are read when present (GEXF: the
 * `<attribute>` title; GraphML: the `<key>` attr.name); missing values are role 0 and capacity NaN. Self-loops and
 * duplicate edges follow `selfLoops` / `duplicates` (default `'keep'`).
 *
 * @complexity O(file size + n + m) time whatever the nesting; memory O(n + m) plus one chunk.
 *
 * @model identity on structure; node ids → keys.
 *
 * @references GEXF 1.3 specification, https://gexf.net; GraphML primer,
 * http://graphml.graphdrawing.org/primer/graphml-primer.html; XML 1.0 (Fifth Edition) §2.1 (well-formed documents),
 * https://www.w3.org/TR/xml/.
 *
 * @example
 * ```ts
 * const r = new XmlGraphReader('graphml', { source: 'net.graphml' });
 * r.write('<graphml><graph><node id="a"/><node id="b"/><edge source="a" target="b"/></graph></graphml>');
 * r.end().m; // 1
 * ```
 *
 * @category Input and output
 */
export class XmlGraphReader {
  private readonly xml: StrictXml;
  private readonly builder: GraphBuilder;
  private readonly handler: GexfHandler | GraphmlHandler;

  /**
   * @param format - `'gexf'` or `'graphml'`.
   * @param opts - `source` for messages; `selfLoops`, `duplicates` (default `'keep'`).
   */
  constructor(format: 'gexf' | 'graphml', opts: XmlGraphOptions = {}) {
    const source = opts.source ?? format;
    this.builder = new GraphBuilder(
      source,
      checkEdgePolicy('selfLoops', opts.selfLoops ?? 'keep'),
      checkEdgePolicy('duplicates', opts.duplicates ?? 'keep'),
    );
    this.handler = format === 'gexf' ? new GexfHandler(source, this.builder) : new GraphmlHandler(source, this.builder);
    this.xml = new StrictXml(source, this.handler);
  }

  /** Feed the next piece of the document. */
  write(chunk: string): void {
    this.xml.write(chunk);
  }

  /** The document is complete: check it and build the graph. */
  end(): CompactGraph {
    this.xml.end();
    this.handler.finish();
    return this.builder.finish();
  }
}
