/**
 * Display an SVG plot inline in a Jupyter notebook running the Deno kernel.
 *
 * @module
 */

/** The symbol the Deno Jupyter kernel looks for on a cell's value (`Deno.jupyter.$display`). */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for('Jupyter.display');

/** A value the Deno Jupyter kernel renders through its MIME bundle. */
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
 * Equivalent to `await Deno.jupyter.display({ 'image/svg+xml': svg }, { raw: true })`.
 *
 * @param svg - An SVG document string (e.g. from {@link linePlot}).
 * @returns A displayable object for the Deno Jupyter kernel.
 *
 * **Complexity** O(1).
 *
 * **Model** Jupyter MIME bundle `{ "image/svg+xml": svg }` returned by the `Symbol.for('Jupyter.display')` method.
 *
 * **References** Deno manual, "Jupyter kernel" (`Deno.jupyter.$display`), https://docs.deno.com/runtime/reference/cli/jupyter/
 *
 * @example
 * // In a notebook cell (Deno kernel):
 * jupyterSvg(timelinePlot({ series: [{ name: 'simulated', points: [{ t: 0, online: 1 }] }] }));
 */
export function jupyterSvg(svg: string): JupyterSvg {
  return {
    [JUPYTER_DISPLAY]: () => ({ 'image/svg+xml': svg }),
    svg,
    toString: () => svg,
  };
}
