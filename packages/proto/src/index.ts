/**
 * `@fedra/proto`: Fedra's v1 wire API for TypeScript. The protos in the
 * repository's `protos/fedra/v1/` are the only place the API is edited; this
 * package holds the types `pnpm gen` generates from them and the one loader
 * every server and client uses. It contains no logic.
 *
 * Naming: for every message `Foo` there are two types. `Foo` is what you
 * send (every field optional, 64-bit integers may be strings or Longs);
 * `FooOutput` is what you receive (defaults filled in, `number` for 64-bit
 * integers, enum values as their names, bytes as Buffers). Enums are exported
 * as a value (the name table) and a type.
 *
 * @example
 * ```ts
 * import { credentials, Server, ServerCredentials } from '@grpc/grpc-js';
 * import { loadFedraPackage, type FleetServiceHandlers } from '@fedra/proto';
 *
 * const { FleetService } = loadFedraPackage().fedra.v1;
 * const server = new Server();
 * server.addService(FleetService.service, handlers satisfies FleetServiceHandlers);
 *
 * const client = new FleetService('localhost:7443', credentials.createInsecure());
 * client.heartbeat({ sessionId, activity: 'WORKER_ACTIVITY_IDLE' }, (err, res) => {
 *   // res: HeartbeatResponseOutput
 * });
 * ```
 *
 * @module
 */

export {
  LOADER_OPTIONS,
  PROTO_FILES,
  DESCRIPTOR_SET_PATH,
  PROTO_ROOT,
  loadFedraPackage,
  loadFedraPackageDefinition,
} from './loader.js';
export type { FedraGrpcType } from './loader.js';

// Well-known types used by Fedra's messages.
export type {
  Duration,
  Duration__Output as DurationOutput,
} from './generated/google/protobuf/Duration.js';
export type {
  Timestamp,
  Timestamp__Output as TimestampOutput,
} from './generated/google/protobuf/Timestamp.js';

// common.proto: chunks, round references, the signed RoundConfig, model versions, shared enums
export { AbortReason } from './generated/fedra/v1/AbortReason.js';
export type { AbortReason__Output as AbortReasonOutput } from './generated/fedra/v1/AbortReason.js';
export type {
  AttemptRef,
  AttemptRef__Output as AttemptRefOutput,
} from './generated/fedra/v1/AttemptRef.js';
export type { Chunk, Chunk__Output as ChunkOutput } from './generated/fedra/v1/Chunk.js';
export type {
  DownloadModelResponse,
  DownloadModelResponse__Output as DownloadModelResponseOutput,
} from './generated/fedra/v1/DownloadModelResponse.js';
export { DropReason } from './generated/fedra/v1/DropReason.js';
export type { DropReason__Output as DropReasonOutput } from './generated/fedra/v1/DropReason.js';
export type {
  LaneSpec,
  LaneSpec__Output as LaneSpecOutput,
} from './generated/fedra/v1/LaneSpec.js';
export type {
  ModelVersion,
  ModelVersion__Output as ModelVersionOutput,
} from './generated/fedra/v1/ModelVersion.js';
export type {
  Participant,
  Participant__Output as ParticipantOutput,
} from './generated/fedra/v1/Participant.js';
export { RefusalReason } from './generated/fedra/v1/RefusalReason.js';
export type { RefusalReason__Output as RefusalReasonOutput } from './generated/fedra/v1/RefusalReason.js';
export type {
  RoundConfig,
  RoundConfig__Output as RoundConfigOutput,
} from './generated/fedra/v1/RoundConfig.js';
export type {
  RoundMetrics,
  RoundMetrics__Output as RoundMetricsOutput,
} from './generated/fedra/v1/RoundMetrics.js';
export { RoundState } from './generated/fedra/v1/RoundState.js';
export type { RoundState__Output as RoundStateOutput } from './generated/fedra/v1/RoundState.js';
export type {
  SignedRoundConfig,
  SignedRoundConfig__Output as SignedRoundConfigOutput,
} from './generated/fedra/v1/SignedRoundConfig.js';
export { Stage } from './generated/fedra/v1/Stage.js';
export type { Stage__Output as StageOutput } from './generated/fedra/v1/Stage.js';
export type {
  StageDeadlines,
  StageDeadlines__Output as StageDeadlinesOutput,
} from './generated/fedra/v1/StageDeadlines.js';

