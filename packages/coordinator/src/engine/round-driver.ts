/**
 * The round engine's steps, each short, idempotent and safe to run on any
 * replica any number of times (BullMQ is at-least-once):
 *
 * - {@link RoundDriver.select}: samples participants, fixes the RoundConfig
 *   and opens the attempt (a compare-and-set on the experiment's current
 *   round and attempt), then invites the participants.
 * - {@link RoundDriver.advance}: closes one secure-aggregation stage:
 *   claims the attempt (fencing epoch + 1, inbox frozen), restores the
 *   AggregatorSession from its snapshot, feeds it the stage's inbox, closes
 *   the stage, and writes the snapshot, the next stage's outbox, expected
 *   senders, deadline and events in one fenced compare-and-set. After the
 *   last stage it aggregates and commits (model version, audit record,
 *   round event) or aborts the attempt for a retry.
 * - {@link RoundDriver.sweep}: re-queues whatever a crashed step left
 *   undone (selection, deadline jobs, task notifications).
 *
 * Correctness never rests on a BullMQ lock: a stale driver's final write is
 * rejected by the fence, and everything it wrote before (content-addressed
 * blobs, the model version, which is committed once with identical
 * content, the audit record guarded by its marker) is idempotent.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { FedraError, FencedError } from '@fedra/common';
import type { Logger } from '@fedra/common';
import type { CancelReasonOutput, ExperimentSpecOutput } from '@fedra/proto';
import {
  AggregatorSession,
  chooseSecAggParams,
  createSecAggConfig,
  SECAGG_PROTOCOL_VERSION,
  SECAGG_SUITE,
  SecAggAbortedError,
  SecAggProtocolError,
} from '@fedra/secagg';
import type {
  AggregateResult,
  AggregatorSnapshot,
  IdentityVerifier,
  MaskPlan,
  SecAggStage,
} from '@fedra/secagg';
import type { ModelStore } from '../model-store/model-store.js';
import { loadStrategyState, storeStrategyState } from '../model-store/strategy-state-codec.js';
import { meanFromLaneSums, metricsFromLaneSums } from '../strategies/aggregate.js';
import { createStrategy } from '../strategies/create-strategy.js';
import { appendAuditOnce } from '../state/audit-once.js';
import type { AttemptStore } from '../state/attempt-store.js';
import type { CheckedWrite } from '../state/checked-write.js';
import type { ExperimentStore } from '../state/experiment-store.js';
import type { RegionPolicyStore } from '../state/region-policy-store.js';
import { redisTimeMs } from '../state/redis-script.js';
import type { AttemptKey, StateKeys } from '../state/state-keys.js';
import type {
  AttemptAbortReason,
  AttemptRecord,
  DropRecord,
  ExperimentRecord,
  ParticipantRecord,
  RoundEvent,
  RoundSummaryMetrics,
} from '../state/state-types.js';
import type { WorkerRecord, WorkerRegistry } from '../state/worker-registry.js';
import type { CoordinatorMetrics } from '../metrics/coordinator-metrics.js';
import { foldStagedUpload, retractStagedUpload, unmaskSum } from './fold.js';
import { decodeExperimentSpec } from '@fedra/wire';
import { fleetMethods } from './proto-codec.js';
import { buildRoundConfig } from './round-config.js';
import type { ConfigSigner } from './round-config.js';
import {
  consistencyRequestToWire,
  consistencyResponseFromWire,
  incomingShareToWire,
  setupFromWire,
  setupToWire,
  shareKeysFromWire,
  unmaskRequestToWire,
  unmaskResponseFromWire,
} from '@fedra/wire';
import { selectParticipants } from './selection.js';
import type { RegionBounds } from './selection.js';
import { DEFAULT_SPEC_LIMITS, validateSpec } from './spec-validation.js';
import type { SpecLimits, ValidatedSpec } from './spec-validation.js';
import type { TaskNotifier } from './task-notifier.js';
import { createSharedSum } from './unmask-pool.js';
import type { MaskPlanApplier } from './unmask-pool.js';

/** What triggered an `advance` step. */
export type AdvanceTrigger = 'all-arrived' | 'deadline' | 'sweep';

/** How the driver queues its follow-up jobs (implemented on BullMQ by the engine). */
export interface RoundScheduler {
  /** Queues the selection of (round, attempt); a no-op when one is queued. */
  scheduleSelect(experimentId: string, roundNumber: number, attempt: number): Promise<void>;
  /** Queues the closing of `stage` at `atMs` (Redis time); a no-op when one is queued. */
  scheduleAdvance(
    key: AttemptKey,
    stage: SecAggStage,
    trigger: AdvanceTrigger,
    atMs: number,
    nowMs: number,
  ): Promise<void>;
}

/** The marshalled completion of a masked upload, as stored in the collect-masked inbox. */
export interface UploadCompletion {
  /** sha256 of the whole vector, hex. */
  readonly sha256: string;
  /** Elements in the vector. */
  readonly vectorLength: number;
  /** Neighbours whose shares the worker rejected, sorted. */
  readonly rejectedShares: readonly string[];
}

/** The actor that coordinator decisions are recorded as in the audit log. */
export const COORDINATOR_ACTOR = 'urn:fedra:coordinator';

/**
 * The AggregatorSession's signature verifier here. Every message the driver
 * feeds it comes from a stage inbox, and FleetService writes a message there
 * only after its signatures verified against the certificates pinned in
 * the attempt (SubmitSetup, SubmitShares, SubmitSurvivorSignature; a bad one
 * drops its sender with SECAGG_BAD_SIGNATURE). Checking them a second time
 * here cost ~0.25 s of CPU per round at n = 100 and guarded nothing: who can
 * write the inbox can write the attempt record too. The workers, who do not
 * trust the coordinator, verify every peer's signatures themselves.
 */
const CHECKED_AT_SUBMIT: IdentityVerifier = { verify: () => Promise.resolve(true) };

