// Original file: protos/fedra/v1/common.proto

import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration.js';

/**
 * What one committed round achieved. Metrics are securely aggregated sums
 * across all surviving participants; no region's own figures appear here.
 */
export interface RoundMetrics {
  /**
   * Mean training loss over all examples the survivors trained on.
   */
  'trainLoss'?: (number | string);
  /**
   * Mean training accuracy (0..1) over the same examples.
   */
  'trainAccuracy'?: (number | string);
  /**
   * Sum of the survivors' capped example counts: the weight of the average.
   */
  'totalWeight'?: (number | string);
  /**
   * Number of workers selected into the committed attempt.
   */
  'participants'?: (number);
  /**
   * Number of participants whose update made it into the sum.
   */
  'survivors'?: (number);
  /**
   * Attempts the round needed (1 when nothing was aborted).
   */
  'attempts'?: (number);
  /**
   * Wall-clock time from round open to commit.
   */
  'duration'?: (_google_protobuf_Duration | null);
}

/**
 * What one committed round achieved. Metrics are securely aggregated sums
 * across all surviving participants; no region's own figures appear here.
 */
export interface RoundMetrics__Output {
  /**
   * Mean training loss over all examples the survivors trained on.
   */
  'trainLoss': (number);
  /**
   * Mean training accuracy (0..1) over the same examples.
   */
  'trainAccuracy': (number);
  /**
   * Sum of the survivors' capped example counts: the weight of the average.
   */
  'totalWeight': (number);
  /**
   * Number of workers selected into the committed attempt.
   */
  'participants': (number);
  /**
   * Number of participants whose update made it into the sum.
   */
  'survivors': (number);
  /**
   * Attempts the round needed (1 when nothing was aborted).
   */
  'attempts': (number);
  /**
   * Wall-clock time from round open to commit.
   */
  'duration': (_google_protobuf_Duration__Output | null);
}
