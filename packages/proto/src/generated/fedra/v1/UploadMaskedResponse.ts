// Original file: protos/fedra/v1/fleet.proto

import type { Long } from '@grpc/proto-loader';

/**
 * UploadMasked's response.
 */
export interface UploadMaskedResponse {
  /**
   * Bytes of the vector now staged durably.
   */
  'receivedBytes'?: (number | string | Long);
  /**
   * True when the whole vector arrived and its digest verified.
   */
  'complete'?: (boolean);
}

/**
 * UploadMasked's response.
 */
export interface UploadMaskedResponse__Output {
  /**
   * Bytes of the vector now staged durably.
   */
  'receivedBytes': (number);
  /**
   * True when the whole vector arrived and its digest verified.
   */
  'complete': (boolean);
}
