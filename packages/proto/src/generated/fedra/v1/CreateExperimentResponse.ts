// Original file: protos/fedra/v1/experiment.proto

import type { Experiment as _fedra_v1_Experiment, Experiment__Output as _fedra_v1_Experiment__Output } from '../../fedra/v1/Experiment.js';

/**
 * CreateExperiment's response.
 */
export interface CreateExperimentResponse {
  /**
   * The new experiment, in state CREATED.
   */
  'experiment'?: (_fedra_v1_Experiment | null);
}

/**
 * CreateExperiment's response.
 */
export interface CreateExperimentResponse__Output {
  /**
   * The new experiment, in state CREATED.
   */
  'experiment': (_fedra_v1_Experiment__Output | null);
}
