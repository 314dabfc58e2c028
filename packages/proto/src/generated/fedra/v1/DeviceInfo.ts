// Original file: protos/fedra/v1/fleet.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The machine a worker runs on, for selection and for admins.
 */
export interface DeviceInfo {
  /**
   * Operating system, as Node's process.platform reports it, e.g. "linux".
   */
  'platform'?: (string);
  /**
   * CPU architecture, as Node's process.arch reports it, e.g. "x64".
   */
  'arch'?: (string);
  /**
   * Logical CPU cores available to the worker.
   */
  'cpuCores'?: (number);
  /**
   * Memory available to the worker, in bytes.
   */
  'memoryBytes'?: (number | string | Long);
  /**
   * GPU model names, when the backend uses GPUs; empty otherwise.
   */
  'gpus'?: (string)[];
}

/**
 * The machine a worker runs on, for selection and for admins.
 */
export interface DeviceInfo__Output {
  /**
   * Operating system, as Node's process.platform reports it, e.g. "linux".
   */
  'platform': (string);
  /**
   * CPU architecture, as Node's process.arch reports it, e.g. "x64".
   */
  'arch': (string);
  /**
   * Logical CPU cores available to the worker.
   */
  'cpuCores': (number);
  /**
   * Memory available to the worker, in bytes.
   */
  'memoryBytes': (number);
  /**
   * GPU model names, when the backend uses GPUs; empty otherwise.
   */
  'gpus': (string)[];
}
