// Original file: protos/fedra/v1/secagg.proto

import type { EncryptedShare as _fedra_v1_EncryptedShare, EncryptedShare__Output as _fedra_v1_EncryptedShare__Output } from '../../fedra/v1/EncryptedShare.js';

/**
 * collect-masked: an encrypted share as delivered to its recipient, with the
 * sender's b commitment that the share's signature covers.
 */
export interface IncomingShare {
  /**
   * The encrypted share, unchanged from the sender's ShareKeysMessage.
   */
  'share'?: (_fedra_v1_EncryptedShare | null);
  /**
   * The sender's b_commitment from the same ShareKeysMessage.
   */
  'bCommitment'?: (Buffer | Uint8Array | string);
}

/**
 * collect-masked: an encrypted share as delivered to its recipient, with the
 * sender's b commitment that the share's signature covers.
 */
export interface IncomingShare__Output {
  /**
   * The encrypted share, unchanged from the sender's ShareKeysMessage.
   */
  'share': (_fedra_v1_EncryptedShare__Output | null);
  /**
   * The sender's b_commitment from the same ShareKeysMessage.
   */
  'bCommitment': (Buffer);
}
