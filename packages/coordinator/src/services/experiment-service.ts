/**
 * ExperimentService: what data scientists call. A scientist sees and
 * changes only its own experiments (another owner's experiment is
 * EXPERIMENT_NOT_FOUND, so ids do not leak). Mutating calls are idempotent
 * by `request_id`.
 *
 * CreateExperiment validates the spec completely before anything is
 * stored, then streams the initial weights into the model store (checking
 * order, size and digest), stores the topology and the strategy's initial
 * state, commits model version 0 and creates the experiment record. The
 * experiment id is derived from the owner and the request id, so a retried
 * create finds the experiment the first call made.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import {
  ChunkStreamVerifier,
  ExperimentNotFoundError,
  ExperimentNotRunningError,
  FedraError,
  InvalidArgumentError,
  ModelVersionNotFoundError,
  OutOfRangeError,
  RequestIdConflictError,
} from '@fedra/common';
import type {
  CreateExperimentRequestOutput,
  ExperimentServiceHandlers,
  WatchExperimentResponse,
} from '@fedra/proto';
import { loadFedraPackage } from '@fedra/proto';
import { canonicalJson } from '../audit/canonical-json.js';
import { encodeExperimentSpec } from '@fedra/wire';
import { validateSpec } from '../engine/spec-validation.js';
import {
  wrapClientStream,
  wrapServerStream,
  wrapUnary,
  writeMessage,
} from '../grpc/wrap-handlers.js';
import type { FedraIdentity, ScientistIdentity } from '../identity/fedra-identity.js';
import { requireRole } from '../identity/roles.js';
import { storeStrategyState } from '../model-store/strategy-state-codec.js';
import { createStrategy } from '../strategies/create-strategy.js';
import { appendAuditOnce } from '../state/audit-once.js';
import { checkRequestId } from '../state/idempotency-store.js';
import { isValidExperimentId } from '../state/state-keys.js';
import type { ExperimentRecord, RoundEvent, RoundSummaryMetrics } from '../state/state-types.js';
import { isCancelled, withBlockingConnection } from './blocking-connection.js';
import { listExperiments } from './list-experiments.js';
import { streamModel } from './model-download.js';
import { decodePageToken, encodePageToken, pageSize } from './paging.js';
import type { ServiceContext } from './service-context.js';
import {
  eventToWire,
  experimentToWire,
  metricsToWire,
  modelVersionToWire,
} from './wire-records.js';

function scientist(identity: FedraIdentity, rpc: string): ScientistIdentity {
  requireRole(identity, rpc, 'scientist');
  return identity;
}

function digest(...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(String(bytes.length)).update(':').update(bytes);
  }
  return hash.digest('hex');
}

/** The experiment id a (owner, request id) pair creates. */
export function experimentIdFor(owner: string, requestId: string): string {
  return `x${digest(owner, requestId).slice(0, 26)}`;
}

