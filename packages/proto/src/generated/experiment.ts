import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdaptiveStrategy as _fedra_v1_AdaptiveStrategy, AdaptiveStrategy__Output as _fedra_v1_AdaptiveStrategy__Output } from './fedra/v1/AdaptiveStrategy.js';
import type { AttemptAbortedEvent as _fedra_v1_AttemptAbortedEvent, AttemptAbortedEvent__Output as _fedra_v1_AttemptAbortedEvent__Output } from './fedra/v1/AttemptAbortedEvent.js';
import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from './fedra/v1/AttemptRef.js';
import type { CancelExperimentRequest as _fedra_v1_CancelExperimentRequest, CancelExperimentRequest__Output as _fedra_v1_CancelExperimentRequest__Output } from './fedra/v1/CancelExperimentRequest.js';
import type { CancelExperimentResponse as _fedra_v1_CancelExperimentResponse, CancelExperimentResponse__Output as _fedra_v1_CancelExperimentResponse__Output } from './fedra/v1/CancelExperimentResponse.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from './fedra/v1/Chunk.js';
import type { CreateExperimentRequest as _fedra_v1_CreateExperimentRequest, CreateExperimentRequest__Output as _fedra_v1_CreateExperimentRequest__Output } from './fedra/v1/CreateExperimentRequest.js';
import type { CreateExperimentResponse as _fedra_v1_CreateExperimentResponse, CreateExperimentResponse__Output as _fedra_v1_CreateExperimentResponse__Output } from './fedra/v1/CreateExperimentResponse.js';
import type { CreateExperimentStart as _fedra_v1_CreateExperimentStart, CreateExperimentStart__Output as _fedra_v1_CreateExperimentStart__Output } from './fedra/v1/CreateExperimentStart.js';
import type { DatasetSpec as _fedra_v1_DatasetSpec, DatasetSpec__Output as _fedra_v1_DatasetSpec__Output } from './fedra/v1/DatasetSpec.js';
import type { DownloadModelRequest as _fedra_v1_DownloadModelRequest, DownloadModelRequest__Output as _fedra_v1_DownloadModelRequest__Output } from './fedra/v1/DownloadModelRequest.js';
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from './fedra/v1/DownloadModelResponse.js';
import type { Experiment as _fedra_v1_Experiment, Experiment__Output as _fedra_v1_Experiment__Output } from './fedra/v1/Experiment.js';
import type { ExperimentFinishedEvent as _fedra_v1_ExperimentFinishedEvent, ExperimentFinishedEvent__Output as _fedra_v1_ExperimentFinishedEvent__Output } from './fedra/v1/ExperimentFinishedEvent.js';
import type { ExperimentMetadata as _fedra_v1_ExperimentMetadata, ExperimentMetadata__Output as _fedra_v1_ExperimentMetadata__Output } from './fedra/v1/ExperimentMetadata.js';
import type { ExperimentServiceClient as _fedra_v1_ExperimentServiceClient, ExperimentServiceDefinition as _fedra_v1_ExperimentServiceDefinition } from './fedra/v1/ExperimentService.js';
import type { ExperimentSpec as _fedra_v1_ExperimentSpec, ExperimentSpec__Output as _fedra_v1_ExperimentSpec__Output } from './fedra/v1/ExperimentSpec.js';
import type { FedAvgMStrategy as _fedra_v1_FedAvgMStrategy, FedAvgMStrategy__Output as _fedra_v1_FedAvgMStrategy__Output } from './fedra/v1/FedAvgMStrategy.js';
import type { FedAvgStrategy as _fedra_v1_FedAvgStrategy, FedAvgStrategy__Output as _fedra_v1_FedAvgStrategy__Output } from './fedra/v1/FedAvgStrategy.js';
import type { GetExperimentRequest as _fedra_v1_GetExperimentRequest, GetExperimentRequest__Output as _fedra_v1_GetExperimentRequest__Output } from './fedra/v1/GetExperimentRequest.js';
import type { GetExperimentResponse as _fedra_v1_GetExperimentResponse, GetExperimentResponse__Output as _fedra_v1_GetExperimentResponse__Output } from './fedra/v1/GetExperimentResponse.js';
import type { GetHistoryRequest as _fedra_v1_GetHistoryRequest, GetHistoryRequest__Output as _fedra_v1_GetHistoryRequest__Output } from './fedra/v1/GetHistoryRequest.js';
import type { GetHistoryResponse as _fedra_v1_GetHistoryResponse, GetHistoryResponse__Output as _fedra_v1_GetHistoryResponse__Output } from './fedra/v1/GetHistoryResponse.js';
import type { HistoryEntry as _fedra_v1_HistoryEntry, HistoryEntry__Output as _fedra_v1_HistoryEntry__Output } from './fedra/v1/HistoryEntry.js';
import type { LaneScales as _fedra_v1_LaneScales, LaneScales__Output as _fedra_v1_LaneScales__Output } from './fedra/v1/LaneScales.js';
import type { LaneSpec as _fedra_v1_LaneSpec, LaneSpec__Output as _fedra_v1_LaneSpec__Output } from './fedra/v1/LaneSpec.js';
import type { ListExperimentsRequest as _fedra_v1_ListExperimentsRequest, ListExperimentsRequest__Output as _fedra_v1_ListExperimentsRequest__Output } from './fedra/v1/ListExperimentsRequest.js';
import type { ListExperimentsResponse as _fedra_v1_ListExperimentsResponse, ListExperimentsResponse__Output as _fedra_v1_ListExperimentsResponse__Output } from './fedra/v1/ListExperimentsResponse.js';
import type { ModelSpec as _fedra_v1_ModelSpec, ModelSpec__Output as _fedra_v1_ModelSpec__Output } from './fedra/v1/ModelSpec.js';
import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from './fedra/v1/ModelVersion.js';
import type { Participant as _fedra_v1_Participant, Participant__Output as _fedra_v1_Participant__Output } from './fedra/v1/Participant.js';
import type { ParticipantDroppedEvent as _fedra_v1_ParticipantDroppedEvent, ParticipantDroppedEvent__Output as _fedra_v1_ParticipantDroppedEvent__Output } from './fedra/v1/ParticipantDroppedEvent.js';
import type { RegionQuota as _fedra_v1_RegionQuota, RegionQuota__Output as _fedra_v1_RegionQuota__Output } from './fedra/v1/RegionQuota.js';
import type { RoundCommittedEvent as _fedra_v1_RoundCommittedEvent, RoundCommittedEvent__Output as _fedra_v1_RoundCommittedEvent__Output } from './fedra/v1/RoundCommittedEvent.js';
import type { RoundConfig as _fedra_v1_RoundConfig, RoundConfig__Output as _fedra_v1_RoundConfig__Output } from './fedra/v1/RoundConfig.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from './fedra/v1/RoundMetrics.js';
import type { RoundOpenedEvent as _fedra_v1_RoundOpenedEvent, RoundOpenedEvent__Output as _fedra_v1_RoundOpenedEvent__Output } from './fedra/v1/RoundOpenedEvent.js';
import type { SecAggParams as _fedra_v1_SecAggParams, SecAggParams__Output as _fedra_v1_SecAggParams__Output } from './fedra/v1/SecAggParams.js';
import type { SignedRoundConfig as _fedra_v1_SignedRoundConfig, SignedRoundConfig__Output as _fedra_v1_SignedRoundConfig__Output } from './fedra/v1/SignedRoundConfig.js';
import type { StageChangedEvent as _fedra_v1_StageChangedEvent, StageChangedEvent__Output as _fedra_v1_StageChangedEvent__Output } from './fedra/v1/StageChangedEvent.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from './fedra/v1/StageDeadlines.js';
import type { StartExperimentRequest as _fedra_v1_StartExperimentRequest, StartExperimentRequest__Output as _fedra_v1_StartExperimentRequest__Output } from './fedra/v1/StartExperimentRequest.js';
import type { StartExperimentResponse as _fedra_v1_StartExperimentResponse, StartExperimentResponse__Output as _fedra_v1_StartExperimentResponse__Output } from './fedra/v1/StartExperimentResponse.js';
import type { StrategyConfig as _fedra_v1_StrategyConfig, StrategyConfig__Output as _fedra_v1_StrategyConfig__Output } from './fedra/v1/StrategyConfig.js';
import type { TrainingConfig as _fedra_v1_TrainingConfig, TrainingConfig__Output as _fedra_v1_TrainingConfig__Output } from './fedra/v1/TrainingConfig.js';
import type { WatchExperimentRequest as _fedra_v1_WatchExperimentRequest, WatchExperimentRequest__Output as _fedra_v1_WatchExperimentRequest__Output } from './fedra/v1/WatchExperimentRequest.js';
import type { WatchExperimentResponse as _fedra_v1_WatchExperimentResponse, WatchExperimentResponse__Output as _fedra_v1_WatchExperimentResponse__Output } from './fedra/v1/WatchExperimentResponse.js';
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
      AttemptAbortedEvent: MessageTypeDefinition<_fedra_v1_AttemptAbortedEvent, _fedra_v1_AttemptAbortedEvent__Output>
      AttemptRef: MessageTypeDefinition<_fedra_v1_AttemptRef, _fedra_v1_AttemptRef__Output>
      CancelExperimentRequest: MessageTypeDefinition<_fedra_v1_CancelExperimentRequest, _fedra_v1_CancelExperimentRequest__Output>
      CancelExperimentResponse: MessageTypeDefinition<_fedra_v1_CancelExperimentResponse, _fedra_v1_CancelExperimentResponse__Output>
      Chunk: MessageTypeDefinition<_fedra_v1_Chunk, _fedra_v1_Chunk__Output>
      CreateExperimentRequest: MessageTypeDefinition<_fedra_v1_CreateExperimentRequest, _fedra_v1_CreateExperimentRequest__Output>
      CreateExperimentResponse: MessageTypeDefinition<_fedra_v1_CreateExperimentResponse, _fedra_v1_CreateExperimentResponse__Output>
      CreateExperimentStart: MessageTypeDefinition<_fedra_v1_CreateExperimentStart, _fedra_v1_CreateExperimentStart__Output>
      DatasetSpec: MessageTypeDefinition<_fedra_v1_DatasetSpec, _fedra_v1_DatasetSpec__Output>
      DownloadModelRequest: MessageTypeDefinition<_fedra_v1_DownloadModelRequest, _fedra_v1_DownloadModelRequest__Output>
      DownloadModelResponse: MessageTypeDefinition<_fedra_v1_DownloadModelResponse, _fedra_v1_DownloadModelResponse__Output>
      DropReason: EnumTypeDefinition
      Experiment: MessageTypeDefinition<_fedra_v1_Experiment, _fedra_v1_Experiment__Output>
      ExperimentFinishedEvent: MessageTypeDefinition<_fedra_v1_ExperimentFinishedEvent, _fedra_v1_ExperimentFinishedEvent__Output>
      ExperimentMetadata: MessageTypeDefinition<_fedra_v1_ExperimentMetadata, _fedra_v1_ExperimentMetadata__Output>
      /**
       * The data-scientist-facing service. Callers authenticate with a scientist
       * certificate (SAN spiffe://<federation>/scientist/<name>); a scientist sees
       * and changes only the experiments it owns. Mutating calls carry a
       * request_id, so a retry after a lost response is safe.
       */
      ExperimentService: SubtypeConstructor<typeof grpc.Client, _fedra_v1_ExperimentServiceClient> & { service: _fedra_v1_ExperimentServiceDefinition }
      ExperimentSpec: MessageTypeDefinition<_fedra_v1_ExperimentSpec, _fedra_v1_ExperimentSpec__Output>
      ExperimentState: EnumTypeDefinition
      FedAvgMStrategy: MessageTypeDefinition<_fedra_v1_FedAvgMStrategy, _fedra_v1_FedAvgMStrategy__Output>
      FedAvgStrategy: MessageTypeDefinition<_fedra_v1_FedAvgStrategy, _fedra_v1_FedAvgStrategy__Output>
      GetExperimentRequest: MessageTypeDefinition<_fedra_v1_GetExperimentRequest, _fedra_v1_GetExperimentRequest__Output>
      GetExperimentResponse: MessageTypeDefinition<_fedra_v1_GetExperimentResponse, _fedra_v1_GetExperimentResponse__Output>
      GetHistoryRequest: MessageTypeDefinition<_fedra_v1_GetHistoryRequest, _fedra_v1_GetHistoryRequest__Output>
      GetHistoryResponse: MessageTypeDefinition<_fedra_v1_GetHistoryResponse, _fedra_v1_GetHistoryResponse__Output>
      HistoryEntry: MessageTypeDefinition<_fedra_v1_HistoryEntry, _fedra_v1_HistoryEntry__Output>
      LaneScales: MessageTypeDefinition<_fedra_v1_LaneScales, _fedra_v1_LaneScales__Output>
      LaneSpec: MessageTypeDefinition<_fedra_v1_LaneSpec, _fedra_v1_LaneSpec__Output>
      ListExperimentsRequest: MessageTypeDefinition<_fedra_v1_ListExperimentsRequest, _fedra_v1_ListExperimentsRequest__Output>
      ListExperimentsResponse: MessageTypeDefinition<_fedra_v1_ListExperimentsResponse, _fedra_v1_ListExperimentsResponse__Output>
      LocalOptimizer: EnumTypeDefinition
      ModelSpec: MessageTypeDefinition<_fedra_v1_ModelSpec, _fedra_v1_ModelSpec__Output>
      ModelVersion: MessageTypeDefinition<_fedra_v1_ModelVersion, _fedra_v1_ModelVersion__Output>
      Participant: MessageTypeDefinition<_fedra_v1_Participant, _fedra_v1_Participant__Output>
      ParticipantDroppedEvent: MessageTypeDefinition<_fedra_v1_ParticipantDroppedEvent, _fedra_v1_ParticipantDroppedEvent__Output>
      RefusalReason: EnumTypeDefinition
      RegionQuota: MessageTypeDefinition<_fedra_v1_RegionQuota, _fedra_v1_RegionQuota__Output>
      RoundCommittedEvent: MessageTypeDefinition<_fedra_v1_RoundCommittedEvent, _fedra_v1_RoundCommittedEvent__Output>
      RoundConfig: MessageTypeDefinition<_fedra_v1_RoundConfig, _fedra_v1_RoundConfig__Output>
      RoundMetrics: MessageTypeDefinition<_fedra_v1_RoundMetrics, _fedra_v1_RoundMetrics__Output>
      RoundOpenedEvent: MessageTypeDefinition<_fedra_v1_RoundOpenedEvent, _fedra_v1_RoundOpenedEvent__Output>
      RoundState: EnumTypeDefinition
      SecAggParams: MessageTypeDefinition<_fedra_v1_SecAggParams, _fedra_v1_SecAggParams__Output>
      SignedRoundConfig: MessageTypeDefinition<_fedra_v1_SignedRoundConfig, _fedra_v1_SignedRoundConfig__Output>
      Stage: EnumTypeDefinition
      StageChangedEvent: MessageTypeDefinition<_fedra_v1_StageChangedEvent, _fedra_v1_StageChangedEvent__Output>
      StageDeadlines: MessageTypeDefinition<_fedra_v1_StageDeadlines, _fedra_v1_StageDeadlines__Output>
      StartExperimentRequest: MessageTypeDefinition<_fedra_v1_StartExperimentRequest, _fedra_v1_StartExperimentRequest__Output>
      StartExperimentResponse: MessageTypeDefinition<_fedra_v1_StartExperimentResponse, _fedra_v1_StartExperimentResponse__Output>
      StrategyConfig: MessageTypeDefinition<_fedra_v1_StrategyConfig, _fedra_v1_StrategyConfig__Output>
      TrainingConfig: MessageTypeDefinition<_fedra_v1_TrainingConfig, _fedra_v1_TrainingConfig__Output>
      WatchExperimentRequest: MessageTypeDefinition<_fedra_v1_WatchExperimentRequest, _fedra_v1_WatchExperimentRequest__Output>
      WatchExperimentResponse: MessageTypeDefinition<_fedra_v1_WatchExperimentResponse, _fedra_v1_WatchExperimentResponse__Output>
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