/** Options for {@link RoundDriver}. */
export interface RoundDriverOptions {
  readonly redis: Redis;
  readonly keys: StateKeys;
  readonly attempts: AttemptStore;
  readonly experiments: ExperimentStore;
  readonly registry: WorkerRegistry;
  readonly policies: RegionPolicyStore;
  readonly modelStore: ModelStore;
  readonly notifier: TaskNotifier;
  readonly scheduler: RoundScheduler;
  readonly logger: Logger;
  /** Signs RoundConfig hashes; unsigned configs when absent (insecure mode). */
  readonly configSigner?: ConfigSigner | undefined;
  /** @default DEFAULT_SPEC_LIMITS */
  readonly specLimits?: SpecLimits | undefined;
  /** Attempts a round may take before the experiment fails. @default 5 */
  readonly maxAttemptsPerRound?: number | undefined;
  /** Dropout rate k and t are chosen for when the spec leaves them 0. @default 0.1 */
  readonly expectedDropoutRate?: number | undefined;
  /** A worker whose last heartbeat is older is not selected. @default 30_000 */
  readonly heartbeatTimeoutMs?: number | undefined;
  /**
   * How long a driver may hold a stage in `'closing'` before another step
   * takes it over (a BullMQ retry of the same job takes over at once).
   * @default 120_000
   */
  readonly closingTimeoutMs?: number | undefined;
  /**
   * Removes the masks from the running sum, off the event loop (an
   * UnmaskPool). @default on the driver's thread (tests, tools)
   */
  readonly unmask?: MaskPlanApplier | undefined;
  /** Where round, stage, dropout, fold and unmask figures go. @default none */
  readonly metrics?: CoordinatorMetrics | undefined;
}

/** The engine's steps; see the module doc. */
export class RoundDriver {
  readonly #o: RoundDriverOptions;
  readonly #log: Logger;
  readonly #specs = new Map<string, ValidatedSpec>();
  readonly #maxAttempts: number;

  constructor(options: RoundDriverOptions) {
    this.#o = options;
    this.#log = options.logger;
    this.#maxAttempts = options.maxAttemptsPerRound ?? 5;
  }

  #now(): Promise<number> {
    return redisTimeMs(this.#o.redis);
  }

  #spec(experiment: ExperimentRecord): ValidatedSpec {
    let validated = this.#specs.get(experiment.specSha256);
    if (validated === undefined) {
      validated = validateSpec(
        decodeExperimentSpec(experiment.specBytes),
        this.#o.specLimits ?? DEFAULT_SPEC_LIMITS,
      );
      if (this.#specs.size > 256) this.#specs.clear();
      this.#specs.set(experiment.specSha256, validated);
    }
    return validated;
  }

  // ---------------------------------------------------------------- selection

