/**
 * Test helpers: a strict XML well-formedness check (no DTD, no undeclared entities, balanced tags, quoted unique
 * attributes) and a parsed DOM (linkedom's XML parser) to query marks in an SVG string.
 */
import { DOMParser } from 'linkedom';

const NAME = /^[A-Za-z_][\w.\-:]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/** Throw an Error describing the first well-formedness violation in `xml`. */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  let i = 0;
  let rootSeen = false;
  const fail = (msg: string): never => {
    throw new Error(`not well-formed XML at ${i}: ${msg}: ${JSON.stringify(xml.slice(Math.max(0, i - 30), i + 30))}`);
  };
  const checkText = (text: string): void => {
    for (let k = text.indexOf('&'); k >= 0; k = text.indexOf('&', k + 1)) {
      if (!ENTITY.test(text.slice(k))) fail('bare & or unknown entity');
    }
    if (text.includes('<')) fail('bare <');
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (stack.length === 0 && text.trim() !== '') fail('text outside the root element');
    checkText(text);
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i);
      if (end < 0) fail('unterminated processing instruction');
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!', i)) fail('DTD/CDATA not expected in our SVG');
    if (xml.startsWith('</', i)) {
      const m = NAME.exec(xml.slice(i + 2));
      if (!m) fail('bad end tag');
      const name = m![0];
      if (stack.pop() !== name) fail(`mismatched end tag </${name}>`);
      i += 2 + name.length;
      while (/\s/.test(xml[i])) i++;
      if (xml[i] !== '>') fail('bad end tag');
      i++;
      continue;
    }
    const m = NAME.exec(xml.slice(i + 1));
    if (!m) fail('bad start tag');
    const name = m![0];
    if (stack.length === 0) {
      if (rootSeen) fail('second root element');
      rootSeen = true;
    }
    i += 1 + name.length;
    const attrs = new Set<string>();
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0].length;
      i += ws;
      if (xml.startsWith('/>', i)) {
        i += 2;
        break;
      }
      if (xml[i] === '>') {
        i++;
        stack.push(name);
        break;
      }
      if (ws === 0) fail('attributes must be separated by whitespace');
      const an = NAME.exec(xml.slice(i));
      if (!an) fail('bad attribute name');
      if (attrs.has(an![0])) fail(`duplicate attribute ${an![0]}`);
      attrs.add(an![0]);
      i += an![0].length;
      if (xml[i] !== '=') fail('attribute without value');
      i++;
      const q = xml[i];
      if (q !== '"' && q !== "'") fail('unquoted attribute value');
      const end = xml.indexOf(q, i + 1);
      if (end < 0) fail('unterminated attribute value');
      checkText(xml.slice(i + 1, end));
      i = end + 1;
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack[stack.length - 1]}>`);
  if (!rootSeen) fail('no root element');
}

/** A minimal element view for queries. */
export interface XmlElement {
  localName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<XmlElement>;
}

/** Parse an SVG string with linkedom's XML parser and return its root element (after the strict check). */
export function parseSvg(svg: string): XmlElement {
  assertWellFormedXml(svg);
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as { documentElement: XmlElement };
  return doc.documentElement;
}

/** All elements matching `selector` under `root`. */
export function all(root: XmlElement, selector: string): XmlElement[] {
  return Array.from(root.querySelectorAll(selector));
}

/** Every text node's content under `root`, in document order. */
export function texts(root: XmlElement): string[] {
  return all(root, 'text').map((t) => t.textContent ?? '');
}
