import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FencedError } from '@fedra/common';
import { AttemptStore, encodeAttempt } from './attempt-store.js';
import { CheckedWrite } from './checked-write.js';
import { StateKeys } from './state-keys.js';
import type { AttemptRecord } from './state-types.js';

const redis = new Redis('redis://127.0.0.1:6379');
const keys = new StateKeys(`fedra-test-${randomUUID()}`);
const store = new AttemptStore(redis, keys);

afterAll(async () => {
  const found = await redis.keys(`*${keys.prefix}*`);
  if (found.length > 0) await redis.del(...found);
  redis.disconnect();
});

function attempt(experimentId: string): AttemptRecord {
  return {
    experimentId,
    roundNumber: 1,
    attempt: 1,
    stage: 'setup',
    phase: 'open',
    epoch: 0,
    deadlineMs: 1,
    claimedAtMs: 0,
    openTimeMs: 1,
    endTimeMs: 0,
    participants: [
      { workerId: 'w1', region: 'eu' },
      { workerId: 'w2', region: 'us' },
    ],
    roundConfig: Buffer.from([1, 2, 3]),
    configSha256: 'ab'.repeat(32),
    configSignature: Buffer.alloc(0),
    configSignatureAlgorithm: '',
    baseModelVersion: 0,
    baseModelSha256: 'cd'.repeat(32),
    vectorLength: 13,
    runningSumSha256: '',
    abortReason: '',
    abortDetail: '',
  };
}

async function seed(experimentId: string): Promise<AttemptRecord> {
  const record = attempt(experimentId);
  await redis.hset(keys.experiment(experimentId), {
    state: 'RUNNING',
    currentRound: '1',
    currentAttempt: '1',
  });
  expect(await store.open(record, { snapshot: '{}', expected: ['w1', 'w2'], events: [] })).toBe(
    'OPENED',
  );
  return record;
}

describe('AttemptStore fencing', () => {
  beforeAll(async () => {
    await redis.ping();
  });

  it('rejects the write of a driver whose epoch a newer driver superseded', async () => {
    const record = await seed('fence1');
    const stale = await store.claim(record, 'setup');
    const fresh = await store.claim(record, 'setup');
    expect(stale).toBe(1);
    expect(fresh).toBe(2);

    const write = store.transition(record, stale ?? 0, 'setup', {
      stage: 'share-keys',
      snapshot: '{"stale":true}',
      expected: ['w1'],
    });
    await expect(write).rejects.toBeInstanceOf(FencedError);
    await expect(write).rejects.toMatchObject({ code: 'FENCED', metadata: { fencingEpoch: '1' } });
    // Nothing of the stale write landed.
    expect((await store.get(record))?.stage).toBe('setup');
    expect(await store.snapshot(record)).toBe('{}');
    expect(await store.expected(record)).toEqual(['w1', 'w2']);

    await store.transition(record, fresh ?? 0, 'setup', {
      stage: 'share-keys',
      snapshot: '{"fresh":true}',
      expected: ['w2'],
    });
    const after = await store.get(record);
    expect(after?.stage).toBe('share-keys');
    expect(after?.phase).toBe('open');
    expect(after?.epoch).toBe(2);
    expect(await store.snapshot(record)).toBe('{"fresh":true}');
    expect(await store.expected(record)).toEqual(['w2']);
  });

  it('does not let a driver claim a stage the attempt has left, nor write twice with one epoch', async () => {
    const record = await seed('fence2');
    const epoch = (await store.claim(record, 'setup')) ?? 0;
    await store.transition(record, epoch, 'setup', { stage: 'share-keys' });
    expect(await store.claim(record, 'setup')).toBeUndefined();
    await expect(
      store.transition(record, epoch, 'setup', { stage: 'share-keys' }),
    ).rejects.toBeInstanceOf(FencedError);
  });

  it('freezes the inbox while a driver closes the stage, and keeps the first of two different messages', async () => {
    const record = await seed('fence3');
    const first = await store.storeMessage(record, 'setup', 'w1', Buffer.from('one'));
    expect(first).toEqual({ status: 'STORED', received: 1, expected: 2 });
    expect(await store.storeMessage(record, 'setup', 'w1', Buffer.from('one'))).toEqual({
      status: 'SAME',
      received: 1,
      expected: 2,
    });
    expect(await store.storeMessage(record, 'setup', 'w1', Buffer.from('two'))).toMatchObject({
      status: 'DIFFERENT',
    });
    expect(await store.storeMessage(record, 'setup', 'w9', Buffer.from('x'))).toMatchObject({
      status: 'NOT_EXPECTED',
    });
    expect(await store.storeMessage(record, 'share-keys', 'w2', Buffer.from('x'))).toMatchObject({
      status: 'WRONG_STAGE',
      stage: 'setup',
    });
    await store.claim(record, 'setup');
    expect(await store.storeMessage(record, 'setup', 'w2', Buffer.from('late'))).toMatchObject({
      status: 'CLOSED',
    });
    expect([...(await store.inbox(record, 'setup'))]).toEqual([['w1', Buffer.from('one')]]);
  });

  it('opens an attempt once, and only while it is the experiment current one', async () => {
    const record = await seed('fence4');
    expect(await store.open(record, { snapshot: '{}', expected: [], events: [] })).toBe('EXISTS');
    const next = { ...record, attempt: 2 };
    expect(await store.open(next, { snapshot: '{}', expected: [], events: [] })).toBe(
      'NOT_CURRENT',
    );
    expect(encodeAttempt(record)['stage']).toBe('setup');
  });

  it('compacts a finished attempt: per-stage keys go, the record and drops stay, marked compacted', async () => {
    const record = await seed('compact1');
    await store.storeMessage(record, 'setup', 'w1', Buffer.from('one'));
    await store.markNotified(record, 'setup', ['w1']);
    expect(await store.notified(record, 'setup', ['w1', 'w2'])).toEqual(new Set(['w1']));
    const drop = {
      workerId: 'w2',
      stage: 'setup',
      reason: 'REFUSED',
      refusalReason: '',
      detail: '',
    } as const;
    await store.withdraw(record, 'setup', drop);
    expect(await store.isCompacted(record)).toBe(false);
    await store.compact(record);
    expect(await store.isCompacted(record)).toBe(true);
    expect(await store.inbox(record, 'setup')).toEqual(new Map());
    expect(await store.expected(record)).toEqual([]);
    expect(await store.notified(record, 'setup', ['w1'])).toEqual(new Set());
    expect((await store.get(record))?.stage).toBe('setup');
    expect(await store.drops(record)).toEqual([drop]);
  });
});

