import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from './fedra/v1/AttemptRef.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from './fedra/v1/Chunk.js';
import type { ConsistencyRequest as _fedra_v1_ConsistencyRequest, ConsistencyRequest__Output as _fedra_v1_ConsistencyRequest__Output } from './fedra/v1/ConsistencyRequest.js';
import type { ConsistencyResponse as _fedra_v1_ConsistencyResponse, ConsistencyResponse__Output as _fedra_v1_ConsistencyResponse__Output } from './fedra/v1/ConsistencyResponse.js';
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from './fedra/v1/DownloadModelResponse.js';
import type { EncryptedShare as _fedra_v1_EncryptedShare, EncryptedShare__Output as _fedra_v1_EncryptedShare__Output } from './fedra/v1/EncryptedShare.js';
import type { IncomingShare as _fedra_v1_IncomingShare, IncomingShare__Output as _fedra_v1_IncomingShare__Output } from './fedra/v1/IncomingShare.js';
import type { LaneSpec as _fedra_v1_LaneSpec, LaneSpec__Output as _fedra_v1_LaneSpec__Output } from './fedra/v1/LaneSpec.js';
import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from './fedra/v1/ModelVersion.js';
import type { Participant as _fedra_v1_Participant, Participant__Output as _fedra_v1_Participant__Output } from './fedra/v1/Participant.js';
import type { PeerIdentity as _fedra_v1_PeerIdentity, PeerIdentity__Output as _fedra_v1_PeerIdentity__Output } from './fedra/v1/PeerIdentity.js';
import type { RevealedShare as _fedra_v1_RevealedShare, RevealedShare__Output as _fedra_v1_RevealedShare__Output } from './fedra/v1/RevealedShare.js';
import type { RoundConfig as _fedra_v1_RoundConfig, RoundConfig__Output as _fedra_v1_RoundConfig__Output } from './fedra/v1/RoundConfig.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from './fedra/v1/RoundMetrics.js';
import type { SetupMessage as _fedra_v1_SetupMessage, SetupMessage__Output as _fedra_v1_SetupMessage__Output } from './fedra/v1/SetupMessage.js';
import type { ShareKeysMessage as _fedra_v1_ShareKeysMessage, ShareKeysMessage__Output as _fedra_v1_ShareKeysMessage__Output } from './fedra/v1/ShareKeysMessage.js';
import type { SignedRoundConfig as _fedra_v1_SignedRoundConfig, SignedRoundConfig__Output as _fedra_v1_SignedRoundConfig__Output } from './fedra/v1/SignedRoundConfig.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from './fedra/v1/StageDeadlines.js';
import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from './fedra/v1/StageHeader.js';
import type { SurvivorSignature as _fedra_v1_SurvivorSignature, SurvivorSignature__Output as _fedra_v1_SurvivorSignature__Output } from './fedra/v1/SurvivorSignature.js';
import type { UnmaskRequest as _fedra_v1_UnmaskRequest, UnmaskRequest__Output as _fedra_v1_UnmaskRequest__Output } from './fedra/v1/UnmaskRequest.js';
import type { UnmaskResponse as _fedra_v1_UnmaskResponse, UnmaskResponse__Output as _fedra_v1_UnmaskResponse__Output } from './fedra/v1/UnmaskResponse.js';
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
      ConsistencyRequest: MessageTypeDefinition<_fedra_v1_ConsistencyRequest, _fedra_v1_ConsistencyRequest__Output>
      ConsistencyResponse: MessageTypeDefinition<_fedra_v1_ConsistencyResponse, _fedra_v1_ConsistencyResponse__Output>
      DownloadModelResponse: MessageTypeDefinition<_fedra_v1_DownloadModelResponse, _fedra_v1_DownloadModelResponse__Output>
      DropReason: EnumTypeDefinition
      EncryptedShare: MessageTypeDefinition<_fedra_v1_EncryptedShare, _fedra_v1_EncryptedShare__Output>
      IncomingShare: MessageTypeDefinition<_fedra_v1_IncomingShare, _fedra_v1_IncomingShare__Output>
      LaneSpec: MessageTypeDefinition<_fedra_v1_LaneSpec, _fedra_v1_LaneSpec__Output>
      ModelVersion: MessageTypeDefinition<_fedra_v1_ModelVersion, _fedra_v1_ModelVersion__Output>
      Participant: MessageTypeDefinition<_fedra_v1_Participant, _fedra_v1_Participant__Output>
      PeerIdentity: MessageTypeDefinition<_fedra_v1_PeerIdentity, _fedra_v1_PeerIdentity__Output>
      RefusalReason: EnumTypeDefinition
      RevealedShare: MessageTypeDefinition<_fedra_v1_RevealedShare, _fedra_v1_RevealedShare__Output>
      RoundConfig: MessageTypeDefinition<_fedra_v1_RoundConfig, _fedra_v1_RoundConfig__Output>
      RoundMetrics: MessageTypeDefinition<_fedra_v1_RoundMetrics, _fedra_v1_RoundMetrics__Output>
      RoundState: EnumTypeDefinition
      SetupMessage: MessageTypeDefinition<_fedra_v1_SetupMessage, _fedra_v1_SetupMessage__Output>
      ShareKeysMessage: MessageTypeDefinition<_fedra_v1_ShareKeysMessage, _fedra_v1_ShareKeysMessage__Output>
      SignedRoundConfig: MessageTypeDefinition<_fedra_v1_SignedRoundConfig, _fedra_v1_SignedRoundConfig__Output>
      Stage: EnumTypeDefinition
      StageDeadlines: MessageTypeDefinition<_fedra_v1_StageDeadlines, _fedra_v1_StageDeadlines__Output>
      StageHeader: MessageTypeDefinition<_fedra_v1_StageHeader, _fedra_v1_StageHeader__Output>
      SurvivorSignature: MessageTypeDefinition<_fedra_v1_SurvivorSignature, _fedra_v1_SurvivorSignature__Output>
      UnmaskRequest: MessageTypeDefinition<_fedra_v1_UnmaskRequest, _fedra_v1_UnmaskRequest__Output>
      UnmaskResponse: MessageTypeDefinition<_fedra_v1_UnmaskResponse, _fedra_v1_UnmaskResponse__Output>
    }
  }
  google: {
    protobuf: {
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

