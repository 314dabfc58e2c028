/**
 * What the three services share: the stores, the engine, the model store
 * and the settings. One context per coordinator replica.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import type { IdentityVerifier } from '@fedra/secagg';
import type { RedisAuditLog } from '../audit/redis-audit-log.js';
import type { RoundEngine } from '../engine/round-engine.js';
import type { SpecLimits } from '../engine/spec-validation.js';
import type { RpcHandlerOptions } from '../grpc/wrap-handlers.js';
import type { CoordinatorMetrics } from '../metrics/coordinator-metrics.js';
import type { ModelStore } from '../model-store/model-store.js';
import type { AttemptStore } from '../state/attempt-store.js';
import type { ExperimentStore } from '../state/experiment-store.js';
import type { IdempotencyStore } from '../state/idempotency-store.js';
import type { RegionPolicyStore } from '../state/region-policy-store.js';
import type { AttemptKey, StateKeys } from '../state/state-keys.js';
import type { WorkerRegistry } from '../state/worker-registry.js';
import type { DownloadSlots } from './model-download.js';

/** Everything the service handlers use. */
export interface ServiceContext {
  /** Commands connection (never used for blocking reads). */
  readonly redis: Redis;
  /** Key names. */
  readonly keys: StateKeys;
  /** Experiments. */
  readonly experiments: ExperimentStore;
  /** Round attempts. */
  readonly attempts: AttemptStore;
  /** Workers and task streams. */
  readonly registry: WorkerRegistry;
  /** Region policies. */
  readonly policies: RegionPolicyStore;
  /** Idempotency records. */
  readonly idempotency: IdempotencyStore;
  /** The audit log. */
  readonly auditLog: RedisAuditLog;
  /** Blobs, versions, staged uploads. */
  readonly modelStore: ModelStore;
  /** Bounds the model-download messages in flight across all streams. */
  readonly downloadSlots: DownloadSlots;
  /** The round engine (its driver and queue). */
  readonly engine: RoundEngine;
  /** Prometheus metrics (bytes in and out). @default none */
  readonly metrics?: CoordinatorMetrics | undefined;
  /** Spec limits. */
  readonly specLimits: SpecLimits;
  /** This replica's id. */
  readonly replicaId: string;
  /** The coordinator runs without TLS. */
  readonly insecure: boolean;
  /** A fresh verifier of participants' signatures in one attempt (see engine/participant-verifier). */
  participantVerifier(attempt: AttemptKey): IdentityVerifier;
  /** The heartbeat interval workers are told. */
  readonly heartbeatIntervalMs: number;
  /** A worker whose heartbeat is older counts as offline. */
  readonly heartbeatTimeoutMs: number;
  /** How long one blocking stream read waits before checking for cancellation. */
  readonly streamBlockMs: number;
  /** Options of the handler wrappers (logger, guard). */
  readonly handlerOptions: RpcHandlerOptions;
  /** When this replica started (ms). */
  readonly startTimeMs: number;
  /** Redis TIME in ms. */
  now(): Promise<number>;
  /** A new connection for one blocking read loop; the caller disconnects it. */
  blockingConnection(): Redis;
}
