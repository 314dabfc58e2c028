/**
 * `@fedra/coordinator`: the Fedra coordinator.
 *
 * What exists today are the building blocks the round engine will use at
 * step 8 of a round (aggregate and commit): the server strategies that turn
 * the securely aggregated mean delta into the next model, the model store
 * (content-addressed blobs, versions committed exactly once, resumable
 * staged uploads of masked vectors), and the hash-chained audit log in
 * Redis. The gRPC services, the BullMQ round engine and the coordinator
 * entry point arrive with the round engine.
 *
 * @example
 * ```ts
 * import { createStrategy, meanFromLaneSums, DirectoryModelStore } from '@fedra/coordinator';
 *
 * const strategy = createStrategy({ kind: 'fedadam' });
 * const meanDelta = meanFromLaneSums(deltaSum, totalWeight);
 * const { model, state } = strategy.apply({ model: current, meanDelta, state: previous });
 * const store = await DirectoryModelStore.open('.fedra/models');
 * const weights = await store.putBlob(new Uint8Array(model.buffer));
 * ```
 *
 * @module
 */

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
