// Original file: protos/fedra/v1/admin.proto

import type { Worker as _fedra_v1_Worker, Worker__Output as _fedra_v1_Worker__Output } from '../../fedra/v1/Worker.js';

/**
 * EvictWorker's response.
 */
export interface EvictWorkerResponse {
  /**
   * The worker, now EVICTED.
   */
  'worker'?: (_fedra_v1_Worker | null);
}

/**
 * EvictWorker's response.
 */
export interface EvictWorkerResponse__Output {
  /**
   * The worker, now EVICTED.
   */
  'worker': (_fedra_v1_Worker__Output | null);
}
