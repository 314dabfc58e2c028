// Original file: protos/fedra/v1/common.proto

/**
 * Lifecycle of a round attempt as the coordinator drives it.
 */
export const RoundState = {
  /**
   * Not set; never valid on the wire.
   */
  ROUND_STATE_UNSPECIFIED: 'ROUND_STATE_UNSPECIFIED',
  /**
   * Queued; selection has not started.
   */
  ROUND_STATE_SCHEDULED: 'ROUND_STATE_SCHEDULED',
  /**
   * Sampling eligible workers within quotas and fixing the RoundConfig.
   */
  ROUND_STATE_SELECTING: 'ROUND_STATE_SELECTING',
  /**
   * Setup and share-keys: collecting signed public keys and encrypted shares.
   */
  ROUND_STATE_KEYS: 'ROUND_STATE_KEYS',
  /**
   * Collect-masked: participants train and upload masked updates.
   */
  ROUND_STATE_TRAINING: 'ROUND_STATE_TRAINING',
  /**
   * Consistency-check: survivors sign the fixed survivor set.
   */
  ROUND_STATE_CHECKING: 'ROUND_STATE_CHECKING',
  /**
   * Unmask: collecting revealed shares, removing masks, aggregating.
   */
  ROUND_STATE_UNMASKING: 'ROUND_STATE_UNMASKING',
  /**
   * The new model version is stored; the round is done.
   */
  ROUND_STATE_COMMITTED: 'ROUND_STATE_COMMITTED',
  /**
   * The attempt was abandoned; see its abort reason. A retry is a new attempt.
   */
  ROUND_STATE_ABORTED: 'ROUND_STATE_ABORTED',
} as const;

/**
 * Lifecycle of a round attempt as the coordinator drives it.
 */
export type RoundState =
  /**
   * Not set; never valid on the wire.
   */
  | 'ROUND_STATE_UNSPECIFIED'
  | 0
  /**
   * Queued; selection has not started.
   */
  | 'ROUND_STATE_SCHEDULED'
  | 1
  /**
   * Sampling eligible workers within quotas and fixing the RoundConfig.
   */
  | 'ROUND_STATE_SELECTING'
  | 2
  /**
   * Setup and share-keys: collecting signed public keys and encrypted shares.
   */
  | 'ROUND_STATE_KEYS'
  | 3
  /**
   * Collect-masked: participants train and upload masked updates.
   */
  | 'ROUND_STATE_TRAINING'
  | 4
  /**
   * Consistency-check: survivors sign the fixed survivor set.
   */
  | 'ROUND_STATE_CHECKING'
  | 5
  /**
   * Unmask: collecting revealed shares, removing masks, aggregating.
   */
  | 'ROUND_STATE_UNMASKING'
  | 6
  /**
   * The new model version is stored; the round is done.
   */
  | 'ROUND_STATE_COMMITTED'
  | 7
  /**
   * The attempt was abandoned; see its abort reason. A retry is a new attempt.
   */
  | 'ROUND_STATE_ABORTED'
  | 8

/**
 * Lifecycle of a round attempt as the coordinator drives it.
 */
export type RoundState__Output = typeof RoundState[keyof typeof RoundState]
