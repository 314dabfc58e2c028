// Original file: protos/fedra/v1/fleet.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * GetUploadOffset's request.
 */
export interface GetUploadOffsetRequest {
  /**
   * The round attempt, stage STAGE_COLLECT_MASKED, and the calling worker.
   */
  'header'?: (_fedra_v1_StageHeader | null);
}

/**
 * GetUploadOffset's request.
 */
export interface GetUploadOffsetRequest__Output {
  /**
   * The round attempt, stage STAGE_COLLECT_MASKED, and the calling worker.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
}
