// Original file: protos/fedra/v1/fleet.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { RoundInvitation as _fedra_v1_RoundInvitation, RoundInvitation__Output as _fedra_v1_RoundInvitation__Output } from '../../fedra/v1/RoundInvitation.js';
import type { StageOpened as _fedra_v1_StageOpened, StageOpened__Output as _fedra_v1_StageOpened__Output } from '../../fedra/v1/StageOpened.js';
import type { CancelTask as _fedra_v1_CancelTask, CancelTask__Output as _fedra_v1_CancelTask__Output } from '../../fedra/v1/CancelTask.js';
import type { DrainTask as _fedra_v1_DrainTask, DrainTask__Output as _fedra_v1_DrainTask__Output } from '../../fedra/v1/DrainTask.js';

/**
 * One task for a worker.
 */
export interface StreamTasksResponse {
  /**
   * Position of this task in the worker's task stream; pass it as
   * resume_cursor to resume after this task.
   */
  'cursor'?: (string);
  /**
   * When the coordinator issued the task.
   */
  'issueTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Invites the worker into a round attempt; answer with SubmitSetup or
   * ReportRefusal.
   */
  'invitation'?: (_fedra_v1_RoundInvitation | null);
  /**
   * A later stage of an attempt the worker is in has opened.
   */
  'stageOpened'?: (_fedra_v1_StageOpened | null);
  /**
   * Stop work on an attempt (or a whole experiment) and discard its keys.
   */
  'cancel'?: (_fedra_v1_CancelTask | null);
  /**
   * Finish current attempts, then take no new ones.
   */
  'drain'?: (_fedra_v1_DrainTask | null);
  /**
   * The task itself.
   */
  'task'?: "invitation"|"stageOpened"|"cancel"|"drain";
}

/**
 * One task for a worker.
 */
export interface StreamTasksResponse__Output {
  /**
   * Position of this task in the worker's task stream; pass it as
   * resume_cursor to resume after this task.
   */
  'cursor': (string);
  /**
   * When the coordinator issued the task.
   */
  'issueTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Invites the worker into a round attempt; answer with SubmitSetup or
   * ReportRefusal.
   */
  'invitation'?: (_fedra_v1_RoundInvitation__Output | null);
  /**
   * A later stage of an attempt the worker is in has opened.
   */
  'stageOpened'?: (_fedra_v1_StageOpened__Output | null);
  /**
   * Stop work on an attempt (or a whole experiment) and discard its keys.
   */
  'cancel'?: (_fedra_v1_CancelTask__Output | null);
  /**
   * Finish current attempts, then take no new ones.
   */
  'drain'?: (_fedra_v1_DrainTask__Output | null);
  /**
   * The task itself.
   */
  'task'?: "invitation"|"stageOpened"|"cancel"|"drain";
}
