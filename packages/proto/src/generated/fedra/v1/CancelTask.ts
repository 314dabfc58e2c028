// Original file: protos/fedra/v1/fleet.proto

import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from '../../fedra/v1/AttemptRef.js';
import type { CancelReason as _fedra_v1_CancelReason, CancelReason__Output as _fedra_v1_CancelReason__Output } from '../../fedra/v1/CancelReason.js';

/**
 * Stop work on an attempt and discard its keys and shares; nothing from it is
 * ever reused.
 */
export interface CancelTask {
  /**
   * The attempt to stop. round_number 0 means every round of the experiment.
   */
  'attempt'?: (_fedra_v1_AttemptRef | null);
  /**
   * Why.
   */
  'reason'?: (_fedra_v1_CancelReason);
  /**
   * Human-readable detail for the worker's log.
   */
  'detail'?: (string);
}

/**
 * Stop work on an attempt and discard its keys and shares; nothing from it is
 * ever reused.
 */
export interface CancelTask__Output {
  /**
   * The attempt to stop. round_number 0 means every round of the experiment.
   */
  'attempt': (_fedra_v1_AttemptRef__Output | null);
  /**
   * Why.
   */
  'reason': (_fedra_v1_CancelReason__Output);
  /**
   * Human-readable detail for the worker's log.
   */
  'detail': (string);
}
