/**
 * Fedra's local demo: one coordinator (insecure mode, real Redis, a fresh key
 * prefix, a temporary model store) and N real workers in this process, each
 * training the demo MLP on a non-IID MNIST shard in its own training thread,
 * federated through securely aggregated rounds. The same flow as
 * `test/e2e/mnist-round.redis.test.ts` (both use `scientist-client.ts`), packaged for a person to watch.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { Redis } from 'ioredis';
import { FedraError, InvalidArgumentError, UnavailableError, silentLogger } from '@fedra/common';
import type { Logger } from '@fedra/common';
import { Coordinator, deleteKeysWithPrefix, LOCAL_COORDINATOR_TIMINGS } from '@fedra/coordinator';
import { loadFedraPackage } from '@fedra/proto';
import type {
  AdminServiceClient,
  ExperimentOutput,
  ExperimentServiceClient,
  GetHistoryResponseOutput,
  ListWorkersResponseOutput,
} from '@fedra/proto';
import { createSimulatedIdentities } from '@fedra/secagg';
import { BACKEND_ORDER, evaluateLocal, loadMnistTest, selectBackend, Worker } from '@fedra/worker';
import type { BackendName, LabelledTestSet, ModelTopology } from '@fedra/worker';
import {
  createExperiment,
  demoExperimentSpec,
  downloadModelVersion,
  unary,
} from './scientist-client.js';

/** The regions the demo's workers live in, assigned in turn. */
export const DEMO_REGIONS = ['eu', 'us', 'apac'] as const;

const FEDERATION = 'demo.fedra';
const SCIENTIST = `spiffe://${FEDERATION}/scientist/alice`;
const ADMIN = `spiffe://${FEDERATION}/admin/root`;
const MIN_WORKERS = 3;
const MAX_WORKERS = 10;
const MAX_ROUNDS = 50;
const POLL_MS = 500;

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** How many workers (3..10); the ten digits are split among them. @default 3 */
  readonly workers?: number | undefined;
  /** How many federated rounds (1..50). @default 3 */
  readonly rounds?: number | undefined;
  /** Where Redis listens. @default 'redis://127.0.0.1:6379' */
  readonly redisUrl?: string | undefined;
  /** Keep the model store and worker state directories after the run. @default false */
  readonly keep?: boolean | undefined;
  /** Receives the coordinator's and workers' logs. @default silentLogger */
  readonly logger?: Logger | undefined;
  /** Called as the demo makes progress, for a person to watch. */
  readonly onProgress?: ((event: DemoEvent) => void) | undefined;
  /** Aborting stops the demo and cleans up; `runDemo` then rejects with `CANCELLED`. */
  readonly signal?: AbortSignal | undefined;
  /** Gives up when no round commits for this long, in milliseconds. @default 300_000 */
  readonly roundTimeoutMs?: number | undefined;
}

/** A worker the demo started, as the coordinator registered it. */
export interface DemoWorker {
  /** The worker id (`w1`, `w2`, …). */
  readonly workerId: string;
  /** Its region. */
  readonly region: string;
  /** The digits that dominate its shard (it holds only a tenth of its slice of the others). */
  readonly majorityDigits: readonly number[];
  /** Training examples it reported at registration. */
  readonly examples: number;
  /** The training backend its training thread chose. */
  readonly backend: BackendName;
  /** Why: the faster backends this host lacks, and why each was skipped. */
  readonly backendReason: string;
}

/** One committed round, as the scientist sees it. */
export interface DemoRound {
  /** The round number (1-based); also the model version it produced. */
  readonly roundNumber: number;
  /** Workers selected into the committed attempt. */
  readonly participants: number;
  /** Participants whose masked update made it into the sum. */
  readonly survivors: number;
  /** Mean training loss over all survivors' examples (securely aggregated). */
  readonly meanLoss: number;
  /** Accuracy of the new global model on held-out MNIST digits no worker holds. */
  readonly accuracy: number;
  /** Round open to commit, in seconds, as the coordinator measured it. */
  readonly seconds: number;
}