  /**
   * Opens attempt (`roundNumber`, `attempt`) of the experiment if it is the
   * experiment's current one and not open yet. Without enough eligible
   * workers it does nothing: the sweeper tries again.
   */
  async select(experimentId: string, roundNumber: number, attempt: number): Promise<void> {
    const key: AttemptKey = { experimentId, roundNumber, attempt };
    const log = this.#log.child({ experimentId, roundNumber, attempt });
    const experiment = await this.#o.experiments.get(experimentId);
    if (
      experiment?.state !== 'RUNNING' ||
      experiment.currentRound !== roundNumber ||
      experiment.currentAttempt !== attempt
    ) {
      return;
    }
    const existing = await this.#o.attempts.get(key);
    if (existing !== undefined) {
      await this.ensureEffects(existing, experiment);
      return;
    }
    const validated = this.#spec(experiment);
    const spec = validated.spec;
    const now = await this.#now();
    // Each candidate's certificate as registered now: pinned for the attempt.
    const certificates = new Map<string, Buffer>();
    const candidates = await this.#eligible(spec, now, certificates);
    const regions = await this.#regionBounds(spec, candidates);
    const selection = selectParticipants({
      candidates,
      target: spec.targetParticipants,
      min: spec.minParticipants,
      regions,
      onlyListedRegions: spec.regionQuotas.length > 0,
    });
    if (!selection.ok) {
      log.info(
        { eligible: candidates.length, reason: selection.reason },
        'selection waiting for workers',
      );
      return;
    }
    const participants = selection.participants;
    const n = participants.length;
    const { k, t } = this.#secaggParams(validated, n);
    const base = await this.#o.modelStore.getVersion(experimentId, roundNumber - 1);
    const built = buildRoundConfig({
      experimentId,
      owner: experiment.owner,
      specSha256: experiment.specSha256,
      validated,
      roundNumber,
      attempt,
      participants,
      k,
      t,
      graphSeed: randomBytes(32),
      baseModelVersion: base.version,
      baseModelSha256: base.weightsSha256,
    });
    const secagg = createSecAggConfig({
      experimentId,
      roundNumber,
      attempt,
      participants: participants.map((p) => p.workerId),
      k,
      t,
      graphSeed: new Uint8Array(built.config.graphSeed as Buffer),
      lanes: validated.lanes,
      nMax: spec.targetParticipants,
      configHash: new Uint8Array(built.sha256),
    });
    const session = AggregatorSession.create({ config: secagg, verifier: CHECKED_AT_SUBMIT });
    const signer = this.#o.configSigner;
    const record: AttemptRecord = {
      ...key,
      stage: 'setup',
      phase: 'open',
      epoch: 0,
      deadlineMs: now + validated.deadlinesMs.setup,
      claimedAtMs: 0,
      openTimeMs: now,
      endTimeMs: 0,
      participants,
      roundConfig: built.bytes,
      configSha256: built.sha256.toString('hex'),
      configSignature: signer === undefined ? Buffer.alloc(0) : signer.sign(built.sha256),
      configSignatureAlgorithm: signer?.algorithm ?? '',
      baseModelVersion: base.version,
      baseModelSha256: base.weightsSha256,
      vectorLength: secagg.vectorLength,
      runningSumSha256: '',
      abortReason: '',
      abortDetail: '',
    };
    const byRegion: Record<string, number> = {};
    for (const p of participants) byRegion[p.region] = (byRegion[p.region] ?? 0) + 1;
    const events: RoundEvent[] = [
      {
        kind: 'round-opened',
        roundNumber,
        attempt,
        participants: n,
        participantsByRegion: byRegion,
        k,
        t,
        baseModelVersion: base.version,
      },
      {
        kind: 'stage-changed',
        roundNumber,
        attempt,
        stage: 'setup',
        liveParticipants: n,
        deadlineMs: record.deadlineMs,
      },
    ];
    const opened = await this.#o.attempts.open(record, {
      snapshot: JSON.stringify(session.snapshot()),
      expected: participants.map((p) => p.workerId),
      events: events.map((e) => JSON.stringify(e)),
      certificates: new Map(
        participants.map((p) => [p.workerId, certificates.get(p.workerId) ?? Buffer.alloc(0)]),
      ),
    });
    if (opened === 'NOT_CURRENT') return;
    if (opened === 'OPENED') {
      log.info({ participants: n, k, t, configSha256: record.configSha256 }, 'round opened');
      this.#o.metrics?.roundOpened(n);
    }
    const current = await this.#o.attempts.get(key);
    if (current !== undefined) await this.ensureEffects(current, experiment);
  }

  #secaggParams(validated: ValidatedSpec, n: number): { k: number; t: number } {
    if (validated.secagg !== undefined) return validated.secagg;
    const { k, t } = chooseSecAggParams({ n, dropoutRate: this.#o.expectedDropoutRate ?? 0.1 });
    return { k, t };
  }

  /** The selectable workers; `certificates` gets each one's registered certificate. */
  async #eligible(
    spec: ExperimentSpecOutput,
    now: number,
    certificates: Map<string, Buffer>,
  ): Promise<ParticipantRecord[]> {
    const timeout = this.#o.heartbeatTimeoutMs ?? 30_000;
    const dataset = spec.dataset;
    const enabled = new Map<string, boolean>();
    const out: ParticipantRecord[] = [];
    for (const worker of await this.#o.registry.all()) {
      if (!isSelectable(worker, now, timeout)) continue;
      const held = worker.datasets.find((d) => d.name === dataset?.name);
      if (
        held === undefined ||
        held.numClasses !== dataset?.numClasses ||
        held.inputShape.length !== dataset.inputShape.length ||
        held.inputShape.some((d, i) => d !== dataset.inputShape[i])
      ) {
        continue;
      }
      let regionEnabled = enabled.get(worker.region);
      if (regionEnabled === undefined) {
        regionEnabled = (await this.#o.policies.get(worker.region)).enabled;
        enabled.set(worker.region, regionEnabled);
      }
      if (regionEnabled) {
        out.push({ workerId: worker.workerId, region: worker.region });
        certificates.set(worker.workerId, worker.certificateDer);
      }
    }
    return out;
  }

  async #regionBounds(
    spec: ExperimentSpecOutput,
    candidates: readonly ParticipantRecord[],
  ): Promise<Map<string, RegionBounds>> {
    const bounds = new Map<string, RegionBounds>();
    const combine = (a: number, b: number): number => (a === 0 ? b : b === 0 ? a : Math.min(a, b));
    for (const quota of spec.regionQuotas) {
      const policy = await this.#o.policies.get(quota.region);
      bounds.set(quota.region, {
        min: quota.minParticipants,
        max: combine(quota.maxParticipants, policy.maxParticipantsPerRound),
      });
    }
    if (spec.regionQuotas.length === 0) {
      for (const region of new Set(candidates.map((c) => c.region))) {
        const policy = await this.#o.policies.get(region);
        bounds.set(region, { min: 0, max: policy.maxParticipantsPerRound });
      }
    }
    return bounds;
  }

  // ----------------------------------------------------------------- effects

  /**
   * Makes sure the attempt's current stage has its side effects: a deadline
   * job and a task for each expected participant; for a finished attempt,
   * the next selection. Called after every transition and by the sweeper.
   */
  async ensureEffects(attempt: AttemptRecord, experiment?: ExperimentRecord): Promise<void> {
    const now = await this.#now();
    const stage = attempt.stage;
    if (stage === 'committed' || stage === 'aborted') {
      await this.#cleanUp(
        attempt,
        stage === 'aborted' ? attempt.abortReason || 'INTERNAL' : undefined,
      );
      const exp = experiment ?? (await this.#o.experiments.get(attempt.experimentId));
      if (exp?.state === 'RUNNING')
        await this.#o.scheduler.scheduleSelect(
          exp.experimentId,
          exp.currentRound,
          exp.currentAttempt,
        );
      return;
    }
    if (attempt.phase !== 'open') return;
    await this.#o.scheduler.scheduleAdvance(attempt, stage, 'deadline', attempt.deadlineMs, now);
    const expected = await this.#o.attempts.expected(attempt);
    if (stage === 'setup') {
      await this.#o.notifier.invite(attempt, expected);
    } else {
      await this.#o.notifier.stageOpened(attempt, stage, attempt.deadlineMs, expected);
    }
  }

  /** Called after a Fleet RPC stored a message: closes the stage early when every expected sender arrived. */
  async messageArrived(
    key: AttemptKey,
    stage: SecAggStage,
    received: number,
    expected: number,
  ): Promise<void> {
    if (received < expected) return;
    await this.#o.scheduler.scheduleAdvance(key, stage, 'all-arrived', 0, await this.#now());
  }

  // ------------------------------------------------------------------ sweep

  /**
   * Walks the RUNNING experiments and re-queues what a crashed step left
   * undone: a missing selection, a stage past its deadline without a job,
   * a stage stuck in `'closing'` (its driver died and its job failed),
   * missing task notifications.
   */
  async sweep(): Promise<void> {
    const now = await this.#now();
    for (const experimentId of await this.#o.experiments.running()) {
      try {
        const experiment = await this.#o.experiments.get(experimentId);
        if (experiment?.state !== 'RUNNING') {
          await this.#o.experiments.forgetRunning(experimentId);
          continue;
        }
        const key = {
          experimentId,
          roundNumber: experiment.currentRound,
          attempt: experiment.currentAttempt,
        };
        const attempt = await this.#o.attempts.get(key);
        if (attempt === undefined) {
          await this.#o.scheduler.scheduleSelect(experimentId, key.roundNumber, key.attempt);
          continue;
        }
        if (attempt.stage === 'committed' || attempt.stage === 'aborted') {
          await this.ensureEffects(attempt, experiment);
          continue;
        }
        if (attempt.phase === 'open') {
          await this.ensureEffects(attempt, experiment);
          if (now > attempt.deadlineMs)
            await this.#o.scheduler.scheduleAdvance(key, attempt.stage, 'sweep', 0, now);
        } else if (now - attempt.claimedAtMs > (this.#o.closingTimeoutMs ?? 120_000)) {
          await this.#o.scheduler.scheduleAdvance(key, attempt.stage, 'sweep', 0, now);
        }
      } catch (error) {
        this.#log.warn({ experimentId, err: error }, 'sweep of experiment failed');
      }
    }
  }

  // ---------------------------------------------------------------- advance

  /**
   * Closes `stage` of the attempt if it is still open: see the module doc.
   * A FencedError means a newer driver took over; the step just stops.
   */
  async advance(
    key: AttemptKey,
    stage: SecAggStage,
    trigger: AdvanceTrigger,
    takeover = false,
  ): Promise<void> {
    const log = this.#log.child({
      experimentId: key.experimentId,
      roundNumber: key.roundNumber,
      attempt: key.attempt,
      stage,
    });
    const attempt = await this.#o.attempts.get(key);
    if (attempt === undefined) return;
    if (attempt.stage !== stage) {
      // Already closed (perhaps by a driver that died before its side effects).
      await this.ensureEffects(attempt);
      return;
    }
    const now = await this.#now();
    const running = (await this.#o.experiments.get(key.experimentId))?.state === 'RUNNING';
    // A cancelled experiment's attempt is closed (aborted) at once.
    if (attempt.phase === 'open' && running) {
      if (trigger === 'all-arrived') {
        const [inbox, expected] = await Promise.all([
          this.#o.attempts.inbox(key, stage),
          this.#o.attempts.expected(key),
        ]);
        if (expected.some((id) => !inbox.has(id))) return;
      } else if (now < attempt.deadlineMs) {
        // Early (clock skew between BullMQ and Redis TIME, or a sweep):
        // queue a deadline job for the real deadline instead.
        await this.#o.scheduler.scheduleAdvance(key, stage, 'deadline', attempt.deadlineMs, now);
        return;
      }
    }
    if (
      attempt.phase === 'closing' &&
      !takeover &&
      trigger !== 'sweep' &&
      now - attempt.claimedAtMs < (this.#o.closingTimeoutMs ?? 120_000)
    ) {
      // Another driver is closing the stage. If it dies, BullMQ retries its
      // job (a takeover) or the sweeper re-queues the stage; fencing keeps
      // either safe while it might still be alive.
      return;
    }
    const epoch = await this.#o.attempts.claim(key, stage, now);
    if (epoch === undefined) return;
    const stepLog = log.child({ epoch });
    try {
      await this.#close(attempt, stage, epoch, stepLog);
    } catch (error) {
      if (error instanceof FencedError) {
        stepLog.warn({ code: error.code }, 'driver fenced; a newer driver owns the attempt');
        return;
      }
      throw error;
    }
  }

  async #close(
    attempt: AttemptRecord,
    stage: SecAggStage,
    epoch: number,
    log: Logger,
  ): Promise<void> {
    const key: AttemptKey = attempt;
    const experiment = await this.#o.experiments.get(key.experimentId);
    if (experiment?.state !== 'RUNNING') {
      await this.#abort(
        attempt,
        epoch,
        stage,
        'CANCELLED',
        `the experiment is ${experiment?.state ?? 'gone'}`,
        log,
      );
      return;
    }
    const validated = this.#spec(experiment);
    const session = await this.#restore(attempt);
    const ctx: StageClose = {
      attempt,
      epoch,
      stage,
      validated,
      log,
      droppedBefore: new Set(session.dropped.keys()),
      expected: await this.#o.attempts.expected(key),
      inbox: await this.#o.attempts.inbox(key, stage),
      excluded: new Map(),
    };

    try {
      switch (stage) {
        case 'setup':
        case 'share-keys':
        case 'consistency-check': {
          const relay = RELAY_STAGES[stage];
          await this.#feed(ctx, (bytes) => relay.receive(session, bytes));
          const outbox = await relay.close(session, (ids) => this.#identities(attempt, ids));
          await this.#open(ctx, relay.next, session, outbox);
          return;
        }
        case 'collect-masked': {
          const folded = await this.#foldAll(ctx);
          const outgoing = folded.closeMasked();
          const sum = folded.runningSum ?? new Uint32Array(attempt.vectorLength);
          // The masked sum and the survivor set are persisted (blob, then the
          // fenced write with the snapshot) before any consistency request can
          // be read: U3 never changes once a survivor may have seen it.
          const blob = await this.#o.modelStore.putBlob(
            new Uint8Array(sum.buffer, sum.byteOffset, sum.byteLength),
          );
          const outbox = outboxOf(outgoing, (m) =>
            fleetMethods().GetSurvivorSet.responseSerialize({
              request: consistencyRequestToWire(m),
            }),
          );
          await this.#open(ctx, 'consistency-check', folded, outbox, {
            runningSumSha256: blob.sha256,
          });
          return;
        }
        case 'unmask': {
          await this.#feed(ctx, (bytes) => {
            const request = fleetMethods().SubmitUnmask.requestDeserialize(bytes);
            if (request.unmask !== null)
              session.receiveUnmask(unmaskResponseFromWire(request.unmask));
            return Promise.resolve();
          });
          const result = await session.finish({
            applyPlan: (plan, sum) => this.#unmask(plan, sum),
          });
          await this.#commit(ctx, session, result);
          return;
        }
      }
    } catch (error) {
      const reason = abortReasonOf(error);
      if (reason === undefined) throw error;
      // `session` here is the restored one even in collect-masked (not the
      // folded one): the fold's own refusals are in ctx.excluded.
      await this.#abort(
        attempt,
        epoch,
        stage,
        reason,
        error instanceof Error ? error.message : '',
        log,
        this.#drops(ctx, session),
      );
    }
  }

  /** Removes the masks (on the pool when there is one) and records how long it took. */
  async #unmask(plan: MaskPlan, sum: Uint32Array): Promise<void> {
    const start = performance.now();
    if (this.#o.unmask === undefined) unmaskSum(plan, sum);
    else await this.#o.unmask.apply(plan, sum);
    this.#o.metrics?.unmasked((performance.now() - start) / 1000);
  }

  /** Seconds since `stage` of the attempt opened (its deadline minus the stage's allowance). */
  #stageSeconds(
    attempt: AttemptRecord,
    stage: SecAggStage,
    validated: ValidatedSpec,
    now: number,
  ): number {
    return (now - (attempt.deadlineMs - validated.deadlinesMs[stage])) / 1000;
  }

  async #restore(attempt: AttemptRecord): Promise<AggregatorSession> {
    const text = await this.#o.attempts.snapshot(attempt);
    if (text === undefined)
      throw new FedraError('INTERNAL', 'the attempt has no aggregator snapshot');
    const snapshot = JSON.parse(text) as AggregatorSnapshot;
    let runningSum: Uint32Array | undefined;
    if (attempt.runningSumSha256 !== '') {
      // Read straight into shared memory: the unmask threads work on it in place.
      const bytes = await readBlob(
        this.#o.modelStore,
        attempt.runningSumSha256,
        (size) => new Uint8Array(new SharedArrayBuffer(size)),
      );
      runningSum = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    }
    return AggregatorSession.restore(snapshot, {
      verifier: CHECKED_AT_SUBMIT,
      createSum: createSharedSum,
      ...(runningSum === undefined ? {} : { runningSum }),
    });
  }

  /** Feeds each inbox message; a message the session refuses drops its sender (the session records it). */
  async #feed(ctx: StageClose, receive: (bytes: Buffer) => Promise<void>): Promise<void> {
    for (const [workerId, bytes] of bySender(ctx.inbox)) {
      try {
        await receive(bytes);
      } catch (error) {
        if (!(error instanceof SecAggProtocolError)) throw error;
        ctx.log.warn({ workerId, code: error.code }, 'stage message refused');
      }
    }
  }

  /** Participants' identities as relayed to their peers: region and certificate as pinned at selection. */
  async #identities(
    attempt: AttemptRecord,
    workerIds: readonly string[],
  ): Promise<(workerId: string) => WorkerIdentity> {
    const pinned = await this.#o.attempts.pinnedCertificates(attempt, workerIds);
    const regions = new Map(attempt.participants.map((p) => [p.workerId, p.region]));
    return (workerId) => {
      const certificate = pinned.get(workerId);
      return {
        workerId,
        region: regions.get(workerId) ?? '',
        certificateChain:
          certificate === undefined || certificate.length === 0 ? [] : [certificate],
      };
    };
  }

  /**
   * Folds every completed upload into a fresh session restored from the
   * snapshot (so a redo starts from the same state). An upload whose staged
   * bytes no longer verify is excluded and the fold restarts without it.
   */
  async #foldAll(ctx: StageClose): Promise<AggregatorSession> {
    const { attempt, excluded, log } = ctx;
    for (;;) {
      const session = await this.#restore(attempt);
      let restart = false;
      for (const [workerId, bytes] of bySender(ctx.inbox)) {
        if (excluded.has(workerId)) continue;
        const completion = JSON.parse(bytes.toString('utf8')) as UploadCompletion;
        const upload = await this.#o.modelStore.stageUpload({ ...attemptKeyOf(attempt), workerId });
        try {
          const start = performance.now();
          await foldStagedUpload(session, workerId, upload);
          this.#o.metrics?.folded((performance.now() - start) / 1000);
        } catch (error) {
          // Part of the upload may be in the sum by now: fold everything
          // again, from the snapshot, without it.
          if (error instanceof SecAggProtocolError) {
            log.warn({ workerId, code: error.code }, 'masked upload not folded');
            excluded.set(workerId, error.code);
            restart = true;
            break;
          }
          if (error instanceof FedraError && error.code === 'DIGEST_MISMATCH') {
            log.error(
              { workerId },
              'staged upload changed after its digest verified; folding again without it',
            );
            excluded.set(workerId, 'DIGEST_MISMATCH');
            restart = true;
            break;
          }
          throw error;
        }
        try {
          session.completeMasked({
            header: {
              experimentId: attempt.experimentId,
              roundNumber: attempt.roundNumber,
              attempt: attempt.attempt,
              stage: 'collect-masked',
              sender: workerId,
            },
            vectorLength: completion.vectorLength,
            digest: new Uint8Array(Buffer.from(completion.sha256, 'hex')),
            rejectedShares: [...completion.rejectedShares],
          });
        } catch (error) {
          if (!(error instanceof SecAggProtocolError)) throw error;
          log.warn({ workerId, code: error.code }, 'masked upload refused');
          excluded.set(workerId, error.code);
          await retractStagedUpload(session, workerId, upload);
        }
      }
      if (!restart) return session;
    }
  }

  /** The drop records of a stage: deadline misses, refused messages, excluded uploads. */
  #drops(ctx: StageClose, session: AggregatorSession): DropRecord[] {
    const { stage, droppedBefore, expected, inbox, excluded } = ctx;
    const drops = new Map<string, DropRecord>();
    for (const [workerId, dropped] of session.dropped) {
      if (droppedBefore.has(workerId)) continue;
      drops.set(workerId, {
        workerId,
        stage,
        reason: 'INVALID_MESSAGE',
        refusalReason: '',
        detail: dropped.code,
      });
    }
    for (const [workerId, code] of excluded) {
      if (!drops.has(workerId))
        drops.set(workerId, {
          workerId,
          stage,
          reason: 'INVALID_MESSAGE',
          refusalReason: '',
          detail: code,
        });
    }
    for (const workerId of expected) {
      if (!inbox.has(workerId) && !drops.has(workerId)) {
        drops.set(workerId, {
          workerId,
          stage,
          reason: 'DEADLINE_MISSED',
          refusalReason: '',
          detail: 'STAGE_DEADLINE_EXCEEDED',
        });
      }
    }
    return [...drops.values()];
  }

  #dropEvents(attempt: AttemptRecord, drops: readonly DropRecord[]): string[] {
    const region = new Map(attempt.participants.map((p) => [p.workerId, p.region]));
    return drops.map((drop) =>
      JSON.stringify({
        kind: 'participant-dropped',
        roundNumber: attempt.roundNumber,
        attempt: attempt.attempt,
        drop,
        region: region.get(drop.workerId) ?? '',
      } satisfies RoundEvent),
    );
  }

  /** Writes a closed stage's results and opens the next stage (fenced), then queues its effects. */
  async #open(
    ctx: StageClose,
    to: SecAggStage,
    session: AggregatorSession,
    outbox: ReadonlyMap<string, Buffer>,
    fields: Readonly<Record<string, string | number>> = {},
  ): Promise<void> {
    const { attempt, epoch, stage: from, validated, log } = ctx;
    const now = await this.#now();
    const deadlineMs = now + validated.deadlinesMs[to];
    const expected = [...outbox.keys()].sort();
    const drops = this.#drops(ctx, session);
    const event: RoundEvent = {
      kind: 'stage-changed',
      roundNumber: attempt.roundNumber,
      attempt: attempt.attempt,
      stage: to,
      liveParticipants: expected.length,
      deadlineMs,
    };
    await this.#o.attempts.transition(attempt, epoch, from, {
      stage: to,
      fields: { deadlineMs, ...fields },
      snapshot: JSON.stringify(session.snapshot()),
      expected,
      outbox,
      drops,
      events: [...this.#dropEvents(attempt, drops), JSON.stringify(event)],
    });
    log.info({ next: to, live: expected.length, dropped: drops.length }, 'stage closed');
    this.#o.metrics?.stageClosed(from, this.#stageSeconds(attempt, from, validated, now));
    this.#o.metrics?.dropped(drops);
    const next = await this.#o.attempts.get(attempt);
    if (next !== undefined) await this.ensureEffects(next);
  }

  /** Aborts the attempt (fenced): a retry with a fresh selection, or the experiment fails. */
  async #abort(
    attempt: AttemptRecord,
    epoch: number,
    stage: SecAggStage,
    reason: AttemptAbortReason,
    detail: string,
    log: Logger,
    drops: readonly DropRecord[] = [],
  ): Promise<void> {
    const key: AttemptKey = attempt;
    const now = await this.#now();
    const keys = this.#o.keys;
    const meta = keys.experiment(key.experimentId);
    const willRetry = reason !== 'CANCELLED' && key.attempt < this.#maxAttempts;
    const events: string[] = [
      ...this.#dropEvents(attempt, drops),
      JSON.stringify({
        kind: 'attempt-aborted',
        roundNumber: key.roundNumber,
        attempt: key.attempt,
        reason,
        detail,
        willRetry,
      } satisfies RoundEvent),
    ];
    const failed = reason !== 'CANCELLED' && !willRetry;
    const extra = (write: CheckedWrite): void => {
      if (reason === 'CANCELLED') return;
      write
        .hashEquals('state', meta, 'state', 'RUNNING')
        .hashEquals('round', meta, 'currentRound', key.roundNumber)
        .hashEquals('attempt', meta, 'currentAttempt', key.attempt)
        .hset(keys.round(key.experimentId, key.roundNumber), {
          attempts: key.attempt,
          state: 'aborted',
        });
      if (willRetry) {
        write.hset(meta, { currentAttempt: key.attempt + 1 });
      } else {
        const statusDetail = `round ${key.roundNumber} failed after ${key.attempt} attempts: ${detail}`;
        write
          .hset(meta, { state: 'FAILED', finishTimeMs: now, statusDetail })
          .xadd(keys.events(key.experimentId), 10_000, {
            event: JSON.stringify({
              kind: 'experiment-finished',
              state: 'FAILED',
              detail: statusDetail,
              finalModelVersion: key.roundNumber - 1,
            } satisfies RoundEvent),
          });
      }
    };
    await this.#o.attempts.transition(key, epoch, stage, {
      stage: 'aborted',
      fields: { abortReason: reason, abortDetail: detail.slice(0, 1000), endTimeMs: now },
      expected: [],
      outbox: new Map(),
      drops,
      events,
      extra,
    });
    log.warn({ reason, willRetry }, 'attempt aborted');
    this.#o.metrics?.dropped(drops);
    this.#o.metrics?.roundEnded('aborted', reason);
    await this.#cleanUp(attempt, reason);
    if (failed) await this.#o.experiments.forgetRunning(key.experimentId);
    else if (willRetry)
      await this.#o.scheduler.scheduleSelect(key.experimentId, key.roundNumber, key.attempt + 1);
  }

  /**
   * The clean-up after an attempt's final write (commit or abort): cancels
   * an aborted attempt's tasks, discards its staged uploads, compacts its
   * keys. Idempotent, and skipped once done; redone by the next step that
   * finds the attempt finished (the retried job of a driver that died in
   * between), so a crash there leaks nothing.
   */
  async #cleanUp(
    attempt: AttemptRecord,
    abortReason: AttemptAbortReason | undefined,
  ): Promise<void> {
    if (await this.#o.attempts.isCompacted(attempt)) return;
    if (abortReason !== undefined) {
      const cancelReason: CancelReasonOutput =
        abortReason === 'CANCELLED'
          ? 'CANCEL_REASON_EXPERIMENT_CANCELLED'
          : 'CANCEL_REASON_ATTEMPT_ABORTED';
      await this.#o.notifier.cancel(
        attempt,
        cancelReason,
        abortReason,
        attempt.participants.map((p) => p.workerId),
      );
    }
    await this.#o.modelStore.discardAttempt(
      attempt.experimentId,
      attempt.roundNumber,
      attempt.attempt,
    );
    await this.#o.attempts.compact(attempt);
  }

  /** Aggregates, applies the strategy and commits the model version exactly once (fenced). */
  async #commit(
    ctx: StageClose,
    session: AggregatorSession,
    result: AggregateResult,
  ): Promise<void> {
    const { attempt, epoch, validated, log } = ctx;
    const key: AttemptKey = attempt;
    const keys = this.#o.keys;
    const store = this.#o.modelStore;
    const [updateSum, weightLane, lossLane, correctLane] = result.lanes;
    const totalWeight = weightLane?.[0] ?? 0;
    if (updateSum === undefined || !(totalWeight > 0)) {
      await this.#abort(attempt, epoch, 'unmask', 'INTERNAL', 'the aggregate has no weight', log);
      return;
    }
    const meanDelta = meanFromLaneSums(updateSum, totalWeight);
    const metrics = metricsFromLaneSums({
      lossSum: lossLane?.[0] ?? 0,
      correctCount: correctLane?.[0] ?? 0,
      totalWeight,
    });

    const base = await store.getVersion(key.experimentId, key.roundNumber - 1);
    const modelBytes = await readBlob(store, base.weightsSha256);
    const model = new Float32Array(
      modelBytes.buffer,
      modelBytes.byteOffset,
      modelBytes.byteLength / 4,
    );
    const strategy = createStrategy(validated.strategy);
    const state = await loadStrategyState(store, base.strategyStateSha256);
    const step = strategy.apply({ model, meanDelta, state });
    const weights = await store.putBlob(
      new Uint8Array(step.model.buffer, step.model.byteOffset, step.model.byteLength),
    );
    const stateBlob = await storeStrategyState(store, step.state);
    const region = new Map(attempt.participants.map((p) => [p.workerId, p.region]));
    const participantsPerRegion: Record<string, number> = {};
    for (const id of result.survivors) {
      const r = region.get(id) ?? 'unknown';
      participantsPerRegion[r] = (participantsPerRegion[r] ?? 0) + 1;
    }
    const now = await this.#now();
    const committed = await store.commitVersion(key.experimentId, key.roundNumber, {
      roundNumber: key.roundNumber,
      attempt: key.attempt,
      weightsSha256: weights.sha256,
      topologySha256: base.topologySha256,
      parentSha256: base.weightsSha256,
      participantsPerRegion,
      metrics,
      strategyName: strategy.name,
      strategyStateSha256: stateBlob.sha256,
      createdAt: new Date(now).toISOString(),
    });
    const version = committed.version;
    await appendAuditOnce(
      this.#o.redis,
      keys.auditPrefix(),
      keys.auditOnce(`round-commit.${key.experimentId}.${key.roundNumber}`),
      {
        at: new Date(now).toISOString(),
        actor: COORDINATOR_ACTOR,
        action: 'round.commit',
        subject: {
          experimentId: key.experimentId,
          roundNumber: key.roundNumber,
          attempt: version.attempt,
        },
        details: {
          version: version.version,
          weightsSha256: version.weightsSha256,
          parentSha256: version.parentSha256 ?? '',
          configSha256: attempt.configSha256,
          participants: attempt.participants.length,
          survivors: result.survivors.length,
          strategy: version.strategyName,
        },
      },
    );

    const roundKey = keys.round(key.experimentId, key.roundNumber);
    const openTime = Number(
      (await this.#o.redis.hget(roundKey, 'openTimeMs')) ?? attempt.openTimeMs,
    );
    const summary: RoundSummaryMetrics = {
      trainLoss: metrics.loss,
      trainAccuracy: metrics.accuracy,
      totalWeight,
      participants: attempt.participants.length,
      survivors: result.survivors.length,
      attempts: key.attempt,
      durationMs: Math.max(0, now - openTime),
    };
    const last = key.roundNumber >= validated.spec.rounds;
    const meta = keys.experiment(key.experimentId);
    // ctx.stage is 'unmask' and ctx.excluded is empty (only the fold fills it).
    const drops = this.#drops(ctx, session);
    const events: string[] = [
      ...this.#dropEvents(attempt, drops),
      JSON.stringify({
        kind: 'round-committed',
        roundNumber: key.roundNumber,
        attempt: key.attempt,
        version: version.version,
        weightsSha256: version.weightsSha256,
        sizeBytes: weights.bytes,
        commitTimeMs: now,
        metrics: summary,
      } satisfies RoundEvent),
    ];
    if (last) {
      events.push(
        JSON.stringify({
          kind: 'experiment-finished',
          state: 'COMPLETED',
          detail: '',
          finalModelVersion: version.version,
        } satisfies RoundEvent),
      );
    }
    await this.#o.attempts.transition(key, epoch, 'unmask', {
      stage: 'committed',
      fields: { endTimeMs: now },
      expected: [],
      outbox: new Map(),
      drops,
      events,
      extra: (write) => {
        write
          .hashEquals('state', meta, 'state', 'RUNNING')
          .hashEquals('round', meta, 'currentRound', key.roundNumber)
          .hashEquals('attempt', meta, 'currentAttempt', key.attempt)
          .setnx(keys.committed(key.experimentId, key.roundNumber), String(version.version))
          .hset(roundKey, {
            state: 'committed',
            attempts: key.attempt,
            committedAttempt: key.attempt,
            version: version.version,
            weightsSha256: version.weightsSha256,
            sizeBytes: weights.bytes,
            commitTimeMs: now,
            metrics: JSON.stringify(summary),
          })
          .hset(
            meta,
            last
              ? { latestModelVersion: version.version, state: 'COMPLETED', finishTimeMs: now }
              : {
                  latestModelVersion: version.version,
                  currentRound: key.roundNumber + 1,
                  currentAttempt: 1,
                },
          );
      },
    });
    log.info(
      {
        version: version.version,
        survivors: result.survivors.length,
        weightsSha256: version.weightsSha256,
        created: committed.created,
      },
      'round committed',
    );
    this.#o.metrics?.stageClosed('unmask', this.#stageSeconds(attempt, 'unmask', validated, now));
    this.#o.metrics?.dropped(drops);
    this.#o.metrics?.roundEnded('committed');
    await this.#cleanUp(attempt, undefined);
    if (last) await this.#o.experiments.forgetRunning(key.experimentId);
    else await this.#o.scheduler.scheduleSelect(key.experimentId, key.roundNumber + 1, 1);
  }

  /**
   * Withdraws a worker from the open stage of an attempt (its refusal):
   * it is no longer expected, and the stage may now close early.
   */
  async withdraw(key: AttemptKey, stage: SecAggStage, drop: DropRecord): Promise<void> {
    const result = await this.#o.attempts.withdraw(key, stage, drop);
    if (result.status === 'STORED') {
      this.#o.metrics?.dropped([drop]);
      const attempt = await this.#o.attempts.get(key);
      const regionOf =
        attempt?.participants.find((p) => p.workerId === drop.workerId)?.region ?? '';
      await this.#o.redis.xadd(
        this.#o.keys.events(key.experimentId),
        'MAXLEN',
        '~',
        '10000',
        '*',
        'event',
        JSON.stringify({
          kind: 'participant-dropped',
          roundNumber: key.roundNumber,
          attempt: key.attempt,
          drop,
          region: regionOf,
        } satisfies RoundEvent),
      );
      await this.messageArrived(key, stage, result.received, result.expected);
    }
  }

  /** Queues a drain task for a worker (an admin drained it). */
  async drainWorker(workerId: string, reason: string): Promise<void> {
    await this.#o.notifier.drain(workerId, reason);
  }

  /** Cancels the experiment's open attempt, if any (the experiment was cancelled). */
  async cancelOpenAttempt(experiment: ExperimentRecord, reason: CancelReasonOutput): Promise<void> {
    const key = {
      experimentId: experiment.experimentId,
      roundNumber: experiment.currentRound,
      attempt: experiment.currentAttempt,
    };
    const attempt = await this.#o.attempts.get(key);
    if (attempt === undefined || attempt.stage === 'committed' || attempt.stage === 'aborted')
      return;
    await this.#o.notifier.cancel(
      key,
      reason,
      'the experiment was cancelled',
      attempt.participants.map((p) => p.workerId),
    );
    await this.#o.scheduler.scheduleAdvance(key, attempt.stage, 'sweep', 0, await this.#now());
  }
}

