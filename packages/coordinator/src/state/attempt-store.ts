/**
 * Round attempts in Redis: the attempt record, the fencing protocol every
 * driver step follows, and the per-stage inboxes and outboxes the Fleet
 * RPCs read and write.
 *
 * Fencing. A driver step (the `advance` job) first {@link AttemptStore.claim}s
 * the attempt: a Lua compare-and-set that requires the expected stage,
 * increments the fencing epoch, returns it, and sets the phase to
 * `'closing'`, which freezes the stage's inbox. The step then does its work
 * and writes everything (snapshot, outbox, next stage, events) with one
 * {@link CheckedWrite} that requires its epoch and stage to be still
 * current. A driver that stalled while a newer one claimed the attempt
 * finds its epoch stale: the write is rejected and it stops
 * ({@link AttemptStore.transition} throws `FENCED`).
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { FedraError, FencedError } from '@fedra/common';
import { SECAGG_STAGES } from '@fedra/secagg';
import type { SecAggStage } from '@fedra/secagg';
import { CheckedWrite } from './checked-write.js';
import { redisCall, RedisScript, replyStrings } from './redis-script.js';
import { SplitHashReader } from './split-hash-reader.js';
import type { ScriptArg } from './redis-script.js';
import type { AttemptKey, StateKeys } from './state-keys.js';
import type {
  AttemptAbortReason,
  AttemptRecord,
  AttemptStage,
  DropRecord,
  ParticipantRecord,
  StagePhase,
} from './state-types.js';

// KEYS: attempt hash. ARGV: expected stage, now (ms).
const CLAIM = new RedisScript(
  'claim-attempt',
  `
local cur = redis.call('HMGET', KEYS[1], 'stage', 'epoch')
if not cur[1] then return {'MISSING'} end
if cur[1] ~= ARGV[1] then return {'MISMATCH', cur[1], cur[2]} end
local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
redis.call('HSET', KEYS[1], 'phase', 'closing', 'claimedAtMs', ARGV[2])
return {'OK', tostring(epoch)}
`,
);

// KEYS: attempt hash, inbox hash, expected set. ARGV: stage, worker, message.
const STORE_MESSAGE = new RedisScript(
  'store-stage-message',
  `
local cur = redis.call('HMGET', KEYS[1], 'stage', 'phase')
if not cur[1] then return {'MISSING'} end
if cur[1] ~= ARGV[1] then return {'WRONG_STAGE', cur[1]} end
if cur[2] ~= 'open' then return {'CLOSED', cur[1]} end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 0 then return {'NOT_EXPECTED', cur[1]} end
if redis.call('HSETNX', KEYS[2], ARGV[2], ARGV[3]) == 0 then
  if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then return {'DIFFERENT', cur[1]} end
  return {'SAME', tostring(redis.call('HLEN', KEYS[2])), tostring(redis.call('SCARD', KEYS[3]))}
end
return {'STORED', tostring(redis.call('HLEN', KEYS[2])), tostring(redis.call('SCARD', KEYS[3]))}
`,
);

// KEYS: attempt hash, inbox hash, expected set, drops hash. ARGV: stage, worker, drop JSON.
const WITHDRAW = new RedisScript(
  'withdraw-participant',
  `
local cur = redis.call('HMGET', KEYS[1], 'stage', 'phase')
if not cur[1] then return {'MISSING'} end
if cur[1] ~= ARGV[1] then return {'WRONG_STAGE', cur[1]} end
if cur[2] ~= 'open' then return {'CLOSED', cur[1]} end
if redis.call('SREM', KEYS[3], ARGV[2]) == 0 then return {'NOT_EXPECTED', cur[1]} end
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('HSETNX', KEYS[4], ARGV[2], ARGV[3])
return {'STORED', tostring(redis.call('HLEN', KEYS[2])), tostring(redis.call('SCARD', KEYS[3]))}
`,
);

/** The outcome of storing a stage message (see {@link AttemptStore.storeMessage}). */
export type StoreMessageResult =
  | {
      /** Stored now (`'STORED'`) or an identical resend (`'SAME'`). */
      readonly status: 'STORED' | 'SAME';
      /** Messages in the stage's inbox. */
      readonly received: number;
      /** Senders the stage expects. */
      readonly expected: number;
    }
  | {
      /**
       * - `'MISSING'`: no such attempt;
       * - `'WRONG_STAGE'`: the attempt is in another stage (`stage`);
       * - `'CLOSED'`: the stage is being closed;
       * - `'NOT_EXPECTED'`: the worker is not (or no longer) expected in this stage;
       * - `'DIFFERENT'`: the worker already sent a different message.
       */
      readonly status: 'MISSING' | 'WRONG_STAGE' | 'CLOSED' | 'NOT_EXPECTED' | 'DIFFERENT';
      /** The attempt's stage, when known. */
      readonly stage: string;
    };

