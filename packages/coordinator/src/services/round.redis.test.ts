import { afterEach, describe, expect, it } from 'vitest';
import type {
  ExperimentOutput,
  ExperimentSpec,
  GetClusterStatusResponseOutput,
  GetRoundResponseOutput,
  ListAuditRecordsResponseOutput,
  VerifyAuditLogResponseOutput,
  WatchExperimentResponseOutput,
} from '@fedra/proto';
import {
  ADMIN,
  createAndStart,
  initialWeights,
  SCIENTIST,
  startCoordinator,
  testSpec,
  TEST_PARAMS,
} from './testing/coordinator-fixture.js';
import type { CoordinatorFixture } from './testing/coordinator-fixture.js';
import type { ScriptedWorker } from './testing/scripted-worker.js';
import { identityMetadata, readModelStream, unary } from './testing/test-clients.js';

let fixture: CoordinatorFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function getExperiment(
  f: CoordinatorFixture,
  experimentId: string,
): Promise<ExperimentOutput> {
  const response = await unary<{ experiment: ExperimentOutput | null }>(
    (m, cb) => f.clients.experiments.getExperiment({ experimentId }, m, cb),
    SCIENTIST,
  );
  if (response.experiment === null) throw new Error('no experiment');
  return response.experiment;
}

/** One round whose collect-masked stage closes after 2 s, so that a drop there is noticed soon. */
function shortCollectMasked(): ExperimentSpec {
  const spec = testSpec({ rounds: 1 });
  return { ...spec, deadlines: { ...spec.deadlines, collectMasked: { seconds: 2 } } };
}

function watchAll(
  f: CoordinatorFixture,
  experimentId: string,
): Promise<WatchExperimentResponseOutput[]> {
  return new Promise((resolve, reject) => {
    const events: WatchExperimentResponseOutput[] = [];
    const stream = f.clients.experiments.watchExperiment(
      { experimentId, replay: true },
      identityMetadata(SCIENTIST),
    );
    stream.on('data', (event: WatchExperimentResponseOutput) => events.push(event));
    stream.on('error', reject);
    stream.on('end', () => {
      resolve(events);
    });
  });
}

async function downloadLatest(f: CoordinatorFixture, experimentId: string): Promise<Float32Array> {
  const { bytes, sha256, manifest } = await readModelStream(
    f.clients.experiments.downloadModel(
      { experimentId, latest: true },
      identityMetadata(SCIENTIST),
    ),
  );
  expect(manifest?.sha256.equals(sha256)).toBe(true);
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}

/** FedAvg over the given survivors' logged updates, with the bound on quantisation error. */
function fedAvgStep(
  model: readonly number[],
  workers: readonly ScriptedWorker[],
  survivors: readonly string[],
  round: number,
  attempt: number,
) {
  let weight = 0;
  const sum = new Array<number>(model.length).fill(0);
  for (const worker of workers.filter((w) => survivors.includes(w.workerId))) {
    const update = worker.log.get(`${round}/${attempt}`)?.update;
    if (update === undefined) throw new Error(`no update of ${worker.workerId}`);
    weight += update.weight;
    update.delta.forEach((d, i) => {
      sum[i] = (sum[i] ?? 0) + d * update.weight;
    });
  }
  // Each encoded element is within 1/scale of its value, so the decoded sum
  // is within n/scale; the mean within n/(scale·W); plus float32 rounding.
  const bound = survivors.length / 2 ** 20 / weight + 1e-6;
  return { model: model.map((x, i) => x + (sum[i] ?? 0) / weight), bound };
}

function survivorsOf(
  workers: readonly ScriptedWorker[],
  round: number,
  attempt: number,
): readonly string[] {
  for (const worker of workers) {
    const survivors = worker.log.get(`${round}/${attempt}`)?.survivors;
    if (survivors !== undefined) return survivors;
  }
  throw new Error(`no survivor set seen for round ${round} attempt ${attempt}`);
}