/** How a participant is introduced to its neighbours in the share-keys outbox. */
interface WorkerIdentity {
  workerId: string;
  region: string;
  certificateChain: Buffer[];
}

/**
 * One claimed close of a stage: what every part of the close reads. The
 * inbox and expected senders are the ones frozen by the claim.
 */
interface StageClose {
  readonly attempt: AttemptRecord;
  /** The fencing epoch the claim returned; the close's final write checks it. */
  readonly epoch: number;
  /** The stage being closed. */
  readonly stage: SecAggStage;
  readonly validated: ValidatedSpec;
  /** Who the restored session had dropped before this stage's messages were fed. */
  readonly droppedBefore: ReadonlySet<string>;
  /** The stage's expected senders. */
  readonly expected: readonly string[];
  /** The stage's messages by sender. */
  readonly inbox: ReadonlyMap<string, Buffer>;
  /** Uploads the fold left out, with their codes (collect-masked fills it). */
  readonly excluded: Map<string, string>;
  readonly log: Logger;
}

/**
 * A stage whose close only relays: each inbox message is decoded and fed to
 * the session, then the session's close is serialized into the next stage's
 * outbox.
 */
interface RelayStage {
  readonly next: SecAggStage;
  /** Feeds one inbox message; a SecAggProtocolError drops its sender. */
  receive(session: AggregatorSession, bytes: Buffer): Promise<void>;
  /** Closes the stage: the next stage's message for each recipient. */
  close(
    session: AggregatorSession,
    identities: (workerIds: readonly string[]) => Promise<(workerId: string) => WorkerIdentity>,
  ): Promise<Map<string, Buffer>>;
}

