// Original file: protos/fedra/v1/experiment.proto


/**
 * GetExperiment's request; shared by ExperimentService and AdminService.
 */
export interface GetExperimentRequest {
  /**
   * The experiment to return.
   */
  'experimentId'?: (string);
}

/**
 * GetExperiment's request; shared by ExperimentService and AdminService.
 */
export interface GetExperimentRequest__Output {
  /**
   * The experiment to return.
   */
  'experimentId': (string);
}
