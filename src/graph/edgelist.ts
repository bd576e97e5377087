/**
 * Edge-list text format: read (streaming), parse, format and write (streaming).
 *
 * Format: one edge a line, `u v`, the two node tokens separated by whitespace or a comma; further columns (weights,
 * timestamps) are ignored. Blank lines and lines whose first non-blank character is `#` are skipped. A header
 * comment `# fragility edge list: n=N ...` (written by {@link formatEdgeList}) fixes the node count so that isolated
 * nodes survive a round trip; its `m=M`, when present, is checked against the body (a file cut short by a killed run
 * or a full disk is refused, not read as a smaller graph), and its n against the ids used and the memory budget before
 * anything is allocated. Lines are at most {@link MAX_EDGE_LIST_LINE} bytes (an over-long line is refused with its
 * number instead of being gathered into one string).
 *
 * Node ids (`ids` option):
 * - `'integer'`: every token is a non-negative integer and is the node id itself; n = max id + 1 (or the header's /
 *   the option's n when larger). Ids that never appear are isolated nodes.
 * - `'label'`: tokens are arbitrary strings, numbered 0, 1, 2, … in order of first appearance; the tokens are kept as
 *   the graph's `keys`.
 * - `'auto'` (default): `'integer'` when every token is a plain non-negative integer (digits only), else `'label'`.
 *
 * Self-loops and duplicate edges (the same unordered pair again, `v u` after `u v` included) follow the explicit
 * `selfLoops` / `duplicates` options: `'error'` (default for both: stop with the file and line number), `'drop'`
 * (skip it; counted in the stats) or `'keep'`.
 *
 * @module
 */
import { nodeBuiltin } from '../node-only.ts';
import { FragilityInputError } from '../errors.ts';
import { checkMemory } from '../resources.ts';
import { CompactGraph } from './compact-graph.ts';
import {
  checkEdgePolicy,
  firstCopyIndex,
  hasRepeatedEdgePair,
  type EdgePolicy,
  type ImportEdgeOptions,
} from './edge-policy.ts';
import { writeStreamAtomic } from '../atomic-write.ts';

/**
 * Options for {@link parseEdgeList} and {@link readEdgeList}.
 *
 * @category Input and output
 */
export interface EdgeListOptions extends ImportEdgeOptions {
  /** How tokens map to node ids (default `'auto'`; see the module documentation). */
  ids?: 'auto' | 'integer' | 'label';
  /** Minimum number of nodes for integer ids (default: max id + 1, or the header's n). */
  n?: number;
  /** Name used in error messages (default: the path, or `"<text>"`). */
  source?: string;
}

/**
 * What the reader saw.
 *
 * @category Input and output
 */
export interface EdgeListStats {
  /** Lines read (comments and blanks included). */
  lines: number;
  /** Edges kept. */
  edges: number;
  /** Self-loops dropped (policy `'drop'`). */
  selfLoopsDropped: number;
  /** Duplicate edges dropped (policy `'drop'`). */
  duplicatesDropped: number;
  /** The id mode actually used. */
  ids: 'integer' | 'label';
}

/**
 * A graph read from an edge list, with the reader's statistics.
 *
 * @category Input and output
 */
export interface EdgeListResult {
  graph: CompactGraph;
  stats: EdgeListStats;
}

const INT_TOKEN = /^\d+$/;
const HEADER = /^#\s*fragility edge list:\s*n=(\d+)(?:\s+m=(\d+))?/;
const MAX_ID = 0x7ffffffe;

/**
 * Longest line the edge-list reader accepts, in bytes (1 MiB; a data line is two node tokens and a few columns).
 *
 * @category Input and output
 */
export const MAX_EDGE_LIST_LINE = 1 << 20;

/**
 * Bytes a read of an edge list with n nodes and m edges holds at its peak: the parser's edge and line arrays (12m,
 * doubled while growing), the duplicate scan (16n + 12m) and the CompactGraph (4n + 16m).
 */
