/**
 * Experiments in Redis: one hash per experiment (`{exp:<id>}:meta`), a
 * sorted index of all experiments and one per owner (newest first), and the
 * set of RUNNING experiments the engine's sweeper walks.
 *
 * State changes are compare-and-sets ({@link CheckedWrite}), so two
 * replicas starting or cancelling the same experiment agree on one outcome.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CheckedWrite } from './checked-write.js';
import { EVENT_STREAM_MAX_LENGTH } from './attempt-store.js';
import { redisCall } from './redis-script.js';
import { SplitHashReader } from './split-hash-reader.js';
import type { StateKeys } from './state-keys.js';
import type {
  ExperimentLifecycle,
  ExperimentMetadataRecord,
  ExperimentRecord,
  RoundEvent,
} from './state-types.js';

/** Options for {@link ExperimentStore.list}. */
export interface ExperimentListOptions {
  /** Only this owner's experiments. */
  readonly owner?: string | undefined;
  /** Only experiments in these states; empty or absent means all. */
  readonly states?: readonly ExperimentLifecycle[] | undefined;
  /** How many matching experiments to skip (newest first). */
  readonly offset: number;
  /** Most experiments to return. */
  readonly limit: number;
}

/** A page of experiments. */
export interface ExperimentPage {
  /** The experiments, newest first. */
  readonly experiments: readonly ExperimentRecord[];
  /** The offset of the next page, or undefined on the last page. */
  readonly nextOffset: number | undefined;
}

/** The digest an owner's index key is named by (owners are URIs). */
export function ownerDigest(owner: string): string {
  return createHash('sha256').update(owner).digest('hex').slice(0, 32);
}

