/**
 * A worker that registers again mid-round (a reconnect: same process, same
 * keys, a new session) stays in the attempts it is in: the real worker
 * re-registers on every reconnect, and a worker that really restarted and
 * lost its keys is dropped by the stage deadline anyway.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAndStart, startCoordinator, testSpec } from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import type { ScriptedWorker } from './testing/scripted-worker.js';

let f: CoordinatorFixture;
let workers: ScriptedWorker[];

beforeAll(async () => {
  f = await startCoordinator(5);
  workers = await f.startWorkers(5);
});

afterAll(async () => {
  await f.close();
});

it('keeps a re-registered worker in its unfinished attempt; the round commits with it', async () => {
  const w1 = workers[0];
  if (w1 === undefined) throw new Error('no worker');
  const firstSession = w1.sessionId;
  const experimentId = await createAndStart(f, testSpec({ rounds: 1 }));
  const key = { experimentId, roundNumber: 1, attempt: 1 };
  const deadline = Date.now() + 60_000;
  let reconnected = false;
  let stage = '';
  while (Date.now() < deadline) {
    const attempt = await f.coordinator.context.attempts.get(key);
    stage = attempt?.stage ?? '';
    if (!reconnected && attempt !== undefined && attempt.stage !== 'setup') {
      // Reconnect: the stream closes, the worker registers again and follows a new stream.
      w1.stop();
      await w1.start();
      reconnected = true;
    }
    if (stage === 'committed' || stage === 'aborted') break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(reconnected).toBe(true);
  expect(w1.sessionId).not.toBe(firstSession);
  expect(stage).toBe('committed');
  expect((await f.coordinator.context.attempts.drops(key)).map((d) => d.workerId)).toEqual([]);
  const metrics = JSON.parse(
    (await f.redis.hget(f.coordinator.context.keys.round(experimentId, 1), 'metrics')) ?? '{}',
  ) as { survivors?: number };
  expect(metrics.survivors).toBe(5);
});
