// Gaussian calibration batches made when a proxy reads them, not all up front: `batches: 1000000` with a proxy that
// reads two makes two. Batch b has its own seeded stream (calibration.ts), so making it late, or again, gives the
// same bytes. The first batches (those proxies read again and again) are kept, up to KEEP_BYTES; later ones are made
// on each read and dropped, so memory stays flat however many batches the spec asks for.
import type { CalibrationBatch } from './batch.js';

/** Kept batches, in bytes of images: ZiCo's default two batches of 64 CIFAR images take 1.5 MiB. */
export const KEEP_BYTES = 256 * 1024 ** 2;

/** What a lazily made set was made from: hashing it stands for hashing every batch it can make. */
export const LAZY_SOURCE = Symbol('lazy calibration source');

export interface LazySource {
  /** Everything the bytes of each batch are a function of, as text (hashed into cache and journal keys). */
  describe: string;
}

/**
 * An array of `count` batches whose elements are made by `make(b)` on first read. It reads like an array
 * (index, length, iteration, forEach/map/reduce), so proxies need not know; a loop over all of it makes them all.
 */
export function lazyBatches(count: number, batchBytes: number, describe: string, make: (b: number) => CalibrationBatch): readonly CalibrationBatch[] {
  const keep = Math.max(1, Math.floor(KEEP_BYTES / Math.max(1, batchBytes)));
  const kept = new Map<number, CalibrationBatch>();
  const target: CalibrationBatch[] = [];
  target.length = count; // a holey array: no element exists until read
  const source: LazySource = { describe };
  return new Proxy(target, {
    get(t, key, receiver) {
      if (key === LAZY_SOURCE) return source;
      if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key)) {
        const b = Number(key);
        if (b >= count) return undefined;
        const have = kept.get(b);
        if (have) return have;
        const batch = make(b);
        if (b < keep) kept.set(b, batch);
        return batch;
      }
      return Reflect.get(t, key, receiver);
    },
    has(t, key) {
      if (typeof key === 'string' && /^(0|[1-9]\d*)$/.test(key)) return Number(key) < count;
      return Reflect.has(t, key);
    },
    set() { return false; }, // read-only, like the eager arrays are treated
  });
}

/** The source of a lazily made set, or undefined for an ordinary array. */
export function lazySource(batches: readonly CalibrationBatch[]): LazySource | undefined {
  return (batches as unknown as Record<symbol, LazySource | undefined>)[LAZY_SOURCE];
}
