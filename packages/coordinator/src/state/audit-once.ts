/**
 * Appends an audit record at most once per token (e.g. one record per
 * committed round), however many drivers redo the step that writes it:
 * {@link RedisAuditLog.appendOnce} with a marker key that lives in the
 * audit log's hash-tag slot (`StateKeys.auditOnce`), checked and set in the
 * same atomic step as the append. A stalled driver that wakes up after a
 * newer one appended finds the marker and appends nothing.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import type { AuditEntry } from '../audit/audit-chain.js';
import { RedisAuditLog } from '../audit/redis-audit-log.js';
import type { AuditOnceResult } from '../audit/redis-audit-log.js';

export type { AuditOnceResult };

/**
 * Appends `entry` to the audit log at `auditPrefix` unless an entry with
 * the same `markerKey` was appended before.
 *
 * @throws FedraError `INVALID_ARGUMENT` for a malformed entry, `UNAVAILABLE`
 *   when Redis fails or the append keeps losing races.
 */
export function appendAuditOnce(
  redis: Redis,
  auditPrefix: string,
  markerKey: string,
  entry: AuditEntry,
): Promise<AuditOnceResult> {
  return new RedisAuditLog({ redis, keyPrefix: auditPrefix }).appendOnce(entry, markerKey);
}