const RELAY_STAGES: { readonly [S in 'setup' | 'share-keys' | 'consistency-check']: RelayStage } = {
  setup: {
    next: 'share-keys',
    async receive(session, bytes) {
      const request = fleetMethods().SubmitSetup.requestDeserialize(bytes);
      if (request.setup !== null) await session.receiveSetup(setupFromWire(request.setup));
    },
    async close(session, identitiesOf) {
      const outgoing = session.closeSetup();
      // After closeSetup: the key holders (U1) are known only then.
      const identities = await identitiesOf(session.keyHolders ?? []);
      return outboxOf(outgoing, (m) =>
        fleetMethods().GetShareKeys.responseSerialize({
          neighbours: m.neighbours.map(setupToWire),
          identities: m.neighbours.map((n) => identities(n.header.sender)),
        }),
      );
    },
  },
  'share-keys': {
    next: 'collect-masked',
    async receive(session, bytes) {
      const request = fleetMethods().SubmitShares.requestDeserialize(bytes);
      if (request.shareKeys !== null)
        await session.receiveShareKeys(shareKeysFromWire(request.shareKeys));
    },
    close(session) {
      return Promise.resolve(
        outboxOf(session.closeShareKeys(), (m) =>
          fleetMethods().GetShares.responseSerialize({
            shares: m.shares.map(incomingShareToWire),
          }),
        ),
      );
    },
  },
  'consistency-check': {
    next: 'unmask',
    async receive(session, bytes) {
      const request = fleetMethods().SubmitSurvivorSignature.requestDeserialize(bytes);
      if (request.signature !== null)
        await session.receiveConsistency(consistencyResponseFromWire(request.signature));
    },
    close(session) {
      return Promise.resolve(
        outboxOf(session.closeConsistency(), (m) =>
          fleetMethods().GetUnmaskRequest.responseSerialize({
            request: unmaskRequestToWire(m),
          }),
        ),
      );
    },
  },
};

