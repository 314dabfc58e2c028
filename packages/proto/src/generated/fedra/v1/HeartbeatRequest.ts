// Original file: protos/fedra/v1/fleet.proto

import type { WorkerActivity as _fedra_v1_WorkerActivity, WorkerActivity__Output as _fedra_v1_WorkerActivity__Output } from '../../fedra/v1/WorkerActivity.js';
import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from '../../fedra/v1/AttemptRef.js';
import type { Long } from '@grpc/proto-loader';

/**
 * Heartbeat's request.
 */
export interface HeartbeatRequest {
  /**
   * The session_id from Register.
   */
  'sessionId'?: (string);
  /**
   * What the worker is doing.
   */
  'activity'?: (_fedra_v1_WorkerActivity);
  /**
   * The attempts the worker is taking part in.
   */
  'activeAttempts'?: (_fedra_v1_AttemptRef)[];
  /**
   * Memory currently free for training, in bytes.
   */
  'freeMemoryBytes'?: (number | string | Long);
}

/**
 * Heartbeat's request.
 */
export interface HeartbeatRequest__Output {
  /**
   * The session_id from Register.
   */
  'sessionId': (string);
  /**
   * What the worker is doing.
   */
  'activity': (_fedra_v1_WorkerActivity__Output);
  /**
   * The attempts the worker is taking part in.
   */
  'activeAttempts': (_fedra_v1_AttemptRef__Output)[];
  /**
   * Memory currently free for training, in bytes.
   */
  'freeMemoryBytes': (number);
}
