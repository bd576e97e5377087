/**
 * Display an SVG plot inline in a Jupyter notebook running the Deno kernel.
 *
 * @module
 */

/**
 * The symbol the Deno Jupyter kernel looks for on a cell's value (`Deno.jupyter.$display`).
 *
 * @category Reports
 */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display');

/**
 * A value the Deno Jupyter kernel renders through its MIME bundle.
 *
 * @category Reports
 */
export interface JupyterSvg {
  /** The MIME bundle the kernel displays: `{ 'image/svg+xml': svg }`. */
  [JUPYTER_DISPLAY]: () => { 'image/svg+xml': string };
  /** The SVG text (also what `String(value)` gives). */
  readonly svg: string;
  /** The SVG text. */
  toString(): string;
}

/**
 * Wrap an SVG string so that, as the last expression of a Deno-kernel notebook cell, it is shown as an image.
 *
 * Elsewhere (Node, scripts) the wrapper is inert: `String(value)` and `value.svg` give the SVG text back.
 * In notebooks that stock `jupyter nbconvert --execute` must reproduce, prefer `await showSvg(svg)`: Deno's kernel
 * can publish a last-expression result after the cell's "idle" status, and nbconvert then drops it (see
 * {@link showSvg}).
 *
 * @param svg - An SVG document string (e.g. from {@link linePlot}).
 * @returns A displayable object for the Deno Jupyter kernel.
 *
 * @complexity O(1).
 *
 * @model Jupyter MIME bundle `{ "image/svg+xml": svg }` returned by the `Symbol.for('Jupyter.display')` method.
 *
 * @references Deno manual, "Jupyter kernel" (`Deno.jupyter.$display`), https://docs.deno.com/runtime/reference/cli/jupyter/
 *
 * @example
 * // In a notebook cell (Deno kernel):
 * jupyterSvg(timelinePlot({ series: [{ name: 'simulated', points: [{ t: 0, online: 1 }] }] }));
 *
 * @category Reports
 */
export function jupyterSvg(svg: string): JupyterSvg {
  return {
    [JUPYTER_DISPLAY]: () => ({ 'image/svg+xml': svg }),
    svg,
    toString: () => svg,
  };
}

/**
 * How long (ms) a display waits after handing its message to the Deno kernel: the kernel forwards cell output to
 * Jupyter from a separate queue, and must have sent it before the cell's "idle" status (see {@link showSvg}).
 * Measured lateness without the wait: about 1 ms (40-cell runs, 200 kB payloads, load 16 on 2 cores).
 *
 * @category Reports
 */
export const JUPYTER_SETTLE_MS = 100;

interface DenoJupyter {
  display(bundle: Record<string, string>, options: { raw: boolean }): Promise<void>;
}

function denoJupyter(caller: string): DenoJupyter {
  const jupyter = (globalThis as { Deno?: { jupyter?: DenoJupyter } }).Deno?.jupyter;
  if (!jupyter)
    throw new Error(`${caller}: not running in the Deno Jupyter kernel (use jupyterSvg or the SVG text elsewhere)`);
  return jupyter;
}

/**
 * Show a MIME bundle in a Deno-kernel notebook cell, and return only once the kernel has had time to send it.
 *
 * @param bundle - The MIME bundle, e.g. `{ 'image/svg+xml': svg }`.
 * @param caller - Name used in the error message.
 * @returns A promise that resolves after the display and the settle wait.
 */
async function displayAndSettle(bundle: Record<string, string>, caller: string): Promise<void> {
  await denoJupyter(caller).display(bundle, { raw: true });
  await new Promise<void>((resolve) => setTimeout(resolve, JUPYTER_SETTLE_MS));
}

/**
 * Show an SVG plot in a Deno-kernel notebook cell so that every Jupyter front end keeps it, stock
 * `jupyter nbconvert --execute` included: `await showSvg(linePlot(…))`.
 *
 * Why not the last-expression form ({@link jupyterSvg})? Deno's kernel (2.x) runs cell code on one thread and
 * speaks ZeroMQ on another: everything a cell publishes (its result, `Deno.jupyter.display`, console output) goes
 * through a queue that a separate loop signs and forwards, while the request handler publishes the cell's "idle"
 * status directly. A large message (a plot of 100–300 kB, whose HMAC signature takes longest) can leave after the
 * small "idle" status; nbclient (behind nbconvert) stops collecting a cell's outputs at "idle" and drops it. Captured
 * order in 5 of 40 plot cells here: `busy, execute_input, idle, execute_result`. Displaying explicitly inside the cell
 * and waiting {@link JUPYTER_SETTLE_MS} before the cell ends gives the forwarding loop ample time: 0 late outputs in
 * 40 cells at the same load, where 2 of 40 explicit displays without the wait and 5 of 40 last-expression results
 * came late.
 *
 * @param svg - An SVG document string (e.g. from {@link linePlot}).
 * @returns A promise that resolves once the plot has been handed to the kernel and the kernel had time to send it.
 * @throws Error outside the Deno Jupyter kernel.
 *
 * @complexity O(size of the SVG) plus a fixed wait of {@link JUPYTER_SETTLE_MS} ms.
 *
 * @model Jupyter `display_data` message with the MIME bundle `{ "image/svg+xml": svg }`, published before the
 * cell's `status: idle` (Jupyter messaging protocol 5.3, "Kernel status").
 *
 * @references Jupyter messaging protocol, https://jupyter-client.readthedocs.io/en/stable/messaging.html; Deno
 * manual, "Jupyter kernel", https://docs.deno.com/runtime/reference/cli/jupyter/
 *
 * @example
 * // In a notebook cell (Deno kernel):
 * await showSvg(giantComponentPlot({ curves: [{ name: 'ER', analytic: [{ f: 0, S: 1 }, { f: 0.75, S: 0 }] }] }));
 *
 * @category Reports
 */
export function showSvg(svg: string): Promise<void> {
  return displayAndSettle({ 'image/svg+xml': svg }, 'showSvg');
}

/**
 * Show Markdown text in a Deno-kernel notebook cell, with the same guarantee as {@link showSvg} (the output is sent
 * before the cell's "idle" status, so stock nbconvert keeps it).
 *
 * @param text - Markdown text (e.g. from {@link markdownTable}).
 * @returns A promise that resolves once the text has been handed to the kernel and the kernel had time to send it.
 * @throws Error outside the Deno Jupyter kernel.
 *
 * @complexity O(length of the text) plus a fixed wait of {@link JUPYTER_SETTLE_MS} ms.
 *
 * @model Jupyter `display_data` with the MIME bundle `{ "text/markdown": text }`.
 *
 * @references Jupyter messaging protocol, https://jupyter-client.readthedocs.io/en/stable/messaging.html
 *
 * @example
 * // In a notebook cell (Deno kernel):
 * await showMarkdown(markdownTable([{ q: 0.5, S: 0.398 }]));
 *
 * @category Reports
 */
export function showMarkdown(text: string): Promise<void> {
  return displayAndSettle({ 'text/markdown': text }, 'showMarkdown');
}
