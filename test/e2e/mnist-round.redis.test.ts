/**
 * End to end: a coordinator (insecure, real Redis, fresh key prefix) and
 * three real `Worker`s in this process, each training the demo MLP on a
 * non-IID MNIST shard in its own training thread, with secure aggregation.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createExperiment,
  deleteKeysWithPrefix,
  demoExperimentSpec,
  downloadModelVersion,
  LOCAL_COORDINATOR_TIMINGS,
  unary,
} from '@fedra/cli';
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
import { evaluateLocal, loadMnistTest, parseRegionPolicy, Worker } from '@fedra/worker';
import type { DatasetConfig, RegionPolicy } from '@fedra/worker';

const REDIS_URL = 'redis://127.0.0.1:6379';
const FEDERATION = 'test.fedra';
const SCIENTIST = `spiffe://${FEDERATION}/scientist/alice`;
const ADMIN = `spiffe://${FEDERATION}/admin/root`;
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
    ...LOCAL_COORDINATOR_TIMINGS,
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
      await deleteKeysWithPrefix(REDIS_URL, prefix);
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

async function startExperiment(h: Harness, spec: ExperimentSpec, weights: Float32Array) {
  const experimentId = await createExperiment(h.experiments, {
    spec,
    weights,
    identity: SCIENTIST,
    displayName: 'mnist-e2e',
  });
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

describe('MNIST federation end to end', () => {
  it('completes three securely aggregated rounds and the held-out accuracy improves', async () => {
    const h = await startHarness();
    harness = h;
    await startWorkers(h);
    const { spec, topology, weights } = await demoExperimentSpec(SHARD_CLASSES.length, ROUNDS);
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
      const model = await downloadModelVersion(h.experiments, experimentId, version, SCIENTIST);
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
    const { spec, weights } = await demoExperimentSpec(SHARD_CLASSES.length, 1);
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
