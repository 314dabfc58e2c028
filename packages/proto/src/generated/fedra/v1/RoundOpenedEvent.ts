// Original file: protos/fedra/v1/experiment.proto


/**
 * A round attempt opened with its selected participants.
 */
export interface RoundOpenedEvent {
  /**
   * Number of participants selected.
   */
  'participants'?: (number);
  /**
   * Participants selected per region.
   */
  'participantsByRegion'?: ({[key: string]: number});
  /**
   * Neighbours per participant in this attempt.
   */
  'k'?: (number);
  /**
   * Shamir threshold in this attempt.
   */
  't'?: (number);
  /**
   * The model version the participants train from.
   */
  'baseModelVersion'?: (number);
}

/**
 * A round attempt opened with its selected participants.
 */
export interface RoundOpenedEvent__Output {
  /**
   * Number of participants selected.
   */
  'participants': (number);
  /**
   * Participants selected per region.
   */
  'participantsByRegion': ({[key: string]: number});
  /**
   * Neighbours per participant in this attempt.
   */
  'k': (number);
  /**
   * Shamir threshold in this attempt.
   */
  't': (number);
  /**
   * The model version the participants train from.
   */
  'baseModelVersion': (number);
}
