// Original file: protos/fedra/v1/secagg.proto


/**
 * One participant's signature over the survivor set, as forwarded at unmask.
 */
export interface SurvivorSignature {
  /**
   * Worker id of the participant that signed.
   */
  'signer'?: (string);
  /**
   * Its ConsistencyResponse.signature, unchanged.
   */
  'signature'?: (Buffer | Uint8Array | string);
}

/**
 * One participant's signature over the survivor set, as forwarded at unmask.
 */
export interface SurvivorSignature__Output {
  /**
   * Worker id of the participant that signed.
   */
  'signer': (string);
  /**
   * Its ConsistencyResponse.signature, unchanged.
   */
  'signature': (Buffer);
}
