// Original file: protos/fedra/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One piece of a large byte payload (model weights, a masked vector) sent as a
 * stream of ~1 MiB chunks, so any model size fits under gRPC's message limit
 * and an interrupted transfer resumes from an offset instead of restarting.
 * Chunks of one payload arrive in order and without gaps or overlaps.
 */
export interface Chunk {
  /**
   * Byte offset of `data` within the whole payload. The first chunk of a
   * resumed transfer starts at the resume offset, not at 0.
   */
  'offset'?: (number | string | Long);
  /**
   * The bytes of this piece (about 1 MiB; the last one may be shorter or
   * empty when it only carries the digest). Tensors are little-endian:
   * float32 for model weights, uint32 for masked vectors.
   */
  'data'?: (Buffer | Uint8Array | string);
  /**
   * Size in bytes of the whole payload. The same on every chunk of a stream;
   * the receiver rejects a stream that ends at any other size.
   */
  'totalBytes'?: (number | string | Long);
  /**
   * SHA-256 of the whole payload (bytes 0 to total_bytes), set on the final
   * chunk only and empty on all others. The receiver keeps nothing until this
   * digest verifies.
   */
  'sha256'?: (Buffer | Uint8Array | string);
}

/**
 * One piece of a large byte payload (model weights, a masked vector) sent as a
 * stream of ~1 MiB chunks, so any model size fits under gRPC's message limit
 * and an interrupted transfer resumes from an offset instead of restarting.
 * Chunks of one payload arrive in order and without gaps or overlaps.
 */
export interface Chunk__Output {
  /**
   * Byte offset of `data` within the whole payload. The first chunk of a
   * resumed transfer starts at the resume offset, not at 0.
   */
  'offset': (number);
  /**
   * The bytes of this piece (about 1 MiB; the last one may be shorter or
   * empty when it only carries the digest). Tensors are little-endian:
   * float32 for model weights, uint32 for masked vectors.
   */
  'data': (Buffer);
  /**
   * Size in bytes of the whole payload. The same on every chunk of a stream;
   * the receiver rejects a stream that ends at any other size.
   */
  'totalBytes': (number);
  /**
   * SHA-256 of the whole payload (bytes 0 to total_bytes), set on the final
   * chunk only and empty on all others. The receiver keeps nothing until this
   * digest verifies.
   */
  'sha256': (Buffer);
}
