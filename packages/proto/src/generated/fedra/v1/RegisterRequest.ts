// Original file: protos/fedra/v1/fleet.proto

import type { TrainingBackend as _fedra_v1_TrainingBackend, TrainingBackend__Output as _fedra_v1_TrainingBackend__Output } from '../../fedra/v1/TrainingBackend.js';
import type { DeviceInfo as _fedra_v1_DeviceInfo, DeviceInfo__Output as _fedra_v1_DeviceInfo__Output } from '../../fedra/v1/DeviceInfo.js';
import type { DatasetInfo as _fedra_v1_DatasetInfo, DatasetInfo__Output as _fedra_v1_DatasetInfo__Output } from '../../fedra/v1/DatasetInfo.js';

/**
 * Register's request: the worker's capabilities. There is deliberately no id
 * or region field: both come from the client certificate.
 */
export interface RegisterRequest {
  /**
   * The Fedra wire protocol version the worker speaks (currently 1).
   */
  'protocolVersion'?: (number);
  /**
   * Secure-aggregation suites the worker supports, preferred first.
   */
  'secaggSuites'?: (string)[];
  /**
   * The training backend the worker picked at start.
   */
  'backend'?: (_fedra_v1_TrainingBackend);
  /**
   * The worker's machine.
   */
  'device'?: (_fedra_v1_DeviceInfo | null);
  /**
   * The datasets the worker can train on.
   */
  'datasets'?: (_fedra_v1_DatasetInfo)[];
  /**
   * The worker software's version, e.g. "0.1.0", for admins.
   */
  'workerVersion'?: (string);
}

/**
 * Register's request: the worker's capabilities. There is deliberately no id
 * or region field: both come from the client certificate.
 */
export interface RegisterRequest__Output {
  /**
   * The Fedra wire protocol version the worker speaks (currently 1).
   */
  'protocolVersion': (number);
  /**
   * Secure-aggregation suites the worker supports, preferred first.
   */
  'secaggSuites': (string)[];
  /**
   * The training backend the worker picked at start.
   */
  'backend': (_fedra_v1_TrainingBackend__Output);
  /**
   * The worker's machine.
   */
  'device': (_fedra_v1_DeviceInfo__Output | null);
  /**
   * The datasets the worker can train on.
   */
  'datasets': (_fedra_v1_DatasetInfo__Output)[];
  /**
   * The worker software's version, e.g. "0.1.0", for admins.
   */
  'workerVersion': (string);
}
