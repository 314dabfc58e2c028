// Original file: protos/fedra/v1/experiment.proto

import type { AbortReason as _fedra_v1_AbortReason, AbortReason__Output as _fedra_v1_AbortReason__Output } from '../../fedra/v1/AbortReason.js';

/**
 * A round attempt was aborted.
 */
export interface AttemptAbortedEvent {
  /**
   * Why.
   */
  'reason'?: (_fedra_v1_AbortReason);
  /**
   * Human-readable detail, e.g. which secrets had too few live holders.
   */
  'detail'?: (string);
  /**
   * True when the coordinator will retry the round as a new attempt.
   */
  'willRetry'?: (boolean);
}

/**
 * A round attempt was aborted.
 */
export interface AttemptAbortedEvent__Output {
  /**
   * Why.
   */
  'reason': (_fedra_v1_AbortReason__Output);
  /**
   * Human-readable detail, e.g. which secrets had too few live holders.
   */
  'detail': (string);
  /**
   * True when the coordinator will retry the round as a new attempt.
   */
  'willRetry': (boolean);
}
