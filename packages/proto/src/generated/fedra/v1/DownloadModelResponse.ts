// Original file: protos/fedra/v1/common.proto

import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from '../../fedra/v1/ModelVersion.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from '../../fedra/v1/Chunk.js';

/**
 * One message of a model download stream; used by both FleetService and
 * ExperimentService DownloadModel, since both send the same artifact.
 */
export interface DownloadModelResponse {
  /**
   * First message: which model version is coming, its size and hash.
   */
  'model'?: (_fedra_v1_ModelVersion | null);
  /**
   * The next piece of the weight bytes; the final chunk carries the SHA-256.
   */
  'chunk'?: (_fedra_v1_Chunk | null);
  /**
   * The first message is the manifest; every later one is a chunk.
   */
  'part'?: "model"|"chunk";
}

/**
 * One message of a model download stream; used by both FleetService and
 * ExperimentService DownloadModel, since both send the same artifact.
 */
export interface DownloadModelResponse__Output {
  /**
   * First message: which model version is coming, its size and hash.
   */
  'model'?: (_fedra_v1_ModelVersion__Output | null);
  /**
   * The next piece of the weight bytes; the final chunk carries the SHA-256.
   */
  'chunk'?: (_fedra_v1_Chunk__Output | null);
  /**
   * The first message is the manifest; every later one is a chunk.
   */
  'part'?: "model"|"chunk";
}
