// Original file: protos/fedra/v1/experiment.proto

import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from '../../fedra/v1/ModelVersion.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from '../../fedra/v1/RoundMetrics.js';

/**
 * One committed model version and the round that produced it.
 */
export interface HistoryEntry {
  /**
   * The model version.
   */
  'model'?: (_fedra_v1_ModelVersion | null);
  /**
   * The producing round's metrics; empty for version 0.
   */
  'metrics'?: (_fedra_v1_RoundMetrics | null);
}

/**
 * One committed model version and the round that produced it.
 */
export interface HistoryEntry__Output {
  /**
   * The model version.
   */
  'model': (_fedra_v1_ModelVersion__Output | null);
  /**
   * The producing round's metrics; empty for version 0.
   */
  'metrics': (_fedra_v1_RoundMetrics__Output | null);
}
