/**
 * Validation and hashing of a chunked tensor stream, without keeping the
 * bytes. The coordinator uses it directly while it stages an upload on disk
 * (and folds it chunk by chunk once verified); {@link TensorChunkAssembler}
 * uses it for every check before it copies a chunk into its buffer.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { ChunkStreamError, InvalidArgumentError } from './errors.js';
import { DEFAULT_MAX_CHUNK_BYTES, ELEMENT_BYTES } from './tensor-chunk.js';
import type { TensorChunk, TensorTrailer } from './tensor-chunk.js';

/** Options for {@link ChunkStreamVerifier}. */
export interface ChunkStreamVerifierOptions {
  /**
   * The exact size of the stream when the receiver knows it up front (from
   * the model manifest or the RoundConfig's lane lengths). A stream longer
   * than this is refused as it arrives, and `finish` refuses a shorter one.
   */
  expectedBytes?: number;
  /** Hard cap on the stream's size in bytes; every stream needs a bound. */
  maxBytes: number;
  /**
   * The largest chunk accepted.
   * @default DEFAULT_MAX_CHUNK_BYTES (4 MiB)
   */
  maxChunkBytes?: number;
  /**
   * Where this stream resumes, in bytes; a multiple of 4. The bytes before
   * it must be given in `prefix` so the final digest covers the whole
   * tensor.
   * @default 0
   */
  startOffset?: number;
  /**
   * The bytes `[0, startOffset)` received earlier (kept in memory or read
   * back from staging), as one array or in pieces. Hashed here (and copied by
   * the assembler); their total length must equal `startOffset`.
   */
  prefix?: Uint8Array | readonly Uint8Array[];
}

/**
 * Where a stream stands:
 * - `'receiving'`: chunks are accepted (also after a rejected chunk or a
 *   `finish` that found the stream incomplete: the sender may resume at
 *   `receivedBytes`).
 * - `'verified'`: `finish` checked the total and the digest; nothing more is accepted.
 * - `'failed'`: `finish` found a digest mismatch; nothing more is accepted.
 */
export type ChunkStreamState = 'receiving' | 'verified' | 'failed';

/**
 * Checks a chunk stream's order, alignment, sizes, total and sha256 as it
 * arrives, in O(1) memory. A rejected chunk changes nothing, so the caller
 * can report `receivedBytes` and let the sender resume there.
 *
 * Each failure has its own code: `CHUNK_OVERSIZE` (a chunk above
 * `maxChunkBytes`, or a stream past `maxBytes`/`expectedBytes`),
 * `CHUNK_MISALIGNED`, `CHUNK_GAP`, `CHUNK_OVERLAP` (also a duplicate),
 * `STREAM_INCOMPLETE` (missing trailer or bytes), `TOTAL_MISMATCH`,
 * `DIGEST_MISMATCH`; malformed chunks or trailers and calls after the end
 * are `INVALID_ARGUMENT`. Errors carry offsets and sizes in `metadata`,
 * never data.
 *
 * @example
 * ```ts
 * const verifier = new ChunkStreamVerifier({ expectedBytes: 4 * params, maxBytes: 4 * maxParams });
 * for await (const chunk of upload) {
 *   verifier.push(chunk); // throws before anything is staged
 *   await staging.write(chunk.offset, chunk.data);
 * }
 * const { sha256 } = verifier.finish(trailer); // fold only after this
 * ```
 */
export class ChunkStreamVerifier {
  readonly #expectedBytes: number | undefined;
  readonly #maxBytes: number;
  readonly #maxChunkBytes: number;
  readonly #hash: Hash;
  #receivedBytes: number;
  #state: ChunkStreamState = 'receiving';

  constructor(options: ChunkStreamVerifierOptions) {
    const { expectedBytes, maxBytes } = options;
    const maxChunkBytes = options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
    const startOffset = options.startOffset ?? 0;
    requireByteCount('maxBytes', maxBytes);
    requireByteCount('maxChunkBytes', maxChunkBytes);
    if (maxChunkBytes < ELEMENT_BYTES) {
      throw new InvalidArgumentError('maxChunkBytes', `maxChunkBytes must be at least 4`);
    }
    if (expectedBytes !== undefined) {
      requireByteCount('expectedBytes', expectedBytes);
      if (expectedBytes % ELEMENT_BYTES !== 0) {
        throw new InvalidArgumentError('expectedBytes', 'expectedBytes must be a multiple of 4');
      }
      if (expectedBytes > maxBytes) {
        throw new ChunkStreamError(
          'CHUNK_OVERSIZE',
          `the stream's ${expectedBytes} bytes exceed the limit of ${maxBytes}`,
          { metadata: { expectedBytes: String(expectedBytes), maxBytes: String(maxBytes) } },
        );
      }
    }
    requireByteCount('startOffset', startOffset);
    if (startOffset % ELEMENT_BYTES !== 0 || startOffset > (expectedBytes ?? maxBytes)) {
      throw new InvalidArgumentError(
        'startOffset',
        'startOffset must be a multiple of 4 within the stream',
      );
    }
    const prefix = options.prefix ?? [];
    const pieces = prefix instanceof Uint8Array ? [prefix] : prefix;
    const prefixBytes = pieces.reduce((sum, piece) => sum + piece.byteLength, 0);
    if (prefixBytes !== startOffset) {
      throw new InvalidArgumentError(
        'prefix',
        `prefix holds ${prefixBytes} bytes but startOffset is ${startOffset}`,
      );
    }
    this.#expectedBytes = expectedBytes;
    this.#maxBytes = maxBytes;
    this.#maxChunkBytes = maxChunkBytes;
    this.#hash = createHash('sha256');
    for (const piece of pieces) this.#hash.update(piece);
    this.#receivedBytes = startOffset;
  }

