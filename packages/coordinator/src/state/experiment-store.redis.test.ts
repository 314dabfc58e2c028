import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeExperiment, ExperimentStore } from './experiment-store.js';
import { StateKeys } from './state-keys.js';
import type { ExperimentRecord } from './state-types.js';

const redis = new Redis('redis://127.0.0.1:6379');
const keys = new StateKeys(`fedra-test-${randomUUID()}`);

afterAll(async () => {
  const found = await redis.keys(`*${keys.prefix}*`);
  if (found.length > 0) await redis.del(...found);
  redis.disconnect();
});

function experiment(experimentId: string, spec: string): ExperimentRecord {
  return {
    experimentId,
    owner: 'spiffe://test.fedra/scientist/ada',
    state: 'CREATED',
    specBytes: Buffer.from(spec),
    specSha256: spec.padEnd(64, '0'),
    metadata: { displayName: 'mnist', description: '', labels: { team: 'a' } },
    currentRound: 0,
    currentAttempt: 0,
    latestModelVersion: 0,
    createTimeMs: 5,
    startTimeMs: 0,
    finishTimeMs: 0,
    statusDetail: '',
  };
}

describe('ExperimentStore.get', () => {
  it('reads the state every time and decodes the spec once', async () => {
    const store = new ExperimentStore(redis, keys);
    const record = experiment('e1', 'aa');
    await redis.hset(keys.experiment('e1'), encodeExperiment(record));
    const first = await store.get('e1');
    expect(first).toEqual(record);
    await redis.hset(keys.experiment('e1'), { state: 'RUNNING', currentRound: '2' });
    const second = await store.get('e1');
    expect(second).toEqual({ ...record, state: 'RUNNING', currentRound: 2 });
    expect(second?.specBytes).toBe(first?.specBytes);
    expect(Object.isFrozen(second?.metadata.labels)).toBe(true);
    // Another replica's store sees the same record.
    expect(await new ExperimentStore(redis, keys).get('e1')).toEqual(second);
  });

  it('reads the whole record again when its spec hash changed, and nothing when it is gone', async () => {
    const store = new ExperimentStore(redis, keys);
    await redis.hset(keys.experiment('e2'), encodeExperiment(experiment('e2', 'bb')));
    expect((await store.get('e2'))?.specBytes.toString()).toBe('bb');
    const replaced = experiment('e2', 'cc');
    await redis.del(keys.experiment('e2'));
    await redis.hset(keys.experiment('e2'), encodeExperiment(replaced));
    expect(await store.get('e2')).toEqual(replaced);
    await redis.del(keys.experiment('e2'));
    expect(await store.get('e2')).toBeUndefined();
  });
});
