/**
 * Registered workers and their task streams, in Redis so any replica can
 * serve any worker: one hash per worker, a sorted index (`<region>/<id>`,
 * listing order), and one Redis Stream of tasks per worker that
 * StreamTasks reads from the worker's cursor (the stream id).
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { WorkerNotFoundError } from '@fedra/common';
import { redisCall } from './redis-script.js';
import type { AttemptKey, StateKeys } from './state-keys.js';

/**
 * What an admin made of a worker.
 *
 * - `'active'`: selectable while its heartbeats are fresh.
 * - `'draining'`: finishes its attempts, takes no new ones.
 * - `'evicted'`: disconnected by an admin until it registers again.
 */
export type WorkerStatus = 'active' | 'draining' | 'evicted';

/** A dataset a worker advertised. */
export interface DatasetRecord {
  /** Name, e.g. `mnist`. */
  readonly name: string;
  /** Training examples. */
  readonly exampleCount: number;
  /** Shape of one example. */
  readonly inputShape: readonly number[];
  /** Label classes. */
  readonly numClasses: number;
}

/** The machine a worker runs on. */
export interface DeviceRecord {
  readonly platform: string;
  readonly arch: string;
  readonly cpuCores: number;
  readonly memoryBytes: number;
  readonly gpus: readonly string[];
}

/** A registered worker. */
export interface WorkerRecord {
  /** The id from its certificate. */
  readonly workerId: string;
  /** The region from its certificate. */
  readonly region: string;
  /** The full SPIFFE id. */
  readonly spiffeId: string;
  /** The current registration's session id. */
  readonly sessionId: string;
  /** Protocol version it registered with. */
  readonly protocolVersion: number;
  /** Secure-aggregation suites it supports. */
  readonly secaggSuites: readonly string[];
  /** Training backend (wire enum name). */
  readonly backend: string;
  /** Its machine. */
  readonly device: DeviceRecord;
  /** Datasets it can train on. */
  readonly datasets: readonly DatasetRecord[];
  /** Its software version. */
  readonly workerVersion: string;
  /** When the current session registered (ms). */
  readonly registerTimeMs: number;
  /** When its last heartbeat arrived (ms). */
  readonly lastHeartbeatMs: number;
  /** Admin status. */
  readonly status: WorkerStatus;
  /** Why it is draining or evicted. */
  readonly statusReason: string;
  /** DER of its client certificate (empty on an insecure coordinator). */
  readonly certificateDer: Buffer;
  /** When the certificate expires (ms), or 0. */
  readonly certificateExpireMs: number;
  /** Attempts it reported in its last heartbeat. */
  readonly activeAttempts: readonly AttemptKey[];
  /** The replica that served its last Register or heartbeat. */
  readonly replicaId: string;
}

/** One task as stored in a worker's stream. */
export interface StoredTask {
  /** The stream id: the worker's cursor. */
  readonly id: string;
  /** The serialized fedra.v1.StreamTasksResponse (cursor and remaining left unset). */
  readonly task: Buffer;
  /** The deadline the task's `remaining` counts down to (ms), or 0. */
  readonly deadlineMs: number;
  /** The attempt the task concerns, when any. */
  readonly attempt: AttemptKey | undefined;
  /** The stage the task opens (`setup` for an invitation), or ''. */
  readonly stage: string;
}

/** Most tasks a worker's stream keeps (approximate MAXLEN). */
export const TASK_STREAM_MAX_LENGTH = 1000;

/** Where a queued task belongs. */
export interface TaskInfo {
  /** When the task stops mattering (ms), or 0. */
  readonly deadlineMs: number;
  /** The attempt it is part of, if any. */
  readonly attempt?: AttemptKey | undefined;
  /** The stage it opens, if any. */
  readonly stage?: string | undefined;
}

/** Reads and writes workers and their task streams. */
export class WorkerRegistry {
  readonly #redis: Redis;
  readonly #keys: StateKeys;

