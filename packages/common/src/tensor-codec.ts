/**
 * float32/uint32 tensors to and from chunk streams (see `tensor-chunk.ts`
 * for the stream's shape). Hot path: 1M-10M parameters per call, so there
 * are no per-element loops: the encoder hands out views of the tensor's own
 * memory and the assembler copies each chunk once, into its final place.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { HOST_IS_LITTLE_ENDIAN, littleEndianBytes, swap32InPlace } from './byte-order.js';
import { ChunkStreamVerifier } from './chunk-stream-verifier.js';
import type { ChunkStreamState, ChunkStreamVerifierOptions } from './chunk-stream-verifier.js';
import { InvalidArgumentError } from './errors.js';
import { DEFAULT_CHUNK_BYTES, ELEMENT_BYTES } from './tensor-chunk.js';
import type { TensorChunk, TensorDtype, TensorOf, TensorTrailer } from './tensor-chunk.js';

/** Options for {@link encodeTensorChunks}. */
export interface EncodeTensorOptions {
  /**
   * Bytes per chunk (the last may be shorter); a positive multiple of 4.
   * @default DEFAULT_CHUNK_BYTES (1 MiB)
   */
  chunkBytes?: number;
}

/**
 * Splits a tensor into chunks in offset order. On a little-endian host each
 * chunk's `data` is a view of the tensor's memory (no copy), so do not
 * modify the tensor while its chunks are in flight. An empty tensor yields
 * no chunks. Send {@link tensorDigest}'s trailer after the last chunk.
 *
 * @example
 * ```ts
 * for (const chunk of encodeTensorChunks(weights)) call.write({ chunk });
 * call.write({ trailer: tensorDigest(weights) });
 * ```
 */
export function encodeTensorChunks(
  tensor: Float32Array | Uint32Array,
  options: EncodeTensorOptions = {},
): IterableIterator<TensorChunk> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes <= 0 || chunkBytes % ELEMENT_BYTES !== 0) {
    throw new InvalidArgumentError('chunkBytes', 'chunkBytes must be a positive multiple of 4');
  }
  // Validated eagerly above; the generator itself runs lazily.
  return chunksOf(tensor, chunkBytes);
}

function* chunksOf(
  tensor: Float32Array | Uint32Array,
  chunkBytes: number,
): Generator<TensorChunk, void, undefined> {
  const total = tensor.byteLength;
  for (let offset = 0; offset < total; offset += chunkBytes) {
    const end = Math.min(offset + chunkBytes, total);
    yield { offset, data: littleEndianBytes(tensor, offset, end) };
  }
}

/** Piece size for hashing on a big-endian host, where each piece is a swapped copy. */
const SWAP_PIECE_BYTES = DEFAULT_CHUNK_BYTES;

/** The trailer for a tensor: its size and the sha256 of its little-endian bytes. */
export function tensorDigest(tensor: Float32Array | Uint32Array): TensorTrailer {
  const hash = createHash('sha256');
  const total = tensor.byteLength;
  if (HOST_IS_LITTLE_ENDIAN) {
    hash.update(littleEndianBytes(tensor, 0, total));
  } else {
    for (let offset = 0; offset < total; offset += SWAP_PIECE_BYTES) {
      hash.update(littleEndianBytes(tensor, offset, Math.min(offset + SWAP_PIECE_BYTES, total)));
    }
  }
  return { totalBytes: total, sha256: new Uint8Array(hash.digest()) };
}

/** Options for {@link TensorChunkAssembler}. */
export interface TensorChunkAssemblerOptions<
  D extends TensorDtype,
> extends ChunkStreamVerifierOptions {
  /** The element type of the tensor being received. */
  dtype: D;
}

/** First allocation when the size is not known up front; doubled as needed. */
const INITIAL_CAPACITY_BYTES = 64 * 1024;

