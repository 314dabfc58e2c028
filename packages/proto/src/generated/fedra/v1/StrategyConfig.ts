// Original file: protos/fedra/v1/spec.proto

import type { FedAvgStrategy as _fedra_v1_FedAvgStrategy, FedAvgStrategy__Output as _fedra_v1_FedAvgStrategy__Output } from '../../fedra/v1/FedAvgStrategy.js';
import type { FedAvgMStrategy as _fedra_v1_FedAvgMStrategy, FedAvgMStrategy__Output as _fedra_v1_FedAvgMStrategy__Output } from '../../fedra/v1/FedAvgMStrategy.js';
import type { AdaptiveStrategy as _fedra_v1_AdaptiveStrategy, AdaptiveStrategy__Output as _fedra_v1_AdaptiveStrategy__Output } from '../../fedra/v1/AdaptiveStrategy.js';

/**
 * The server strategy: how the averaged update becomes the next model.
 */
export interface StrategyConfig {
  /**
   * Federated averaging: the next model is the weighted mean update applied
   * directly.
   */
  'fedAvg'?: (_fedra_v1_FedAvgStrategy | null);
  /**
   * Federated averaging with server momentum.
   */
  'fedAvgM'?: (_fedra_v1_FedAvgMStrategy | null);
  /**
   * FedAdam: adaptive server optimizer (Reddi et al. 2021).
   */
  'fedAdam'?: (_fedra_v1_AdaptiveStrategy | null);
  /**
   * FedYogi: adaptive server optimizer with Yogi's second-moment update.
   */
  'fedYogi'?: (_fedra_v1_AdaptiveStrategy | null);
  /**
   * FedAdagrad: adaptive server optimizer with accumulated second moments.
   */
  'fedAdagrad'?: (_fedra_v1_AdaptiveStrategy | null);
  /**
   * Exactly one strategy.
   */
  'strategy'?: "fedAvg"|"fedAvgM"|"fedAdam"|"fedYogi"|"fedAdagrad";
}

/**
 * The server strategy: how the averaged update becomes the next model.
 */
export interface StrategyConfig__Output {
  /**
   * Federated averaging: the next model is the weighted mean update applied
   * directly.
   */
  'fedAvg'?: (_fedra_v1_FedAvgStrategy__Output | null);
  /**
   * Federated averaging with server momentum.
   */
  'fedAvgM'?: (_fedra_v1_FedAvgMStrategy__Output | null);
  /**
   * FedAdam: adaptive server optimizer (Reddi et al. 2021).
   */
  'fedAdam'?: (_fedra_v1_AdaptiveStrategy__Output | null);
  /**
   * FedYogi: adaptive server optimizer with Yogi's second-moment update.
   */
  'fedYogi'?: (_fedra_v1_AdaptiveStrategy__Output | null);
  /**
   * FedAdagrad: adaptive server optimizer with accumulated second moments.
   */
  'fedAdagrad'?: (_fedra_v1_AdaptiveStrategy__Output | null);
  /**
   * Exactly one strategy.
   */
  'strategy'?: "fedAvg"|"fedAvgM"|"fedAdam"|"fedYogi"|"fedAdagrad";
}
