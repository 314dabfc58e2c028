// Original file: protos/fedra/v1/secagg.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * consistency-check: the survivor set the coordinator fixed, sent to each
 * survivor to sign.
 */
export interface ConsistencyRequest {
  /**
   * Round attempt, stage STAGE_CONSISTENCY_CHECK; sender is empty (the
   * coordinator).
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * Worker ids of the participants whose masked updates are in the sum,
   * sorted. Persisted before anything is unmasked.
   */
  'survivors'?: (string)[];
}

/**
 * consistency-check: the survivor set the coordinator fixed, sent to each
 * survivor to sign.
 */
export interface ConsistencyRequest__Output {
  /**
   * Round attempt, stage STAGE_CONSISTENCY_CHECK; sender is empty (the
   * coordinator).
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * Worker ids of the participants whose masked updates are in the sum,
   * sorted. Persisted before anything is unmasked.
   */
  'survivors': (string)[];
}