function edgeListBytes(n: number, m: number): number {
  return 20 * n + 52 * m;
}

/**
 * Refuse, before allocating, a graph whose size exceeds the memory budget (src/resources.ts: --max-memory,
 * FRAGILITY_MAX_MEMORY, else half of physical memory).
 */
function checkGraphMemory(field: string, value: unknown, n: number, m: number): void {
  checkMemory(field, value, edgeListBytes(n, m), `reading an edge list with n = ${n}, m = ${m}`);
}

/** Incremental edge-list parser shared by the string and the streaming readers. */
class EdgeListParser {
  private readonly mode: 'auto' | 'integer' | 'label';
  private intMode: boolean;
  private readonly selfLoops: EdgePolicy;
  private readonly duplicates: EdgePolicy;
  private readonly source: string;
  private src: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private dst: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Sparse line numbers of the stored edges (see {@link noteLines}). */
  private readonly skipEdge: number[] = [];
  private readonly skipCount: number[] = [];
  private m = 0;
  private maxId = -1;
  private headerN = 0;
  /** The first header's m and its line, when it has one. */
  private header: { n: number; m: number | undefined; line: number } | undefined;
  /** Data lines (edges before the self-loop / duplicate policies). */
  private edgeLines = 0;
  private labels: Map<string, number> | null = null;
  private keys: string[] = [];
  lines = 0;
  selfLoopsDropped = 0;

  constructor(private readonly opts: EdgeListOptions) {
    this.mode = opts.ids ?? 'auto';
    if (this.mode !== 'auto' && this.mode !== 'integer' && this.mode !== 'label') {
      throw new FragilityInputError('ids', this.mode, "'auto', 'integer' or 'label'");
    }
    this.intMode = this.mode !== 'label';
    if (!this.intMode) this.labels = new Map();
    this.selfLoops = checkEdgePolicy('selfLoops', opts.selfLoops ?? 'error');
    this.duplicates = checkEdgePolicy('duplicates', opts.duplicates ?? 'error');
    this.source = opts.source ?? '<text>';
    if (opts.n !== undefined && !(Number.isInteger(opts.n) && opts.n >= 0 && opts.n <= MAX_ID + 1)) {
      throw new FragilityInputError('n', opts.n, 'an integer >= 0');
    }
  }

  private malformed(lineNo: number, text: string, why: string): never {
    throw new FragilityInputError(
      `${this.source}:${lineNo}`,
      text.length > 60 ? text.slice(0, 57) + '...' : text,
      "'u v' (two node ids separated by whitespace), a '#' comment or a blank line",
      why,
    );
  }

  /** Switch from integer ids to labels: the ids seen so far become their decimal strings, in order of first use. */
  private toLabels(): void {
    const labels = new Map<string, number>();
    const keys: string[] = [];
    const remap = new Map<number, number>();
    const id = (x: number): number => {
      let r = remap.get(x);
      if (r === undefined) {
        r = keys.length;
        remap.set(x, r);
        keys.push(String(x));
        labels.set(String(x), r);
      }
      return r;
    };
    for (let e = 0; e < this.m; e++) {
      this.src[e] = id(this.src[e]);
      this.dst[e] = id(this.dst[e]);
    }
    this.labels = labels;
    this.keys = keys;
    this.intMode = false;
  }

  private labelId(tok: string): number {
    let id = this.labels!.get(tok);
    if (id === undefined) {
      id = this.keys.length;
      this.labels!.set(tok, id);
      this.keys.push(tok);
    }
    return id;
  }

  private onHeader(lineNo: number, text: string, n: number, m: number | undefined): void {
    const field = `${this.source}:${lineNo}`;
    if (n > MAX_ID + 1) throw new FragilityInputError(field, text, `a header with n <= ${MAX_ID + 1}`);
    if (m !== undefined && !Number.isSafeInteger(m))
      throw new FragilityInputError(field, text, 'a header with an integer m');
    checkGraphMemory(field, text, n, m ?? 0);
    this.headerN = Math.max(this.headerN, n);
    if (!this.header && this.edgeLines === 0) this.header = { n, m, line: lineNo };
  }

