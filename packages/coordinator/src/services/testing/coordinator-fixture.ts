/**
 * A coordinator on `127.0.0.1:0` against the local Redis, with a fresh key
 * prefix, a temporary model store and short BullMQ lock/stall settings,
 * plus scripted workers and a scientist client. Everything is removed by
 * `close()`. Test code only.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { ExperimentServiceClient, ExperimentSpec } from '@fedra/proto';
import { createSimulatedIdentities } from '@fedra/secagg';
import type { SimulatedIdentities } from '@fedra/secagg';
import { LOCAL_COORDINATOR_TIMINGS } from '../../local-timings.js';
import { Coordinator } from '../../server.js';
import type { CoordinatorOptions } from '../../server.js';
import { deleteKeysWithPrefix } from '../../state/delete-keys.js';
import { ScriptedWorker } from './scripted-worker.js';
import type { ScriptedWorkerOptions } from './scripted-worker.js';
import { connectClients, createExperiment, unary } from './test-clients.js';
import type { TestClients } from './test-clients.js';

/** The Redis the tests use. */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** The federation of the test identities. */
export const TEST_FEDERATION = 'test.fedra';

/** The scientist the tests act as. */
export const SCIENTIST = `spiffe://${TEST_FEDERATION}/scientist/alice`;

/** An admin. */
export const ADMIN = `spiffe://${TEST_FEDERATION}/admin/root`;

/** The dataset every scripted worker holds. */
export const DATASET = { name: 'toy', inputShape: [4], numClasses: 2 };

/** A running coordinator with its clients. */
export interface CoordinatorFixture {
  readonly coordinator: Coordinator;
  readonly clients: TestClients;
  readonly redis: Redis;
  readonly prefix: string;
  /** The model store directory (replicas share it). */
  readonly modelStoreDir: string;
  readonly identities: SimulatedIdentities;
  /** Starts another replica on the same Redis prefix and model store; closed with the fixture. */
  startReplica(options?: Partial<CoordinatorOptions>): Promise<Coordinator>;
  /** Starts scripted workers `w1`…`wN` (region `eu` for odd, `us` for even). */
  startWorkers(count: number, options?: Partial<ScriptedWorkerOptions>): Promise<ScriptedWorker[]>;
  close(): Promise<void>;
}

/** Worker ids of a fixture's workers. */
export function workerIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `w${i + 1}`);
}

