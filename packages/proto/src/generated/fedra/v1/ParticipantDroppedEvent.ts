// Original file: protos/fedra/v1/experiment.proto

import type { Stage as _fedra_v1_Stage, Stage__Output as _fedra_v1_Stage__Output } from '../../fedra/v1/Stage.js';
import type { DropReason as _fedra_v1_DropReason, DropReason__Output as _fedra_v1_DropReason__Output } from '../../fedra/v1/DropReason.js';
import type { RefusalReason as _fedra_v1_RefusalReason, RefusalReason__Output as _fedra_v1_RefusalReason__Output } from '../../fedra/v1/RefusalReason.js';

/**
 * A participant was dropped from a round attempt.
 */
export interface ParticipantDroppedEvent {
  /**
   * The dropped worker.
   */
  'workerId'?: (string);
  /**
   * Its region.
   */
  'region'?: (string);
  /**
   * The stage during which it was dropped.
   */
  'stage'?: (_fedra_v1_Stage);
  /**
   * Why it was dropped.
   */
  'reason'?: (_fedra_v1_DropReason);
  /**
   * The worker's refusal reason, when reason is DROP_REASON_REFUSED.
   */
  'refusalReason'?: (_fedra_v1_RefusalReason);
  /**
   * Human-readable detail (an error code, a policy key); never secrets.
   */
  'detail'?: (string);
}

/**
 * A participant was dropped from a round attempt.
 */
export interface ParticipantDroppedEvent__Output {
  /**
   * The dropped worker.
   */
  'workerId': (string);
  /**
   * Its region.
   */
  'region': (string);
  /**
   * The stage during which it was dropped.
   */
  'stage': (_fedra_v1_Stage__Output);
  /**
   * Why it was dropped.
   */
  'reason': (_fedra_v1_DropReason__Output);
  /**
   * The worker's refusal reason, when reason is DROP_REASON_REFUSED.
   */
  'refusalReason': (_fedra_v1_RefusalReason__Output);
  /**
   * Human-readable detail (an error code, a policy key); never secrets.
   */
  'detail': (string);
}
