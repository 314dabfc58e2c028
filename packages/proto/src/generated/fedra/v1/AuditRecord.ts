// Original file: protos/fedra/v1/admin.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { AuditAction as _fedra_v1_AuditAction, AuditAction__Output as _fedra_v1_AuditAction__Output } from '../../fedra/v1/AuditAction.js';
import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from '../../fedra/v1/AttemptRef.js';
import type { AuditAttribute as _fedra_v1_AuditAttribute, AuditAttribute__Output as _fedra_v1_AuditAttribute__Output } from '../../fedra/v1/AuditAttribute.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One append-only, hash-chained audit record. record_hash covers the record
 * and previous_hash, so changing or removing any record breaks every link
 * after it.
 */
export interface AuditRecord {
  /**
   * Position in the log, 1-based and gapless.
   */
  'sequence'?: (number | string | Long);
  /**
   * When it was recorded, on the coordinator's clock.
   */
  'recordTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Identity (SPIFFE id) of who caused it; "coordinator" for the
   * coordinator's own decisions.
   */
  'actor'?: (string);
  /**
   * What happened.
   */
  'action'?: (_fedra_v1_AuditAction);
  /**
   * The round attempt concerned, when any (fields empty or 0 otherwise).
   */
  'attempt'?: (_fedra_v1_AttemptRef | null);
  /**
   * The worker concerned, when any.
   */
  'workerId'?: (string);
  /**
   * The region concerned, when any.
   */
  'region'?: (string);
  /**
   * Further details, sorted by key.
   */
  'attributes'?: (_fedra_v1_AuditAttribute)[];
  /**
   * record_hash of the previous record; 32 zero bytes for the first record.
   */
  'previousHash'?: (Buffer | Uint8Array | string);
  /**
   * SHA-256 over previous_hash and this record's other fields.
   */
  'recordHash'?: (Buffer | Uint8Array | string);
}

/**
 * One append-only, hash-chained audit record. record_hash covers the record
 * and previous_hash, so changing or removing any record breaks every link
 * after it.
 */
export interface AuditRecord__Output {
  /**
   * Position in the log, 1-based and gapless.
   */
  'sequence': (number);
  /**
   * When it was recorded, on the coordinator's clock.
   */
  'recordTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Identity (SPIFFE id) of who caused it; "coordinator" for the
   * coordinator's own decisions.
   */
  'actor': (string);
  /**
   * What happened.
   */
  'action': (_fedra_v1_AuditAction__Output);
  /**
   * The round attempt concerned, when any (fields empty or 0 otherwise).
   */
  'attempt': (_fedra_v1_AttemptRef__Output | null);
  /**
   * The worker concerned, when any.
   */
  'workerId': (string);
  /**
   * The region concerned, when any.
   */
  'region': (string);
  /**
   * Further details, sorted by key.
   */
  'attributes': (_fedra_v1_AuditAttribute__Output)[];
  /**
   * record_hash of the previous record; 32 zero bytes for the first record.
   */
  'previousHash': (Buffer);
  /**
   * SHA-256 over previous_hash and this record's other fields.
   */
  'recordHash': (Buffer);
}
