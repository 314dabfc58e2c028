// Original file: protos/fedra/v1/experiment.proto

import type { HistoryEntry as _fedra_v1_HistoryEntry, HistoryEntry__Output as _fedra_v1_HistoryEntry__Output } from '../../fedra/v1/HistoryEntry.js';

/**
 * GetHistory's response.
 */
export interface GetHistoryResponse {
  /**
   * One page of versions, oldest first, starting with version 0.
   */
  'entries'?: (_fedra_v1_HistoryEntry)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * GetHistory's response.
 */
export interface GetHistoryResponse__Output {
  /**
   * One page of versions, oldest first, starting with version 0.
   */
  'entries': (_fedra_v1_HistoryEntry__Output)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
