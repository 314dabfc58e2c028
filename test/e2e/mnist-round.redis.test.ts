/**
 * End to end: a coordinator (insecure, real Redis, fresh key prefix) and
 * three real `Worker`s in this process, each training the demo MLP on a
 * non-IID MNIST shard in its own training thread, with secure aggregation.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, Metadata } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { Coordinator } from '@fedra/coordinator';
import { loadFedraPackage } from '@fedra/proto';
import type {
  AdminServiceClient,
  ExperimentOutput,
  ExperimentServiceClient,
  ExperimentSpec,
  GetRoundResponseOutput,
} from '@fedra/proto';
import { createEd25519Identity, createStaticVerifier } from '@fedra/secagg';
import type { IdentitySigner, IdentityVerifier } from '@fedra/secagg';
import {
  buildModel,
  createDemoModel,
  evaluateLocal,
  loadMnistTest,
  parseRegionPolicy,
  weightSpecs,
  Worker,
} from '@fedra/worker';
import type { DatasetConfig, RegionPolicy } from '@fedra/worker';

const REDIS_URL = 'redis://127.0.0.1:6379';
const FEDERATION = 'test.fedra';
const SCIENTIST = `spiffe://${FEDERATION}/scientist/alice`;
const ADMIN = `spiffe://${FEDERATION}/admin/root`;
const IDENTITY_HEADER = 'fedra-insecure-identity';
const ROUNDS = 3;

/** Digits that dominate each worker's shard: every digit is some worker's majority. */
const SHARD_CLASSES = [
  [0, 1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
] as const;

interface Harness {
  readonly port: number;
  readonly experiments: ExperimentServiceClient;
  readonly admin: AdminServiceClient;
  readonly workers: Worker[];
  readonly stateDirs: string[];
  readonly runs: Promise<void>[];
  close(): Promise<void>;
}

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function metadata(identity: string): Metadata {
  const m = new Metadata();
  m.set(IDENTITY_HEADER, identity);
  return m;
}

function unary<T>(
  invoke: (
    metadata: Metadata,
    callback: (error: ServiceError | null, value?: T) => void,
  ) => unknown,
  identity: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    invoke(metadata(identity), (error, value) => {
      if (error !== null) reject(error);
      else resolve(value as T);
    });
  });
}

