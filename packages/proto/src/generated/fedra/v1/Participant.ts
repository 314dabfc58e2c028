// Original file: protos/fedra/v1/common.proto


/**
 * A worker selected into a round attempt.
 */
export interface Participant {
  /**
   * The worker's id, taken from its client certificate.
   */
  'workerId'?: (string);
  /**
   * The worker's region (jurisdiction), taken from its client certificate.
   */
  'region'?: (string);
}

/**
 * A worker selected into a round attempt.
 */
export interface Participant__Output {
  /**
   * The worker's id, taken from its client certificate.
   */
  'workerId': (string);
  /**
   * The worker's region (jurisdiction), taken from its client certificate.
   */
  'region': (string);
}
