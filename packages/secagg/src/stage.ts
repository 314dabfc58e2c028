/**
 * Secure-aggregation stages and the protocol identifiers that every key
 * derivation and signature binds, so nothing from one stage, version or
 * suite can be replayed into another.
 *
 * @module
 */

/**
 * The stages of one secure-aggregation attempt, in order (Bonawitz et al.
 * 2017, rounds 0-4; SecAgg+ uses the same stages over a neighbour graph).
 *
 * - `'setup'`: each participant makes two fresh X25519 key pairs (share
 *   encryption, masks) and signs their public keys with the RoundConfig hash.
 * - `'share-keys'`: each participant verifies its neighbours' signed keys,
 *   Shamir-shares its self-mask seed b and its masking secret key among them,
 *   commits to H(b) and sends each share encrypted to its recipient.
 * - `'collect-masked'`: each participant uploads its encoded update plus its
 *   self mask and pairwise masks, modulo 2^32.
 * - `'consistency-check'`: the aggregator fixes the survivor set and every
 *   survivor signs it; a participant only goes on when t matching signatures
 *   reach it.
 * - `'unmask'`: neighbours reveal shares of b for survivors and of the masking
 *   key for participants dropped after share-keys, never both for one peer.
 */
export type SecAggStage =
  'setup' | 'share-keys' | 'collect-masked' | 'consistency-check' | 'unmask';

/** Every stage, in protocol order. */
export const SECAGG_STAGES: readonly SecAggStage[] = Object.freeze([
  'setup',
  'share-keys',
  'collect-masked',
  'consistency-check',
  'unmask',
]);

/** True when `value` names a stage. */
export function isSecAggStage(value: unknown): value is SecAggStage {
  return typeof value === 'string' && (SECAGG_STAGES as readonly string[]).includes(value);
}

/**
 * The wire protocol version. It is bound into every derived key and signed
 * payload, so a message from another version never verifies.
 */
export const SECAGG_PROTOCOL_VERSION = 1;

/**
 * The cipher suite this package implements, as announced in `Register`:
 * X25519 key agreement, HKDF-SHA256, AES-256-GCM for shares, AES-256-CTR
 * for masks, Shamir over GF(2^8).
 */
export const SECAGG_SUITE = 'fedra-secagg-v1:x25519-hkdf-sha256-aes256gcm-aes256ctr-shamir-gf256';