async function startHarness(): Promise<Harness> {
  const prefix = `fedra-test-${randomUUID()}`;
  const dir = await mkdtemp(join(tmpdir(), 'fedra-e2e-'));
  const coordinator = await Coordinator.create({
    redisUrl: REDIS_URL,
    federation: FEDERATION,
    listen: '127.0.0.1:0',
    insecure: true,
    keyPrefix: prefix,
    modelStore: join(dir, 'models'),
    engine: {
      lockDurationMs: 2_000,
      stalledIntervalMs: 1_000,
      sweepIntervalMs: 300,
      maxStalledCount: 20,
      closingTimeoutMs: 10_000,
    },
    heartbeatIntervalMs: 500,
    heartbeatTimeoutMs: 10_000,
    streamBlockMs: 250,
    reflection: false,
  });
  const port = await coordinator.start();
  const v1 = loadFedraPackage().fedra.v1;
  const experiments = new v1.ExperimentService(`127.0.0.1:${port}`, credentials.createInsecure());
  const admin = new v1.AdminService(`127.0.0.1:${port}`, credentials.createInsecure());
  const workers: Worker[] = [];
  const runs: Promise<void>[] = [];
  const stateDirs: string[] = [];
  return {
    port,
    experiments,
    admin,
    workers,
    runs,
    stateDirs,
    async close() {
      await Promise.all(workers.map((w) => w.shutdown()));
      experiments.close();
      admin.close();
      await coordinator.shutdown(1_000);
      const redis = new Redis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Pinned identities of the workers: each signs with its own key, all trust all. */
function identities(ids: readonly string[]): {
  signers: Map<string, IdentitySigner>;
  verifier: IdentityVerifier;
} {
  const signers = new Map<string, IdentitySigner>();
  const keys = new Map<string, ReturnType<typeof createEd25519Identity>['publicKey']>();
  for (const id of ids) {
    const identity = createEd25519Identity(id);
    signers.set(id, identity.signer);
    keys.set(id, identity.publicKey);
  }
  return { signers, verifier: createStaticVerifier(keys) };
}

async function startWorkers(
  h: Harness,
  policies: ReadonlyMap<string, RegionPolicy> = new Map(),
): Promise<void> {
  const ids = SHARD_CLASSES.map((_, i) => `w${i + 1}`);
  const { signers, verifier } = identities(ids);
  const regions = ['eu', 'us', 'ap'];
  await Promise.all(
    ids.map(async (workerId, i) => {
      const stateDir = await mkdtemp(join(tmpdir(), `fedra-worker-${workerId}-`));
      h.stateDirs.push(stateDir);
      const dataset: DatasetConfig = {
        name: 'mnist',
        format: 'mnist',
        shard: i,
        shards: SHARD_CLASSES.length,
        classes: SHARD_CLASSES[i],
        inputShape: [784],
        seed: 7,
      };
      const signer = signers.get(workerId);
      if (signer === undefined) throw new Error(`no signer for ${workerId}`);
      const worker = await Worker.create({
        coordinator: `127.0.0.1:${h.port}`,
        credentials: {
          mode: 'insecure',
          federation: FEDERATION,
          region: regions[i] ?? 'eu',
          workerId,
        },
        signer,
        verifier,
        policy: policies.get(workerId),
        datasets: [dataset],
        backend: 'auto',
        stateDir,
        heartbeatIntervalMs: 500,
        reconnect: { initialMs: 50, maxMs: 1_000 },
      });
      h.workers.push(worker);
      h.runs.push(worker.run());
    }),
  );
}

async function demoSpec(overrides: Partial<ExperimentSpec> = {}) {
  const { topology, weights } = await createDemoModel('mlp', { seed: 3 });
  const model = await buildModel(topology);
  const specs = weightSpecs(model).map((w) => ({ name: w.name, shape: [...w.shape] }));
  model.dispose();
  const seconds = (s: number) => ({ seconds: s, nanos: 0 });
  const spec: ExperimentSpec = {
    model: {
      topologyJson: JSON.stringify(topology),
      weights: specs,
      paramCount: weights.length,
    },
    training: {
      optimizer: 'LOCAL_OPTIMIZER_ADAM',
      learningRate: 0.002,
      batchSize: 32,
      localEpochs: 1,
      fedproxMu: 0,
    },
    dataset: { name: 'mnist', inputShape: [784], numClasses: 10 },
    rounds: ROUNDS,
    minParticipants: 3,
    targetParticipants: 3,
    strategy: { fedAvg: {} },
    clippingBound: 5,
    secagg: { k: 2, t: 2 },
    // n x bound x scale < 2^31 per lane: 3 x (5 x 2000) x 2^16 < 2^31.
    laneScales: { update: 2 ** 16, weight: 1, lossSum: 2 ** 10, correctCount: 1 },
    deadlines: {
      setup: seconds(20),
      shareKeys: seconds(20),
      collectMasked: seconds(60),
      consistencyCheck: seconds(20),
      unmask: seconds(20),
    },
    maxExampleWeight: 2000,
    lossClip: 10,
    ...overrides,
  };
  return { spec, topology, weights };
}

function createExperiment(
  client: ExperimentServiceClient,
  spec: ExperimentSpec,
  weights: Float32Array,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const call = client.createExperiment(metadata(SCIENTIST), (error, response) => {
      if (error !== null) reject(error);
      else resolve(response?.experiment?.experimentId ?? '');
    });
    call.write({
      start: { requestId: randomUUID(), spec, metadata: { displayName: 'mnist-e2e' } },
    });
    const bytes = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
    const size = 1024 * 1024;
    const sha256 = createHash('sha256').update(bytes).digest();
    for (let offset = 0; offset < bytes.length; offset += size) {
      const end = Math.min(bytes.length, offset + size);
      call.write({
        initialWeights: {
          offset,
          data: bytes.subarray(offset, end),
          totalBytes: bytes.length,
          sha256: end === bytes.length ? sha256 : Buffer.alloc(0),
        },
      });
    }
    call.end();
  });
}

async function startExperiment(h: Harness, spec: ExperimentSpec, weights: Float32Array) {
  const experimentId = await createExperiment(h.experiments, spec, weights);
  await unary(
    (m, cb) => h.experiments.startExperiment({ requestId: randomUUID(), experimentId }, m, cb),
    SCIENTIST,
  );
  return experimentId;
}

async function getExperiment(h: Harness, experimentId: string): Promise<ExperimentOutput> {
  const response = await unary<{ experiment: ExperimentOutput | null }>(
    (m, cb) => h.experiments.getExperiment({ experimentId }, m, cb),
    SCIENTIST,
  );
  if (response.experiment === null) throw new Error('no experiment');
  return response.experiment;
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function downloadVersion(h: Harness, experimentId: string, version: number): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const stream = h.experiments.downloadModel({ experimentId, version }, metadata(SCIENTIST));
    stream.on('data', (message: { chunk?: { data: Buffer } | null }) => {
      if (message.chunk != null) parts.push(message.chunk.data);
    });
    stream.on('error', reject);
    stream.on('end', () => {
      const bytes = Buffer.concat(parts);
      resolve(
        new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
      );
    });
  });
}

