/// <reference lib="dom" />
/**
 * The explorer's fluid runs off the page's main thread: the page script (one IIFE inlined in index.html) starts a
 * Web Worker from its own source text (a blob URL, so the page stays one self-contained file that opens from
 * file://); in the worker the same script answers run requests with {@link explorerRun}. Input never waits for a
 * run. Where no worker can be started (or it fails), the runs are made on the main thread, after a turn of the event
 * loop, with the same function.
 *
 * @module
 */
import { type ExplorerOutcome, type ExplorerSettings, type ExplorerSpec, explorerRun } from './explorer-model.ts';

/** A run request to the worker (the spec is sent once, with the first request). */
interface RunRequest {
  id: number;
  spec?: ExplorerSpec;
  settings: ExplorerSettings;
  quantiles: number;
}

/** The worker's answer: the outcome, or the error message; the run's time in the worker (ms). */
interface RunReply {
  id: number;
  outcome?: ExplorerOutcome;
  error?: string;
  ms: number;
}

/** A finished run: its outcome and the fluid run's own time (ms). */
export interface ModelRun {
  outcome: ExplorerOutcome;
  ms: number;
}

/** Runs the explorer's model for settings at a headroom resolution. */
export interface ModelRunner {
  /** 'worker' when the runs are made in a Web Worker, 'main' when on the page's thread. */
  readonly engine: 'worker' | 'main';
  run(settings: ExplorerSettings, quantiles: number): Promise<ModelRun>;
}

/** Whether this script runs in a (dedicated) worker rather than in the page. */
export function inWorker(): boolean {
  return typeof document === 'undefined' && typeof self !== 'undefined' && typeof (self as unknown as { postMessage?: unknown }).postMessage === 'function';
}

/** In the worker: answer every run request with explorerRun (the spec kept from the first request). */
export function serveModelRuns(): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<RunRequest>) => void) | null; postMessage: (r: RunReply) => void };
  let spec: ExplorerSpec | undefined;
  scope.onmessage = (e) => {
    const req = e.data;
    if (req.spec) spec = req.spec;
    const t0 = performance.now();
    try {
      if (!spec) throw new Error('the explorer worker received a run before the spec');
      const outcome = explorerRun(spec, req.settings, req.quantiles);
      scope.postMessage({ id: req.id, outcome, ms: performance.now() - t0 });
    } catch (err) {
      scope.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err), ms: performance.now() - t0 });
    }
  };
}

/** Runs on the page's thread, each after a turn of the event loop (so that the page can paint first). */
function mainThreadRunner(spec: ExplorerSpec): ModelRunner {
  return {
    engine: 'main',
    run: (settings, quantiles) =>
      new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            const t0 = performance.now();
            const outcome = explorerRun(spec, settings, quantiles);
            resolve({ outcome, ms: performance.now() - t0 });
          } catch (err) {
            reject(err);
          }
        }, 0),
      ),
  };
}

/**
 * A runner for the page: a Web Worker started from `source` (the page script's own text), else the main thread.
 *
 * @param spec - the explorer spec (sent to the worker with the first run).
 * @param source - the page script's source text, or null when it is not available.
 * @returns the runner; a worker that fails falls back to the main thread for this and every later run.
 */
export function startModelRunner(spec: ExplorerSpec, source: string | null): ModelRunner {
  const local = mainThreadRunner(spec);
  if (!source || typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') return local;
  let worker: Worker;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  } catch {
    return local;
  }
  const waiting = new Map<number, { settings: ExplorerSettings; quantiles: number; resolve: (r: ModelRun) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let sentSpec = false;
  let failed = false;
  const runner = {
    engine: 'worker' as 'worker' | 'main',
    run(settings: ExplorerSettings, quantiles: number): Promise<ModelRun> {
      if (failed) return local.run(settings, quantiles);
      return new Promise<ModelRun>((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, { settings, quantiles, resolve, reject });
        worker.postMessage({ id, settings, quantiles, ...(sentSpec ? {} : { spec }) } satisfies RunRequest);
        sentSpec = true;
      });
    },
  };
  worker.onmessage = (e: MessageEvent<RunReply>) => {
    const w = waiting.get(e.data.id);
    if (!w) return;
    waiting.delete(e.data.id);
    if (e.data.outcome) w.resolve({ outcome: e.data.outcome, ms: e.data.ms });
    else w.reject(new Error(e.data.error ?? 'the explorer worker gave no outcome'));
  };
  worker.onerror = (e) => {
    // the worker cannot run (e.g. blocked by the browser): every run, pending or later, goes to the main thread
    e.preventDefault();
    failed = true;
    runner.engine = 'main';
    worker.terminate();
    for (const w of waiting.values()) local.run(w.settings, w.quantiles).then(w.resolve, w.reject);
    waiting.clear();
  };
  return runner;
}