/** Starts a coordinator for one test. */
export async function startCoordinator(
  maxWorkers: number,
  options: Partial<CoordinatorOptions> = {},
): Promise<CoordinatorFixture> {
  const prefix = `fedra-test-${randomUUID()}`;
  const dir = await mkdtemp(join(tmpdir(), 'fedra-coordinator-'));
  const identities = createSimulatedIdentities(workerIds(maxWorkers));
  const base: CoordinatorOptions = {
    redisUrl: TEST_REDIS_URL,
    federation: TEST_FEDERATION,
    listen: '127.0.0.1:0',
    insecure: true,
    keyPrefix: prefix,
    modelStore: join(dir, 'models'),
    participantVerifier: identities.verifier,
    ...LOCAL_COORDINATOR_TIMINGS,
    heartbeatTimeoutMs: 5_000,
  };
  const coordinator = await Coordinator.create({ ...base, ...options });
  const port = await coordinator.start();
  const clients = connectClients(`127.0.0.1:${port}`);
  const redis = new Redis(TEST_REDIS_URL);
  const workers: ScriptedWorker[] = [];
  const replicas: Coordinator[] = [];
  return {
    coordinator,
    clients,
    redis,
    prefix,
    modelStoreDir: join(dir, 'models'),
    identities,
    async startReplica(replicaOptions = {}) {
      const replica = await Coordinator.create({
        ...base,
        replicaId: `replica-${replicas.length + 2}`,
        ...replicaOptions,
      });
      await replica.start();
      replicas.push(replica);
      return replica;
    },
    async startWorkers(count, workerOptions = {}) {
      const started: ScriptedWorker[] = [];
      for (const workerId of workerIds(count)) {
        const signer = identities.signers.get(workerId);
        if (signer === undefined) throw new Error(`no identity for ${workerId}`);
        const worker = new ScriptedWorker({
          client: clients.fleet,
          federation: TEST_FEDERATION,
          region: Number(workerId.slice(1)) % 2 === 1 ? 'eu' : 'us',
          workerId,
          signer,
          verifier: identities.verifier,
          dataset: DATASET,
          update: (round, params) => defaultUpdate(workerId, round, params),
          ...workerOptions,
        });
        await worker.start();
        started.push(worker);
        workers.push(worker);
      }
      return started;
    },
    async close() {
      for (const worker of workers) worker.stop();
      clients.close();
      await coordinator.shutdown(1_000);
      for (const replica of replicas) await replica.shutdown(1_000);
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A deterministic small update per worker and round. */
export function defaultUpdate(workerId: string, round: number, params: number) {
  const index = Number(workerId.slice(1));
  const delta = new Float32Array(params);
  for (let i = 0; i < params; i += 1)
    delta[i] = Math.fround(((((index * 31 + round * 17 + i * 7) % 23) - 11) / 11) * 0.05);
  return { delta, weight: 10 * index, lossSum: 2.5 * index, correct: 5 * index };
}

/** Weights of the test model, 4x2 kernel and a bias of 2: 10 parameters. */
export const TEST_PARAMS = 10;

/** A valid spec for the test model; override fields per test. */
export function testSpec(overrides: Partial<ExperimentSpec> = {}): ExperimentSpec {
  const seconds = (s: number) => ({ seconds: Math.floor(s), nanos: Math.round((s % 1) * 1e9) });
  return {
    model: {
      topologyJson: JSON.stringify({
        class_name: 'Sequential',
        config: {
          name: 'toy',
          layers: [{ class_name: 'Dense', config: { units: 2, batch_input_shape: [null, 4] } }],
        },
      }),
      weights: [
        { name: 'dense/kernel', shape: [4, 2] },
        { name: 'dense/bias', shape: [2] },
      ],
      paramCount: TEST_PARAMS,
    },
    training: {
      optimizer: 'LOCAL_OPTIMIZER_SGD',
      learningRate: 0.1,
      batchSize: 8,
      localEpochs: 1,
      fedproxMu: 0,
    },
    dataset: DATASET,
    rounds: 2,
    minParticipants: 5,
    targetParticipants: 5,
    strategy: { fedAvg: {} },
    clippingBound: 1,
    laneScales: { update: 2 ** 20, weight: 1, lossSum: 2 ** 10, correctCount: 1 },
    deadlines: {
      setup: seconds(5),
      shareKeys: seconds(5),
      collectMasked: seconds(5),
      consistencyCheck: seconds(5),
      unmask: seconds(5),
    },
    maxExampleWeight: 100,
    lossClip: 10,
    ...overrides,
  };
}

/** The initial weights of the test model. */
export function initialWeights(): Float32Array {
  return Float32Array.from({ length: TEST_PARAMS }, (_, i) => (i - 5) / 10);
}

/**
 * Creates an experiment from `spec` with the test model's initial weights
 * and starts it, as {@link SCIENTIST}; throws unless it was created in
 * state `CREATED`.
 *
 * @param experiments - the client to call through, `f`'s own by default.
 * @returns the experiment's id.
 */
export async function createAndStart(
  f: CoordinatorFixture,
  spec: ExperimentSpec,
  experiments: ExperimentServiceClient = f.clients.experiments,
): Promise<string> {
  const created = await createExperiment(experiments, SCIENTIST, {
    requestId: randomUUID(),
    spec,
    weights: initialWeights(),
  });
  const experimentId = created.experiment?.experimentId ?? '';
  if (created.experiment?.state !== 'EXPERIMENT_STATE_CREATED')
    throw new Error(
      `experiment ${experimentId} was not created (state ${String(created.experiment?.state)})`,
    );
  await unary(
    (m, cb) => experiments.startExperiment({ requestId: randomUUID(), experimentId }, m, cb),
    SCIENTIST,
  );
  return experimentId;
}
