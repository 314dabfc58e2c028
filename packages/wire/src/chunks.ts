/**
 * The fedra.v1 `Chunk` sequence of one payload (initial weights, a masked
 * vector): pieces in offset order from a start offset, each naming the
 * payload's total size, the last one carrying its SHA-256. The worker's
 * upload, the scientist's CreateExperiment and the test clients all send
 * payloads this way.
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';
import type { Chunk } from '@fedra/proto';

/** Options of {@link payloadChunks}. */
export interface PayloadChunkOptions {
  /**
   * Bytes per chunk (the last may be shorter); a positive integer.
   * @default 1 MiB
   */
  chunkBytes?: number;
  /**
   * Where to start: 0, or the offset a resumed transfer continues from.
   * @default 0
   */
  fromOffset?: number;
}

/**
 * The chunks of `bytes` from `fromOffset` on. An empty payload (or a start
 * at its end) yields nothing; send an empty chunk with the digest yourself
 * where the receiver expects one. `data` views `bytes` (no copy).
 *
 * @throws InvalidArgumentError on a chunk size that is not a positive
 *   integer or a start offset outside [0, bytes.length].
 */
export function* payloadChunks(
  bytes: Uint8Array,
  sha256: Uint8Array,
  options: PayloadChunkOptions = {},
): Generator<Chunk, void, undefined> {
  const size = options.chunkBytes ?? 1024 * 1024;
  const from = options.fromOffset ?? 0;
  if (!Number.isSafeInteger(size) || size <= 0)
    throw new InvalidArgumentError('chunkBytes', 'chunkBytes must be a positive integer');
  if (!Number.isSafeInteger(from) || from < 0 || from > bytes.length)
    throw new InvalidArgumentError(
      'fromOffset',
      `fromOffset must lie within the ${bytes.length}-byte payload`,
    );
  for (let offset = from; offset < bytes.length; offset += size) {
    const end = Math.min(bytes.length, offset + size);
    yield {
      offset,
      data: bytes.subarray(offset, end),
      totalBytes: bytes.length,
      sha256: end === bytes.length ? sha256 : new Uint8Array(0),
    };
  }
}
