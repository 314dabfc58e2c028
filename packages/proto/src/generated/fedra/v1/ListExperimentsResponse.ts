// Original file: protos/fedra/v1/experiment.proto

import type { Experiment as _fedra_v1_Experiment, Experiment__Output as _fedra_v1_Experiment__Output } from '../../fedra/v1/Experiment.js';

/**
 * ListExperiments' response; shared by ExperimentService and AdminService.
 */
export interface ListExperimentsResponse {
  /**
   * One page of experiments, newest first, without their specs.
   */
  'experiments'?: (_fedra_v1_Experiment)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken'?: (string);
}

/**
 * ListExperiments' response; shared by ExperimentService and AdminService.
 */
export interface ListExperimentsResponse__Output {
  /**
   * One page of experiments, newest first, without their specs.
   */
  'experiments': (_fedra_v1_Experiment__Output)[];
  /**
   * Token for the next page; empty on the last page.
   */
  'nextPageToken': (string);
}
