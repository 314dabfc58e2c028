// Original file: protos/fedra/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * VerifyAuditLog's request.
 */
export interface VerifyAuditLogRequest {
  /**
   * First sequence to check; 0 means the first record.
   */
  'startSequence'?: (number | string | Long);
  /**
   * Last sequence to check; 0 means the newest record.
   */
  'endSequence'?: (number | string | Long);
}

/**
 * VerifyAuditLog's request.
 */
export interface VerifyAuditLogRequest__Output {
  /**
   * First sequence to check; 0 means the first record.
   */
  'startSequence': (number);
  /**
   * Last sequence to check; 0 means the newest record.
   */
  'endSequence': (number);
}
