// Original file: protos/fedra/v1/admin.proto

import type { AuditChainBreak as _fedra_v1_AuditChainBreak, AuditChainBreak__Output as _fedra_v1_AuditChainBreak__Output } from '../../fedra/v1/AuditChainBreak.js';
import type { Long } from '@grpc/proto-loader';

/**
 * VerifyAuditLog's response.
 */
export interface VerifyAuditLogResponse {
  /**
   * True when every link in the range holds.
   */
  'intact'?: (boolean);
  /**
   * Number of records checked.
   */
  'recordsChecked'?: (number | string | Long);
  /**
   * The first broken link; unset when intact.
   */
  'firstBreak'?: (_fedra_v1_AuditChainBreak | null);
  /**
   * Sequence of the newest record checked.
   */
  'headSequence'?: (number | string | Long);
  /**
   * record_hash of the newest record checked; an admin can note it to detect
   * later rewriting of history.
   */
  'headHash'?: (Buffer | Uint8Array | string);
}

/**
 * VerifyAuditLog's response.
 */
export interface VerifyAuditLogResponse__Output {
  /**
   * True when every link in the range holds.
   */
  'intact': (boolean);
  /**
   * Number of records checked.
   */
  'recordsChecked': (number);
  /**
   * The first broken link; unset when intact.
   */
  'firstBreak': (_fedra_v1_AuditChainBreak__Output | null);
  /**
   * Sequence of the newest record checked.
   */
  'headSequence': (number);
  /**
   * record_hash of the newest record checked; an admin can note it to detect
   * later rewriting of history.
   */
  'headHash': (Buffer);
}
