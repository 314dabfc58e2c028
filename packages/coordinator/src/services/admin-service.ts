/**
 * AdminService: what coordinator admins call. Read views of workers,
 * rounds and experiments; region policy; drain and evict; the audit log;
 * cluster status. Every mutation is idempotent by `request_id` and written
 * to the audit log.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  ExperimentNotFoundError,
  InvalidArgumentError,
  OutOfRangeError,
  RoundNotFoundError,
} from '@fedra/common';
import type { AdminServiceHandlers, ReplicaStatus, RoundAttempt } from '@fedra/proto';
import { loadFedraPackage } from '@fedra/proto';
import { wrapUnary } from '../grpc/wrap-handlers.js';
import type { AdminIdentity, FedraIdentity } from '../identity/fedra-identity.js';
import { isValidIdentitySegment } from '../identity/fedra-identity.js';
import { requireRole } from '../identity/roles.js';
import { isValidExperimentId } from '../state/state-keys.js';
import type { AttemptRecord, RoundSummaryMetrics } from '../state/state-types.js';
import type { WorkerRecord } from '../state/worker-registry.js';
import type { RegionPolicyRecord } from '../state/region-policy-store.js';
import { listExperiments } from './list-experiments.js';
import { decodePageToken, encodePageToken, pageSize } from './paging.js';
import type { ServiceContext } from './service-context.js';
import {
  attemptToWire,
  AUDIT_ACTIONS as AUDIT_ACTION_OF,
  auditRecordToWire,
  durationOf,
  experimentToWire,
  metricsToWire,
  optionalTimestamp,
  roundStateOf,
  workerState,
  workerToWire,
} from './wire-records.js';

function admin(identity: FedraIdentity, rpc: string): AdminIdentity {
  requireRole(identity, rpc, 'admin');
  return identity;
}

function hash(...parts: string[]): string {
  return createHash('sha256')
    .update(parts.map((p) => `${p.length}:${p}`).join(''))
    .digest('hex');
}

function policyToWire(policy: RegionPolicyRecord) {
  return {
    region: policy.region,
    enabled: policy.enabled,
    maxParticipantsPerRound: policy.maxParticipantsPerRound,
    note: policy.note,
    revision: policy.revision,
    updateTime: optionalTimestamp(policy.updateTimeMs),
    updatedBy: policy.updatedBy,
  };
}

/** What each replica reports about itself (see {@link reportReplica}). */
interface ReplicaReport {
  readonly replicaId: string;
  readonly version: string;
  readonly startTimeMs: number;
  readonly lastSeenMs: number;
  readonly activeJobs: number;
}

/** Records this replica as alive, for GetClusterStatus; the coordinator calls it periodically. */
export async function reportReplica(context: ServiceContext, version: string): Promise<void> {
  const report: ReplicaReport = {
    replicaId: context.replicaId,
    version,
    startTimeMs: context.startTimeMs,
    lastSeenMs: await context.now(),
    activeJobs: context.engine.activeJobs,
  };
  await context.redis.hset(context.keys.replicas(), context.replicaId, JSON.stringify(report));
}

