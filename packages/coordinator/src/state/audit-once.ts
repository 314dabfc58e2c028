/**
 * Appends an audit record at most once per token (e.g. one record per
 * committed round), however many drivers redo the step that writes it.
 *
 * The append is the audit log's own optimistic compare-and-set on its head
 * (see `audit/redis-audit-log.ts`, whose key layout and record encoding
 * this follows) with one more key in the script: a marker that is checked
 * and set in the same atomic step as the append. The marker lives in the
 * audit log's hash-tag slot, so the three keys share a Redis Cluster slot.
 * A stalled driver that wakes up after a newer one appended finds the
 * marker and appends nothing.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import { FedraError } from '@fedra/common';
import { canonicalJson } from '../audit/canonical-json.js';
import { GENESIS_HASH, hashRecord, validateAuditEntry } from '../audit/audit-chain.js';
import type { AuditEntry, AuditRecord } from '../audit/audit-chain.js';
import { redisCall, RedisScript, replyStrings } from './redis-script.js';

// KEYS: records list, head hash, marker. ARGV: prev hash, seq, record JSON,
// genesis hash, record hash. Replies {'DONE', seq} when the marker exists,
// {'STALE', seq, hash} when the head moved, {'APPENDED', seq}.
const APPEND_ONCE = new RedisScript(
  'audit-append-once',
  `
local done = redis.call('GET', KEYS[3])
if done then return {'DONE', done} end
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
redis.call('SET', KEYS[3], ARGV[2])
return {'APPENDED', ARGV[2]}
`,
);

/** The outcome of {@link appendAuditOnce}. */
export interface AuditOnceResult {
  /** The seq of the record for this token. */
  readonly seq: number;
  /** True when this call appended it. */
  readonly appended: boolean;
}

/**
 * Appends `entry` to the audit log at `auditPrefix` unless an entry with
 * the same `markerKey` was appended before.
 *
 * @throws FedraError `INVALID_ARGUMENT` for a malformed entry, `UNAVAILABLE`
 *   when Redis fails or the append keeps losing races.
 */
export async function appendAuditOnce(
  redis: Redis,
  auditPrefix: string,
  markerKey: string,
  entry: AuditEntry,
): Promise<AuditOnceResult> {
  validateAuditEntry(entry);
  const records = `${auditPrefix}:records`;
  const headKey = `${auditPrefix}:head`;
  const base = {
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: { ...entry.subject },
    details: entry.details,
  };
  const [seqText, hashText] = await redisCall(() => redis.hmget(headKey, 'seq', 'hash'));
  let head = { seq: seqText == null ? 0 : Number(seqText), hash: hashText ?? GENESIS_HASH };
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const body = { ...base, seq: head.seq + 1, prevHash: head.hash };
    const record: AuditRecord = { ...body, hash: hashRecord(body) };
    const reply = replyStrings(
      await APPEND_ONCE.run(
        redis,
        [records, headKey, markerKey],
        [record.prevHash, String(record.seq), canonicalJson(record), GENESIS_HASH, record.hash],
      ),
      APPEND_ONCE.name,
    );
    if (reply[0] === 'DONE') return { seq: Number(reply[1]), appended: false };
    if (reply[0] === 'APPENDED') return { seq: Number(reply[1]), appended: true };
    head = { seq: Number(reply[1]), hash: reply[2] ?? GENESIS_HASH };
  }
  throw new FedraError('UNAVAILABLE', 'audit append lost 100 races in a row; retry', {
    metadata: { dependency: 'redis' },
  });
}
