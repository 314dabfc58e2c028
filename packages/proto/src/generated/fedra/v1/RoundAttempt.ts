// Original file: protos/fedra/v1/admin.proto

import type { RoundState as _fedra_v1_RoundState, RoundState__Output as _fedra_v1_RoundState__Output } from '../../fedra/v1/RoundState.js';
import type { Stage as _fedra_v1_Stage, Stage__Output as _fedra_v1_Stage__Output } from '../../fedra/v1/Stage.js';
import type { RoundConfig as _fedra_v1_RoundConfig, RoundConfig__Output as _fedra_v1_RoundConfig__Output } from '../../fedra/v1/RoundConfig.js';
import type { ParticipantStatus as _fedra_v1_ParticipantStatus, ParticipantStatus__Output as _fedra_v1_ParticipantStatus__Output } from '../../fedra/v1/ParticipantStatus.js';
import type { AbortReason as _fedra_v1_AbortReason, AbortReason__Output as _fedra_v1_AbortReason__Output } from '../../fedra/v1/AbortReason.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One attempt of a round.
 */
export interface RoundAttempt {
  /**
   * The attempt number, 1-based.
   */
  'attempt'?: (number);
  /**
   * The attempt's state.
   */
  'state'?: (_fedra_v1_RoundState);
  /**
   * The stage it is in or reached last.
   */
  'stage'?: (_fedra_v1_Stage);
  /**
   * The RoundConfig, decoded for reading; unset while SELECTING.
   */
  'config'?: (_fedra_v1_RoundConfig | null);
  /**
   * SHA-256 of the signed RoundConfig bytes (the config hash participants sign).
   */
  'configSha256'?: (Buffer | Uint8Array | string);
  /**
   * Every selected participant and how far it got.
   */
  'participants'?: (_fedra_v1_ParticipantStatus)[];
  /**
   * The fencing epoch of the driver that owns the attempt; a newer driver
   * taking over after a crash increments it.
   */
  'fencingEpoch'?: (number | string | Long);
  /**
   * Why it was aborted, when ABORTED.
   */
  'abortReason'?: (_fedra_v1_AbortReason);
  /**
   * Abort detail in words, e.g. which secrets had too few live holders.
   */
  'abortDetail'?: (string);
  /**
   * When the attempt opened.
   */
  'openTime'?: (_google_protobuf_Timestamp | null);
  /**
   * The current stage's deadline on the coordinator's clock.
   */
  'stageDeadline'?: (_google_protobuf_Timestamp | null);
  /**
   * When it committed or aborted; unset while running.
   */
  'endTime'?: (_google_protobuf_Timestamp | null);
}

/**
 * One attempt of a round.
 */
export interface RoundAttempt__Output {
  /**
   * The attempt number, 1-based.
   */
  'attempt': (number);
  /**
   * The attempt's state.
   */
  'state': (_fedra_v1_RoundState__Output);
  /**
   * The stage it is in or reached last.
   */
  'stage': (_fedra_v1_Stage__Output);
  /**
   * The RoundConfig, decoded for reading; unset while SELECTING.
   */
  'config': (_fedra_v1_RoundConfig__Output | null);
  /**
   * SHA-256 of the signed RoundConfig bytes (the config hash participants sign).
   */
  'configSha256': (Buffer);
  /**
   * Every selected participant and how far it got.
   */
  'participants': (_fedra_v1_ParticipantStatus__Output)[];
  /**
   * The fencing epoch of the driver that owns the attempt; a newer driver
   * taking over after a crash increments it.
   */
  'fencingEpoch': (number);
  /**
   * Why it was aborted, when ABORTED.
   */
  'abortReason': (_fedra_v1_AbortReason__Output);
  /**
   * Abort detail in words, e.g. which secrets had too few live holders.
   */
  'abortDetail': (string);
  /**
   * When the attempt opened.
   */
  'openTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * The current stage's deadline on the coordinator's clock.
   */
  'stageDeadline': (_google_protobuf_Timestamp__Output | null);
  /**
   * When it committed or aborted; unset while running.
   */
  'endTime': (_google_protobuf_Timestamp__Output | null);
}
