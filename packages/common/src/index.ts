/**
 * `@fedra/common`: the pure core every Fedra package shares. No gRPC, Redis
 * or tfjs: only Node's standard library and protobufjs.
 *
 * - Errors: {@link FedraError} with stable string codes, named subclasses
 *   that carry their identifiers, and {@link toGrpcStatus} /
 *   {@link fromGrpcStatus} for the wire (status + `fedra-error-code` +
 *   `google.rpc.ErrorInfo`).
 * - {@link Logger}: the pino-compatible interface, {@link silentLogger},
 *   {@link redactPaths}.
 * - Config: {@link defineConfigSchema} and {@link parseConfig} for flags and
 *   `FEDRA_*` variables.
 * - Tensor codec: {@link encodeTensorChunks} / {@link tensorDigest} to send a
 *   tensor as ~1 MiB chunks, {@link TensorChunkAssembler} to rebuild it,
 *   {@link ChunkStreamVerifier} to check a stream without keeping it.
 * - {@link startModuleWorker}: a `worker_threads` thread on a module of a
 *   Fedra package, from TypeScript sources (tsx) or from compiled `dist`.
 * - {@link startOpsServer}: the HTTP endpoint for `/metrics` and health
 *   probes that the coordinator and the worker serve.
 *
 * @example
 * ```ts
 * import { encodeTensorChunks, tensorDigest, TensorChunkAssembler } from '@fedra/common';
 *
 * const weights = new Float32Array([0.5, -0, Number.NaN]);
 * const assembler = new TensorChunkAssembler({
 *   dtype: 'float32',
 *   expectedBytes: weights.byteLength,
 *   maxBytes: 4 * 10_000_000,
 * });
 * for (const chunk of encodeTensorChunks(weights)) assembler.push(chunk);
 * const received = assembler.finish(tensorDigest(weights)); // Float32Array, bit-exact
 * ```
 *
 * @module
 */

export {
  CHUNK_STREAM_ERROR_CODES,
  ChunkStreamError,
  ConfigError,
  ERROR_CODES,
  ExperimentNotFoundError,
  ExperimentNotRunningError,
  FedraError,
  FencedError,
  GrpcStatus,
  IdentityMismatchError,
  InvalidArgumentError,
  isChunkStreamErrorCode,
  isFedraErrorCode,
  ModelVersionNotFoundError,
  NotAParticipantError,
  OutOfRangeError,
  PermissionDeniedError,
  PolicyRefusedError,
  QuorumNotMetError,
  RequestIdConflictError,
  RevisionConflictError,
  RoundNotFoundError,
  RoundNotOpenError,
  StageDeadlineExceededError,
  SessionNotFoundError,
  StaleAttemptError,
  UnauthenticatedError,
  UnavailableError,
  UnsupportedProtocolError,
  WorkerDrainingError,
  WorkerNotFoundError,
  WrongStageError,
} from './errors.js';
export type {
  ChunkStreamErrorCode,
  ConfigErrorOptions,
  FedraErrorCode,
  FedraErrorOptions,
  GrpcStatusCode,
  NamedErrorOptions,
  RoundAttemptRef,
} from './errors.js';

export {
  codeForGrpcStatus,
  decodeErrorInfo,
  DEFAULT_ERROR_DOMAIN,
  ERROR_INFO_TYPE_URL,
  FEDRA_ERROR_CODE_KEY,
  fromGrpcStatus,
  GRPC_STATUS_DETAILS_KEY,
  toGrpcStatus,
} from './grpc-status.js';
export type { ErrorInfo, ReceivedStatus, ToGrpcStatusOptions, WireStatus } from './grpc-status.js';

export {
  resolveModuleWorkerEntry,
  SOURCE_CONDITION,
  startModuleWorker,
} from './start-module-worker.js';
export type { ModuleWorkerEntry, ModuleWorkerOptions } from './start-module-worker.js';

export { shutdownOnSignals } from './shutdown-on-signals.js';

export { redactPaths, silentLogger } from './logger.js';
export type { LogFn, Logger } from './logger.js';

export {
  defineConfigSchema,
  envVarName,
  flagName,
  formatDuration,
  formatHostPort,
  parseConfig,
  parseDuration,
  parseHostPort,
} from './config.js';
export type {
  BoolField,
  ConfigField,
  ConfigFieldType,
  ConfigFieldValue,
  ConfigSchema,
  ConfigValues,
  DurationField,
  EnumField,
  HostPort,
  HostPortField,
  IntField,
  NumberField,
  ParseConfigOptions,
  ParseHostPortOptions,
  PathField,
  StringField,
  UrlField,
} from './config.js';

export { DEFAULT_CHUNK_BYTES, DEFAULT_MAX_CHUNK_BYTES, ELEMENT_BYTES } from './tensor-chunk.js';
export type { TensorChunk, TensorDtype, TensorOf, TensorTrailer } from './tensor-chunk.js';
export { ChunkStreamVerifier } from './chunk-stream-verifier.js';
export type { ChunkStreamState, ChunkStreamVerifierOptions } from './chunk-stream-verifier.js';
export { encodeTensorChunks, TensorChunkAssembler, tensorDigest } from './tensor-codec.js';
export type { EncodeTensorOptions, TensorChunkAssemblerOptions } from './tensor-codec.js';

export { startOpsServer } from './ops-server.js';
export type { MetricsSource, OpsServer, OpsServerOptions, ProbeAnswer } from './ops-server.js';
