/**
 * The coordinator process: one gRPC server with FleetService,
 * ExperimentService, AdminService, health and reflection, over state in
 * Redis, the BullMQ round engine and a model store. Replicas are
 * stateless: run as many as you like against one Redis and one (shared)
 * model store.
 *
 * @example
 * ```ts
 * const coordinator = await Coordinator.create({
 *   redisUrl: 'redis://127.0.0.1:6379',
 *   federation: 'acme',
 *   insecure: true,
 *   modelStore: '.fedra/models',
 *   logger,
 * });
 * const port = await coordinator.start(); // listens on 127.0.0.1:50051 by default
 * // with `metricsPort` set, Prometheus scrapes http://<host>:<coordinator.metricsPort>/metrics
 * // …
 * await coordinator.shutdown();
 * ```
 *
 * @module
 */
import { hostname } from 'node:os';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { ConfigError, parseHostPort, silentLogger } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { loadFedraPackage } from '@fedra/proto';
import type { IdentityVerifier } from '@fedra/secagg';
import { RedisAuditLog } from './audit/redis-audit-log.js';
import { createAttemptVerifier } from './engine/participant-verifier.js';
import { createConfigSigner } from './engine/round-config.js';
import { RoundEngine } from './engine/round-engine.js';
import type { RoundEngineTiming } from './engine/round-engine.js';
import { TaskNotifier } from './engine/task-notifier.js';
import { UnmaskPool } from './engine/unmask-pool.js';
import { DEFAULT_SPEC_LIMITS } from './engine/spec-validation.js';
import type { SpecLimits } from './engine/spec-validation.js';
import { bindServer, shutdownServer } from './grpc/bind-server.js';
import { addHealth } from './grpc/health.js';
import { acceptPreEncoded } from './grpc/pre-encoded.js';
import type { HealthController } from './grpc/health.js';
import { addReflection } from './grpc/reflection.js';
import { CoordinatorMetrics } from './metrics/coordinator-metrics.js';
import { startMetricsServer } from './metrics/metrics-server.js';
import type { MetricsServer } from './metrics/metrics-server.js';
import { createRpcGuard } from './grpc/wrap-handlers.js';
import { CallAuthenticator } from './identity/call-identity.js';
import { IssuerPolicy } from './identity/issuer-policy.js';
import type { IssuerPolicyOptions } from './identity/issuer-policy.js';
import { serverCredentialsFromPem } from './identity/tls-credentials.js';
import {
  DEFAULT_MODEL_STORE_ROOT,
  DirectoryModelStore,
} from './model-store/directory-model-store.js';
import type { ModelStore } from './model-store/model-store.js';
import { createAdminService, reportReplica } from './services/admin-service.js';
import { createExperimentService } from './services/experiment-service.js';
import { createFleetService } from './services/fleet-service.js';
import { DownloadSlots, PRE_ENCODED_DOWNLOADS } from './services/model-download.js';
import type { ServiceContext } from './services/service-context.js';
import { AttemptStore } from './state/attempt-store.js';
import type { AttemptKey } from './state/state-keys.js';
import { ExperimentStore } from './state/experiment-store.js';
import { IdempotencyStore } from './state/idempotency-store.js';
import { redisTimeMs } from './state/redis-script.js';
import { RegionPolicyStore } from './state/region-policy-store.js';
import { StateKeys } from './state/state-keys.js';
import { WorkerRegistry } from './state/worker-registry.js';

/** The coordinator software version reported to admins. */
export const COORDINATOR_VERSION = '0.1.0';

/** PEM text of the coordinator's TLS identity. */
export interface CoordinatorTls {
  /** CAs client certificates must chain to (every region CA and the people CA). */
  readonly caPem: string;
  /** The coordinator's certificate (chain). */
  readonly certPem: string;
  /** Its private key; also signs RoundConfigs. */
  readonly keyPem: string;
}

