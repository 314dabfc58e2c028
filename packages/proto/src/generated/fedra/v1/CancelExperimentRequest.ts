// Original file: protos/fedra/v1/experiment.proto


/**
 * CancelExperiment's request.
 */
export interface CancelExperimentRequest {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId'?: (string);
  /**
   * The experiment to cancel.
   */
  'experimentId'?: (string);
  /**
   * Why, recorded in the audit log and shown as status_detail.
   */
  'reason'?: (string);
}

/**
 * CancelExperiment's request.
 */
export interface CancelExperimentRequest__Output {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId': (string);
  /**
   * The experiment to cancel.
   */
  'experimentId': (string);
  /**
   * Why, recorded in the audit log and shown as status_detail.
   */
  'reason': (string);
}
