// Original file: protos/fedra/v1/experiment.proto

import type { CreateExperimentStart as _fedra_v1_CreateExperimentStart, CreateExperimentStart__Output as _fedra_v1_CreateExperimentStart__Output } from '../../fedra/v1/CreateExperimentStart.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from '../../fedra/v1/Chunk.js';

/**
 * One message of the CreateExperiment stream.
 */
export interface CreateExperimentRequest {
  /**
   * First message: the request id, metadata and spec.
   */
  'start'?: (_fedra_v1_CreateExperimentStart | null);
  /**
   * The next piece of the initial weights: float32 little-endian, in the
   * order of spec.model.weights. The final chunk carries their SHA-256,
   * which becomes the content address of model version 0.
   */
  'initialWeights'?: (_fedra_v1_Chunk | null);
  /**
   * The first message is the start; every later one is a chunk of weights.
   */
  'part'?: "start"|"initialWeights";
}

/**
 * One message of the CreateExperiment stream.
 */
export interface CreateExperimentRequest__Output {
  /**
   * First message: the request id, metadata and spec.
   */
  'start'?: (_fedra_v1_CreateExperimentStart__Output | null);
  /**
   * The next piece of the initial weights: float32 little-endian, in the
   * order of spec.model.weights. The final chunk carries their SHA-256,
   * which becomes the content address of model version 0.
   */
  'initialWeights'?: (_fedra_v1_Chunk__Output | null);
  /**
   * The first message is the start; every later one is a chunk of weights.
   */
  'part'?: "start"|"initialWeights";
}
