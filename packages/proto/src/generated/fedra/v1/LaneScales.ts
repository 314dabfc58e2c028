// Original file: protos/fedra/v1/spec.proto


/**
 * Fixed-point scales of the four lanes each participant uploads. Bounds come
 * from clipping_bound, max_example_weight and loss_clip; the coordinator
 * rejects scales that could overflow the decoded sum.
 */
export interface LaneScales {
  /**
   * Scale of the clipped, weighted model delta.
   */
  'update'?: (number | string);
  /**
   * Scale of the weight (capped example count) lane.
   */
  'weight'?: (number | string);
  /**
   * Scale of the clipped loss-sum lane.
   */
  'lossSum'?: (number | string);
  /**
   * Scale of the correct-prediction count lane.
   */
  'correctCount'?: (number | string);
}

/**
 * Fixed-point scales of the four lanes each participant uploads. Bounds come
 * from clipping_bound, max_example_weight and loss_clip; the coordinator
 * rejects scales that could overflow the decoded sum.
 */
export interface LaneScales__Output {
  /**
   * Scale of the clipped, weighted model delta.
   */
  'update': (number);
  /**
   * Scale of the weight (capped example count) lane.
   */
  'weight': (number);
  /**
   * Scale of the clipped loss-sum lane.
   */
  'lossSum': (number);
  /**
   * Scale of the correct-prediction count lane.
   */
  'correctCount': (number);
}