/**
 * Rebuilds a tensor from its chunk stream, with every check of
 * {@link ChunkStreamVerifier} (which it uses) and the same error codes.
 *
 * Memory: with `expectedBytes` the tensor's buffer is allocated once and
 * each chunk is copied straight into place; without it the buffer doubles
 * as data arrives (up to `maxBytes`) and the result is a view of it. A
 * rejected chunk changes nothing, so a dropped download can resume at
 * `receivedBytes` on the same assembler.
 *
 * @example
 * ```ts
 * const assembler = new TensorChunkAssembler({ dtype: 'float32', expectedBytes, maxBytes });
 * for await (const message of download) {
 *   if (message.chunk) assembler.push(message.chunk);
 *   else return assembler.finish(message.trailer); // Float32Array
 * }
 * ```
 */
export class TensorChunkAssembler<D extends TensorDtype = TensorDtype> {
  /** The element type being received. */
  readonly dtype: D;
  readonly #verifier: ChunkStreamVerifier;
  readonly #maxBytes: number;
  #bytes: Uint8Array;

  constructor(options: TensorChunkAssemblerOptions<D>) {
    if (options.dtype !== 'float32' && options.dtype !== 'uint32') {
      throw new InvalidArgumentError('dtype', "dtype must be 'float32' or 'uint32'");
    }
    this.#verifier = new ChunkStreamVerifier(options);
    this.dtype = options.dtype;
    this.#maxBytes = options.maxBytes;
    const startOffset = this.#verifier.receivedBytes;
    this.#bytes = new Uint8Array(
      options.expectedBytes ??
        Math.min(options.maxBytes, Math.max(INITIAL_CAPACITY_BYTES, startOffset)),
    );
    const prefix = options.prefix ?? [];
    let at = 0;
    for (const piece of prefix instanceof Uint8Array ? [prefix] : prefix) {
      this.#bytes.set(piece, at);
      at += piece.byteLength;
    }
  }

  /** Bytes received so far: the offset the next chunk must have (resume from here). */
  get receivedBytes(): number {
    return this.#verifier.receivedBytes;
  }

  /** Where the stream stands; see {@link ChunkStreamState}. */
  get state(): ChunkStreamState {
    return this.#verifier.state;
  }

  /** Checks the next chunk and copies it into place; see {@link ChunkStreamVerifier.push}. */
  push(chunk: TensorChunk): void {
    const validBytes = this.#verifier.receivedBytes;
    this.#verifier.push(chunk);
    const end = chunk.offset + chunk.data.byteLength;
    if (end > this.#bytes.byteLength) this.#grow(end, validBytes);
    this.#bytes.set(chunk.data, chunk.offset);
  }

  /**
   * Verifies the trailer (see {@link ChunkStreamVerifier.finish}) and returns
   * the tensor, in host byte order. The result owns the assembler's buffer.
   */
  finish(trailer: TensorTrailer | undefined): TensorOf<D> {
    const { totalBytes } = this.#verifier.finish(trailer);
    const bytes = this.#bytes.subarray(0, totalBytes);
    if (!HOST_IS_LITTLE_ENDIAN) swap32InPlace(bytes);
    const length = totalBytes / ELEMENT_BYTES;
    // TensorOf<D> is exactly the array built for this dtype.
    return (
      this.dtype === 'float32'
        ? new Float32Array(bytes.buffer, bytes.byteOffset, length)
        : new Uint32Array(bytes.buffer, bytes.byteOffset, length)
    ) as TensorOf<D>;
  }

  #grow(minimum: number, validBytes: number): void {
    // The verifier has already bounded `minimum` by maxBytes.
    let capacity = Math.max(this.#bytes.byteLength, INITIAL_CAPACITY_BYTES);
    while (capacity < minimum) capacity *= 2;
    const grown = new Uint8Array(Math.min(capacity, this.#maxBytes));
    grown.set(this.#bytes.subarray(0, validBytes));
    this.#bytes = grown;
  }
}
