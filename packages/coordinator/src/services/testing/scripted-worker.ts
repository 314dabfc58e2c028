/**
 * A scripted participant for the coordinator's integration tests: a
 * `@fedra/secagg` ParticipantSession driven over real gRPC (Register,
 * StreamTasks and the stage RPCs), with an update per round supplied by
 * the test and scripted dropouts. No tfjs, no policy checks. Test code only.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { FleetServiceClient, StageHeader, StreamTasksResponseOutput } from '@fedra/proto';
import { makeHeader, ParticipantSession, SECAGG_SUITE } from '@fedra/secagg';
import type { IdentitySigner, IdentityVerifier, SecAggConfig, SecAggStage } from '@fedra/secagg';
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
import { identityMetadata, readModelStream, toFedraError, unary } from './test-clients.js';

/**
 * Where a scripted worker stops taking part in an attempt. All but
 * `refuse-masked` drop silently (the stage waits for its deadline);
 * `refuse-masked` calls ReportRefusal when collect-masked opens, as a
 * worker whose training fails does, so the stage may close early.
 */
export type DropPoint =
  | 'before-setup'
  | 'after-setup'
  | 'after-share-keys'
  | 'refuse-masked'
  | 'after-masked'
  | 'after-consistency';

/** What a worker contributes to one round: its delta and metric lanes (weight w multiplies the delta). */
export interface ScriptedUpdate {
  readonly delta: Float32Array;
  readonly weight: number;
  readonly lossSum: number;
  readonly correct: number;
}

/** Options of {@link ScriptedWorker}. */
export interface ScriptedWorkerOptions {
  readonly client: FleetServiceClient;
  readonly federation: string;
  readonly region: string;
  readonly workerId: string;
  readonly signer: IdentitySigner;
  /** Verifies peers' signatures (the test's trust bundle). */
  readonly verifier: IdentityVerifier;
  /** The dataset it advertises. */
  readonly dataset: { name: string; inputShape: number[]; numClasses: number };
  /** Its update for a round. */
  readonly update: (roundNumber: number, params: number) => ScriptedUpdate;
  /** Where it drops out of an attempt, if anywhere. */
  readonly dropAt?:
    ((roundNumber: number, attempt: number, workerId: string) => DropPoint | undefined) | undefined;
  /** Upload chunk size in bytes. @default 4096 */
  readonly chunkBytes?: number | undefined;
  /** Heartbeat interval, ms. @default 500 */
  readonly heartbeatIntervalMs?: number | undefined;
}

/** What the worker saw of one attempt. */
export interface AttemptLog {
  /** Survivors in the consistency request, when it got that far. */
  survivors?: readonly string[];
  /** Whether it uploaded. */
  uploaded: boolean;
  /** The update it masked. */
  update?: ScriptedUpdate;
  /** Errors its stage calls got (codes). */
  errors: string[];
}

interface ActiveAttempt {
  readonly config: SecAggConfig;
  readonly session: ParticipantSession;
  readonly drop: DropPoint | undefined;
  readonly modelSha256: Buffer;
  readonly params: number;
  stopped: boolean;
}

/** A scripted worker; see the module doc. */
export class ScriptedWorker {
  readonly workerId: string;
  readonly identity: string;
  /** Per attempt (`round/attempt`), what happened. */
  readonly log = new Map<string, AttemptLog>();
  readonly #o: ScriptedWorkerOptions;
  readonly #active = new Map<string, ActiveAttempt>();
  #sessionId = '';
  #stream: ClientReadableStream<StreamTasksResponseOutput> | undefined;
  #queue: Promise<void> = Promise.resolve();
  #heartbeat: NodeJS.Timeout | undefined;
  #client: FleetServiceClient;
  #signer: IdentitySigner;

  constructor(options: ScriptedWorkerOptions) {
    this.#o = options;
    this.#client = options.client;
    this.#signer = options.signer;
    this.workerId = options.workerId;
    this.identity = `spiffe://${options.federation}/region/${options.region}/worker/${options.workerId}`;
  }

  /** The session id Register returned. */
  get sessionId(): string {
    return this.#sessionId;
  }

