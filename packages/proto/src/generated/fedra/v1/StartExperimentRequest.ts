// Original file: protos/fedra/v1/experiment.proto


/**
 * StartExperiment's request.
 */
export interface StartExperimentRequest {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId'?: (string);
  /**
   * The experiment to start; it must be CREATED.
   */
  'experimentId'?: (string);
}

/**
 * StartExperiment's request.
 */
export interface StartExperimentRequest__Output {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId': (string);
  /**
   * The experiment to start; it must be CREATED.
   */
  'experimentId': (string);
}
