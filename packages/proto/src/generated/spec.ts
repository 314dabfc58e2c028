import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdaptiveStrategy as _fedra_v1_AdaptiveStrategy, AdaptiveStrategy__Output as _fedra_v1_AdaptiveStrategy__Output } from './fedra/v1/AdaptiveStrategy.js';
import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from './fedra/v1/AttemptRef.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from './fedra/v1/Chunk.js';
import type { DatasetSpec as _fedra_v1_DatasetSpec, DatasetSpec__Output as _fedra_v1_DatasetSpec__Output } from './fedra/v1/DatasetSpec.js';
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from './fedra/v1/DownloadModelResponse.js';
import type { ExperimentSpec as _fedra_v1_ExperimentSpec, ExperimentSpec__Output as _fedra_v1_ExperimentSpec__Output } from './fedra/v1/ExperimentSpec.js';
import type { FedAvgMStrategy as _fedra_v1_FedAvgMStrategy, FedAvgMStrategy__Output as _fedra_v1_FedAvgMStrategy__Output } from './fedra/v1/FedAvgMStrategy.js';
import type { FedAvgStrategy as _fedra_v1_FedAvgStrategy, FedAvgStrategy__Output as _fedra_v1_FedAvgStrategy__Output } from './fedra/v1/FedAvgStrategy.js';
import type { LaneScales as _fedra_v1_LaneScales, LaneScales__Output as _fedra_v1_LaneScales__Output } from './fedra/v1/LaneScales.js';
import type { LaneSpec as _fedra_v1_LaneSpec, LaneSpec__Output as _fedra_v1_LaneSpec__Output } from './fedra/v1/LaneSpec.js';
import type { ModelSpec as _fedra_v1_ModelSpec, ModelSpec__Output as _fedra_v1_ModelSpec__Output } from './fedra/v1/ModelSpec.js';
import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from './fedra/v1/ModelVersion.js';
import type { Participant as _fedra_v1_Participant, Participant__Output as _fedra_v1_Participant__Output } from './fedra/v1/Participant.js';
import type { RegionQuota as _fedra_v1_RegionQuota, RegionQuota__Output as _fedra_v1_RegionQuota__Output } from './fedra/v1/RegionQuota.js';
import type { RoundConfig as _fedra_v1_RoundConfig, RoundConfig__Output as _fedra_v1_RoundConfig__Output } from './fedra/v1/RoundConfig.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from './fedra/v1/RoundMetrics.js';
import type { SecAggParams as _fedra_v1_SecAggParams, SecAggParams__Output as _fedra_v1_SecAggParams__Output } from './fedra/v1/SecAggParams.js';
import type { SignedRoundConfig as _fedra_v1_SignedRoundConfig, SignedRoundConfig__Output as _fedra_v1_SignedRoundConfig__Output } from './fedra/v1/SignedRoundConfig.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from './fedra/v1/StageDeadlines.js';
import type { StrategyConfig as _fedra_v1_StrategyConfig, StrategyConfig__Output as _fedra_v1_StrategyConfig__Output } from './fedra/v1/StrategyConfig.js';
import type { TrainingConfig as _fedra_v1_TrainingConfig, TrainingConfig__Output as _fedra_v1_TrainingConfig__Output } from './fedra/v1/TrainingConfig.js';
import type { WeightSpec as _fedra_v1_WeightSpec, WeightSpec__Output as _fedra_v1_WeightSpec__Output } from './fedra/v1/WeightSpec.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from './google/protobuf/Duration.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fedra: {
    v1: {
      AbortReason: EnumTypeDefinition
      AdaptiveStrategy: MessageTypeDefinition<_fedra_v1_AdaptiveStrategy, _fedra_v1_AdaptiveStrategy__Output>
      AttemptRef: MessageTypeDefinition<_fedra_v1_AttemptRef, _fedra_v1_AttemptRef__Output>
      Chunk: MessageTypeDefinition<_fedra_v1_Chunk, _fedra_v1_Chunk__Output>
      DatasetSpec: MessageTypeDefinition<_fedra_v1_DatasetSpec, _fedra_v1_DatasetSpec__Output>
      DownloadModelResponse: MessageTypeDefinition<_fedra_v1_DownloadModelResponse, _fedra_v1_DownloadModelResponse__Output>
      DropReason: EnumTypeDefinition
      ExperimentSpec: MessageTypeDefinition<_fedra_v1_ExperimentSpec, _fedra_v1_ExperimentSpec__Output>
      FedAvgMStrategy: MessageTypeDefinition<_fedra_v1_FedAvgMStrategy, _fedra_v1_FedAvgMStrategy__Output>
      FedAvgStrategy: MessageTypeDefinition<_fedra_v1_FedAvgStrategy, _fedra_v1_FedAvgStrategy__Output>
      LaneScales: MessageTypeDefinition<_fedra_v1_LaneScales, _fedra_v1_LaneScales__Output>
      LaneSpec: MessageTypeDefinition<_fedra_v1_LaneSpec, _fedra_v1_LaneSpec__Output>
      LocalOptimizer: EnumTypeDefinition
      ModelSpec: MessageTypeDefinition<_fedra_v1_ModelSpec, _fedra_v1_ModelSpec__Output>
      ModelVersion: MessageTypeDefinition<_fedra_v1_ModelVersion, _fedra_v1_ModelVersion__Output>
      Participant: MessageTypeDefinition<_fedra_v1_Participant, _fedra_v1_Participant__Output>
      RefusalReason: EnumTypeDefinition
      RegionQuota: MessageTypeDefinition<_fedra_v1_RegionQuota, _fedra_v1_RegionQuota__Output>
      RoundConfig: MessageTypeDefinition<_fedra_v1_RoundConfig, _fedra_v1_RoundConfig__Output>
      RoundMetrics: MessageTypeDefinition<_fedra_v1_RoundMetrics, _fedra_v1_RoundMetrics__Output>
      RoundState: EnumTypeDefinition
      SecAggParams: MessageTypeDefinition<_fedra_v1_SecAggParams, _fedra_v1_SecAggParams__Output>
      SignedRoundConfig: MessageTypeDefinition<_fedra_v1_SignedRoundConfig, _fedra_v1_SignedRoundConfig__Output>
      Stage: EnumTypeDefinition
      StageDeadlines: MessageTypeDefinition<_fedra_v1_StageDeadlines, _fedra_v1_StageDeadlines__Output>
      StrategyConfig: MessageTypeDefinition<_fedra_v1_StrategyConfig, _fedra_v1_StrategyConfig__Output>
      TrainingConfig: MessageTypeDefinition<_fedra_v1_TrainingConfig, _fedra_v1_TrainingConfig__Output>
      WeightSpec: MessageTypeDefinition<_fedra_v1_WeightSpec, _fedra_v1_WeightSpec__Output>
    }
  }
  google: {
    protobuf: {
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