/** Everything a fenced transition writes; see {@link AttemptStore.transition}. */
export interface TransitionWrites {
  /** The new stage. */
  readonly stage: AttemptStage;
  /** Further attempt fields to set (e.g. `deadlineMs`, `runningSumSha256`). */
  readonly fields?: Readonly<Record<string, string | number>>;
  /** The AggregatorSession snapshot to keep (JSON); unchanged when absent. */
  readonly snapshot?: string;
  /** The participants expected in the new stage; the set is replaced. */
  readonly expected?: readonly string[];
  /** The new stage's outbox (worker → message bytes); replaces the old one. */
  readonly outbox?: ReadonlyMap<string, Buffer>;
  /** Participants dropped while closing the stage. */
  readonly drops?: readonly DropRecord[];
  /** Events to append to the experiment's stream (JSON each). */
  readonly events?: readonly string[];
  /** Further writes on keys of the same experiment (round summary, experiment record…). */
  readonly extra?: (write: CheckedWrite) => void;
}

/** Most events an experiment's stream keeps (approximate MAXLEN). */
export const EVENT_STREAM_MAX_LENGTH = 10_000;

/**
 * Reads and writes round attempts; see the module doc for the fencing
 * protocol.
 */
export class AttemptStore {
  readonly #redis: Redis;
  readonly #keys: StateKeys;
  readonly #reader = new SplitHashReader<FixedAttemptFields>({
    varying: VARYING_FIELDS,
    presence: 'stage',
    version: 'configSha256',
    decodeFixed,
    capacity: FIXED_CACHE_ATTEMPTS,
  });

  constructor(redis: Redis, keys: StateKeys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  /** The key names this store uses. */
  get keys(): StateKeys {
    return this.#keys;
  }

  /**
   * The attempt, or undefined when it was never opened.
   *
   * Every RPC of a round reads its attempt, and most of the record (the
   * participants, the RoundConfig: ~100 KB at n = 100) never changes once
   * the attempt is opened: only the changing fields and the config hash are
   * fetched, the rest is decoded once per process ({@link SplitHashReader}).
   */
  async get(key: AttemptKey): Promise<AttemptRecord | undefined> {
    const split = await this.#reader.read(this.#redis, this.#keys.attempt(key));
    if (split === undefined) return undefined;
    return { ...decodeVarying(key, split.varying), ...split.fixed };
  }

  /** Only the routing fields of an attempt (cheap: no config bytes). */
  async getStage(
    key: AttemptKey,
  ): Promise<
    { stage: AttemptStage; phase: StagePhase; epoch: number; deadlineMs: number } | undefined
  > {
    const [stage, phase, epoch, deadline] = await redisCall(() =>
      this.#redis.hmget(this.#keys.attempt(key), 'stage', 'phase', 'epoch', 'deadlineMs'),
    );
    if (stage == null) return undefined;
    return {
      stage: stage as AttemptStage,
      phase: (phase ?? 'open') as StagePhase,
      epoch: Number(epoch ?? 0),
      deadlineMs: Number(deadline ?? 0),
    };
  }

  /**
   * Opens a new attempt (stage `'setup'`, epoch 0) if the experiment is
   * RUNNING and its current round and attempt are this attempt's, and the
   * attempt does not exist yet. Two selection jobs racing for one attempt
   * therefore open it once.
   *
   * @returns `'OPENED'`, `'EXISTS'` (opened before) or `'NOT_CURRENT'`
   *   (the experiment is elsewhere: stopped, or on another round or attempt).
   */
  async open(
    record: AttemptRecord,
    init: {
      readonly snapshot: string;
      readonly expected: readonly string[];
      readonly events: readonly string[];
      /**
       * Each participant's registered client certificate (DER; empty when
       * it has none), pinned for the attempt: see
       * {@link AttemptStore.pinnedCertificates}.
       */
      readonly certificates?: ReadonlyMap<string, Buffer> | undefined;
    },
  ): Promise<'OPENED' | 'EXISTS' | 'NOT_CURRENT'> {
    const key: AttemptKey = record;
    const meta = this.#keys.experiment(key.experimentId);
    const round = this.#keys.round(key.experimentId, key.roundNumber);
    const write = new CheckedWrite()
      .hashEquals('state', meta, 'state', 'RUNNING')
      .hashEquals('round', meta, 'currentRound', key.roundNumber)
      .hashEquals('attempt', meta, 'currentAttempt', key.attempt)
      .absent('exists', this.#keys.attempt(key))
      .hset(this.#keys.attempt(key), encodeAttempt(record))
      .set(this.#keys.snapshot(key), init.snapshot)
      .del(this.#keys.expected(key))
      .sadd(this.#keys.expected(key), init.expected)
      .hset(round, { latestAttempt: key.attempt, state: 'open' })
      .hsetnx(round, 'openTimeMs', String(record.openTimeMs));
    if (init.certificates !== undefined && init.certificates.size > 0) {
      write.hsetPairs(this.#keys.certificates(key), [...init.certificates]);
    }
    for (const event of init.events) {
      write.xadd(this.#keys.events(key.experimentId), EVENT_STREAM_MAX_LENGTH, { event });
    }
    const result = await write.run(this.#redis);
    if (result.ok) return 'OPENED';
    return result.failed === 'exists' ? 'EXISTS' : 'NOT_CURRENT';
  }

  /**
   * Takes ownership of the attempt for closing `stage`: increments the
   * fencing epoch and freezes the stage's inbox.
   *
   * @returns the new epoch, or undefined when the attempt is not in `stage`
   *   (another driver already closed it: nothing to do).
   */
  async claim(key: AttemptKey, stage: SecAggStage, nowMs = 0): Promise<number | undefined> {
    const reply = replyStrings(
      await CLAIM.run(this.#redis, [this.#keys.attempt(key)], [stage, nowMs]),
      CLAIM.name,
    );
    return reply[0] === 'OK' ? Number(reply[1]) : undefined;
  }

  /**
   * Writes a driver step's results if, and only if, the attempt is still in
   * `fromStage` at `epoch`.
   *
   * @throws FencedError (`FENCED`) when a newer driver took over or the
   *   stage moved on; nothing is written.
   */
  async transition(
    key: AttemptKey,
    epoch: number,
    fromStage: SecAggStage,
    writes: TransitionWrites,
  ): Promise<void> {
    const attemptKey = this.#keys.attempt(key);
    const write = new CheckedWrite()
      .hashEquals('epoch', attemptKey, 'epoch', epoch)
      .hashEquals('stage', attemptKey, 'stage', fromStage)
      .hset(attemptKey, { stage: writes.stage, phase: 'open', ...writes.fields });
    if (writes.snapshot !== undefined) write.set(this.#keys.snapshot(key), writes.snapshot);
    if (writes.expected !== undefined) {
      write.del(this.#keys.expected(key)).sadd(this.#keys.expected(key), writes.expected);
    }
    if (writes.outbox !== undefined) {
      write.del(this.#keys.outbox(key)).hsetPairs(this.#keys.outbox(key), [...writes.outbox]);
    }
    for (const drop of writes.drops ?? []) {
      write.hsetnx(this.#keys.drops(key), drop.workerId, JSON.stringify(drop));
    }
    for (const event of writes.events ?? []) {
      write.xadd(this.#keys.events(key.experimentId), EVENT_STREAM_MAX_LENGTH, { event });
    }
    writes.extra?.(write);
    const result = await write.run(this.#redis);
    if (!result.ok) throw new FencedError(key, epoch);
  }

  /**
   * Stores `workerId`'s message for the open `stage` (HSETNX): an identical
   * resend is accepted, a different one is not. Atomic with the checks that
   * the stage is open and the worker is expected in it.
   */
  async storeMessage(
    key: AttemptKey,
    stage: SecAggStage,
    workerId: string,
    message: Buffer,
  ): Promise<StoreMessageResult> {
    return this.#stageScript(
      STORE_MESSAGE,
      key,
      stage,
      [this.#keys.attempt(key), this.#keys.inbox(key, stage), this.#keys.expected(key)],
      [stage, workerId, message],
    );
  }

  /**
   * Takes `workerId` out of the open stage (a refusal, an eviction): it is
   * no longer expected, any message it stored for the stage is removed,
   * and the drop is recorded.
   */
  async withdraw(
    key: AttemptKey,
    stage: SecAggStage,
    drop: DropRecord,
  ): Promise<StoreMessageResult> {
    return this.#stageScript(
      WITHDRAW,
      key,
      stage,
      [
        this.#keys.attempt(key),
        this.#keys.inbox(key, stage),
        this.#keys.expected(key),
        this.#keys.drops(key),
      ],
      [stage, drop.workerId, JSON.stringify(drop)],
    );
  }

  async #stageScript(
    script: RedisScript,
    key: AttemptKey,
    _stage: SecAggStage,
    keys: string[],
    args: ScriptArg[],
  ): Promise<StoreMessageResult> {
    const reply = replyStrings(await script.run(this.#redis, keys, args), script.name);
    const status = reply[0];
    if (status === 'STORED' || status === 'SAME') {
      return { status, received: Number(reply[1]), expected: Number(reply[2]) };
    }
    if (
      status === 'MISSING' ||
      status === 'WRONG_STAGE' ||
      status === 'CLOSED' ||
      status === 'NOT_EXPECTED' ||
      status === 'DIFFERENT'
    ) {
      return { status, stage: reply[1] ?? '' };
    }
    throw new FedraError('INTERNAL', `unexpected reply from the ${script.name} script`, {
      metadata: { experimentId: key.experimentId },
    });
  }

  /** Every message stored for `stage`, by worker. */
  async inbox(key: AttemptKey, stage: SecAggStage): Promise<Map<string, Buffer>> {
    const hash = await redisCall(() => this.#redis.hgetallBuffer(this.#keys.inbox(key, stage)));
    return new Map(Object.entries(hash));
  }

  /** One worker's message for `stage`, if stored. */
  async inboxMessage(
    key: AttemptKey,
    stage: SecAggStage,
    workerId: string,
  ): Promise<Buffer | undefined> {
    const value = await redisCall(() =>
      this.#redis.hgetBuffer(this.#keys.inbox(key, stage), workerId),
    );
    return value ?? undefined;
  }

  /** What the open stage has for `workerId`, if anything. */
  async outboxMessage(key: AttemptKey, workerId: string): Promise<Buffer | undefined> {
    const value = await redisCall(() => this.#redis.hgetBuffer(this.#keys.outbox(key), workerId));
    return value ?? undefined;
  }

  /** The participants expected to send in the open stage. */
  async expected(key: AttemptKey): Promise<string[]> {
    return (await redisCall(() => this.#redis.smembers(this.#keys.expected(key)))).sort();
  }

  /** True when `workerId` is expected to send in the open stage. */
  async isExpected(key: AttemptKey, workerId: string): Promise<boolean> {
    return (await redisCall(() => this.#redis.sismember(this.#keys.expected(key), workerId))) === 1;
  }

  /**
   * The client certificates (DER) pinned for `workerIds` when the attempt
   * was selected; a worker without one is missing from the map, one that
   * had none (insecure mode) maps to an empty buffer.
   */
  async pinnedCertificates(
    key: AttemptKey,
    workerIds: readonly string[],
  ): Promise<Map<string, Buffer>> {
    if (workerIds.length === 0) return new Map();
    const values = await redisCall(() =>
      this.#redis.hmgetBuffer(this.#keys.certificates(key), ...workerIds),
    );
    const pinned = new Map<string, Buffer>();
    workerIds.forEach((id, i) => {
      const value = values[i];
      if (value != null) pinned.set(id, value);
    });
    return pinned;
  }

  /** The AggregatorSession snapshot (JSON) as of the last transition. */
  async snapshot(key: AttemptKey): Promise<string | undefined> {
    const value = await redisCall(() => this.#redis.get(this.#keys.snapshot(key)));
    return value ?? undefined;
  }

  /** Every participant dropped from the attempt. */
  async drops(key: AttemptKey): Promise<DropRecord[]> {
    const hash = await redisCall(() => this.#redis.hgetall(this.#keys.drops(key)));
    return Object.values(hash).map((text) => JSON.parse(text) as DropRecord);
  }

  /**
   * Fixes a worker's upload parameters on its first start; later starts
   * must repeat them. Returns the stored value.
   */
  async fixUploadParameters(
    key: AttemptKey,
    workerId: string,
    parameters: string,
  ): Promise<string> {
    const uploads = this.#keys.uploads(key);
    const [, stored] = await redisCall(async () => {
      const reply = await this.#redis
        .multi()
        .hsetnx(uploads, workerId, parameters)
        .hget(uploads, workerId)
        .exec();
      if (reply === null) throw new FedraError('UNAVAILABLE', 'redis transaction aborted');
      return reply.map(([error, value]) => {
        if (error !== null) throw error;
        return value;
      });
    });
    return typeof stored === 'string' ? stored : parameters;
  }

  /** Marks the `stage` task of each of `workerIds` as queued (one command). */
  async markNotified(key: AttemptKey, stage: string, workerIds: readonly string[]): Promise<void> {
    if (workerIds.length === 0) return;
    await redisCall(() =>
      this.#redis.hset(
        this.#keys.notified(key),
        Object.fromEntries(workerIds.map((id) => [`${stage}/${id}`, '1'])),
      ),
    );
  }

  /** Which of `workerIds` already had the `stage` task queued. */
  async notified(
    key: AttemptKey,
    stage: string,
    workerIds: readonly string[],
  ): Promise<Set<string>> {
    if (workerIds.length === 0) return new Set();
    const values = await redisCall(() =>
      this.#redis.hmget(this.#keys.notified(key), ...workerIds.map((id) => `${stage}/${id}`)),
    );
    return new Set(workerIds.filter((_, i) => values[i] != null));
  }

  /**
   * Removes the bulky per-attempt keys of a finished attempt (the record and
   * drops stay) and marks the record compacted, in one transaction: the
   * last step of a finished attempt's clean-up.
   */
  async compact(key: AttemptKey): Promise<void> {
    await redisCall(async () => {
      const reply = await this.#redis
        .multi()
        .del(
          this.#keys.outbox(key),
          this.#keys.expected(key),
          this.#keys.uploads(key),
          this.#keys.notified(key),
          this.#keys.certificates(key),
          ...SECAGG_STAGES.map((stage) => this.#keys.inbox(key, stage)),
        )
        .hset(this.#keys.attempt(key), 'compacted', '1')
        .exec();
      if (reply === null) throw new FedraError('UNAVAILABLE', 'redis transaction aborted');
      for (const [error] of reply) if (error !== null) throw error;
    });
  }

  /** True once {@link AttemptStore.compact} ran for the attempt (its clean-up is done). */
  async isCompacted(key: AttemptKey): Promise<boolean> {
    const value = await redisCall(() => this.#redis.hget(this.#keys.attempt(key), 'compacted'));
    return value === '1';
  }
}

/** The attempt's Redis hash fields for a new attempt. */
export function encodeAttempt(record: AttemptRecord): Record<string, string> {
  return {
    stage: record.stage,
    phase: record.phase,
    epoch: String(record.epoch),
    deadlineMs: String(record.deadlineMs),
    claimedAtMs: String(record.claimedAtMs),
    openTimeMs: String(record.openTimeMs),
    endTimeMs: String(record.endTimeMs),
    participants: JSON.stringify(record.participants),
    roundConfig: record.roundConfig.toString('base64'),
    configSha256: record.configSha256,
    configSignature: record.configSignature.toString('base64'),
    configSignatureAlgorithm: record.configSignatureAlgorithm,
    baseModelVersion: String(record.baseModelVersion),
    baseModelSha256: record.baseModelSha256,
    vectorLength: String(record.vectorLength),
    runningSumSha256: record.runningSumSha256,
    abortReason: record.abortReason,
    abortDetail: record.abortDetail,
  };
}

/** Attempt hash fields that change after the attempt opened (and the config hash, to check the rest). */
const VARYING_FIELDS = [
  'stage',
  'phase',
  'epoch',
  'deadlineMs',
  'claimedAtMs',
  'openTimeMs',
  'endTimeMs',
  'configSha256',
  'runningSumSha256',
  'abortReason',
  'abortDetail',
] as const;

/** How many attempts' unchanging fields {@link AttemptStore.get} keeps decoded. */
const FIXED_CACHE_ATTEMPTS = 16;

/** The fields of an attempt record fixed when it opened, decoded (frozen: shared by readers). */
type FixedAttemptFields = Omit<
  AttemptRecord,
  keyof AttemptKey | Exclude<(typeof VARYING_FIELDS)[number], 'configSha256'>
>;

function decodeVarying(
  key: AttemptKey,
  hash: Record<string, string>,
): Omit<AttemptRecord, keyof FixedAttemptFields> {
  const text = (field: string): string => hash[field] ?? '';
  const number = (field: string): number => Number(hash[field] ?? 0);
  return {
    experimentId: key.experimentId,
    roundNumber: key.roundNumber,
    attempt: key.attempt,
    stage: text('stage') as AttemptStage,
    phase: (text('phase') || 'open') as StagePhase,
    epoch: number('epoch'),
    deadlineMs: number('deadlineMs'),
    claimedAtMs: number('claimedAtMs'),
    openTimeMs: number('openTimeMs'),
    endTimeMs: number('endTimeMs'),
    runningSumSha256: text('runningSumSha256'),
    abortReason: text('abortReason') as AttemptAbortReason | '',
    abortDetail: text('abortDetail'),
  };
}

function decodeFixed(hash: Record<string, string>): FixedAttemptFields {
  const text = (field: string): string => hash[field] ?? '';
  const participants = JSON.parse(text('participants') || '[]') as ParticipantRecord[];
  for (const participant of participants) Object.freeze(participant);
  return Object.freeze({
    participants: Object.freeze(participants),
    roundConfig: Buffer.from(text('roundConfig'), 'base64'),
    configSha256: text('configSha256'),
    configSignature: Buffer.from(text('configSignature'), 'base64'),
    configSignatureAlgorithm: text('configSignatureAlgorithm'),
    baseModelVersion: Number(hash['baseModelVersion'] ?? 0),
    baseModelSha256: text('baseModelSha256'),
    vectorLength: Number(hash['vectorLength'] ?? 0),
  });
}
