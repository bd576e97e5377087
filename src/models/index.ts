/**
 * Model parameters as plain data (the `fragility/models` entry). Empty until the overload model's parameter layer
 * lands here; the entry exists so that the exports map and the browser-safe core already name it.
 *
 * @module
 */
export {};
