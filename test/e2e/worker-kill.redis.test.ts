/**
 * A worker is SIGKILLed mid-round: five in-process workers and one worker
 * process (`packages/worker/src/main.ts`), killed once its collect-masked
 * stage opened (its key shares are with its neighbours, its masked update
 * never arrives). The round completes with the five survivors (the
 * coordinator rebuilds the dead worker's masking key from their shares).
 * The worker is restarted with the same identity and state directory and
 * takes part in the next round.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoExperimentSpec } from '@fedra/cli';
import type { IdentityVerifier } from '@fedra/secagg';
import {
  FEDERATION,
  getRound,
  revealedIn,
  startExperiment,
  startHarness,
  startWorkers,
  stateDir,
  waitForExperimentEnd,
} from './harness.js';
import type { Harness, WorkerPlan } from './harness.js';
import { WorkerProcess } from './worker-process.js';
import type { LogLine } from '@fedra/coordinator/testing';

const ROUNDS = 2;
const IN_PROCESS: readonly WorkerPlan[] = [
  { region: 'eu', classes: [0, 1] },
  { region: 'eu', classes: [2, 3] },
  { region: 'us', classes: [4, 5] },
  { region: 'us', classes: [6] },
  { region: 'ap', classes: [7, 8] },
].map((p, i) => ({ ...p, workerId: `w${i + 1}`, shard: i, shards: 6 }));
const KILLED = 'w6';
/** How long to wait for a line of the worker process's log. */
const LINE_TIMEOUT_MS = 120_000;

/**
 * Insecure mode pins no certificates, and the worker process makes a fresh
 * identity key at each start (as `main.ts` does in insecure mode), so the
 * in-process workers accept any signature, like that process does.
 */
const INSECURE_VERIFIER: IdentityVerifier = { verify: () => Promise.resolve(true) };

let harness: Harness | undefined;
const processes: WorkerProcess[] = [];

afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.kill()));
  await harness?.close();
  harness = undefined;
});

const registered = (line: LogLine): boolean => line.msg === 'registered';

describe('a worker killed mid-round', () => {
  it('the round completes with the survivors; restarted, the worker rejoins the next round', async () => {
    const h = await startHarness();
    harness = h;
    const options = {
      coordinator: `127.0.0.1:${h.port}`,
      federation: FEDERATION,
      region: 'ap',
      workerId: KILLED,
      stateDir: await stateDir(h, KILLED),
    };
    const first = WorkerProcess.spawn(options);
    processes.push(first);
    await startWorkers(h, IN_PROCESS, { verifier: INSECURE_VERIFIER });
    await first.waitForLine(registered, LINE_TIMEOUT_MS, 'the worker process to register');

    // All six are needed to start a round, so round 2 waits for the restarted
    // worker; a short collect-masked deadline bounds how long round 1 waits
    // for the killed one (training takes a few seconds).
    const { spec, weights } = await demoExperimentSpec(6, ROUNDS);
    const deadlines = spec.deadlines;
    if (deadlines == null) throw new Error('the demo spec names stage deadlines');
    deadlines.collectMasked = { seconds: 30, nanos: 0 };
    const experimentId = await startExperiment(h, spec, weights);

    await first.waitForLine(
      (line) => line.msg === 'stage opened' && line['stage'] === 'collect-masked',
      LINE_TIMEOUT_MS,
      'the worker process to reach collect-masked',
    );
    await first.kill();
    expect(first.lines.some((line) => line.msg === 'uploaded')).toBe(false);
    const second = WorkerProcess.spawn(options);
    processes.push(second);
    await second.waitForLine(
      registered,
      LINE_TIMEOUT_MS,
      'the restarted worker process to register',
    );

    const finished = await waitForExperimentEnd(h, experimentId, 180_000);
    expect(finished.state).toBe('EXPERIMENT_STATE_COMPLETED');
    const survivors = IN_PROCESS.map((p) => p.workerId).sort();
    // Round 1: all six selected, the five survivors unmasked, the killed one not.
    const round1 = (await getRound(h, experimentId, 1)).round?.attempts ?? [];
    expect(round1).toHaveLength(1);
    expect(round1[0]?.participants.map((p) => p.workerId).sort()).toEqual([...survivors, KILLED]);
    expect(await revealedIn(h, experimentId, 1)).toEqual(survivors);
    // Round 2: the restarted worker took part and its update was unmasked.
    expect(await revealedIn(h, experimentId, 2)).toEqual([...survivors, KILLED].sort());
    expect(second.lines.some((line) => line.msg === 'uploaded')).toBe(true);
  }, 240_000);
});
