// Original file: protos/fedra/v1/secagg.proto


/**
 * A decrypted Shamir share revealed at unmask.
 */
export interface RevealedShare {
  /**
   * Worker id of the participant whose secret this is a share of.
   */
  'owner'?: (string);
  /**
   * The share bytes; checked against the owner's signed share hash.
   */
  'share'?: (Buffer | Uint8Array | string);
}

/**
 * A decrypted Shamir share revealed at unmask.
 */
export interface RevealedShare__Output {
  /**
   * Worker id of the participant whose secret this is a share of.
   */
  'owner': (string);
  /**
   * The share bytes; checked against the owner's signed share hash.
   */
  'share': (Buffer);
}