/** One serialized message per recipient. */
function outboxOf<M extends { readonly recipient: string }>(
  outgoing: readonly M[],
  serialize: (message: M) => Buffer,
): Map<string, Buffer> {
  return new Map(outgoing.map((m) => [m.recipient, serialize(m)]));
}

/** An inbox's entries in sender order, so every replay feeds them the same way. */
function bySender(inbox: ReadonlyMap<string, Buffer>): [string, Buffer][] {
  return [...inbox].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The abort reason for a SecAgg failure that ends the attempt; undefined for any other error. */
function abortReasonOf(error: unknown): AttemptAbortReason | undefined {
  if (error instanceof SecAggAbortedError) return 'QUORUM_NOT_MET';
  if (error instanceof SecAggProtocolError && error.code === 'SECAGG_RECONSTRUCTION_FAILED')
    return 'RECONSTRUCTION_FAILED';
  return undefined;
}

/** The model-store key parts of an attempt. */
function attemptKeyOf(attempt: AttemptKey): AttemptKey {
  return {
    experimentId: attempt.experimentId,
    roundNumber: attempt.roundNumber,
    attempt: attempt.attempt,
  };
}

/** A worker the selection may pick, before dataset and region checks. */
export function isSelectable(
  worker: WorkerRecord,
  nowMs: number,
  heartbeatTimeoutMs: number,
): boolean {
  return (
    worker.status === 'active' &&
    nowMs - worker.lastHeartbeatMs <= heartbeatTimeoutMs &&
    worker.protocolVersion === SECAGG_PROTOCOL_VERSION &&
    worker.secaggSuites.includes(SECAGG_SUITE)
  );
}

/** Reads a whole blob (verified while read) into one aligned buffer. */
export async function readBlob(
  store: ModelStore,
  sha256: string,
  allocate: (size: number) => Uint8Array = (size) => new Uint8Array(size),
): Promise<Uint8Array> {
  const blob = await store.getBlob(sha256);
  const out = allocate(blob.size);
  let offset = 0;
  for await (const chunk of blob) {
    if (offset + chunk.length > out.length)
      throw new FedraError('INTERNAL', 'a blob grew while it was read');
    out.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== out.length) throw new FedraError('INTERNAL', 'a blob shrank while it was read');
  return out;
}
