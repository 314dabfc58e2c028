// Original file: protos/fedra/v1/common.proto

/**
 * Why a round attempt was abandoned. The round is retried as a new attempt
 * while the experiment allows it.
 */
export const AbortReason = {
  /**
   * Not set; never valid on the wire.
   */
  ABORT_REASON_UNSPECIFIED: 'ABORT_REASON_UNSPECIFIED',
  /**
   * Not enough eligible workers (connected, healthy, region allowed, dataset
   * present) to meet the minimum participants and quotas.
   */
  ABORT_REASON_SELECTION_FAILED: 'ABORT_REASON_SELECTION_FAILED',
  /**
   * Too few participants survived a stage, or some secret that must be
   * rebuilt had fewer than t live holders in its neighbourhood.
   */
  ABORT_REASON_QUORUM_NOT_MET: 'ABORT_REASON_QUORUM_NOT_MET',
  /**
   * A rebuilt secret did not match its signed public key or commitment.
   */
  ABORT_REASON_RECONSTRUCTION_FAILED: 'ABORT_REASON_RECONSTRUCTION_FAILED',
  /**
   * The experiment was cancelled while the attempt ran.
   */
  ABORT_REASON_CANCELLED: 'ABORT_REASON_CANCELLED',
  /**
   * An unexpected coordinator failure; details are in the server log.
   */
  ABORT_REASON_INTERNAL: 'ABORT_REASON_INTERNAL',
} as const;

/**
 * Why a round attempt was abandoned. The round is retried as a new attempt
 * while the experiment allows it.
 */
export type AbortReason =
  /**
   * Not set; never valid on the wire.
   */
  | 'ABORT_REASON_UNSPECIFIED'
  | 0
  /**
   * Not enough eligible workers (connected, healthy, region allowed, dataset
   * present) to meet the minimum participants and quotas.
   */
  | 'ABORT_REASON_SELECTION_FAILED'
  | 1
  /**
   * Too few participants survived a stage, or some secret that must be
   * rebuilt had fewer than t live holders in its neighbourhood.
   */
  | 'ABORT_REASON_QUORUM_NOT_MET'
  | 2
  /**
   * A rebuilt secret did not match its signed public key or commitment.
   */
  | 'ABORT_REASON_RECONSTRUCTION_FAILED'
  | 3
  /**
   * The experiment was cancelled while the attempt ran.
   */
  | 'ABORT_REASON_CANCELLED'
  | 4
  /**
   * An unexpected coordinator failure; details are in the server log.
   */
  | 'ABORT_REASON_INTERNAL'
  | 5

/**
 * Why a round attempt was abandoned. The round is retried as a new attempt
 * while the experiment allows it.
 */
export type AbortReason__Output = typeof AbortReason[keyof typeof AbortReason]
