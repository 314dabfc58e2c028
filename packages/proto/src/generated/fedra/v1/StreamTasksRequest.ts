// Original file: protos/fedra/v1/fleet.proto


/**
 * StreamTasks' request.
 */
export interface StreamTasksRequest {
  /**
   * The session_id from Register.
   */
  'sessionId'?: (string);
  /**
   * The cursor of the last task the worker handled; empty on first connect.
   * The coordinator resends later tasks that are still relevant (tasks of
   * closed attempts are skipped).
   */
  'resumeCursor'?: (string);
}

/**
 * StreamTasks' request.
 */
export interface StreamTasksRequest__Output {
  /**
   * The session_id from Register.
   */
  'sessionId': (string);
  /**
   * The cursor of the last task the worker handled; empty on first connect.
   * The coordinator resends later tasks that are still relevant (tasks of
   * closed attempts are skipped).
   */
  'resumeCursor': (string);
}
