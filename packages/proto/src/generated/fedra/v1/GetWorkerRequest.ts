// Original file: protos/fedra/v1/admin.proto


/**
 * GetWorker's request.
 */
export interface GetWorkerRequest {
  /**
   * The worker to return.
   */
  'workerId'?: (string);
}

/**
 * GetWorker's request.
 */
export interface GetWorkerRequest__Output {
  /**
   * The worker to return.
   */
  'workerId': (string);
}
