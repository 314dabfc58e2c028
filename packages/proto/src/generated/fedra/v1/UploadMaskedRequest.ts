// Original file: protos/fedra/v1/fleet.proto

import type { MaskedUploadStart as _fedra_v1_MaskedUploadStart, MaskedUploadStart__Output as _fedra_v1_MaskedUploadStart__Output } from '../../fedra/v1/MaskedUploadStart.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from '../../fedra/v1/Chunk.js';

/**
 * One message of the masked-vector upload stream.
 */
export interface UploadMaskedRequest {
  /**
   * First message: which attempt the upload belongs to and where it starts.
   */
  'start'?: (_fedra_v1_MaskedUploadStart | null);
  /**
   * The next piece of the masked vector (uint32 little-endian elements);
   * offsets are multiples of 4. The final chunk carries the SHA-256 of the
   * whole vector, not just of this upload's part.
   */
  'chunk'?: (_fedra_v1_Chunk | null);
  /**
   * The first message is the start; every later one is a chunk.
   */
  'part'?: "start"|"chunk";
}

/**
 * One message of the masked-vector upload stream.
 */
export interface UploadMaskedRequest__Output {
  /**
   * First message: which attempt the upload belongs to and where it starts.
   */
  'start'?: (_fedra_v1_MaskedUploadStart__Output | null);
  /**
   * The next piece of the masked vector (uint32 little-endian elements);
   * offsets are multiples of 4. The final chunk carries the SHA-256 of the
   * whole vector, not just of this upload's part.
   */
  'chunk'?: (_fedra_v1_Chunk__Output | null);
  /**
   * The first message is the start; every later one is a chunk.
   */
  'part'?: "start"|"chunk";
}
