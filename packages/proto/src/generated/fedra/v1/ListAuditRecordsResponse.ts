// Original file: protos/fedra/v1/admin.proto

import type { AuditRecord as _fedra_v1_AuditRecord, AuditRecord__Output as _fedra_v1_AuditRecord__Output } from '../../fedra/v1/AuditRecord.js';

/**
 * ListAuditRecords' response.
 */
export interface ListAuditRecordsResponse {
  /**
   * One page of records in sequence order.
   */
  'records'?: (_fedra_v1_AuditRecord)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * ListAuditRecords' response.
 */
export interface ListAuditRecordsResponse__Output {
  /**
   * One page of records in sequence order.
   */
  'records': (_fedra_v1_AuditRecord__Output)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
