// Original file: protos/fedra/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The first place where the audit log's hash chain does not hold.
 */
export interface AuditChainBreak {
  /**
   * Sequence of the first record that fails.
   */
  'sequence'?: (number | string | Long);
  /**
   * What failed, e.g. "record_hash mismatch", "previous_hash mismatch",
   * "sequence gap".
   */
  'reason'?: (string);
  /**
   * The hash the chain requires at this point.
   */
  'expectedHash'?: (Buffer | Uint8Array | string);
  /**
   * The hash found.
   */
  'actualHash'?: (Buffer | Uint8Array | string);
}

/**
 * The first place where the audit log's hash chain does not hold.
 */
export interface AuditChainBreak__Output {
  /**
   * Sequence of the first record that fails.
   */
  'sequence': (number);
  /**
   * What failed, e.g. "record_hash mismatch", "previous_hash mismatch",
   * "sequence gap".
   */
  'reason': (string);
  /**
   * The hash the chain requires at this point.
   */
  'expectedHash': (Buffer);
  /**
   * The hash found.
   */
  'actualHash': (Buffer);
}
