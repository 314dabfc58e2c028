/**
 * Stored records as fedra.v1 messages: experiments, workers, round
 * attempts, round events, audit records, model versions. Pure functions.
 *
 * @module
 */
import type {
  AuditActionOutput,
  AuditRecord as WireAuditRecord,
  Experiment,
  ExperimentStateOutput,
  ModelVersion as WireModelVersion,
  ParticipantStateOutput,
  RefusalReasonOutput,
  RoundAttempt,
  RoundMetrics,
  RoundStateOutput,
  WatchExperimentResponse,
  Worker,
  WorkerStateOutput,
} from '@fedra/proto';
import type { AuditRecord } from '../audit/audit-chain.js';
import { decodeExperimentSpec, decodeRoundConfig, stageToWire } from '@fedra/wire';
import { timestamp } from '../engine/task-notifier.js';
import type { ModelVersion } from '../model-store/model-store.js';
import type {
  AttemptRecord,
  AttemptStage,
  DropRecord,
  ExperimentLifecycle,
  ExperimentRecord,
  RoundEvent,
  RoundSummaryMetrics,
} from '../state/state-types.js';
import type { WorkerRecord } from '../state/worker-registry.js';

/** A Timestamp, or null for 0 (unset). */
export function optionalTimestamp(ms: number): { seconds: number; nanos: number } | null {
  return ms > 0 ? timestamp(ms) : null;
}

