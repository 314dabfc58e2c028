// Original file: protos/fedra/v1/experiment.proto


/**
 * WatchExperiment's request.
 */
export interface WatchExperimentRequest {
  /**
   * The experiment to watch.
   */
  'experimentId'?: (string);
  /**
   * Resume after the event with this cursor. Empty: start with the oldest
   * retained event if replay is set, else with the next new event. A cursor
   * older than the retained history fails with OUT_OF_RANGE; resync with
   * GetExperiment and GetHistory, then watch from now.
   */
  'cursor'?: (string);
  /**
   * With an empty cursor, replay the retained history first.
   */
  'replay'?: (boolean);
}

/**
 * WatchExperiment's request.
 */
export interface WatchExperimentRequest__Output {
  /**
   * The experiment to watch.
   */
  'experimentId': (string);
  /**
   * Resume after the event with this cursor. Empty: start with the oldest
   * retained event if replay is set, else with the next new event. A cursor
   * older than the retained history fails with OUT_OF_RANGE; resync with
   * GetExperiment and GetHistory, then watch from now.
   */
  'cursor': (string);
  /**
   * With an empty cursor, replay the retained history first.
   */
  'replay': (boolean);
}
