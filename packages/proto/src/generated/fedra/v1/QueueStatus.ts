// Original file: protos/fedra/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Depths of one BullMQ job queue.
 */
export interface QueueStatus {
  /**
   * The queue's name, e.g. "rounds" or "deadlines".
   */
  'name'?: (string);
  /**
   * Jobs waiting to run.
   */
  'waiting'?: (number | string | Long);
  /**
   * Jobs running now.
   */
  'active'?: (number | string | Long);
  /**
   * Jobs scheduled for later (deadline jobs, retries).
   */
  'delayed'?: (number | string | Long);
  /**
   * Jobs that failed and are kept for inspection.
   */
  'failed'?: (number | string | Long);
}

/**
 * Depths of one BullMQ job queue.
 */
export interface QueueStatus__Output {
  /**
   * The queue's name, e.g. "rounds" or "deadlines".
   */
  'name': (string);
  /**
   * Jobs waiting to run.
   */
  'waiting': (number);
  /**
   * Jobs running now.
   */
  'active': (number);
  /**
   * Jobs scheduled for later (deadline jobs, retries).
   */
  'delayed': (number);
  /**
   * Jobs that failed and are kept for inspection.
   */
  'failed': (number);
}