/** A Duration from milliseconds. */
export function durationOf(ms: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** The wire ExperimentState of a lifecycle state. */
export function experimentStateToWire(state: ExperimentLifecycle): ExperimentStateOutput {
  return `EXPERIMENT_STATE_${state}`;
}

/** The lifecycle state of a wire ExperimentState, or undefined for UNSPECIFIED. */
export function experimentStateFromWire(state: string): ExperimentLifecycle | undefined {
  const name = state.replace(/^EXPERIMENT_STATE_/, '');
  return ['CREATED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED'].includes(name)
    ? (name as ExperimentLifecycle)
    : undefined;
}

/** An experiment record on the wire; lists leave the spec out. */
export function experimentToWire(record: ExperimentRecord, withSpec: boolean): Experiment {
  return {
    experimentId: record.experimentId,
    metadata: {
      displayName: record.metadata.displayName,
      description: record.metadata.description,
      labels: { ...record.metadata.labels },
    },
    owner: record.owner,
    state: experimentStateToWire(record.state),
    spec: withSpec ? decodeExperimentSpec(record.specBytes) : null,
    specSha256: Buffer.from(record.specSha256, 'hex'),
    currentRound: record.currentRound,
    currentAttempt: record.currentAttempt,
    latestModelVersion: record.latestModelVersion,
    createTime: optionalTimestamp(record.createTimeMs),
    startTime: optionalTimestamp(record.startTimeMs),
    finishTime: optionalTimestamp(record.finishTimeMs),
    statusDetail: record.statusDetail,
  };
}

/** A worker's connection state as admins see it. */
export function workerState(
  worker: WorkerRecord,
  nowMs: number,
  heartbeatTimeoutMs: number,
): WorkerStateOutput {
  if (worker.status === 'evicted') return 'WORKER_STATE_EVICTED';
  if (worker.status === 'draining') return 'WORKER_STATE_DRAINING';
  return nowMs - worker.lastHeartbeatMs <= heartbeatTimeoutMs
    ? 'WORKER_STATE_ONLINE'
    : 'WORKER_STATE_OFFLINE';
}

/** A worker record on the wire. */
export function workerToWire(
  worker: WorkerRecord,
  nowMs: number,
  heartbeatTimeoutMs: number,
): Worker {
  const state = workerState(worker, nowMs, heartbeatTimeoutMs);
  return {
    workerId: worker.workerId,
    region: worker.region,
    spiffeId: worker.spiffeId,
    state,
    sessionId: worker.sessionId,
    protocolVersion: worker.protocolVersion,
    secaggSuites: [...worker.secaggSuites],
    backend: worker.backend as Worker['backend'],
    device: { ...worker.device, gpus: [...worker.device.gpus] },
    datasets: worker.datasets.map((d) => ({ ...d, inputShape: [...d.inputShape] })),
    workerVersion: worker.workerVersion,
    registerTime: optionalTimestamp(worker.registerTimeMs),
    lastHeartbeatTime: optionalTimestamp(worker.lastHeartbeatMs),
    replicaId: state === 'WORKER_STATE_OFFLINE' ? '' : worker.replicaId,
    activeAttempts: worker.activeAttempts.map((a) => ({ ...a })),
    certificateExpireTime: optionalTimestamp(worker.certificateExpireMs),
    stateReason: worker.statusReason,
  };
}

/** The wire RoundState of an attempt stage. */
export function roundStateOf(stage: AttemptStage): RoundStateOutput {
  switch (stage) {
    case 'setup':
    case 'share-keys':
      return 'ROUND_STATE_KEYS';
    case 'collect-masked':
      return 'ROUND_STATE_TRAINING';
    case 'consistency-check':
      return 'ROUND_STATE_CHECKING';
    case 'unmask':
      return 'ROUND_STATE_UNMASKING';
    case 'committed':
      return 'ROUND_STATE_COMMITTED';
    case 'aborted':
      return 'ROUND_STATE_ABORTED';
  }
}

const PROGRESS: Readonly<Record<AttemptStage, ParticipantStateOutput>> = {
  setup: 'PARTICIPANT_STATE_INVITED',
  'share-keys': 'PARTICIPANT_STATE_KEYS_SUBMITTED',
  'collect-masked': 'PARTICIPANT_STATE_SHARES_SUBMITTED',
  'consistency-check': 'PARTICIPANT_STATE_UPLOADED',
  unmask: 'PARTICIPANT_STATE_SIGNED',
  committed: 'PARTICIPANT_STATE_REVEALED',
  aborted: 'PARTICIPANT_STATE_INVITED',
};

/**
 * An attempt on the wire. A live participant's state is the last stage it
 * completed as far as the attempt got (the inboxes of a finished attempt
 * are gone, so this is the attempt's progress, not per-message detail).
 */
export function attemptToWire(attempt: AttemptRecord, drops: readonly DropRecord[]): RoundAttempt {
  const dropped = new Map(drops.map((d) => [d.workerId, d]));
  const lastStage =
    attempt.stage === 'committed' || attempt.stage === 'aborted' ? 'unmask' : attempt.stage;
  return {
    attempt: attempt.attempt,
    state: roundStateOf(attempt.stage),
    stage: stageToWire(lastStage),
    config: decodeRoundConfig(attempt.roundConfig),
    configSha256: Buffer.from(attempt.configSha256, 'hex'),
    participants: attempt.participants.map((p) => {
      const drop = dropped.get(p.workerId);
      if (drop === undefined)
        return { workerId: p.workerId, region: p.region, state: PROGRESS[attempt.stage] };
      return {
        workerId: p.workerId,
        region: p.region,
        state: 'PARTICIPANT_STATE_DROPPED',
        dropStage: stageToWire(drop.stage),
        dropReason: `DROP_REASON_${drop.reason}`,
        refusalReason: refusalReasonOf(drop),
        detail: drop.detail,
      };
    }),
    fencingEpoch: attempt.epoch,
    abortReason:
      attempt.abortReason === ''
        ? 'ABORT_REASON_UNSPECIFIED'
        : `ABORT_REASON_${attempt.abortReason}`,
    abortDetail: attempt.abortDetail,
    openTime: optionalTimestamp(attempt.openTimeMs),
    stageDeadline: attempt.endTimeMs > 0 ? null : optionalTimestamp(attempt.deadlineMs),
    endTime: optionalTimestamp(attempt.endTimeMs),
  };
}

/** A drop's refusal reason as the wire enum (stored as its name). */
function refusalReasonOf(drop: DropRecord): RefusalReasonOutput {
  return (
    drop.refusalReason === '' ? 'REFUSAL_REASON_UNSPECIFIED' : drop.refusalReason
  ) as RefusalReasonOutput;
}

/** Round metrics on the wire. */
export function metricsToWire(metrics: RoundSummaryMetrics): RoundMetrics {
  return {
    trainLoss: metrics.trainLoss,
    trainAccuracy: metrics.trainAccuracy,
    totalWeight: metrics.totalWeight,
    participants: metrics.participants,
    survivors: metrics.survivors,
    attempts: metrics.attempts,
    duration: durationOf(metrics.durationMs),
  };
}

/** A model version's manifest on the wire. */
export function modelVersionToWire(version: ModelVersion, sizeBytes: number): WireModelVersion {
  return {
    experimentId: version.experimentId,
    version: version.version,
    sha256: Buffer.from(version.weightsSha256, 'hex'),
    sizeBytes,
    commitTime: timestamp(Date.parse(version.createdAt)),
  };
}

/** A stored round event as a WatchExperiment message. */
export function eventToWire(
  experimentId: string,
  cursor: string,
  event: RoundEvent,
): WatchExperimentResponse {
  const eventTime = timestamp(Number(cursor.split('-')[0] ?? 0));
  const ref =
    event.kind === 'experiment-finished'
      ? { experimentId, roundNumber: 0, attempt: 0 }
      : { experimentId, roundNumber: event.roundNumber, attempt: event.attempt };
  const base = { cursor, eventTime, attempt: ref };
  switch (event.kind) {
    case 'round-opened':
      return {
        ...base,
        roundOpened: {
          participants: event.participants,
          participantsByRegion: { ...event.participantsByRegion },
          k: event.k,
          t: event.t,
          baseModelVersion: event.baseModelVersion,
        },
      };
    case 'stage-changed':
      return {
        ...base,
        stageChanged: {
          stage: stageToWire(event.stage),
          state: roundStateOf(event.stage),
          liveParticipants: event.liveParticipants,
          deadline: timestamp(event.deadlineMs),
        },
      };
    case 'participant-dropped':
      return {
        ...base,
        participantDropped: {
          workerId: event.drop.workerId,
          region: event.region,
          stage: stageToWire(event.drop.stage),
          reason: `DROP_REASON_${event.drop.reason}`,
          refusalReason: refusalReasonOf(event.drop),
          detail: event.drop.detail,
        },
      };
    case 'round-committed':
      return {
        ...base,
        roundCommitted: {
          model: {
            experimentId,
            version: event.version,
            sha256: Buffer.from(event.weightsSha256, 'hex'),
            sizeBytes: event.sizeBytes,
            commitTime: timestamp(event.commitTimeMs),
          },
          metrics: metricsToWire(event.metrics),
        },
      };
    case 'attempt-aborted':
      return {
        ...base,
        attemptAborted: {
          reason: `ABORT_REASON_${event.reason}`,
          detail: event.detail,
          willRetry: event.willRetry,
        },
      };
    case 'experiment-finished':
      return {
        ...base,
        experimentFinished: {
          state: experimentStateToWire(event.state),
          detail: event.detail,
          finalModelVersion: event.finalModelVersion,
        },
      };
  }
}

/** Audit actions (dotted, as stored) and their wire enum values. */
export const AUDIT_ACTIONS: Readonly<Record<string, AuditActionOutput>> = Object.freeze({
  'experiment.create': 'AUDIT_ACTION_EXPERIMENT_CREATED',
  'experiment.start': 'AUDIT_ACTION_EXPERIMENT_STARTED',
  'experiment.cancel': 'AUDIT_ACTION_EXPERIMENT_CANCELLED',
  'experiment.finish': 'AUDIT_ACTION_EXPERIMENT_FINISHED',
  'round.commit': 'AUDIT_ACTION_ROUND_COMMITTED',
  'attempt.abort': 'AUDIT_ACTION_ATTEMPT_ABORTED',
  'participant.refuse': 'AUDIT_ACTION_PARTICIPANT_REFUSED',
  'worker.drain': 'AUDIT_ACTION_WORKER_DRAINED',
  'worker.evict': 'AUDIT_ACTION_WORKER_EVICTED',
  'region-policy.change': 'AUDIT_ACTION_REGION_POLICY_CHANGED',
});

/** An audit record on the wire; `details` become attributes sorted by key. */
export function auditRecordToWire(record: AuditRecord): WireAuditRecord {
  const subject = record.subject;
  const text = (key: string): string => {
    const value = subject[key];
    return value === undefined ? '' : String(value);
  };
  const number = (key: string): number => {
    const value = Number(subject[key] ?? 0);
    return Number.isFinite(value) ? value : 0;
  };
  const details = record.details;
  const attributes =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? Object.entries(details)
          .map(([key, value]) => ({
            key,
            value: typeof value === 'string' ? value : JSON.stringify(value),
          }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      : [];
  return {
    sequence: record.seq,
    recordTime: timestamp(Date.parse(record.at)),
    actor: record.actor,
    action: AUDIT_ACTIONS[record.action] ?? 'AUDIT_ACTION_UNSPECIFIED',
    attempt: {
      experimentId: text('experimentId'),
      roundNumber: number('roundNumber'),
      attempt: number('attempt'),
    },
    workerId: text('workerId'),
    region: text('region'),
    attributes,
    previousHash: Buffer.from(record.prevHash, 'hex'),
    recordHash: Buffer.from(record.hash, 'hex'),
  };
}
