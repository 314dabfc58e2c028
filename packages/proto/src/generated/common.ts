import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from './fedra/v1/AttemptRef.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from './fedra/v1/Chunk.js';
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from './fedra/v1/DownloadModelResponse.js';
import type { LaneSpec as _fedra_v1_LaneSpec, LaneSpec__Output as _fedra_v1_LaneSpec__Output } from './fedra/v1/LaneSpec.js';
import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from './fedra/v1/ModelVersion.js';
import type { Participant as _fedra_v1_Participant, Participant__Output as _fedra_v1_Participant__Output } from './fedra/v1/Participant.js';
import type { RoundConfig as _fedra_v1_RoundConfig, RoundConfig__Output as _fedra_v1_RoundConfig__Output } from './fedra/v1/RoundConfig.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from './fedra/v1/RoundMetrics.js';
import type { SignedRoundConfig as _fedra_v1_SignedRoundConfig, SignedRoundConfig__Output as _fedra_v1_SignedRoundConfig__Output } from './fedra/v1/SignedRoundConfig.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from './fedra/v1/StageDeadlines.js';
import type { Duration as _google_protobuf_Duration, Duration__Output as _google_protobuf_Duration__Output } from './google/protobuf/Duration.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  fedra: {
    v1: {
      AbortReason: EnumTypeDefinition
      AttemptRef: MessageTypeDefinition<_fedra_v1_AttemptRef, _fedra_v1_AttemptRef__Output>
      Chunk: MessageTypeDefinition<_fedra_v1_Chunk, _fedra_v1_Chunk__Output>
      DownloadModelResponse: MessageTypeDefinition<_fedra_v1_DownloadModelResponse, _fedra_v1_DownloadModelResponse__Output>
      DropReason: EnumTypeDefinition
      LaneSpec: MessageTypeDefinition<_fedra_v1_LaneSpec, _fedra_v1_LaneSpec__Output>
      ModelVersion: MessageTypeDefinition<_fedra_v1_ModelVersion, _fedra_v1_ModelVersion__Output>
      Participant: MessageTypeDefinition<_fedra_v1_Participant, _fedra_v1_Participant__Output>
      RefusalReason: EnumTypeDefinition
      RoundConfig: MessageTypeDefinition<_fedra_v1_RoundConfig, _fedra_v1_RoundConfig__Output>
      RoundMetrics: MessageTypeDefinition<_fedra_v1_RoundMetrics, _fedra_v1_RoundMetrics__Output>
      RoundState: EnumTypeDefinition
      SignedRoundConfig: MessageTypeDefinition<_fedra_v1_SignedRoundConfig, _fedra_v1_SignedRoundConfig__Output>
      Stage: EnumTypeDefinition
      StageDeadlines: MessageTypeDefinition<_fedra_v1_StageDeadlines, _fedra_v1_StageDeadlines__Output>
    }
  }
  google: {
    protobuf: {
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

