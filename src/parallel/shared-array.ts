/**
 * Copies of typed arrays into SharedArrayBuffers, handed to worker threads without a copy per thread.
 *
 * @module
 */

/** The typed arrays {@link shareArray} copies. */
export type ShareableArray = Int32Array | Uint8Array | Float64Array;

/**
 * A copy of `a` backed by a SharedArrayBuffer (same type and values): sent in a worker's `workerData`, every thread
 * sees the one buffer.
 *
 * @param a - the array to copy.
 * @returns the shared copy.
 *
 * @complexity O(length).
 *
 * @model —
 *
 * @references ECMAScript SharedArrayBuffer; Node.js worker_threads, `workerData`.
 *
 * @example
 * ```ts
 * const s = shareArray(Int32Array.of(1, 2, 3)); // s.buffer instanceof SharedArrayBuffer
 * ```
 */
export function shareArray<T extends ShareableArray>(a: T): T {
  const sab = new SharedArrayBuffer(a.byteLength);
  const view = (
    a instanceof Int32Array
      ? new Int32Array(sab)
      : a instanceof Uint8Array
        ? new Uint8Array(sab)
        : new Float64Array(sab)
  ) as T;
  view.set(a);
  return view;
}
