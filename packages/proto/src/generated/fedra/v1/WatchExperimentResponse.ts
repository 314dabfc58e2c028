// Original file: protos/fedra/v1/experiment.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from '../../fedra/v1/AttemptRef.js';
import type { RoundOpenedEvent as _fedra_v1_RoundOpenedEvent, RoundOpenedEvent__Output as _fedra_v1_RoundOpenedEvent__Output } from '../../fedra/v1/RoundOpenedEvent.js';
import type { StageChangedEvent as _fedra_v1_StageChangedEvent, StageChangedEvent__Output as _fedra_v1_StageChangedEvent__Output } from '../../fedra/v1/StageChangedEvent.js';
import type { ParticipantDroppedEvent as _fedra_v1_ParticipantDroppedEvent, ParticipantDroppedEvent__Output as _fedra_v1_ParticipantDroppedEvent__Output } from '../../fedra/v1/ParticipantDroppedEvent.js';
import type { RoundCommittedEvent as _fedra_v1_RoundCommittedEvent, RoundCommittedEvent__Output as _fedra_v1_RoundCommittedEvent__Output } from '../../fedra/v1/RoundCommittedEvent.js';
import type { AttemptAbortedEvent as _fedra_v1_AttemptAbortedEvent, AttemptAbortedEvent__Output as _fedra_v1_AttemptAbortedEvent__Output } from '../../fedra/v1/AttemptAbortedEvent.js';
import type { ExperimentFinishedEvent as _fedra_v1_ExperimentFinishedEvent, ExperimentFinishedEvent__Output as _fedra_v1_ExperimentFinishedEvent__Output } from '../../fedra/v1/ExperimentFinishedEvent.js';

/**
 * One event of an experiment, in the order the coordinator recorded it.
 */
export interface WatchExperimentResponse {
  /**
   * Position of this event; pass it as cursor to resume after it.
   */
  'cursor'?: (string);
  /**
   * When the coordinator recorded the event.
   */
  'eventTime'?: (_google_protobuf_Timestamp | null);
  /**
   * The round attempt the event concerns (round_number 0 for
   * experiment-level events).
   */
  'attempt'?: (_fedra_v1_AttemptRef | null);
  /**
   * A round attempt opened: participants were selected.
   */
  'roundOpened'?: (_fedra_v1_RoundOpenedEvent | null);
  /**
   * A round attempt moved to another secure-aggregation stage.
   */
  'stageChanged'?: (_fedra_v1_StageChangedEvent | null);
  /**
   * A participant was dropped from the attempt.
   */
  'participantDropped'?: (_fedra_v1_ParticipantDroppedEvent | null);
  /**
   * The round committed a new model version.
   */
  'roundCommitted'?: (_fedra_v1_RoundCommittedEvent | null);
  /**
   * The attempt was aborted.
   */
  'attemptAborted'?: (_fedra_v1_AttemptAbortedEvent | null);
  /**
   * The experiment reached a final state; the stream ends after this event.
   */
  'experimentFinished'?: (_fedra_v1_ExperimentFinishedEvent | null);
  /**
   * What happened.
   */
  'event'?: "roundOpened"|"stageChanged"|"participantDropped"|"roundCommitted"|"attemptAborted"|"experimentFinished";
}

/**
 * One event of an experiment, in the order the coordinator recorded it.
 */
export interface WatchExperimentResponse__Output {
  /**
   * Position of this event; pass it as cursor to resume after it.
   */
  'cursor': (string);
  /**
   * When the coordinator recorded the event.
   */
  'eventTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * The round attempt the event concerns (round_number 0 for
   * experiment-level events).
   */
  'attempt': (_fedra_v1_AttemptRef__Output | null);
  /**
   * A round attempt opened: participants were selected.
   */
  'roundOpened'?: (_fedra_v1_RoundOpenedEvent__Output | null);
  /**
   * A round attempt moved to another secure-aggregation stage.
   */
  'stageChanged'?: (_fedra_v1_StageChangedEvent__Output | null);
  /**
   * A participant was dropped from the attempt.
   */
  'participantDropped'?: (_fedra_v1_ParticipantDroppedEvent__Output | null);
  /**
   * The round committed a new model version.
   */
  'roundCommitted'?: (_fedra_v1_RoundCommittedEvent__Output | null);
  /**
   * The attempt was aborted.
   */
  'attemptAborted'?: (_fedra_v1_AttemptAbortedEvent__Output | null);
  /**
   * The experiment reached a final state; the stream ends after this event.
   */
  'experimentFinished'?: (_fedra_v1_ExperimentFinishedEvent__Output | null);
  /**
   * What happened.
   */
  'event'?: "roundOpened"|"stageChanged"|"participantDropped"|"roundCommitted"|"attemptAborted"|"experimentFinished";
}