// spec.proto: the experiment spec
export type {
  AdaptiveStrategy,
  AdaptiveStrategy__Output as AdaptiveStrategyOutput,
} from './generated/fedra/v1/AdaptiveStrategy.js';
export type {
  DatasetSpec,
  DatasetSpec__Output as DatasetSpecOutput,
} from './generated/fedra/v1/DatasetSpec.js';
export type {
  ExperimentSpec,
  ExperimentSpec__Output as ExperimentSpecOutput,
} from './generated/fedra/v1/ExperimentSpec.js';
export type {
  FedAvgMStrategy,
  FedAvgMStrategy__Output as FedAvgMStrategyOutput,
} from './generated/fedra/v1/FedAvgMStrategy.js';
export type {
  FedAvgStrategy,
  FedAvgStrategy__Output as FedAvgStrategyOutput,
} from './generated/fedra/v1/FedAvgStrategy.js';
export type {
  LaneScales,
  LaneScales__Output as LaneScalesOutput,
} from './generated/fedra/v1/LaneScales.js';
export { LocalOptimizer } from './generated/fedra/v1/LocalOptimizer.js';
export type { LocalOptimizer__Output as LocalOptimizerOutput } from './generated/fedra/v1/LocalOptimizer.js';
export type {
  ModelSpec,
  ModelSpec__Output as ModelSpecOutput,
} from './generated/fedra/v1/ModelSpec.js';
export type {
  RegionQuota,
  RegionQuota__Output as RegionQuotaOutput,
} from './generated/fedra/v1/RegionQuota.js';
export type {
  SecAggParams,
  SecAggParams__Output as SecAggParamsOutput,
} from './generated/fedra/v1/SecAggParams.js';
export type {
  StrategyConfig,
  StrategyConfig__Output as StrategyConfigOutput,
} from './generated/fedra/v1/StrategyConfig.js';
export type {
  TrainingConfig,
  TrainingConfig__Output as TrainingConfigOutput,
} from './generated/fedra/v1/TrainingConfig.js';
export type {
  WeightSpec,
  WeightSpec__Output as WeightSpecOutput,
} from './generated/fedra/v1/WeightSpec.js';

// secagg.proto: secure-aggregation stage messages
export type {
  ConsistencyRequest,
  ConsistencyRequest__Output as ConsistencyRequestOutput,
} from './generated/fedra/v1/ConsistencyRequest.js';
export type {
  ConsistencyResponse,
  ConsistencyResponse__Output as ConsistencyResponseOutput,
} from './generated/fedra/v1/ConsistencyResponse.js';
export type {
  EncryptedShare,
  EncryptedShare__Output as EncryptedShareOutput,
} from './generated/fedra/v1/EncryptedShare.js';
export type {
  IncomingShare,
  IncomingShare__Output as IncomingShareOutput,
} from './generated/fedra/v1/IncomingShare.js';
export type {
  PeerIdentity,
  PeerIdentity__Output as PeerIdentityOutput,
} from './generated/fedra/v1/PeerIdentity.js';
export type {
  RevealedShare,
  RevealedShare__Output as RevealedShareOutput,
} from './generated/fedra/v1/RevealedShare.js';
export type {
  SetupMessage,
  SetupMessage__Output as SetupMessageOutput,
} from './generated/fedra/v1/SetupMessage.js';
export type {
  ShareKeysMessage,
  ShareKeysMessage__Output as ShareKeysMessageOutput,
} from './generated/fedra/v1/ShareKeysMessage.js';
export type {
  StageHeader,
  StageHeader__Output as StageHeaderOutput,
} from './generated/fedra/v1/StageHeader.js';
export type {
  SurvivorSignature,
  SurvivorSignature__Output as SurvivorSignatureOutput,
} from './generated/fedra/v1/SurvivorSignature.js';
export type {
  UnmaskRequest,
  UnmaskRequest__Output as UnmaskRequestOutput,
} from './generated/fedra/v1/UnmaskRequest.js';
export type {
  UnmaskResponse,
  UnmaskResponse__Output as UnmaskResponseOutput,
} from './generated/fedra/v1/UnmaskResponse.js';

