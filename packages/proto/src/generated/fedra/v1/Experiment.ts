// Original file: protos/fedra/v1/experiment.proto

import type { ExperimentMetadata as _fedra_v1_ExperimentMetadata, ExperimentMetadata__Output as _fedra_v1_ExperimentMetadata__Output } from '../../fedra/v1/ExperimentMetadata.js';
import type { ExperimentState as _fedra_v1_ExperimentState, ExperimentState__Output as _fedra_v1_ExperimentState__Output } from '../../fedra/v1/ExperimentState.js';
import type { ExperimentSpec as _fedra_v1_ExperimentSpec, ExperimentSpec__Output as _fedra_v1_ExperimentSpec__Output } from '../../fedra/v1/ExperimentSpec.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp.js';

/**
 * An experiment as the coordinator stores it.
 */
export interface Experiment {
  /**
   * The coordinator-assigned id.
   */
  'experimentId'?: (string);
  /**
   * Name, description and labels.
   */
  'metadata'?: (_fedra_v1_ExperimentMetadata | null);
  /**
   * Identity (SPIFFE id) of the data scientist who created it.
   */
  'owner'?: (string);
  /**
   * Where the experiment is in its lifecycle.
   */
  'state'?: (_fedra_v1_ExperimentState);
  /**
   * The validated spec. ListExperiments leaves it empty to keep pages small;
   * GetExperiment fills it.
   */
  'spec'?: (_fedra_v1_ExperimentSpec | null);
  /**
   * SHA-256 of the stored spec bytes; round configs carry the same hash.
   */
  'specSha256'?: (Buffer | Uint8Array | string);
  /**
   * The round being run, or the last one run; 0 before round 1.
   */
  'currentRound'?: (number);
  /**
   * The attempt of the current round.
   */
  'currentAttempt'?: (number);
  /**
   * The newest committed model version (0 until round 1 commits).
   */
  'latestModelVersion'?: (number);
  /**
   * When it was created.
   */
  'createTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When it was started; unset while CREATED.
   */
  'startTime'?: (_google_protobuf_Timestamp | null);
  /**
   * When it reached COMPLETED, CANCELLED or FAILED; unset before.
   */
  'finishTime'?: (_google_protobuf_Timestamp | null);
  /**
   * Why it was cancelled or failed, in words.
   */
  'statusDetail'?: (string);
}

/**
 * An experiment as the coordinator stores it.
 */
export interface Experiment__Output {
  /**
   * The coordinator-assigned id.
   */
  'experimentId': (string);
  /**
   * Name, description and labels.
   */
  'metadata': (_fedra_v1_ExperimentMetadata__Output | null);
  /**
   * Identity (SPIFFE id) of the data scientist who created it.
   */
  'owner': (string);
  /**
   * Where the experiment is in its lifecycle.
   */
  'state': (_fedra_v1_ExperimentState__Output);
  /**
   * The validated spec. ListExperiments leaves it empty to keep pages small;
   * GetExperiment fills it.
   */
  'spec': (_fedra_v1_ExperimentSpec__Output | null);
  /**
   * SHA-256 of the stored spec bytes; round configs carry the same hash.
   */
  'specSha256': (Buffer);
  /**
   * The round being run, or the last one run; 0 before round 1.
   */
  'currentRound': (number);
  /**
   * The attempt of the current round.
   */
  'currentAttempt': (number);
  /**
   * The newest committed model version (0 until round 1 commits).
   */
  'latestModelVersion': (number);
  /**
   * When it was created.
   */
  'createTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When it was started; unset while CREATED.
   */
  'startTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * When it reached COMPLETED, CANCELLED or FAILED; unset before.
   */
  'finishTime': (_google_protobuf_Timestamp__Output | null);
  /**
   * Why it was cancelled or failed, in words.
   */
  'statusDetail': (string);
}
