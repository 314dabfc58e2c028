// Original file: protos/fedra/v1/admin.proto

import type { Worker as _fedra_v1_Worker, Worker__Output as _fedra_v1_Worker__Output } from '../../fedra/v1/Worker.js';

/**
 * DrainWorker's response.
 */
export interface DrainWorkerResponse {
  /**
   * The worker, now DRAINING.
   */
  'worker'?: (_fedra_v1_Worker | null);
}

/**
 * DrainWorker's response.
 */
export interface DrainWorkerResponse__Output {
  /**
   * The worker, now DRAINING.
   */
  'worker': (_fedra_v1_Worker__Output | null);
}
