// Original file: protos/fedra/v1/fleet.proto

import type { Long } from '@grpc/proto-loader';

/**
 * GetUploadOffset's response.
 */
export interface GetUploadOffsetResponse {
  /**
   * Bytes of the masked vector the coordinator has staged durably; the next
   * upload starts here. 0 when nothing was received.
   */
  'offset'?: (number | string | Long);
  /**
   * The expected size of the masked vector in bytes (4 bytes per element of
   * the RoundConfig lanes).
   */
  'totalBytes'?: (number | string | Long);
  /**
   * True when the whole vector arrived and its digest verified; nothing is
   * left to send.
   */
  'complete'?: (boolean);
}

/**
 * GetUploadOffset's response.
 */
export interface GetUploadOffsetResponse__Output {
  /**
   * Bytes of the masked vector the coordinator has staged durably; the next
   * upload starts here. 0 when nothing was received.
   */
  'offset': (number);
  /**
   * The expected size of the masked vector in bytes (4 bytes per element of
   * the RoundConfig lanes).
   */
  'totalBytes': (number);
  /**
   * True when the whole vector arrived and its digest verified; nothing is
   * left to send.
   */
  'complete': (boolean);
}
