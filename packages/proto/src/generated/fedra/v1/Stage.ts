// Original file: protos/fedra/v1/common.proto

/**
 * A stage of the secure-aggregation protocol within a round attempt, in order.
 */
export const Stage = {
  /**
   * Not set; never valid on the wire.
   */
  STAGE_UNSPECIFIED: 'STAGE_UNSPECIFIED',
  /**
   * Participants make two fresh X25519 key pairs and send both public keys,
   * signed over the RoundConfig hash.
   */
  STAGE_SETUP: 'STAGE_SETUP',
  /**
   * Participants verify neighbours' keys, secret-share their self-mask seed
   * and masking key among them, and send the encrypted shares.
   */
  STAGE_SHARE_KEYS: 'STAGE_SHARE_KEYS',
  /**
   * Participants fetch the shares addressed to them, train, mask their update
   * and upload it in chunks.
   */
  STAGE_COLLECT_MASKED: 'STAGE_COLLECT_MASKED',
  /**
   * The coordinator fixes the survivor set; each survivor signs it.
   */
  STAGE_CONSISTENCY_CHECK: 'STAGE_CONSISTENCY_CHECK',
  /**
   * Participants reveal the shares needed to remove the masks from the sum.
   */
  STAGE_UNMASK: 'STAGE_UNMASK',
} as const;

/**
 * A stage of the secure-aggregation protocol within a round attempt, in order.
 */
export type Stage =
  /**
   * Not set; never valid on the wire.
   */
  | 'STAGE_UNSPECIFIED'
  | 0
  /**
   * Participants make two fresh X25519 key pairs and send both public keys,
   * signed over the RoundConfig hash.
   */
  | 'STAGE_SETUP'
  | 1
  /**
   * Participants verify neighbours' keys, secret-share their self-mask seed
   * and masking key among them, and send the encrypted shares.
   */
  | 'STAGE_SHARE_KEYS'
  | 2
  /**
   * Participants fetch the shares addressed to them, train, mask their update
   * and upload it in chunks.
   */
  | 'STAGE_COLLECT_MASKED'
  | 3
  /**
   * The coordinator fixes the survivor set; each survivor signs it.
   */
  | 'STAGE_CONSISTENCY_CHECK'
  | 4
  /**
   * Participants reveal the shares needed to remove the masks from the sum.
   */
  | 'STAGE_UNMASK'
  | 5

/**
 * A stage of the secure-aggregation protocol within a round attempt, in order.
 */
export type Stage__Output = typeof Stage[keyof typeof Stage]