  /**
   * Parse the complete lines in `buf[start, end)`, byte by byte; `buf[end - 1]` must be `\n` (the file reader appends
   * one after an unterminated last line), which ends every inner scan without a bounds check. Runs of lines of the
   * common form `digits sep digits [sep ...]` (sep: runs of space, tab, comma, CR) in integer mode with two distinct
   * ids are stored by {@link fastRun} without creating a string; every other line (comments, headers, labels,
   * self-loops, anything unusual) is decoded and handed to {@link line}, so results and error messages are those of
   * the string parser. Returns nothing; throws what {@link line} throws.
   */
  bytes(buf: Uint8Array, start: number, end: number, lineTooLong: (lineNo: number) => never): void {
    let i = start;
    while (i < end) {
      if (this.intMode) {
        i = this.fastRun(buf, i, end);
        if (i >= end) break;
      }
      let nl = i;
      while (buf[nl] !== 10) nl++;
      if (nl - i > MAX_EDGE_LIST_LINE) lineTooLong(this.lines + 1);
      this.line(textDecoder(buf, i, nl));
      i = nl + 1;
    }
  }

  /**
   * The fast path of {@link bytes}: stores the edges of the consecutive common lines from `buf[i]` on (see
   * {@link bytes}; `buf[end - 1]` is `\n`) and returns the start of the first line that needs {@link line}, or `end`.
   * One loop with the parser's state in locals: no call, no string and no line-number store per line.
   */
  private fastRun(buf: Uint8Array, i: number, end: number): number {
    this.noteLines(this.lines - this.m);
    let src = this.src;
    let dst = this.dst;
    let cap = src.length;
    let m = this.m;
    let maxId = this.maxId;
    const m0 = m;
    while (i < end) {
      const start = i;
      let c = buf[i];
      while (c === 32 || c === 9 || c === 13) c = buf[++i]; // leading blanks (space, tab, CR)
      if (c < 48 || c > 57) {
        i = start; // blank, comment, label or anything unusual: string path
        break;
      }
      let u = 0;
      const u0 = i;
      do {
        u = u * 10 + (c - 48);
        c = buf[++i];
      } while (c >= 48 && c <= 57);
      const uDigits = i - u0;
      if (!(c === 32 || c === 9 || c === 44 || c === 13)) {
        i = start;
        break;
      }
      do c = buf[++i];
      while (c === 32 || c === 9 || c === 44 || c === 13);
      if (c < 48 || c > 57) {
        i = start;
        break;
      }
      let v = 0;
      const v0 = i;
      do {
        v = v * 10 + (c - 48);
        c = buf[++i];
      } while (c >= 48 && c <= 57);
      if (
        (c !== 10 && !(c === 32 || c === 9 || c === 44 || c === 13)) ||
        uDigits > 10 ||
        i - v0 > 10 ||
        u > MAX_ID ||
        v > MAX_ID ||
        u === v
      ) {
        i = start;
        break;
      }
      while (c !== 10) c = buf[++i]; // further columns are ignored
      if (i - start > MAX_EDGE_LIST_LINE) {
        i = start;
        break;
      }
      if (m === cap) {
        this.m = m;
        this.grow();
        src = this.src;
        dst = this.dst;
        cap = src.length;
      }
      src[m] = u;
      dst[m] = v;
      m++;
      if (u > maxId) maxId = u;
      if (v > maxId) maxId = v;
      i++; // past the newline
    }
    this.m = m;
    this.maxId = maxId;
    this.lines += m - m0;
    this.edgeLines += m - m0;
    return i;
  }