/** The AdminService handlers over `context`. */
export function createAdminService(context: ServiceContext, version: string): AdminServiceHandlers {
  const options = context.handlerOptions;
  const service = loadFedraPackage().fedra.v1.AdminService.service;

  async function audit(
    actor: string,
    action: string,
    subject: Record<string, string | number>,
    details: Record<string, string | number | boolean>,
  ): Promise<void> {
    await context.auditLog.append({
      at: new Date(await context.now()).toISOString(),
      actor,
      action,
      subject,
      details,
    });
  }

  async function experiment(experimentId: string) {
    if (!isValidExperimentId(experimentId))
      throw new InvalidArgumentError('experiment_id', 'experiment_id is not a valid experiment id');
    const record = await context.experiments.get(experimentId);
    if (record === undefined) throw new ExperimentNotFoundError(experimentId);
    return record;
  }

  async function workerOrThrow(workerId: string): Promise<WorkerRecord> {
    if (!isValidIdentitySegment(workerId))
      throw new InvalidArgumentError('worker_id', 'worker_id is not a valid worker id');
    return context.registry.get(workerId);
  }

  async function attemptsOf(experimentId: string, roundNumber: number): Promise<AttemptRecord[]> {
    const latest = Number(
      (await context.redis.hget(context.keys.round(experimentId, roundNumber), 'latestAttempt')) ??
        0,
    );
    const out: AttemptRecord[] = [];
    for (let a = 1; a <= latest; a += 1) {
      const attempt = await context.attempts.get({ experimentId, roundNumber, attempt: a });
      if (attempt !== undefined) out.push(attempt);
    }
    return out;
  }

  async function roundToWire(experimentId: string, roundNumber: number, allAttempts: boolean) {
    const summary = await context.redis.hgetall(context.keys.round(experimentId, roundNumber));
    const attempts = await attemptsOf(experimentId, roundNumber);
    const chosen = allAttempts ? attempts : attempts.slice(-1);
    const wireAttempts: RoundAttempt[] = [];
    for (const attempt of chosen)
      wireAttempts.push(attemptToWire(attempt, await context.attempts.drops(attempt)));
    const last = attempts[attempts.length - 1];
    const committed = summary['state'] === 'committed';
    return {
      experimentId,
      roundNumber,
      state: last === undefined ? ('ROUND_STATE_SCHEDULED' as const) : roundStateOf(last.stage),
      attempts: wireAttempts,
      model: committed
        ? {
            experimentId,
            version: Number(summary['version'] ?? 0),
            sha256: Buffer.from(summary['weightsSha256'] ?? '', 'hex'),
            sizeBytes: Number(summary['sizeBytes'] ?? 0),
            commitTime: optionalTimestamp(Number(summary['commitTimeMs'] ?? 0)),
          }
        : null,
      metrics:
        committed && summary['metrics'] !== undefined
          ? metricsToWire(JSON.parse(summary['metrics']) as RoundSummaryMetrics)
          : null,
    };
  }

  /** Drops an evicted worker from the open stage of every running attempt it is in. */
  async function withdrawEverywhere(workerId: string): Promise<void> {
    for (const experimentId of await context.experiments.running()) {
      const record = await context.experiments.get(experimentId);
      if (record?.state !== 'RUNNING') continue;
      const key = {
        experimentId,
        roundNumber: record.currentRound,
        attempt: record.currentAttempt,
      };
      const attempt = await context.attempts.get(key);
      if (attempt === undefined || attempt.stage === 'committed' || attempt.stage === 'aborted')
        continue;
      if (!attempt.participants.some((p) => p.workerId === workerId)) continue;
      await context.engine.driver.withdraw(key, attempt.stage, {
        workerId,
        stage: attempt.stage,
        reason: 'EVICTED',
        refusalReason: '',
        detail: 'evicted by an admin',
      });
    }
  }

  return {
    ListWorkers: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      const now = await context.now();
      const states = new Set(call.request.states);
      const all = (await context.registry.all()).filter(
        (w) =>
          (call.request.region === '' || w.region === call.request.region) &&
          (states.size === 0 || states.has(workerState(w, now, context.heartbeatTimeoutMs))),
      );
      const offset = decodePageToken(call.request.pageToken);
      const size = pageSize(call.request.pageSize);
      return {
        workers: all
          .slice(offset, offset + size)
          .map((w) => workerToWire(w, now, context.heartbeatTimeoutMs)),
        nextPageToken: offset + size < all.length ? encodePageToken(offset + size) : '',
      };
    }, options),

    GetWorker: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      const record = await workerOrThrow(call.request.workerId);
      return { worker: workerToWire(record, await context.now(), context.heartbeatTimeoutMs) };
    }, options),

    ListRounds: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      const record = await experiment(call.request.experimentId);
      const states = new Set(call.request.states);
      const rounds = [];
      for (let r = record.currentRound; r >= 1; r -= 1) {
        const round = await roundToWire(record.experimentId, r, false);
        if (round.attempts.length === 0) continue;
        if (states.size > 0 && !states.has(round.state)) continue;
        rounds.push(round);
      }
      const offset = decodePageToken(call.request.pageToken);
      const size = pageSize(call.request.pageSize);
      return {
        rounds: rounds.slice(offset, offset + size),
        nextPageToken: offset + size < rounds.length ? encodePageToken(offset + size) : '',
      };
    }, options),

    GetRound: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      const record = await experiment(call.request.experimentId);
      const round = await roundToWire(record.experimentId, call.request.roundNumber, true);
      if (round.attempts.length === 0)
        throw new RoundNotFoundError(record.experimentId, call.request.roundNumber);
      return { round };
    }, options),

    ListExperiments: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      const owner = call.request.owner === '' ? undefined : call.request.owner;
      return listExperiments(context.experiments, call.request, owner);
    }, options),

    GetExperiment: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      return { experiment: experimentToWire(await experiment(call.request.experimentId), true) };
    }, options),

    GetRegionPolicy: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      if (!isValidIdentitySegment(call.request.region))
        throw new InvalidArgumentError('region', 'region is not a valid region name');
      return { policy: policyToWire(await context.policies.get(call.request.region)) };
    }, options),

    SetRegionPolicy: wrapUnary(async (call, { identity, rpc }) => {
      const caller = admin(identity, rpc);
      const policy = call.request.policy;
      if (policy === null || !isValidIdentitySegment(policy.region)) {
        throw new InvalidArgumentError(
          'policy.region',
          'policy.region must be a valid region name',
        );
      }
      const request = hash(
        policy.region,
        String(policy.enabled),
        String(policy.maxParticipantsPerRound),
        policy.note,
        String(call.request.expectedRevision),
      );
      const bytes = await context.idempotency.run(
        `SetRegionPolicy.${hash(caller.uri).slice(0, 32)}`,
        call.request.requestId,
        request,
        async () => {
          const stored = await context.policies.set(
            {
              region: policy.region,
              enabled: policy.enabled,
              maxParticipantsPerRound: policy.maxParticipantsPerRound,
              note: policy.note.slice(0, 1000),
              updateTimeMs: await context.now(),
              updatedBy: caller.uri,
            },
            call.request.expectedRevision,
          );
          await audit(
            caller.uri,
            'region-policy.change',
            { region: stored.region },
            {
              enabled: stored.enabled,
              maxParticipantsPerRound: stored.maxParticipantsPerRound,
              revision: stored.revision,
            },
          );
          return service.SetRegionPolicy.responseSerialize({ policy: policyToWire(stored) });
        },
      );
      return service.SetRegionPolicy.responseDeserialize(bytes);
    }, options),

    DrainWorker: wrapUnary(async (call, { identity, rpc }) => {
      const caller = admin(identity, rpc);
      const { workerId, requestId } = call.request;
      const reason = call.request.reason.slice(0, 1000);
      const bytes = await context.idempotency.run(
        `DrainWorker.${hash(caller.uri).slice(0, 32)}`,
        requestId,
        hash(workerId, reason),
        async () => {
          const record = await workerOrThrow(workerId);
          await context.registry.setStatus(workerId, 'draining', reason);
          await context.engine.driver.drainWorker(workerId, reason);
          await audit(caller.uri, 'worker.drain', { workerId, region: record.region }, { reason });
          const now = await context.now();
          return service.DrainWorker.responseSerialize({
            worker: workerToWire(
              await context.registry.get(workerId),
              now,
              context.heartbeatTimeoutMs,
            ),
          });
        },
      );
      return service.DrainWorker.responseDeserialize(bytes);
    }, options),

    EvictWorker: wrapUnary(async (call, { identity, rpc }) => {
      const caller = admin(identity, rpc);
      const { workerId, requestId } = call.request;
      const reason = call.request.reason.slice(0, 1000);
      const bytes = await context.idempotency.run(
        `EvictWorker.${hash(caller.uri).slice(0, 32)}`,
        requestId,
        hash(workerId, reason),
        async () => {
          const record = await workerOrThrow(workerId);
          await context.registry.setStatus(workerId, 'evicted', reason);
          await withdrawEverywhere(workerId);
          await audit(caller.uri, 'worker.evict', { workerId, region: record.region }, { reason });
          const now = await context.now();
          return service.EvictWorker.responseSerialize({
            worker: workerToWire(
              await context.registry.get(workerId),
              now,
              context.heartbeatTimeoutMs,
            ),
          });
        },
      );
      return service.EvictWorker.responseDeserialize(bytes);
    }, options),

    ListAuditRecords: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      const size = pageSize(call.request.pageSize);
      const token = call.request.pageToken;
      let from = Math.max(1, call.request.startSequence);
      if (token !== '') from = Math.max(from, decodePageToken(token));
      const actions = new Set(call.request.actions);
      const head = await context.auditLog.head();
      const records = [];
      let next = from;
      while (records.length < size && next <= head.seq) {
        const batch = await context.auditLog.list({
          fromSeq: next,
          limit: Math.min(1000, head.seq - next + 1),
        });
        if (batch.length === 0) break;
        for (const record of batch) {
          next = record.seq + 1;
          const wire = auditRecordToWire(record);
          if (
            call.request.experimentId !== '' &&
            record.subject['experimentId'] !== call.request.experimentId
          )
            continue;
          if (
            actions.size > 0 &&
            !actions.has(AUDIT_ACTION_OF[record.action] ?? 'AUDIT_ACTION_UNSPECIFIED')
          )
            continue;
          records.push(wire);
          if (records.length === size) break;
        }
      }
      return { records, nextPageToken: next <= head.seq ? encodePageToken(next) : '' };
    }, options),

    VerifyAuditLog: wrapUnary(async (call, { identity, rpc }) => {
      admin(identity, rpc);
      const head = await context.auditLog.head();
      const { startSequence, endSequence } = call.request;
      const first = startSequence === 0 ? 1 : startSequence;
      const last = endSequence === 0 ? head.seq : endSequence;
      if (endSequence > head.seq) {
        throw new OutOfRangeError('end_sequence', `the audit log ends at record ${head.seq}`, {
          metadata: { headSequence: String(head.seq) },
        });
      }
      if (head.seq > 0 && first > last) {
        throw new OutOfRangeError(
          'start_sequence',
          `start_sequence ${first} is after the last record checked (${last})`,
          { metadata: { headSequence: String(head.seq) } },
        );
      }
      // The range's first link is checked against the stored record before
      // it, which only a check from record 1 vouches for.
      const result = await context.auditLog.verify({ fromSeq: first, toSeq: last });
      const checked = head.seq === 0 ? 0 : last - first + 1;
      let headHash = Buffer.from(head.hash, 'hex');
      if (last > 0 && last !== head.seq) {
        const [record] = await context.auditLog.list({ fromSeq: last, limit: 1 }).catch(() => []);
        headHash = Buffer.from(record?.hash ?? '', 'hex');
      }
      return {
        intact: result.ok,
        recordsChecked: result.ok ? checked : Math.max(0, result.brokenAt - first),
        firstBreak: result.ok ? null : { sequence: result.brokenAt, reason: result.reason },
        headSequence: last,
        headHash,
      };
    }, options),

    GetClusterStatus: wrapUnary(async (_call, { identity, rpc }) => {
      admin(identity, rpc);
      const now = await context.now();
      await reportReplica(context, version);
      const reports = Object.values(await context.redis.hgetall(context.keys.replicas())).map(
        (text) => JSON.parse(text) as ReplicaReport,
      );
      const workers = await context.registry.all();
      const replicas: ReplicaStatus[] = reports
        .filter((r) => now - r.lastSeenMs < 60_000)
        .map((r) => ({
          replicaId: r.replicaId,
          version: r.version,
          startTime: optionalTimestamp(r.startTimeMs),
          lastSeenTime: optionalTimestamp(r.lastSeenMs),
          connectedWorkers: workers.filter(
            (w) =>
              w.replicaId === r.replicaId &&
              workerState(w, now, context.heartbeatTimeoutMs) === 'WORKER_STATE_ONLINE',
          ).length,
          activeJobs: r.activeJobs,
        }));
      const started = performance.now();
      await context.redis.ping();
      const latencyMs = Math.round(performance.now() - started);
      const info = await context.redis.info('server');
      const memory = await context.redis.info('memory');
      const field = (text: string, name: string): string =>
        new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1]?.trim() ?? '';
      const depths = await context.engine.depths();
      return {
        replicas,
        redis: {
          reachable: true,
          mode: field(info, 'redis_mode') || 'standalone',
          version: field(info, 'redis_version'),
          usedMemoryBytes: Number(field(memory, 'used_memory') || 0),
          pingLatency: durationOf(latencyMs),
        },
        queues: [depths],
        onlineWorkers: workers.filter(
          (w) => workerState(w, now, context.heartbeatTimeoutMs) === 'WORKER_STATE_ONLINE',
        ).length,
        runningExperiments: (await context.experiments.running()).length,
        statusTime: optionalTimestamp(now),
      };
    }, options),
  };
}