/** Options of {@link Coordinator.create}. */
export interface CoordinatorOptions {
  /** Redis URL (`redis://` or `rediss://`) holding all coordinator state. */
  readonly redisUrl: string;
  /**
   * The federation (SPIFFE trust domain) callers must belong to.
   * @default 'fedra.local'
   */
  readonly federation?: string | undefined;
  /**
   * Address to listen on (`host:port`; port 0 picks a free one).
   * @default '127.0.0.1:50051'
   */
  readonly listen?: string | undefined;
  /**
   * Serve without TLS; callers name themselves in the
   * `fedra-insecure-identity` header. Local development only.
   * @default false
   */
  readonly insecure?: boolean | undefined;
  /** Insecure mode: the identity of callers that send no header. @default undefined (refused) */
  readonly insecureIdentity?: string | undefined;
  /** TLS identity; required unless `insecure`. */
  readonly tls?: CoordinatorTls | undefined;
  /** Which CA may issue which identity. @default any CA in `tls.caPem` may issue any identity */
  readonly issuers?: IssuerPolicyOptions | undefined;
  /**
   * Prefix of every Redis key (state and BullMQ).
   * @default 'fedra'
   */
  readonly keyPrefix?: string | undefined;
  /**
   * The model store, or the directory of a {@link DirectoryModelStore}.
   * @default DEFAULT_MODEL_STORE_ROOT ('.fedra/models')
   */
  readonly modelStore?: ModelStore | string | undefined;
  /** @default silentLogger */
  readonly logger?: Logger | undefined;
  /**
   * Run round jobs and the sweeper on this replica.
   * @default true
   */
  readonly runEngine?: boolean | undefined;
  /** BullMQ lock/stall and sweep settings. @default see {@link RoundEngineTiming} */
  readonly engine?: RoundEngineTiming | undefined;
  /**
   * Checks participants' signatures. @default the public key of the
   * client certificate each worker had registered when the attempt was
   * selected, pinned in the attempt (insecure mode: unverifiable
   * signatures are accepted)
   */
  readonly participantVerifier?: IdentityVerifier | undefined;
  /** Limits on specs. @default DEFAULT_SPEC_LIMITS */
  readonly specLimits?: Partial<SpecLimits> | undefined;
  /** Attempts a round may take before its experiment fails. @default 5 */
  readonly maxAttemptsPerRound?: number | undefined;
  /** Dropout rate k and t are chosen for when a spec leaves them 0. @default 0.1 */
  readonly expectedDropoutRate?: number | undefined;
  /** Heartbeat interval told to workers, ms. @default 10_000 */
  readonly heartbeatIntervalMs?: number | undefined;
  /** Heartbeat age after which a worker is offline, ms. @default 3 × heartbeatIntervalMs */
  readonly heartbeatTimeoutMs?: number | undefined;
  /** One blocking stream read's wait, ms (StreamTasks, WatchExperiment). @default 5_000 */
  readonly streamBlockMs?: number | undefined;
  /** This replica's id. @default `${hostname()}-${process.pid}` */
  readonly replicaId?: string | undefined;
  /** Serve reflection (v1 and v1alpha). @default true */
  readonly reflection?: boolean | undefined;
  /**
   * Serve Prometheus metrics (`/metrics`, `/healthz`) over HTTP on this
   * port; 0 picks a free one (see {@link Coordinator.metricsPort}).
   * @default undefined (not served; the metrics are still kept)
   */
  readonly metricsPort?: number | undefined;
  /** Host the metrics server binds. @default the host of `listen` */
  readonly metricsHost?: string | undefined;
  /**
   * Threads that remove masks at the end of a round (only on a replica that
   * runs the engine).
   * @default availableParallelism()
   */
  readonly unmaskThreads?: number | undefined;
}

function positiveInteger(key: string, value: number | undefined, fallback: number): number {
  const x = value ?? fallback;
  if (!Number.isSafeInteger(x) || x <= 0)
    throw new ConfigError(key, `${key} must be a positive integer`);
  return x;
}

/**
 * A coordinator replica; see the module doc.
 *
 * Lifecycle: `create()` (connects, builds everything, starts the engine) →
 * `start()` (listens) → `shutdown()` (stops listening, finishes calls and
 * jobs, disconnects).
 */
export class Coordinator {
  /** The gRPC server. */
  readonly server: Server;
  /** The health service controller. */
  readonly health: HealthController;
  /** The round engine. */
  readonly engine: RoundEngine;
  /** The shared service context (stores, settings). */
  readonly context: ServiceContext;
  /** The Prometheus metrics (served when `metricsPort` is set). */
  readonly metrics: CoordinatorMetrics;
  readonly #unmaskPool: UnmaskPool | undefined;
  readonly #metricsAddress: { host: string; port: number } | undefined;
  #metricsServer: MetricsServer | undefined;
  #serving = false;
  readonly #listen: string;
  readonly #credentials: ServerCredentials;
  readonly #redis: Redis;
  readonly #blocking: Set<Redis>;
  readonly #log: Logger;
  #reportTimer: NodeJS.Timeout | undefined;
  #port: number | undefined;

  private constructor(init: {
    server: Server;
    health: HealthController;
    engine: RoundEngine;
    context: ServiceContext;
    listen: string;
    credentials: ServerCredentials;
    redis: Redis;
    log: Logger;
    blocking: Set<Redis>;
    metrics: CoordinatorMetrics;
    unmaskPool: UnmaskPool | undefined;
    metricsAddress: { host: string; port: number } | undefined;
  }) {
    this.metrics = init.metrics;
    this.#unmaskPool = init.unmaskPool;
    this.#metricsAddress = init.metricsAddress;
    this.server = init.server;
    this.health = init.health;
    this.engine = init.engine;
    this.context = init.context;
    this.#listen = init.listen;
    this.#credentials = init.credentials;
    this.#redis = init.redis;
    this.#log = init.log;
    this.#blocking = init.blocking;
  }

