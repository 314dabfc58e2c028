// Original file: protos/fedra/v1/admin.proto

import type { WorkerState as _fedra_v1_WorkerState, WorkerState__Output as _fedra_v1_WorkerState__Output } from '../../fedra/v1/WorkerState.js';

/**
 * ListWorkers' request.
 */
export interface ListWorkersRequest {
  /**
   * Most workers to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize'?: (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken'?: (string);
  /**
   * Only workers of this region; empty means all regions.
   */
  'region'?: (string);
  /**
   * Only workers in one of these states; empty means all states.
   */
  'states'?: (_fedra_v1_WorkerState)[];
}

/**
 * ListWorkers' request.
 */
export interface ListWorkersRequest__Output {
  /**
   * Most workers to return; 0 means the server default (50), and larger
   * values than the server maximum (500) are reduced to it.
   */
  'pageSize': (number);
  /**
   * next_page_token from the previous page; empty for the first page.
   */
  'pageToken': (string);
  /**
   * Only workers of this region; empty means all regions.
   */
  'region': (string);
  /**
   * Only workers in one of these states; empty means all states.
   */
  'states': (_fedra_v1_WorkerState__Output)[];
}
