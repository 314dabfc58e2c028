// Original file: protos/fedra/v1/fleet.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * GetShares' request.
 */
export interface GetSharesRequest {
  /**
   * The round attempt, stage STAGE_COLLECT_MASKED, and the calling worker.
   */
  'header'?: (_fedra_v1_StageHeader | null);
}

/**
 * GetShares' request.
 */
export interface GetSharesRequest__Output {
  /**
   * The round attempt, stage STAGE_COLLECT_MASKED, and the calling worker.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
}