  /**
   * Record, before edge `m` is stored, how many lines that hold no stored edge (comments, blanks, dropped self-loops)
   * precede its line (`skipped`), when that count changed since the last record: edge e's line is then e + 1 + that count for the
   * last record at or before e ({@link lineOf}). Sparse, instead of a line number per edge.
   */
  private noteLines(skipped: number): void {
    if (this.skipCount.length === 0 ? skipped !== 0 : this.skipCount[this.skipCount.length - 1] !== skipped) {
      if (this.skipEdge.length > 0 && this.skipEdge[this.skipEdge.length - 1] === this.m)
        this.skipCount[this.skipCount.length - 1] = skipped;
      else {
        this.skipEdge.push(this.m);
        this.skipCount.push(skipped);
      }
    }
  }

  /** The line number of stored edge e (see {@link noteLines}). */
  private lineOf(e: number): number {
    let lo = 0;
    let hi = this.skipEdge.length; // the answer is the last record with skipEdge <= e, or none
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.skipEdge[mid] <= e) lo = mid + 1;
      else hi = mid;
    }
    return e + 1 + (lo === 0 ? 0 : this.skipCount[lo - 1]);
  }

  /** Double the capacity of the edge arrays (or reserve the header's m at once). */
  private grow(): void {
    const want = this.header?.m !== undefined && this.header.m > this.m ? this.header.m : this.src.length * 2;
    const grow = (x: Int32Array): Int32Array<ArrayBuffer> => {
      const y = new Int32Array(want);
      y.set(x.subarray(0, this.m));
      return y;
    };
    this.src = grow(this.src);
    this.dst = grow(this.dst);
  }

  line(text: string): void {
    const lineNo = ++this.lines;
    const t = text.trim();
    if (t === '') return;
    if (t[0] === '#') {
      const h = HEADER.exec(t);
      if (h) this.onHeader(lineNo, t, Number(h[1]), h[2] === undefined ? undefined : Number(h[2]));
      return;
    }
    this.edgeLines++;
    const toks = t.split(/[\s,]+/);
    if (toks.length < 2 || toks[1] === '') this.malformed(lineNo, t, 'expected two node ids');
    const a = toks[0];
    const b = toks[1];
    let u: number;
    let v: number;
    if (this.intMode) {
      const ok = INT_TOKEN.test(a) && INT_TOKEN.test(b);
      if (!ok) {
        if (this.mode === 'integer')
          this.malformed(lineNo, t, "node ids must be non-negative integers with ids: 'integer'");
        this.toLabels();
        u = this.labelId(a);
        v = this.labelId(b);
      } else {
        u = Number(a);
        v = Number(b);
        if (u > MAX_ID || v > MAX_ID) this.malformed(lineNo, t, `node id above ${MAX_ID}`);
      }
    } else {
      u = this.labelId(a);
      v = this.labelId(b);
    }
    if (u === v) {
      if (this.selfLoops === 'error') {
        throw new FragilityInputError(
          `${this.source}:${lineNo}`,
          t,
          "no self-loop (set selfLoops to 'keep' or 'drop')",
          `self-loop on node ${a}`,
        );
      }
      if (this.selfLoops === 'drop') {
        this.selfLoopsDropped++;
        return;
      }
    }
    if (this.m === this.src.length) this.grow();
    this.noteLines(lineNo - 1 - this.m);
    this.src[this.m] = u;
    this.dst[this.m] = v;
    this.m++;
    if (this.intMode) this.maxId = Math.max(this.maxId, u, v);
  }

  finish(): EdgeListResult {
    const h = this.header;
    if (h && h.m !== undefined && h.m !== this.edgeLines) {
      throw new FragilityInputError(
        this.source,
        `${this.edgeLines} edge lines`,
        `the ${h.m} edge lines its header (line ${h.line}) announces`,
        this.edgeLines < h.m
          ? 'the file is truncated: a run was killed or a disk filled while writing it'
          : 'edges were appended after the header was written',
      );
    }
    if (h && this.intMode && this.maxId + 1 > h.n) {
      throw new FragilityInputError(
        this.source,
        `node id ${this.maxId}`,
        `ids below the n = ${h.n} its header (line ${h.line}) announces`,
      );
    }
    if (h && !this.intMode && this.keys.length > h.n) {
      throw new FragilityInputError(
        this.source,
        `${this.keys.length} nodes`,
        `at most the n = ${h.n} its header (line ${h.line}) announces`,
      );
    }
    let n: number;
    if (this.intMode) n = Math.max(this.maxId + 1, this.headerN, this.opts.n ?? 0);
    else n = this.keys.length;
    checkGraphMemory(this.source, `n = ${n}`, n, this.m);
    let src = this.src.length === this.m ? this.src : this.src.slice(0, this.m);
    let dst = this.dst.length === this.m ? this.dst : this.dst.slice(0, this.m);
    const opts = this.intMode ? {} : { keys: this.keys };
    // The quick test first: when no pair repeats (the usual case) there is no duplicate to report or drop, and the
    // per-edge scan below (random access over the edge arrays) is skipped. It files each edge once, under its larger
    // end, instead of building the CSR, which the graph builds on first use (a site sweep never needs it).
    let graph = CompactGraph.fromEdges(n, src, dst, opts);
    let duplicatesDropped = 0;
    if (this.duplicates !== 'keep' && this.m > 0 && hasRepeatedEdgePair(n, src, dst)) {
      const first = firstCopyIndex(n, src, dst);
      for (let e = 0; e < this.m; e++) {
        if (first[e] < 0) continue;
        if (this.duplicates === 'error') {
          const name = (x: number): string => (this.intMode ? String(x) : this.keys[x]);
          throw new FragilityInputError(
            `${this.source}:${this.lineOf(e)}`,
            `${name(src[e])} ${name(dst[e])}`,
            "no duplicate edge (set duplicates to 'keep' or 'drop')",
            `same pair as line ${this.lineOf(first[e])}`,
          );
        }
        duplicatesDropped++;
      }
      if (duplicatesDropped > 0) {
        const s2 = new Int32Array(this.m - duplicatesDropped);
        const t2 = new Int32Array(this.m - duplicatesDropped);
        let j = 0;
        for (let e = 0; e < this.m; e++) {
          if (first[e] >= 0) continue;
          s2[j] = src[e];
          t2[j] = dst[e];
          j++;
        }
        src = s2;
        dst = t2;
        graph = CompactGraph.fromEdges(n, src, dst, opts);
      }
    }
    return {
      graph,
      stats: {
        lines: this.lines,
        edges: graph.m,
        selfLoopsDropped: this.selfLoopsDropped,
        duplicatesDropped,
        ids: this.intMode ? 'integer' : 'label',
      },
    };
  }
}

