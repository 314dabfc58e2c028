/**
 * The regional worker's link to the coordinator: registers, keeps the task
 * stream open, heartbeats, and takes part in rounds as a secure-aggregation
 * participant, training in a {@link TrainingHost} thread.
 *
 * Per invitation: verify the config and spec hashes, check the round against
 * the region's policy (refusals are reported with ReportRefusal), then run
 * the {@link ParticipantSession} stages over the Fleet RPCs. At
 * collect-masked the worker downloads the global model (cached by hash),
 * trains, masks the weighted delta and its lanes, and uploads in ~1 MiB
 * chunks, resuming from the offset the coordinator reports. At unmask the
 * reveal record is persisted before the response leaves.
 *
 * Logs carry ids, stages, counts and sizes, never tensor values, keys or
 * shares.
 *
 * @module
 */
import { createHash, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { credentials, Metadata, status as grpcStatus } from '@grpc/grpc-js';
import type {
  CallOptions,
  ChannelCredentials,
  ClientReadableStream,
  Interceptor,
  ServiceError,
} from '@grpc/grpc-js';
import { FedraError, fromGrpcStatus, InvalidArgumentError, silentLogger } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { loadFedraPackage } from '@fedra/proto';
import type {
  DatasetInfo,
  ExperimentSpecOutput,
  FleetServiceClient,
  RefusalReasonOutput,
  RoundConfigOutput,
  StageHeader,
  StreamTasksResponseOutput,
  TrainingBackendOutput,
} from '@fedra/proto';
import { encodeLanes, makeHeader, SECAGG_PROTOCOL_VERSION, SECAGG_SUITE } from '@fedra/secagg';
import type {
  IdentitySigner,
  IdentityVerifier,
  ParticipantSession,
  SecAggConfig,
  SecAggStage,
} from '@fedra/secagg';
import {
  consistencyRequestFromWire,
  consistencyResponseToWire,
  decodeExperimentSpec,
  decodeRoundConfig,
  headerToWire,
  incomingShareFromWire,
  secAggConfigFromRoundConfig,
  setupFromWire,
  setupToWire,
  shareKeysToWire,
  stageFromWire,
  unmaskRequestFromWire,
  payloadChunks,
  unmaskResponseToWire,
} from '@fedra/wire';
import type { DatasetConfig } from '../data/dataset-config.js';
import { checkSurvivorSet, evaluateRound } from '../policy/evaluate-round.js';
import type { RegionPolicy } from '../policy/region-policy.js';
import type { BackendChoice, BackendName } from '../training/backend.js';
import type { ModelTopology } from '../training/model.js';
import type { OptimizerName } from '../training/trainer.js';
import { TrainingHost } from '../training/training-host.js';
import type { DatasetSummary } from '../training/training-protocol.js';
import { Backoff } from './backoff.js';
import type { AttemptPeers, PeerIdentityInput, PeerVerifier } from './peer-verifier.js';
import { RevealStore } from './reveal-store.js';
import { beforeDeadline, stageDeadlineSignal } from './stage-deadline.js';
import type { WorkerMetrics } from './worker-metrics.js';

/** The metadata header an insecure-mode worker names itself with (the coordinator's insecure mode reads it). */
export const INSECURE_IDENTITY_HEADER = 'fedra-insecure-identity';

/** The Fleet protocol version this worker speaks. */
export const WORKER_PROTOCOL_VERSION = SECAGG_PROTOCOL_VERSION;

/** Bytes per upload and download chunk (~1 MiB, as the wire design says). */
export const CHUNK_BYTES = 1024 * 1024;

/** Upload tries when the coordinator reported no stage deadline (with one, the deadline bounds them). */
export const UPLOAD_TRIES_WITHOUT_DEADLINE = 10;

/** Mutual TLS: identity and region come from the certificate. */
export interface WorkerTlsCredentials {
  /** Always `'tls'`. */
  readonly mode: 'tls';
  /** PEM bundle that authenticates the coordinator. */
  readonly ca: Buffer;
  /** This worker's certificate chain (PEM). */
  readonly cert: Buffer;
  /** Its private key (PEM). */
  readonly key: Buffer;
  /** This worker's id (from the certificate's SPIFFE SAN). */
  readonly workerId: string;
}

/**
 * Development only: no TLS; the worker names itself
 * `spiffe://<federation>/region/<region>/worker/<workerId>` in the
 * `fedra-insecure-identity` header.
 */
export interface WorkerInsecureCredentials {
  /** Always `'insecure'`. */
  readonly mode: 'insecure';
  /** The federation (SPIFFE trust domain) of the coordinator. */
  readonly federation: string;
  /** The region this worker claims. */
  readonly region: string;
  /** The worker id this worker claims. */
  readonly workerId: string;
}

/** Options of {@link Worker.create}. */
export interface WorkerOptions {
  /** The coordinator's address, `host:port`. */
  readonly coordinator: string;
  /** How the worker authenticates. */
  readonly credentials: WorkerTlsCredentials | WorkerInsecureCredentials;
  /**
   * Signs secure-aggregation messages with this worker's identity key; its
   * `participantId` must be the worker id. In production: the key behind
   * the certificate.
   */
  readonly signer: IdentitySigner;
  /**
   * Verifies peers' signatures against keys known in advance. Insecure
   * mode only, where it is required.
   */
  readonly verifier?: IdentityVerifier | undefined;
  /**
   * The pinned federation trust bundle: each attempt admits its neighbours
   * from the certificate chains GetShareKeys relays, and refuses the attempt
   * (REFUSAL_REASON_SECAGG_CHECK_FAILED) when one does not lead to a pinned
   * region CA. TLS mode only, where it is required.
   */
  readonly peerVerifier?: PeerVerifier | undefined;
  /**
   * The region's policy. Required with TLS; in insecure mode, absent means
   * only the protocol, dataset and config checks apply.
   * @default undefined
   */
  readonly policy?: RegionPolicy | undefined;
  /** The datasets this worker offers, loaded into the training thread at start. */
  readonly datasets: readonly DatasetConfig[];
  /** @default 'auto' */
  readonly backend?: BackendChoice | undefined;
  /** Writable directory for state that must survive a restart (reveal records). */
  readonly stateDir: string;
  /** @default silentLogger */
  readonly logger?: Logger | undefined;
  /**
   * Heartbeat interval when the coordinator names none, in milliseconds.
   * @default 5_000
   */
  readonly heartbeatIntervalMs?: number | undefined;
  /** Reconnection backoff bounds, in milliseconds. @default { initialMs: 200, maxMs: 30_000 } */
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number } | undefined;
  /** Deadline of each unary call, in milliseconds. @default 30_000 */
  readonly callTimeoutMs?: number | undefined;
  /** How long {@link Worker.shutdown} waits for the current task, in milliseconds. @default 30_000 */
  readonly shutdownTimeoutMs?: number | undefined;
  /** Upload chunk size in bytes. @default CHUNK_BYTES */
  readonly chunkBytes?: number | undefined;
  /** Reported at registration. @default '0.1.0' */
  readonly workerVersion?: string | undefined;
  /**
   * Prometheus metrics to record into (rounds joined and refused, training
   * time, examples, bytes sent); see `startHealthServer` to serve them.
   * @default undefined (nothing recorded)
   */
  readonly metrics?: WorkerMetrics | undefined;
  /**
   * Extra client interceptors on the channel to the coordinator, after the
   * metrics one (e.g. `egressInterceptor` to audit what leaves the region).
   * @default []
   */
  readonly interceptors?: readonly Interceptor[] | undefined;
  /**
   * Test and audit hook, off by default: called with each attempt's
   * encoded, unmasked update (the fixed-point lanes, before any mask) just
   * before it is masked (a copy). It stays in this process; never send it anywhere.
   * @default undefined
   */
  readonly onEncodedUpdate?: ((attemptKey: string, encoded: Uint32Array) => void) | undefined;
}

