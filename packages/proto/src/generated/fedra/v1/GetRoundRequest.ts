// Original file: protos/fedra/v1/admin.proto


/**
 * GetRound's request.
 */
export interface GetRoundRequest {
  /**
   * The experiment.
   */
  'experimentId'?: (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber'?: (number);
}

/**
 * GetRound's request.
 */
export interface GetRoundRequest__Output {
  /**
   * The experiment.
   */
  'experimentId': (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber': (number);
}
