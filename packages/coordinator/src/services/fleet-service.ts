/**
 * FleetService: what regional workers call. Identity and region come from
 * the call (certificate, or the insecure-mode header), never from a
 * request. Stage messages are checked against the attempt's open stage
 * (precise codes: WRONG_STAGE, STALE_ATTEMPT, NOT_A_PARTICIPANT, …) and
 * stored in the stage's inbox with an atomic HSETNX: resending the
 * identical message is accepted, a different one is refused. When every
 * expected sender has arrived the engine closes the stage early; otherwise
 * its deadline job does. Signed messages (setup keys, shares, survivor-set
 * signatures) are verified before they are stored, against the certificate
 * pinned in the attempt: a bad signature is refused with
 * SECAGG_BAD_SIGNATURE and drops its sender, like every other offence.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { ServerUnaryCall } from '@grpc/grpc-js';
import {
  ExperimentNotFoundError,
  FedraError,
  InvalidArgumentError,
  NotAParticipantError,
  RoundNotOpenError,
  SessionNotFoundError,
  StaleAttemptError,
  StageDeadlineExceededError,
  UnsupportedProtocolError,
  WrongStageError,
} from '@fedra/common';
import type { FedraErrorCode } from '@fedra/common';
import type {
  FleetServiceHandlers,
  RefusalReasonOutput,
  RegisterRequestOutput,
  StageHeaderOutput,
  StreamTasksResponse,
} from '@fedra/proto';
import { RefusalReason, TrainingBackend, WorkerActivity } from '@fedra/proto';
import {
  SECAGG_PROTOCOL_VERSION,
  SECAGG_SUITE,
  verifySetupSignature,
  verifyShareSignatures,
  verifySurvivorSignature,
} from '@fedra/secagg';
import type { IdentityVerifier, SecAggStage, SignedContext } from '@fedra/secagg';
import type { UploadCompletion } from '../engine/round-driver.js';
import { decodeTask, fleetMethods } from '../engine/proto-codec.js';
import { signedContextOf } from '../engine/participant-verifier.js';
import { stageFromWire, stageToWire } from '@fedra/wire';
import { timestamp } from '../engine/task-notifier.js';
import {
  wrapClientStream,
  wrapServerStream,
  wrapUnary,
  writeMessage,
} from '../grpc/wrap-handlers.js';
import type { FedraIdentity, WorkerIdentity } from '../identity/fedra-identity.js';
import { isValidIdentitySegment } from '../identity/fedra-identity.js';
import { requireRole, requireSameWorker } from '../identity/roles.js';
import { isValidExperimentId } from '../state/state-keys.js';
import type { AttemptKey } from '../state/state-keys.js';
import type { AttemptRecord, ExperimentRecord } from '../state/state-types.js';
import type { StoreMessageResult } from '../state/attempt-store.js';
import type { WorkerRecord } from '../state/worker-registry.js';
import { streamModel } from './model-download.js';
import { durationOf } from './wire-records.js';
import type { ServiceContext } from './service-context.js';
import { isCancelled, withBlockingConnection } from './blocking-connection.js';

/** Largest chunk of a masked upload accepted, bytes (gRPC's default message limit). */
export const MAX_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** Largest secagg byte field accepted before the session looks at it (keys are 32 bytes, signatures ≤ 512). */
const MAX_FIELD_BYTES = 4096;

/** Most attempts a heartbeat may report (a worker takes part in a handful at once). */
export const MAX_HEARTBEAT_ATTEMPTS = 64;

/**
 * Codes that mean a participant's own message for the open stage was
 * malformed, equivocating or oversized: the coordinator drops the sender
 * from the attempt (DROP_REASON_INVALID_MESSAGE, the code as detail) and the
 * round goes on without it. Gaps, overlaps and digest mismatches are not
 * here: an interrupted or corrupted upload may resume or restart.
 */
const OFFENCES: ReadonlySet<FedraErrorCode> = new Set<FedraErrorCode>([
  'SECAGG_INVALID_MESSAGE',
  'SECAGG_REPLAY',
  'SECAGG_BAD_SIGNATURE',
  'VECTOR_LENGTH_MISMATCH',
  'CHUNK_OVERSIZE',
  'CHUNK_MISALIGNED',
  'TOTAL_MISMATCH',
  'STREAM_INCOMPLETE',
]);

/**
 * Checks the bounded, enumerated fields of a Register request (a hostile
 * worker could otherwise park megabytes in the registry or an enum value
 * this build does not know).
 *
 * @throws InvalidArgumentError naming the field.
 */
