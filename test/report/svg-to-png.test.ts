import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  linePlot,
  phaseDiagram,
  svgToPng,
  rsvgConvertAvailable,
  RsvgConvertMissingError,
} from '../../src/report/index.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const hasRsvg = rsvgConvertAvailable();

/** Width and height from the PNG IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe('svgToPng', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fragility-png-'));

  it.skipIf(!hasRsvg)('renders a plot to a non-empty PNG of the SVG size (zoom scales it)', () => {
    const svg = linePlot({
      title: 'PNG check',
      x: { label: 'x (h)' },
      y: { label: 'y (%)', percent: true },
      series: [
        {
          name: 's',
          points: [
            { x: 0, y: 0.1 },
            { x: 1, y: 0.9 },
          ],
        },
      ],
    });
    const path = join(dir, 'sub', 'plot.png');
    expect(svgToPng(svg, path)).toBe(path);
    const buf = readFileSync(path);
    expect(Array.from(buf.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(buf.length).toBeGreaterThan(2000);
    expect(pngSize(buf)).toEqual({ width: 720, height: 440 });
    const big = readFileSync(svgToPng(svg, join(dir, 'plot2x.png'), { zoom: 2 }));
    expect(pngSize(big)).toEqual({ width: 1440, height: 880 });
  });

  it.skipIf(!hasRsvg)('renders the phase diagram (gradient defs, rotated text) too', () => {
    const svg = phaseDiagram({
      x: { label: 'a', values: [0, 1] },
      y: { label: 'b', values: [0, 1] },
      valueLabel: 'v',
      cells: [
        { x: 0, y: 0, value: 0 },
        { x: 1, y: 1, value: 1 },
      ],
    });
    const buf = readFileSync(svgToPng(svg, join(dir, 'phase.png')));
    expect(pngSize(buf)).toEqual({ width: 720, height: 500 });
  });

  it.skipIf(!hasRsvg)('reports rsvg-convert errors (malformed SVG) with its message', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', join(dir, 'bad.png'))).toThrow(
      /rsvg-convert failed/,
    );
  });

  it('raises a clear error when the converter is missing', () => {
    expect(() => svgToPng('<svg/>', join(dir, 'x.png'), { command: 'rsvg-convert-that-does-not-exist' })).toThrow(
      RsvgConvertMissingError,
    );
    expect(() => svgToPng('<svg/>', join(dir, 'x.png'), { command: 'rsvg-convert-that-does-not-exist' })).toThrow(
      /librsvg2-bin/,
    );
    expect(rsvgConvertAvailable('rsvg-convert-that-does-not-exist')).toBe(false);
  });

  it('rejects a bad zoom naming the field', () => {
    expect(() => svgToPng('<svg/>', join(dir, 'x.png'), { zoom: 0 })).toThrow(/^zoom/);
  });
});
