// Original file: protos/fedra/v1/common.proto


/**
 * One lane of the fixed-point vector that each participant masks and uploads
 * (the clipped weighted model delta, the weight, the loss sum, the correct
 * count). The coordinator only accepts settings where
 * participants x bound x scale < 2^31 in every lane, so the masked sum of
 * encoded values decodes without overflow.
 */
export interface LaneSpec {
  /**
   * Lane name, e.g. "update", "weight", "loss_sum", "correct_count".
   */
  'name'?: (string);
  /**
   * Number of uint32 elements in this lane. The masked vector is the lanes
   * concatenated in the order listed.
   */
  'length'?: (number);
  /**
   * Values are clipped to [-bound, bound] before encoding.
   */
  'bound'?: (number | string);
  /**
   * Fixed-point scale: a value v is encoded as round(v x scale), rounded
   * stochastically, modulo 2^32.
   */
  'scale'?: (number | string);
}

/**
 * One lane of the fixed-point vector that each participant masks and uploads
 * (the clipped weighted model delta, the weight, the loss sum, the correct
 * count). The coordinator only accepts settings where
 * participants x bound x scale < 2^31 in every lane, so the masked sum of
 * encoded values decodes without overflow.
 */
export interface LaneSpec__Output {
  /**
   * Lane name, e.g. "update", "weight", "loss_sum", "correct_count".
   */
  'name': (string);
  /**
   * Number of uint32 elements in this lane. The masked vector is the lanes
   * concatenated in the order listed.
   */
  'length': (number);
  /**
   * Values are clipped to [-bound, bound] before encoding.
   */
  'bound': (number);
  /**
   * Fixed-point scale: a value v is encoded as round(v x scale), rounded
   * stochastically, modulo 2^32.
   */
  'scale': (number);
}