// fleet.proto: FleetService (workers)
export type {
  FleetServiceClient,
  FleetServiceDefinition,
  FleetServiceHandlers,
} from './generated/fedra/v1/FleetService.js';
export { CancelReason } from './generated/fedra/v1/CancelReason.js';
export type { CancelReason__Output as CancelReasonOutput } from './generated/fedra/v1/CancelReason.js';
export type {
  CancelTask,
  CancelTask__Output as CancelTaskOutput,
} from './generated/fedra/v1/CancelTask.js';
export type {
  DatasetInfo,
  DatasetInfo__Output as DatasetInfoOutput,
} from './generated/fedra/v1/DatasetInfo.js';
export type {
  DeviceInfo,
  DeviceInfo__Output as DeviceInfoOutput,
} from './generated/fedra/v1/DeviceInfo.js';
export type {
  DrainTask,
  DrainTask__Output as DrainTaskOutput,
} from './generated/fedra/v1/DrainTask.js';
export type {
  FleetServiceDownloadModelRequest,
  FleetServiceDownloadModelRequest__Output as FleetServiceDownloadModelRequestOutput,
} from './generated/fedra/v1/FleetServiceDownloadModelRequest.js';
export type {
  GetShareKeysRequest,
  GetShareKeysRequest__Output as GetShareKeysRequestOutput,
} from './generated/fedra/v1/GetShareKeysRequest.js';
export type {
  GetShareKeysResponse,
  GetShareKeysResponse__Output as GetShareKeysResponseOutput,
} from './generated/fedra/v1/GetShareKeysResponse.js';
export type {
  GetSharesRequest,
  GetSharesRequest__Output as GetSharesRequestOutput,
} from './generated/fedra/v1/GetSharesRequest.js';
export type {
  GetSharesResponse,
  GetSharesResponse__Output as GetSharesResponseOutput,
} from './generated/fedra/v1/GetSharesResponse.js';
export type {
  GetSurvivorSetRequest,
  GetSurvivorSetRequest__Output as GetSurvivorSetRequestOutput,
} from './generated/fedra/v1/GetSurvivorSetRequest.js';
export type {
  GetSurvivorSetResponse,
  GetSurvivorSetResponse__Output as GetSurvivorSetResponseOutput,
} from './generated/fedra/v1/GetSurvivorSetResponse.js';
export type {
  GetUnmaskRequestRequest,
  GetUnmaskRequestRequest__Output as GetUnmaskRequestRequestOutput,
} from './generated/fedra/v1/GetUnmaskRequestRequest.js';
export type {
  GetUnmaskRequestResponse,
  GetUnmaskRequestResponse__Output as GetUnmaskRequestResponseOutput,
} from './generated/fedra/v1/GetUnmaskRequestResponse.js';
export type {
  GetUploadOffsetRequest,
  GetUploadOffsetRequest__Output as GetUploadOffsetRequestOutput,
} from './generated/fedra/v1/GetUploadOffsetRequest.js';
export type {
  GetUploadOffsetResponse,
  GetUploadOffsetResponse__Output as GetUploadOffsetResponseOutput,
} from './generated/fedra/v1/GetUploadOffsetResponse.js';
export type {
  HeartbeatRequest,
  HeartbeatRequest__Output as HeartbeatRequestOutput,
} from './generated/fedra/v1/HeartbeatRequest.js';
export type {
  HeartbeatResponse,
  HeartbeatResponse__Output as HeartbeatResponseOutput,
} from './generated/fedra/v1/HeartbeatResponse.js';
export type {
  MaskedUploadStart,
  MaskedUploadStart__Output as MaskedUploadStartOutput,
} from './generated/fedra/v1/MaskedUploadStart.js';
export type {
  RegisterRequest,
  RegisterRequest__Output as RegisterRequestOutput,
} from './generated/fedra/v1/RegisterRequest.js';
export type {
  RegisterResponse,
  RegisterResponse__Output as RegisterResponseOutput,
} from './generated/fedra/v1/RegisterResponse.js';
export type {
  ReportRefusalRequest,
  ReportRefusalRequest__Output as ReportRefusalRequestOutput,
} from './generated/fedra/v1/ReportRefusalRequest.js';
export type {
  ReportRefusalResponse,
  ReportRefusalResponse__Output as ReportRefusalResponseOutput,
} from './generated/fedra/v1/ReportRefusalResponse.js';
export type {
  RoundInvitation,
  RoundInvitation__Output as RoundInvitationOutput,
} from './generated/fedra/v1/RoundInvitation.js';
export type {
  StageOpened,
  StageOpened__Output as StageOpenedOutput,
} from './generated/fedra/v1/StageOpened.js';
export type {
  StreamTasksRequest,
  StreamTasksRequest__Output as StreamTasksRequestOutput,
} from './generated/fedra/v1/StreamTasksRequest.js';
export type {
  StreamTasksResponse,
  StreamTasksResponse__Output as StreamTasksResponseOutput,
} from './generated/fedra/v1/StreamTasksResponse.js';
export type {
  SubmitSetupRequest,
  SubmitSetupRequest__Output as SubmitSetupRequestOutput,
} from './generated/fedra/v1/SubmitSetupRequest.js';
export type {
  SubmitSetupResponse,
  SubmitSetupResponse__Output as SubmitSetupResponseOutput,
} from './generated/fedra/v1/SubmitSetupResponse.js';
export type {
  SubmitSharesRequest,
  SubmitSharesRequest__Output as SubmitSharesRequestOutput,
} from './generated/fedra/v1/SubmitSharesRequest.js';
export type {
  SubmitSharesResponse,
  SubmitSharesResponse__Output as SubmitSharesResponseOutput,
} from './generated/fedra/v1/SubmitSharesResponse.js';
export type {
  SubmitSurvivorSignatureRequest,
  SubmitSurvivorSignatureRequest__Output as SubmitSurvivorSignatureRequestOutput,
} from './generated/fedra/v1/SubmitSurvivorSignatureRequest.js';
export type {
  SubmitSurvivorSignatureResponse,
  SubmitSurvivorSignatureResponse__Output as SubmitSurvivorSignatureResponseOutput,
} from './generated/fedra/v1/SubmitSurvivorSignatureResponse.js';
export type {
  SubmitUnmaskRequest,
  SubmitUnmaskRequest__Output as SubmitUnmaskRequestOutput,
} from './generated/fedra/v1/SubmitUnmaskRequest.js';
export type {
  SubmitUnmaskResponse,
  SubmitUnmaskResponse__Output as SubmitUnmaskResponseOutput,
} from './generated/fedra/v1/SubmitUnmaskResponse.js';
export { TrainingBackend } from './generated/fedra/v1/TrainingBackend.js';
export type { TrainingBackend__Output as TrainingBackendOutput } from './generated/fedra/v1/TrainingBackend.js';
export type {
  UploadMaskedRequest,
  UploadMaskedRequest__Output as UploadMaskedRequestOutput,
} from './generated/fedra/v1/UploadMaskedRequest.js';
export type {
  UploadMaskedResponse,
  UploadMaskedResponse__Output as UploadMaskedResponseOutput,
} from './generated/fedra/v1/UploadMaskedResponse.js';
export { WorkerActivity } from './generated/fedra/v1/WorkerActivity.js';
export type { WorkerActivity__Output as WorkerActivityOutput } from './generated/fedra/v1/WorkerActivity.js';

