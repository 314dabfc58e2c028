// Original file: protos/fedra/v1/experiment.proto

import type { Stage as _fedra_v1_Stage, Stage__Output as _fedra_v1_Stage__Output } from '../../fedra/v1/Stage.js';
import type { RoundState as _fedra_v1_RoundState, RoundState__Output as _fedra_v1_RoundState__Output } from '../../fedra/v1/RoundState.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * A round attempt moved to another stage.
 */
export interface StageChangedEvent {
  /**
   * The stage that opened.
   */
  'stage'?: (_fedra_v1_Stage);
  /**
   * The round state that goes with it.
   */
  'state'?: (_fedra_v1_RoundState);
  /**
   * Participants still in the attempt.
   */
  'liveParticipants'?: (number);
  /**
   * The stage deadline on the coordinator's clock.
   */
  'deadline'?: (_google_protobuf_Timestamp | null);
}

/**
 * A round attempt moved to another stage.
 */
export interface StageChangedEvent__Output {
  /**
   * The stage that opened.
   */
  'stage': (_fedra_v1_Stage__Output);
  /**
   * The round state that goes with it.
   */
  'state': (_fedra_v1_RoundState__Output);
  /**
   * Participants still in the attempt.
   */
  'liveParticipants': (number);
  /**
   * The stage deadline on the coordinator's clock.
   */
  'deadline': (_google_protobuf_Timestamp__Output | null);
}
