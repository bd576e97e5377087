/**
 * The explorer's timeline plot, drawn as an SVG string by hand: it is redrawn on every control change in the page,
 * where a few lines, a band, dots and rules do not warrant bundling @observablehq/plot and d3 (the report's static
 * plots are drawn by Plot on the server and inlined as SVG). Browser-safe and DOM-free, so Node tests read the same
 * output.
 *
 * @module
 */

/** A line of the explorer timeline. */
export interface DrawLine {
  name: string;
  points: ReadonlyArray<{ t: number; y: number }>;
  stroke: string;
  dash?: string;
  width?: number;
  /** Extra attributes of the `<path>` (e.g. data-role). */
  role?: string;
}

/**
 * Input of {@link explorerTimelineSvg}. Points arrays are read as immutable: the drawer keeps the coordinates it wrote
 * for an array (until the size, the time range or the legend changes), so an array changed in place after a draw would
 * be drawn as before — pass a new array instead.
 */
export interface DrawTimeline {
  width: number;
  height: number;
  /** x range, hours after T. */
  tMax: number;
  lines: readonly DrawLine[];
  band?: { name: string; points: ReadonlyArray<{ t: number; lo: number; hi: number }>; fill: string };
  observed?: ReadonlyArray<{ t: number; online: number; lo?: number; hi?: number; label?: string }>;
  /** Vertical rules (mega-supernode waves). */
  rules?: ReadonlyArray<{ t: number; label: string }>;
  /** Horizontal reference lines (collapse and recovery thresholds). */
  levels?: ReadonlyArray<{ y: number; label: string }>;
  /** Accessible title and description. */
  title: string;
  description: string;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/**
 * x rounded to tenths, as (Math.round(10x)/10).toString() writes it: for the tenths count r in [0, 1e9) the digits are
 * made from integers (the shortest form of r/10 is "i" or "i.d"), about 3× faster than formatting the double.
 *
 * @internal
 */
export const f1 = (x: number): string => {
  const r = Math.round(x * 10);
  if (r >= 0 && r < 1e9) {
    const i = (r / 10) | 0;
    const d = r - 10 * i;
    return d === 0 ? String(i) : `${i}.${d}`;
  }
  return (r / 10).toString();
};

/**
 * The coordinate strings of a line's path or of the band's polygon, kept per points array: the page redraws the plot
 * on every control change, and only the explorer's own lines have new points (the simulated runs, the report's
 * fluid line and the band are the same arrays each time). Formatting numbers is most of the cost of a redraw.
 */
const coordCache = new WeakMap<object, { key: string; text: string }>();
function cachedCoords(points: object, key: string, make: () => string): string {
  const hit = coordCache.get(points);
  if (hit !== undefined && hit.key === key) return hit.text;
  const text = make();
  coordCache.set(points, { key, text });
  return text;
}

/**
 * Draw the explorer timeline: online fraction (0–105 %) against hours after T.
 *
 * @param d - see {@link DrawTimeline}.
 * @returns one `<svg>` element as a string (role="img", `<title>` and `<desc>`), with a legend below the axes.
 *
 * @complexity O(total points).
 *
 * @example
 * ```ts
 * explorerTimelineSvg({ width: 640, height: 320, tMax: 48, title: 't', description: 'd',
 *   lines: [{ name: 'fluid', stroke: '#e15759', points: [{ t: 0, y: 1 }, { t: 48, y: 1 }] }] });
 * ```
 */
export function explorerTimelineSvg(d: DrawTimeline): string {
  const legendRows = d.lines.length + (d.band ? 1 : 0) + (d.observed && d.observed.length > 0 ? 1 : 0);
  const m = { l: 52, r: 16, t: 12, b: 44 + 18 * legendRows };
  const W = d.width;
  const H = d.height;
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const yMax = 1.05;
  const X = (t: number) => m.l + (Math.max(0, Math.min(d.tMax, t)) / d.tMax) * pw;
  const Y = (y: number) => m.t + (1 - Math.max(0, Math.min(yMax, y)) / yMax) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="tl-title tl-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12">`,
  );
  out.push(`<title id="tl-title">${esc(d.title)}</title><desc id="tl-desc">${esc(d.description)}</desc>`);
  // grid and axes
  for (let y = 0; y <= 1.0001; y += 0.2) {
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${f1(Y(y))}" y2="${f1(Y(y))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 6}" y="${f1(Y(y) + 4)}" text-anchor="end" fill="#444">${Math.round(100 * y)} %</text>`);
  }
  const tick = niceStep(d.tMax / 8);
  for (let t = 0; t <= d.tMax + 1e-9; t += tick) {
    out.push(`<line x1="${f1(X(t))}" x2="${f1(X(t))}" y1="${m.t + ph}" y2="${m.t + ph + 4}" stroke="#444"/>`);
    out.push(`<text x="${f1(X(t))}" y="${m.t + ph + 16}" text-anchor="middle" fill="#444">${f1(t)}</text>`);
  }
  out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${m.t + ph}" y2="${m.t + ph}" stroke="#444"/>`);
  out.push(
    `<text x="${m.l + pw / 2}" y="${m.t + ph + 32}" text-anchor="middle" fill="#222">hours after the trigger (h)</text>`,
  );
  out.push(
    `<text transform="translate(12 ${f1(m.t + ph / 2)}) rotate(-90)" text-anchor="middle" fill="#222">online users (% of normal)</text>`,
  );
  for (const l of d.levels ?? []) {
    out.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${f1(Y(l.y))}" y2="${f1(Y(l.y))}" stroke="#999" stroke-dasharray="2 3"/>`,
    );
    out.push(
      `<text x="${W - m.r - 4}" y="${f1(Y(l.y) - 3)}" text-anchor="end" fill="#666" font-size="10">${esc(l.label)}</text>`,
    );
  }
  for (const r of d.rules ?? []) {
    if (r.t < 0 || r.t > d.tMax) continue;
    out.push(
      `<line x1="${f1(X(r.t))}" x2="${f1(X(r.t))}" y1="${m.t}" y2="${m.t + ph}" stroke="#555" stroke-dasharray="1 2" data-role="wave" data-t="${r.t}"/>`,
    );
    out.push(`<text x="${f1(X(r.t) + 3)}" y="${m.t + 10}" fill="#555" font-size="10">${esc(r.label)}</text>`);
  }
  // the scales: the same points give the same coordinates while these are unchanged
  const scaleKey = `${W} ${H} ${d.tMax} ${m.b}`;
  const band = d.band;
  if (band && band.points.length > 1) {
    const pts = cachedCoords(band.points, scaleKey, () => {
      const top = band.points.map((p) => `${f1(X(p.t))},${f1(Y(p.hi))}`);
      const bottom = [...band.points].reverse().map((p) => `${f1(X(p.t))},${f1(Y(p.lo))}`);
      return top.concat(bottom).join(' ');
    });
    out.push(`<polygon points="${pts}" fill="${band.fill}" stroke="none"/>`);
  }
  for (const l of d.lines) {
    if (l.points.length === 0) continue;
    const path = cachedCoords(l.points, scaleKey, () =>
      l.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f1(X(p.t))},${f1(Y(p.y))}`).join(''),
    );
    out.push(
      `<path d="${path}" fill="none" stroke="${l.stroke}" stroke-width="${l.width ?? 1.5}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}${l.role ? ` data-role="${esc(l.role)}"` : ''}/>`,
    );
  }
  for (const o of d.observed ?? []) {
    if (o.lo !== undefined && o.hi !== undefined)
      out.push(`<line x1="${f1(X(o.t))}" x2="${f1(X(o.t))}" y1="${f1(Y(o.lo))}" y2="${f1(Y(o.hi))}" stroke="#111"/>`);
    out.push(`<circle cx="${f1(X(o.t))}" cy="${f1(Y(o.online))}" r="3.5" fill="#111" data-role="observed"/>`);
  }
  // legend
  let ly = m.t + ph + 44;
  const item = (swatch: string, text: string) => {
    out.push(`<g transform="translate(${m.l} ${ly})">${swatch}<text x="30" y="4" fill="#222">${esc(text)}</text></g>`);
    ly += 18;
  };
  for (const l of d.lines)
    item(
      `<line x1="0" x2="24" y1="0" y2="0" stroke="${l.stroke}" stroke-width="${l.width ?? 1.5}"${l.dash ? ` stroke-dasharray="${l.dash}"` : ''}/>`,
      l.name,
    );
  if (d.band) item(`<rect x="0" y="-5" width="24" height="10" fill="${d.band.fill}"/>`, d.band.name);
  if (d.observed && d.observed.length > 0)
    item(`<circle cx="12" cy="0" r="3.5" fill="#111"/>`, 'observed (reported figures)');
  out.push('</svg>');
  return out.join('');
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const k of [1, 2, 4, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}