function checkRegisterRequest(request: RegisterRequestOutput): void {
  const text = (field: string, value: string, max: number): void => {
    if (value.length > max)
      throw new InvalidArgumentError(field, `${field} must be at most ${max} characters`);
  };
  if (!Object.hasOwn(TrainingBackend, request.backend))
    throw new InvalidArgumentError('backend', 'backend is not a TrainingBackend value');
  if (request.secaggSuites.length > 16)
    throw new InvalidArgumentError('secagg_suites', 'at most 16 secure-aggregation suites');
  for (const suite of request.secaggSuites) text('secagg_suites', suite, 128);
  text('worker_version', request.workerVersion, 128);
  const device = request.device;
  if (device !== null) {
    text('device.platform', device.platform, 64);
    text('device.arch', device.arch, 64);
    if (device.gpus.length > 16) throw new InvalidArgumentError('device.gpus', 'at most 16 GPUs');
    for (const gpu of device.gpus) text('device.gpus', gpu, 128);
  }
  if (request.datasets.length > 64)
    throw new InvalidArgumentError('datasets', 'at most 64 datasets');
  for (const dataset of request.datasets) {
    if (!isValidIdentitySegment(dataset.name)) {
      throw new InvalidArgumentError(
        'datasets.name',
        'a dataset name must be 1-63 characters of [a-z0-9._-]',
      );
    }
    if (dataset.inputShape.length > 8)
      throw new InvalidArgumentError('datasets.input_shape', 'at most 8 input dimensions');
  }
}

function worker(identity: FedraIdentity, rpc: string): WorkerIdentity {
  requireRole(identity, rpc, 'worker');
  return identity;
}

/** An attempt the caller takes part in, at the stage it addressed. */
interface StageTarget {
  readonly key: AttemptKey;
  readonly stage: SecAggStage;
  readonly attempt: AttemptRecord;
  readonly experiment: ExperimentRecord;
}

