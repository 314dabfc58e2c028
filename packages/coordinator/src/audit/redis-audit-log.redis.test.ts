import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { GENESIS_HASH, hashRecord, type AuditEntry, type AuditRecord } from './audit-chain.js';
import { canonicalJson } from './canonical-json.js';
import { RedisAuditLog } from './redis-audit-log.js';

const REDIS_URL = 'redis://127.0.0.1:6379';

let clients: Redis[] = [];
let keyPrefix = '';

function client(): Redis {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  clients.push(redis);
  return redis;
}

function entry(actor: string, n: number): AuditEntry {
  return {
    at: '2026-11-24T10:00:00.000Z',
    actor: `spiffe://fed.example/admin/${actor}`,
    action: 'experiment.pause',
    subject: { experimentId: 'mnist', n },
    details: { reason: 'test', n },
  };
}

beforeEach(() => {
  keyPrefix = `fedra:{test-${randomUUID()}}:audit`;
  clients = [];
});

afterEach(async () => {
  const [first] = clients;
  if (first !== undefined) {
    await first.del(`${keyPrefix}:records`, `${keyPrefix}:head`);
    expect(await first.exists(`${keyPrefix}:records`, `${keyPrefix}:head`)).toBe(0);
  }
  await Promise.all(clients.map((c) => c.quit()));
});

describe('RedisAuditLog', () => {
  it('starts empty, and an empty log verifies', async () => {
    const log = new RedisAuditLog({ redis: client(), keyPrefix });
    expect(await log.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
    expect(await log.list()).toEqual([]);
    expect(await log.verify()).toEqual({ ok: true });
  });

  it('appends linked records and lists them by range', async () => {
    const log = new RedisAuditLog({ redis: client(), keyPrefix });
    const appended: AuditRecord[] = [];
    for (let n = 0; n < 5; n += 1) appended.push(await log.append(entry('alice', n)));
    expect(appended.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(appended[0]?.prevHash).toBe(GENESIS_HASH);
    expect(appended[1]?.prevHash).toBe(appended[0]?.hash);
    expect(await log.head()).toEqual({ seq: 5, hash: appended[4]?.hash });
    expect(await log.list()).toEqual(appended);
    expect(await log.list({ fromSeq: 2, limit: 2 })).toEqual(appended.slice(1, 3));
    expect(await log.list({ fromSeq: 9 })).toEqual([]);
    expect(await log.verify()).toEqual({ ok: true });
  });

  it('makes one gap-free chain from concurrent appends by two clients', async () => {
    const a = new RedisAuditLog({ redis: client(), keyPrefix });
    const b = new RedisAuditLog({ redis: client(), keyPrefix });
    const perClient = 40;
    const results = await Promise.all([
      ...Array.from({ length: perClient }, (_, n) => a.append(entry('alice', n))),
      ...Array.from({ length: perClient }, (_, n) => b.append(entry('bob', n))),
    ]);
    const records = await a.list({ limit: 1000 });
    expect(records.map((r) => r.seq)).toEqual(
      Array.from({ length: 2 * perClient }, (_, i) => i + 1),
    );
    // Every append's returned record is exactly the stored one at its seq.
    for (const result of results) expect(records[result.seq - 1]).toEqual(result);
    expect(records.filter((r) => r.actor.endsWith('/alice'))).toHaveLength(perClient);
    expect(await b.verify()).toEqual({ ok: true });
  });

  it('appends once per marker, however many clients race to append it', async () => {
    const a = new RedisAuditLog({ redis: client(), keyPrefix });
    const b = new RedisAuditLog({ redis: client(), keyPrefix });
    const marker = `${keyPrefix}:once:round-commit.1`;
    await a.append(entry('alice', 0));
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, n) => a.appendOnce(entry('alice', n + 1), marker)),
      ...Array.from({ length: 5 }, (_, n) => b.appendOnce(entry('bob', n + 1), marker)),
      b.append(entry('bob', 9)),
    ]);
    const once = results.slice(0, 10) as { seq: number; appended: boolean }[];
    expect(once.filter((r) => r.appended)).toHaveLength(1);
    const seq = once[0]?.seq ?? 0;
    expect(once.every((r) => r.seq === seq)).toBe(true);
    const records = await a.list({ limit: 1000 });
    expect(records).toHaveLength(3);
    expect(records[seq - 1]?.subject['n']).toBeGreaterThanOrEqual(1);
    expect(records[seq - 1]?.subject['n']).toBeLessThanOrEqual(5);
    expect(await a.verify()).toEqual({ ok: true });
    // Later appends for the marker find it done.
    expect(await a.appendOnce(entry('alice', 7), marker)).toEqual({ seq, appended: false });
    expect(await a.list({ limit: 1000 })).toHaveLength(3);
    await a.append(entry('alice', 8));
    const [first] = clients;
    await first?.del(marker);
  });

  it('detects a record rewritten in Redis at its seq', async () => {
    const redis = client();
    const log = new RedisAuditLog({ redis, keyPrefix });
    for (let n = 0; n < 5; n += 1) await log.append(entry('alice', n));
    const [third] = await log.list({ fromSeq: 3, limit: 1 });
    if (third === undefined) throw new Error('missing record');
    await redis.lset(`${keyPrefix}:records`, 2, canonicalJson({ ...third, details: { n: 42 } }));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects a rewritten and re-hashed record at the next seq, and at the head', async () => {
    const redis = client();
    const log = new RedisAuditLog({ redis, keyPrefix });
    for (let n = 0; n < 4; n += 1) await log.append(entry('alice', n));
    const records = await log.list();
    const forge = (r: AuditRecord): string => {
      const body = { ...r, action: 'experiment.resume' };
      return canonicalJson({ ...body, hash: hashRecord(body) });
    };
    await redis.lset(`${keyPrefix}:records`, 1, forge(records[1] as AuditRecord));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3 });

    await redis.lset(`${keyPrefix}:records`, 1, canonicalJson(records[1]));
    expect(await log.verify()).toEqual({ ok: true });
    await redis.lset(`${keyPrefix}:records`, 3, forge(records[3] as AuditRecord));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects garbage, extra fields and a truncated list', async () => {
    const redis = client();
    const log = new RedisAuditLog({ redis, keyPrefix });
    for (let n = 0; n < 3; n += 1) await log.append(entry('alice', n));
    const records = await log.list();

    await redis.lset(`${keyPrefix}:records`, 1, 'not json');
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
    await expect(log.list()).rejects.toMatchObject({ code: 'INTERNAL' });

    await redis.lset(`${keyPrefix}:records`, 1, canonicalJson({ ...records[1], extra: 1 }));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });

    await redis.lset(`${keyPrefix}:records`, 1, canonicalJson(records[1]));
    await redis.rpop(`${keyPrefix}:records`);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('refuses an entry that is not JSON-safe and writes nothing', async () => {
    const log = new RedisAuditLog({ redis: client(), keyPrefix });
    const bad = { ...entry('alice', 1), details: { at: new Date(0) } } as unknown as AuditEntry;
    await expect(log.append(bad)).rejects.toBeInstanceOf(FedraError);
    await expect(log.append(bad)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await log.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('rejects bad list ranges and options', async () => {
    const log = new RedisAuditLog({ redis: client(), keyPrefix });
    await expect(log.list({ fromSeq: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(log.list({ limit: 1001 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(() => new RedisAuditLog({ redis: client(), maxAppendAttempts: 0 })).toThrow(FedraError);
  });
});
