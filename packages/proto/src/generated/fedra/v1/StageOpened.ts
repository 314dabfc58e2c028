// Original file: protos/fedra/v1/fleet.proto

import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from '../../fedra/v1/AttemptRef.js';
import type { Stage as _fedra_v1_Stage, Stage__Output as _fedra_v1_Stage__Output } from '../../fedra/v1/Stage.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from '../../google/protobuf/Duration.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * A stage of an attempt the worker is in has opened. What to do per stage:
 * share-keys: GetShareKeys, then SubmitShares; collect-masked: GetShares,
 * DownloadModel, train, UploadMasked; consistency-check: GetSurvivorSet, then
 * SubmitSurvivorSignature; unmask: GetUnmaskRequest, then SubmitUnmask.
 */
export interface StageOpened {
  /**
   * The round attempt.
   */
  'attempt'?: (_fedra_v1_AttemptRef | null);
  /**
   * The stage that opened.
   */
  'stage'?: (_fedra_v1_Stage);
  /**
   * Time left until the stage deadline when the task was sent; measure it
   * with a monotonic clock.
   */
  'remaining'?: (_google_protobuf_Duration | null);
  /**
   * The stage deadline on the coordinator's clock, for display.
   */
  'deadline'?: (_google_protobuf_Timestamp | null);
}

/**
 * A stage of an attempt the worker is in has opened. What to do per stage:
 * share-keys: GetShareKeys, then SubmitShares; collect-masked: GetShares,
 * DownloadModel, train, UploadMasked; consistency-check: GetSurvivorSet, then
 * SubmitSurvivorSignature; unmask: GetUnmaskRequest, then SubmitUnmask.
 */
export interface StageOpened__Output {
  /**
   * The round attempt.
   */
  'attempt': (_fedra_v1_AttemptRef__Output | null);
  /**
   * The stage that opened.
   */
  'stage': (_fedra_v1_Stage__Output);
  /**
   * Time left until the stage deadline when the task was sent; measure it
   * with a monotonic clock.
   */
  'remaining': (_google_protobuf_Duration__Output | null);
  /**
   * The stage deadline on the coordinator's clock, for display.
   */
  'deadline': (_google_protobuf_Timestamp__Output | null);
}
