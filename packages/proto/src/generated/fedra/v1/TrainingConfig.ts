// Original file: protos/fedra/v1/spec.proto

import type { LocalOptimizer as _fedra_v1_LocalOptimizer, LocalOptimizer__Output as _fedra_v1_LocalOptimizer__Output } from '../../fedra/v1/LocalOptimizer.js';

/**
 * Local training settings every participant applies.
 */
export interface TrainingConfig {
  /**
   * The local optimizer.
   */
  'optimizer'?: (_fedra_v1_LocalOptimizer);
  /**
   * Local learning rate (> 0).
   */
  'learningRate'?: (number | string);
  /**
   * Mini-batch size (>= 1).
   */
  'batchSize'?: (number);
  /**
   * Passes over the local data per round (>= 1).
   */
  'localEpochs'?: (number);
  /**
   * FedProx proximal term weight mu (>= 0); 0 trains plain FedAvg-style.
   */
  'fedproxMu'?: (number | string);
}

/**
 * Local training settings every participant applies.
 */
export interface TrainingConfig__Output {
  /**
   * The local optimizer.
   */
  'optimizer': (_fedra_v1_LocalOptimizer__Output);
  /**
   * Local learning rate (> 0).
   */
  'learningRate': (number);
  /**
   * Mini-batch size (>= 1).
   */
  'batchSize': (number);
  /**
   * Passes over the local data per round (>= 1).
   */
  'localEpochs': (number);
  /**
   * FedProx proximal term weight mu (>= 0); 0 trains plain FedAvg-style.
   */
  'fedproxMu': (number);
}