/**
 * Parse edge-list text (see the module documentation for the format, id modes and policies).
 *
 * @param text - the whole file content.
 * @param opts - `{ ids = 'auto', selfLoops = 'error', duplicates = 'error', n, source = '<text>' }`.
 * @returns the graph and the reader's statistics.
 * @throws FragilityInputError naming `source:line` for a malformed line, a forbidden self-loop or duplicate.
 *
 * @complexity O(lines + n + m).
 *
 * @model one undirected edge per data line.
 *
 * @references SNAP edge-list convention, https://snap.stanford.edu/data/.
 *
 * @example
 * ```ts
 * parseEdgeListWithStats('# triangle\n0 1\n1 2\n2 0\n').graph.m; // 3
 * ```
 *
 * @category Input and output
 */
export function parseEdgeListWithStats(text: string, opts: EdgeListOptions = {}): EdgeListResult {
  const p = new EdgeListParser(opts);
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end === text.length && start === end) break; // no empty last line after a final newline
    p.line(text.slice(start, end));
    start = end + 1;
  }
  return p.finish();
}

/**
 * Parse edge-list text into a graph. See {@link parseEdgeListWithStats}.
 *
 * @param text - the file content.
 * @param opts - see {@link EdgeListOptions}.
 * @returns the graph.
 *
 * @complexity O(lines + n + m).
 *
 * @model one undirected edge per data line.
 *
 * @references SNAP edge-list convention, https://snap.stanford.edu/data/.
 *
 * @example
 * ```ts
 * parseEdgeList('a b\nb c\n').keys; // ['a', 'b', 'c']
 * ```
 *
 * @category Input and output
 */
