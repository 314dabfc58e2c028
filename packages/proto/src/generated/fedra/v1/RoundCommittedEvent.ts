// Original file: protos/fedra/v1/experiment.proto

import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from '../../fedra/v1/ModelVersion.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from '../../fedra/v1/RoundMetrics.js';

/**
 * A round committed a new model version.
 */
export interface RoundCommittedEvent {
  /**
   * The new model version.
   */
  'model'?: (_fedra_v1_ModelVersion | null);
  /**
   * The round's aggregated metrics.
   */
  'metrics'?: (_fedra_v1_RoundMetrics | null);
}

/**
 * A round committed a new model version.
 */
export interface RoundCommittedEvent__Output {
  /**
   * The new model version.
   */
  'model': (_fedra_v1_ModelVersion__Output | null);
  /**
   * The round's aggregated metrics.
   */
  'metrics': (_fedra_v1_RoundMetrics__Output | null);
}
