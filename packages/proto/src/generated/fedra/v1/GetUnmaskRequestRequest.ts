// Original file: protos/fedra/v1/fleet.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * GetUnmaskRequest's request.
 */
export interface GetUnmaskRequestRequest {
  /**
   * The round attempt, stage STAGE_UNMASK, and the calling worker.
   */
  'header'?: (_fedra_v1_StageHeader | null);
}

/**
 * GetUnmaskRequest's request.
 */
export interface GetUnmaskRequestRequest__Output {
  /**
   * The round attempt, stage STAGE_UNMASK, and the calling worker.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
}
