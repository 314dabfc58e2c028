// Original file: protos/fedra/v1/common.proto

/**
 * Why a worker refused a round or stopped taking part, as it reports with
 * FleetService.ReportRefusal. Policy refusals are the region's right; the
 * coordinator records them and selects someone else next time.
 */
export const RefusalReason = {
  /**
   * Not set; never valid on the wire.
   */
  REFUSAL_REASON_UNSPECIFIED: 'REFUSAL_REASON_UNSPECIFIED',
  /**
   * Fewer participants than the region's minimum cohort.
   */
  REFUSAL_REASON_COHORT_TOO_SMALL: 'REFUSAL_REASON_COHORT_TOO_SMALL',
  /**
   * k (neighbours per participant) below the region's minimum.
   */
  REFUSAL_REASON_NEIGHBOURS_TOO_FEW: 'REFUSAL_REASON_NEIGHBOURS_TOO_FEW',
  /**
   * t (Shamir threshold) below the region's minimum.
   */
  REFUSAL_REASON_THRESHOLD_TOO_LOW: 'REFUSAL_REASON_THRESHOLD_TOO_LOW',
  /**
   * The survivor set is smaller than the region's minimum survivors.
   */
  REFUSAL_REASON_SURVIVORS_TOO_FEW: 'REFUSAL_REASON_SURVIVORS_TOO_FEW',
  /**
   * The model has more parameters than the region's cap.
   */
  REFUSAL_REASON_TOO_MANY_PARAMETERS: 'REFUSAL_REASON_TOO_MANY_PARAMETERS',
  /**
   * The model uses a layer type outside the region's allow-list.
   */
  REFUSAL_REASON_LAYER_NOT_ALLOWED: 'REFUSAL_REASON_LAYER_NOT_ALLOWED',
  /**
   * The experiment's owner is not allowed by the region.
   */
  REFUSAL_REASON_OWNER_NOT_ALLOWED: 'REFUSAL_REASON_OWNER_NOT_ALLOWED',
  /**
   * The region requires update clipping and the spec has none or a larger
   * bound.
   */
  REFUSAL_REASON_CLIPPING_REQUIRED: 'REFUSAL_REASON_CLIPPING_REQUIRED',
  /**
   * The worker does not hold the dataset, or its shape or classes differ.
   */
  REFUSAL_REASON_DATASET_UNAVAILABLE: 'REFUSAL_REASON_DATASET_UNAVAILABLE',
  /**
   * The protocol version or secure-aggregation suite is not supported.
   */
  REFUSAL_REASON_UNSUPPORTED_PROTOCOL: 'REFUSAL_REASON_UNSUPPORTED_PROTOCOL',
  /**
   * The RoundConfig or spec failed verification (hash, signature, decode).
   */
  REFUSAL_REASON_CONFIG_INVALID: 'REFUSAL_REASON_CONFIG_INVALID',
  /**
   * A secure-aggregation safety check failed: a peer's signature, too few
   * live neighbours, a forged or split survivor set, or an unmask request the
   * worker must not answer.
   */
  REFUSAL_REASON_SECAGG_CHECK_FAILED: 'REFUSAL_REASON_SECAGG_CHECK_FAILED',
  /**
   * The worker is draining and takes no new rounds.
   */
  REFUSAL_REASON_DRAINING: 'REFUSAL_REASON_DRAINING',
  /**
   * The worker lacks the memory or disk to train this model now.
   */
  REFUSAL_REASON_INSUFFICIENT_RESOURCES: 'REFUSAL_REASON_INSUFFICIENT_RESOURCES',
} as const;

/**
 * Why a worker refused a round or stopped taking part, as it reports with
 * FleetService.ReportRefusal. Policy refusals are the region's right; the
 * coordinator records them and selects someone else next time.
 */
export type RefusalReason =
  /**
   * Not set; never valid on the wire.
   */
  | 'REFUSAL_REASON_UNSPECIFIED'
  | 0
  /**
   * Fewer participants than the region's minimum cohort.
   */
  | 'REFUSAL_REASON_COHORT_TOO_SMALL'
  | 1
  /**
   * k (neighbours per participant) below the region's minimum.
   */
  | 'REFUSAL_REASON_NEIGHBOURS_TOO_FEW'
  | 2
  /**
   * t (Shamir threshold) below the region's minimum.
   */
  | 'REFUSAL_REASON_THRESHOLD_TOO_LOW'
  | 3
  /**
   * The survivor set is smaller than the region's minimum survivors.
   */
  | 'REFUSAL_REASON_SURVIVORS_TOO_FEW'
  | 4
  /**
   * The model has more parameters than the region's cap.
   */
  | 'REFUSAL_REASON_TOO_MANY_PARAMETERS'
  | 5
  /**
   * The model uses a layer type outside the region's allow-list.
   */
  | 'REFUSAL_REASON_LAYER_NOT_ALLOWED'
  | 6
  /**
   * The experiment's owner is not allowed by the region.
   */
  | 'REFUSAL_REASON_OWNER_NOT_ALLOWED'
  | 7
  /**
   * The region requires update clipping and the spec has none or a larger
   * bound.
   */
  | 'REFUSAL_REASON_CLIPPING_REQUIRED'
  | 8
  /**
   * The worker does not hold the dataset, or its shape or classes differ.
   */
  | 'REFUSAL_REASON_DATASET_UNAVAILABLE'
  | 9
  /**
   * The protocol version or secure-aggregation suite is not supported.
   */
  | 'REFUSAL_REASON_UNSUPPORTED_PROTOCOL'
  | 10
  /**
   * The RoundConfig or spec failed verification (hash, signature, decode).
   */
  | 'REFUSAL_REASON_CONFIG_INVALID'
  | 11
  /**
   * A secure-aggregation safety check failed: a peer's signature, too few
   * live neighbours, a forged or split survivor set, or an unmask request the
   * worker must not answer.
   */
  | 'REFUSAL_REASON_SECAGG_CHECK_FAILED'
  | 12
  /**
   * The worker is draining and takes no new rounds.
   */
  | 'REFUSAL_REASON_DRAINING'
  | 13
  /**
   * The worker lacks the memory or disk to train this model now.
   */
  | 'REFUSAL_REASON_INSUFFICIENT_RESOURCES'
  | 14

/**
 * Why a worker refused a round or stopped taking part, as it reports with
 * FleetService.ReportRefusal. Policy refusals are the region's right; the
 * coordinator records them and selects someone else next time.
 */
export type RefusalReason__Output = typeof RefusalReason[keyof typeof RefusalReason]