export function parseEdgeList(text: string, opts: EdgeListOptions = {}): CompactGraph {
  return parseEdgeListWithStats(text, opts).graph;
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** One line of bytes as text (UTF-8, invalid sequences as U+FFFD, a BOM kept for `trim` as before). */
function textDecoder(buf: Uint8Array, start: number, end: number): string {
  return UTF8.decode(buf.subarray(start, end));
}

/** Bytes read from the file at a time by {@link readEdgeListWithStats} (a line may not exceed a quarter of it). */
const READ_CHUNK = 1 << 22;

/**
 * Read an edge-list file line by line (streaming: memory is the edge arrays, not the text).
 *
 * @param path - the file.
 * @param opts - see {@link EdgeListOptions}; `source` defaults to the path.
 * @returns the graph and the reader's statistics.
 * @throws FragilityInputError for a malformed or over-long line (naming `path:line`), a header whose n exceeds the
 *   id range or the memory budget, a body that does not match the header's m or n (truncated file), or an unreadable
 *   file (re-thrown as FragilityInputError naming the path).
 *
 * @complexity O(lines + n + m) time; O(n + m) memory.
 *
 * @model one undirected edge per data line.
 *
 * @references SNAP edge-list convention, https://snap.stanford.edu/data/.
 *
 * @example
 * ```ts
 * const { graph, stats } = await readEdgeListWithStats('data/karate.edges'); // graph.n = 34, graph.m = 78
 * ```
 *
 * @category Input and output
 */
export async function readEdgeListWithStats(path: string, opts: EdgeListOptions = {}): Promise<EdgeListResult> {
  const p = new EdgeListParser({ ...opts, source: opts.source ?? path });
  const { open } = nodeBuiltin('node:fs/promises', 'readEdgeList (in a browser: parseEdgeList)');
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new FragilityInputError('path', path, 'a readable file', (err as Error).message);
  }
  const tooLong = (lineNo: number): never => {
    throw new FragilityInputError(
      `${path}:${lineNo}`,
      `a line of more than ${MAX_EDGE_LIST_LINE} bytes`,
      `lines of at most ${MAX_EDGE_LIST_LINE} bytes (1 MiB); is this an edge list?`,
    );
  };
  try {
    // Raw bytes into one reused buffer; the complete lines of each fill are parsed in place (no string per line
    // on the common `u v` path), the incomplete last line is moved to the front and completed by the next read.
    const buf = new Uint8Array(READ_CHUNK);
    let len = 0;
    for (;;) {
      let got: number;
      try {
        got = (await fh.read(buf, len, buf.length - len, null)).bytesRead;
      } catch (err) {
        throw new FragilityInputError('path', path, 'a readable text file', (err as Error).message);
      }
      len += got;
      if (got === 0) {
        if (len > 0) {
          buf[len] = 10; // an unterminated last line: the newline bytes() expects (len < buf.length: see below)
          p.bytes(buf, 0, len + 1, tooLong);
        }
        break;
      }
      const last = buf.lastIndexOf(10, len - 1);
      if (last < 0) {
        if (len > MAX_EDGE_LIST_LINE) tooLong(p.lines + 1);
        continue;
      }
      p.bytes(buf, 0, last + 1, tooLong);
      buf.copyWithin(0, last + 1, len);
      len -= last + 1;
      if (len > MAX_EDGE_LIST_LINE) tooLong(p.lines + 1);
    }
  } finally {
    await fh.close();
  }
  return p.finish();
}