// experiment.proto: ExperimentService (data scientists)
export type {
  ExperimentServiceClient,
  ExperimentServiceDefinition,
  ExperimentServiceHandlers,
} from './generated/fedra/v1/ExperimentService.js';
export type {
  AttemptAbortedEvent,
  AttemptAbortedEvent__Output as AttemptAbortedEventOutput,
} from './generated/fedra/v1/AttemptAbortedEvent.js';
export type {
  CancelExperimentRequest,
  CancelExperimentRequest__Output as CancelExperimentRequestOutput,
} from './generated/fedra/v1/CancelExperimentRequest.js';
export type {
  CancelExperimentResponse,
  CancelExperimentResponse__Output as CancelExperimentResponseOutput,
} from './generated/fedra/v1/CancelExperimentResponse.js';
export type {
  CreateExperimentRequest,
  CreateExperimentRequest__Output as CreateExperimentRequestOutput,
} from './generated/fedra/v1/CreateExperimentRequest.js';
export type {
  CreateExperimentResponse,
  CreateExperimentResponse__Output as CreateExperimentResponseOutput,
} from './generated/fedra/v1/CreateExperimentResponse.js';
export type {
  CreateExperimentStart,
  CreateExperimentStart__Output as CreateExperimentStartOutput,
} from './generated/fedra/v1/CreateExperimentStart.js';
export type {
  DownloadModelRequest,
  DownloadModelRequest__Output as DownloadModelRequestOutput,
} from './generated/fedra/v1/DownloadModelRequest.js';
export type {
  Experiment,
  Experiment__Output as ExperimentOutput,
} from './generated/fedra/v1/Experiment.js';
export type {
  ExperimentFinishedEvent,
  ExperimentFinishedEvent__Output as ExperimentFinishedEventOutput,
} from './generated/fedra/v1/ExperimentFinishedEvent.js';
export type {
  ExperimentMetadata,
  ExperimentMetadata__Output as ExperimentMetadataOutput,
} from './generated/fedra/v1/ExperimentMetadata.js';
export { ExperimentState } from './generated/fedra/v1/ExperimentState.js';
export type { ExperimentState__Output as ExperimentStateOutput } from './generated/fedra/v1/ExperimentState.js';
export type {
  GetExperimentRequest,
  GetExperimentRequest__Output as GetExperimentRequestOutput,
} from './generated/fedra/v1/GetExperimentRequest.js';
export type {
  GetExperimentResponse,
  GetExperimentResponse__Output as GetExperimentResponseOutput,
} from './generated/fedra/v1/GetExperimentResponse.js';
export type {
  GetHistoryRequest,
  GetHistoryRequest__Output as GetHistoryRequestOutput,
} from './generated/fedra/v1/GetHistoryRequest.js';
export type {
  GetHistoryResponse,
  GetHistoryResponse__Output as GetHistoryResponseOutput,
} from './generated/fedra/v1/GetHistoryResponse.js';
export type {
  HistoryEntry,
  HistoryEntry__Output as HistoryEntryOutput,
} from './generated/fedra/v1/HistoryEntry.js';
export type {
  ListExperimentsRequest,
  ListExperimentsRequest__Output as ListExperimentsRequestOutput,
} from './generated/fedra/v1/ListExperimentsRequest.js';
export type {
  ListExperimentsResponse,
  ListExperimentsResponse__Output as ListExperimentsResponseOutput,
} from './generated/fedra/v1/ListExperimentsResponse.js';
export type {
  ParticipantDroppedEvent,
  ParticipantDroppedEvent__Output as ParticipantDroppedEventOutput,
} from './generated/fedra/v1/ParticipantDroppedEvent.js';
export type {
  RoundCommittedEvent,
  RoundCommittedEvent__Output as RoundCommittedEventOutput,
} from './generated/fedra/v1/RoundCommittedEvent.js';
export type {
  RoundOpenedEvent,
  RoundOpenedEvent__Output as RoundOpenedEventOutput,
} from './generated/fedra/v1/RoundOpenedEvent.js';
export type {
  StageChangedEvent,
  StageChangedEvent__Output as StageChangedEventOutput,
} from './generated/fedra/v1/StageChangedEvent.js';
export type {
  StartExperimentRequest,
  StartExperimentRequest__Output as StartExperimentRequestOutput,
} from './generated/fedra/v1/StartExperimentRequest.js';
export type {
  StartExperimentResponse,
  StartExperimentResponse__Output as StartExperimentResponseOutput,
} from './generated/fedra/v1/StartExperimentResponse.js';
export type {
  WatchExperimentRequest,
  WatchExperimentRequest__Output as WatchExperimentRequestOutput,
} from './generated/fedra/v1/WatchExperimentRequest.js';
export type {
  WatchExperimentResponse,
  WatchExperimentResponse__Output as WatchExperimentResponseOutput,
} from './generated/fedra/v1/WatchExperimentResponse.js';

