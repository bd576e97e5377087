// showSvg / showMarkdown: display through Deno.jupyter.display and resolve only after the settle wait, so that the
// Deno kernel has sent the output before the cell's "idle" status (stock nbconvert keeps it). The kernel itself is
// exercised by scripts/notebook-stock-check.sh in CI; here Deno.jupyter is a stub.
import { afterEach, describe, expect, it } from 'vitest';
import { JUPYTER_SETTLE_MS, showMarkdown, showSvg } from '../../src/report/index.ts';

const g = globalThis as { Deno?: unknown };

describe('showSvg and showMarkdown', () => {
  afterEach(() => {
    delete g.Deno;
  });

  it('hand the MIME bundle to Deno.jupyter.display (raw) and resolve no earlier than the settle wait', async () => {
    const calls: Array<{ bundle: Record<string, string>; raw: boolean; at: number }> = [];
    g.Deno = {
      jupyter: {
        display: async (bundle: Record<string, string>, o: { raw: boolean }) =>
          void calls.push({ bundle, raw: o.raw, at: performance.now() }),
      },
    };
    const t0 = performance.now();
    await showSvg('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const t1 = performance.now();
    await showMarkdown('| a |\n|---|\n| 1 |');
    expect(calls.map((c) => c.bundle)).toEqual([
      { 'image/svg+xml': '<svg xmlns="http://www.w3.org/2000/svg"/>' },
      { 'text/markdown': '| a |\n|---|\n| 1 |' },
    ]);
    expect(calls.every((c) => c.raw)).toBe(true);
    // timers may fire up to 1 ms early against performance.now(); the wait itself is JUPYTER_SETTLE_MS
    expect(t1 - calls[0].at).toBeGreaterThanOrEqual(JUPYTER_SETTLE_MS - 1);
    expect(calls[0].at).toBeGreaterThanOrEqual(t0);
  });

  it('throw one clear line outside the Deno Jupyter kernel', async () => {
    await expect(showSvg('<svg/>')).rejects.toThrow('showSvg: not running in the Deno Jupyter kernel');
  });
});
