/// <reference lib="dom" />
/**
 * The explorer's fluid runs off the page's main thread: the page script (one IIFE inlined in index.html) starts Web
 * Workers from its own source text (a blob URL, so the page stays one self-contained file that opens from file://);
 * in a worker the same script answers run requests with {@link explorerRun}. One worker per headroom resolution
 * (lane), so that the fast run of a new change never queues behind the full run of an older one, and a full run made
 * stale by a newer change is abandoned by ending its worker ({@link ModelRunner.cancel}). Input never waits for a
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
  /** 'worker' when the runs are made in Web Workers, 'main' when on the page's thread. */
  readonly engine: 'worker' | 'main';
  run(settings: ExplorerSettings, quantiles: number): Promise<ModelRun>;
  /**
   * Abandon the runs in flight at this headroom resolution: their promises reject with {@link RunCancelled} and the
   * worker making them is replaced by a fresh one, so that the next run does not wait for them (a run on the main
   * thread cannot be stopped: there it does nothing).
   */
  cancel(quantiles: number): void;
}

/** The error of a run abandoned by {@link ModelRunner.cancel}. */
export class RunCancelled extends Error {
  constructor() {
    super('the explorer run was cancelled by a newer change');
    this.name = 'RunCancelled';
  }
}

/** Whether this script runs in a (dedicated) worker rather than in the page. */
export function inWorker(): boolean {
  return (
    typeof document === 'undefined' &&
    typeof self !== 'undefined' &&
    typeof (self as unknown as { postMessage?: unknown }).postMessage === 'function'
  );
}

/** In the worker: answer every run request with explorerRun (the spec kept from the first request). */
export function serveModelRuns(): void {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<RunRequest>) => void) | null;
    postMessage: (r: RunReply) => void;
  };
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
      scope.postMessage({
        id: req.id,
        error: err instanceof Error ? err.message : String(err),
        ms: performance.now() - t0,
      });
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
    cancel: () => undefined,
  };
}

/** A run waiting for its worker's reply. */
interface Waiting {
  settings: ExplorerSettings;
  quantiles: number;
  resolve: (r: ModelRun) => void;
  reject: (e: Error) => void;
}

/**
 * A runner for the page: one Web Worker per headroom resolution (a lane: the fast runs never queue behind a full
 * run), each started from `source` (the page script's own text); else the main thread.
 *
 * @param spec - the explorer spec (sent to each worker with its first run).
 * @param source - the page script's source text, or null when it is not available.
 * @returns the runner; a worker that fails sends this and every later run to the main thread.
 */
export function startModelRunner(spec: ExplorerSpec, source: string | null): ModelRunner {
  const local = mainThreadRunner(spec);
  if (
    !source ||
    typeof Worker === 'undefined' ||
    typeof Blob === 'undefined' ||
    typeof URL.createObjectURL !== 'function'
  )
    return local;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  let failed = false;
  let nextId = 0;
  /** One lane: its worker, whether the spec was sent to it, and its runs in flight. */
  const lanes = new Map<number, { worker: Worker; sentSpec: boolean; waiting: Map<number, Waiting> }>();
  const fallBack = () => {
    // a worker cannot run (e.g. blocked by the browser): every run, pending or later, goes to the main thread
    failed = true;
    runner.engine = 'main';
    for (const lane of lanes.values()) {
      lane.worker.terminate();
      for (const w of lane.waiting.values()) local.run(w.settings, w.quantiles).then(w.resolve, w.reject);
      lane.waiting.clear();
    }
    lanes.clear();
  };
  const open = (quantiles: number) => {
    const worker = new Worker(url);
    const lane = { worker, sentSpec: false, waiting: new Map<number, Waiting>() };
    worker.onmessage = (e: MessageEvent<RunReply>) => {
      const w = lane.waiting.get(e.data.id);
      if (!w) return;
      lane.waiting.delete(e.data.id);
      if (e.data.outcome) w.resolve({ outcome: e.data.outcome, ms: e.data.ms });
      else w.reject(new Error(e.data.error ?? 'the explorer worker gave no outcome'));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fallBack();
    };
    lanes.set(quantiles, lane);
    return lane;
  };
  const runner = {
    engine: 'worker' as 'worker' | 'main',
    run(settings: ExplorerSettings, quantiles: number): Promise<ModelRun> {
      if (failed) return local.run(settings, quantiles);
      let lane = lanes.get(quantiles);
      if (!lane) {
        try {
          lane = open(quantiles);
        } catch {
          fallBack();
          return local.run(settings, quantiles);
        }
      }
      const l = lane;
      return new Promise<ModelRun>((resolve, reject) => {
        const id = ++nextId;
        l.waiting.set(id, { settings, quantiles, resolve, reject });
        l.worker.postMessage({ id, settings, quantiles, ...(l.sentSpec ? {} : { spec }) } satisfies RunRequest);
        l.sentSpec = true;
      });
    },
    cancel(quantiles: number): void {
      const lane = lanes.get(quantiles);
      if (!lane || lane.waiting.size === 0) return;
      // a worker cannot be interrupted in the middle of a run: end it; the lane's next run starts a fresh one
      lane.worker.terminate();
      lanes.delete(quantiles);
      for (const w of lane.waiting.values()) w.reject(new RunCancelled());
      lane.waiting.clear();
    },
  };
  return runner;
}
