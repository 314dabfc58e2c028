// Original file: protos/fedra/v1/experiment.proto

/**
 * Lifecycle of an experiment.
 */
export const ExperimentState = {
  /**
   * Not set; as a list filter it matches nothing.
   */
  EXPERIMENT_STATE_UNSPECIFIED: 'EXPERIMENT_STATE_UNSPECIFIED',
  /**
   * Validated and stored with model version 0; no round has been scheduled.
   */
  EXPERIMENT_STATE_CREATED: 'EXPERIMENT_STATE_CREATED',
  /**
   * Rounds are being scheduled and run.
   */
  EXPERIMENT_STATE_RUNNING: 'EXPERIMENT_STATE_RUNNING',
  /**
   * All rounds committed; the last model version is final.
   */
  EXPERIMENT_STATE_COMPLETED: 'EXPERIMENT_STATE_COMPLETED',
  /**
   * Cancelled by its owner or an admin.
   */
  EXPERIMENT_STATE_CANCELLED: 'EXPERIMENT_STATE_CANCELLED',
  /**
   * Stopped by an unrecoverable error; see status_detail.
   */
  EXPERIMENT_STATE_FAILED: 'EXPERIMENT_STATE_FAILED',
} as const;

/**
 * Lifecycle of an experiment.
 */
export type ExperimentState =
  /**
   * Not set; as a list filter it matches nothing.
   */
  | 'EXPERIMENT_STATE_UNSPECIFIED'
  | 0
  /**
   * Validated and stored with model version 0; no round has been scheduled.
   */
  | 'EXPERIMENT_STATE_CREATED'
  | 1
  /**
   * Rounds are being scheduled and run.
   */
  | 'EXPERIMENT_STATE_RUNNING'
  | 2
  /**
   * All rounds committed; the last model version is final.
   */
  | 'EXPERIMENT_STATE_COMPLETED'
  | 3
  /**
   * Cancelled by its owner or an admin.
   */
  | 'EXPERIMENT_STATE_CANCELLED'
  | 4
  /**
   * Stopped by an unrecoverable error; see status_detail.
   */
  | 'EXPERIMENT_STATE_FAILED'
  | 5

/**
 * Lifecycle of an experiment.
 */
export type ExperimentState__Output = typeof ExperimentState[keyof typeof ExperimentState]
