// Original file: protos/fedra/v1/spec.proto

import type { ModelSpec as _fedra_v1_ModelSpec, ModelSpec__Output as _fedra_v1_ModelSpec__Output } from '../../fedra/v1/ModelSpec.js';
import type { TrainingConfig as _fedra_v1_TrainingConfig, TrainingConfig__Output as _fedra_v1_TrainingConfig__Output } from '../../fedra/v1/TrainingConfig.js';
import type { DatasetSpec as _fedra_v1_DatasetSpec, DatasetSpec__Output as _fedra_v1_DatasetSpec__Output } from '../../fedra/v1/DatasetSpec.js';
import type { RegionQuota as _fedra_v1_RegionQuota, RegionQuota__Output as _fedra_v1_RegionQuota__Output } from '../../fedra/v1/RegionQuota.js';
import type { StrategyConfig as _fedra_v1_StrategyConfig, StrategyConfig__Output as _fedra_v1_StrategyConfig__Output } from '../../fedra/v1/StrategyConfig.js';
import type { LaneScales as _fedra_v1_LaneScales, LaneScales__Output as _fedra_v1_LaneScales__Output } from '../../fedra/v1/LaneScales.js';
import type { SecAggParams as _fedra_v1_SecAggParams, SecAggParams__Output as _fedra_v1_SecAggParams__Output } from '../../fedra/v1/SecAggParams.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from '../../fedra/v1/StageDeadlines.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A federated experiment's full definition. It contains no maps, so its
 * encoding is stable for hashing.
 */
export interface ExperimentSpec {
  /**
   * The model to train: topology and weight layout.
   */
  'model'?: (_fedra_v1_ModelSpec | null);
  /**
   * How each participant trains locally.
   */
  'training'?: (_fedra_v1_TrainingConfig | null);
  /**
   * The dataset each participant trains on, by name, with its expected shape.
   */
  'dataset'?: (_fedra_v1_DatasetSpec | null);
  /**
   * Number of rounds to run (>= 1).
   */
  'rounds'?: (number);
  /**
   * Fewest participants a round attempt may start with; below this the
   * attempt aborts.
   */
  'minParticipants'?: (number);
  /**
   * Participants to select per round when enough eligible workers exist.
   */
  'targetParticipants'?: (number);
  /**
   * Per-region limits on how many participants a round may take from a region.
   */
  'regionQuotas'?: (_fedra_v1_RegionQuota)[];
  /**
   * How the coordinator turns the aggregated update into the next model.
   */
  'strategy'?: (_fedra_v1_StrategyConfig | null);
  /**
   * L2-norm bound each participant clips its model delta to before weighting,
   * which bounds any single region's influence on the sum (> 0).
   */
  'clippingBound'?: (number | string);
  /**
   * Fixed-point scales of the masked vector's lanes.
   */
  'laneScales'?: (_fedra_v1_LaneScales | null);
  /**
   * Secure-aggregation parameters.
   */
  'secagg'?: (_fedra_v1_SecAggParams | null);
  /**
   * Per-stage deadlines for every round attempt.
   */
  'deadlines'?: (_fedra_v1_StageDeadlines | null);
  /**
   * Cap on the example count a participant may claim as its weight; the same
   * capped weight multiplies its delta and fills the weight lane, so it also
   * bounds the lanes for the overflow check.
   */
  'maxExampleWeight'?: (number | string | Long);
  /**
   * Per-example training loss is clipped to [0, loss_clip] before it is
   * summed into the loss lane, so the lane has a bound.
   */
  'lossClip'?: (number | string);
}

/**
 * A federated experiment's full definition. It contains no maps, so its
 * encoding is stable for hashing.
 */
export interface ExperimentSpec__Output {
  /**
   * The model to train: topology and weight layout.
   */
  'model': (_fedra_v1_ModelSpec__Output | null);
  /**
   * How each participant trains locally.
   */
  'training': (_fedra_v1_TrainingConfig__Output | null);
  /**
   * The dataset each participant trains on, by name, with its expected shape.
   */
  'dataset': (_fedra_v1_DatasetSpec__Output | null);
  /**
   * Number of rounds to run (>= 1).
   */
  'rounds': (number);
  /**
   * Fewest participants a round attempt may start with; below this the
   * attempt aborts.
   */
  'minParticipants': (number);
  /**
   * Participants to select per round when enough eligible workers exist.
   */
  'targetParticipants': (number);
  /**
   * Per-region limits on how many participants a round may take from a region.
   */
  'regionQuotas': (_fedra_v1_RegionQuota__Output)[];
  /**
   * How the coordinator turns the aggregated update into the next model.
   */
  'strategy': (_fedra_v1_StrategyConfig__Output | null);
  /**
   * L2-norm bound each participant clips its model delta to before weighting,
   * which bounds any single region's influence on the sum (> 0).
   */
  'clippingBound': (number);
  /**
   * Fixed-point scales of the masked vector's lanes.
   */
  'laneScales': (_fedra_v1_LaneScales__Output | null);
  /**
   * Secure-aggregation parameters.
   */
  'secagg': (_fedra_v1_SecAggParams__Output | null);
  /**
   * Per-stage deadlines for every round attempt.
   */
  'deadlines': (_fedra_v1_StageDeadlines__Output | null);
  /**
   * Cap on the example count a participant may claim as its weight; the same
   * capped weight multiplies its delta and fills the weight lane, so it also
   * bounds the lanes for the overflow check.
   */
  'maxExampleWeight': (number);
  /**
   * Per-example training loss is clipped to [0, loss_clip] before it is
   * summed into the loss lane, so the lane has a bound.
   */
  'lossClip': (number);
}
