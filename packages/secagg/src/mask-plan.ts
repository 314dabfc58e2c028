/**
 * Mask keys, and mask plans: the pure list of (key, sign) that masks an
 * encoded input or turns the running sum of masked vectors into the plain
 * sum. A plan can be applied to any sub-range of the vector, so a coordinator
 * (or the benchmark) splits the work across worker threads and calls
 * {@link applyMaskPlan} on each slice.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import type { SecAggConfig } from './config.js';
import { encodeContext } from './kdf.js';
import { x25519SharedSecret } from './key-agreement.js';
import { applyMasks, deriveMaskKey } from './mask-prg.js';
import type { MaskSpec } from './mask-prg.js';

function maskContext(config: SecAggConfig, sender: string, recipient: string) {
  return {
    protocolVersion: config.protocolVersion,
    experimentId: config.experimentId,
    roundNumber: config.roundNumber,
    attempt: config.attempt,
    stage: 'collect-masked' as const,
    sender,
    recipient,
  };
}

/** The AES key of `owner`'s self mask PRG(b), bound to this attempt and owner. */
export function selfMaskKey(config: SecAggConfig, owner: string, b: Uint8Array): Uint8Array {
  return deriveMaskKey(b, encodeContext('self-mask', maskContext(config, owner, owner)));
}

/**
 * The AES key of the pairwise mask between `a` and `b`, from their X25519
 * masking secret. The info lists the two ids in sorted order, so both ends
 * derive the same key.
 */
export function pairMaskKey(
  config: SecAggConfig,
  a: string,
  b: string,
  sharedSecret: Uint8Array,
): Uint8Array {
  const [low, high] = a < b ? [a, b] : [b, a];
  return deriveMaskKey(sharedSecret, encodeContext('pair-mask', maskContext(config, low, high)));
}

/**
 * The pairwise mask key between `self` (whose masking secret key is given)
 * and `peer` (whose masking public key is given).
 *
 * @throws FedraError `SECAGG_INVALID_MESSAGE` when the peer key is of small order.
 */
export function pairMaskKeyFromKeys(
  config: SecAggConfig,
  self: string,
  selfSecretKey: Uint8Array,
  peer: string,
  peerPublicKey: Uint8Array,
): Uint8Array {
  const shared = x25519SharedSecret(selfSecretKey, peerPublicKey);
  try {
    return pairMaskKey(config, self, peer, shared);
  } finally {
    shared.fill(0);
  }
}

/** +1 when `self` sorts before `peer` (code-unit order), else -1: the sign `self` adds the pair mask with. */
export function pairMaskSign(self: string, peer: string): 1 | -1 {
  return self < peer ? 1 : -1;
}

/**
 * A list of masks to apply to a vector, as (AES key, sign). The participant's
 * plan adds its self mask and its pairwise masks; the aggregator's plan
 * subtracts the self mask of every survivor and, for every participant
 * dropped after share-keys, its pairwise mask with each survivor that masked
 * with it. Pure data, so it can be applied slice by slice on several threads
 * ({@link applyMaskPlan}). The keys strip masks: keep a plan in memory only,
 * never log or persist it.
 */
export interface MaskPlan {
  /** Elements in the vector. */
  readonly vectorLength: number;
  /** Every mask to apply, with the sign that removes it. */
  readonly masks: readonly MaskSpec[];
  /** How many of `masks` are self masks (they come first). */
  readonly selfMasks: number;
}

/**
 * Applies `plan` to `target`, which holds the vector elements
 * [elementOffset, elementOffset + target.length): the whole running sum with
 * offset 0, or `sum.subarray(start, end)` with offset `start` for one slice
 * (slices may be handled by different threads; they must not overlap).
 *
 * @throws FedraError `INVALID_ARGUMENT` when the slice lies outside the vector.
 */
export function applyMaskPlan(plan: MaskPlan, target: Uint32Array, elementOffset = 0): void {
  if (
    !Number.isSafeInteger(elementOffset) ||
    elementOffset < 0 ||
    elementOffset + target.length > plan.vectorLength
  ) {
    throw new FedraError(
      'INVALID_ARGUMENT',
      `slice [${elementOffset}, ${elementOffset + target.length}) is outside the vector of ${plan.vectorLength}`,
      { metadata: { field: 'elementOffset' } },
    );
  }
  applyMasks(target, plan.masks, elementOffset);
}
