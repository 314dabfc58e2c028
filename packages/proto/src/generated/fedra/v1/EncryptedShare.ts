// Original file: protos/fedra/v1/secagg.proto


/**
 * share-keys: one participant's Shamir shares for one neighbour, encrypted so
 * only that neighbour can read them. The coordinator relays it unopened.
 */
export interface EncryptedShare {
  /**
   * Worker id of the participant whose secrets are shared.
   */
  'sender'?: (string);
  /**
   * Worker id of the neighbour the share is encrypted for.
   */
  'recipient'?: (string);
  /**
   * AES-256-GCM ciphertext (nonce, ciphertext, tag) of the sender's share of
   * its self-mask seed b and of its masking secret key, under a key only
   * sender and recipient can derive.
   */
  'ciphertext'?: (Buffer | Uint8Array | string);
  /**
   * Domain-separated SHA-256 of the b share, so a revealed share can be
   * checked at unmask without trusting the revealer.
   */
  'bShareHash'?: (Buffer | Uint8Array | string);
  /**
   * Domain-separated SHA-256 of the masking-key share, for the same check.
   */
  'skShareHash'?: (Buffer | Uint8Array | string);
  /**
   * Sender's identity-key signature over (RoundConfig hash, sender,
   * recipient, ciphertext, b commitment, both share hashes).
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * share-keys: one participant's Shamir shares for one neighbour, encrypted so
 * only that neighbour can read them. The coordinator relays it unopened.
 */
export interface EncryptedShare__Output {
  /**
   * Worker id of the participant whose secrets are shared.
   */
  'sender': (string);
  /**
   * Worker id of the neighbour the share is encrypted for.
   */
  'recipient': (string);
  /**
   * AES-256-GCM ciphertext (nonce, ciphertext, tag) of the sender's share of
   * its self-mask seed b and of its masking secret key, under a key only
   * sender and recipient can derive.
   */
  'ciphertext': (Buffer);
  /**
   * Domain-separated SHA-256 of the b share, so a revealed share can be
   * checked at unmask without trusting the revealer.
   */
  'bShareHash': (Buffer);
  /**
   * Domain-separated SHA-256 of the masking-key share, for the same check.
   */
  'skShareHash': (Buffer);
  /**
   * Sender's identity-key signature over (RoundConfig hash, sender,
   * recipient, ciphertext, b commitment, both share hashes).
   */
  'signature': (Buffer);
}
