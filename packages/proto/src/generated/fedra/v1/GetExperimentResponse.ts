// Original file: protos/fedra/v1/experiment.proto

import type { Experiment as _fedra_v1_Experiment, Experiment__Output as _fedra_v1_Experiment__Output } from '../../fedra/v1/Experiment.js';

/**
 * GetExperiment's response; shared by ExperimentService and AdminService.
 */
export interface GetExperimentResponse {
  /**
   * The experiment, with its spec.
   */
  'experiment'?: (_fedra_v1_Experiment | null);
}

/**
 * GetExperiment's response; shared by ExperimentService and AdminService.
 */
export interface GetExperimentResponse__Output {
  /**
   * The experiment, with its spec.
   */
  'experiment': (_fedra_v1_Experiment__Output | null);
}