describe('round engine over gRPC and Redis', () => {
  it('runs a 3-round experiment with 5 participants to completion; model, versions and audit chain match', async () => {
    const f = (fixture = await startCoordinator(5));
    const workers = await f.startWorkers(5);
    const experimentId = await createAndStart(f, testSpec({ rounds: 3 }));
    const events = await watchAll(f, experimentId);
    const finished = events.at(-1)?.experimentFinished;
    expect(finished?.state).toBe('EXPERIMENT_STATE_COMPLETED');
    expect(finished?.finalModelVersion).toBe(3);

    let expected = Array.from(initialWeights());
    let bound = 0;
    for (let round = 1; round <= 3; round += 1) {
      const survivors = survivorsOf(workers, round, 1);
      expect(survivors).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
      const step = fedAvgStep(expected, workers, survivors, round, 1);
      expected = step.model;
      bound += step.bound;
    }
    const model = await downloadLatest(f, experimentId);
    expect(model.length).toBe(TEST_PARAMS);
    model.forEach((x, i) => {
      expect(Math.abs(x - (expected[i] ?? 0))).toBeLessThanOrEqual(bound);
    });

    const experiment = await getExperiment(f, experimentId);
    expect(experiment.state).toBe('EXPERIMENT_STATE_COMPLETED');
    expect(experiment.latestModelVersion).toBe(3);
    const history = await unary<{
      entries: Array<{
        model: { version: number } | null;
        metrics: { survivors: number; totalWeight: number } | null;
      }>;
    }>((m, cb) => f.clients.experiments.getHistory({ experimentId }, m, cb), SCIENTIST);
    expect(history.entries.map((e) => e.model?.version)).toEqual([0, 1, 2, 3]);
    expect(history.entries.slice(1).map((e) => e.metrics?.survivors)).toEqual([5, 5, 5]);
    expect(history.entries[1]?.metrics?.totalWeight).toBe(10 + 20 + 30 + 40 + 50);

    const committed = events
      .filter((e) => e.roundCommitted != null)
      .map((e) => e.attempt?.roundNumber);
    expect(committed).toEqual([1, 2, 3]);
    const audit = await unary<ListAuditRecordsResponseOutput>(
      (m, cb) =>
        f.clients.admin.listAuditRecords(
          { experimentId, actions: ['AUDIT_ACTION_ROUND_COMMITTED'] },
          m,
          cb,
        ),
      ADMIN,
    );
    expect(audit.records.map((r) => r.attempt?.roundNumber)).toEqual([1, 2, 3]);
    const verified = await unary<VerifyAuditLogResponseOutput>(
      (m, cb) => f.clients.admin.verifyAuditLog({}, m, cb),
      ADMIN,
    );
    expect(verified.intact).toBe(true);
    // experiment.create, experiment.start and one record per round.
    expect(verified.headSequence).toBe(5);
  });

  it.each([
    ['silently', 'after-share-keys', 'DROP_REASON_DEADLINE_MISSED'],
    ['with a refusal', 'refuse-masked', 'DROP_REASON_REFUSED'],
  ] as const)(
    'completes a round with the survivors when one participant drops after share-keys %s',
    async (_how, dropPoint, reason) => {
      const f = (fixture = await startCoordinator(5));
      const workers = await f.startWorkers(5, {
        dropAt: (_round, _attempt, workerId) => (workerId === 'w3' ? dropPoint : undefined),
      });
      const experimentId = await createAndStart(f, shortCollectMasked());
      const events = await watchAll(f, experimentId);
      expect(events.at(-1)?.experimentFinished?.state).toBe('EXPERIMENT_STATE_COMPLETED');
      const dropped = events
        .filter((e) => e.participantDropped != null)
        .map((e) => e.participantDropped);
      expect(dropped.map((d) => [d?.workerId, d?.stage, d?.reason])).toEqual([
        ['w3', 'STAGE_COLLECT_MASKED', reason],
      ]);
      const survivors = survivorsOf(workers, 1, 1);
      expect(survivors).toEqual(['w1', 'w2', 'w4', 'w5']);
      const step = fedAvgStep(Array.from(initialWeights()), workers, survivors, 1, 1);
      const model = await downloadLatest(f, experimentId);
      model.forEach((x, i) => {
        expect(Math.abs(x - (step.model[i] ?? 0))).toBeLessThanOrEqual(step.bound);
      });
      const committed = events.find((e) => e.roundCommitted != null)?.roundCommitted;
      expect(committed?.metrics?.survivors).toBe(4);
      expect(committed?.metrics?.participants).toBe(5);
    },
  );

  it('aborts an attempt when too many participants drop and retries it with fresh keys', async () => {
    const f = (fixture = await startCoordinator(5));
    const workers = await f.startWorkers(5, {
      dropAt: (_round, attempt, workerId) =>
        attempt === 1 && (workerId === 'w2' || workerId === 'w4') ? 'after-share-keys' : undefined,
    });
    const experimentId = await createAndStart(f, shortCollectMasked());
    const events = await watchAll(f, experimentId);
    expect(events.at(-1)?.experimentFinished?.state).toBe('EXPERIMENT_STATE_COMPLETED');
    const aborted = events.find((e) => e.attemptAborted != null);
    expect(aborted?.attempt?.attempt).toBe(1);
    expect(aborted?.attemptAborted?.reason).toBe('ABORT_REASON_QUORUM_NOT_MET');
    expect(aborted?.attemptAborted?.willRetry).toBe(true);
    const committed = events.find((e) => e.roundCommitted != null);
    expect(committed?.attempt?.attempt).toBe(2);
    expect(committed?.roundCommitted?.metrics?.attempts).toBe(2);

    const round = await unary<GetRoundResponseOutput>(
      (m, cb) => f.clients.admin.getRound({ experimentId, roundNumber: 1 }, m, cb),
      ADMIN,
    );
    const attempts = round.round?.attempts ?? [];
    expect(attempts.map((a) => a.state)).toEqual(['ROUND_STATE_ABORTED', 'ROUND_STATE_COMMITTED']);
    // A retry is a new RoundConfig (attempt, graph seed) and so new keys.
    expect(attempts[0]?.configSha256.equals(attempts[1]?.configSha256 ?? Buffer.alloc(0))).toBe(
      false,
    );
    expect(attempts[1]?.config?.attempt).toBe(2);
    const survivors = survivorsOf(workers, 1, 2);
    expect(survivors).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
    const step = fedAvgStep(Array.from(initialWeights()), workers, survivors, 1, 2);
    const model = await downloadLatest(f, experimentId);
    model.forEach((x, i) => {
      expect(Math.abs(x - (step.model[i] ?? 0))).toBeLessThanOrEqual(step.bound);
    });
  });

  it('runs a round whose workers and scientist talk to one replica while another replica drives it', async () => {
    const f = (fixture = await startCoordinator(5, { runEngine: false, replicaId: 'front' }));
    await f.startReplica({ replicaId: 'engine' });
    const workers = await f.startWorkers(5);
    const experimentId = await createAndStart(f, testSpec({ rounds: 1 }));
    const events = await watchAll(f, experimentId);
    expect(events.at(-1)?.experimentFinished?.state).toBe('EXPERIMENT_STATE_COMPLETED');
    const survivors = survivorsOf(workers, 1, 1);
    const step = fedAvgStep(Array.from(initialWeights()), workers, survivors, 1, 1);
    const model = await downloadLatest(f, experimentId);
    model.forEach((x, i) => {
      expect(Math.abs(x - (step.model[i] ?? 0))).toBeLessThanOrEqual(step.bound);
    });
    const status = await unary<GetClusterStatusResponseOutput>(
      (m, cb) => f.clients.admin.getClusterStatus({}, m, cb),
      ADMIN,
    );
    expect(status.replicas.map((r) => r.replicaId).sort()).toEqual(['engine', 'front']);
  });
});
