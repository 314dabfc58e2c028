// Original file: protos/fedra/v1/common.proto

/**
 * Why the coordinator dropped a participant from an attempt.
 */
export const DropReason = {
  /**
   * Not set; never valid on the wire.
   */
  DROP_REASON_UNSPECIFIED: 'DROP_REASON_UNSPECIFIED',
  /**
   * The participant did not complete the stage before its deadline.
   */
  DROP_REASON_DEADLINE_MISSED: 'DROP_REASON_DEADLINE_MISSED',
  /**
   * The participant refused the round under its region's policy (see the
   * refusal reason).
   */
  DROP_REASON_REFUSED: 'DROP_REASON_REFUSED',
  /**
   * A message from the participant failed validation (header, signature,
   * length, digest, duplicate); the error code is in the detail.
   */
  DROP_REASON_INVALID_MESSAGE: 'DROP_REASON_INVALID_MESSAGE',
  /**
   * The participant's task stream closed and it did not come back in time.
   */
  DROP_REASON_DISCONNECTED: 'DROP_REASON_DISCONNECTED',
  /**
   * An admin evicted the worker.
   */
  DROP_REASON_EVICTED: 'DROP_REASON_EVICTED',
} as const;

/**
 * Why the coordinator dropped a participant from an attempt.
 */
export type DropReason =
  /**
   * Not set; never valid on the wire.
   */
  | 'DROP_REASON_UNSPECIFIED'
  | 0
  /**
   * The participant did not complete the stage before its deadline.
   */
  | 'DROP_REASON_DEADLINE_MISSED'
  | 1
  /**
   * The participant refused the round under its region's policy (see the
   * refusal reason).
   */
  | 'DROP_REASON_REFUSED'
  | 2
  /**
   * A message from the participant failed validation (header, signature,
   * length, digest, duplicate); the error code is in the detail.
   */
  | 'DROP_REASON_INVALID_MESSAGE'
  | 3
  /**
   * The participant's task stream closed and it did not come back in time.
   */
  | 'DROP_REASON_DISCONNECTED'
  | 4
  /**
   * An admin evicted the worker.
   */
  | 'DROP_REASON_EVICTED'
  | 5

/**
 * Why the coordinator dropped a participant from an attempt.
 */
export type DropReason__Output = typeof DropReason[keyof typeof DropReason]