/**
 * The worker's lifecycle:
 * - `'INITIALIZED'`: created (training thread up, datasets loaded); {@link Worker.run} not called.
 * - `'CONNECTING'`: registering and opening the task stream.
 * - `'RUNNING'`: registered, following the task stream, taking rounds.
 * - `'RECONNECTING'`: the link dropped (UNAVAILABLE or the stream ended); waiting out a jittered backoff.
 * - `'STOPPING'`: {@link Worker.shutdown} called; takes no new rounds, finishes the current task.
 * - `'STOPPED'`: left the coordinator; the training thread is closed.
 * - `'FAILED'`: an error no retry can fix (e.g. refused registration); `run()` rejected with it.
 */
export type WorkerState =
  'INITIALIZED' | 'CONNECTING' | 'RUNNING' | 'RECONNECTING' | 'STOPPING' | 'STOPPED' | 'FAILED';

/** How a round the worker was invited to went, for observers and tests. */
export interface RoundActivity {
  /** `experimentId/round/attempt`. */
  readonly attemptKey: string;
  /** What happened last. */
  readonly outcome:
    'refused' | 'setup' | 'uploaded' | 'signed' | 'unmasked' | 'cancelled' | 'failed';
  /** The refusal reason, when refused. */
  readonly reason?: RefusalReasonOutput;
}

interface ActiveAttempt {
  readonly key: string;
  readonly config: SecAggConfig;
  readonly roundConfig: RoundConfigOutput;
  readonly spec: ExperimentSpecOutput;
  readonly session: ParticipantSession;
  readonly log: Logger;
  /** With a trust bundle: the peers this attempt admitted (filled at share-keys). */
  readonly peers: AttemptPeers | undefined;
  /** Aborts when the current stage's deadline (the coordinator's `remaining`) passes. */
  deadline: AbortSignal | undefined;
  /** Stages already run or under way (a replayed StageOpened is ignored). */
  readonly stagesSeen: Set<SecAggStage>;
}

type Callback<T> = (error: ServiceError | null, value?: T) => void;

const RETRYABLE = new Set<number>([
  grpcStatus.UNAVAILABLE,
  grpcStatus.DEADLINE_EXCEEDED,
  grpcStatus.RESOURCE_EXHAUSTED,
  grpcStatus.ABORTED,
  grpcStatus.CANCELLED,
  // The coordinator forgot our session (e.g. it restarted): register again.
  grpcStatus.NOT_FOUND,
]);

const BACKENDS: Readonly<Record<BackendName, TrainingBackendOutput>> = {
  'tfjs-node-gpu': 'TRAINING_BACKEND_TFJS_NODE_GPU',
  'tfjs-node': 'TRAINING_BACKEND_TFJS_NODE',
  wasm: 'TRAINING_BACKEND_TFJS_WASM',
  cpu: 'TRAINING_BACKEND_TFJS_CPU',
};

