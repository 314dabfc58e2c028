// Original file: protos/fedra/v1/fleet.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * GetShareKeys' request.
 */
export interface GetShareKeysRequest {
  /**
   * The round attempt, stage STAGE_SHARE_KEYS, and the calling worker.
   */
  'header'?: (_fedra_v1_StageHeader | null);
}

/**
 * GetShareKeys' request.
 */
export interface GetShareKeysRequest__Output {
  /**
   * The round attempt, stage STAGE_SHARE_KEYS, and the calling worker.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
}