  #entry(round: number, attempt: number): AttemptLog {
    const key = `${round}/${attempt}`;
    let entry = this.log.get(key);
    if (entry === undefined) {
      entry = { uploaded: false, errors: [] };
      this.log.set(key, entry);
    }
    return entry;
  }

  /** Registers, starts heartbeats and opens the task stream. */
  async start(): Promise<void> {
    const client = this.#client;
    const response = await unary<{ sessionId: string }>(
      (metadata, callback) =>
        client.register(
          {
            protocolVersion: 1,
            secaggSuites: [SECAGG_SUITE],
            backend: 'TRAINING_BACKEND_TFJS_CPU',
            datasets: [{ ...this.#o.dataset, exampleCount: 1000 }],
            workerVersion: 'test',
          },
          metadata,
          callback,
        ),
      this.identity,
    );
    this.#sessionId = response.sessionId;
    this.#heartbeat = setInterval(() => {
      client.heartbeat(
        { sessionId: this.#sessionId, activity: 'WORKER_ACTIVITY_IDLE' },
        identityMetadata(this.identity),
        () => undefined,
      );
    }, this.#o.heartbeatIntervalMs ?? 500);
    const stream = client.streamTasks(
      { sessionId: this.#sessionId },
      identityMetadata(this.identity),
    );
    this.#stream = stream;
    stream.on('data', (task: StreamTasksResponseOutput) => {
      this.#queue = this.#queue.then(() => this.#handle(task)).catch(() => undefined);
    });
    stream.on('error', () => undefined);
  }

  /**
   * Reconnects over `client` and registers again, signing new attempts with
   * `signer` (a renewed certificate and key); attempts already under way
   * keep the signer they started with.
   */
  async renew(client: FleetServiceClient, signer: IdentitySigner): Promise<void> {
    this.stop();
    this.#client = client;
    this.#signer = signer;
    await this.start();
  }

  /** Stops the stream and heartbeats. */
  stop(): void {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#stream?.cancel();
  }

  async #call<T>(
    round: number,
    attempt: number,
    invoke: Parameters<typeof unary<T>>[0],
  ): Promise<T | undefined> {
    try {
      return await unary<T>(invoke, this.identity);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'UNKNOWN';
      this.#entry(round, attempt).errors.push(code);
      return undefined;
    }
  }

  async #handle(task: StreamTasksResponseOutput): Promise<void> {
    const client = this.#client;
    if (task.invitation != null) {
      const signed = task.invitation.roundConfig;
      if (signed == null) return;
      const hash = createHash('sha256').update(signed.roundConfig).digest();
      if (!hash.equals(signed.roundConfigSha256)) return;
      const config = decodeRoundConfig(signed.roundConfig);
      const spec = decodeExperimentSpec(task.invitation.spec);
      if (!createHash('sha256').update(task.invitation.spec).digest().equals(config.specSha256))
        return;
      const secagg = secAggConfigFromRoundConfig(config, hash, spec.targetParticipants);
      const key = `${config.experimentId}/${config.roundNumber}/${config.attempt}`;
      if (this.#active.has(key)) return;
      const drop = this.#o.dropAt?.(config.roundNumber, config.attempt, this.workerId);
      const session = ParticipantSession.create({
        config: secagg,
        signer: this.#signer,
        verifier: this.#o.verifier,
      });
      const active: ActiveAttempt = {
        config: secagg,
        session,
        drop,
        modelSha256: config.modelSha256,
        params: spec.model?.paramCount ?? 0,
        stopped: false,
      };
      this.#active.set(key, active);
      this.#entry(config.roundNumber, config.attempt);
      if (drop === 'before-setup') return;
      const setup = await session.setup();
      await this.#call(config.roundNumber, config.attempt, (m, cb) =>
        client.submitSetup({ setup: setupToWire(setup) }, m, cb),
      );
      return;
    }
    if (task.cancel != null) {
      const ref = task.cancel.attempt;
      if (ref != null) this.#active.delete(`${ref.experimentId}/${ref.roundNumber}/${ref.attempt}`);
      return;
    }
    const opened = task.stageOpened;
    if (opened?.attempt == null) return;
    const ref = opened.attempt;
    const active = this.#active.get(`${ref.experimentId}/${ref.roundNumber}/${ref.attempt}`);
    const stage = stageFromWire(opened.stage);
    if (active === undefined || stage === undefined) return;
    const { config, session } = active;
    const round = config.roundNumber;
    const attempt = config.attempt;
    const header = (s: SecAggStage, sender = ''): StageHeader =>
      headerToWire(makeHeader(config, s, sender));
    const dropped = (point: DropPoint): boolean => active.drop === point;
    switch (stage) {
      case 'share-keys': {
        if (dropped('after-setup')) return;
        const response = await this.#call<{ neighbours: Parameters<typeof setupFromWire>[0][] }>(
          round,
          attempt,
          (m, cb) => client.getShareKeys({ header: header('share-keys', this.workerId) }, m, cb),
        );
        if (response === undefined) return;
        const message = await session.shareKeys({
          header: makeHeader(config, 'share-keys', ''),
          recipient: this.workerId,
          neighbours: response.neighbours.map(setupFromWire),
        });
        await this.#call(round, attempt, (m, cb) =>
          client.submitShares({ shareKeys: shareKeysToWire(message) }, m, cb),
        );
        return;
      }
      case 'collect-masked': {
        if (dropped('after-share-keys')) return;
        if (dropped('refuse-masked')) {
          await this.#call(round, attempt, (m, cb) =>
            client.reportRefusal(
              {
                header: header('collect-masked', this.workerId),
                reason: 'REFUSAL_REASON_DATASET_UNAVAILABLE',
                detail: 'scripted refusal',
              },
              m,
              cb,
            ),
          );
          return;
        }
        const response = await this.#call<{
          shares: Parameters<typeof incomingShareFromWire>[0][];
        }>(round, attempt, (m, cb) =>
          client.getShares({ header: header('collect-masked', this.workerId) }, m, cb),
        );
        if (response === undefined) return;
        const model = await readModelStream(
          client.downloadModel(
            {
              attempt: { experimentId: config.experimentId, roundNumber: round, attempt },
              modelSha256: active.modelSha256,
            },
            identityMetadata(this.identity),
          ),
        ).catch(() => undefined);
        if (
          model === undefined ||
          !createHash('sha256').update(model.bytes).digest().equals(active.modelSha256)
        ) {
          this.#entry(round, attempt).errors.push('MODEL_DOWNLOAD');
          return;
        }
        const update = this.#o.update(round, active.params);
        const values = Array.from(update.delta, (x) => x * update.weight);
        const masked = await session.collectMasked(
          {
            header: makeHeader(config, 'collect-masked', ''),
            recipient: this.workerId,
            shares: response.shares.map(incomingShareFromWire),
          },
          { values: [values, [update.weight], [update.lossSum], [update.correct]] },
        );
        const ok = await this.#upload(
          round,
          attempt,
          header('collect-masked', this.workerId),
          masked.vector,
          masked.message.digest,
          masked.message.rejectedShares,
        );
        const entry = this.#entry(round, attempt);
        entry.uploaded = ok;
        entry.update = update;
        return;
      }
      case 'consistency-check': {
        if (dropped('after-masked')) return;
        const response = await this.#call<{
          request: Parameters<typeof consistencyRequestFromWire>[0] | null;
        }>(round, attempt, (m, cb) =>
          client.getSurvivorSet({ header: header('consistency-check', this.workerId) }, m, cb),
        );
        if (response?.request == null) return;
        const request = consistencyRequestFromWire(response.request, this.workerId);
        this.#entry(round, attempt).survivors = request.survivors;
        const signature = await session.consistencyCheck(request);
        await this.#call(round, attempt, (m, cb) =>
          client.submitSurvivorSignature(
            { signature: consistencyResponseToWire(signature) },
            m,
            cb,
          ),
        );
        return;
      }
      case 'unmask': {
        if (dropped('after-consistency')) return;
        const response = await this.#call<{
          request: Parameters<typeof unmaskRequestFromWire>[0] | null;
        }>(round, attempt, (m, cb) =>
          client.getUnmaskRequest({ header: header('unmask', this.workerId) }, m, cb),
        );
        if (response?.request == null) return;
        const reveal = await session.unmask(unmaskRequestFromWire(response.request, this.workerId));
        await this.#call(round, attempt, (m, cb) =>
          client.submitUnmask({ unmask: unmaskResponseToWire(reveal) }, m, cb),
        );
        return;
      }
      case 'setup':
        return;
    }
  }

  async #upload(
    round: number,
    attempt: number,
    header: StageHeader,
    vector: Uint32Array,
    digest: Uint8Array,
    rejectedShares: readonly string[],
  ): Promise<boolean> {
    const client = this.#client;
    const offset = await this.#call<{ offset: number; totalBytes: number }>(
      round,
      attempt,
      (m, cb) => client.getUploadOffset({ header }, m, cb),
    );
    if (offset === undefined) return false;
    const bytes = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
    const size = this.#o.chunkBytes ?? 4096;
    return new Promise<boolean>((resolve) => {
      const call = client.uploadMasked(identityMetadata(this.identity), (error, response) => {
        if (error !== null) {
          this.#entry(round, attempt).errors.push(toFedraError(error).code);
          resolve(false);
        } else resolve(response?.complete === true);
      });
      call.write({
        start: {
          header,
          offset: offset.offset,
          totalBytes: bytes.length,
          rejectedShares: [...rejectedShares],
        },
      });
      for (const chunk of payloadChunks(bytes, digest, {
        chunkBytes: size,
        fromOffset: offset.offset,
      }))
        call.write({ chunk });
      call.end();
    });
  }
}
