/**
 * FNV-1a, 32-bit: the one non-cryptographic hash of the project (graph fingerprints, `.fgb` checksums, worker-pool
 * keys, SVG element ids). Three ways of feeding it, each with its existing users' exact values:
 * - {@link fnv1aWords}: one step per 32-bit word (h = (h ^ w)·p), the `.fgb` checksum and pool keys;
 * - {@link fnv1aWordBytes}: the four bytes of each 32-bit value, low byte first (graph fingerprints);
 * - {@link fnv1aString}: one step per UTF-16 code unit (element ids).
 *
 * @module
 */

/** FNV-1a 32-bit offset basis (2166136261). */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a 32-bit prime (16777619). */
export const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over 32-bit words: h ← (h ^ w)·p mod 2^32 per word (`w | 0`).
 *
 * @param words - the words.
 * @param h - running hash (default the offset basis), to chain calls.
 * @returns the hash as an unsigned 32-bit integer.
 *
 * @complexity O(length).
 *
 * @model FNV-1a with a 32-bit word in place of the byte.
 *
 * @references G. Fowler, L. C. Noll, K.-P. Vo, "FNV hash", http://www.isthe.com/chongo/tech/comp/fnv/.
 *
 * @example
 * ```ts
 * fnv1aWords(Int32Array.of(1, 2, 3)).toString(16);
 * ```
 */
export function fnv1aWords(words: ArrayLike<number>, h: number = FNV_OFFSET): number {
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] | 0), FNV_PRIME);
  return h >>> 0;
}

/**
 * FNV-1a over the four bytes (low first) of each 32-bit value.
 *
 * @param values - the values.
 * @param h - running hash (default the offset basis), to chain calls.
 * @returns the hash as an unsigned 32-bit integer.
 *
 * @complexity O(length).
 *
 * @model FNV-1a, bytes little-endian.
 *
 * @references G. Fowler, L. C. Noll, K.-P. Vo, "FNV hash".
 *
 * @example
 * ```ts
 * fnv1aWordBytes(Int32Array.of(0x61)) === fnv1aString('a\0\0\0'); // true
 * ```
 */
export function fnv1aWordBytes(values: ArrayLike<number>, h: number = FNV_OFFSET): number {
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    for (let s = 0; s < 32; s += 8) {
      h ^= (x >>> s) & 0xff;
      h = Math.imul(h, FNV_PRIME);
    }
  }
  return h >>> 0;
}

/**
 * FNV-1a over the UTF-16 code units of a string.
 *
 * @param s - the string.
 * @param h - running hash (default the offset basis).
 * @returns the hash as an unsigned 32-bit integer.
 *
 * @complexity O(length).
 *
 * @model FNV-1a, one step per code unit.
 *
 * @references G. Fowler, L. C. Noll, K.-P. Vo, "FNV hash".
 *
 * @example
 * ```ts
 * fnv1aString('a'); // 3826002220 (0xe40c292c)
 * ```
 */
export function fnv1aString(s: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}
