// Original file: protos/fedra/v1/fleet.proto

import type { ShareKeysMessage as _fedra_v1_ShareKeysMessage, ShareKeysMessage__Output as _fedra_v1_ShareKeysMessage__Output } from '../../fedra/v1/ShareKeysMessage.js';

/**
 * SubmitShares' request.
 */
export interface SubmitSharesRequest {
  /**
   * The worker's commitment and encrypted shares; header.stage is
   * STAGE_SHARE_KEYS.
   */
  'shareKeys'?: (_fedra_v1_ShareKeysMessage | null);
}

/**
 * SubmitShares' request.
 */
export interface SubmitSharesRequest__Output {
  /**
   * The worker's commitment and encrypted shares; header.stage is
   * STAGE_SHARE_KEYS.
   */
  'shareKeys': (_fedra_v1_ShareKeysMessage__Output | null);
}
