// Original file: protos/fedra/v1/spec.proto


/**
 * Limits on participants from one region per round.
 */
export interface RegionQuota {
  /**
   * The region the quota applies to.
   */
  'region'?: (string);
  /**
   * Fewest participants from this region a round needs; 0 means none required.
   */
  'minParticipants'?: (number);
  /**
   * Most participants from this region a round may take; 0 means no limit.
   */
  'maxParticipants'?: (number);
}

/**
 * Limits on participants from one region per round.
 */
export interface RegionQuota__Output {
  /**
   * The region the quota applies to.
   */
  'region': (string);
  /**
   * Fewest participants from this region a round needs; 0 means none required.
   */
  'minParticipants': (number);
  /**
   * Most participants from this region a round may take; 0 means no limit.
   */
  'maxParticipants': (number);
}
