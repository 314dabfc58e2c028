/**
 * The audit log in Redis: one hash-chained record per round commit and per
 * admin action, appended by any coordinator replica.
 *
 * Redis scripts cannot compute sha256 (Lua has only `redis.sha1hex`), so an
 * append is optimistic: the client reads the head (seq, hash), builds and
 * hashes the next record, then a Lua compare-and-set appends it only if the
 * head is still what the record links to. On a conflict the script answers
 * with the current head and the client rebuilds the record on top of it.
 * Every successful append therefore extends the chain by exactly one record,
 * with no gaps and no forks, however many replicas append at once.
 *
 * Keys: `<keyPrefix>:records` (a list, index i holds seq i + 1) and
 * `<keyPrefix>:head` (a hash with `seq` and `hash`). Both carry the same
 * `{…}` hash tag in the default prefix so they share a Redis Cluster slot,
 * which a multi-key script needs.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { FedraError } from '@fedra/common';
import {
  GENESIS_HASH,
  hashRecord,
  validateAuditEntry,
  verifyChain,
  type AuditEntry,
  type AuditRecord,
  type ChainVerification,
} from './audit-chain.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import { RedisScript, replyStrings } from '../state/redis-script.js';

/** Options for {@link RedisAuditLog}. */
export interface RedisAuditLogOptions {
  /** A connected ioredis client. The log borrows it and never closes it. */
  readonly redis: Redis;
  /**
   * Prefix of the log's two keys. Keep a `{…}` hash tag in it so both keys
   * land in one Redis Cluster slot.
   * @default 'fedra:{audit}'
   */
  readonly keyPrefix?: string;
  /**
   * How many times one append rebuilds its record after losing a race
   * before giving up with `UNAVAILABLE`. Each lost race means another append
   * succeeded, so this only bounds pathological contention.
   * @default 100
   */
  readonly maxAppendAttempts?: number;
}

/** Options for {@link RedisAuditLog.list}. */
export interface AuditListOptions {
  /** First seq to return. @default 1 */
  readonly fromSeq?: number;
  /** Most records to return, 1..1000. @default 100 */
  readonly limit?: number;
}

/** The newest record's position and hash; seq 0 and {@link GENESIS_HASH} when empty. */
export interface AuditHead {
  /** Seq of the newest record, 0 for an empty log. */
  readonly seq: number;
  /** Hash of the newest record. */
  readonly hash: string;
}

const DEFAULT_KEY_PREFIX = 'fedra:{audit}';
const DEFAULT_MAX_APPEND_ATTEMPTS = 100;
const MAX_LIST_LIMIT = 1000;
const VERIFY_PAGE = 1000;

// KEYS: records list, head hash and, for an append-once, its marker. ARGV:
// expected prev hash, new seq, record JSON, genesis hash, new hash.
// Replies {'APPENDED', seq, hash}; {'STALE', seq, hash} (the current head)
// when the caller's view was stale; {'DONE', seq, ''} when the marker
// exists (it holds the seq of the record appended for it). The marker is
// set in the same atomic step as the append.
const APPEND = new RedisScript(
  'audit-append',
  `
if KEYS[3] then
  local done = redis.call('GET', KEYS[3])
  if done then return {'DONE', done, ''} end
end
local head = redis.call('HMGET', KEYS[2], 'seq', 'hash')
local seq = 0
if head[1] then seq = tonumber(head[1]) end
local hash = ARGV[4]
if head[2] then hash = head[2] end
if hash ~= ARGV[1] or seq + 1 ~= tonumber(ARGV[2]) then
  return {'STALE', tostring(seq), hash}
end
if redis.call('LLEN', KEYS[1]) ~= seq then
  return redis.error_reply('ERR fedra audit log: list length disagrees with head')
end
redis.call('RPUSH', KEYS[1], ARGV[3])
redis.call('HSET', KEYS[2], 'seq', ARGV[2], 'hash', ARGV[5])
if KEYS[3] then redis.call('SET', KEYS[3], ARGV[2]) end
return {'APPENDED', ARGV[2], ARGV[5]}
`,
);

/** The outcome of {@link RedisAuditLog.appendOnce}. */
export interface AuditOnceResult {
  /** The seq of the record for this marker. */
  readonly seq: number;
  /** True when this call appended it. */
  readonly appended: boolean;
}

/**
 * An append-only, hash-chained audit log in Redis.
 *
 * @example
 * ```ts
 * const log = new RedisAuditLog({ redis, keyPrefix: 'fedra:{prod}:audit' });
 * await log.append({
 *   at: '2026-11-24T10:00:00.000Z',
 *   actor: 'urn:fedra:coordinator',
 *   action: 'round.commit',
 *   subject: { experimentId: 'mnist', roundNumber: 3, attempt: 1 },
 *   details: { weightsSha256: '…', participants: 12 },
 * });
 * const result = await log.verify(); // { ok: true }
 * ```
 */
