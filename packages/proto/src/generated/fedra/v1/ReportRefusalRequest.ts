// Original file: protos/fedra/v1/fleet.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';
import type { RefusalReason as _fedra_v1_RefusalReason, RefusalReason__Output as _fedra_v1_RefusalReason__Output } from '../../fedra/v1/RefusalReason.js';

/**
 * ReportRefusal's request.
 */
export interface ReportRefusalRequest {
  /**
   * The round attempt, the stage at which the worker refuses, and the worker.
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * Why, as a code the coordinator can count and show.
   */
  'reason'?: (_fedra_v1_RefusalReason);
  /**
   * Human-readable detail (for example which policy key refused). Never
   * contains keys, shares or data.
   */
  'detail'?: (string);
}

/**
 * ReportRefusal's request.
 */
export interface ReportRefusalRequest__Output {
  /**
   * The round attempt, the stage at which the worker refuses, and the worker.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * Why, as a code the coordinator can count and show.
   */
  'reason': (_fedra_v1_RefusalReason__Output);
  /**
   * Human-readable detail (for example which policy key refused). Never
   * contains keys, shares or data.
   */
  'detail': (string);
}
