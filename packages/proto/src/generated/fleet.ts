import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from './fedra/v1/AttemptRef.js';
import type { CancelTask as _fedra_v1_CancelTask, CancelTask__Output as _fedra_v1_CancelTask__Output } from './fedra/v1/CancelTask.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from './fedra/v1/Chunk.js';
import type { ConsistencyRequest as _fedra_v1_ConsistencyRequest, ConsistencyRequest__Output as _fedra_v1_ConsistencyRequest__Output } from './fedra/v1/ConsistencyRequest.js';
import type { ConsistencyResponse as _fedra_v1_ConsistencyResponse, ConsistencyResponse__Output as _fedra_v1_ConsistencyResponse__Output } from './fedra/v1/ConsistencyResponse.js';
import type { DatasetInfo as _fedra_v1_DatasetInfo, DatasetInfo__Output as _fedra_v1_DatasetInfo__Output } from './fedra/v1/DatasetInfo.js';
import type { DeviceInfo as _fedra_v1_DeviceInfo, DeviceInfo__Output as _fedra_v1_DeviceInfo__Output } from './fedra/v1/DeviceInfo.js';
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from './fedra/v1/DownloadModelResponse.js';
import type { DrainTask as _fedra_v1_DrainTask, DrainTask__Output as _fedra_v1_DrainTask__Output } from './fedra/v1/DrainTask.js';
import type { EncryptedShare as _fedra_v1_EncryptedShare, EncryptedShare__Output as _fedra_v1_EncryptedShare__Output } from './fedra/v1/EncryptedShare.js';
import type { FleetServiceClient as _fedra_v1_FleetServiceClient, FleetServiceDefinition as _fedra_v1_FleetServiceDefinition } from './fedra/v1/FleetService.js';
import type { FleetServiceDownloadModelRequest as _fedra_v1_FleetServiceDownloadModelRequest, FleetServiceDownloadModelRequest__Output as _fedra_v1_FleetServiceDownloadModelRequest__Output } from './fedra/v1/FleetServiceDownloadModelRequest.js';
import type { GetShareKeysRequest as _fedra_v1_GetShareKeysRequest, GetShareKeysRequest__Output as _fedra_v1_GetShareKeysRequest__Output } from './fedra/v1/GetShareKeysRequest.js';
import type { GetShareKeysResponse as _fedra_v1_GetShareKeysResponse, GetShareKeysResponse__Output as _fedra_v1_GetShareKeysResponse__Output } from './fedra/v1/GetShareKeysResponse.js';
import type { GetSharesRequest as _fedra_v1_GetSharesRequest, GetSharesRequest__Output as _fedra_v1_GetSharesRequest__Output } from './fedra/v1/GetSharesRequest.js';
import type { GetSharesResponse as _fedra_v1_GetSharesResponse, GetSharesResponse__Output as _fedra_v1_GetSharesResponse__Output } from './fedra/v1/GetSharesResponse.js';
import type { GetSurvivorSetRequest as _fedra_v1_GetSurvivorSetRequest, GetSurvivorSetRequest__Output as _fedra_v1_GetSurvivorSetRequest__Output } from './fedra/v1/GetSurvivorSetRequest.js';
import type { GetSurvivorSetResponse as _fedra_v1_GetSurvivorSetResponse, GetSurvivorSetResponse__Output as _fedra_v1_GetSurvivorSetResponse__Output } from './fedra/v1/GetSurvivorSetResponse.js';
import type { GetUnmaskRequestRequest as _fedra_v1_GetUnmaskRequestRequest, GetUnmaskRequestRequest__Output as _fedra_v1_GetUnmaskRequestRequest__Output } from './fedra/v1/GetUnmaskRequestRequest.js';
import type { GetUnmaskRequestResponse as _fedra_v1_GetUnmaskRequestResponse, GetUnmaskRequestResponse__Output as _fedra_v1_GetUnmaskRequestResponse__Output } from './fedra/v1/GetUnmaskRequestResponse.js';
import type { GetUploadOffsetRequest as _fedra_v1_GetUploadOffsetRequest, GetUploadOffsetRequest__Output as _fedra_v1_GetUploadOffsetRequest__Output } from './fedra/v1/GetUploadOffsetRequest.js';
import type { GetUploadOffsetResponse as _fedra_v1_GetUploadOffsetResponse, GetUploadOffsetResponse__Output as _fedra_v1_GetUploadOffsetResponse__Output } from './fedra/v1/GetUploadOffsetResponse.js';
import type { HeartbeatRequest as _fedra_v1_HeartbeatRequest, HeartbeatRequest__Output as _fedra_v1_HeartbeatRequest__Output } from './fedra/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _fedra_v1_HeartbeatResponse, HeartbeatResponse__Output as _fedra_v1_HeartbeatResponse__Output } from './fedra/v1/HeartbeatResponse.js';
import type { IncomingShare as _fedra_v1_IncomingShare, IncomingShare__Output as _fedra_v1_IncomingShare__Output } from './fedra/v1/IncomingShare.js';
import type { LaneSpec as _fedra_v1_LaneSpec, LaneSpec__Output as _fedra_v1_LaneSpec__Output } from './fedra/v1/LaneSpec.js';
import type { MaskedUploadStart as _fedra_v1_MaskedUploadStart, MaskedUploadStart__Output as _fedra_v1_MaskedUploadStart__Output } from './fedra/v1/MaskedUploadStart.js';
import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from './fedra/v1/ModelVersion.js';
import type { Participant as _fedra_v1_Participant, Participant__Output as _fedra_v1_Participant__Output } from './fedra/v1/Participant.js';
import type { PeerIdentity as _fedra_v1_PeerIdentity, PeerIdentity__Output as _fedra_v1_PeerIdentity__Output } from './fedra/v1/PeerIdentity.js';
import type { RegisterRequest as _fedra_v1_RegisterRequest, RegisterRequest__Output as _fedra_v1_RegisterRequest__Output } from './fedra/v1/RegisterRequest.js';
import type { RegisterResponse as _fedra_v1_RegisterResponse, RegisterResponse__Output as _fedra_v1_RegisterResponse__Output } from './fedra/v1/RegisterResponse.js';
import type { ReportRefusalRequest as _fedra_v1_ReportRefusalRequest, ReportRefusalRequest__Output as _fedra_v1_ReportRefusalRequest__Output } from './fedra/v1/ReportRefusalRequest.js';
import type { ReportRefusalResponse as _fedra_v1_ReportRefusalResponse, ReportRefusalResponse__Output as _fedra_v1_ReportRefusalResponse__Output } from './fedra/v1/ReportRefusalResponse.js';
import type { RevealedShare as _fedra_v1_RevealedShare, RevealedShare__Output as _fedra_v1_RevealedShare__Output } from './fedra/v1/RevealedShare.js';
import type { RoundConfig as _fedra_v1_RoundConfig, RoundConfig__Output as _fedra_v1_RoundConfig__Output } from './fedra/v1/RoundConfig.js';
import type { RoundInvitation as _fedra_v1_RoundInvitation, RoundInvitation__Output as _fedra_v1_RoundInvitation__Output } from './fedra/v1/RoundInvitation.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from './fedra/v1/RoundMetrics.js';
import type { SetupMessage as _fedra_v1_SetupMessage, SetupMessage__Output as _fedra_v1_SetupMessage__Output } from './fedra/v1/SetupMessage.js';
import type { ShareKeysMessage as _fedra_v1_ShareKeysMessage, ShareKeysMessage__Output as _fedra_v1_ShareKeysMessage__Output } from './fedra/v1/ShareKeysMessage.js';
import type { SignedRoundConfig as _fedra_v1_SignedRoundConfig, SignedRoundConfig__Output as _fedra_v1_SignedRoundConfig__Output } from './fedra/v1/SignedRoundConfig.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from './fedra/v1/StageDeadlines.js';
import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from './fedra/v1/StageHeader.js';
import type { StageOpened as _fedra_v1_StageOpened, StageOpened__Output as _fedra_v1_StageOpened__Output } from './fedra/v1/StageOpened.js';
import type { StreamTasksRequest as _fedra_v1_StreamTasksRequest, StreamTasksRequest__Output as _fedra_v1_StreamTasksRequest__Output } from './fedra/v1/StreamTasksRequest.js';
import type { StreamTasksResponse as _fedra_v1_StreamTasksResponse, StreamTasksResponse__Output as _fedra_v1_StreamTasksResponse__Output } from './fedra/v1/StreamTasksResponse.js';
import type { SubmitSetupRequest as _fedra_v1_SubmitSetupRequest, SubmitSetupRequest__Output as _fedra_v1_SubmitSetupRequest__Output } from './fedra/v1/SubmitSetupRequest.js';
import type { SubmitSetupResponse as _fedra_v1_SubmitSetupResponse, SubmitSetupResponse__Output as _fedra_v1_SubmitSetupResponse__Output } from './fedra/v1/SubmitSetupResponse.js';
import type { SubmitSharesRequest as _fedra_v1_SubmitSharesRequest, SubmitSharesRequest__Output as _fedra_v1_SubmitSharesRequest__Output } from './fedra/v1/SubmitSharesRequest.js';
import type { SubmitSharesResponse as _fedra_v1_SubmitSharesResponse, SubmitSharesResponse__Output as _fedra_v1_SubmitSharesResponse__Output } from './fedra/v1/SubmitSharesResponse.js';
import type { SubmitSurvivorSignatureRequest as _fedra_v1_SubmitSurvivorSignatureRequest, SubmitSurvivorSignatureRequest__Output as _fedra_v1_SubmitSurvivorSignatureRequest__Output } from './fedra/v1/SubmitSurvivorSignatureRequest.js';
import type { SubmitSurvivorSignatureResponse as _fedra_v1_SubmitSurvivorSignatureResponse, SubmitSurvivorSignatureResponse__Output as _fedra_v1_SubmitSurvivorSignatureResponse__Output } from './fedra/v1/SubmitSurvivorSignatureResponse.js';
import type { SubmitUnmaskRequest as _fedra_v1_SubmitUnmaskRequest, SubmitUnmaskRequest__Output as _fedra_v1_SubmitUnmaskRequest__Output } from './fedra/v1/SubmitUnmaskRequest.js';
import type { SubmitUnmaskResponse as _fedra_v1_SubmitUnmaskResponse, SubmitUnmaskResponse__Output as _fedra_v1_SubmitUnmaskResponse__Output } from './fedra/v1/SubmitUnmaskResponse.js';
import type { SurvivorSignature as _fedra_v1_SurvivorSignature, SurvivorSignature__Output as _fedra_v1_SurvivorSignature__Output } from './fedra/v1/SurvivorSignature.js';
import type { UnmaskRequest as _fedra_v1_UnmaskRequest, UnmaskRequest__Output as _fedra_v1_UnmaskRequest__Output } from './fedra/v1/UnmaskRequest.js';
import type { UnmaskResponse as _fedra_v1_UnmaskResponse, UnmaskResponse__Output as _fedra_v1_UnmaskResponse__Output } from './fedra/v1/UnmaskResponse.js';
import type { UploadMaskedRequest as _fedra_v1_UploadMaskedRequest, UploadMaskedRequest__Output as _fedra_v1_UploadMaskedRequest__Output } from './fedra/v1/UploadMaskedRequest.js';
import type { UploadMaskedResponse as _fedra_v1_UploadMaskedResponse, UploadMaskedResponse__Output as _fedra_v1_UploadMaskedResponse__Output } from './fedra/v1/UploadMaskedResponse.js';
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
      CancelReason: EnumTypeDefinition
      CancelTask: MessageTypeDefinition<_fedra_v1_CancelTask, _fedra_v1_CancelTask__Output>
      Chunk: MessageTypeDefinition<_fedra_v1_Chunk, _fedra_v1_Chunk__Output>
      ConsistencyRequest: MessageTypeDefinition<_fedra_v1_ConsistencyRequest, _fedra_v1_ConsistencyRequest__Output>
      ConsistencyResponse: MessageTypeDefinition<_fedra_v1_ConsistencyResponse, _fedra_v1_ConsistencyResponse__Output>
      DatasetInfo: MessageTypeDefinition<_fedra_v1_DatasetInfo, _fedra_v1_DatasetInfo__Output>
      DeviceInfo: MessageTypeDefinition<_fedra_v1_DeviceInfo, _fedra_v1_DeviceInfo__Output>
      DownloadModelResponse: MessageTypeDefinition<_fedra_v1_DownloadModelResponse, _fedra_v1_DownloadModelResponse__Output>
      DrainTask: MessageTypeDefinition<_fedra_v1_DrainTask, _fedra_v1_DrainTask__Output>
      DropReason: EnumTypeDefinition
      EncryptedShare: MessageTypeDefinition<_fedra_v1_EncryptedShare, _fedra_v1_EncryptedShare__Output>
      /**
       * The worker-facing service. Callers authenticate with a worker certificate
       * (SAN spiffe://<federation>/region/<region>/worker/<id>); the coordinator
       * takes the worker's id and region from it, never from a request. A typical
       * worker calls Register, keeps StreamTasks open, sends Heartbeat on the
       * interval it was given, and answers each task with the stage RPCs below.
       */
      FleetService: SubtypeConstructor<typeof grpc.Client, _fedra_v1_FleetServiceClient> & { service: _fedra_v1_FleetServiceDefinition }
      FleetServiceDownloadModelRequest: MessageTypeDefinition<_fedra_v1_FleetServiceDownloadModelRequest, _fedra_v1_FleetServiceDownloadModelRequest__Output>
      GetShareKeysRequest: MessageTypeDefinition<_fedra_v1_GetShareKeysRequest, _fedra_v1_GetShareKeysRequest__Output>
      GetShareKeysResponse: MessageTypeDefinition<_fedra_v1_GetShareKeysResponse, _fedra_v1_GetShareKeysResponse__Output>
      GetSharesRequest: MessageTypeDefinition<_fedra_v1_GetSharesRequest, _fedra_v1_GetSharesRequest__Output>
      GetSharesResponse: MessageTypeDefinition<_fedra_v1_GetSharesResponse, _fedra_v1_GetSharesResponse__Output>
      GetSurvivorSetRequest: MessageTypeDefinition<_fedra_v1_GetSurvivorSetRequest, _fedra_v1_GetSurvivorSetRequest__Output>
      GetSurvivorSetResponse: MessageTypeDefinition<_fedra_v1_GetSurvivorSetResponse, _fedra_v1_GetSurvivorSetResponse__Output>
      GetUnmaskRequestRequest: MessageTypeDefinition<_fedra_v1_GetUnmaskRequestRequest, _fedra_v1_GetUnmaskRequestRequest__Output>
      GetUnmaskRequestResponse: MessageTypeDefinition<_fedra_v1_GetUnmaskRequestResponse, _fedra_v1_GetUnmaskRequestResponse__Output>
      GetUploadOffsetRequest: MessageTypeDefinition<_fedra_v1_GetUploadOffsetRequest, _fedra_v1_GetUploadOffsetRequest__Output>
      GetUploadOffsetResponse: MessageTypeDefinition<_fedra_v1_GetUploadOffsetResponse, _fedra_v1_GetUploadOffsetResponse__Output>
      HeartbeatRequest: MessageTypeDefinition<_fedra_v1_HeartbeatRequest, _fedra_v1_HeartbeatRequest__Output>
      HeartbeatResponse: MessageTypeDefinition<_fedra_v1_HeartbeatResponse, _fedra_v1_HeartbeatResponse__Output>
      IncomingShare: MessageTypeDefinition<_fedra_v1_IncomingShare, _fedra_v1_IncomingShare__Output>
      LaneSpec: MessageTypeDefinition<_fedra_v1_LaneSpec, _fedra_v1_LaneSpec__Output>
      MaskedUploadStart: MessageTypeDefinition<_fedra_v1_MaskedUploadStart, _fedra_v1_MaskedUploadStart__Output>
      ModelVersion: MessageTypeDefinition<_fedra_v1_ModelVersion, _fedra_v1_ModelVersion__Output>
      Participant: MessageTypeDefinition<_fedra_v1_Participant, _fedra_v1_Participant__Output>
      PeerIdentity: MessageTypeDefinition<_fedra_v1_PeerIdentity, _fedra_v1_PeerIdentity__Output>
      RefusalReason: EnumTypeDefinition
      RegisterRequest: MessageTypeDefinition<_fedra_v1_RegisterRequest, _fedra_v1_RegisterRequest__Output>
      RegisterResponse: MessageTypeDefinition<_fedra_v1_RegisterResponse, _fedra_v1_RegisterResponse__Output>
      ReportRefusalRequest: MessageTypeDefinition<_fedra_v1_ReportRefusalRequest, _fedra_v1_ReportRefusalRequest__Output>
      ReportRefusalResponse: MessageTypeDefinition<_fedra_v1_ReportRefusalResponse, _fedra_v1_ReportRefusalResponse__Output>
      RevealedShare: MessageTypeDefinition<_fedra_v1_RevealedShare, _fedra_v1_RevealedShare__Output>
      RoundConfig: MessageTypeDefinition<_fedra_v1_RoundConfig, _fedra_v1_RoundConfig__Output>
      RoundInvitation: MessageTypeDefinition<_fedra_v1_RoundInvitation, _fedra_v1_RoundInvitation__Output>
      RoundMetrics: MessageTypeDefinition<_fedra_v1_RoundMetrics, _fedra_v1_RoundMetrics__Output>
      RoundState: EnumTypeDefinition
      SetupMessage: MessageTypeDefinition<_fedra_v1_SetupMessage, _fedra_v1_SetupMessage__Output>
      ShareKeysMessage: MessageTypeDefinition<_fedra_v1_ShareKeysMessage, _fedra_v1_ShareKeysMessage__Output>
      SignedRoundConfig: MessageTypeDefinition<_fedra_v1_SignedRoundConfig, _fedra_v1_SignedRoundConfig__Output>
      Stage: EnumTypeDefinition
      StageDeadlines: MessageTypeDefinition<_fedra_v1_StageDeadlines, _fedra_v1_StageDeadlines__Output>
      StageHeader: MessageTypeDefinition<_fedra_v1_StageHeader, _fedra_v1_StageHeader__Output>
      StageOpened: MessageTypeDefinition<_fedra_v1_StageOpened, _fedra_v1_StageOpened__Output>
      StreamTasksRequest: MessageTypeDefinition<_fedra_v1_StreamTasksRequest, _fedra_v1_StreamTasksRequest__Output>
      StreamTasksResponse: MessageTypeDefinition<_fedra_v1_StreamTasksResponse, _fedra_v1_StreamTasksResponse__Output>
      SubmitSetupRequest: MessageTypeDefinition<_fedra_v1_SubmitSetupRequest, _fedra_v1_SubmitSetupRequest__Output>
      SubmitSetupResponse: MessageTypeDefinition<_fedra_v1_SubmitSetupResponse, _fedra_v1_SubmitSetupResponse__Output>
      SubmitSharesRequest: MessageTypeDefinition<_fedra_v1_SubmitSharesRequest, _fedra_v1_SubmitSharesRequest__Output>
      SubmitSharesResponse: MessageTypeDefinition<_fedra_v1_SubmitSharesResponse, _fedra_v1_SubmitSharesResponse__Output>
      SubmitSurvivorSignatureRequest: MessageTypeDefinition<_fedra_v1_SubmitSurvivorSignatureRequest, _fedra_v1_SubmitSurvivorSignatureRequest__Output>
      SubmitSurvivorSignatureResponse: MessageTypeDefinition<_fedra_v1_SubmitSurvivorSignatureResponse, _fedra_v1_SubmitSurvivorSignatureResponse__Output>
      SubmitUnmaskRequest: MessageTypeDefinition<_fedra_v1_SubmitUnmaskRequest, _fedra_v1_SubmitUnmaskRequest__Output>
      SubmitUnmaskResponse: MessageTypeDefinition<_fedra_v1_SubmitUnmaskResponse, _fedra_v1_SubmitUnmaskResponse__Output>
      SurvivorSignature: MessageTypeDefinition<_fedra_v1_SurvivorSignature, _fedra_v1_SurvivorSignature__Output>
      TrainingBackend: EnumTypeDefinition
      UnmaskRequest: MessageTypeDefinition<_fedra_v1_UnmaskRequest, _fedra_v1_UnmaskRequest__Output>
      UnmaskResponse: MessageTypeDefinition<_fedra_v1_UnmaskResponse, _fedra_v1_UnmaskResponse__Output>
      UploadMaskedRequest: MessageTypeDefinition<_fedra_v1_UploadMaskedRequest, _fedra_v1_UploadMaskedRequest__Output>
      UploadMaskedResponse: MessageTypeDefinition<_fedra_v1_UploadMaskedResponse, _fedra_v1_UploadMaskedResponse__Output>
      WorkerActivity: EnumTypeDefinition
    }
  }
  google: {
    protobuf: {
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