const OPTIMIZERS: Readonly<Record<string, OptimizerName>> = {
  LOCAL_OPTIMIZER_SGD: 'sgd',
  LOCAL_OPTIMIZER_ADAM: 'adam',
};

/** A transport-level failure that a reconnect may fix. */
class LinkError extends FedraError {
  readonly grpcCode: number;
  constructor(grpcCode: number, cause: FedraError) {
    super(cause.code, cause.message, { cause });
    this.grpcCode = grpcCode;
  }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function validate(options: WorkerOptions): void {
  if (!/^[^:\s]+:\d+$/.test(options.coordinator) && !/^\[[^\]]+\]:\d+$/.test(options.coordinator))
    throw new InvalidArgumentError('coordinator', 'coordinator must be host:port');
  const c = options.credentials;
  if (c.mode === 'tls' && options.policy === undefined)
    throw new InvalidArgumentError('policy', 'policy: a region policy is required with TLS');
  if (c.mode === 'tls' && (options.peerVerifier === undefined || options.verifier !== undefined))
    throw new InvalidArgumentError(
      'peerVerifier',
      "peerVerifier: TLS workers verify peers against the policy's pinned trust bundle (and take no static verifier)",
    );
  if (
    c.mode === 'insecure' &&
    (options.verifier === undefined || options.peerVerifier !== undefined)
  )
    throw new InvalidArgumentError(
      'verifier',
      'verifier: insecure workers verify peers with static keys (an insecure coordinator relays no certificates)',
    );
  if (options.signer.participantId !== c.workerId)
    throw new InvalidArgumentError('signer', 'signer: the signer must sign as this worker id');
  if (options.datasets.length === 0)
    throw new InvalidArgumentError('datasets', 'datasets: a worker needs at least one dataset');
  const names = new Set(options.datasets.map((d) => d.name));
  if (names.size !== options.datasets.length)
    throw new InvalidArgumentError('datasets', 'datasets: dataset names repeat');
  for (const [key, value] of Object.entries({
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    callTimeoutMs: options.callTimeoutMs,
    shutdownTimeoutMs: options.shutdownTimeoutMs,
    chunkBytes: options.chunkBytes,
  })) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      throw new InvalidArgumentError(key, `${key} must be a positive integer`);
  }
}

/**
 * A regional worker; see the module doc.
 *
 * @example
 * ```ts
 * const worker = await Worker.create({
 *   coordinator: '127.0.0.1:50051',
 *   credentials: { mode: 'insecure', federation: 'fedra.local', region: 'eu', workerId: 'w1' },
 *   signer, verifier, stateDir: '/var/lib/fedra',
 *   datasets: [{ name: 'mnist', format: 'mnist', shard: 0, shards: 6, inputShape: [784] }],
 * });
 * const done = worker.run();
 * process.once('SIGTERM', () => void worker.shutdown());
 * await done;
 * ```
 */
export class Worker {
  /** This worker's id. */
  readonly workerId: string;
  /** Rounds seen, by attempt key, in the order they were last updated. */
  readonly activity = new Map<string, RoundActivity>();
  readonly #o: WorkerOptions;
  readonly #host: TrainingHost;
  readonly #datasets: ReadonlyMap<string, DatasetSummary>;
  readonly #client: FleetServiceClient;
  readonly #log: Logger;
  readonly #reveals: RevealStore;
  readonly #identity: string | undefined;
  /** TLS only: the key behind the certificate, which this worker's own signatures verify under. */
  readonly #publicKey: KeyObject | undefined;
  readonly #active = new Map<string, ActiveAttempt>();
  readonly #models = new Map<string, Float32Array>();
  readonly #stop = new AbortController();
  #state: WorkerState = 'INITIALIZED';
  #sessionId = '';
  #cursor = '';
  #draining = false;
  #stream: ClientReadableStream<StreamTasksResponseOutput> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #queue: Promise<void> = Promise.resolve();
  #running: Promise<void> | undefined;

