// Original file: protos/fedra/v1/secagg.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';
import type { RevealedShare as _fedra_v1_RevealedShare, RevealedShare__Output as _fedra_v1_RevealedShare__Output } from '../../fedra/v1/RevealedShare.js';

/**
 * unmask: the shares a participant reveals. For any one peer it reveals the b
 * share or the masking-key share, never both.
 */
export interface UnmaskResponse {
  /**
   * Round attempt, stage STAGE_UNMASK, and the revealing participant.
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * Shares of the self-mask seed b of each survivor the sender holds a share of.
   */
  'bShares'?: (_fedra_v1_RevealedShare)[];
  /**
   * Shares of the masking secret key of each participant that dropped after
   * share-keys.
   */
  'skShares'?: (_fedra_v1_RevealedShare)[];
}

/**
 * unmask: the shares a participant reveals. For any one peer it reveals the b
 * share or the masking-key share, never both.
 */
export interface UnmaskResponse__Output {
  /**
   * Round attempt, stage STAGE_UNMASK, and the revealing participant.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * Shares of the self-mask seed b of each survivor the sender holds a share of.
   */
  'bShares': (_fedra_v1_RevealedShare__Output)[];
  /**
   * Shares of the masking secret key of each participant that dropped after
   * share-keys.
   */
  'skShares': (_fedra_v1_RevealedShare__Output)[];
}
