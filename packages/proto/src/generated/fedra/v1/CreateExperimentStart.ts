// Original file: protos/fedra/v1/experiment.proto

import type { ExperimentMetadata as _fedra_v1_ExperimentMetadata, ExperimentMetadata__Output as _fedra_v1_ExperimentMetadata__Output } from '../../fedra/v1/ExperimentMetadata.js';
import type { ExperimentSpec as _fedra_v1_ExperimentSpec, ExperimentSpec__Output as _fedra_v1_ExperimentSpec__Output } from '../../fedra/v1/ExperimentSpec.js';

/**
 * Opens a CreateExperiment stream.
 */
export interface CreateExperimentStart {
  /**
   * Client-chosen idempotency key (a UUID). Retrying with the same key and
   * the same content returns the experiment created the first time; reusing
   * it with different content fails with ALREADY_EXISTS.
   */
  'requestId'?: (string);
  /**
   * Name, description and labels.
   */
  'metadata'?: (_fedra_v1_ExperimentMetadata | null);
  /**
   * The experiment's definition.
   */
  'spec'?: (_fedra_v1_ExperimentSpec | null);
}

/**
 * Opens a CreateExperiment stream.
 */
export interface CreateExperimentStart__Output {
  /**
   * Client-chosen idempotency key (a UUID). Retrying with the same key and
   * the same content returns the experiment created the first time; reusing
   * it with different content fails with ALREADY_EXISTS.
   */
  'requestId': (string);
  /**
   * Name, description and labels.
   */
  'metadata': (_fedra_v1_ExperimentMetadata__Output | null);
  /**
   * The experiment's definition.
   */
  'spec': (_fedra_v1_ExperimentSpec__Output | null);
}
