/**
 * What the end-to-end suites share: a coordinator (insecure, real Redis, a
 * fresh key prefix, a temporary model store) that can be restarted on the
 * same port, prefix and store; in-process `Worker`s on non-IID MNIST shards;
 * the scientist's and the admin's calls; polling with generous timeouts.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials, status as grpcStatus } from '@grpc/grpc-js';
import {
  createExperiment,
  deleteKeysWithPrefix,
  downloadModelVersion,
  LOCAL_COORDINATOR_TIMINGS,
  unary,
} from '@fedra/cli';
import { silentLogger } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { Coordinator, DirectoryModelStore } from '@fedra/coordinator';
import type { ModelStore } from '@fedra/coordinator';
import { loadFedraPackage } from '@fedra/proto';
import type {
  AdminServiceClient,
  ExperimentOutput,
  ExperimentServiceClient,
  ExperimentSpec,
  GetRoundResponseOutput,
} from '@fedra/proto';
import { createSimulatedIdentities } from '@fedra/secagg';
import type { IdentityVerifier } from '@fedra/secagg';
import { evaluateLocal, loadMnistTest, Worker } from '@fedra/worker';
import type { ModelTopology, RegionPolicy, WorkerOptions } from '@fedra/worker';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const FEDERATION = 'test.fedra';
export const SCIENTIST = `spiffe://${FEDERATION}/scientist/alice`;
export const ADMIN = `spiffe://${FEDERATION}/admin/root`;

/** Where a test worker lives and which digits dominate its MNIST shard. */
export interface WorkerPlan {
  readonly workerId: string;
  readonly region: string;
  /** This worker's shard, `0 .. shards-1`. */
  readonly shard: number;
  readonly shards: number;
  /** The digits that dominate the shard. */
  readonly classes: readonly number[];
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /**
   * Wraps the coordinator's model store (each start gets the same directory
   * store), e.g. to hold an upload part-way.
   */
  readonly wrapModelStore?: ((store: ModelStore) => ModelStore) | undefined;
  /** Receives the coordinator's and the in-process workers' logs (to debug a test). @default silentLogger */
  readonly logger?: Logger | undefined;
}

/** A running coordinator and the clients and workers a test made. */
export interface Harness {
  /** The coordinator's port; a restart listens on it again. */
  readonly port: number;
  readonly keyPrefix: string;
  /** What {@link HarnessOptions.logger} named. */
  readonly logger: Logger;
  readonly experiments: ExperimentServiceClient;
  readonly admin: AdminServiceClient;
  readonly workers: Worker[];
  readonly stateDirs: string[];
  /** Each worker's `run()`, in start order. */
  readonly runs: Promise<void>[];
  /** Stops the coordinator (grace `graceMs`) and starts a new one on the same port, prefix and store. */
  restartCoordinator(graceMs?: number): Promise<void>;
  /** Stops workers and coordinator, deletes the Redis keys and files. */
  close(): Promise<void>;
}

/** Starts a coordinator on a free port with {@link LOCAL_COORDINATOR_TIMINGS}. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const keyPrefix = `fedra-test-${randomUUID()}`;
  const logger = options.logger ?? silentLogger;
  const dir = await mkdtemp(join(tmpdir(), 'fedra-e2e-'));
  const startCoordinator = async (listen: string): Promise<[Coordinator, number]> => {
    const directory = await DirectoryModelStore.open(join(dir, 'models'));
    const coordinator = await Coordinator.create({
      redisUrl: REDIS_URL,
      federation: FEDERATION,
      listen,
      insecure: true,
      keyPrefix,
      modelStore: options.wrapModelStore?.(directory) ?? directory,
      ...LOCAL_COORDINATOR_TIMINGS,
      logger: logger.child({ component: 'coordinator' }),
    });
    return [coordinator, await coordinator.start()];
  };
  let [coordinator, port] = await startCoordinator('127.0.0.1:0');
  const v1 = loadFedraPackage().fedra.v1;
  const experiments = new v1.ExperimentService(`127.0.0.1:${port}`, credentials.createInsecure());
  const admin = new v1.AdminService(`127.0.0.1:${port}`, credentials.createInsecure());
  const workers: Worker[] = [];
  const stateDirs: string[] = [];
  return {
    port,
    keyPrefix,
    logger,
    experiments,
    admin,
    workers,
    stateDirs,
    runs: [],
    async restartCoordinator(graceMs = 500) {
      await coordinator.shutdown(graceMs);
      [coordinator, port] = await startCoordinator(`127.0.0.1:${port}`);
    },
    async close() {
      await Promise.allSettled(workers.map((w) => w.shutdown()));
      experiments.close();
      admin.close();
      await coordinator.shutdown(1_000);
      await deleteKeysWithPrefix(REDIS_URL, keyPrefix);
      await Promise.all([dir, ...stateDirs].map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

/** A fresh temporary state directory the harness deletes at close. */
export async function stateDir(h: Harness, workerId: string): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), `fedra-worker-${workerId}-`));
  h.stateDirs.push(path);
  return path;
}

