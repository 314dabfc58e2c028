/**
 * The clean-up after a round's commit is redone by the next step that finds
 * the attempt finished, so a driver that dies between the commit's write
 * and its clean-up leaks neither staged uploads nor per-stage keys (the
 * real crash is in fault.redis.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAndStart,
  startCoordinator,
  testSpec,
} from '../services/testing/coordinator-fixture.js';
import type { CoordinatorFixture } from '../services/testing/coordinator-fixture.js';
import { attemptLeftovers, waitFor } from '../services/testing/committed-rounds.js';

let fixture: CoordinatorFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe('the clean-up of a finished attempt', () => {
  it('is redone by the retried job of a driver that died after the commit', async () => {
    const f = (fixture = await startCoordinator(5));
    await f.startWorkers(5);
    const experimentId = await createAndStart(f, testSpec({ rounds: 1 }));
    const { attempts, experiments, keys, modelStore, redis } = f.coordinator.context;
    await waitFor(
      async () => ((await experiments.get(experimentId))?.state === 'COMPLETED' ? true : undefined),
      'the experiment to complete',
      30_000,
    );
    const key = { experimentId, roundNumber: 1, attempt: 1 };
    expect(await attempts.isCompacted(key)).toBe(true);
    expect(await attemptLeftovers(f, experimentId, [1])).toEqual({
      stagedFiles: [],
      keys: [],
      running: false,
    });

    // As if the driver had died right after the commit's write.
    await redis.hdel(keys.attempt(key), 'compacted');
    const upload = await modelStore.stageUpload({ ...key, workerId: 'w1' });
    await upload.append(0, new Uint8Array(16));
    await redis.hset(keys.inbox(key, 'unmask'), 'w1', 'reveal');
    const left = await attemptLeftovers(f, experimentId, [1]);
    expect(left.stagedFiles).toHaveLength(1);
    expect(left.keys).toEqual([keys.inbox(key, 'unmask')]);

    // BullMQ runs the dead driver's job again: the stage is gone, the clean-up is not.
    await f.coordinator.engine.driver.advance(key, 'unmask', 'all-arrived', true);
    expect(await attemptLeftovers(f, experimentId, [1])).toEqual({
      stagedFiles: [],
      keys: [],
      running: false,
    });
    expect(await attempts.isCompacted(key)).toBe(true);
    expect((await attempts.get(key))?.stage).toBe('committed');
  });

  it('of an aborted attempt re-sends its cancellation once, with the rest', async () => {
    const f = (fixture = await startCoordinator(5));
    await f.startWorkers(5, {
      dropAt: (_round, attempt, workerId) =>
        attempt === 1 && (workerId === 'w2' || workerId === 'w4') ? 'after-share-keys' : undefined,
    });
    const spec = testSpec({ rounds: 1 });
    const experimentId = await createAndStart(f, {
      ...spec,
      deadlines: { ...spec.deadlines, collectMasked: { seconds: 2 } },
    });
    const { attempts, experiments, keys, redis } = f.coordinator.context;
    await waitFor(
      async () => ((await experiments.get(experimentId))?.state === 'COMPLETED' ? true : undefined),
      'the experiment to complete',
      30_000,
    );
    const key = { experimentId, roundNumber: 1, attempt: 1 };
    expect((await attempts.get(key))?.stage).toBe('aborted');
    const cancels = async (): Promise<number> => {
      const entries = await redis.xrange(keys.workerTasks('w1'), '-', '+');
      return entries.filter(
        ([, fields]) => fields.includes('cancel') && fields.includes(`${experimentId}/1/1`),
      ).length;
    };
    expect(await cancels()).toBe(1);

    // As if the driver had died right after the abort's write.
    await redis.hdel(keys.attempt(key), 'compacted');
    await redis.hset(keys.inbox(key, 'collect-masked'), 'w1', 'upload');
    await f.coordinator.engine.driver.advance(key, 'collect-masked', 'deadline', true);
    await f.coordinator.engine.driver.advance(key, 'collect-masked', 'deadline', true);
    expect(await attemptLeftovers(f, experimentId, [1])).toMatchObject({ keys: [] });
    expect(await attempts.isCompacted(key)).toBe(true);
    // The markers that dedupe tasks went with the first clean-up: sent again, once.
    expect(await cancels()).toBe(2);
  });
});
