// Original file: protos/fedra/v1/admin.proto

import type { RoundState as _fedra_v1_RoundState, RoundState__Output as _fedra_v1_RoundState__Output } from '../../fedra/v1/RoundState.js';
import type { RoundAttempt as _fedra_v1_RoundAttempt, RoundAttempt__Output as _fedra_v1_RoundAttempt__Output } from '../../fedra/v1/RoundAttempt.js';
import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from '../../fedra/v1/ModelVersion.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from '../../fedra/v1/RoundMetrics.js';

/**
 * One round of an experiment.
 */
export interface Round {
  /**
   * The experiment.
   */
  'experimentId'?: (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber'?: (number);
  /**
   * The state of the round's latest attempt.
   */
  'state'?: (_fedra_v1_RoundState);
  /**
   * Every attempt, oldest first. ListRounds returns only the latest one.
   */
  'attempts'?: (_fedra_v1_RoundAttempt)[];
  /**
   * The model version the round committed, when COMMITTED.
   */
  'model'?: (_fedra_v1_ModelVersion | null);
  /**
   * The round's aggregated metrics, when COMMITTED.
   */
  'metrics'?: (_fedra_v1_RoundMetrics | null);
}

/**
 * One round of an experiment.
 */
export interface Round__Output {
  /**
   * The experiment.
   */
  'experimentId': (string);
  /**
   * The round number, 1-based.
   */
  'roundNumber': (number);
  /**
   * The state of the round's latest attempt.
   */
  'state': (_fedra_v1_RoundState__Output);
  /**
   * Every attempt, oldest first. ListRounds returns only the latest one.
   */
  'attempts': (_fedra_v1_RoundAttempt__Output)[];
  /**
   * The model version the round committed, when COMMITTED.
   */
  'model': (_fedra_v1_ModelVersion__Output | null);
  /**
   * The round's aggregated metrics, when COMMITTED.
   */
  'metrics': (_fedra_v1_RoundMetrics__Output | null);
}