/** Per-worker overrides of {@link startWorkers}. */
export interface WorkerOverrides {
  readonly policies?: ReadonlyMap<string, RegionPolicy> | undefined;
  /** Replaces the pinned verifier (e.g. to accept a peer whose key is not pinned here). */
  readonly verifier?: IdentityVerifier | undefined;
  /** Options for one worker, by id. */
  readonly options?: ReadonlyMap<string, Partial<WorkerOptions>> | undefined;
}

/** Creates and runs one in-process worker per plan, in parallel; resolves once all run. */
export async function startWorkers(
  h: Harness,
  plans: readonly WorkerPlan[],
  overrides: WorkerOverrides = {},
): Promise<void> {
  // Pinned identities: each worker signs with its own key; the verifier trusts all of them.
  const { signers, verifier } = createSimulatedIdentities(plans.map((p) => p.workerId));
  await Promise.all(
    plans.map(async (plan) => {
      const signer = signers.get(plan.workerId);
      if (signer === undefined) throw new Error(`no signer for ${plan.workerId}`);
      const worker = await Worker.create({
        coordinator: `127.0.0.1:${h.port}`,
        credentials: {
          mode: 'insecure',
          federation: FEDERATION,
          region: plan.region,
          workerId: plan.workerId,
        },
        signer,
        verifier: overrides.verifier ?? verifier,
        policy: overrides.policies?.get(plan.workerId),
        datasets: [
          {
            name: 'mnist',
            format: 'mnist',
            shard: plan.shard,
            shards: plan.shards,
            classes: plan.classes,
            inputShape: [784],
            seed: 7,
          },
        ],
        backend: 'auto',
        stateDir: await stateDir(h, plan.workerId),
        heartbeatIntervalMs: 500,
        reconnect: { initialMs: 50, maxMs: 1_000 },
        logger: h.logger,
        ...overrides.options?.get(plan.workerId),
      });
      h.workers.push(worker);
      h.runs.push(worker.run());
    }),
  );
}

/** Creates and starts an experiment as the scientist; resolves with its id. */
export function startExperiment(
  h: Harness,
  spec: ExperimentSpec,
  weights: Float32Array,
): Promise<string> {
  return createAndStartExperiment(h.experiments, {
    spec,
    weights,
    identity: SCIENTIST,
    displayName: 'mnist-e2e',
  });
}

/** Creates an experiment as `options.identity` and starts it; resolves with its id. */
export async function createAndStartExperiment(
  experiments: ExperimentServiceClient,
  options: Parameters<typeof createExperiment>[1],
): Promise<string> {
  const experimentId = await createExperiment(experiments, options);
  await unary(
    (m, cb) => experiments.startExperiment({ requestId: randomUUID(), experimentId }, m, cb),
    options.identity,
  );
  return experimentId;
}

/** The experiment as the scientist sees it. */
export async function getExperiment(h: Harness, experimentId: string): Promise<ExperimentOutput> {
  const response = await unary<{ experiment: ExperimentOutput | null }>(
    (m, cb) => h.experiments.getExperiment({ experimentId }, m, cb),
    SCIENTIST,
  );
  if (response.experiment === null) throw new Error('no experiment');
  return response.experiment;
}

/** Polls `probe` every 250 ms until it returns a value; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(
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

/** Waits until the experiment leaves CREATED/RUNNING; resolves with it. */
export function waitForExperimentEnd(
  h: Harness,
  experimentId: string,
  timeoutMs = 120_000,
): Promise<ExperimentOutput> {
  return waitFor(
    async () => {
      // A restarting coordinator is briefly unreachable: poll again.
      const experiment = await getExperiment(h, experimentId).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === grpcStatus.UNAVAILABLE) return undefined;
        throw error;
      });
      if (experiment === undefined) return undefined;
      return experiment.state === 'EXPERIMENT_STATE_RUNNING' ||
        experiment.state === 'EXPERIMENT_STATE_CREATED'
        ? undefined
        : experiment;
    },
    'the experiment to finish',
    timeoutMs,
  );
}

/** A round as the admin sees it (every attempt and participant). */
export async function getRound(
  h: Harness,
  experimentId: string,
  roundNumber: number,
): Promise<GetRoundResponseOutput> {
  return unary<GetRoundResponseOutput>(
    (m, cb) => h.admin.getRound({ experimentId, roundNumber }, m, cb),
    ADMIN,
  );
}

/** The workers whose masked update was unmasked in the last attempt of a round, sorted. */
export async function revealedIn(
  h: Harness,
  experimentId: string,
  roundNumber: number,
): Promise<string[]> {
  const attempts = (await getRound(h, experimentId, roundNumber)).round?.attempts ?? [];
  const last = attempts[attempts.length - 1];
  return (last?.participants ?? [])
    .filter((p) => p.state === 'PARTICIPANT_STATE_REVEALED')
    .map((p) => p.workerId)
    .sort();
}

/** Held-out MNIST accuracy of model versions `1..rounds`, in order. */
export async function heldOutAccuracy(
  h: Harness,
  experimentId: string,
  rounds: number,
  topology: ModelTopology,
): Promise<number[]> {
  const test = loadMnistTest({ inputShape: [784] });
  const accuracy: number[] = [];
  for (let version = 1; version <= rounds; version += 1) {
    const weights = await downloadModelVersion(h.experiments, experimentId, version, SCIENTIST);
    accuracy.push((await evaluateLocal({ topology, weights, data: test })).accuracy);
  }
  return accuracy;
}
