// Original file: protos/fedra/v1/common.proto


/**
 * Names one attempt of one round of one experiment. A retry after an abort
 * keeps the round number and increments the attempt; nothing from an aborted
 * attempt is reused.
 */
export interface AttemptRef {
  /**
   * The experiment the round belongs to.
   */
  'experimentId'?: (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber'?: (number);
  /**
   * The attempt of that round, 1-based.
   */
  'attempt'?: (number);
}

/**
 * Names one attempt of one round of one experiment. A retry after an abort
 * keeps the round number and increments the attempt; nothing from an aborted
 * attempt is reused.
 */
export interface AttemptRef__Output {
  /**
   * The experiment the round belongs to.
   */
  'experimentId': (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber': (number);
  /**
   * The attempt of that round, 1-based.
   */
  'attempt': (number);
}
