/**
 * `@fedra/coordinator`: the Fedra coordinator. It serves `FleetService`
 * (workers), `ExperimentService` (data scientists) and `AdminService`
 * (admins) plus health and comment-keeping reflection, drives rounds with a
 * fenced, restart-safe engine on BullMQ/Redis and `@fedra/secagg`, applies
 * the server strategy to the securely aggregated mean delta, and commits
 * model versions exactly once to a content-addressed store with a
 * hash-chained audit record.
 *
 * @example
 * ```ts
 * import { Coordinator } from '@fedra/coordinator';
 *
 * const coordinator = await Coordinator.create({
 *   listen: '127.0.0.1:50051',
 *   redisUrl: 'redis://127.0.0.1:6379',
 *   insecure: true, // local development only
 * });
 * const port = await coordinator.start();
 * // …
 * await coordinator.shutdown();
 * ```
 *
 * From the workspace root:
 * `pnpm coordinator -- --listen 127.0.0.1:50051 --redis redis://127.0.0.1:6379 --insecure`.
 *
 * @module
 */

// Server, configuration, entry point.
export {
  COORDINATOR_VERSION,
  Coordinator,
  type CoordinatorOptions,
  type CoordinatorTls,
} from './server.js';
export {
  COORDINATOR_CONFIG,
  coordinatorOptions,
  loadCoordinatorConfig,
  type CoordinatorConfig,
} from './coordinator-config.js';
export { bufferOneMessagePerStream, main } from './main.js';
export { LOCAL_COORDINATOR_TIMINGS } from './local-timings.js';

// Round engine.
export {
  RoundEngine,
  type RoundEngineOptions,
  type RoundEngineTiming,
} from './engine/round-engine.js';
export {
  DEFAULT_SPEC_LIMITS,
  validateSpec,
  type SpecLimits,
  type ValidatedSpec,
} from './engine/spec-validation.js';
// Kept for callers of the coordinator's API; their home is @fedra/wire.
export {
  decodeExperimentSpec,
  decodeRoundConfig,
  encodeExperimentSpec,
  encodeRoundConfig,
  secAggConfigFromRoundConfig,
} from '@fedra/wire';
export {
  UnmaskPool,
  createSharedSum,
  type MaskPlanApplier,
  type UnmaskPoolOptions,
} from './engine/unmask-pool.js';

// Metrics.
export {
  CoordinatorMetrics,
  type CoordinatorMetricsOptions,
  type RoundOutcome,
} from './metrics/coordinator-metrics.js';
export {
  startMetricsServer,
  type MetricsServer,
  type MetricsServerOptions,
} from './metrics/metrics-server.js';
export type { AttemptStage, ExperimentLifecycle, StagePhase } from './state/state-types.js';
export { deleteKeysWithPrefix } from './state/delete-keys.js';

// Identity, roles and TLS.
export {
  FEDRA_ROLES,
  fedraIdentityUri,
  isValidFederation,
  isValidIdentitySegment,
  parseFedraIdentity,
  type AdminIdentity,
  type FedraIdentity,
  type FedraRole,
  type ScientistIdentity,
  type WorkerIdentity,
} from './identity/fedra-identity.js';
export { InvalidIdentityError, type IdentityErrorReason } from './identity/identity-error.js';
export {
  checkValidity,
  identityFromCertificate,
  readCertificateIdentity,
  type CertificateIdentity,
  type CertificateIdentityOptions,
} from './identity/certificate-identity.js';
export {
  CallAuthenticator,
  INSECURE_IDENTITY_HEADER,
  identityFromCall,
  type CallAuthenticatorOptions,
  type CallIdentityOptions,
} from './identity/call-identity.js';
export { IssuerPolicy, type IssuerPolicyOptions } from './identity/issuer-policy.js';
export {
  RPC_ROLES,
  authorizeRpc,
  requireRole,
  requireSameWorker,
  type RpcRoleTable,
} from './identity/roles.js';
export {
  clientCredentialsFromFiles,
  clientCredentialsFromPem,
  serverCredentialsFromFiles,
  serverCredentialsFromPem,
  type ClientTlsFiles,
  type ClientTlsPem,
  type ServerTlsFiles,
  type ServerTlsPem,
} from './identity/tls-credentials.js';

// gRPC plumbing.
export { handleErrors, type HandleErrorsOptions } from './grpc/handle-errors.js';
export {
  createRpcGuard,
  readMessages,
  wrapBidiStream,
  wrapClientStream,
  wrapServerStream,
  wrapUnary,
  writeMessage,
  type RpcContext,
  type RpcGuard,
  type RpcHandlerOptions,
} from './grpc/wrap-handlers.js';
export { addHealth, type HealthController } from './grpc/health.js';
export { addReflection, type ReflectionInfo } from './grpc/reflection.js';
export { loadDescriptorSet, type DescriptorFile } from './grpc/descriptors.js';
export { bindServer, shutdownServer } from './grpc/bind-server.js';
export { fedraServiceNames } from './grpc/fedra-services.js';

// Strategies.
export type {
  Strategy,
  StrategyDescription,
  StrategyKind,
  StrategyState,
  StrategyStepInput,
  StrategyStepResult,
} from './strategies/strategy.js';
export { STRATEGY_KINDS } from './strategies/strategy.js';
export { createStrategy, type StrategySpec } from './strategies/create-strategy.js';
export { STRATEGY_DEFAULTS } from './strategies/hyperparameters.js';
export { FedAvg, type FedAvgOptions } from './strategies/fed-avg.js';
export { FedAvgM, type FedAvgMOptions } from './strategies/fed-avg-m.js';
export { FedOpt, type FedOptKind, type FedOptOptions } from './strategies/fed-opt.js';
export {
  meanFromLaneSums,
  metricsFromLaneSums,
  type MetricLaneSums,
  type RoundMetrics,
} from './strategies/aggregate.js';

// Model store.
export type {
  BlobInfo,
  BlobReader,
  BlobSource,
  CommitResult,
  ModelStore,
  ModelVersion,
  ModelVersionMetrics,
  NewModelVersion,
  PutBlobOptions,
  StagedUpload,
  StageKey,
  StageUploadOptions,
} from './model-store/model-store.js';
export {
  BLOB_READ_CHUNK_BYTES,
  DEFAULT_MODEL_STORE_ROOT,
  DirectoryModelStore,
} from './model-store/directory-model-store.js';
export {
  decodeStrategyState,
  encodeStrategyState,
  loadStrategyState,
  storeStrategyState,
} from './model-store/strategy-state-codec.js';

// Audit log.
export { canonicalJson, type JsonValue } from './audit/canonical-json.js';
export {
  GENESIS_HASH,
  hashRecord,
  validateAuditEntry,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
  type AuditSubject,
  type ChainVerification,
  type VerifyChainOptions,
} from './audit/audit-chain.js';
export {
  RedisAuditLog,
  type AuditHead,
  type AuditListOptions,
  type RedisAuditLogOptions,
} from './audit/redis-audit-log.js';
