/**
 * SVG → PNG through the `rsvg-convert` command-line tool (librsvg).
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { FragilityInputError } from '../errors.ts';
import { writeFileAtomic } from '../atomic-write.ts';

/**
 * Options for {@link svgToPng}.
 *
 * @category Plots
 */
export interface SvgToPngOptions {
  /** Scale factor (2 gives a 2× "retina" PNG). Default 1. */
  zoom?: number;
  /** Background colour (any CSS colour); `'none'` keeps it transparent. Default `'white'`. */
  background?: string;
  /** The converter binary. Default `'rsvg-convert'` (found on PATH). */
  command?: string;
}

/**
 * Raised when `rsvg-convert` is not installed or not on PATH.
 *
 * @category Plots
 */
export class RsvgConvertMissingError extends Error {
  constructor(command: string) {
    super(
      `svgToPng: '${command}' was not found on PATH; install librsvg ` +
        '(Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg; Fedora: dnf install librsvg2-tools)',
    );
    this.name = 'RsvgConvertMissingError';
  }
}

/**
 * Render an SVG string to a PNG file with `rsvg-convert` (parent directories are created).
 *
 * Synchronous (it waits for the converter). Works wherever `node:child_process` does (Node, and Deno with
 * `--allow-run`).
 *
 * @param svg - The SVG document text.
 * @param path - The PNG file to write.
 * @param options - See {@link SvgToPngOptions}.
 * @returns The path written.
 * @throws RsvgConvertMissingError when the binary is absent; Error with rsvg-convert's message when it fails
 *   (e.g. malformed XML); FragilityInputError for a zoom outside (0, 16].
 *
 * @complexity O(output pixels) in the converter.
 *
 * @model rsvg-convert -f png -z ZOOM -b BACKGROUND -o PATH < svg.
 *
 * @references librsvg, https://gitlab.gnome.org/GNOME/librsvg (rsvg-convert(1)).
 *
 * @example
 * svgToPng(linePlot({ x: { label: 'x' }, y: { label: 'y' } }), '/tmp/plot.png');
 *
 * @category Plots
 */
export function svgToPng(svg: string, path: string, options: SvgToPngOptions = {}): string {
  const zoom = options.zoom ?? 1;
  if (typeof zoom !== 'number' || !Number.isFinite(zoom) || zoom <= 0 || zoom > 16) {
    throw new FragilityInputError('zoom', zoom, 'a number in (0, 16]');
  }
  const command = options.command ?? 'rsvg-convert';
  const args = ['-f', 'png', '-z', String(zoom)]; // PNG on stdout, then written atomically
  const background = options.background ?? 'white';
  if (background !== 'none') args.push('-b', background);
  mkdirSync(dirname(path), { recursive: true });
  const result = spawnSync(command, args, { input: svg, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') throw new RsvgConvertMissingError(command);
    throw result.error;
  }
  if (result.status !== 0) {
    const msg = (result.stderr?.toString('utf8') || '').trim().split('\n')[0] || `exit status ${result.status}`;
    throw new Error(`svgToPng: ${command} failed: ${msg}`);
  }
  writeFileAtomic(path, result.stdout);
  return path;
}

/**
 * Is `rsvg-convert` (or the given command) available?
 *
 * @param command - The binary. Default `'rsvg-convert'`.
 * @returns true when `command --version` runs and exits 0.
 *
 * @complexity one process spawn.
 * @model —.
 * @references rsvg-convert(1).
 *
 * @example
 * const svg = linePlot({ x: { label: 'x' }, y: { label: 'y' } });
 * if (rsvgConvertAvailable()) svgToPng(svg, 'plot.png');
 *
 * @category Plots
 */
export function rsvgConvertAvailable(command = 'rsvg-convert'): boolean {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}
