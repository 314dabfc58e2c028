/**
 * Fencing with real processes: the replica driving a stage is SIGSTOPped
 * while it holds the stage (it stops itself at a fault point, see
 * services/testing/fault-points.ts) until its BullMQ lock expires and
 * another replica takes the job over under a newer fencing epoch; once the
 * round has moved on it is SIGCONTinued, and its write must be rejected.
 * Workers and the scientist talk to an in-process replica that serves RPCs
 * only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoordinatorFixture } from '../services/testing/coordinator-fixture.js';
import {
  startCoordinator,
  testSpec,
  TEST_FEDERATION,
  TEST_REDIS_URL,
} from '../services/testing/coordinator-fixture.js';
import {
  CoordinatorCluster,
  FAULT_TEST_TIMING,
  fencedAt,
  finishedAbove,
} from '../services/testing/coordinator-process.js';
import type { FaultHit } from '../services/testing/coordinator-process.js';
import {
  commitRecords,
  createAndStart,
  readCommittedRounds,
  waitFor,
} from '../services/testing/committed-rounds.js';
import { faultPoint, FAULT_RESUMED_MSG } from '../services/testing/fault-points.js';
import type { FaultSite } from '../services/testing/fault-points.js';

const STEP_TIMEOUT_MS = 90_000;

/** Held at round 1's commit (its version and audit record written), then in round 2's fold. */
const HOLDS: readonly [number, FaultSite][] = [
  [1, 'commit'],
  [2, 'collect-masked'],
];

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
    const c = (cluster = new CoordinatorCluster({
      redisUrl: TEST_REDIS_URL,
      keyPrefix: f.prefix,
      modelStore: f.modelStoreDir,
      federation: TEST_FEDERATION,
      timing: FAULT_TEST_TIMING,
      faultPoints: HOLDS.map(([round, site]) => faultPoint(round, site)),
    }));
    await c.spawn(2);
    await f.startWorkers(5);
    const experimentId = await createAndStart(f, testSpec({ rounds: 2 }));
    const attemptOf = (roundNumber: number) => ({ experimentId, roundNumber, attempt: 1 });

    /** Waits for the next hold (its process stopped), then until another replica finished its work. */
    const stopPastLock = async (
      round: number,
      site: FaultSite,
      finished: () => Promise<boolean>,
    ): Promise<{ hit: FaultHit; epoch: number }> => {
      const hit = await c.nextFault(STEP_TIMEOUT_MS);
      expect(hit.report.faultPoint).toBe(faultPoint(round, site));
      // It stopped itself (SIGSTOP) there, holding the stage under this epoch.
      const epoch = hit.report.epoch;
      await waitFor(
        async () => ((await finished()) ? true : undefined),
        `${faultPoint(round, site)} taken over`,
        STEP_TIMEOUT_MS,
      );
      // The other replica did it, under a newer epoch.
      const others = c.replicas.filter((r) => r !== hit.replica);
      const redone = others.flatMap((r) => r.lines.filter(finishedAbove(round, site, epoch)));
      expect(redone).toHaveLength(1);
      return { hit, epoch };
    };

    // Round 1: stopped after writing the version and the audit record, before the fenced commit.
    const first = await stopPastLock(1, 'commit', async () => {
      const stage = await f.coordinator.context.attempts.getStage(attemptOf(1));
      return stage?.stage === 'committed';
    });
    expect((await f.coordinator.context.attempts.getStage(attemptOf(1)))?.epoch).toBeGreaterThan(
      first.epoch,
    );
    first.hit.replica.signal('SIGCONT');
    await first.hit.replica.waitForLine(fencedAt(1, first.epoch), STEP_TIMEOUT_MS, 'fenced');
    expect(first.hit.replica.lines.some(finishedAbove(1, 'commit', -1))).toBe(false);

    // Round 2: stopped with the fold done, until the whole experiment has finished without it.
    const second = await stopPastLock(2, 'collect-masked', async () => {
      const e = await f.coordinator.context.experiments.get(experimentId);
      return e?.state !== 'RUNNING';
    });
    const before = await roundState(f, experimentId);
    expect(before.experiment['state']).toBe('COMPLETED');
    second.hit.replica.signal('SIGCONT');
    await second.hit.replica.waitForLine(fencedAt(2, second.epoch), STEP_TIMEOUT_MS, 'fenced');
    expect(second.hit.replica.lines.some(finishedAbove(2, 'collect-masked', -1))).toBe(false);
    // The stale driver went on from where it stopped, and changed nothing.
    expect(
      second.hit.replica.lines
        .filter((l) => l.msg === FAULT_RESUMED_MSG && l['faultPoint'] === '2:collect-masked')
        .map((l) => l['epoch']),
    ).toEqual([second.epoch]);
    expect(await roundState(f, experimentId)).toEqual(before);

    const records = await commitRecords(f, experimentId);
    expect([...records.events]).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect([...records.audit].sort()).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(records.auditIntact).toBe(true);
    expect(records.auditHead).toBe(4);
    const rounds = await readCommittedRounds(f, experimentId);
    expect(rounds.map((r) => [r.roundNumber, r.version.attempt, r.survivors.length])).toEqual([
      [1, 1, 5],
      [2, 1, 5],
    ]);
    for (const round of rounds) {
      round.weights.forEach((x, i) => {
        expect(Math.abs(x - (round.expected[i] ?? 0))).toBeLessThanOrEqual(round.bound);
      });
    }
  }, 300_000);
});
