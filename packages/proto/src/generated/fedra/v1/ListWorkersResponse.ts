// Original file: protos/fedra/v1/admin.proto

import type { Worker as _fedra_v1_Worker, Worker__Output as _fedra_v1_Worker__Output } from '../../fedra/v1/Worker.js';

/**
 * ListWorkers' response.
 */
export interface ListWorkersResponse {
  /**
   * One page of workers, ordered by region then worker id.
   */
  'workers'?: (_fedra_v1_Worker)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * ListWorkers' response.
 */
export interface ListWorkersResponse__Output {
  /**
   * One page of workers, ordered by region then worker id.
   */
  'workers': (_fedra_v1_Worker__Output)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