/**
 * Read an edge-list file into a graph. See {@link readEdgeListWithStats}.
 *
 * @param path - the file.
 * @param opts - see {@link EdgeListOptions}.
 * @returns the graph.
 *
 * @complexity O(lines + n + m).
 *
 * @model one undirected edge per data line.
 *
 * @references SNAP edge-list convention, https://snap.stanford.edu/data/.
 *
 * @example
 * ```ts
 * const g = await readEdgeList('data/karate.edges'); // g.n = 34, g.m = 78
 * ```
 *
 * @category Input and output
 */
export async function readEdgeList(path: string, opts: EdgeListOptions = {}): Promise<CompactGraph> {
  return (await readEdgeListWithStats(path, opts)).graph;
}

function checkKey(k: string): string {
  if (k === '' || /[\s,]/.test(k) || k[0] === '#') {
    throw new FragilityInputError('node key', k, 'a non-empty key without whitespace or commas, not starting with #');
  }
  return k;
}

function header(g: CompactGraph): string {
  return `# fragility edge list: n=${g.n} m=${g.m}${g.keys ? ' (node keys)' : ''}\n`;
}

/**
 * The edge list of a graph as text: a header comment `# fragility edge list: n=N m=M`, then `u v` per edge in edge
 * order, using node keys when the graph has them.
 *
 * @param g - the graph.
 * @returns the text (ends with a newline).
 *
 * @complexity O(n + m).
 *
 * @model inverse of {@link parseEdgeList} (with keys: isolated nodes are lost, since a line names two nodes).
 *
 * @references SNAP edge-list convention, https://snap.stanford.edu/data/.
 *
 * @example
 * ```ts
 * formatEdgeList(CompactGraph.fromPairs(2, [[0, 1]])); // '# fragility edge list: n=2 m=1\n0 1\n'
 * ```
 *
 * @category Input and output
 */
export function formatEdgeList(g: CompactGraph): string {
  const parts: string[] = [header(g)];
  for (let e = 0; e < g.m; e++) {
    parts.push(
      `${g.keys ? checkKey(g.keys[g.edgeSource[e]]) : g.edgeSource[e]} ${g.keys ? checkKey(g.keys[g.edgeTarget[e]]) : g.edgeTarget[e]}\n`,
    );
  }
  return parts.join('');
}

/**
 * Write the edge list of a graph to a file (streaming, in 64 kB chunks, honouring back-pressure).
 *
 * @param g - the graph.
 * @param path - the output file (replaced atomically: temporary file in the same folder, then rename).
 * @param field - the option named in an output-path error (default `path`); filesystem errors are exit-2 input errors.
 * @returns a promise resolved when the file is closed.
 *
 * @complexity O(n + m) time, O(1) extra memory.
 *
 * @model same text as {@link formatEdgeList}.
 *
 * @references SNAP edge-list convention, https://snap.stanford.edu/data/.
 *
 * @example
 * ```ts
 * await writeEdgeList(erdosRenyi(1000, 0.004, stream(1)), 'er.edges');
 * ```
 *
 * @category Input and output
 */
export async function writeEdgeList(g: CompactGraph, path: string, field = 'path'): Promise<void> {
  // Written to a temporary file in the same folder and renamed when complete (src/atomic-write.ts): a run killed
  // mid-write leaves no partial edge list whose header promises more edges than its body holds.
  await writeStreamAtomic(
    path,
    async (out) => {
      const failed = new Promise<never>((_, reject) => out.once('error', reject));
      failed.catch(() => {});
      const write = async (chunk: string): Promise<void> => {
        if (!out.write(chunk))
          await Promise.race([nodeBuiltin('node:events', 'writeEdgeList').once(out, 'drain'), failed]);
      };
      await write(header(g));
      let buf = '';
      for (let e = 0; e < g.m; e++) {
        const u = g.edgeSource[e];
        const v = g.edgeTarget[e];
        buf += g.keys ? `${checkKey(g.keys[u])} ${checkKey(g.keys[v])}\n` : `${u} ${v}\n`;
        if (buf.length >= 65536) {
          await write(buf);
          buf = '';
        }
      }
      if (buf) await write(buf);
    },
    field,
  );
}
