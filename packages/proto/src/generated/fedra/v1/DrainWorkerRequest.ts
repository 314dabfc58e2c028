// Original file: protos/fedra/v1/admin.proto


/**
 * DrainWorker's request.
 */
export interface DrainWorkerRequest {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId'?: (string);
  /**
   * The worker to drain.
   */
  'workerId'?: (string);
  /**
   * Why, recorded in the audit log and sent to the worker.
   */
  'reason'?: (string);
}

/**
 * DrainWorker's request.
 */
export interface DrainWorkerRequest__Output {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId': (string);
  /**
   * The worker to drain.
   */
  'workerId': (string);
  /**
   * Why, recorded in the audit log and sent to the worker.
   */
  'reason': (string);
}
