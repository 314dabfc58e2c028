import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdaptiveStrategy as _fedra_v1_AdaptiveStrategy, AdaptiveStrategy__Output as _fedra_v1_AdaptiveStrategy__Output } from './fedra/v1/AdaptiveStrategy.js';
import type { AdminServiceClient as _fedra_v1_AdminServiceClient, AdminServiceDefinition as _fedra_v1_AdminServiceDefinition } from './fedra/v1/AdminService.js';
import type { AttemptAbortedEvent as _fedra_v1_AttemptAbortedEvent, AttemptAbortedEvent__Output as _fedra_v1_AttemptAbortedEvent__Output } from './fedra/v1/AttemptAbortedEvent.js';
import type { AttemptRef as _fedra_v1_AttemptRef, AttemptRef__Output as _fedra_v1_AttemptRef__Output } from './fedra/v1/AttemptRef.js';
import type { AuditAttribute as _fedra_v1_AuditAttribute, AuditAttribute__Output as _fedra_v1_AuditAttribute__Output } from './fedra/v1/AuditAttribute.js';
import type { AuditChainBreak as _fedra_v1_AuditChainBreak, AuditChainBreak__Output as _fedra_v1_AuditChainBreak__Output } from './fedra/v1/AuditChainBreak.js';
import type { AuditRecord as _fedra_v1_AuditRecord, AuditRecord__Output as _fedra_v1_AuditRecord__Output } from './fedra/v1/AuditRecord.js';
import type { CancelExperimentRequest as _fedra_v1_CancelExperimentRequest, CancelExperimentRequest__Output as _fedra_v1_CancelExperimentRequest__Output } from './fedra/v1/CancelExperimentRequest.js';
import type { CancelExperimentResponse as _fedra_v1_CancelExperimentResponse, CancelExperimentResponse__Output as _fedra_v1_CancelExperimentResponse__Output } from './fedra/v1/CancelExperimentResponse.js';
import type { CancelTask as _fedra_v1_CancelTask, CancelTask__Output as _fedra_v1_CancelTask__Output } from './fedra/v1/CancelTask.js';
import type { Chunk as _fedra_v1_Chunk, Chunk__Output as _fedra_v1_Chunk__Output } from './fedra/v1/Chunk.js';
import type { ConsistencyRequest as _fedra_v1_ConsistencyRequest, ConsistencyRequest__Output as _fedra_v1_ConsistencyRequest__Output } from './fedra/v1/ConsistencyRequest.js';
import type { ConsistencyResponse as _fedra_v1_ConsistencyResponse, ConsistencyResponse__Output as _fedra_v1_ConsistencyResponse__Output } from './fedra/v1/ConsistencyResponse.js';
import type { CreateExperimentRequest as _fedra_v1_CreateExperimentRequest, CreateExperimentRequest__Output as _fedra_v1_CreateExperimentRequest__Output } from './fedra/v1/CreateExperimentRequest.js';
import type { CreateExperimentResponse as _fedra_v1_CreateExperimentResponse, CreateExperimentResponse__Output as _fedra_v1_CreateExperimentResponse__Output } from './fedra/v1/CreateExperimentResponse.js';
import type { CreateExperimentStart as _fedra_v1_CreateExperimentStart, CreateExperimentStart__Output as _fedra_v1_CreateExperimentStart__Output } from './fedra/v1/CreateExperimentStart.js';
import type { DatasetInfo as _fedra_v1_DatasetInfo, DatasetInfo__Output as _fedra_v1_DatasetInfo__Output } from './fedra/v1/DatasetInfo.js';
import type { DatasetSpec as _fedra_v1_DatasetSpec, DatasetSpec__Output as _fedra_v1_DatasetSpec__Output } from './fedra/v1/DatasetSpec.js';
import type { DeviceInfo as _fedra_v1_DeviceInfo, DeviceInfo__Output as _fedra_v1_DeviceInfo__Output } from './fedra/v1/DeviceInfo.js';
import type { DownloadModelRequest as _fedra_v1_DownloadModelRequest, DownloadModelRequest__Output as _fedra_v1_DownloadModelRequest__Output } from './fedra/v1/DownloadModelRequest.js';
import type { DownloadModelResponse as _fedra_v1_DownloadModelResponse, DownloadModelResponse__Output as _fedra_v1_DownloadModelResponse__Output } from './fedra/v1/DownloadModelResponse.js';
import type { DrainTask as _fedra_v1_DrainTask, DrainTask__Output as _fedra_v1_DrainTask__Output } from './fedra/v1/DrainTask.js';
import type { DrainWorkerRequest as _fedra_v1_DrainWorkerRequest, DrainWorkerRequest__Output as _fedra_v1_DrainWorkerRequest__Output } from './fedra/v1/DrainWorkerRequest.js';
import type { DrainWorkerResponse as _fedra_v1_DrainWorkerResponse, DrainWorkerResponse__Output as _fedra_v1_DrainWorkerResponse__Output } from './fedra/v1/DrainWorkerResponse.js';
import type { EncryptedShare as _fedra_v1_EncryptedShare, EncryptedShare__Output as _fedra_v1_EncryptedShare__Output } from './fedra/v1/EncryptedShare.js';
import type { EvictWorkerRequest as _fedra_v1_EvictWorkerRequest, EvictWorkerRequest__Output as _fedra_v1_EvictWorkerRequest__Output } from './fedra/v1/EvictWorkerRequest.js';
import type { EvictWorkerResponse as _fedra_v1_EvictWorkerResponse, EvictWorkerResponse__Output as _fedra_v1_EvictWorkerResponse__Output } from './fedra/v1/EvictWorkerResponse.js';
import type { Experiment as _fedra_v1_Experiment, Experiment__Output as _fedra_v1_Experiment__Output } from './fedra/v1/Experiment.js';
import type { ExperimentFinishedEvent as _fedra_v1_ExperimentFinishedEvent, ExperimentFinishedEvent__Output as _fedra_v1_ExperimentFinishedEvent__Output } from './fedra/v1/ExperimentFinishedEvent.js';
import type { ExperimentMetadata as _fedra_v1_ExperimentMetadata, ExperimentMetadata__Output as _fedra_v1_ExperimentMetadata__Output } from './fedra/v1/ExperimentMetadata.js';
import type { ExperimentServiceClient as _fedra_v1_ExperimentServiceClient, ExperimentServiceDefinition as _fedra_v1_ExperimentServiceDefinition } from './fedra/v1/ExperimentService.js';
import type { ExperimentSpec as _fedra_v1_ExperimentSpec, ExperimentSpec__Output as _fedra_v1_ExperimentSpec__Output } from './fedra/v1/ExperimentSpec.js';
import type { FedAvgMStrategy as _fedra_v1_FedAvgMStrategy, FedAvgMStrategy__Output as _fedra_v1_FedAvgMStrategy__Output } from './fedra/v1/FedAvgMStrategy.js';
import type { FedAvgStrategy as _fedra_v1_FedAvgStrategy, FedAvgStrategy__Output as _fedra_v1_FedAvgStrategy__Output } from './fedra/v1/FedAvgStrategy.js';
import type { FleetServiceClient as _fedra_v1_FleetServiceClient, FleetServiceDefinition as _fedra_v1_FleetServiceDefinition } from './fedra/v1/FleetService.js';
import type { FleetServiceDownloadModelRequest as _fedra_v1_FleetServiceDownloadModelRequest, FleetServiceDownloadModelRequest__Output as _fedra_v1_FleetServiceDownloadModelRequest__Output } from './fedra/v1/FleetServiceDownloadModelRequest.js';
import type { GetClusterStatusRequest as _fedra_v1_GetClusterStatusRequest, GetClusterStatusRequest__Output as _fedra_v1_GetClusterStatusRequest__Output } from './fedra/v1/GetClusterStatusRequest.js';
import type { GetClusterStatusResponse as _fedra_v1_GetClusterStatusResponse, GetClusterStatusResponse__Output as _fedra_v1_GetClusterStatusResponse__Output } from './fedra/v1/GetClusterStatusResponse.js';
import type { GetExperimentRequest as _fedra_v1_GetExperimentRequest, GetExperimentRequest__Output as _fedra_v1_GetExperimentRequest__Output } from './fedra/v1/GetExperimentRequest.js';
import type { GetExperimentResponse as _fedra_v1_GetExperimentResponse, GetExperimentResponse__Output as _fedra_v1_GetExperimentResponse__Output } from './fedra/v1/GetExperimentResponse.js';
import type { GetHistoryRequest as _fedra_v1_GetHistoryRequest, GetHistoryRequest__Output as _fedra_v1_GetHistoryRequest__Output } from './fedra/v1/GetHistoryRequest.js';
import type { GetHistoryResponse as _fedra_v1_GetHistoryResponse, GetHistoryResponse__Output as _fedra_v1_GetHistoryResponse__Output } from './fedra/v1/GetHistoryResponse.js';
import type { GetRegionPolicyRequest as _fedra_v1_GetRegionPolicyRequest, GetRegionPolicyRequest__Output as _fedra_v1_GetRegionPolicyRequest__Output } from './fedra/v1/GetRegionPolicyRequest.js';
import type { GetRegionPolicyResponse as _fedra_v1_GetRegionPolicyResponse, GetRegionPolicyResponse__Output as _fedra_v1_GetRegionPolicyResponse__Output } from './fedra/v1/GetRegionPolicyResponse.js';
import type { GetRoundRequest as _fedra_v1_GetRoundRequest, GetRoundRequest__Output as _fedra_v1_GetRoundRequest__Output } from './fedra/v1/GetRoundRequest.js';
import type { GetRoundResponse as _fedra_v1_GetRoundResponse, GetRoundResponse__Output as _fedra_v1_GetRoundResponse__Output } from './fedra/v1/GetRoundResponse.js';
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
import type { GetWorkerRequest as _fedra_v1_GetWorkerRequest, GetWorkerRequest__Output as _fedra_v1_GetWorkerRequest__Output } from './fedra/v1/GetWorkerRequest.js';
import type { GetWorkerResponse as _fedra_v1_GetWorkerResponse, GetWorkerResponse__Output as _fedra_v1_GetWorkerResponse__Output } from './fedra/v1/GetWorkerResponse.js';
import type { HeartbeatRequest as _fedra_v1_HeartbeatRequest, HeartbeatRequest__Output as _fedra_v1_HeartbeatRequest__Output } from './fedra/v1/HeartbeatRequest.js';
import type { HeartbeatResponse as _fedra_v1_HeartbeatResponse, HeartbeatResponse__Output as _fedra_v1_HeartbeatResponse__Output } from './fedra/v1/HeartbeatResponse.js';
import type { HistoryEntry as _fedra_v1_HistoryEntry, HistoryEntry__Output as _fedra_v1_HistoryEntry__Output } from './fedra/v1/HistoryEntry.js';
import type { IncomingShare as _fedra_v1_IncomingShare, IncomingShare__Output as _fedra_v1_IncomingShare__Output } from './fedra/v1/IncomingShare.js';
import type { LaneScales as _fedra_v1_LaneScales, LaneScales__Output as _fedra_v1_LaneScales__Output } from './fedra/v1/LaneScales.js';
import type { LaneSpec as _fedra_v1_LaneSpec, LaneSpec__Output as _fedra_v1_LaneSpec__Output } from './fedra/v1/LaneSpec.js';
import type { ListAuditRecordsRequest as _fedra_v1_ListAuditRecordsRequest, ListAuditRecordsRequest__Output as _fedra_v1_ListAuditRecordsRequest__Output } from './fedra/v1/ListAuditRecordsRequest.js';
import type { ListAuditRecordsResponse as _fedra_v1_ListAuditRecordsResponse, ListAuditRecordsResponse__Output as _fedra_v1_ListAuditRecordsResponse__Output } from './fedra/v1/ListAuditRecordsResponse.js';
import type { ListExperimentsRequest as _fedra_v1_ListExperimentsRequest, ListExperimentsRequest__Output as _fedra_v1_ListExperimentsRequest__Output } from './fedra/v1/ListExperimentsRequest.js';
import type { ListExperimentsResponse as _fedra_v1_ListExperimentsResponse, ListExperimentsResponse__Output as _fedra_v1_ListExperimentsResponse__Output } from './fedra/v1/ListExperimentsResponse.js';
import type { ListRoundsRequest as _fedra_v1_ListRoundsRequest, ListRoundsRequest__Output as _fedra_v1_ListRoundsRequest__Output } from './fedra/v1/ListRoundsRequest.js';
import type { ListRoundsResponse as _fedra_v1_ListRoundsResponse, ListRoundsResponse__Output as _fedra_v1_ListRoundsResponse__Output } from './fedra/v1/ListRoundsResponse.js';
import type { ListWorkersRequest as _fedra_v1_ListWorkersRequest, ListWorkersRequest__Output as _fedra_v1_ListWorkersRequest__Output } from './fedra/v1/ListWorkersRequest.js';
import type { ListWorkersResponse as _fedra_v1_ListWorkersResponse, ListWorkersResponse__Output as _fedra_v1_ListWorkersResponse__Output } from './fedra/v1/ListWorkersResponse.js';
import type { MaskedUploadStart as _fedra_v1_MaskedUploadStart, MaskedUploadStart__Output as _fedra_v1_MaskedUploadStart__Output } from './fedra/v1/MaskedUploadStart.js';
import type { ModelSpec as _fedra_v1_ModelSpec, ModelSpec__Output as _fedra_v1_ModelSpec__Output } from './fedra/v1/ModelSpec.js';
import type { ModelVersion as _fedra_v1_ModelVersion, ModelVersion__Output as _fedra_v1_ModelVersion__Output } from './fedra/v1/ModelVersion.js';
import type { Participant as _fedra_v1_Participant, Participant__Output as _fedra_v1_Participant__Output } from './fedra/v1/Participant.js';
import type { ParticipantDroppedEvent as _fedra_v1_ParticipantDroppedEvent, ParticipantDroppedEvent__Output as _fedra_v1_ParticipantDroppedEvent__Output } from './fedra/v1/ParticipantDroppedEvent.js';
import type { ParticipantStatus as _fedra_v1_ParticipantStatus, ParticipantStatus__Output as _fedra_v1_ParticipantStatus__Output } from './fedra/v1/ParticipantStatus.js';
import type { PeerIdentity as _fedra_v1_PeerIdentity, PeerIdentity__Output as _fedra_v1_PeerIdentity__Output } from './fedra/v1/PeerIdentity.js';
import type { QueueStatus as _fedra_v1_QueueStatus, QueueStatus__Output as _fedra_v1_QueueStatus__Output } from './fedra/v1/QueueStatus.js';
import type { RedisStatus as _fedra_v1_RedisStatus, RedisStatus__Output as _fedra_v1_RedisStatus__Output } from './fedra/v1/RedisStatus.js';
import type { RegionPolicy as _fedra_v1_RegionPolicy, RegionPolicy__Output as _fedra_v1_RegionPolicy__Output } from './fedra/v1/RegionPolicy.js';
import type { RegionQuota as _fedra_v1_RegionQuota, RegionQuota__Output as _fedra_v1_RegionQuota__Output } from './fedra/v1/RegionQuota.js';
import type { RegisterRequest as _fedra_v1_RegisterRequest, RegisterRequest__Output as _fedra_v1_RegisterRequest__Output } from './fedra/v1/RegisterRequest.js';
import type { RegisterResponse as _fedra_v1_RegisterResponse, RegisterResponse__Output as _fedra_v1_RegisterResponse__Output } from './fedra/v1/RegisterResponse.js';
import type { ReplicaStatus as _fedra_v1_ReplicaStatus, ReplicaStatus__Output as _fedra_v1_ReplicaStatus__Output } from './fedra/v1/ReplicaStatus.js';
import type { ReportRefusalRequest as _fedra_v1_ReportRefusalRequest, ReportRefusalRequest__Output as _fedra_v1_ReportRefusalRequest__Output } from './fedra/v1/ReportRefusalRequest.js';
import type { ReportRefusalResponse as _fedra_v1_ReportRefusalResponse, ReportRefusalResponse__Output as _fedra_v1_ReportRefusalResponse__Output } from './fedra/v1/ReportRefusalResponse.js';
import type { RevealedShare as _fedra_v1_RevealedShare, RevealedShare__Output as _fedra_v1_RevealedShare__Output } from './fedra/v1/RevealedShare.js';
import type { Round as _fedra_v1_Round, Round__Output as _fedra_v1_Round__Output } from './fedra/v1/Round.js';
import type { RoundAttempt as _fedra_v1_RoundAttempt, RoundAttempt__Output as _fedra_v1_RoundAttempt__Output } from './fedra/v1/RoundAttempt.js';
import type { RoundCommittedEvent as _fedra_v1_RoundCommittedEvent, RoundCommittedEvent__Output as _fedra_v1_RoundCommittedEvent__Output } from './fedra/v1/RoundCommittedEvent.js';
import type { RoundConfig as _fedra_v1_RoundConfig, RoundConfig__Output as _fedra_v1_RoundConfig__Output } from './fedra/v1/RoundConfig.js';
import type { RoundInvitation as _fedra_v1_RoundInvitation, RoundInvitation__Output as _fedra_v1_RoundInvitation__Output } from './fedra/v1/RoundInvitation.js';
import type { RoundMetrics as _fedra_v1_RoundMetrics, RoundMetrics__Output as _fedra_v1_RoundMetrics__Output } from './fedra/v1/RoundMetrics.js';
import type { RoundOpenedEvent as _fedra_v1_RoundOpenedEvent, RoundOpenedEvent__Output as _fedra_v1_RoundOpenedEvent__Output } from './fedra/v1/RoundOpenedEvent.js';
import type { SecAggParams as _fedra_v1_SecAggParams, SecAggParams__Output as _fedra_v1_SecAggParams__Output } from './fedra/v1/SecAggParams.js';
import type { SetRegionPolicyRequest as _fedra_v1_SetRegionPolicyRequest, SetRegionPolicyRequest__Output as _fedra_v1_SetRegionPolicyRequest__Output } from './fedra/v1/SetRegionPolicyRequest.js';
import type { SetRegionPolicyResponse as _fedra_v1_SetRegionPolicyResponse, SetRegionPolicyResponse__Output as _fedra_v1_SetRegionPolicyResponse__Output } from './fedra/v1/SetRegionPolicyResponse.js';
import type { SetupMessage as _fedra_v1_SetupMessage, SetupMessage__Output as _fedra_v1_SetupMessage__Output } from './fedra/v1/SetupMessage.js';
import type { ShareKeysMessage as _fedra_v1_ShareKeysMessage, ShareKeysMessage__Output as _fedra_v1_ShareKeysMessage__Output } from './fedra/v1/ShareKeysMessage.js';
import type { SignedRoundConfig as _fedra_v1_SignedRoundConfig, SignedRoundConfig__Output as _fedra_v1_SignedRoundConfig__Output } from './fedra/v1/SignedRoundConfig.js';
import type { StageChangedEvent as _fedra_v1_StageChangedEvent, StageChangedEvent__Output as _fedra_v1_StageChangedEvent__Output } from './fedra/v1/StageChangedEvent.js';
import type { StageDeadlines as _fedra_v1_StageDeadlines, StageDeadlines__Output as _fedra_v1_StageDeadlines__Output } from './fedra/v1/StageDeadlines.js';
import type { StageHeader as _fedra_v1_StageHeader, StageHeader__Output as _fedra_v1_StageHeader__Output } from './fedra/v1/StageHeader.js';
import type { StageOpened as _fedra_v1_StageOpened, StageOpened__Output as _fedra_v1_StageOpened__Output } from './fedra/v1/StageOpened.js';
import type { StartExperimentRequest as _fedra_v1_StartExperimentRequest, StartExperimentRequest__Output as _fedra_v1_StartExperimentRequest__Output } from './fedra/v1/StartExperimentRequest.js';
import type { StartExperimentResponse as _fedra_v1_StartExperimentResponse, StartExperimentResponse__Output as _fedra_v1_StartExperimentResponse__Output } from './fedra/v1/StartExperimentResponse.js';
import type { StrategyConfig as _fedra_v1_StrategyConfig, StrategyConfig__Output as _fedra_v1_StrategyConfig__Output } from './fedra/v1/StrategyConfig.js';
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
import type { TrainingConfig as _fedra_v1_TrainingConfig, TrainingConfig__Output as _fedra_v1_TrainingConfig__Output } from './fedra/v1/TrainingConfig.js';
import type { UnmaskRequest as _fedra_v1_UnmaskRequest, UnmaskRequest__Output as _fedra_v1_UnmaskRequest__Output } from './fedra/v1/UnmaskRequest.js';
import type { UnmaskResponse as _fedra_v1_UnmaskResponse, UnmaskResponse__Output as _fedra_v1_UnmaskResponse__Output } from './fedra/v1/UnmaskResponse.js';
import type { UploadMaskedRequest as _fedra_v1_UploadMaskedRequest, UploadMaskedRequest__Output as _fedra_v1_UploadMaskedRequest__Output } from './fedra/v1/UploadMaskedRequest.js';
import type { UploadMaskedResponse as _fedra_v1_UploadMaskedResponse, UploadMaskedResponse__Output as _fedra_v1_UploadMaskedResponse__Output } from './fedra/v1/UploadMaskedResponse.js';
import type { VerifyAuditLogRequest as _fedra_v1_VerifyAuditLogRequest, VerifyAuditLogRequest__Output as _fedra_v1_VerifyAuditLogRequest__Output } from './fedra/v1/VerifyAuditLogRequest.js';
import type { VerifyAuditLogResponse as _fedra_v1_VerifyAuditLogResponse, VerifyAuditLogResponse__Output as _fedra_v1_VerifyAuditLogResponse__Output } from './fedra/v1/VerifyAuditLogResponse.js';
import type { WatchExperimentRequest as _fedra_v1_WatchExperimentRequest, WatchExperimentRequest__Output as _fedra_v1_WatchExperimentRequest__Output } from './fedra/v1/WatchExperimentRequest.js';
import type { WatchExperimentResponse as _fedra_v1_WatchExperimentResponse, WatchExperimentResponse__Output as _fedra_v1_WatchExperimentResponse__Output } from './fedra/v1/WatchExperimentResponse.js';
import type { WeightSpec as _fedra_v1_WeightSpec, WeightSpec__Output as _fedra_v1_WeightSpec__Output } from './fedra/v1/WeightSpec.js';
import type { Worker as _fedra_v1_Worker, Worker__Output as _fedra_v1_Worker__Output } from './fedra/v1/Worker.js';
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
      /**
       * The admin-facing service. Callers authenticate with an admin certificate
       * (SAN spiffe://<federation>/admin/<name>); other roles get
       * PERMISSION_DENIED. Mutating calls carry a request_id, so a retry after a
       * lost response is safe; every mutation is written to the audit log.
       */
      AdminService: SubtypeConstructor<typeof grpc.Client, _fedra_v1_AdminServiceClient> & { service: _fedra_v1_AdminServiceDefinition }
      AttemptAbortedEvent: MessageTypeDefinition<_fedra_v1_AttemptAbortedEvent, _fedra_v1_AttemptAbortedEvent__Output>
      AttemptRef: MessageTypeDefinition<_fedra_v1_AttemptRef, _fedra_v1_AttemptRef__Output>
      AuditAction: EnumTypeDefinition
      AuditAttribute: MessageTypeDefinition<_fedra_v1_AuditAttribute, _fedra_v1_AuditAttribute__Output>
      AuditChainBreak: MessageTypeDefinition<_fedra_v1_AuditChainBreak, _fedra_v1_AuditChainBreak__Output>
      AuditRecord: MessageTypeDefinition<_fedra_v1_AuditRecord, _fedra_v1_AuditRecord__Output>
      CancelExperimentRequest: MessageTypeDefinition<_fedra_v1_CancelExperimentRequest, _fedra_v1_CancelExperimentRequest__Output>
      CancelExperimentResponse: MessageTypeDefinition<_fedra_v1_CancelExperimentResponse, _fedra_v1_CancelExperimentResponse__Output>
      CancelReason: EnumTypeDefinition
      CancelTask: MessageTypeDefinition<_fedra_v1_CancelTask, _fedra_v1_CancelTask__Output>
      Chunk: MessageTypeDefinition<_fedra_v1_Chunk, _fedra_v1_Chunk__Output>
      ConsistencyRequest: MessageTypeDefinition<_fedra_v1_ConsistencyRequest, _fedra_v1_ConsistencyRequest__Output>
      ConsistencyResponse: MessageTypeDefinition<_fedra_v1_ConsistencyResponse, _fedra_v1_ConsistencyResponse__Output>
      CreateExperimentRequest: MessageTypeDefinition<_fedra_v1_CreateExperimentRequest, _fedra_v1_CreateExperimentRequest__Output>
      CreateExperimentResponse: MessageTypeDefinition<_fedra_v1_CreateExperimentResponse, _fedra_v1_CreateExperimentResponse__Output>
      CreateExperimentStart: MessageTypeDefinition<_fedra_v1_CreateExperimentStart, _fedra_v1_CreateExperimentStart__Output>
      DatasetInfo: MessageTypeDefinition<_fedra_v1_DatasetInfo, _fedra_v1_DatasetInfo__Output>
      DatasetSpec: MessageTypeDefinition<_fedra_v1_DatasetSpec, _fedra_v1_DatasetSpec__Output>
      DeviceInfo: MessageTypeDefinition<_fedra_v1_DeviceInfo, _fedra_v1_DeviceInfo__Output>
      DownloadModelRequest: MessageTypeDefinition<_fedra_v1_DownloadModelRequest, _fedra_v1_DownloadModelRequest__Output>
      DownloadModelResponse: MessageTypeDefinition<_fedra_v1_DownloadModelResponse, _fedra_v1_DownloadModelResponse__Output>
      DrainTask: MessageTypeDefinition<_fedra_v1_DrainTask, _fedra_v1_DrainTask__Output>
      DrainWorkerRequest: MessageTypeDefinition<_fedra_v1_DrainWorkerRequest, _fedra_v1_DrainWorkerRequest__Output>
      DrainWorkerResponse: MessageTypeDefinition<_fedra_v1_DrainWorkerResponse, _fedra_v1_DrainWorkerResponse__Output>
      DropReason: EnumTypeDefinition
      EncryptedShare: MessageTypeDefinition<_fedra_v1_EncryptedShare, _fedra_v1_EncryptedShare__Output>
      EvictWorkerRequest: MessageTypeDefinition<_fedra_v1_EvictWorkerRequest, _fedra_v1_EvictWorkerRequest__Output>
      EvictWorkerResponse: MessageTypeDefinition<_fedra_v1_EvictWorkerResponse, _fedra_v1_EvictWorkerResponse__Output>
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
      /**
       * The worker-facing service. Callers authenticate with a worker certificate
       * (SAN spiffe://<federation>/region/<region>/worker/<id>); the coordinator
       * takes the worker's id and region from it, never from a request. A typical
       * worker calls Register, keeps StreamTasks open, sends Heartbeat on the
       * interval it was given, and answers each task with the stage RPCs below.
       */
      FleetService: SubtypeConstructor<typeof grpc.Client, _fedra_v1_FleetServiceClient> & { service: _fedra_v1_FleetServiceDefinition }
      FleetServiceDownloadModelRequest: MessageTypeDefinition<_fedra_v1_FleetServiceDownloadModelRequest, _fedra_v1_FleetServiceDownloadModelRequest__Output>
      GetClusterStatusRequest: MessageTypeDefinition<_fedra_v1_GetClusterStatusRequest, _fedra_v1_GetClusterStatusRequest__Output>
      GetClusterStatusResponse: MessageTypeDefinition<_fedra_v1_GetClusterStatusResponse, _fedra_v1_GetClusterStatusResponse__Output>
      GetExperimentRequest: MessageTypeDefinition<_fedra_v1_GetExperimentRequest, _fedra_v1_GetExperimentRequest__Output>
      GetExperimentResponse: MessageTypeDefinition<_fedra_v1_GetExperimentResponse, _fedra_v1_GetExperimentResponse__Output>
      GetHistoryRequest: MessageTypeDefinition<_fedra_v1_GetHistoryRequest, _fedra_v1_GetHistoryRequest__Output>
      GetHistoryResponse: MessageTypeDefinition<_fedra_v1_GetHistoryResponse, _fedra_v1_GetHistoryResponse__Output>
      GetRegionPolicyRequest: MessageTypeDefinition<_fedra_v1_GetRegionPolicyRequest, _fedra_v1_GetRegionPolicyRequest__Output>
      GetRegionPolicyResponse: MessageTypeDefinition<_fedra_v1_GetRegionPolicyResponse, _fedra_v1_GetRegionPolicyResponse__Output>
      GetRoundRequest: MessageTypeDefinition<_fedra_v1_GetRoundRequest, _fedra_v1_GetRoundRequest__Output>
      GetRoundResponse: MessageTypeDefinition<_fedra_v1_GetRoundResponse, _fedra_v1_GetRoundResponse__Output>
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
      GetWorkerRequest: MessageTypeDefinition<_fedra_v1_GetWorkerRequest, _fedra_v1_GetWorkerRequest__Output>
      GetWorkerResponse: MessageTypeDefinition<_fedra_v1_GetWorkerResponse, _fedra_v1_GetWorkerResponse__Output>
      HeartbeatRequest: MessageTypeDefinition<_fedra_v1_HeartbeatRequest, _fedra_v1_HeartbeatRequest__Output>
      HeartbeatResponse: MessageTypeDefinition<_fedra_v1_HeartbeatResponse, _fedra_v1_HeartbeatResponse__Output>
      HistoryEntry: MessageTypeDefinition<_fedra_v1_HistoryEntry, _fedra_v1_HistoryEntry__Output>
      IncomingShare: MessageTypeDefinition<_fedra_v1_IncomingShare, _fedra_v1_IncomingShare__Output>
      LaneScales: MessageTypeDefinition<_fedra_v1_LaneScales, _fedra_v1_LaneScales__Output>
      LaneSpec: MessageTypeDefinition<_fedra_v1_LaneSpec, _fedra_v1_LaneSpec__Output>
      ListAuditRecordsRequest: MessageTypeDefinition<_fedra_v1_ListAuditRecordsRequest, _fedra_v1_ListAuditRecordsRequest__Output>
      ListAuditRecordsResponse: MessageTypeDefinition<_fedra_v1_ListAuditRecordsResponse, _fedra_v1_ListAuditRecordsResponse__Output>
      ListExperimentsRequest: MessageTypeDefinition<_fedra_v1_ListExperimentsRequest, _fedra_v1_ListExperimentsRequest__Output>
      ListExperimentsResponse: MessageTypeDefinition<_fedra_v1_ListExperimentsResponse, _fedra_v1_ListExperimentsResponse__Output>
      ListRoundsRequest: MessageTypeDefinition<_fedra_v1_ListRoundsRequest, _fedra_v1_ListRoundsRequest__Output>
      ListRoundsResponse: MessageTypeDefinition<_fedra_v1_ListRoundsResponse, _fedra_v1_ListRoundsResponse__Output>
      ListWorkersRequest: MessageTypeDefinition<_fedra_v1_ListWorkersRequest, _fedra_v1_ListWorkersRequest__Output>
      ListWorkersResponse: MessageTypeDefinition<_fedra_v1_ListWorkersResponse, _fedra_v1_ListWorkersResponse__Output>
      LocalOptimizer: EnumTypeDefinition
      MaskedUploadStart: MessageTypeDefinition<_fedra_v1_MaskedUploadStart, _fedra_v1_MaskedUploadStart__Output>
      ModelSpec: MessageTypeDefinition<_fedra_v1_ModelSpec, _fedra_v1_ModelSpec__Output>
      ModelVersion: MessageTypeDefinition<_fedra_v1_ModelVersion, _fedra_v1_ModelVersion__Output>
      Participant: MessageTypeDefinition<_fedra_v1_Participant, _fedra_v1_Participant__Output>
      ParticipantDroppedEvent: MessageTypeDefinition<_fedra_v1_ParticipantDroppedEvent, _fedra_v1_ParticipantDroppedEvent__Output>
      ParticipantState: EnumTypeDefinition
      ParticipantStatus: MessageTypeDefinition<_fedra_v1_ParticipantStatus, _fedra_v1_ParticipantStatus__Output>
      PeerIdentity: MessageTypeDefinition<_fedra_v1_PeerIdentity, _fedra_v1_PeerIdentity__Output>
      QueueStatus: MessageTypeDefinition<_fedra_v1_QueueStatus, _fedra_v1_QueueStatus__Output>
      RedisStatus: MessageTypeDefinition<_fedra_v1_RedisStatus, _fedra_v1_RedisStatus__Output>
      RefusalReason: EnumTypeDefinition
      RegionPolicy: MessageTypeDefinition<_fedra_v1_RegionPolicy, _fedra_v1_RegionPolicy__Output>
      RegionQuota: MessageTypeDefinition<_fedra_v1_RegionQuota, _fedra_v1_RegionQuota__Output>
      RegisterRequest: MessageTypeDefinition<_fedra_v1_RegisterRequest, _fedra_v1_RegisterRequest__Output>
      RegisterResponse: MessageTypeDefinition<_fedra_v1_RegisterResponse, _fedra_v1_RegisterResponse__Output>
      ReplicaStatus: MessageTypeDefinition<_fedra_v1_ReplicaStatus, _fedra_v1_ReplicaStatus__Output>
      ReportRefusalRequest: MessageTypeDefinition<_fedra_v1_ReportRefusalRequest, _fedra_v1_ReportRefusalRequest__Output>
      ReportRefusalResponse: MessageTypeDefinition<_fedra_v1_ReportRefusalResponse, _fedra_v1_ReportRefusalResponse__Output>
      RevealedShare: MessageTypeDefinition<_fedra_v1_RevealedShare, _fedra_v1_RevealedShare__Output>
      Round: MessageTypeDefinition<_fedra_v1_Round, _fedra_v1_Round__Output>
      RoundAttempt: MessageTypeDefinition<_fedra_v1_RoundAttempt, _fedra_v1_RoundAttempt__Output>
      RoundCommittedEvent: MessageTypeDefinition<_fedra_v1_RoundCommittedEvent, _fedra_v1_RoundCommittedEvent__Output>
      RoundConfig: MessageTypeDefinition<_fedra_v1_RoundConfig, _fedra_v1_RoundConfig__Output>
      RoundInvitation: MessageTypeDefinition<_fedra_v1_RoundInvitation, _fedra_v1_RoundInvitation__Output>
      RoundMetrics: MessageTypeDefinition<_fedra_v1_RoundMetrics, _fedra_v1_RoundMetrics__Output>
      RoundOpenedEvent: MessageTypeDefinition<_fedra_v1_RoundOpenedEvent, _fedra_v1_RoundOpenedEvent__Output>
      RoundState: EnumTypeDefinition
      SecAggParams: MessageTypeDefinition<_fedra_v1_SecAggParams, _fedra_v1_SecAggParams__Output>
      SetRegionPolicyRequest: MessageTypeDefinition<_fedra_v1_SetRegionPolicyRequest, _fedra_v1_SetRegionPolicyRequest__Output>
      SetRegionPolicyResponse: MessageTypeDefinition<_fedra_v1_SetRegionPolicyResponse, _fedra_v1_SetRegionPolicyResponse__Output>
      SetupMessage: MessageTypeDefinition<_fedra_v1_SetupMessage, _fedra_v1_SetupMessage__Output>
      ShareKeysMessage: MessageTypeDefinition<_fedra_v1_ShareKeysMessage, _fedra_v1_ShareKeysMessage__Output>
      SignedRoundConfig: MessageTypeDefinition<_fedra_v1_SignedRoundConfig, _fedra_v1_SignedRoundConfig__Output>
      Stage: EnumTypeDefinition
      StageChangedEvent: MessageTypeDefinition<_fedra_v1_StageChangedEvent, _fedra_v1_StageChangedEvent__Output>
      StageDeadlines: MessageTypeDefinition<_fedra_v1_StageDeadlines, _fedra_v1_StageDeadlines__Output>
      StageHeader: MessageTypeDefinition<_fedra_v1_StageHeader, _fedra_v1_StageHeader__Output>
      StageOpened: MessageTypeDefinition<_fedra_v1_StageOpened, _fedra_v1_StageOpened__Output>
      StartExperimentRequest: MessageTypeDefinition<_fedra_v1_StartExperimentRequest, _fedra_v1_StartExperimentRequest__Output>
      StartExperimentResponse: MessageTypeDefinition<_fedra_v1_StartExperimentResponse, _fedra_v1_StartExperimentResponse__Output>
      StrategyConfig: MessageTypeDefinition<_fedra_v1_StrategyConfig, _fedra_v1_StrategyConfig__Output>
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
      TrainingConfig: MessageTypeDefinition<_fedra_v1_TrainingConfig, _fedra_v1_TrainingConfig__Output>
      UnmaskRequest: MessageTypeDefinition<_fedra_v1_UnmaskRequest, _fedra_v1_UnmaskRequest__Output>
      UnmaskResponse: MessageTypeDefinition<_fedra_v1_UnmaskResponse, _fedra_v1_UnmaskResponse__Output>
      UploadMaskedRequest: MessageTypeDefinition<_fedra_v1_UploadMaskedRequest, _fedra_v1_UploadMaskedRequest__Output>
      UploadMaskedResponse: MessageTypeDefinition<_fedra_v1_UploadMaskedResponse, _fedra_v1_UploadMaskedResponse__Output>
      VerifyAuditLogRequest: MessageTypeDefinition<_fedra_v1_VerifyAuditLogRequest, _fedra_v1_VerifyAuditLogRequest__Output>
      VerifyAuditLogResponse: MessageTypeDefinition<_fedra_v1_VerifyAuditLogResponse, _fedra_v1_VerifyAuditLogResponse__Output>
      WatchExperimentRequest: MessageTypeDefinition<_fedra_v1_WatchExperimentRequest, _fedra_v1_WatchExperimentRequest__Output>
      WatchExperimentResponse: MessageTypeDefinition<_fedra_v1_WatchExperimentResponse, _fedra_v1_WatchExperimentResponse__Output>
      WeightSpec: MessageTypeDefinition<_fedra_v1_WeightSpec, _fedra_v1_WeightSpec__Output>
      Worker: MessageTypeDefinition<_fedra_v1_Worker, _fedra_v1_Worker__Output>
      WorkerActivity: EnumTypeDefinition
      WorkerState: EnumTypeDefinition
    }
  }
  google: {
    protobuf: {
      Duration: MessageTypeDefinition<_google_protobuf_Duration, _google_protobuf_Duration__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