  /** Bytes accepted so far, prefix included: the offset the next chunk must have. */
  get receivedBytes(): number {
    return this.#receivedBytes;
  }

  /** Where the stream stands. */
  get state(): ChunkStreamState {
    return this.#state;
  }

  /**
   * Checks the next chunk and adds it to the digest. Throws (and changes
   * nothing) when the chunk is out of order, misaligned or too large.
   */
  push(chunk: TensorChunk): void {
    this.#requireReceiving('chunk');
    const { offset, data } = chunk;
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new InvalidArgumentError('offset', 'a chunk offset must be a non-negative integer');
    }
    if (!(data instanceof Uint8Array)) {
      throw new InvalidArgumentError('data', 'chunk data must be bytes');
    }
    const length = data.byteLength;
    const metadata = { offset: String(offset), length: String(length) };
    if (length > this.#maxChunkBytes) {
      throw new ChunkStreamError(
        'CHUNK_OVERSIZE',
        `a ${length}-byte chunk exceeds the ${this.#maxChunkBytes}-byte chunk limit`,
        { metadata: { ...metadata, maxChunkBytes: String(this.#maxChunkBytes) } },
      );
    }
    if (offset % ELEMENT_BYTES !== 0 || length % ELEMENT_BYTES !== 0) {
      throw new ChunkStreamError(
        'CHUNK_MISALIGNED',
        `a chunk at byte ${offset} of ${length} bytes is not aligned to 4-byte elements`,
        { metadata },
      );
    }
    const expectedOffset = this.#receivedBytes;
    if (offset !== expectedOffset) {
      const code = offset > expectedOffset ? 'CHUNK_GAP' : 'CHUNK_OVERLAP';
      throw new ChunkStreamError(
        code,
        `a chunk starts at byte ${offset}; the next expected byte is ${expectedOffset}`,
        { metadata: { ...metadata, expectedOffset: String(expectedOffset) } },
      );
    }
    const limit = this.#expectedBytes ?? this.#maxBytes;
    if (offset + length > limit) {
      throw new ChunkStreamError(
        'CHUNK_OVERSIZE',
        `a chunk ending at byte ${offset + length} runs past the stream's ${limit} bytes`,
        { metadata: { ...metadata, limitBytes: String(limit) } },
      );
    }
    this.#hash.update(data);
    this.#receivedBytes = offset + length;
  }

  /**
   * Checks the trailer against what arrived and returns it once the digest
   * verifies. `undefined` (the transport ended without a trailer) is
   * `STREAM_INCOMPLETE`. An incomplete stream stays open for resumption; a
   * digest check, pass or fail, ends it.
   */
  finish(trailer: TensorTrailer | undefined): TensorTrailer {
    this.#requireReceiving('trailer');
    const received = this.#receivedBytes;
    const metadata = { receivedBytes: String(received) };
    if (trailer === undefined) {
      throw new ChunkStreamError(
        'STREAM_INCOMPLETE',
        `the stream ended after ${received} bytes without its final digest`,
        { metadata },
      );
    }
    const { totalBytes, sha256 } = trailer;
    requireByteCount('totalBytes', totalBytes);
    if (!(sha256 instanceof Uint8Array) || sha256.byteLength !== 32) {
      throw new InvalidArgumentError('sha256', 'the final digest must be 32 sha256 bytes');
    }
    const totalMetadata = { ...metadata, totalBytes: String(totalBytes) };
    if (this.#expectedBytes !== undefined && totalBytes !== this.#expectedBytes) {
      throw new ChunkStreamError(
        'TOTAL_MISMATCH',
        `the stream declares ${totalBytes} bytes; ${this.#expectedBytes} were expected`,
        { metadata: { ...totalMetadata, expectedBytes: String(this.#expectedBytes) } },
      );
    }
    if (totalBytes < received) {
      throw new ChunkStreamError(
        'TOTAL_MISMATCH',
        `the stream declares ${totalBytes} bytes but ${received} arrived`,
        { metadata: totalMetadata },
      );
    }
    if (totalBytes > received) {
      throw new ChunkStreamError(
        'STREAM_INCOMPLETE',
        `the stream ended after ${received} of its ${totalBytes} bytes`,
        { metadata: totalMetadata },
      );
    }
    const actual = this.#hash.digest();
    if (!actual.equals(sha256)) {
      this.#state = 'failed';
      throw new ChunkStreamError(
        'DIGEST_MISMATCH',
        `the sha256 of the ${received} received bytes differs from the declared digest`,
        {
          metadata: {
            ...totalMetadata,
            declaredSha256: Buffer.from(sha256).toString('hex'),
            actualSha256: actual.toString('hex'),
          },
        },
      );
    }
    this.#state = 'verified';
    return { totalBytes, sha256: new Uint8Array(actual) };
  }

  #requireReceiving(field: string): void {
    if (this.#state !== 'receiving') {
      throw new InvalidArgumentError(field, `the stream is already ${this.#state}`);
    }
  }
}

function requireByteCount(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(field, `${field} must be a non-negative integer`);
  }
}
