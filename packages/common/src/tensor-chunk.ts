/**
 * The shapes of a chunked tensor stream, shared by the encoder, the
 * assembler and the verifier.
 *
 * A stream is a sequence of {@link TensorChunk}s whose offsets are
 * contiguous from 0 (or from a resume offset), followed by one
 * {@link TensorTrailer}. The trailer is a separate message rather than
 * fields on the last chunk so an empty tensor needs no chunk at all and a
 * receiver never has to guess which chunk is last.
 *
 * Bytes are the tensor's elements in little-endian order, on every host.
 *
 * @module
 */

/** The chunk size senders use unless told otherwise: 1 MiB. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * The largest chunk receivers accept unless told otherwise: 4 MiB, gRPC's
 * default limit for one received message.
 */
export const DEFAULT_MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/** Bytes per element; both supported element types are 32-bit. */
export const ELEMENT_BYTES = 4;

/**
 * The element type of a tensor on the wire:
 * - `'float32'`: IEEE-754 binary32 (model weights, deltas); NaN payloads,
 *   -0 and subnormals travel bit-exact.
 * - `'uint32'`: unsigned 32-bit integers (fixed-point masked vectors, mod 2^32).
 */
export type TensorDtype = 'float32' | 'uint32';

/** The typed array for a {@link TensorDtype}. */
export type TensorOf<D extends TensorDtype> = D extends 'float32' ? Float32Array : Uint32Array;

/** One piece of a tensor stream. */
export interface TensorChunk {
  /** Byte offset of `data` within the whole tensor; a multiple of 4. */
  offset: number;
  /** The bytes, little-endian elements; length a multiple of 4. */
  data: Uint8Array;
}

/** What ends a tensor stream. */
export interface TensorTrailer {
  /** The tensor's total size in bytes (4 x elements). */
  totalBytes: number;
  /** sha256 of all `totalBytes` bytes, in offset order (32 bytes). */
  sha256: Uint8Array;
}