describe('AttemptStore.get', () => {
  it('reads what changes each time and decodes the rest once per attempt', async () => {
    const record = await seed('cache1');
    const first = await store.get(record);
    expect(first).toEqual(record);
    const epoch = await store.claim(record, 'setup');
    await store.transition(record, epoch ?? 0, 'setup', {
      stage: 'share-keys',
      snapshot: '{}',
      expected: ['w1'],
    });
    const second = await store.get(record);
    expect(second).toMatchObject({ stage: 'share-keys', phase: 'open', epoch: 1 });
    // The unchanging part is shared, frozen, and equal to what was stored.
    expect(second?.participants).toBe(first?.participants);
    expect(Object.isFrozen(second?.participants)).toBe(true);
    expect(second?.participants).toEqual(record.participants);
    // A fresh store (another replica) decodes the same record.
    expect(await new AttemptStore(redis, keys).get(record)).toEqual(second);
  });

  it('drops the cached part when the record under the key is a different one', async () => {
    const record = await seed('cache2');
    expect((await store.get(record))?.vectorLength).toBe(13);
    // Only a test does this: the attempt's hash replaced by another config.
    const other = { ...attempt('cache2'), configSha256: 'ef'.repeat(32), vectorLength: 99 };
    await redis.del(keys.attempt(record));
    await redis.hset(keys.attempt(record), encodeAttempt(other));
    expect(await store.get(record)).toEqual(other);
    await redis.del(keys.attempt(record));
    expect(await store.get(record)).toBeUndefined();
  });
});

describe('CheckedWrite', () => {
  it('writes nothing when any check fails, and names the check', async () => {
    const key = `${keys.prefix}:cw`;
    await redis.hset(key, { a: '1' });
    const result = await new CheckedWrite()
      .hashEquals('a-is-1', key, 'a', '1')
      .hashEquals('b-is-2', key, 'b', '2')
      .hset(key, { a: '9' })
      .run(redis);
    expect(result).toEqual({ ok: false, failed: 'b-is-2', actual: '' });
    expect(await redis.hget(key, 'a')).toBe('1');
    expect(
      await new CheckedWrite().hashEquals('a-is-1', key, 'a', '1').hset(key, { a: '9' }).run(redis),
    ).toEqual({ ok: true });
    expect(await redis.hget(key, 'a')).toBe('9');
  });
});
