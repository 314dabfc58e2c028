// Original file: protos/fedra/v1/fleet.proto

/**
 * Why the coordinator cancelled an attempt for a worker.
 */
export const CancelReason = {
  /**
   * Not set.
   */
  CANCEL_REASON_UNSPECIFIED: 'CANCEL_REASON_UNSPECIFIED',
  /**
   * The attempt was aborted; a retry, if any, is a new invitation.
   */
  CANCEL_REASON_ATTEMPT_ABORTED: 'CANCEL_REASON_ATTEMPT_ABORTED',
  /**
   * The experiment was cancelled.
   */
  CANCEL_REASON_EXPERIMENT_CANCELLED: 'CANCEL_REASON_EXPERIMENT_CANCELLED',
  /**
   * The worker was dropped from the attempt (for example, it missed a deadline).
   */
  CANCEL_REASON_PARTICIPANT_DROPPED: 'CANCEL_REASON_PARTICIPANT_DROPPED',
  /**
   * An admin evicted the worker.
   */
  CANCEL_REASON_EVICTED: 'CANCEL_REASON_EVICTED',
} as const;

/**
 * Why the coordinator cancelled an attempt for a worker.
 */
export type CancelReason =
  /**
   * Not set.
   */
  | 'CANCEL_REASON_UNSPECIFIED'
  | 0
  /**
   * The attempt was aborted; a retry, if any, is a new invitation.
   */
  | 'CANCEL_REASON_ATTEMPT_ABORTED'
  | 1
  /**
   * The experiment was cancelled.
   */
  | 'CANCEL_REASON_EXPERIMENT_CANCELLED'
  | 2
  /**
   * The worker was dropped from the attempt (for example, it missed a deadline).
   */
  | 'CANCEL_REASON_PARTICIPANT_DROPPED'
  | 3
  /**
   * An admin evicted the worker.
   */
  | 'CANCEL_REASON_EVICTED'
  | 4

/**
 * Why the coordinator cancelled an attempt for a worker.
 */
export type CancelReason__Output = typeof CancelReason[keyof typeof CancelReason]
