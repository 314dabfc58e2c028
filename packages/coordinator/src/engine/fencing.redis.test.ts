/**
 * Fencing with real processes: the replica driving a stage is SIGSTOPped
 * while it holds the stage (it stops itself at a fault point, see
 * services/testing/fault-points.ts) until its BullMQ lock expires and
 * another replica takes the job over under a newer fencing epoch; then it
 * is SIGCONTinued and its write must be rejected: once while the new
 * driver still holds the same stage (only the epoch tells them apart), once
 * after the experiment finished without it (nothing may change). Workers
 * and the scientist talk to an in-process replica that serves RPCs only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoordinatorFixture } from '../services/testing/coordinator-fixture.js';
import {
  createAndStart,
  startCoordinator,
  testSpec,
} from '../services/testing/coordinator-fixture.js';
import { clusterBehind, fencedAt, finishedAbove } from '../services/testing/coordinator-process.js';
import type { CoordinatorCluster, FaultHit } from '../services/testing/coordinator-process.js';
import {
  commitRecords,
  committedOnceEach,
  offExpected,
  readCommittedRounds,
  waitFor,
} from '../services/testing/committed-rounds.js';
import { faultPoint, FAULT_RESUMED_MSG } from '../services/testing/fault-points.js';

const STEP_TIMEOUT_MS = 90_000;

/**
 * Round 1's commit (version and audit record written, the fenced write
 * not yet) holds the driver and then the replica that takes its job over;
 * round 2's fold holds one driver.
 */
const HOLDS = [`${faultPoint(1, 'commit')}*2`, faultPoint(2, 'collect-masked')];

let fixture: CoordinatorFixture | undefined;
let cluster: CoordinatorCluster | undefined;

afterEach(async () => {
  await cluster?.killAll();
  await fixture?.close();
  cluster = undefined;
  fixture = undefined;
});

/** Everything the experiment's rounds left in Redis and the model store. */
async function roundState(f: CoordinatorFixture, experimentId: string) {
  const { redis, keys, attempts, modelStore, auditLog } = f.coordinator.context;
  const perRound = [];
  for (const roundNumber of [1, 2]) {
    const key = { experimentId, roundNumber, attempt: 1 };
    perRound.push({
      attempt: await redis.hgetall(keys.attempt(key)),
      snapshot: await attempts.snapshot(key),
      drops: await attempts.drops(key),
      round: await redis.hgetall(keys.round(experimentId, roundNumber)),
      committed: await redis.get(keys.committed(experimentId, roundNumber)),
    });
  }
  return {
    perRound,
    experiment: await redis.hgetall(keys.experiment(experimentId)),
    events: await redis.xlen(keys.events(experimentId)),
    versions: await modelStore.listVersions(experimentId),
    audit: await auditLog.head(),
  };
}

describe('a stale coordinator replica, stopped past its lock and continued', () => {
  it('has its writes rejected; each round is committed and audited exactly once with the right model', async () => {
    const f = (fixture = await startCoordinator(5, { runEngine: false, replicaId: 'front' }));
    const c = (cluster = clusterBehind(f, HOLDS));
    await c.spawn(2);
    await f.startWorkers(5);
    const experimentId = await createAndStart(f, testSpec({ rounds: 2 }));
    const attemptOf = (roundNumber: number) => ({ experimentId, roundNumber, attempt: 1 });

    /** The next hold, at `point`; its process stopped itself there. */
    const hold = async (point: string): Promise<FaultHit> => {
      const hit = await c.nextFault(STEP_TIMEOUT_MS);
      expect(hit.report.faultPoint).toBe(point);
      return hit;
    };

    // Round 1. The driver stops just before its commit; when its lock
    // expires the other replica takes the job over (a newer epoch) and
    // stops at the same place. The stale driver goes on first, while the
    // stage it wrote for is still open: only the epoch can refuse it.
    const stale = await hold(faultPoint(1, 'commit'));
    const fresh = await hold(faultPoint(1, 'commit'));
    expect(fresh.replica).not.toBe(stale.replica);
    expect(fresh.report.epoch).toBeGreaterThan(stale.report.epoch);
    const held = await f.coordinator.context.attempts.getStage(attemptOf(1));
    expect(held).toMatchObject({ stage: 'unmask', epoch: fresh.report.epoch });
    stale.replica.signal('SIGCONT');
    // Its next line about the commit: refused, or (were the fence broken) done.
    const fenced = await stale.replica.waitForLine(
      (line) => fencedAt(1, stale.report.epoch)(line) || finishedAbove(1, 'commit', -1)(line),
      STEP_TIMEOUT_MS,
      'the stale commit',
    );
    expect(fenced.msg).toBe('driver fenced; a newer driver owns the attempt');
    expect(fenced).toMatchObject({ code: 'FENCED', stage: 'unmask' });
    fresh.replica.signal('SIGCONT');
    // Committed once, by a driver newer than the stale one (the fresh one,
    // or the stale replica again if it took the fresh one's job over).
    const commitLines = () =>
      c.replicas.flatMap((r) =>
        r.lines.filter(finishedAbove(1, 'commit', -1)).map((line) => line['epoch']),
      );
    const commits = await waitFor(
      () => Promise.resolve(commitLines().length > 0 ? commitLines() : undefined),
      'round 1 committed',
      STEP_TIMEOUT_MS,
    );
    expect(commits).toHaveLength(1);
    expect(commits[0]).toBeGreaterThan(stale.report.epoch);

    // Round 2. The driver stops with the fold done, past its lock, until
    // the other replica has finished the whole experiment without it.
    const second = await hold(faultPoint(2, 'collect-masked'));
    await waitFor(
      async () =>
        (await f.coordinator.context.experiments.get(experimentId))?.state === 'RUNNING'
          ? undefined
          : true,
      'the experiment to finish',
      STEP_TIMEOUT_MS,
    );
    const redone = c.replicas
      .filter((r) => r !== second.replica)
      .flatMap((r) => r.lines.filter(finishedAbove(2, 'collect-masked', second.report.epoch)));
    expect(redone).toHaveLength(1);
    const before = await roundState(f, experimentId);
    expect(before.experiment['state']).toBe('COMPLETED');
    second.replica.signal('SIGCONT');
    await second.replica.waitForLine(fencedAt(2, second.report.epoch), STEP_TIMEOUT_MS, 'fenced');
    expect(second.replica.lines.some(finishedAbove(2, 'collect-masked', -1))).toBe(false);
    // The stale driver went on from where it stopped, and changed nothing.
    expect(
      second.replica.lines
        .filter((l) => l.msg === FAULT_RESUMED_MSG && l['faultPoint'] === '2:collect-masked')
        .map((l) => l['epoch']),
    ).toEqual([second.report.epoch]);
    expect(await roundState(f, experimentId)).toEqual(before);

    expect(await commitRecords(f, experimentId)).toEqual(committedOnceEach(2));
    const rounds = await readCommittedRounds(f, experimentId);
    expect(rounds.map((r) => [r.roundNumber, r.version.attempt, r.survivors.length])).toEqual([
      [1, 1, 5],
      [2, 1, 5],
    ]);
    for (const round of rounds) {
      expect(offExpected(round), `round ${round.roundNumber}'s model`).toEqual([]);
    }
  }, 300_000);
});