  private constructor(
    options: WorkerOptions,
    host: TrainingHost,
    datasets: ReadonlyMap<string, DatasetSummary>,
  ) {
    this.#o = options;
    this.#host = host;
    this.#datasets = datasets;
    const c = options.credentials;
    this.workerId = c.workerId;
    this.#log = (options.logger ?? silentLogger).child({ workerId: c.workerId });
    this.#reveals = new RevealStore(options.stateDir);
    let channel: ChannelCredentials;
    if (c.mode === 'tls') {
      channel = credentials.createSsl(c.ca, c.key, c.cert);
      this.#publicKey = new X509Certificate(c.cert).publicKey;
    } else {
      channel = credentials.createInsecure();
      this.#identity = `spiffe://${c.federation}/region/${c.region}/worker/${c.workerId}`;
    }
    const interceptors = [
      ...(options.metrics === undefined ? [] : [options.metrics.interceptor]),
      ...(options.interceptors ?? []),
    ];
    this.#client = new (loadFedraPackage().fedra.v1.FleetService)(
      options.coordinator,
      channel,
      interceptors.length === 0 ? {} : { interceptors },
    );
  }

  /**
   * Validates the options, starts the training thread and loads the datasets.
   *
   * @throws InvalidArgumentError naming the option; what `TrainingHost.create`
   *   and `loadDataset` throw (an unavailable backend, unreadable data).
   */
  static async create(options: WorkerOptions): Promise<Worker> {
    validate(options);
    const logger = options.logger ?? silentLogger;
    if (options.credentials.mode === 'insecure')
      logger.warn(
        { workerId: options.credentials.workerId, region: options.credentials.region },
        'INSECURE mode: no TLS, the identity is claimed, not proven; local development only',
      );
    const host = await TrainingHost.create({ backend: options.backend ?? 'auto', logger });
    const datasets = new Map<string, DatasetSummary>();
    try {
      for (const config of options.datasets)
        datasets.set(config.name, await host.loadDataset(config));
    } catch (error) {
      await host.close();
      throw error;
    }
    return new Worker(options, host, datasets);
  }

  /** Where the worker is in its lifecycle. */
  get state(): WorkerState {
    return this.#state;
  }

  /** The training backend in use. */
  get backend(): BackendName {
    return this.#host.selection.backend;
  }

  #setState(state: WorkerState): void {
    if (this.#state !== state) this.#log.debug({ from: this.#state, to: state }, 'worker state');
    this.#state = state;
  }

  /**
   * Runs until {@link Worker.shutdown}: registers, follows the task stream
   * and reconnects with jittered exponential backoff when the link drops.
   *
   * @throws FedraError when the coordinator refuses the worker for good
   *   (e.g. UNAUTHENTICATED, FAILED_PRECONDITION on the protocol version).
   */
  run(): Promise<void> {
    if (this.#running !== undefined) return this.#running;
    this.#running = this.#loop();
    return this.#running;
  }

  // A method, not the property, so the compiler does not narrow it across awaits.
  #stopped(): boolean {
    return this.#stop.signal.aborted;
  }

  async #loop(): Promise<void> {
    const backoff = new Backoff(this.#o.reconnect ?? {});
    while (!this.#stop.signal.aborted) {
      this.#setState(backoff.failures === 0 ? 'CONNECTING' : 'RECONNECTING');
      try {
        await this.#register();
        backoff.reset();
        this.#setState('RUNNING');
        await this.#follow();
        if (this.#stopped()) break;
        this.#log.warn({}, 'task stream ended; reconnecting');
      } catch (error) {
        if (this.#stopped()) break;
        if (!(error instanceof LinkError) || !RETRYABLE.has(error.grpcCode)) {
          this.#setState('FAILED');
          this.#stopHeartbeat();
          this.#log.error({ code: (error as FedraError).code }, 'worker failed');
          throw error;
        }
        this.#log.warn({ code: error.code, grpcCode: error.grpcCode }, 'link lost; reconnecting');
      }
      this.#stopHeartbeat();
      this.#setState('RECONNECTING');
      await sleep(backoff.next(), this.#stop.signal);
    }
  }

  /**
   * Stops taking rounds, tells the coordinator it is draining, waits for the
   * current task (up to `shutdownTimeoutMs`), closes the task stream, the
   * channel and the training thread. Idempotent.
   */
  async shutdown(): Promise<void> {
    if (this.#state === 'STOPPED' || this.#state === 'STOPPING') {
      await this.#running?.catch(() => undefined);
      return;
    }
    this.#setState('STOPPING');
    this.#draining = true;
    this.#stop.abort();
    if (this.#sessionId !== '') {
      await this.#unary<unknown>((m, o, cb) =>
        this.#client.heartbeat(
          { sessionId: this.#sessionId, activity: 'WORKER_ACTIVITY_DRAINING' },
          m,
          { ...o, deadline: Date.now() + 2_000 },
          cb,
        ),
      ).catch(() => undefined);
    }
    this.#stopHeartbeat();
    this.#stream?.cancel();
    const timeout = this.#o.shutdownTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#queue,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeout);
      }),
    ]);
    clearTimeout(timer);
    await this.#running?.catch(() => undefined);
    this.#client.close();
    await this.#host.close();
    this.#active.clear();
    this.#setState('STOPPED');
    this.#log.info({}, 'worker stopped');
  }

  #metadata(): Metadata {
    const metadata = new Metadata();
    if (this.#identity !== undefined) metadata.set(INSECURE_IDENTITY_HEADER, this.#identity);
    return metadata;
  }

  #unary<T>(
    invoke: (metadata: Metadata, options: CallOptions, callback: Callback<T>) => unknown,
  ): Promise<T> {
    const options: CallOptions = { deadline: Date.now() + (this.#o.callTimeoutMs ?? 30_000) };
    return new Promise<T>((resolve, reject) => {
      invoke(this.#metadata(), options, (error, value) => {
        if (error !== null) reject(new LinkError(error.code, fromGrpcStatus(error)));
        else resolve(value as T);
      });
    });
  }

  async #register(): Promise<void> {
    const datasets: DatasetInfo[] = [...this.#datasets.values()].map((d) => ({
      name: d.name,
      exampleCount: d.trainExamples,
      inputShape: [...d.inputShape],
      numClasses: d.numClasses,
    }));
    const response = await this.#unary<{
      sessionId: string;
      region: string;
      heartbeatInterval: { seconds: number; nanos: number } | null;
    }>((m, o, cb) =>
      this.#client.register(
        {
          protocolVersion: WORKER_PROTOCOL_VERSION,
          secaggSuites: [SECAGG_SUITE],
          backend: BACKENDS[this.#host.selection.backend],
          device: {
            platform: process.platform,
            arch: process.arch,
            cpuCores: cpus().length,
            memoryBytes: totalmem(),
            gpus: this.#host.selection.device.gpu === true ? ['gpu'] : [],
          },
          datasets,
          workerVersion: this.#o.workerVersion ?? '0.1.0',
        },
        m,
        o,
        cb,
      ),
    );
    this.#sessionId = response.sessionId;
    const hb = response.heartbeatInterval;
    const interval =
      hb !== null && hb.seconds * 1000 + hb.nanos / 1e6 > 0
        ? Math.max(100, Math.round(hb.seconds * 1000 + hb.nanos / 1e6))
        : (this.#o.heartbeatIntervalMs ?? 5_000);
    this.#log.info(
      { region: response.region, backend: this.#host.selection.backend, datasets: datasets.length },
      'registered',
    );
    this.#stopHeartbeat();
    this.#heartbeat = setInterval(() => {
      this.#beat();
    }, interval);
    this.#heartbeat.unref();
  }

  #beat(): void {
    const active = [...this.#active.values()].map((a) => ({
      experimentId: a.config.experimentId,
      roundNumber: a.config.roundNumber,
      attempt: a.config.attempt,
    }));
    this.#client.heartbeat(
      {
        sessionId: this.#sessionId,
        activity: this.#draining
          ? 'WORKER_ACTIVITY_DRAINING'
          : active.length > 0
            ? 'WORKER_ACTIVITY_BUSY'
            : 'WORKER_ACTIVITY_IDLE',
        activeAttempts: active,
      },
      this.#metadata(),
      { deadline: Date.now() + (this.#o.callTimeoutMs ?? 30_000) },
      (error) => {
        if (error !== null) this.#log.debug({ grpcCode: error.code }, 'heartbeat failed');
      },
    );
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }

  /** Follows the task stream until it ends (resolves) or fails (rejects with a LinkError). */
  #follow(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const stream = this.#client.streamTasks(
        { sessionId: this.#sessionId, resumeCursor: this.#cursor },
        this.#metadata(),
      );
      this.#stream = stream;
      stream.on('data', (task: StreamTasksResponseOutput) => {
        this.#queue = this.#queue
          .then(() => this.#handle(task))
          .then(() => {
            if (task.cursor !== '') this.#cursor = task.cursor;
          })
          .catch((error: unknown) => {
            this.#log.warn({ code: codeOf(error) }, 'task failed');
          });
      });
      stream.on('error', (error: ServiceError) => {
        this.#stream = undefined;
        reject(new LinkError(error.code, fromGrpcStatus(error)));
      });
      stream.on('end', () => {
        this.#stream = undefined;
        resolve();
      });
    });
  }

  #record(key: string, outcome: RoundActivity['outcome'], reason?: RefusalReasonOutput): void {
    this.activity.delete(key);
    this.activity.set(
      key,
      reason === undefined ? { attemptKey: key, outcome } : { attemptKey: key, outcome, reason },
    );
  }

  async #handle(task: StreamTasksResponseOutput): Promise<void> {
    if (task.invitation != null) return this.#invited(task.invitation);
    if (task.cancel != null) {
      const ref = task.cancel.attempt;
      if (ref == null) return;
      const key = `${ref.experimentId}/${ref.roundNumber}/${ref.attempt}`;
      if (this.#active.delete(key)) {
        this.#record(key, 'cancelled');
        this.#log.info({ attemptKey: key, reason: task.cancel.reason }, 'attempt cancelled');
      }
      return;
    }
    if (task.drain != null) {
      this.#draining = true;
      this.#log.info({}, 'coordinator asked to drain; taking no new rounds');
      return;
    }
    const opened = task.stageOpened;
    if (opened?.attempt == null) return;
    const ref = opened.attempt;
    const active = this.#active.get(`${ref.experimentId}/${ref.roundNumber}/${ref.attempt}`);
    const stage = stageFromWire(opened.stage);
    if (active === undefined || stage === undefined || stage === 'setup') return;
    // The task stream replays tasks after a reconnect: a stage runs once.
    if (active.stagesSeen.has(stage)) return;
    active.stagesSeen.add(stage);
    active.log.info({ stage }, 'stage opened');
    active.deadline = stageDeadlineSignal(opened.remaining);
    try {
      await beforeDeadline(this.#stage(active, stage), active.deadline, stage);
    } catch (error) {
      this.#record(active.key, 'failed');
      this.#active.delete(active.key);
      active.log.warn({ stage, code: codeOf(error) }, 'left the attempt');
    }
  }

  async #refuse(
    roundConfig: RoundConfigOutput,
    reason: RefusalReasonOutput,
    detail: string,
  ): Promise<void> {
    const key = `${roundConfig.experimentId}/${roundConfig.roundNumber}/${roundConfig.attempt}`;
    this.#log.info(
      {
        experimentId: roundConfig.experimentId,
        roundNumber: roundConfig.roundNumber,
        attempt: roundConfig.attempt,
        reason,
      },
      'round refused',
    );
    this.#record(key, 'refused', reason);
    this.#o.metrics?.roundRefused(reason);
    await this.#unary<unknown>((m, o, cb) =>
      this.#client.reportRefusal(
        {
          header: {
            experimentId: roundConfig.experimentId,
            roundNumber: roundConfig.roundNumber,
            attempt: roundConfig.attempt,
            stage: 'STAGE_SETUP',
            sender: this.workerId,
          },
          reason,
          detail: detail.slice(0, 1000),
        },
        m,
        o,
        cb,
      ),
    );
  }

  async #invited(invitation: NonNullable<StreamTasksResponseOutput['invitation']>): Promise<void> {
    const signed = invitation.roundConfig;
    if (signed == null) return;
    let roundConfig: RoundConfigOutput;
    try {
      roundConfig = decodeRoundConfig(signed.roundConfig);
    } catch {
      this.#log.warn({}, 'undecodable round config ignored');
      return;
    }
    const key = `${roundConfig.experimentId}/${roundConfig.roundNumber}/${roundConfig.attempt}`;
    if (this.#active.has(key)) return;
    const hash = createHash('sha256').update(signed.roundConfig).digest();
    if (!hash.equals(signed.roundConfigSha256))
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_CONFIG_INVALID',
        'round_config_sha256 does not match the config bytes',
      );
    if (!createHash('sha256').update(invitation.spec).digest().equals(roundConfig.specSha256))
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_CONFIG_INVALID',
        'the spec does not match spec_sha256',
      );
    if (this.#draining || this.#stop.signal.aborted)
      return this.#refuse(roundConfig, 'REFUSAL_REASON_UNSPECIFIED', 'the worker is draining');
    if (
      roundConfig.protocolVersion !== SECAGG_PROTOCOL_VERSION ||
      roundConfig.secaggSuite !== SECAGG_SUITE
    )
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_UNSUPPORTED_PROTOCOL',
        `this worker speaks protocol ${SECAGG_PROTOCOL_VERSION} with suite ${SECAGG_SUITE}`,
      );
    let spec: ExperimentSpecOutput;
    try {
      spec = decodeExperimentSpec(invitation.spec);
    } catch {
      return this.#refuse(roundConfig, 'REFUSAL_REASON_CONFIG_INVALID', 'the spec does not decode');
    }
    const datasetName = spec.dataset?.name ?? '';
    if (!this.#datasets.has(datasetName))
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_DATASET_UNAVAILABLE',
        `no dataset named ${JSON.stringify(datasetName.slice(0, 64))} here`,
      );
    if (spec.training === null || OPTIMIZERS[spec.training.optimizer] === undefined)
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_CONFIG_INVALID',
        `unsupported local optimizer ${spec.training?.optimizer ?? 'none'}`,
      );
    if (this.#o.policy !== undefined) {
      const decision = evaluateRound(this.#o.policy, { roundConfig, spec });
      if (!decision.ok) return this.#refuse(roundConfig, decision.reason, decision.detail);
    }
    if (!roundConfig.participants.some((p) => p.workerId === this.workerId))
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_CONFIG_INVALID',
        'this worker is not in the participant list',
      );
    let config: SecAggConfig;
    try {
      config = secAggConfigFromRoundConfig(roundConfig, hash, spec.targetParticipants);
    } catch (error) {
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_CONFIG_INVALID',
        `secure-aggregation config: ${codeOf(error)}`,
      );
    }
    const peers =
      this.#o.peerVerifier !== undefined && this.#publicKey !== undefined
        ? this.#o.peerVerifier.forAttempt({ workerId: this.workerId, publicKey: this.#publicKey })
        : undefined;
    const verifier = peers ?? this.#o.verifier;
    if (verifier === undefined) throw new InvalidArgumentError('verifier', 'no verifier');
    // Carries what an earlier run of this worker revealed in this attempt.
    const session = await this.#reveals.openSession({ config, signer: this.#o.signer, verifier });
    if (session.revealRecord.size > 0)
      return this.#refuse(
        roundConfig,
        'REFUSAL_REASON_SECAGG_CHECK_FAILED',
        'this worker already answered an unmask request of this attempt before it restarted',
      );
    const log = this.#log.child({
      experimentId: roundConfig.experimentId,
      roundNumber: roundConfig.roundNumber,
      attempt: roundConfig.attempt,
    });
    const active: ActiveAttempt = {
      key,
      config,
      roundConfig,
      spec,
      session,
      log,
      peers,
      deadline: stageDeadlineSignal(invitation.remaining),
      stagesSeen: new Set(),
    };
    this.#active.set(key, active);
    log.info(
      { participants: roundConfig.participants.length, k: roundConfig.k, t: roundConfig.t },
      'round joined',
    );
    this.#o.metrics?.roundJoined();
    const setup = await session.setup();
    await this.#unary<unknown>((m, o, cb) =>
      this.#client.submitSetup({ setup: setupToWire(setup) }, m, o, cb),
    );
    this.#record(key, 'setup');
    log.info({ stage: 'setup' }, 'stage done');
  }

  async #stage(active: ActiveAttempt, stage: Exclude<SecAggStage, 'setup'>): Promise<void> {
    const { config, session, log } = active;
    const header = (s: SecAggStage): StageHeader =>
      headerToWire(makeHeader(config, s, this.workerId));
    switch (stage) {
      case 'share-keys': {
        const response = await this.#unary<{
          neighbours: Parameters<typeof setupFromWire>[0][];
          identities: PeerIdentityInput[];
        }>((m, o, cb) => this.#client.getShareKeys({ header: header('share-keys') }, m, o, cb));
        if (active.peers !== undefined) {
          const senders = response.neighbours.map((n) => n.header?.sender ?? '');
          const admission = active.peers.admit(response.identities, senders);
          if (!admission.ok) {
            await this.#refuseStage(
              active,
              'share-keys',
              'REFUSAL_REASON_SECAGG_CHECK_FAILED',
              admission.detail,
            );
            return;
          }
        }
        const message = await session.shareKeys({
          header: makeHeader(config, 'share-keys', ''),
          recipient: this.workerId,
          neighbours: response.neighbours.map(setupFromWire),
        });
        await this.#unary<unknown>((m, o, cb) =>
          this.#client.submitShares({ shareKeys: shareKeysToWire(message) }, m, o, cb),
        );
        log.info(
          { stage, neighbours: response.neighbours.length, shares: message.shares.length },
          'stage done',
        );
        return;
      }
      case 'collect-masked': {
        const response = await this.#unary<{
          shares: Parameters<typeof incomingShareFromWire>[0][];
        }>((m, o, cb) => this.#client.getShares({ header: header('collect-masked') }, m, o, cb));
        const weights = await this.#download(active);
        const spec = active.spec;
        const training = spec.training;
        const topology = JSON.parse(spec.model?.topologyJson ?? '{}') as ModelTopology;
        if (training === null) throw new InvalidArgumentError('spec.training', 'missing');
        const result = await this.#host.train({
          dataset: spec.dataset?.name ?? '',
          topology,
          weights,
          config: {
            optimizer: OPTIMIZERS[training.optimizer] ?? 'sgd',
            learningRate: training.learningRate,
            batchSize: training.batchSize,
            localEpochs: training.localEpochs,
            fedproxMu: training.fedproxMu,
          },
          clipNorm: spec.clippingBound,
          maxExampleWeight: spec.maxExampleWeight,
          lossClip: spec.lossClip,
        });
        // The metric lanes are bounded by the capped weight: scale the
        // per-example sums to it so means stay right and nothing clips.
        const share = result.examples > 0 ? result.weight / result.examples : 0;
        const values = new Float32Array(result.delta.length);
        for (let i = 0; i < values.length; i += 1)
          values[i] = (result.delta[i] ?? 0) * result.weight;
        this.#o.metrics?.trained(result.seconds, result.examples);
        const encoded = encodeLanes(
          [values, [result.weight], [result.lossSum * share], [result.correct * share]],
          config.lanes,
        );
        this.#o.onEncodedUpdate?.(active.key, Uint32Array.from(encoded));
        const masked = await session.collectMasked(
          {
            header: makeHeader(config, 'collect-masked', ''),
            recipient: this.workerId,
            shares: response.shares.map(incomingShareFromWire),
          },
          { encoded },
        );
        encoded.fill(0);
        log.info(
          {
            stage,
            examples: result.examples,
            steps: result.steps,
            trainSeconds: Math.round(result.seconds * 1000) / 1000,
            clipped: result.clipped,
            maskedBytes: masked.vector.byteLength,
          },
          'trained and masked',
        );
        await this.#upload(
          active,
          header('collect-masked'),
          masked.vector,
          masked.message.digest,
          masked.message.rejectedShares,
        );
        this.#record(active.key, 'uploaded');
        return;
      }
      case 'consistency-check': {
        const response = await this.#unary<{
          request: Parameters<typeof consistencyRequestFromWire>[0] | null;
        }>((m, o, cb) =>
          this.#client.getSurvivorSet({ header: header('consistency-check') }, m, o, cb),
        );
        if (response.request == null) return;
        const request = consistencyRequestFromWire(response.request, this.workerId);
        if (this.#o.policy !== undefined) {
          const decision = checkSurvivorSet(this.#o.policy, request.survivors);
          if (!decision.ok) {
            await this.#refuseStage(active, 'consistency-check', decision.reason, decision.detail);
            return;
          }
        }
        const signature = await session.consistencyCheck(request);
        await this.#unary<unknown>((m, o, cb) =>
          this.#client.submitSurvivorSignature(
            { signature: consistencyResponseToWire(signature) },
            m,
            o,
            cb,
          ),
        );
        this.#record(active.key, 'signed');
        log.info({ stage, survivors: request.survivors.length }, 'stage done');
        return;
      }
      case 'unmask': {
        const response = await this.#unary<{
          request: Parameters<typeof unmaskRequestFromWire>[0] | null;
        }>((m, o, cb) => this.#client.getUnmaskRequest({ header: header('unmask') }, m, o, cb));
        if (response.request == null) return;
        const reveal = await session.unmask(unmaskRequestFromWire(response.request, this.workerId));
        // Durable before anything leaves: a restart must never reveal the other secret of a peer.
        await this.#reveals.save(session.revealRecord);
        await this.#unary<unknown>((m, o, cb) =>
          this.#client.submitUnmask({ unmask: unmaskResponseToWire(reveal) }, m, o, cb),
        );
        this.#record(active.key, 'unmasked');
        this.#active.delete(active.key);
        log.info({ stage, shares: reveal.shares.length }, 'stage done');
        return;
      }
    }
  }

  async #refuseStage(
    active: ActiveAttempt,
    stage: SecAggStage,
    reason: RefusalReasonOutput,
    detail: string,
  ): Promise<void> {
    this.#active.delete(active.key);
    this.#record(active.key, 'refused', reason);
    this.#o.metrics?.roundRefused(reason);
    active.log.info({ stage, reason }, 'round refused');
    await this.#unary<unknown>((m, o, cb) =>
      this.#client.reportRefusal(
        { header: headerToWire(makeHeader(active.config, stage, this.workerId)), reason, detail },
        m,
        o,
        cb,
      ),
    );
  }

  /** The global model of an attempt, from the cache or downloaded (resuming a broken stream). */
  async #download(active: ActiveAttempt): Promise<Float32Array> {
    const sha = active.roundConfig.modelSha256;
    const hex = sha.toString('hex');
    const cached = this.#models.get(hex);
    if (cached !== undefined) return cached;
    const parts: Buffer[] = [];
    let received = 0;
    let lastError: unknown;
    for (let tries = 0; tries < 3; tries += 1) {
      try {
        await new Promise<void>((resolve, reject) => {
          const stream = this.#client.downloadModel(
            {
              attempt: {
                experimentId: active.config.experimentId,
                roundNumber: active.config.roundNumber,
                attempt: active.config.attempt,
              },
              modelSha256: sha,
              offset: received,
            },
            this.#metadata(),
          );
          stream.on(
            'data',
            (message: { chunk?: { offset: number | string; data: Buffer } | null }) => {
              const chunk = message.chunk;
              if (chunk == null) return;
              if (Number(chunk.offset) !== received) {
                stream.cancel();
                reject(new InvalidArgumentError('chunk.offset', 'model chunks out of order'));
                return;
              }
              parts.push(chunk.data);
              received += chunk.data.length;
            },
          );
          stream.on('error', (error: ServiceError) => {
            reject(new LinkError(error.code, fromGrpcStatus(error)));
          });
          stream.on('end', () => {
            resolve();
          });
        });
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
        if (!(error instanceof LinkError) || !RETRYABLE.has(error.grpcCode)) break;
      }
    }
    if (lastError !== undefined)
      throw lastError instanceof Error
        ? lastError
        : new FedraError('UNAVAILABLE', 'the model download failed');
    const bytes = Buffer.concat(parts);
    if (!createHash('sha256').update(bytes).digest().equals(sha) || bytes.length % 4 !== 0)
      throw new FedraError('DIGEST_MISMATCH', 'the downloaded model does not match its hash');
    const weights = new Float32Array(bytes.length / 4);
    Buffer.from(weights.buffer).set(bytes);
    active.log.info(
      { modelBytes: bytes.length, modelSha256: hex.slice(0, 16) },
      'model downloaded',
    );
    this.#models.clear(); // one version at a time is all a round needs
    this.#models.set(hex, weights);
    return weights;
  }

  /**
   * Uploads a masked vector from the offset the coordinator reports. A
   * broken stream or an unreachable coordinator (e.g. restarting) is retried
   * with jittered backoff, each time from the offset it then reports, until
   * the stage's deadline (or {@link UPLOAD_TRIES_WITHOUT_DEADLINE} tries).
   */
  async #upload(
    active: ActiveAttempt,
    header: StageHeader,
    vector: Uint32Array,
    digest: Uint8Array,
    rejectedShares: readonly string[],
  ): Promise<void> {
    const bytes = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
    const size = this.#o.chunkBytes ?? CHUNK_BYTES;
    const backoff = new Backoff(this.#o.reconnect ?? {});
    const deadline = active.deadline;
    const give =
      deadline === undefined ? this.#stop.signal : AbortSignal.any([this.#stop.signal, deadline]);
    for (let tries = 1; ; tries += 1) {
      if (give.aborted)
        throw new FedraError(
          'DEADLINE_EXCEEDED',
          'the upload did not complete before the deadline',
        );
      try {
        const offset = await this.#unary<{ offset: number | string; complete: boolean }>(
          (m, o, cb) => this.#client.getUploadOffset({ header }, m, o, cb),
        );
        if (offset.complete) return;
        const start = Number(offset.offset);
        const complete = await new Promise<boolean>((resolve, reject) => {
          const call = this.#client.uploadMasked(this.#metadata(), (error, response) => {
            if (error !== null) reject(new LinkError(error.code, fromGrpcStatus(error)));
            else resolve(response?.complete === true);
          });
          call.write({
            start: {
              header,
              offset: start,
              totalBytes: bytes.length,
              rejectedShares: [...rejectedShares],
            },
          });
          for (const chunk of payloadChunks(bytes, digest, { chunkBytes: size, fromOffset: start }))
            call.write({ chunk });
          call.end();
        });
        active.log.info(
          {
            stage: 'collect-masked',
            uploadBytes: bytes.length - start,
            resumedAt: start,
            complete,
          },
          'uploaded',
        );
        if (complete) return;
      } catch (error) {
        if (!(error instanceof LinkError) || !RETRYABLE.has(error.grpcCode)) throw error;
        if (deadline === undefined && tries >= UPLOAD_TRIES_WITHOUT_DEADLINE) throw error;
        active.log.warn(
          { stage: 'collect-masked', grpcCode: error.grpcCode, tries },
          'upload interrupted; resuming from the offset the coordinator reports',
        );
      }
      await sleep(backoff.next(), give);
    }
  }
}

function codeOf(error: unknown): string {
  return error instanceof FedraError ? error.code : error instanceof Error ? error.name : 'UNKNOWN';
}
