// Original file: protos/fedra/v1/secagg.proto


/**
 * The identity certificate of a peer, relayed by the coordinator from that
 * peer's TLS connection so participants can verify its signatures against the
 * federation trust bundle (the region CAs) they pin.
 */
export interface PeerIdentity {
  /**
   * The peer's worker id.
   */
  'workerId'?: (string);
  /**
   * The peer's region.
   */
  'region'?: (string);
  /**
   * DER-encoded X.509 certificates, leaf first, up to (not including) the
   * region CA. Empty only on an --insecure development coordinator.
   */
  'certificateChain'?: (Buffer | Uint8Array | string)[];
}

/**
 * The identity certificate of a peer, relayed by the coordinator from that
 * peer's TLS connection so participants can verify its signatures against the
 * federation trust bundle (the region CAs) they pin.
 */
export interface PeerIdentity__Output {
  /**
   * The peer's worker id.
   */
  'workerId': (string);
  /**
   * The peer's region.
   */
  'region': (string);
  /**
   * DER-encoded X.509 certificates, leaf first, up to (not including) the
   * region CA. Empty only on an --insecure development coordinator.
   */
  'certificateChain': (Buffer)[];
}
