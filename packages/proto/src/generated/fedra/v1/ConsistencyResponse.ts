// Original file: protos/fedra/v1/secagg.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * consistency-check: a survivor's signature over the survivor set.
 */
export interface ConsistencyResponse {
  /**
   * Round attempt, stage STAGE_CONSISTENCY_CHECK, and the signing participant.
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * Identity-key signature over (protocol version, "consistency-check",
   * RoundConfig hash, sorted survivor ids).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * consistency-check: a survivor's signature over the survivor set.
 */
export interface ConsistencyResponse__Output {
  /**
   * Round attempt, stage STAGE_CONSISTENCY_CHECK, and the signing participant.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * Identity-key signature over (protocol version, "consistency-check",
   * RoundConfig hash, sorted survivor ids).
   */
  'signature': (Buffer);
}
