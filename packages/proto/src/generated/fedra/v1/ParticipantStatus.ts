// Original file: protos/fedra/v1/admin.proto

import type { ParticipantState as _fedra_v1_ParticipantState, ParticipantState__Output as _fedra_v1_ParticipantState__Output } from '../../fedra/v1/ParticipantState.js';
import type { Stage as _fedra_v1_Stage, Stage__Output as _fedra_v1_Stage__Output } from '../../fedra/v1/Stage.js';
import type { DropReason as _fedra_v1_DropReason, DropReason__Output as _fedra_v1_DropReason__Output } from '../../fedra/v1/DropReason.js';
import type { RefusalReason as _fedra_v1_RefusalReason, RefusalReason__Output as _fedra_v1_RefusalReason__Output } from '../../fedra/v1/RefusalReason.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One participant's progress in a round attempt.
 */
export interface ParticipantStatus {
  /**
   * The worker.
   */
  'workerId'?: (string);
  /**
   * Its region.
   */
  'region'?: (string);
  /**
   * How far it got.
   */
  'state'?: (_fedra_v1_ParticipantState);
  /**
   * The stage it was dropped in, when dropped.
   */
  'dropStage'?: (_fedra_v1_Stage);
  /**
   * Why it was dropped, when dropped.
   */
  'dropReason'?: (_fedra_v1_DropReason);
  /**
   * Its refusal reason, when drop_reason is DROP_REASON_REFUSED.
   */
  'refusalReason'?: (_fedra_v1_RefusalReason);
  /**
   * Human-readable detail (an error code, a policy key); never secrets.
   */
  'detail'?: (string);
  /**
   * Bytes of its masked update staged so far.
   */
  'uploadedBytes'?: (number | string | Long);
}

/**
 * One participant's progress in a round attempt.
 */
export interface ParticipantStatus__Output {
  /**
   * The worker.
   */
  'workerId': (string);
  /**
   * Its region.
   */
  'region': (string);
  /**
   * How far it got.
   */
  'state': (_fedra_v1_ParticipantState__Output);
  /**
   * The stage it was dropped in, when dropped.
   */
  'dropStage': (_fedra_v1_Stage__Output);
  /**
   * Why it was dropped, when dropped.
   */
  'dropReason': (_fedra_v1_DropReason__Output);
  /**
   * Its refusal reason, when drop_reason is DROP_REASON_REFUSED.
   */
  'refusalReason': (_fedra_v1_RefusalReason__Output);
  /**
   * Human-readable detail (an error code, a policy key); never secrets.
   */
  'detail': (string);
  /**
   * Bytes of its masked update staged so far.
   */
  'uploadedBytes': (number);
}
