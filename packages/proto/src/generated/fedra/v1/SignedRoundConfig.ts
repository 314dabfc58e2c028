// Original file: protos/fedra/v1/common.proto


/**
 * A RoundConfig exactly as the coordinator serialized, hashed and signed it.
 * The config travels as bytes rather than as a message because protobuf
 * encoding is not canonical across implementations and versions (default
 * values, field order, unknown fields): hashing the transmitted bytes makes
 * the hash the same for every participant, in any language.
 */
export interface SignedRoundConfig {
  /**
   * The serialized fedra.v1.RoundConfig. Decode it only after checking
   * round_config_sha256 and the signature.
   */
  'roundConfig'?: (Buffer | Uint8Array | string);
  /**
   * SHA-256 of round_config: the config hash bound into every
   * secure-aggregation signature of the attempt.
   */
  'roundConfigSha256'?: (Buffer | Uint8Array | string);
  /**
   * The coordinator's signature over round_config_sha256, made with the key
   * of its TLS server certificate, so a region can later prove which config
   * it was shown.
   */
  'signature'?: (Buffer | Uint8Array | string);
  /**
   * Signature algorithm, e.g. "ed25519" or "ecdsa-p256-sha256".
   */
  'signatureAlgorithm'?: (string);
}

/**
 * A RoundConfig exactly as the coordinator serialized, hashed and signed it.
 * The config travels as bytes rather than as a message because protobuf
 * encoding is not canonical across implementations and versions (default
 * values, field order, unknown fields): hashing the transmitted bytes makes
 * the hash the same for every participant, in any language.
 */
export interface SignedRoundConfig__Output {
  /**
   * The serialized fedra.v1.RoundConfig. Decode it only after checking
   * round_config_sha256 and the signature.
   */
  'roundConfig': (Buffer);
  /**
   * SHA-256 of round_config: the config hash bound into every
   * secure-aggregation signature of the attempt.
   */
  'roundConfigSha256': (Buffer);
  /**
   * The coordinator's signature over round_config_sha256, made with the key
   * of its TLS server certificate, so a region can later prove which config
   * it was shown.
   */
  'signature': (Buffer);
  /**
   * Signature algorithm, e.g. "ed25519" or "ecdsa-p256-sha256".
   */
  'signatureAlgorithm': (string);
}
