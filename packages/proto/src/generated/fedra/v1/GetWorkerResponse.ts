// Original file: protos/fedra/v1/admin.proto

import type { Worker as _fedra_v1_Worker, Worker__Output as _fedra_v1_Worker__Output } from '../../fedra/v1/Worker.js';

/**
 * GetWorker's response.
 */
export interface GetWorkerResponse {
  /**
   * The worker.
   */
  'worker'?: (_fedra_v1_Worker | null);
}

/**
 * GetWorker's response.
 */
export interface GetWorkerResponse__Output {
  /**
   * The worker.
   */
  'worker': (_fedra_v1_Worker__Output | null);
}