  /**
   * Validates the options, connects to Redis, opens the model store,
   * starts the round engine and builds the server (not yet listening).
   *
   * @throws ConfigError naming the bad option; UnavailableError when Redis
   *   cannot be reached.
   */
  static async create(options: CoordinatorOptions): Promise<Coordinator> {
    const log = options.logger ?? silentLogger;
    const insecure = options.insecure ?? false;
    const federation = options.federation ?? 'fedra.local';
    const listen = options.listen ?? '127.0.0.1:50051';
    try {
      parseHostPort(listen);
    } catch (error) {
      throw new ConfigError('listen', `listen must be host:port, got ${listen}`, { cause: error });
    }
    if (!/^rediss?:\/\//.test(options.redisUrl))
      throw new ConfigError('redisUrl', 'redisUrl must be a redis:// or rediss:// URL');
    if (!insecure && options.tls === undefined)
      throw new ConfigError('tls', 'tls is required unless insecure is set');
    if (insecure && options.tls !== undefined)
      throw new ConfigError('insecure', 'insecure and tls contradict each other');
    const heartbeatIntervalMs = positiveInteger(
      'heartbeatIntervalMs',
      options.heartbeatIntervalMs,
      10_000,
    );
    const heartbeatTimeoutMs = positiveInteger(
      'heartbeatTimeoutMs',
      options.heartbeatTimeoutMs,
      3 * heartbeatIntervalMs,
    );
    const streamBlockMs = positiveInteger('streamBlockMs', options.streamBlockMs, 5_000);
    const maxAttemptsPerRound = positiveInteger(
      'maxAttemptsPerRound',
      options.maxAttemptsPerRound,
      5,
    );
    let metricsAddress: { host: string; port: number } | undefined;
    if (options.metricsPort !== undefined) {
      const port = options.metricsPort;
      if (!Number.isSafeInteger(port) || port < 0 || port > 65_535)
        throw new ConfigError('metricsPort', 'metricsPort must be an integer in [0, 65535]');
      metricsAddress = { host: options.metricsHost ?? parseHostPort(listen).host, port };
    }
    const runEngine = options.runEngine ?? true;
    const unmaskThreads =
      options.unmaskThreads === undefined
        ? undefined
        : positiveInteger('unmaskThreads', options.unmaskThreads, 1);
    const dropout = options.expectedDropoutRate ?? 0.1;
    if (!(dropout >= 0 && dropout < 0.5))
      throw new ConfigError('expectedDropoutRate', 'expectedDropoutRate must be in [0, 0.5)');
    const keys = new StateKeys(options.keyPrefix ?? 'fedra');
    const issuers =
      options.issuers === undefined ? undefined : IssuerPolicy.fromPem(options.issuers);
    const authenticator = new CallAuthenticator({
      federation,
      insecure,
      insecureIdentity: options.insecureIdentity,
      issuers,
      logger: log,
    });
    const credentials =
      options.tls === undefined
        ? ServerCredentials.createInsecure()
        : serverCredentialsFromPem({
            ca: options.tls.caPem,
            cert: options.tls.certPem,
            key: options.tls.keyPem,
          });
    const configSigner =
      options.tls === undefined ? undefined : createConfigSigner(options.tls.keyPem);
    if (insecure) {
      log.warn(
        { federation },
        'INSECURE MODE: no TLS, callers choose their own identity (fedra-insecure-identity header), round configs are unsigned; never expose this port',
      );
    }

    const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new ConfigError('redisUrl', 'cannot connect to Redis', { cause: error });
    }
    const modelStore =
      typeof options.modelStore === 'object'
        ? options.modelStore
        : await DirectoryModelStore.open(options.modelStore ?? DEFAULT_MODEL_STORE_ROOT);
    const attempts = new AttemptStore(redis, keys);
    const experiments = new ExperimentStore(redis, keys);
    const registry = new WorkerRegistry(redis, keys);
    const policies = new RegionPolicyStore(redis, keys);
    const specLimits: SpecLimits = { ...DEFAULT_SPEC_LIMITS, ...options.specLimits };
    const participantVerifier = options.participantVerifier;
    const verifierOf = (key: AttemptKey): IdentityVerifier =>
      participantVerifier ?? createAttemptVerifier(attempts, key, { insecure });
    const metrics = new CoordinatorMetrics({ processMetrics: metricsAddress !== undefined });
    // One pool per coordinator, only where rounds are driven; closed at shutdown.
    const unmaskPool = runEngine
      ? await UnmaskPool.create({
          threads: unmaskThreads,
          logger: log.child({ component: 'unmask' }),
        })
      : undefined;
    const engine = await RoundEngine.create({
      redisUrl: options.redisUrl,
      redis,
      keys,
      attempts,
      experiments,
      registry,
      policies,
      modelStore,
      notifier: new TaskNotifier(registry, attempts, log.child({ component: 'tasks' })),
      logger: log.child({ component: 'engine' }),
      configSigner,
      specLimits,
      maxAttemptsPerRound,
      expectedDropoutRate: dropout,
      heartbeatTimeoutMs,
      runWorkers: runEngine,
      timing: options.engine,
      unmask: unmaskPool,
      metrics,
    }).catch(async (error: unknown) => {
      await unmaskPool?.close();
      throw error;
    });
    metrics.observeQueue(() => engine.depths());
    const blocking = new Set<Redis>();
    const context: ServiceContext = {
      redis,
      keys,
      experiments,
      attempts,
      registry,
      policies,
      idempotency: new IdempotencyStore(redis, keys),
      auditLog: new RedisAuditLog({ redis, keyPrefix: keys.auditPrefix() }),
      modelStore,
      downloadSlots: new DownloadSlots(),
      engine,
      metrics,
      specLimits,
      replicaId: options.replicaId ?? `${hostname()}-${process.pid}`,
      insecure,
      participantVerifier: verifierOf,
      heartbeatIntervalMs,
      heartbeatTimeoutMs,
      streamBlockMs,
      handlerOptions: { logger: log, guard: createRpcGuard(authenticator) },
      startTimeMs: await redisTimeMs(redis),
      now: () => redisTimeMs(redis),
      blockingConnection: () => {
        const connection = redis.duplicate();
        blocking.add(connection);
        connection.once('end', () => blocking.delete(connection));
        return connection;
      },
    };

    const server = new Server({ 'grpc.max_receive_message_length': 8 * 1024 * 1024 });
    const v1 = loadFedraPackage().fedra.v1;
    server.addService(
      acceptPreEncoded(v1.FleetService.service, [PRE_ENCODED_DOWNLOADS.FleetService]),
      createFleetService(context),
    );
    server.addService(
      acceptPreEncoded(v1.ExperimentService.service, [PRE_ENCODED_DOWNLOADS.ExperimentService]),
      createExperimentService(context),
    );
    server.addService(v1.AdminService.service, createAdminService(context, COORDINATOR_VERSION));
    const health = addHealth(server);
    if (options.reflection ?? true) addReflection(server);
    return new Coordinator({
      server,
      health,
      engine,
      context,
      listen,
      credentials,
      redis,
      log,
      blocking,
      metrics,
      unmaskPool,
      metricsAddress,
    });
  }