/** The FleetService handlers over `context`. */
export function createFleetService(context: ServiceContext): FleetServiceHandlers {
  const options = context.handlerOptions;
  const methods = fleetMethods();
  const driver = context.engine.driver;

  /**
   * Resolves and checks a request's header: the experiment, the current
   * round and attempt, the caller's participation and the stage.
   *
   * @param submit - the header belongs to a message the caller signed, so
   *   its sender must be the caller (not empty).
   */
  async function target(
    identity: WorkerIdentity,
    header: StageHeaderOutput | null,
    expected: SecAggStage,
    submit: boolean,
  ): Promise<StageTarget> {
    if (header === null) throw new InvalidArgumentError('header', 'the stage header is required');
    if (submit && header.sender === '')
      throw new InvalidArgumentError('header.sender', 'header.sender must name the caller');
    requireSameWorker(identity, header.sender);
    const stage = stageFromWire(header.stage);
    if (stage === undefined)
      throw new InvalidArgumentError('header.stage', 'header.stage must be set');
    if (stage !== expected) {
      throw new InvalidArgumentError(
        'header.stage',
        `this RPC carries ${stageToWire(expected)}, not ${header.stage}`,
      );
    }
    if (!isValidExperimentId(header.experimentId)) {
      throw new InvalidArgumentError(
        'header.experiment_id',
        'header.experiment_id is not a valid experiment id',
      );
    }
    // Both reads at once: the attempt the header names is used only once
    // the experiment confirms it is the current one.
    const [experiment, named] = await Promise.all([
      context.experiments.get(header.experimentId),
      Number.isSafeInteger(header.roundNumber) &&
      header.roundNumber >= 1 &&
      Number.isSafeInteger(header.attempt) &&
      header.attempt >= 1
        ? context.attempts.get({
            experimentId: header.experimentId,
            roundNumber: header.roundNumber,
            attempt: header.attempt,
          })
        : undefined,
    ]);
    if (experiment === undefined) throw new ExperimentNotFoundError(header.experimentId);
    const current: AttemptKey = {
      experimentId: experiment.experimentId,
      roundNumber: experiment.currentRound,
      attempt: experiment.currentAttempt,
    };
    if (experiment.state !== 'RUNNING' || header.roundNumber !== experiment.currentRound) {
      throw new RoundNotOpenError(header.experimentId, header.roundNumber);
    }
    if (header.attempt !== experiment.currentAttempt)
      throw new StaleAttemptError(current, header.attempt);
    const attempt = named;
    if (attempt === undefined) throw new RoundNotOpenError(header.experimentId, header.roundNumber);
    if (!attempt.participants.some((p) => p.workerId === identity.workerId)) {
      throw new NotAParticipantError(current, identity.workerId);
    }
    if (attempt.stage === 'committed' || attempt.stage === 'aborted') {
      throw new StaleAttemptError(current, header.attempt, {
        message: `attempt ${header.attempt} is ${attempt.stage}`,
      });
    }
    if (attempt.stage !== stage) throw new WrongStageError(current, attempt.stage, stage);
    return { key: current, stage, attempt, experiment };
  }

  /** Turns a refused inbox write into its precise error; calls the engine on success. */
  async function stored(
    target: StageTarget,
    workerId: string,
    result: StoreMessageResult,
  ): Promise<void> {
    const { key, stage } = target;
    switch (result.status) {
      case 'STORED':
      case 'SAME':
        await driver.messageArrived(key, stage, result.received, result.expected);
        return;
      case 'WRONG_STAGE':
        throw new WrongStageError(key, result.stage, stage);
      case 'CLOSED':
        throw new StageDeadlineExceededError(key, stage, {
          message: `the ${stage} stage of round ${key.roundNumber} attempt ${key.attempt} is closing; the message was not taken`,
        });
      case 'NOT_EXPECTED':
        throw new NotAParticipantError(key, workerId, {
          message: `worker ${workerId} is no longer a participant of the ${stage} stage (dropped, or it did not complete the previous stage)`,
        });
      case 'DIFFERENT':
        throw new FedraError(
          'SECAGG_REPLAY',
          `a different ${stage} message from ${workerId} was already accepted; the sender is dropped from the attempt`,
          {
            metadata: { ...refMetadata(key), stage, workerId },
          },
        );
      case 'MISSING':
        throw new RoundNotOpenError(key.experimentId, key.roundNumber);
    }
  }

  /**
   * Runs `body` for a participant's message to the open stage of `t`; when
   * it fails with one of the {@link OFFENCES}, the sender is dropped from
   * the attempt before the error goes back to it.
   */
  async function asParticipant<T>(
    t: StageTarget,
    workerId: string,
    body: () => Promise<T>,
  ): Promise<T> {
    try {
      return await body();
    } catch (error) {
      await dropIfOffence(t, workerId, error);
      throw error;
    }
  }

  /** Drops `workerId` from the open stage of `t` when `error` is one of the {@link OFFENCES}. */
  async function dropIfOffence(t: StageTarget, workerId: string, error: unknown): Promise<void> {
    if (!(error instanceof FedraError) || !OFFENCES.has(error.code)) return;
    await driver.withdraw(t.key, t.stage, {
      workerId,
      stage: t.stage,
      reason: 'INVALID_MESSAGE',
      refusalReason: '',
      detail: error.code,
    });
    options.logger.warn(
      { ...refMetadata(t.key), workerId, stage: t.stage, code: error.code },
      'participant dropped for an invalid message',
    );
  }

  /**
   * What a participant's signatures in `t` are checked with: the attempt's
   * signed context (its config hash) and a verifier against the
   * certificates pinned in the attempt.
   */
  function signed(t: StageTarget): [SignedContext, IdentityVerifier] {
    return [signedContextOf(t.attempt), context.participantVerifier(t.key)];
  }

  /** The caller's outbox message for the open stage. */
  async function outbox(target: StageTarget, workerId: string): Promise<Buffer> {
    const bytes = await context.attempts.outboxMessage(target.key, workerId);
    if (bytes === undefined) {
      throw new NotAParticipantError(target.key, workerId, {
        message: `worker ${workerId} has nothing in the ${target.stage} stage (dropped, or it did not complete the previous stage)`,
      });
    }
    return bytes;
  }

  async function session(identity: WorkerIdentity, sessionId: string): Promise<WorkerRecord> {
    const record = await context.registry.find(identity.workerId);
    if (record?.sessionId !== sessionId || sessionId === '' || record.status === 'evicted') {
      throw new SessionNotFoundError(identity.workerId, {
        message: 'unknown or ended session; call Register again',
      });
    }
    return record;
  }

  const unary = <Req, Res>(
    body: (call: ServerUnaryCall<Req, Res>, identity: WorkerIdentity) => Promise<Res>,
  ) =>
    wrapUnary<Req, Res>(
      async (call, { identity, rpc }) => body(call, worker(identity, rpc)),
      options,
    );

  return {
    Register: unary(async (call, identity) => {
      const request = call.request;
      if (request.protocolVersion !== SECAGG_PROTOCOL_VERSION) {
        throw new UnsupportedProtocolError(
          'protocol_version',
          `this coordinator speaks protocol ${SECAGG_PROTOCOL_VERSION}, not ${request.protocolVersion}`,
        );
      }
      checkRegisterRequest(request);
      const suites = request.secaggSuites.filter((suite) => suite === SECAGG_SUITE);
      if (suites.length === 0) {
        throw new UnsupportedProtocolError(
          'secagg_suites',
          `none of the worker's suites is supported (this coordinator runs ${SECAGG_SUITE})`,
        );
      }
      const existing = await context.registry.find(identity.workerId);
      if (existing !== undefined && existing.region !== identity.region) {
        throw new FedraError(
          'ALREADY_EXISTS',
          `worker id ${identity.workerId} is registered in another region`,
          {
            metadata: { workerId: identity.workerId },
          },
        );
      }
      const now = await context.now();
      const peer = call.getAuthContext().sslPeerCertificate;
      const der: unknown = peer?.raw;
      const certificateDer = der instanceof Uint8Array ? Buffer.from(der) : Buffer.alloc(0);
      const validTo = typeof peer?.valid_to === 'string' ? Date.parse(peer.valid_to) : Number.NaN;
      const sessionId = randomUUID();
      await context.registry.register({
        workerId: identity.workerId,
        region: identity.region,
        spiffeId: identity.uri,
        sessionId,
        protocolVersion: request.protocolVersion,
        secaggSuites: suites,
        backend: request.backend,
        device: {
          platform: request.device?.platform ?? '',
          arch: request.device?.arch ?? '',
          cpuCores: request.device?.cpuCores ?? 0,
          memoryBytes: request.device?.memoryBytes ?? 0,
          gpus: request.device?.gpus ?? [],
        },
        datasets: request.datasets.map((d) => ({
          name: d.name,
          exampleCount: d.exampleCount,
          inputShape: [...d.inputShape],
          numClasses: d.numClasses,
        })),
        workerVersion: request.workerVersion,
        registerTimeMs: now,
        lastHeartbeatMs: now,
        status: existing?.status === 'draining' ? 'draining' : 'active',
        statusReason: existing?.status === 'draining' ? existing.statusReason : '',
        certificateDer,
        certificateExpireMs: Number.isFinite(validTo) ? validTo : 0,
        activeAttempts: [],
        replicaId: context.replicaId,
      });
      options.logger.info(
        { workerId: identity.workerId, region: identity.region },
        'worker registered',
      );
      return {
        workerId: identity.workerId,
        region: identity.region,
        sessionId,
        heartbeatInterval: durationOf(context.heartbeatIntervalMs),
        protocolVersion: SECAGG_PROTOCOL_VERSION,
        secaggSuites: suites,
      };
    }),

    Heartbeat: unary(async (call, identity) => {
      await session(identity, call.request.sessionId);
      if (!Object.hasOwn(WorkerActivity, call.request.activity))
        throw new InvalidArgumentError('activity', 'activity is not a WorkerActivity value');
      if (call.request.activeAttempts.length > MAX_HEARTBEAT_ATTEMPTS) {
        throw new InvalidArgumentError(
          'active_attempts',
          `at most ${MAX_HEARTBEAT_ATTEMPTS} active attempts`,
        );
      }
      if (
        call.request.activeAttempts.some(
          (a) => !isValidExperimentId(a.experimentId) || a.roundNumber < 1 || a.attempt < 1,
        )
      ) {
        throw new InvalidArgumentError(
          'active_attempts',
          'every active attempt must name an experiment id, a round and an attempt (both >= 1)',
        );
      }
      const attempts = call.request.activeAttempts.map((a) => ({
        experimentId: a.experimentId,
        roundNumber: a.roundNumber,
        attempt: a.attempt,
      }));
      await context.registry.heartbeat(
        identity.workerId,
        await context.now(),
        attempts,
        context.replicaId,
      );
      return { heartbeatInterval: durationOf(context.heartbeatIntervalMs) };
    }),

    StreamTasks: wrapServerStream(async (call, { identity: caller, rpc, signal }) => {
      const identity = worker(caller, rpc);
      await session(identity, call.request.sessionId);
      let cursor = call.request.resumeCursor === '' ? '0' : call.request.resumeCursor;
      if (!/^\d{1,20}-\d{1,20}$/.test(cursor) && cursor !== '0') {
        throw new InvalidArgumentError(
          'resume_cursor',
          'resume_cursor must be a cursor this coordinator sent',
        );
      }
      const specs = new Map<string, Buffer>();
      const spec = async (experimentId: string): Promise<Buffer> => {
        let bytes = specs.get(experimentId);
        if (bytes === undefined) {
          bytes = (await context.experiments.get(experimentId))?.specBytes ?? Buffer.alloc(0);
          specs.set(experimentId, bytes);
        }
        return bytes;
      };
      await withBlockingConnection(context, signal, async (connection) => {
        while (!signal.aborted) {
          const tasks = await context.registry
            .readTasks(connection, identity.workerId, cursor, context.streamBlockMs)
            .catch((error: unknown) => {
              if (isCancelled(signal)) return [];
              throw error;
            });
          if (isCancelled(signal)) break;
          if (tasks.length === 0) {
            // Idle: check that the session is still the worker's.
            await session(identity, call.request.sessionId);
            continue;
          }
          const now = await context.now();
          for (const task of tasks) {
            cursor = task.id;
            if (!(await relevant(task.attempt, task.stage))) continue;
            const message: StreamTasksResponse = decodeTask(task.task);
            message.cursor = task.id;
            message.issueTime = timestamp(Number(task.id.split('-')[0]));
            const remaining = durationOf(Math.max(0, task.deadlineMs - now));
            if (message.invitation != null) {
              message.invitation.remaining = remaining;
              if (task.attempt !== undefined) {
                message.invitation.spec = await spec(task.attempt.experimentId);
              }
            }
            if (message.stageOpened != null) message.stageOpened.remaining = remaining;
            await writeMessage(call, message);
          }
        }
      });
    }, options),

    DownloadModel: wrapServerStream(async (call, { identity: caller, rpc }) => {
      const identity = worker(caller, rpc);
      const ref = call.request.attempt;
      if (ref === null || !isValidExperimentId(ref.experimentId)) {
        throw new InvalidArgumentError('attempt', 'attempt must name a round attempt');
      }
      const key: AttemptKey = {
        experimentId: ref.experimentId,
        roundNumber: ref.roundNumber,
        attempt: ref.attempt,
      };
      const attempt = await context.attempts.get(key);
      if (attempt === undefined) throw new RoundNotOpenError(key.experimentId, key.roundNumber);
      if (!attempt.participants.some((p) => p.workerId === identity.workerId)) {
        throw new NotAParticipantError(key, identity.workerId);
      }
      if (call.request.modelSha256.toString('hex') !== attempt.baseModelSha256) {
        throw new InvalidArgumentError(
          'model_sha256',
          'model_sha256 is not the model of this round attempt',
        );
      }
      const version = await context.modelStore.getVersion(
        key.experimentId,
        attempt.baseModelVersion,
      );
      await streamModel(call, context.modelStore, version, call.request.offset, {
        slots: context.downloadSlots,
        metrics: context.metrics,
      });
    }, options),

    SubmitSetup: unary(async (call, identity) => {
      const setup = call.request.setup;
      if (setup === null) throw new InvalidArgumentError('setup', 'setup is required');
      const t = await target(identity, setup.header, 'setup', true);
      await asParticipant(t, identity.workerId, async () => {
        if (setup.encryptionPublicKey.length !== 32 || setup.maskingPublicKey.length !== 32) {
          throw secaggInvalid(t.key, 'setup', 'public keys must be 32 bytes');
        }
        if (setup.signature.length === 0 || setup.signature.length > 512) {
          throw secaggInvalid(t.key, 'setup', 'the signature must be 1-512 bytes');
        }
        if (!(await verifySetupSignature(...signed(t), identity.workerId, setup)))
          throw badSignature(t.key, 'setup', 'the signature over the public keys');
        const bytes = methods.SubmitSetup.requestSerialize(call.request);
        await stored(
          t,
          identity.workerId,
          await context.attempts.storeMessage(t.key, 'setup', identity.workerId, bytes),
        );
      });
      return {};
    }),

    GetShareKeys: unary(async (call, identity) => {
      const t = await target(identity, call.request.header, 'share-keys', false);
      return methods.GetShareKeys.responseDeserialize(await outbox(t, identity.workerId));
    }),

    SubmitShares: unary(async (call, identity) => {
      const message = call.request.shareKeys;
      if (message === null) throw new InvalidArgumentError('share_keys', 'share_keys is required');
      const t = await target(identity, message.header, 'share-keys', true);
      await asParticipant(t, identity.workerId, async () => {
        if (message.bCommitment.length !== 32)
          throw secaggInvalid(t.key, 'share-keys', 'b_commitment must be 32 bytes');
        if (message.shares.length > 255)
          throw secaggInvalid(t.key, 'share-keys', 'at most 255 shares');
        const participants = new Set(t.attempt.participants.map((p) => p.workerId));
        const recipients = new Set<string>();
        for (const share of message.shares) {
          if (share.sender !== identity.workerId)
            throw secaggInvalid(t.key, 'share-keys', 'every share must name the caller as sender');
          if (
            !participants.has(share.recipient) ||
            share.recipient === identity.workerId ||
            recipients.has(share.recipient)
          ) {
            throw secaggInvalid(
              t.key,
              'share-keys',
              'every share must go to a different participant other than the sender',
            );
          }
          recipients.add(share.recipient);
          if (
            share.ciphertext.length > MAX_FIELD_BYTES ||
            share.signature.length > 512 ||
            share.bShareHash.length > 64 ||
            share.skShareHash.length > 64
          ) {
            throw secaggInvalid(t.key, 'share-keys', 'a share field is too large');
          }
        }
        if (!(await verifyShareSignatures(...signed(t), identity.workerId, message)))
          throw badSignature(t.key, 'share-keys', 'a share signature');
        const bytes = methods.SubmitShares.requestSerialize(call.request);
        await stored(
          t,
          identity.workerId,
          await context.attempts.storeMessage(t.key, 'share-keys', identity.workerId, bytes),
        );
      });
      return {};
    }),

    GetShares: unary(async (call, identity) => {
      const t = await target(identity, call.request.header, 'collect-masked', false);
      return methods.GetShares.responseDeserialize(await outbox(t, identity.workerId));
    }),

    GetUploadOffset: unary(async (call, identity) => {
      const t = await target(identity, call.request.header, 'collect-masked', false);
      if (!(await context.attempts.isExpected(t.key, identity.workerId))) {
        throw new NotAParticipantError(t.key, identity.workerId, {
          message: `worker ${identity.workerId} is not expected to upload (dropped, or it did not complete share-keys)`,
        });
      }
      const upload = await context.modelStore.stageUpload({
        ...t.key,
        workerId: identity.workerId,
      });
      const complete =
        (await context.attempts.inboxMessage(t.key, 'collect-masked', identity.workerId)) !==
        undefined;
      return { offset: await upload.offset(), totalBytes: t.attempt.vectorLength * 4, complete };
    }),

    UploadMasked: wrapClientStream(async (call, { identity: caller, rpc }) => {
      const identity = worker(caller, rpc);
      let upload: Awaited<ReturnType<typeof context.modelStore.stageUpload>> | undefined;
      let t: StageTarget | undefined;
      let total = 0;
      let offset = 0;
      let rejectedShares: string[] = [];
      try {
        for await (const raw of call) {
          const part = raw as ReturnType<typeof methods.UploadMasked.requestDeserialize>;
          if (upload === undefined || t === undefined) {
            const start = part.start;
            if (start == null)
              throw new InvalidArgumentError('start', 'the first message must be the start');
            t = await target(identity, start.header, 'collect-masked', true);
            if (!(await context.attempts.isExpected(t.key, identity.workerId))) {
              throw new NotAParticipantError(t.key, identity.workerId, {
                message: `worker ${identity.workerId} is not expected to upload (dropped, or it did not complete share-keys)`,
              });
            }
            total = t.attempt.vectorLength * 4;
            if (start.totalBytes !== total) {
              throw new FedraError(
                'VECTOR_LENGTH_MISMATCH',
                `the masked vector is ${total} bytes, not ${start.totalBytes}`,
                {
                  metadata: { ...refMetadata(t.key), expectedBytes: String(total) },
                },
              );
            }
            rejectedShares = [...start.rejectedShares];
            const sorted = rejectedShares.every(
              (id, i) => i === 0 || (rejectedShares[i - 1] as string) < id,
            );
            if (
              !sorted ||
              rejectedShares.some((id) => !t?.attempt.participants.some((p) => p.workerId === id))
            ) {
              throw secaggInvalid(
                t.key,
                'collect-masked',
                'rejected_shares must be sorted, unique participant ids',
              );
            }
            const fixed = await context.attempts.fixUploadParameters(
              t.key,
              identity.workerId,
              JSON.stringify(rejectedShares),
            );
            if (fixed !== JSON.stringify(rejectedShares)) {
              throw new FedraError(
                'SECAGG_REPLAY',
                'rejected_shares differ from the first start of this upload',
                {
                  metadata: { ...refMetadata(t.key), workerId: identity.workerId },
                },
              );
            }
            upload = await context.modelStore.stageUpload(
              { ...t.key, workerId: identity.workerId },
              { maxBytes: total },
            );
            offset = await upload.offset();
            if (start.offset !== offset) {
              throw new FedraError(
                start.offset > offset ? 'CHUNK_GAP' : 'CHUNK_OVERLAP',
                `the upload resumes at ${offset}, not ${start.offset}`,
                {
                  metadata: {
                    expectedOffset: String(offset),
                    receivedOffset: String(start.offset),
                  },
                },
              );
            }
            continue;
          }
          const chunk = part.chunk;
          if (chunk == null)
            throw new InvalidArgumentError(
              'chunk',
              'every message after the start must be a chunk',
            );
          if (chunk.totalBytes !== total) {
            throw new FedraError('TOTAL_MISMATCH', `chunk.total_bytes must be ${total}`, {
              metadata: { expectedBytes: String(total), receivedBytes: String(chunk.totalBytes) },
            });
          }
          if (chunk.data.length > MAX_UPLOAD_CHUNK_BYTES) {
            throw new FedraError(
              'CHUNK_OVERSIZE',
              `a chunk may hold at most ${MAX_UPLOAD_CHUNK_BYTES} bytes`,
              {
                metadata: { maxChunkBytes: String(MAX_UPLOAD_CHUNK_BYTES) },
              },
            );
          }
          if (chunk.offset % 4 !== 0 || chunk.data.length % 4 !== 0) {
            throw new FedraError(
              'CHUNK_MISALIGNED',
              'chunk offsets and lengths must be multiples of 4',
              {
                metadata: { receivedOffset: String(chunk.offset) },
              },
            );
          }
          if (chunk.data.length > 0) {
            offset = await upload.append(chunk.offset, chunk.data);
            context.metrics?.uploaded(chunk.data.length);
          } else if (chunk.offset !== offset) {
            throw new FedraError(
              chunk.offset > offset ? 'CHUNK_GAP' : 'CHUNK_OVERLAP',
              `the next chunk starts at ${offset}`,
              {
                metadata: { expectedOffset: String(offset), receivedOffset: String(chunk.offset) },
              },
            );
          }
          if (chunk.sha256.length === 0) continue;
          if (offset !== total) {
            throw new FedraError(
              'STREAM_INCOMPLETE',
              `the digest came after ${offset} of ${total} bytes`,
              {
                metadata: { receivedBytes: String(offset), expectedBytes: String(total) },
              },
            );
          }
          const sha256 = chunk.sha256.toString('hex');
          try {
            await upload.finish(sha256);
          } catch (error) {
            // The worker resends from 0: keep nothing that failed its digest.
            if (error instanceof FedraError && error.code === 'DIGEST_MISMATCH')
              await upload.reset();
            throw error;
          }
          const completion: UploadCompletion = {
            sha256,
            vectorLength: t.attempt.vectorLength,
            rejectedShares,
          };
          const result = await context.attempts.storeMessage(
            t.key,
            'collect-masked',
            identity.workerId,
            Buffer.from(JSON.stringify(completion)),
          );
          await stored(t, identity.workerId, result);
          return { receivedBytes: offset, complete: true };
        }
        if (upload === undefined)
          throw new InvalidArgumentError('start', 'the upload stream was empty');
        return { receivedBytes: offset, complete: false };
      } catch (error) {
        // A malformed upload drops its sender (see OFFENCES); `t` is set once the start checked out.
        if (t !== undefined) await dropIfOffence(t, identity.workerId, error);
        throw error;
      } finally {
        await upload?.close();
      }
    }, options),

    GetSurvivorSet: unary(async (call, identity) => {
      const t = await target(identity, call.request.header, 'consistency-check', false);
      return methods.GetSurvivorSet.responseDeserialize(await outbox(t, identity.workerId));
    }),

    SubmitSurvivorSignature: unary(async (call, identity) => {
      const message = call.request.signature;
      if (message === null) throw new InvalidArgumentError('signature', 'signature is required');
      const t = await target(identity, message.header, 'consistency-check', true);
      await asParticipant(t, identity.workerId, async () => {
        if (message.signature.length === 0 || message.signature.length > 512) {
          throw secaggInvalid(t.key, 'consistency-check', 'the signature must be 1-512 bytes');
        }
        const survivors =
          methods.GetSurvivorSet.responseDeserialize(await outbox(t, identity.workerId)).request
            ?.survivors ?? [];
        const ok = await verifySurvivorSignature(
          ...signed(t),
          identity.workerId,
          survivors,
          message.signature,
        );
        if (!ok)
          throw badSignature(t.key, 'consistency-check', 'the signature over the survivor set');
        const bytes = methods.SubmitSurvivorSignature.requestSerialize(call.request);
        await stored(
          t,
          identity.workerId,
          await context.attempts.storeMessage(t.key, 'consistency-check', identity.workerId, bytes),
        );
      });
      return {};
    }),

    GetUnmaskRequest: unary(async (call, identity) => {
      const t = await target(identity, call.request.header, 'unmask', false);
      return methods.GetUnmaskRequest.responseDeserialize(await outbox(t, identity.workerId));
    }),

    SubmitUnmask: unary(async (call, identity) => {
      const message = call.request.unmask;
      if (message === null) throw new InvalidArgumentError('unmask', 'unmask is required');
      const t = await target(identity, message.header, 'unmask', true);
      await asParticipant(t, identity.workerId, async () => {
        if (message.bShares.length + message.skShares.length > 512) {
          throw secaggInvalid(t.key, 'unmask', 'too many revealed shares');
        }
        const participants = new Set(t.attempt.participants.map((p) => p.workerId));
        const owners = new Set<string>();
        for (const share of [...message.bShares, ...message.skShares]) {
          if (!participants.has(share.owner) || owners.has(share.owner)) {
            throw secaggInvalid(
              t.key,
              'unmask',
              'every revealed share must belong to a different participant, and at most one secret per owner',
            );
          }
          owners.add(share.owner);
          if (share.share.length > MAX_FIELD_BYTES)
            throw secaggInvalid(t.key, 'unmask', 'a revealed share is too large');
        }
        const bytes = methods.SubmitUnmask.requestSerialize(call.request);
        await stored(
          t,
          identity.workerId,
          await context.attempts.storeMessage(t.key, 'unmask', identity.workerId, bytes),
        );
      });
      return {};
    }),

    ReportRefusal: unary(async (call, identity) => {
      const header = call.request.header;
      const stage = stageFromWire(header?.stage ?? 'STAGE_UNSPECIFIED');
      if (stage === undefined)
        throw new InvalidArgumentError('header.stage', 'header.stage must be set');
      const t = await target(identity, header, stage, false);
      const reason: RefusalReasonOutput = call.request.reason;
      if (reason === 'REFUSAL_REASON_UNSPECIFIED' || !Object.hasOwn(RefusalReason, reason))
        throw new InvalidArgumentError(
          'reason',
          'reason must be a RefusalReason other than UNSPECIFIED',
        );
      await driver.withdraw(t.key, stage, {
        workerId: identity.workerId,
        stage,
        reason: 'REFUSED',
        refusalReason: reason,
        detail: call.request.detail.slice(0, 256),
      });
      options.logger.info(
        { ...refMetadata(t.key), workerId: identity.workerId, stage, reason },
        'participant refused',
      );
      return {};
    }),
  };

  /** Whether a stored task still matters: its attempt is in the task's stage (cancels and drains always are). */
  async function relevant(attempt: AttemptKey | undefined, stage: string): Promise<boolean> {
    if (attempt === undefined || stage === 'cancel' || stage === '') return true;
    const current = await context.attempts.getStage(attempt);
    return current !== undefined && current.stage === stage;
  }
}

function refMetadata(key: AttemptKey): Record<string, string> {
  return {
    experimentId: key.experimentId,
    roundNumber: String(key.roundNumber),
    attempt: String(key.attempt),
  };
}

/** SECAGG_BAD_SIGNATURE for `what` in a message of `stage`. */
function badSignature(key: AttemptKey, stage: SecAggStage, what: string): FedraError {
  return new FedraError(
    'SECAGG_BAD_SIGNATURE',
    `${stage}: ${what} does not verify against the certificate the worker was selected with; sign with that certificate's key (the sender is dropped from the attempt)`,
    { metadata: { ...refMetadata(key), stage } },
  );
}

function secaggInvalid(key: AttemptKey, stage: SecAggStage, message: string): FedraError {
  return new FedraError('SECAGG_INVALID_MESSAGE', `${stage}: ${message}`, {
    metadata: { ...refMetadata(key), stage },
  });
}