export class RedisAuditLog {
  readonly #redis: Redis;
  readonly #recordsKey: string;
  readonly #headKey: string;
  readonly #maxAttempts: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: RedisAuditLogOptions) {
    const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    if (keyPrefix.length === 0) {
      throw new FedraError('INVALID_ARGUMENT', 'keyPrefix must not be empty', {
        metadata: { field: 'keyPrefix' },
      });
    }
    const maxAttempts = options.maxAppendAttempts ?? DEFAULT_MAX_APPEND_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new FedraError('INVALID_ARGUMENT', 'maxAppendAttempts must be an integer >= 1', {
        metadata: { field: 'maxAppendAttempts' },
      });
    }
    this.#redis = options.redis;
    this.#recordsKey = `${keyPrefix}:records`;
    this.#headKey = `${keyPrefix}:head`;
    this.#maxAttempts = maxAttempts;
  }

  /** The keys this log writes, for operators and test clean-up. */
  get keys(): readonly string[] {
    return [this.#recordsKey, this.#headKey];
  }

  /**
   * Appends one record and returns it as stored.
   *
   * @throws FedraError `INVALID_ARGUMENT` for a malformed entry;
   *   `UNAVAILABLE` when Redis fails or the append lost `maxAppendAttempts` races.
   */
  async append(entry: AuditEntry): Promise<AuditRecord> {
    const result = await this.#queued(entry, undefined);
    if (result.record === undefined) throw new FedraError('INTERNAL', 'the audit append was lost');
    return result.record;
  }

  /**
   * Appends `entry` unless a record was appended for `markerKey` before
   * (e.g. one record per committed round, however many drivers redo the
   * step that writes it): the marker is checked and set in the same atomic
   * step as the append. Keep the marker in the log's hash-tag slot.
   *
   * @throws FedraError as {@link RedisAuditLog.append}.
   */
  async appendOnce(entry: AuditEntry, markerKey: string): Promise<AuditOnceResult> {
    const result = await this.#queued(entry, markerKey);
    return { seq: result.seq, appended: result.record !== undefined };
  }

  #queued(
    entry: AuditEntry,
    markerKey: string | undefined,
  ): Promise<{ seq: number; record?: AuditRecord }> {
    validateAuditEntry(entry);
    // Appends from one instance queue behind each other: racing them would
    // only make them lose to one another (quadratic retries), while races
    // between replicas are still settled by the compare-and-set.
    const result = this.#queue.then(() => this.#appendValid(entry, markerKey));
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async #appendValid(
    entry: AuditEntry,
    markerKey: string | undefined,
  ): Promise<{ seq: number; record?: AuditRecord }> {
    // Copy only the known fields so extra properties never reach the log.
    const base = {
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject: { ...entry.subject },
      details: entry.details,
    };
    let head = await this.head();
    for (let attempt = 0; attempt < this.#maxAttempts; attempt += 1) {
      const body = { ...base, seq: head.seq + 1, prevHash: head.hash };
      const record: AuditRecord = { ...body, hash: hashRecord(body) };
      const keys = [this.#recordsKey, this.#headKey];
      if (markerKey !== undefined) keys.push(markerKey);
      const [status, seq = '', hash = ''] = replyStrings(
        await APPEND.run(this.#redis, keys, [
          record.prevHash,
          String(record.seq),
          canonicalJson(record),
          GENESIS_HASH,
          record.hash,
        ]),
        APPEND.name,
      );
      if (status === 'APPENDED') return { seq: record.seq, record };
      if (status === 'DONE') return { seq: Number(seq) };
      if (status !== 'STALE')
        throw new FedraError('INTERNAL', 'unexpected reply from the audit append script');
      head = { seq: Number(seq), hash };
    }
    throw new FedraError(
      'UNAVAILABLE',
      `audit append lost ${this.#maxAttempts} races in a row; retry`,
      { metadata: { dependency: 'redis' } },
    );
  }

  /** The newest record's seq and hash. */
  async head(): Promise<AuditHead> {
    const [seq, hash] = await this.#call(() => this.#redis.hmget(this.#headKey, 'seq', 'hash'));
    return { seq: seq == null ? 0 : Number(seq), hash: hash ?? GENESIS_HASH };
  }

  /**
   * Records in seq order from `fromSeq`, at most `limit` of them.
   *
   * @throws FedraError `INVALID_ARGUMENT` for a bad range; `INTERNAL` if a
   *   stored record is not a record at all (use {@link verify} to locate damage).
   */
  async list(options: AuditListOptions = {}): Promise<AuditRecord[]> {
    const fromSeq = options.fromSeq ?? 1;
    const limit = options.limit ?? 100;
    if (!Number.isSafeInteger(fromSeq) || fromSeq < 1) {
      throw new FedraError('INVALID_ARGUMENT', 'fromSeq must be an integer >= 1', {
        metadata: { field: 'fromSeq' },
      });
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new FedraError('INVALID_ARGUMENT', `limit must be an integer in 1..${MAX_LIST_LIMIT}`, {
        metadata: { field: 'limit' },
      });
    }
    const raw = await this.#range(fromSeq, limit);
    return raw.map((text, i) => {
      const record = parseRecord(text);
      if (record === undefined) {
        throw new FedraError('INTERNAL', `audit record ${fromSeq + i} is malformed`, {
          metadata: { seq: String(fromSeq + i) },
        });
      }
      return record;
    });
  }

  /**
   * Re-verifies the chain up to the head read at the start: every record's
   * hash and link, and that the last one matches the head. Records appended
   * while it runs are left for the next call.
   *
   * With a range, only records `fromSeq`..`toSeq` are checked: the first
   * one's link is checked against the stored hash of the record before it
   * (which the range does not vouch for), and the head only when `toSeq` is
   * the head. The caller keeps the range within 1..head.
   */
  async verify(range: { fromSeq?: number; toSeq?: number } = {}): Promise<ChainVerification> {
    const head = await this.head();
    const first = range.fromSeq ?? 1;
    const last = Math.min(range.toSeq ?? head.seq, head.seq);
    let prevHash = GENESIS_HASH;
    if (first > 1 && first <= last) {
      const [text] = await this.#range(first - 1, 1);
      const before = text === undefined ? undefined : parseRecord(text);
      if (before === undefined) return broken(first, 'the record before the range is unreadable');
      prevHash = before.hash;
    }
    for (let fromSeq = first; fromSeq <= last; fromSeq += VERIFY_PAGE) {
      const count = Math.min(VERIFY_PAGE, last - fromSeq + 1);
      const raw = await this.#range(fromSeq, count);
      const records: AuditRecord[] = [];
      for (const [i, text] of raw.entries()) {
        const record = parseRecord(text);
        if (record === undefined) {
          const before = verifyChain(records, { fromHash: prevHash, fromSeq });
          return before.ok ? broken(fromSeq + i, 'record is not valid JSON of a record') : before;
        }
        records.push(record);
      }
      const result = verifyChain(records, { fromHash: prevHash, fromSeq });
      if (!result.ok) return result;
      if (raw.length < count) {
        return broken(
          fromSeq + raw.length,
          'record is missing (the list is shorter than the head)',
        );
      }
      prevHash = records[records.length - 1]?.hash ?? prevHash;
    }
    if (last === head.seq && first <= last && prevHash !== head.hash) {
      return broken(head.seq, 'the last record does not match the stored head');
    }
    return { ok: true };
  }

  async #range(fromSeq: number, count: number): Promise<string[]> {
    return this.#call(() =>
      this.#redis.lrange(this.#recordsKey, fromSeq - 1, fromSeq - 1 + count - 1),
    );
  }

  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof FedraError) throw error;
      throw new FedraError('UNAVAILABLE', 'redis failed during an audit log operation', {
        cause: error,
        metadata: { dependency: 'redis' },
      });
    }
  }
}