/** The ExperimentService handlers over `context`. */
export function createExperimentService(context: ServiceContext): ExperimentServiceHandlers {
  const options = context.handlerOptions;
  const service = loadFedraPackage().fedra.v1.ExperimentService.service;

  async function owned(
    identity: ScientistIdentity,
    experimentId: string,
  ): Promise<ExperimentRecord> {
    if (!isValidExperimentId(experimentId)) {
      throw new InvalidArgumentError('experiment_id', 'experiment_id is not a valid experiment id');
    }
    const record = await context.experiments.get(experimentId);
    if (record === undefined || record.owner !== identity.uri)
      throw new ExperimentNotFoundError(experimentId);
    return record;
  }

  async function audit(
    action: string,
    actor: string,
    subject: Record<string, string | number>,
    details: Record<string, string | number>,
    once?: string,
  ): Promise<void> {
    const now = await context.now();
    const entry = { at: new Date(now).toISOString(), actor, action, subject, details };
    if (once === undefined) await context.auditLog.append(entry);
    else
      await appendAuditOnce(
        context.redis,
        context.keys.auditPrefix(),
        context.keys.auditOnce(once),
        entry,
      );
  }

  return {
    CreateExperiment: wrapClientStream(async (call, { identity: caller, rpc }) => {
      const identity = scientist(caller, rpc);
      const messages = call[Symbol.asyncIterator]();
      const first = await messages.next();
      const start =
        first.done === true ? undefined : (first.value as CreateExperimentRequestOutput).start;
      if (start == null)
        throw new InvalidArgumentError('start', 'the first message must be the start');
      const requestId = checkRequestId(start.requestId);
      if (start.spec === null)
        throw new FedraError('INVALID_SPEC', 'spec is required', { metadata: { field: 'spec' } });
      const validated = validateSpec(start.spec, context.specLimits);
      const specBytes = encodeExperimentSpec(start.spec);
      const specSha256 = createHash('sha256').update(specBytes).digest('hex');
      const metadata = {
        displayName: start.metadata?.displayName ?? '',
        description: start.metadata?.description ?? '',
        labels: { ...(start.metadata?.labels ?? {}) },
      };
      if (canonicalJson(metadata).length > 64 * 1024) {
        throw new InvalidArgumentError('metadata', 'metadata must be at most 64 KiB');
      }

      // The weights, checked chunk by chunk, straight into the model store.
      const expectedBytes = validated.paramCount * 4;
      const verifier = new ChunkStreamVerifier({ expectedBytes, maxBytes: expectedBytes });
      let declared: Buffer | undefined;
      async function* weights(): AsyncGenerator<Uint8Array> {
        for (;;) {
          const next = await messages.next();
          if (next.done === true) break;
          const chunk = (next.value as CreateExperimentRequestOutput).initialWeights;
          if (chunk == null)
            throw new InvalidArgumentError(
              'initial_weights',
              'every message after the start must be a chunk',
            );
          if (declared !== undefined)
            throw new InvalidArgumentError('initial_weights', 'no chunk may follow the final one');
          if (chunk.data.length > 0) {
            verifier.push({ offset: chunk.offset, data: chunk.data });
            yield chunk.data;
          }
          if (chunk.sha256.length > 0) {
            verifier.finish({ totalBytes: chunk.totalBytes, sha256: chunk.sha256 });
            declared = chunk.sha256;
          }
        }
        if (declared === undefined) verifier.finish(undefined);
      }
      const blob = await context.modelStore.putBlob(weights(), { maxBytes: expectedBytes });
      if (declared === undefined || blob.sha256 !== declared.toString('hex')) {
        throw new FedraError('DIGEST_MISMATCH', 'the initial weights do not match their digest', {
          metadata: { field: 'initial_weights' },
        });
      }

      const experimentId = experimentIdFor(identity.uri, requestId);
      const requestHash = digest(specSha256, canonicalJson(metadata), blob.sha256);
      const topology = await context.modelStore.putBlob(
        Buffer.from(validated.spec.model?.topologyJson ?? '', 'utf8'),
      );
      const strategy = createStrategy(validated.strategy);
      const state = await storeStrategyState(
        context.modelStore,
        strategy.initialState(validated.paramCount),
      );
      const now = await context.now();
      const existing = await context.experiments.get(experimentId);
      if (existing === undefined) {
        await context.modelStore.commitVersion(experimentId, 0, {
          roundNumber: 0,
          attempt: 0,
          weightsSha256: blob.sha256,
          topologySha256: topology.sha256,
          parentSha256: null,
          participantsPerRegion: {},
          metrics: null,
          strategyName: strategy.name,
          strategyStateSha256: state.sha256,
          createdAt: new Date(now).toISOString(),
        });
      }
      const created = await context.experiments.create(
        {
          experimentId,
          owner: identity.uri,
          state: 'CREATED',
          specBytes,
          specSha256,
          metadata,
          currentRound: 0,
          currentAttempt: 0,
          latestModelVersion: 0,
          createTimeMs: now,
          startTimeMs: 0,
          finishTimeMs: 0,
          statusDetail: '',
        },
        requestHash,
      );
      if (created.status === 'EXISTS' && created.requestHash !== requestHash)
        throw new RequestIdConflictError(requestId);
      await audit(
        'experiment.create',
        identity.uri,
        { experimentId },
        { specSha256, weightsSha256: blob.sha256, params: validated.paramCount },
        `experiment-create.${experimentId}`,
      );
      const record = await context.experiments.get(experimentId);
      if (record === undefined)
        throw new FedraError('INTERNAL', 'the experiment vanished after it was created');
      options.logger.info(
        { experimentId, params: validated.paramCount, rounds: validated.spec.rounds },
        'experiment created',
      );
      return { experiment: experimentToWire(record, true) };
    }, options),

    GetExperiment: wrapUnary(async (call, { identity, rpc }) => {
      const record = await owned(scientist(identity, rpc), call.request.experimentId);
      return { experiment: experimentToWire(record, true) };
    }, options),

    ListExperiments: wrapUnary(async (call, { identity, rpc }) => {
      const caller = scientist(identity, rpc);
      return listExperiments(context.experiments, call.request, caller.uri);
    }, options),

    StartExperiment: wrapUnary(async (call, { identity, rpc }) => {
      const caller = scientist(identity, rpc);
      const { experimentId, requestId } = call.request;
      const bytes = await context.idempotency.run(
        `StartExperiment.${digest(caller.uri).slice(0, 32)}`,
        requestId,
        digest(experimentId),
        async () => {
          const record = await owned(caller, experimentId);
          if (record.state !== 'CREATED') {
            throw new ExperimentNotRunningError(experimentId, record.state, {
              message: `experiment ${experimentId} is ${record.state}; only a CREATED experiment can be started`,
            });
          }
          if (await context.experiments.start(experimentId, await context.now())) {
            await audit('experiment.start', caller.uri, { experimentId }, {});
            await context.engine.scheduleSelect(experimentId, 1, 1);
            options.logger.info({ experimentId }, 'experiment started');
          }
          const started = await owned(caller, experimentId);
          return service.StartExperiment.responseSerialize({
            experiment: experimentToWire(started, true),
          });
        },
      );
      return service.StartExperiment.responseDeserialize(bytes);
    }, options),

    CancelExperiment: wrapUnary(async (call, { identity, rpc }) => {
      const caller = scientist(identity, rpc);
      const { experimentId, requestId, reason } = call.request;
      const detail = reason.slice(0, 1000) || 'cancelled by its owner';
      const bytes = await context.idempotency.run(
        `CancelExperiment.${digest(caller.uri).slice(0, 32)}`,
        requestId,
        digest(experimentId, detail),
        async () => {
          const record = await owned(caller, experimentId);
          if (record.state !== 'CREATED' && record.state !== 'RUNNING') {
            throw new ExperimentNotRunningError(experimentId, record.state, {
              message: `experiment ${experimentId} is already ${record.state}`,
            });
          }
          if (
            await context.experiments.finish(experimentId, 'CANCELLED', detail, await context.now())
          ) {
            await audit('experiment.cancel', caller.uri, { experimentId }, { reason: detail });
            await context.engine.driver.cancelOpenAttempt(
              record,
              'CANCEL_REASON_EXPERIMENT_CANCELLED',
            );
            options.logger.info({ experimentId }, 'experiment cancelled');
          }
          const cancelled = await owned(caller, experimentId);
          return service.CancelExperiment.responseSerialize({
            experiment: experimentToWire(cancelled, true),
          });
        },
      );
      return service.CancelExperiment.responseDeserialize(bytes);
    }, options),

    WatchExperiment: wrapServerStream(async (call, { identity, rpc, signal }) => {
      const caller = scientist(identity, rpc);
      const record = await owned(caller, call.request.experimentId);
      const stream = context.keys.events(record.experimentId);
      let cursor = call.request.cursor;
      if (cursor !== '') {
        if (!/^\d{1,20}-\d{1,20}$/.test(cursor))
          throw new InvalidArgumentError('cursor', 'cursor must be one this coordinator sent');
        const oldest = await context.redis.xrange(stream, '-', '+', 'COUNT', 1);
        const first = oldest[0]?.[0];
        if (first !== undefined && compareIds(cursor, first) < 0) {
          throw new OutOfRangeError(
            'cursor',
            'the cursor is older than the retained history; resync with GetExperiment and GetHistory',
          );
        }
      } else if (call.request.replay) {
        cursor = '0';
      } else {
        const newest = await context.redis.xrevrange(stream, '+', '-', 'COUNT', 1);
        cursor = newest[0]?.[0] ?? '0';
      }
      await withBlockingConnection(context, signal, async (connection) => {
        while (!signal.aborted) {
          const reply = await connection
            .xread('COUNT', 100, 'BLOCK', context.streamBlockMs, 'STREAMS', stream, cursor)
            .catch((error: unknown) => {
              if (isCancelled(signal)) return null;
              throw error;
            });
          if (isCancelled(signal)) break;
          const entries = reply?.[0]?.[1] ?? [];
          if (entries.length === 0) {
            const now = await context.experiments.get(record.experimentId);
            if (now !== undefined && now.state !== 'RUNNING' && now.state !== 'CREATED') return;
            continue;
          }
          for (const [id, fields] of entries) {
            cursor = id;
            const index = fields.indexOf('event');
            const text = index >= 0 ? fields[index + 1] : undefined;
            if (text === undefined) continue;
            const event = JSON.parse(text) as RoundEvent;
            const message: WatchExperimentResponse = eventToWire(record.experimentId, id, event);
            await writeMessage(call, message);
            if (event.kind === 'experiment-finished') return;
          }
        }
      });
    }, options),

    DownloadModel: wrapServerStream(async (call, { identity, rpc }) => {
      const caller = scientist(identity, rpc);
      const record = await owned(caller, call.request.experimentId);
      const version =
        call.request.selector === 'version'
          ? (call.request.version ?? 0)
          : record.latestModelVersion;
      if (call.request.selector === undefined)
        throw new InvalidArgumentError('selector', 'set version or latest');
      if (version > record.latestModelVersion)
        throw new ModelVersionNotFoundError(record.experimentId, version);
      const model = await context.modelStore.getVersion(record.experimentId, version);
      await streamModel(call, context.modelStore, model, call.request.offset, {
        slots: context.downloadSlots,
        metrics: context.metrics,
      });
    }, options),

    GetHistory: wrapUnary(async (call, { identity, rpc }) => {
      const caller = scientist(identity, rpc);
      const record = await owned(caller, call.request.experimentId);
      const offset = decodePageToken(call.request.pageToken);
      const size = pageSize(call.request.pageSize);
      const versions = (await context.modelStore.listVersions(record.experimentId)).filter(
        (v) => v <= record.latestModelVersion,
      );
      const page = versions.slice(offset, offset + size);
      const entries = [];
      for (const v of page) {
        const version = await context.modelStore.getVersion(record.experimentId, v);
        const blob = await context.modelStore.getBlob(version.weightsSha256);
        let metrics = null;
        if (v > 0) {
          const text = await context.redis.hget(
            context.keys.round(record.experimentId, v),
            'metrics',
          );
          if (text !== null) metrics = metricsToWire(JSON.parse(text) as RoundSummaryMetrics);
        }
        entries.push({ model: modelVersionToWire(version, blob.size), metrics });
      }
      return {
        entries,
        nextPageToken: offset + size < versions.length ? encodePageToken(offset + size) : '',
      };
    }, options),
  };
}

function compareIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  return am < bm ? -1 : am > bm ? 1 : as < bs ? -1 : as > bs ? 1 : 0;
}
