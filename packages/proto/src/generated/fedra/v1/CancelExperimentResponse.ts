// Original file: protos/fedra/v1/experiment.proto

import type { Experiment as _fedra_v1_Experiment, Experiment__Output as _fedra_v1_Experiment__Output } from '../../fedra/v1/Experiment.js';

/**
 * CancelExperiment's response.
 */
export interface CancelExperimentResponse {
  /**
   * The experiment, now CANCELLED.
   */
  'experiment'?: (_fedra_v1_Experiment | null);
}

/**
 * CancelExperiment's response.
 */
export interface CancelExperimentResponse__Output {
  /**
   * The experiment, now CANCELLED.
   */
  'experiment': (_fedra_v1_Experiment__Output | null);
}