function broken(brokenAt: number, reason: string): ChainVerification {
  return { ok: false, brokenAt, reason };
}

const RECORD_KEYS = new Set([
  'seq',
  'at',
  'actor',
  'action',
  'subject',
  'details',
  'prevHash',
  'hash',
]);

/** Parses a stored record, or returns undefined when it is not shaped like one. */
function parseRecord(text: string): AuditRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  // An extra field would not be covered by the hash, so it counts as damage.
  if (Object.keys(r).some((key) => !RECORD_KEYS.has(key))) return undefined;
  const subject = r['subject'];
  if (
    typeof r['seq'] !== 'number' ||
    typeof r['at'] !== 'string' ||
    typeof r['actor'] !== 'string' ||
    typeof r['action'] !== 'string' ||
    typeof subject !== 'object' ||
    subject === null ||
    Array.isArray(subject) ||
    !('details' in r) ||
    typeof r['prevHash'] !== 'string' ||
    typeof r['hash'] !== 'string'
  ) {
    return undefined;
  }
  return {
    seq: r['seq'],
    at: r['at'],
    actor: r['actor'],
    action: r['action'],
    subject: subject as Record<string, string | number>,
    details: r['details'] as JsonValue,
    prevHash: r['prevHash'],
    hash: r['hash'],
  };
}
