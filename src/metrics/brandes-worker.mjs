// Worker-thread side of `betweennessParallel` (src/metrics/betweenness.ts), run by a piscina pool. Plain
// JavaScript, like the kernel it calls, so that a thread starts without a TypeScript loader.
//
// workerData (SharedArrayBuffer-backed, shared with the calling thread, no copy):
//   { offsets, targets, sources, width, bounds, counter, out, stride, squares }.
// One task per worker: claim chunk c = Atomics.add(counter, 0, 1) until none is left, and write chunk c's summed
// dependencies to out[c·stride .. c·stride + n) (and, when `squares`, the summed squares to the next n slots).
// The calling thread claims chunks from the same counter, so no thread waits for a message to get work.
import { workerData } from 'node:worker_threads';
import { brandesBatches, makeKernelWorkspace } from './brandes-kernel.mjs';

/** @returns {number} the number of chunks this worker ran */
export default function runBrandesChunks() {
  const { offsets, targets, sources, width, bounds, counter, out, stride, squares } = workerData;
  const n = offsets.length - 1;
  const chunks = bounds.length - 1;
  let ws = null;
  let ran = 0;
  for (let c = Atomics.add(counter, 0, 1); c < chunks; c = Atomics.add(counter, 0, 1)) {
    if (ws === null) ws = makeKernelWorkspace(n, width, targets.length);
    const base = c * stride;
    const acc = out.subarray(base, base + n);
    const accSq = squares ? out.subarray(base + n, base + 2 * n) : null;
    brandesBatches(offsets, targets, sources, bounds[c], bounds[c + 1], ws, acc, accSq);
    ran++;
  }
  return ran;
}
