// Original file: protos/fedra/v1/secagg.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';
import type { EncryptedShare as _fedra_v1_EncryptedShare, EncryptedShare__Output as _fedra_v1_EncryptedShare__Output } from '../../fedra/v1/EncryptedShare.js';

/**
 * share-keys: everything one participant sends after verifying its
 * neighbours' keys.
 */
export interface ShareKeysMessage {
  /**
   * Round attempt, stage STAGE_SHARE_KEYS, and the sending participant.
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * Commitment H(b) to the sender's self-mask seed; a b rebuilt at unmask
   * must match it.
   */
  'bCommitment'?: (Buffer | Uint8Array | string);
  /**
   * One encrypted share per live neighbour.
   */
  'shares'?: (_fedra_v1_EncryptedShare)[];
}

/**
 * share-keys: everything one participant sends after verifying its
 * neighbours' keys.
 */
export interface ShareKeysMessage__Output {
  /**
   * Round attempt, stage STAGE_SHARE_KEYS, and the sending participant.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * Commitment H(b) to the sender's self-mask seed; a b rebuilt at unmask
   * must match it.
   */
  'bCommitment': (Buffer);
  /**
   * One encrypted share per live neighbour.
   */
  'shares': (_fedra_v1_EncryptedShare__Output)[];
}