  constructor(redis: Redis, keys: StateKeys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  /** Creates or replaces a worker's registration. */
  async register(record: WorkerRecord): Promise<void> {
    await redisCall(() =>
      this.#redis
        .multi()
        .del(this.#keys.worker(record.workerId))
        .hset(this.#keys.worker(record.workerId), encodeWorker(record))
        .zadd(this.#keys.workers(), 0, `${record.region}/${record.workerId}`)
        .exec(),
    );
  }

  /** The worker, or undefined. */
  async find(workerId: string): Promise<WorkerRecord | undefined> {
    const hash = await redisCall(() => this.#redis.hgetall(this.#keys.worker(workerId)));
    if (hash['region'] === undefined) return undefined;
    return decodeWorker(workerId, hash);
  }

  /** @throws WorkerNotFoundError when the worker never registered. */
  async get(workerId: string): Promise<WorkerRecord> {
    const record = await this.find(workerId);
    if (record === undefined) throw new WorkerNotFoundError(workerId);
    return record;
  }

  /** Every registered worker, ordered by region then id. */
  async all(): Promise<WorkerRecord[]> {
    const members = await redisCall(() => this.#redis.zrange(this.#keys.workers(), '0', '-1'));
    const out: WorkerRecord[] = [];
    for (const member of members) {
      const workerId = member.slice(member.indexOf('/') + 1);
      const record = await this.find(workerId);
      if (record !== undefined) out.push(record);
    }
    return out;
  }

  /** Records a heartbeat of the current session. */
  async heartbeat(
    workerId: string,
    nowMs: number,
    activeAttempts: readonly AttemptKey[],
    replicaId: string,
  ): Promise<void> {
    await redisCall(() =>
      this.#redis.hset(this.#keys.worker(workerId), {
        lastHeartbeatMs: String(nowMs),
        activeAttempts: JSON.stringify(activeAttempts),
        replicaId,
      }),
    );
  }

  /** Sets a worker's admin status. */
  async setStatus(workerId: string, status: WorkerStatus, reason: string): Promise<void> {
    await redisCall(() =>
      this.#redis.hset(this.#keys.worker(workerId), { status, statusReason: reason }),
    );
  }

  /** Queues a task on the worker's stream; returns its stream id. */
  async addTask(workerId: string, task: Buffer, info: TaskInfo): Promise<string> {
    const [id] = await this.addTasks([workerId], task, info);
    return id ?? '';
  }

  /**
   * Queues the same task on each worker's stream, in one pipeline (one
   * write to Redis, not one round trip per worker); returns the stream ids.
   */
  async addTasks(workerIds: readonly string[], task: Buffer, info: TaskInfo): Promise<string[]> {
    if (workerIds.length === 0) return [];
    const attempt =
      info.attempt === undefined
        ? ''
        : `${info.attempt.experimentId}/${info.attempt.roundNumber}/${info.attempt.attempt}`;
    return redisCall(async () => {
      const pipeline = this.#redis.pipeline();
      for (const workerId of workerIds) {
        pipeline.xadd(
          this.#keys.workerTasks(workerId),
          'MAXLEN',
          '~',
          String(TASK_STREAM_MAX_LENGTH),
          '*',
          'task',
          task,
          'deadlineMs',
          String(info.deadlineMs),
          'attempt',
          attempt,
          'stage',
          info.stage ?? '',
        );
      }
      const replies = (await pipeline.exec()) ?? [];
      return replies.map(([error, id]) => {
        if (error !== null) throw error;
        return typeof id === 'string' ? id : '';
      });
    });
  }

  /**
   * Reads the worker's tasks after `cursor` ('0' for all retained),
   * blocking up to `blockMs` when there are none. Use a connection of its
   * own: a blocking read holds the connection.
   */
  async readTasks(
    connection: Redis,
    workerId: string,
    cursor: string,
    blockMs: number,
  ): Promise<StoredTask[]> {
    const reply = await redisCall(() =>
      connection.xreadBuffer(
        'COUNT',
        100,
        'BLOCK',
        blockMs,
        'STREAMS',
        this.#keys.workerTasks(workerId),
        cursor,
      ),
    );
    if (reply === null) return [];
    const out: StoredTask[] = [];
    for (const [, entries] of reply as Array<[Buffer, Array<[Buffer, Buffer[]]>]>) {
      for (const [id, fields] of entries) {
        const map = new Map<string, Buffer>();
        for (let i = 0; i + 1 < fields.length; i += 2)
          map.set(String(fields[i]), fields[i + 1] as Buffer);
        const attemptText = map.get('attempt')?.toString() ?? '';
        const [experimentId = '', round = '0', attempt = '0'] = attemptText.split('/');
        out.push({
          id: id.toString(),
          task: map.get('task') ?? Buffer.alloc(0),
          deadlineMs: Number(map.get('deadlineMs')?.toString() ?? '0'),
          attempt:
            attemptText === ''
              ? undefined
              : { experimentId, roundNumber: Number(round), attempt: Number(attempt) },
          stage: map.get('stage')?.toString() ?? '',
        });
      }
    }
    return out;
  }

  /** The id of the newest task, or '0-0' when the stream is empty. */
  async lastTaskId(workerId: string): Promise<string> {
    const entries = await redisCall(() =>
      this.#redis.xrevrange(this.#keys.workerTasks(workerId), '+', '-', 'COUNT', 1),
    );
    return entries[0]?.[0] ?? '0-0';
  }
}

function encodeWorker(record: WorkerRecord): Record<string, string> {
  return {
    region: record.region,
    spiffeId: record.spiffeId,
    sessionId: record.sessionId,
    protocolVersion: String(record.protocolVersion),
    secaggSuites: JSON.stringify(record.secaggSuites),
    backend: record.backend,
    device: JSON.stringify(record.device),
    datasets: JSON.stringify(record.datasets),
    workerVersion: record.workerVersion,
    registerTimeMs: String(record.registerTimeMs),
    lastHeartbeatMs: String(record.lastHeartbeatMs),
    status: record.status,
    statusReason: record.statusReason,
    certificateDer: record.certificateDer.toString('base64'),
    certificateExpireMs: String(record.certificateExpireMs),
    activeAttempts: JSON.stringify(record.activeAttempts),
    replicaId: record.replicaId,
  };
}

function decodeWorker(workerId: string, hash: Record<string, string>): WorkerRecord {
  const text = (field: string): string => hash[field] ?? '';
  const number = (field: string): number => Number(hash[field] ?? 0);
  const json = <T>(field: string, fallback: T): T => {
    const value = hash[field];
    return value === undefined || value === '' ? fallback : (JSON.parse(value) as T);
  };
  return {
    workerId,
    region: text('region'),
    spiffeId: text('spiffeId'),
    sessionId: text('sessionId'),
    protocolVersion: number('protocolVersion'),
    secaggSuites: json<string[]>('secaggSuites', []),
    backend: text('backend'),
    device: json<DeviceRecord>('device', {
      platform: '',
      arch: '',
      cpuCores: 0,
      memoryBytes: 0,
      gpus: [],
    }),
    datasets: json<DatasetRecord[]>('datasets', []),
    workerVersion: text('workerVersion'),
    registerTimeMs: number('registerTimeMs'),
    lastHeartbeatMs: number('lastHeartbeatMs'),
    status: (text('status') || 'active') as WorkerStatus,
    statusReason: text('statusReason'),
    certificateDer: Buffer.from(text('certificateDer'), 'base64'),
    certificateExpireMs: number('certificateExpireMs'),
    activeAttempts: json<AttemptKey[]>('activeAttempts', []),
    replicaId: text('replicaId'),
  };
}