  /** The port the server listens on, once started. */
  get port(): number | undefined {
    return this.#port;
  }

  /** The port the metrics server listens on, once started with `metricsPort` set. */
  get metricsPort(): number | undefined {
    return this.#metricsServer?.port;
  }

  /**
   * Starts listening (gRPC, and metrics when `metricsPort` is set);
   * resolves with the bound gRPC port.
   */
  async start(): Promise<number> {
    this.#port = await bindServer(this.server, this.#listen, this.#credentials);
    if (this.#metricsAddress !== undefined) {
      this.#metricsServer = await startMetricsServer({
        registry: this.metrics.registry,
        ...this.#metricsAddress,
        healthy: () => this.#serving,
        logger: this.#log,
      });
      this.#log.info({ metricsPort: this.#metricsServer.port }, 'metrics served');
    }
    this.#serving = true;
    this.health.setServing();
    const report = (): void => {
      reportReplica(this.context, COORDINATOR_VERSION).catch((error: unknown) => {
        this.#log.warn({ err: error }, 'replica report failed');
      });
      this.#reportTimer = setTimeout(report, 10_000);
    };
    report();
    this.#log.info(
      { port: this.#port, replicaId: this.context.replicaId },
      'coordinator listening',
    );
    return this.#port;
  }

  /**
   * Stops: reports NOT_SERVING, lets in-flight calls finish for up to
   * `graceMs`, stops the engine (running jobs finish), disconnects Redis.
   */
  async shutdown(graceMs = 5_000): Promise<void> {
    this.#serving = false;
    this.health.setNotServing();
    if (this.#reportTimer !== undefined) clearTimeout(this.#reportTimer);
    for (const connection of this.#blocking) connection.disconnect();
    await shutdownServer(this.server, { graceMs });
    await this.engine.close();
    await this.#unmaskPool?.close();
    await this.#metricsServer?.close();
    await this.#redis.hdel(this.context.keys.replicas(), this.context.replicaId).catch(() => 0);
    await this.#redis.quit().catch(() => undefined);
    this.#log.info({ replicaId: this.context.replicaId }, 'coordinator stopped');
  }
}
