// Original file: protos/fedra/v1/secagg.proto

import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from '../../fedra/v1/StageHeader.js';

/**
 * setup: a participant's two fresh X25519 public keys for this attempt,
 * signed with its identity key.
 */
export interface SetupMessage {
  /**
   * Round attempt, stage STAGE_SETUP, and the sending participant.
   */
  'header'?: (_fedra_v1_StageHeader | null);
  /**
   * 32-byte X25519 public key used to encrypt shares sent to this participant.
   */
  'encryptionPublicKey'?: (Buffer | Uint8Array | string);
  /**
   * 32-byte X25519 public key from which pairwise masks are derived.
   */
  'maskingPublicKey'?: (Buffer | Uint8Array | string);
  /**
   * Identity-key signature over a domain-separated encoding of (protocol
   * version, "setup", RoundConfig hash, sender, both public keys).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * setup: a participant's two fresh X25519 public keys for this attempt,
 * signed with its identity key.
 */
export interface SetupMessage__Output {
  /**
   * Round attempt, stage STAGE_SETUP, and the sending participant.
   */
  'header': (_fedra_v1_StageHeader__Output | null);
  /**
   * 32-byte X25519 public key used to encrypt shares sent to this participant.
   */
  'encryptionPublicKey': (Buffer);
  /**
   * 32-byte X25519 public key from which pairwise masks are derived.
   */
  'maskingPublicKey': (Buffer);
  /**
   * Identity-key signature over a domain-separated encoding of (protocol
   * version, "setup", RoundConfig hash, sender, both public keys).
   */
  'signature': (Buffer);
}
