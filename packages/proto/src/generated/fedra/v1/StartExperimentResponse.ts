// Original file: protos/fedra/v1/experiment.proto

import type { Experiment as _fedra_v1_Experiment, Experiment__Output as _fedra_v1_Experiment__Output } from '../../fedra/v1/Experiment.js';

/**
 * StartExperiment's response.
 */
export interface StartExperimentResponse {
  /**
   * The experiment, now RUNNING.
   */
  'experiment'?: (_fedra_v1_Experiment | null);
}

/**
 * StartExperiment's response.
 */
export interface StartExperimentResponse__Output {
  /**
   * The experiment, now RUNNING.
   */
  'experiment': (_fedra_v1_Experiment__Output | null);
}
