// Original file: protos/fedra/v1/admin.proto


/**
 * EvictWorker's request.
 */
export interface EvictWorkerRequest {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId'?: (string);
  /**
   * The worker to evict.
   */
  'workerId'?: (string);
  /**
   * Why, recorded in the audit log and sent to the worker.
   */
  'reason'?: (string);
}

/**
 * EvictWorker's request.
 */
export interface EvictWorkerRequest__Output {
  /**
   * Client-chosen idempotency key (a UUID); a retry with the same key is a
   * no-op that returns the same result.
   */
  'requestId': (string);
  /**
   * The worker to evict.
   */
  'workerId': (string);
  /**
   * Why, recorded in the audit log and sent to the worker.
   */
  'reason': (string);
}
