/**
 * Fault injection with real processes: the coordinator replica that drives
 * a stage is SIGKILLed while it holds the stage (stopped at a fault point,
 * see services/testing/fault-points.ts), another replica takes the stage
 * over and a fresh process replaces the dead one. Workers and the scientist
 * talk to an in-process replica that serves RPCs only and is never killed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAndStart,
  startCoordinator,
  testSpec,
} from '../services/testing/coordinator-fixture.js';
import type { CoordinatorFixture } from '../services/testing/coordinator-fixture.js';
import { clusterBehind, finishedAbove } from '../services/testing/coordinator-process.js';
import type {
  CoordinatorCluster,
  CoordinatorProcess,
} from '../services/testing/coordinator-process.js';
import {
  attemptLeftovers,
  commitRecords,
  committedOnceEach,
  offExpected,
  readCommittedRounds,
  waitFor,
} from '../services/testing/committed-rounds.js';
import { faultPoint } from '../services/testing/fault-points.js';
import type { FaultSite } from '../services/testing/fault-points.js';

/** Generous: a takeover needs a lock to expire and a stall check, on a loaded machine. */
const STEP_TIMEOUT_MS = 90_000;

/**
 * A kill at every site, spread over two rounds: before each stage's close,
 * just after some writes (the attempt's opening, a stage's opening, each
 * round's commit).
 */
const KILLS: readonly [number, FaultSite][] = [
  [1, 'setup-opened'],
  [1, 'setup'],
  [1, 'share-keys-opened'],
  [1, 'collect-masked'],
  [1, 'unmask'],
  [1, 'committed'],
  [2, 'share-keys'],
  [2, 'consistency-check'],
  [2, 'commit'],
  [2, 'committed'],
];

let fixture: CoordinatorFixture | undefined;
let cluster: CoordinatorCluster | undefined;

afterEach(async () => {
  // Children first: a live one would write keys again after they are deleted.
  await cluster?.killAll();
  await fixture?.close();
  cluster = undefined;
  fixture = undefined;
});

describe('coordinator replicas SIGKILLed while driving a stage', () => {
  it('completes the experiment after a kill in every stage; every version is FedAvg over its recorded survivors, committed and audited once', async () => {
    const f = (fixture = await startCoordinator(5, { runEngine: false, replicaId: 'front' }));
    const c = (cluster = clusterBehind(
      f,
      KILLS.map(([round, site]) => faultPoint(round, site)),
    ));
    await c.spawn(2);
    // w5 drops out of round 2 after share-keys: that version's survivors are not its participants.
    await f.startWorkers(5, {
      dropAt: (round, _attempt, workerId) =>
        round === 2 && workerId === 'w5' ? 'after-share-keys' : undefined,
    });
    const spec = testSpec({ rounds: 2 });
    const experimentId = await createAndStart(f, {
      ...spec,
      // Room for a stage whose tasks only the sweep sends (its opener was
      // killed); collect-masked short, as round 2 waits it out for w5.
      deadlines: {
        setup: { seconds: 15 },
        shareKeys: { seconds: 15 },
        collectMasked: { seconds: 4 },
        consistencyCheck: { seconds: 15 },
        unmask: { seconds: 15 },
      },
    });

    const killed: { round: number; site: FaultSite; replica: CoordinatorProcess; epoch: number }[] =
      [];
    for (const [round, site] of KILLS) {
      const hit = await c.nextFault(STEP_TIMEOUT_MS);
      expect(hit.report.faultPoint).toBe(faultPoint(round, site));
      expect(hit.report.experimentId).toBe(experimentId);
      // It stopped itself there, holding the stage under this epoch: kill it.
      const epoch = hit.report.epoch;
      await hit.replica.kill();
      killed.push({ round, site, replica: hit.replica, epoch });
      // Restart: there are two engine replicas again once it listens.
      await c.spawn(1);
    }

    const experiment = await waitFor(
      async () => {
        const e = await f.coordinator.context.experiments.get(experimentId);
        return e?.state === 'RUNNING' ? undefined : e;
      },
      'the experiment to finish',
      STEP_TIMEOUT_MS,
    );
    expect(experiment.state).toBe('COMPLETED');
    expect(experiment.latestModelVersion).toBe(2);

    // Each killed close was redone by another process under a newer epoch.
    // (After a kill just past a write there is nothing to redo, only its
    // effects: tasks and deadline of the opened stage, or the clean-up.)
    const closes = killed.filter((k) => k.site !== 'committed' && !k.site.endsWith('-opened'));
    for (const kill of closes) {
      const redone = c.replicas
        .filter((r) => r !== kill.replica)
        .flatMap((r) => r.lines.filter(finishedAbove(kill.round, kill.site, kill.epoch)));
      expect(redone, `${kill.round}:${kill.site} redone by another replica`).toHaveLength(1);
    }

    // What a driver killed after the commit left undone is done all the same.
    const leftover = await waitFor(
      async () => {
        const left = await attemptLeftovers(f, experimentId, [1, 2]);
        return left.stagedFiles.length + left.keys.length === 0 && !left.running ? left : undefined;
      },
      'the attempts to be cleaned up',
      STEP_TIMEOUT_MS,
    );
    expect(leftover).toEqual({ stagedFiles: [], keys: [], running: false });

    const rounds = await readCommittedRounds(f, experimentId);
    expect(rounds.map((r) => r.roundNumber)).toEqual([1, 2]);
    // No kill cost an attempt.
    expect(rounds.map((r) => r.version.attempt)).toEqual([1, 1]);
    expect(rounds.map((r) => r.survivors)).toEqual([
      ['w1', 'w2', 'w3', 'w4', 'w5'],
      ['w1', 'w2', 'w3', 'w4'],
    ]);
    for (const round of rounds) {
      expect(round.version.participantsPerRegion).toEqual(round.survivorsPerRegion);
      expect(round.version.metrics?.examples).toBe(round.totalWeight);
      expect(offExpected(round), `round ${round.roundNumber}'s model`).toEqual([]);
    }

    expect(await commitRecords(f, experimentId)).toEqual(committedOnceEach(2));
  }, 300_000);
});
