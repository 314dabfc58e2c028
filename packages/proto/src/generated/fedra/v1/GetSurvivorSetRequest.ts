// Original file: protos/fedra/v1/fleet.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * GetSurvivorSet's request.
 */
export interface GetSurvivorSetRequest {
  /**
   * The round attempt, stage STAGE_CONSISTENCY_CHECK, and the calling worker.
   */
  'header'?: (_fedra_v1_StageHeader | null);
}

/**
 * GetSurvivorSet's request.
 */
export interface GetSurvivorSetRequest__Output {
  /**
   * The round attempt, stage STAGE_CONSISTENCY_CHECK, and the calling worker.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
}
