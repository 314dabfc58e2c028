// Original file: protos/fedra/v1/experiment.proto

import type { ExperimentState as _fedra_v1_ExperimentState, ExperimentState__Output as _fedra_v1_ExperimentState__Output } from '../../fedra/v1/ExperimentState.js';

/**
 * The experiment reached a final state.
 */
export interface ExperimentFinishedEvent {
  /**
   * COMPLETED, CANCELLED or FAILED.
   */
  'state'?: (_fedra_v1_ExperimentState);
  /**
   * Why it was cancelled or failed, in words.
   */
  'detail'?: (string);
  /**
   * The last committed model version.
   */
  'finalModelVersion'?: (number);
}

/**
 * The experiment reached a final state.
 */
export interface ExperimentFinishedEvent__Output {
  /**
   * COMPLETED, CANCELLED or FAILED.
   */
  'state': (_fedra_v1_ExperimentState__Output);
  /**
   * Why it was cancelled or failed, in words.
   */
  'detail': (string);
  /**
   * The last committed model version.
   */
  'finalModelVersion': (number);
}
