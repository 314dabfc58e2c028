/**
 * Round attempts held open in a chosen secure-aggregation stage, for tests
 * of what the services answer during a live round: one pool of scripted
 * workers per attempt (each pool holds its own dataset, so only it is
 * selected), which plays the protocol up to the held stage and then goes
 * quiet; the stage deadlines are far away. Test code only.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { SecAggStage } from '@fedra/secagg';
import type { AttemptRecord } from '../../state/state-types.js';
import type { CoordinatorFixture } from './coordinator-fixture.js';
import {
  defaultUpdate,
  initialWeights,
  SCIENTIST,
  TEST_FEDERATION,
  testSpec,
} from './coordinator-fixture.js';
import { ScriptedWorker } from './scripted-worker.js';
import type { DropPoint } from './scripted-worker.js';
import { createExperiment, unary } from './test-clients.js';

/** Where a scripted worker stops so that it sends nothing in the stage (and its attempt waits there). */
export const HOLD_AT: Readonly<Record<SecAggStage, DropPoint>> = {
  setup: 'before-setup',
  'share-keys': 'after-setup',
  'collect-masked': 'after-share-keys',
  'consistency-check': 'after-masked',
  unmask: 'after-consistency',
};

/** Workers per pool (the spec's minimum and target participants). */
export const POOL_SIZE = 5;

/** A held attempt: the stage, the attempt as stored, and how it was started. */
export interface HeldAttempt {
  readonly stage: SecAggStage;
  readonly attempt: AttemptRecord;
  /** The request id StartExperiment was called with. */
  readonly startRequestId: string;
  /** The request id CreateExperiment was called with. */
  readonly createRequestId: string;
  /** The pool's workers (all participants of the attempt). */
  readonly workers: readonly ScriptedWorker[];
}

/** How long an attempt may take to reach its held stage. */
const HOLD_TIMEOUT_MS = 60_000;

/**
 * Starts one pool and one one-round experiment per stage in `stages`
 * (pool `i` uses workers `w{5i+1}`…`w{5i+5}`, so the fixture needs
 * identities for `5 × stages.length` workers) and waits until every
 * attempt is open in its stage. The caller stops the returned workers.
 */
export async function holdAttempts(
  f: CoordinatorFixture,
  stages: readonly SecAggStage[],
): Promise<HeldAttempt[]> {
  return Promise.all(stages.map((stage, index) => holdOne(f, stage, index)));
}

async function holdOne(
  f: CoordinatorFixture,
  stage: SecAggStage,
  index: number,
): Promise<HeldAttempt> {
  const dataset = { name: `held-${index}`, inputShape: [4], numClasses: 2 };
  const workers: ScriptedWorker[] = [];
  for (let i = 1; i <= POOL_SIZE; i += 1) {
    const workerId = `w${index * POOL_SIZE + i}`;
    const signer = f.identities.signers.get(workerId);
    if (signer === undefined) throw new Error(`the fixture has no identity for ${workerId}`);
    const worker = new ScriptedWorker({
      client: f.clients.fleet,
      federation: TEST_FEDERATION,
      region: Number(workerId.slice(1)) % 2 === 1 ? 'eu' : 'us',
      workerId,
      signer,
      verifier: f.identities.verifier,
      dataset,
      update: (round, params) => defaultUpdate(workerId, round, params),
      dropAt: () => HOLD_AT[stage],
    });
    await worker.start();
    workers.push(worker);
  }
  const long = { seconds: 600 };
  const createRequestId = randomUUID();
  const created = await createExperiment(f.clients.experiments, SCIENTIST, {
    requestId: createRequestId,
    spec: testSpec({
      rounds: 1,
      dataset,
      deadlines: {
        setup: long,
        shareKeys: long,
        collectMasked: long,
        consistencyCheck: long,
        unmask: long,
      },
    }),
    weights: initialWeights(),
  });
  const experimentId = created.experiment?.experimentId ?? '';
  const startRequestId = randomUUID();
  await unary(
    (m, cb) =>
      f.clients.experiments.startExperiment({ requestId: startRequestId, experimentId }, m, cb),
    SCIENTIST,
  );
  const key = { experimentId, roundNumber: 1, attempt: 1 };
  const until = Date.now() + HOLD_TIMEOUT_MS;
  for (;;) {
    const attempt = await f.coordinator.context.attempts.get(key);
    if (attempt?.stage === stage && attempt.phase === 'open') {
      return { stage, attempt, startRequestId, createRequestId, workers };
    }
    if (Date.now() > until) {
      throw new Error(`the attempt did not reach ${stage} (it is ${attempt?.stage ?? 'missing'})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