// admin.proto: AdminService (admins)
export type {
  AdminServiceClient,
  AdminServiceDefinition,
  AdminServiceHandlers,
} from './generated/fedra/v1/AdminService.js';
export { AuditAction } from './generated/fedra/v1/AuditAction.js';
export type { AuditAction__Output as AuditActionOutput } from './generated/fedra/v1/AuditAction.js';
export type {
  AuditAttribute,
  AuditAttribute__Output as AuditAttributeOutput,
} from './generated/fedra/v1/AuditAttribute.js';
export type {
  AuditChainBreak,
  AuditChainBreak__Output as AuditChainBreakOutput,
} from './generated/fedra/v1/AuditChainBreak.js';
export type {
  AuditRecord,
  AuditRecord__Output as AuditRecordOutput,
} from './generated/fedra/v1/AuditRecord.js';
export type {
  DrainWorkerRequest,
  DrainWorkerRequest__Output as DrainWorkerRequestOutput,
} from './generated/fedra/v1/DrainWorkerRequest.js';
export type {
  DrainWorkerResponse,
  DrainWorkerResponse__Output as DrainWorkerResponseOutput,
} from './generated/fedra/v1/DrainWorkerResponse.js';
export type {
  EvictWorkerRequest,
  EvictWorkerRequest__Output as EvictWorkerRequestOutput,
} from './generated/fedra/v1/EvictWorkerRequest.js';
export type {
  EvictWorkerResponse,
  EvictWorkerResponse__Output as EvictWorkerResponseOutput,
} from './generated/fedra/v1/EvictWorkerResponse.js';
export type {
  GetClusterStatusRequest,
  GetClusterStatusRequest__Output as GetClusterStatusRequestOutput,
} from './generated/fedra/v1/GetClusterStatusRequest.js';
export type {
  GetClusterStatusResponse,
  GetClusterStatusResponse__Output as GetClusterStatusResponseOutput,
} from './generated/fedra/v1/GetClusterStatusResponse.js';
export type {
  GetRegionPolicyRequest,
  GetRegionPolicyRequest__Output as GetRegionPolicyRequestOutput,
} from './generated/fedra/v1/GetRegionPolicyRequest.js';
export type {
  GetRegionPolicyResponse,
  GetRegionPolicyResponse__Output as GetRegionPolicyResponseOutput,
} from './generated/fedra/v1/GetRegionPolicyResponse.js';
export type {
  GetRoundRequest,
  GetRoundRequest__Output as GetRoundRequestOutput,
} from './generated/fedra/v1/GetRoundRequest.js';
export type {
  GetRoundResponse,
  GetRoundResponse__Output as GetRoundResponseOutput,
} from './generated/fedra/v1/GetRoundResponse.js';
export type {
  GetWorkerRequest,
  GetWorkerRequest__Output as GetWorkerRequestOutput,
} from './generated/fedra/v1/GetWorkerRequest.js';
export type {
  GetWorkerResponse,
  GetWorkerResponse__Output as GetWorkerResponseOutput,
} from './generated/fedra/v1/GetWorkerResponse.js';
export type {
  ListAuditRecordsRequest,
  ListAuditRecordsRequest__Output as ListAuditRecordsRequestOutput,
} from './generated/fedra/v1/ListAuditRecordsRequest.js';
export type {
  ListAuditRecordsResponse,
  ListAuditRecordsResponse__Output as ListAuditRecordsResponseOutput,
} from './generated/fedra/v1/ListAuditRecordsResponse.js';
export type {
  ListRoundsRequest,
  ListRoundsRequest__Output as ListRoundsRequestOutput,
} from './generated/fedra/v1/ListRoundsRequest.js';
export type {
  ListRoundsResponse,
  ListRoundsResponse__Output as ListRoundsResponseOutput,
} from './generated/fedra/v1/ListRoundsResponse.js';
export type {
  ListWorkersRequest,
  ListWorkersRequest__Output as ListWorkersRequestOutput,
} from './generated/fedra/v1/ListWorkersRequest.js';
export type {
  ListWorkersResponse,
  ListWorkersResponse__Output as ListWorkersResponseOutput,
} from './generated/fedra/v1/ListWorkersResponse.js';
export { ParticipantState } from './generated/fedra/v1/ParticipantState.js';
export type { ParticipantState__Output as ParticipantStateOutput } from './generated/fedra/v1/ParticipantState.js';
export type {
  ParticipantStatus,
  ParticipantStatus__Output as ParticipantStatusOutput,
} from './generated/fedra/v1/ParticipantStatus.js';
export type {
  QueueStatus,
  QueueStatus__Output as QueueStatusOutput,
} from './generated/fedra/v1/QueueStatus.js';
export type {
  RedisStatus,
  RedisStatus__Output as RedisStatusOutput,
} from './generated/fedra/v1/RedisStatus.js';
export type {
  RegionPolicy,
  RegionPolicy__Output as RegionPolicyOutput,
} from './generated/fedra/v1/RegionPolicy.js';
export type {
  ReplicaStatus,
  ReplicaStatus__Output as ReplicaStatusOutput,
} from './generated/fedra/v1/ReplicaStatus.js';
export type { Round, Round__Output as RoundOutput } from './generated/fedra/v1/Round.js';
export type {
  RoundAttempt,
  RoundAttempt__Output as RoundAttemptOutput,
} from './generated/fedra/v1/RoundAttempt.js';
export type {
  SetRegionPolicyRequest,
  SetRegionPolicyRequest__Output as SetRegionPolicyRequestOutput,
} from './generated/fedra/v1/SetRegionPolicyRequest.js';
export type {
  SetRegionPolicyResponse,
  SetRegionPolicyResponse__Output as SetRegionPolicyResponseOutput,
} from './generated/fedra/v1/SetRegionPolicyResponse.js';
export type {
  VerifyAuditLogRequest,
  VerifyAuditLogRequest__Output as VerifyAuditLogRequestOutput,
} from './generated/fedra/v1/VerifyAuditLogRequest.js';
export type {
  VerifyAuditLogResponse,
  VerifyAuditLogResponse__Output as VerifyAuditLogResponseOutput,
} from './generated/fedra/v1/VerifyAuditLogResponse.js';
export type { Worker, Worker__Output as WorkerOutput } from './generated/fedra/v1/Worker.js';
export { WorkerState } from './generated/fedra/v1/WorkerState.js';
export type { WorkerState__Output as WorkerStateOutput } from './generated/fedra/v1/WorkerState.js';