/** Progress of {@link runDemo}, in order. */
export type DemoEvent =
  | {
      /** The coordinator is listening. */
      readonly type: 'coordinator';
      readonly port: number;
      readonly keyPrefix: string;
      readonly workDir: string;
    }
  | { /** A worker registered. */ readonly type: 'worker'; readonly worker: DemoWorker }
  | {
      /** The scientist created and started the experiment. */
      readonly type: 'experiment';
      readonly experimentId: string;
      readonly rounds: number;
      readonly parameters: number;
      /** Held-out accuracy of the initial (random) model, version 0. */
      readonly initialAccuracy: number;
    }
  | { /** A round committed. */ readonly type: 'round'; readonly round: DemoRound }
  | {
      /** Stopping workers and coordinator, deleting Redis keys and (unless kept) files. */
      readonly type: 'cleanup';
      readonly kept: boolean;
    };

/** What {@link runDemo} returns. */
export interface DemoResult {
  /** The experiment the demo ran. */
  readonly experimentId: string;
  /** Held-out accuracy of the initial model. */
  readonly initialAccuracy: number;
  /** Every committed round, in order. */
  readonly rounds: readonly DemoRound[];
  /** The workers that took part. */
  readonly workers: readonly DemoWorker[];
  /** The model store and worker state; deleted unless `keep`. */
  readonly workDir: string;
}

/**
 * Says whether Redis answers at `url` within two seconds.
 *
 * @throws UnavailableError (`dependency` = `redis`) with a message that says
 *   how to start it.
 */
export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // ioredis also emits connection failures as events; the rejection below reports them.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const where = redisHost(url);
    throw new UnavailableError('redis', {
      cause: error,
      message:
        `Fedra's demo needs Redis on ${where}: start it with ` +
        '`redis-server --daemonize yes` or set FEDRA_REDIS_URL',
    });
  } finally {
    redis.disconnect();
  }
}

function redisHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port === '' ? '6379' : parsed.port}`;
  } catch {
    return '127.0.0.1:6379';
  }
}

/**
 * The digits that dominate each of `n` shards: the ten digits cut into `n`
 * contiguous groups, so every digit is some worker's majority and no worker
 * sees enough of the others to learn them alone.
 */
export function shardDigits(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const from = Math.ceil((i * 10) / n);
    const to = Math.ceil(((i + 1) * 10) / n);
    return Array.from({ length: to - from }, (_, d) => from + d);
  });
}

function checkCount(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InvalidArgumentError(
      field,
      `${field} must be an integer in ${min}..${max}, got ${value}`,
    );
  return value;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new FedraError('CANCELLED', 'the demo was stopped');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

async function heldOutAccuracy(
  client: ExperimentServiceClient,
  experimentId: string,
  version: number,
  topology: ModelTopology,
  test: LabelledTestSet,
): Promise<number> {
  const weights = await downloadModelVersion(client, experimentId, version, SCIENTIST);
  return (await evaluateLocal({ topology, weights, data: test })).accuracy;
}

/**
 * Why the training threads run on `backend`: the faster backends in
 * {@link BACKEND_ORDER} and why this host could not use them. Probed in the
 * calling thread after the workers chose, so the probe cannot take a native
 * backend from them.
 */
async function explainBackend(backend: BackendName): Promise<string> {
  const probe = await selectBackend({ backend: 'auto' });
  const faster = BACKEND_ORDER.slice(0, BACKEND_ORDER.indexOf(backend));
  if (faster.length === 0) return 'the fastest backend Fedra supports';
  const reasons = faster.map((name) => {
    const skipped = probe.tried.find((t) => t.backend === name);
    return `${name}: ${skipped?.reason ?? 'taken by another training thread'}`;
  });
  return `fastest available here (${reasons.join('; ')})`;
}

/**
 * Runs the demo end to end and resolves with the per-round results; always
 * stops what it started, deletes its Redis keys and (unless `keep`) its files.
 *
 * @throws InvalidArgumentError for `workers` or `rounds` out of range.
 * @throws UnavailableError (`redis`) when Redis does not answer.
 * @throws FedraError `CANCELLED` when `signal` aborts, `DEADLINE_EXCEEDED`
 *   when no round commits within `roundTimeoutMs`, `EXPERIMENT_NOT_RUNNING` when
 *   the experiment fails, `INTERNAL` when a worker stops for good.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const n = checkCount('workers', options.workers ?? 3, MIN_WORKERS, MAX_WORKERS);
  const rounds = checkCount('rounds', options.rounds ?? 3, 1, MAX_ROUNDS);
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const keep = options.keep ?? false;
  const logger = options.logger ?? silentLogger;
  const emit = options.onProgress ?? (() => undefined);
  const { signal } = options;
  const roundTimeoutMs = options.roundTimeoutMs ?? 300_000;

  await checkRedis(redisUrl);
  throwIfAborted(signal);

  const keyPrefix = `fedra-demo-${randomUUID()}`;
  const workDir = await mkdtemp(join(tmpdir(), 'fedra-demo-'));
  const started: Worker[] = [];
  const failures: unknown[] = [];
  let coordinator: Coordinator | undefined;
  let experiments: ExperimentServiceClient | undefined;
  let admin: AdminServiceClient | undefined;
  try {
    coordinator = await Coordinator.create({
      redisUrl,
      federation: FEDERATION,
      listen: '127.0.0.1:0',
      insecure: true,
      keyPrefix,
      modelStore: join(workDir, 'models'),
      ...LOCAL_COORDINATOR_TIMINGS,
      logger: logger.child({ component: 'coordinator' }),
    });
    const port = await coordinator.start();
    emit({ type: 'coordinator', port, keyPrefix, workDir });
    const v1 = loadFedraPackage().fedra.v1;
    experiments = new v1.ExperimentService(`127.0.0.1:${port}`, credentials.createInsecure());
    admin = new v1.AdminService(`127.0.0.1:${port}`, credentials.createInsecure());

    // Each worker signs with its own key; all pin all, as region CAs would make them.
    const digits = shardDigits(n);
    const ids = digits.map((_, i) => `w${i + 1}`);
    const { signers, verifier } = createSimulatedIdentities(ids);
    const regions = ids.map((_, i) => DEMO_REGIONS[i % DEMO_REGIONS.length] ?? 'eu');
    await Promise.all(
      ids.map(async (workerId, i) => {
        const signer = signers.get(workerId);
        if (signer === undefined) throw new FedraError('INTERNAL', `no signer for ${workerId}`);
        const worker = await Worker.create({
          coordinator: `127.0.0.1:${port}`,
          credentials: {
            mode: 'insecure',
            federation: FEDERATION,
            region: regions[i] ?? 'eu',
            workerId,
          },
          signer,
          verifier,
          datasets: [
            {
              name: 'mnist',
              format: 'mnist',
              shard: i,
              shards: n,
              classes: digits[i] ?? [],
              inputShape: [784],
              seed: 7,
            },
          ],
          backend: 'auto',
          stateDir: join(workDir, 'workers', workerId),
          heartbeatIntervalMs: 500,
          reconnect: { initialMs: 50, maxMs: 1_000 },
          logger,
        });
        started.push(worker);
        worker.run().catch((error: unknown) => failures.push(error));
      }),
    );
    throwIfAborted(signal);

    // The coordinator's registry, not our own bookkeeping: what each region told it.
    const list = await waitFor(
      async () => {
        const response = await unary<ListWorkersResponseOutput>(
          (m, cb) => admin?.listWorkers({ pageSize: 500 }, m, cb),
          ADMIN,
        );
        return response.workers.length >= n ? response : undefined;
      },
      'the workers to register',
      60_000,
      signal,
      failures,
    );
    const backendOf = new Map(started.map((w) => [w.workerId, w.backend]));
    const reasons = new Map<BackendName, string>();
    const workers: DemoWorker[] = [];
    for (const [i, workerId] of ids.entries()) {
      const registered = list.workers.find((w) => w.workerId === workerId);
      const backend = backendOf.get(workerId) ?? 'cpu';
      if (!reasons.has(backend)) reasons.set(backend, await explainBackend(backend));
      const worker: DemoWorker = {
        workerId,
        region: registered?.region ?? regions[i] ?? '',
        majorityDigits: digits[i] ?? [],
        examples: registered?.datasets[0]?.exampleCount ?? 0,
        backend,
        backendReason: reasons.get(backend) ?? '',
      };
      workers.push(worker);
      emit({ type: 'worker', worker });
    }

    const { spec, topology, weights } = await demoExperimentSpec(n, rounds);
    const experimentId = await createExperiment(experiments, {
      spec,
      weights,
      identity: SCIENTIST,
      displayName: 'mnist-demo',
    });
    const test = loadMnistTest({ inputShape: [784] });
    const initialAccuracy = await heldOutAccuracy(experiments, experimentId, 0, topology, test);
    await unary(
      (m, cb) => experiments?.startExperiment({ requestId: randomUUID(), experimentId }, m, cb),
      SCIENTIST,
    );
    emit({ type: 'experiment', experimentId, rounds, parameters: weights.length, initialAccuracy });

    const committed: DemoRound[] = [];
    let lastProgress = Date.now();
    for (;;) {
      throwIfAborted(signal);
      if (failures.length > 0)
        throw new FedraError('INTERNAL', 'a worker stopped for good; see the log', {
          cause: failures[0],
        });
      const history = await unary<GetHistoryResponseOutput>(
        (m, cb) => experiments?.getHistory({ experimentId, pageSize: 500 }, m, cb),
        SCIENTIST,
      );
      for (const entry of history.entries) {
        const version = entry.model?.version ?? 0;
        if (version <= committed.length || entry.metrics === null) continue;
        const m = entry.metrics;
        const round: DemoRound = {
          roundNumber: version,
          participants: m.participants,
          survivors: m.survivors,
          meanLoss: m.trainLoss,
          accuracy: await heldOutAccuracy(experiments, experimentId, version, topology, test),
          seconds: (m.duration?.seconds ?? 0) + (m.duration?.nanos ?? 0) / 1e9,
        };
        committed.push(round);
        lastProgress = Date.now();
        emit({ type: 'round', round });
      }
      if (committed.length >= rounds) break;
      const experiment = await getExperiment(experiments, experimentId);
      if (
        experiment.state === 'EXPERIMENT_STATE_FAILED' ||
        experiment.state === 'EXPERIMENT_STATE_CANCELLED'
      )
        throw new FedraError('EXPERIMENT_NOT_RUNNING', `the experiment ended ${experiment.state}`, {
          metadata: { experimentId },
        });
      if (Date.now() - lastProgress > roundTimeoutMs)
        throw new FedraError(
          'DEADLINE_EXCEEDED',
          `no round committed within ${roundTimeoutMs} ms; see the log`,
          { metadata: { experimentId } },
        );
      await sleep(POLL_MS, signal);
    }
    return { experimentId, initialAccuracy, rounds: committed, workers, workDir };
  } finally {
    emit({ type: 'cleanup', kept: keep });
    await Promise.allSettled(started.map((w) => w.shutdown()));
    experiments?.close();
    admin?.close();
    await coordinator?.shutdown(1_000).catch(() => undefined);
    await deleteKeysWithPrefix(redisUrl, keyPrefix).catch(() => undefined);
    if (!keep) await rm(workDir, { recursive: true, force: true });
  }
}

async function getExperiment(
  client: ExperimentServiceClient,
  experimentId: string,
): Promise<ExperimentOutput> {
  const response = await unary<{ experiment: ExperimentOutput | null }>(
    (m, cb) => client.getExperiment({ experimentId }, m, cb),
    SCIENTIST,
  );
  if (response.experiment === null)
    throw new FedraError('EXPERIMENT_NOT_FOUND', 'the coordinator lost the experiment', {
      metadata: { experimentId },
    });
  return response.experiment;
}

async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  failures: readonly unknown[],
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    throwIfAborted(signal);
    if (failures.length > 0)
      throw new FedraError('INTERNAL', `a worker stopped for good while waiting for ${what}`, {
        cause: failures[0],
      });
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until)
      throw new FedraError('DEADLINE_EXCEEDED', `timed out waiting for ${what}`);
    await sleep(250, signal);
  }
}