/** Reads and changes experiments; see the module doc. */
export class ExperimentStore {
  readonly #redis: Redis;
  readonly #keys: StateKeys;
  readonly #reader = new SplitHashReader<FixedExperimentFields>({
    varying: VARYING_FIELDS,
    presence: 'state',
    version: 'specSha256',
    decodeFixed,
    capacity: 64,
  });

  constructor(redis: Redis, keys: StateKeys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  /**
   * Stores a new experiment unless one with its id exists. The id is derived
   * from the owner and the request id, so a retried create finds the first.
   *
   * @returns `'CREATED'`, or `'EXISTS'` with the stored request hash.
   */
  async create(
    record: ExperimentRecord,
    requestHash: string,
  ): Promise<
    { readonly status: 'CREATED' } | { readonly status: 'EXISTS'; readonly requestHash: string }
  > {
    const meta = this.#keys.experiment(record.experimentId);
    const result = await new CheckedWrite()
      .absent('exists', meta)
      .hset(meta, { ...encodeExperiment(record), requestHash })
      .run(this.#redis);
    // The indexes live in other slots; writing them after the record (and
    // again on a retry) keeps them complete, and readers skip ids whose
    // record is missing.
    await redisCall(() =>
      this.#redis
        .multi()
        .zadd(this.#keys.experiments(), record.createTimeMs, record.experimentId)
        .zadd(
          this.#keys.ownerExperiments(ownerDigest(record.owner)),
          record.createTimeMs,
          record.experimentId,
        )
        .exec(),
    );
    if (result.ok) return { status: 'CREATED' };
    const stored = await redisCall(() => this.#redis.hget(meta, 'requestHash'));
    return { status: 'EXISTS', requestHash: stored ?? '' };
  }

  /**
   * The experiment, or undefined. Every stage RPC reads it; the spec (up to
   * the model's whole topology) is fetched and decoded once per process
   * ({@link SplitHashReader}), the state and counters every time.
   */
  async get(experimentId: string): Promise<ExperimentRecord | undefined> {
    const split = await this.#reader.read(this.#redis, this.#keys.experiment(experimentId));
    if (split === undefined) return undefined;
    return { ...decodeVarying(experimentId, split.varying), ...split.fixed };
  }

  /** A page of experiments, newest first. */
  async list(options: ExperimentListOptions): Promise<ExperimentPage> {
    const index =
      options.owner === undefined
        ? this.#keys.experiments()
        : this.#keys.ownerExperiments(ownerDigest(options.owner));
    const states =
      options.states !== undefined && options.states.length > 0
        ? new Set(options.states)
        : undefined;
    const out: ExperimentRecord[] = [];
    let matched = 0;
    const batch = 200;
    for (let start = 0; ; start += batch) {
      const ids = await redisCall(() => this.#redis.zrevrange(index, start, start + batch - 1));
      for (const id of ids) {
        const record = await this.get(id);
        if (record === undefined) continue;
        if (states !== undefined && !states.has(record.state)) continue;
        if (options.owner !== undefined && record.owner !== options.owner) continue;
        matched += 1;
        if (matched <= options.offset) continue;
        if (out.length === options.limit)
          return { experiments: out, nextOffset: options.offset + out.length };
        out.push(record);
      }
      if (ids.length < batch) return { experiments: out, nextOffset: undefined };
    }
  }

  /** Ids of experiments in state RUNNING (the sweeper's work list). */
  async running(): Promise<string[]> {
    return redisCall(() => this.#redis.smembers(this.#keys.runningExperiments()));
  }

  /** Drops `experimentId` from the running set (it finished). */
  async forgetRunning(experimentId: string): Promise<void> {
    await redisCall(() => this.#redis.srem(this.#keys.runningExperiments(), experimentId));
  }

  /**
   * CREATED → RUNNING at round 1, attempt 1.
   *
   * @returns true when this call started it; false when it was not CREATED.
   */
  async start(experimentId: string, nowMs: number): Promise<boolean> {
    const meta = this.#keys.experiment(experimentId);
    const result = await new CheckedWrite()
      .hashEquals('state', meta, 'state', 'CREATED')
      .hset(meta, { state: 'RUNNING', startTimeMs: nowMs, currentRound: 1, currentAttempt: 1 })
      .run(this.#redis);
    if (result.ok)
      await redisCall(() => this.#redis.sadd(this.#keys.runningExperiments(), experimentId));
    return result.ok;
  }

  /**
   * CREATED or RUNNING → `to` (CANCELLED or FAILED), with the detail and an
   * experiment-finished event.
   *
   * @returns true when this call changed the state.
   */
  async finish(
    experimentId: string,
    to: 'CANCELLED' | 'FAILED',
    detail: string,
    nowMs: number,
  ): Promise<boolean> {
    const meta = this.#keys.experiment(experimentId);
    for (const from of ['RUNNING', 'CREATED'] as const) {
      const latest = Number(
        (await redisCall(() => this.#redis.hget(meta, 'latestModelVersion'))) ?? 0,
      );
      const event: RoundEvent = {
        kind: 'experiment-finished',
        state: to,
        detail,
        finalModelVersion: latest,
      };
      const result = await new CheckedWrite()
        .hashEquals('state', meta, 'state', from)
        .hset(meta, { state: to, finishTimeMs: nowMs, statusDetail: detail })
        .xadd(this.#keys.events(experimentId), EVENT_STREAM_MAX_LENGTH, {
          event: JSON.stringify(event),
        })
        .run(this.#redis);
      if (result.ok) {
        await this.forgetRunning(experimentId);
        return true;
      }
    }
    return false;
  }
}

/** The experiment's Redis hash fields. */
export function encodeExperiment(record: ExperimentRecord): Record<string, string> {
  return {
    owner: record.owner,
    state: record.state,
    spec: record.specBytes.toString('base64'),
    specSha256: record.specSha256,
    metadata: JSON.stringify(record.metadata),
    currentRound: String(record.currentRound),
    currentAttempt: String(record.currentAttempt),
    latestModelVersion: String(record.latestModelVersion),
    createTimeMs: String(record.createTimeMs),
    startTimeMs: String(record.startTimeMs),
    finishTimeMs: String(record.finishTimeMs),
    statusDetail: record.statusDetail,
  };
}

/** Experiment hash fields that change after creation (and the spec hash, to check the rest). */
const VARYING_FIELDS = [
  'state',
  'specSha256',
  'currentRound',
  'currentAttempt',
  'latestModelVersion',
  'startTimeMs',
  'finishTimeMs',
  'statusDetail',
] as const;

/** The fields of an experiment fixed at creation, decoded (frozen: shared by readers). */
type FixedExperimentFields = Pick<
  ExperimentRecord,
  'owner' | 'specBytes' | 'specSha256' | 'metadata' | 'createTimeMs'
>;

function decodeVarying(
  experimentId: string,
  hash: Record<string, string>,
): Omit<ExperimentRecord, keyof FixedExperimentFields> {
  const number = (field: string): number => Number(hash[field] ?? 0);
  return {
    experimentId,
    state: (hash['state'] ?? '') as ExperimentLifecycle,
    currentRound: number('currentRound'),
    currentAttempt: number('currentAttempt'),
    latestModelVersion: number('latestModelVersion'),
    startTimeMs: number('startTimeMs'),
    finishTimeMs: number('finishTimeMs'),
    statusDetail: hash['statusDetail'] ?? '',
  };
}

function decodeFixed(hash: Record<string, string>): FixedExperimentFields {
  const metadata = JSON.parse(
    hash['metadata'] || '{"displayName":"","description":"","labels":{}}',
  ) as ExperimentMetadataRecord;
  return Object.freeze({
    owner: hash['owner'] ?? '',
    specBytes: Buffer.from(hash['spec'] ?? '', 'base64'),
    specSha256: hash['specSha256'] ?? '',
    metadata: Object.freeze({ ...metadata, labels: Object.freeze({ ...metadata.labels }) }),
    createTimeMs: Number(hash['createTimeMs'] ?? 0),
  });
}
