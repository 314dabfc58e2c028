// Original file: protos/fedra/v1/admin.proto

import type { AuditAction as _fedra_v1_AuditAction, AuditAction__Output as _fedra_v1_AuditAction__Output } from '../../fedra/v1/AuditAction.js';
import type { Long } from '@grpc/proto-loader';

/**
 * ListAuditRecords' request.
 */
export interface ListAuditRecordsRequest {
  /**
   * Most records to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize'?: (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken'?: (string);
  /**
   * Only records at or after this sequence number; 0 means from the start.
   */
  'startSequence'?: (number | string | Long);
  /**
   * Only records of this experiment; empty means all.
   */
  'experimentId'?: (string);
  /**
   * Only records with one of these actions; empty means all.
   */
  'actions'?: (_fedra_v1_AuditAction)[];
}

/**
 * ListAuditRecords' request.
 */
export interface ListAuditRecordsRequest__Output {
  /**
   * Most records to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize': (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken': (string);
  /**
   * Only records at or after this sequence number; 0 means from the start.
   */
  'startSequence': (number);
  /**
   * Only records of this experiment; empty means all.
   */
  'experimentId': (string);
  /**
   * Only records with one of these actions; empty means all.
   */
  'actions': (_fedra_v1_AuditAction__Output)[];
}