describe('MNIST federation end to end', () => {
  it('completes three securely aggregated rounds and the held-out accuracy improves', async () => {
    const h = await startHarness();
    harness = h;
    await startWorkers(h);
    const { spec, topology, weights } = await demoSpec();
    const experimentId = await startExperiment(h, spec, weights);
    const finished = await waitFor(async () => {
      const experiment = await getExperiment(h, experimentId);
      return experiment.state === 'EXPERIMENT_STATE_RUNNING' ||
        experiment.state === 'EXPERIMENT_STATE_CREATED'
        ? undefined
        : experiment;
    }, 'the experiment to finish');
    expect(finished.state).toBe('EXPERIMENT_STATE_COMPLETED');

    const test = loadMnistTest({ inputShape: [784] });
    const accuracy: number[] = [];
    for (let version = 1; version <= ROUNDS; version += 1) {
      const model = await downloadVersion(h, experimentId, version);
      expect(model.length).toBe(weights.length);
      const metrics = await evaluateLocal({
        topology: topology,
        weights: model,
        data: test,
      });
      accuracy.push(metrics.accuracy);
    }
    console.info(`held-out accuracy by round: ${accuracy.map((a) => a.toFixed(4)).join(', ')}`);
    expect(accuracy[ROUNDS - 1]).toBeGreaterThan(accuracy[0] ?? 1);

    // Every round was summed from all three masked updates and unmasked.
    for (let round = 1; round <= ROUNDS; round += 1) {
      const response = await unary<GetRoundResponseOutput>(
        (m, cb) => h.admin.getRound({ experimentId, roundNumber: round }, m, cb),
        ADMIN,
      );
      const attempts = response.round?.attempts ?? [];
      const last = attempts[attempts.length - 1];
      const revealed = (last?.participants ?? []).filter(
        (p) => p.state === 'PARTICIPANT_STATE_REVEALED',
      );
      expect(revealed.length).toBe(3);
    }
    // Each worker persisted what it revealed at unmask.
    for (const dir of h.stateDirs)
      expect((await readdir(join(dir, 'reveal'))).length).toBeGreaterThanOrEqual(ROUNDS);
    for (const worker of h.workers) expect(worker.state).toBe('RUNNING');
  }, 180_000);

  it('a worker whose policy demands a larger cohort refuses, and the coordinator records it', async () => {
    const h = await startHarness();
    harness = h;
    const policy = parseRegionPolicy(
      JSON.stringify({
        version: 1,
        rounds: { minCohort: 5, minK: 2, minT: 2, minSurvivors: 2 },
        model: { maxParameters: 1_000_000, maxClipNorm: 10 },
        owners: [`spiffe://${FEDERATION}/scientist/*`],
        datasets: { mnist: { format: 'mnist', shard: 2, shards: 3, inputShape: [784] } },
        trust: { federation: FEDERATION, regionCas: { ap: 'trust/ap.pem' } },
      }),
    );
    await startWorkers(h, new Map([['w3', policy]]));
    const { spec, weights } = await demoSpec({ rounds: 1 });
    const experimentId = await startExperiment(h, spec, weights);
    const refusal = await waitFor(async () => {
      const response = await unary<GetRoundResponseOutput>(
        (m, cb) => h.admin.getRound({ experimentId, roundNumber: 1 }, m, cb),
        ADMIN,
      ).catch(() => undefined);
      for (const attempt of response?.round?.attempts ?? [])
        for (const p of attempt.participants)
          if (p.workerId === 'w3' && p.refusalReason !== 'REFUSAL_REASON_UNSPECIFIED') return p;
      return undefined;
    }, 'the refusal to be recorded');
    expect(refusal.refusalReason).toBe('REFUSAL_REASON_COHORT_TOO_SMALL');
    expect(refusal.detail).toContain('rounds.minCohort');
    const w3 = h.workers.find((w) => w.workerId === 'w3');
    expect([...(w3?.activity.values() ?? [])].some((a) => a.outcome === 'refused')).toBe(true);
  }, 120_000);
});
