/**
 * `TrainingHost`: one long-lived training thread per worker process.
 *
 * tfjs work is CPU-bound and synchronous; run on the main thread it would
 * stall heartbeats and the task stream for the length of a round, and
 * tfjs-node can only be loaded by one thread per process. The host starts
 * a `worker_threads` thread that owns the backend and the region's
 * datasets; the main thread sends it jobs and awaits results. Weight
 * vectors cross as structured clones (or transfers on request) and deltas
 * come back transferred, never through JSON.
 *
 * @module
 */
import type { Worker } from 'node:worker_threads';
import type { Logger } from '@fedra/common';
import { FedraError, silentLogger, startModuleWorker } from '@fedra/common';
import type { Dataset } from '../data/dataset.js';
import type { DatasetConfig } from '../data/dataset-config.js';
import type { BackendChoice, BackendSelection } from './backend.js';
import type {
  DatasetSummary,
  HostEvaluateRequest,
  HostTrainRequest,
  ThreadReply,
  ThreadRequest,
} from './training-protocol.js';
import { fromThreadError } from './training-protocol.js';
import type { EvaluationMetrics, TrainResult } from './trainer.js';

/** Options for {@link TrainingHost.create}. */
export interface TrainingHostOptions {
  /**
   * The backend to train on; see `selectBackend`.
   * @default 'auto'
   */
  readonly backend?: BackendChoice;
  /**
   * Where to log the thread's start and unexpected exit. Never receives
   * tensor values.
   * @default silentLogger
   */
  readonly logger?: Logger;
  /**
   * How long {@link TrainingHost.close} waits for the thread to finish its
   * current job and exit before terminating it, in milliseconds.
   * @default 30_000
   */
  readonly closeTimeoutMs?: number;
}

/** Options for calls that send typed arrays to the thread. */
export interface SendOptions {
  /**
   * Transfer the arrays' buffers instead of copying them: faster for big
   * models, but the caller's arrays become unusable (length 0). Arrays that
   * are views into a larger buffer are always copied.
   * @default false
   */
  readonly transfer?: boolean;
}

/**
 * The host's lifecycle:
 * - `'running'`: accepting jobs.
 * - `'closing'`: {@link TrainingHost.close} was called; queued jobs finish, new ones are refused.
 * - `'closed'`: the thread exited after `close()`.
 * - `'failed'`: the thread crashed or exited on its own; every pending and later job is rejected.
 */
export type TrainingHostState = 'running' | 'closing' | 'closed' | 'failed';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type RequestBody = ThreadRequest extends infer R
  ? R extends ThreadRequest
    ? Omit<R, 'id'>
    : never
  : never;

/**
 * Runs training and evaluation in a dedicated thread.
 *
 * @example
 * ```ts
 * const host = await TrainingHost.create({ backend: 'auto' });
 * log.info({ backend: host.selection.backend }, 'training backend');
 * await host.loadDataset({ name: 'mnist', format: 'mnist', shard: 0, shards: 6 });
 * const result = await host.train({ dataset: 'mnist', topology, weights, config, clipNorm: 5,
 *   maxExampleWeight: 1000, lossClip: 10 });
 * await host.close();
 * ```
 */
export class TrainingHost {
  /** The backend the thread selected, with its device and what it skipped. */
  readonly selection: BackendSelection;
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly exited: Promise<number>;
  private readonly closeTimeoutMs: number;
  private readonly logger: Logger;
  private nextId = 1;
  private currentState: TrainingHostState = 'running';
  private failure: FedraError | undefined;

  private constructor(worker: Worker, selection: BackendSelection, options: Internal) {
    this.worker = worker;
    this.selection = selection;
    this.exited = options.exited;
    this.closeTimeoutMs = options.closeTimeoutMs;
    this.logger = options.logger;
  }

  /**
   * Starts the training thread and selects its backend.
   *
   * @throws UnavailableError when a forced backend is not available (the
   *   thread is stopped again).
   */
  static async create(options: TrainingHostOptions = {}): Promise<TrainingHost> {
    // From sources the thread boots through tsx (see startModuleWorker).
    const worker = startModuleWorker('./training-thread.js', import.meta.url, {
      name: 'fedra-training',
    });
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    const logger = options.logger ?? silentLogger;
    const boot = new Bootstrap(worker, exited);
    let selection: BackendSelection;
    try {
      selection = (await boot.call({
        op: 'init',
        backend: options.backend ?? 'auto',
      })) as BackendSelection;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    boot.detach();
    const host = new TrainingHost(worker, selection, {
      exited,
      closeTimeoutMs: options.closeTimeoutMs ?? 30_000,
      logger,
    });
    host.listen();
    logger.info(
      {
        backend: selection.backend,
        device: selection.device,
        skipped: selection.tried.map((t) => `${t.backend}: ${t.reason}`),
      },
      'training thread started',
    );
    return host;
  }

  /** Where the host is in its lifecycle. */
  get state(): TrainingHostState {
    return this.currentState;
  }

  /**
   * Hands a dataset to the thread, which validates and keeps it for
   * {@link train} and {@link evaluate} by name (replacing one of the same
   * name).
   *
   * @throws InvalidArgumentError naming the dataset field that is wrong.
   */
  async addDataset(dataset: Dataset, options: SendOptions = {}): Promise<DatasetSummary> {
    const buffers = [
      dataset.train.xs,
      dataset.train.ys,
      dataset.validation.xs,
      dataset.validation.ys,
    ];
    return (await this.call(
      { op: 'addDataset', dataset },
      transferable(buffers, options),
    )) as DatasetSummary;
  }

  /**
   * Loads a dataset in the thread (decoding stays off the main thread) and
   * keeps it by name.
   *
   * @throws InvalidArgumentError naming the file, row or field that is wrong.
   */
  async loadDataset(config: DatasetConfig): Promise<DatasetSummary> {
    return (await this.call({ op: 'loadDataset', config })) as DatasetSummary;
  }

  /** Forgets a dataset; resolves to whether the thread held it. */
  async removeDataset(name: string): Promise<boolean> {
    return (await this.call({ op: 'removeDataset', name })) as boolean;
  }

  /**
   * Trains one round on a held dataset (see `trainLocal`). Jobs run one at
   * a time in call order.
   */
  async train(request: HostTrainRequest, options: SendOptions = {}): Promise<TrainResult> {
    return (await this.call(
      { op: 'train', request },
      transferable([request.weights], options),
    )) as TrainResult;
  }

  /** Evaluates a model on a held dataset's split or on examples sent along. */
  async evaluate(
    request: HostEvaluateRequest,
    options: SendOptions = {},
  ): Promise<EvaluationMetrics> {
    const arrays =
      'data' in request ? [request.weights, request.data.xs, request.data.ys] : [request.weights];
    return (await this.call(
      { op: 'evaluate', request },
      transferable(arrays, options),
    )) as EvaluationMetrics;
  }

  /** The number of live tfjs tensors in the thread (for leak checks). */
  async numTensors(): Promise<number> {
    return (await this.call({ op: 'memory' })) as number;
  }

  /**
   * Lets queued jobs finish, releases the thread's datasets and tensors and
   * waits for the thread to exit (terminating it after `closeTimeoutMs`).
   * Idempotent.
   */
  async close(): Promise<void> {
    if (this.currentState === 'closed' || this.currentState === 'failed') return;
    if (this.currentState === 'running') {
      this.currentState = 'closing';
      const id = this.nextId++;
      const acknowledged = new Promise<unknown>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
      });
      this.worker.postMessage({ id, op: 'close' } satisfies ThreadRequest);
      await acknowledged.catch(() => undefined);
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        resolve('timeout');
      }, this.closeTimeoutMs);
    });
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') await this.worker.terminate();
    this.currentState = 'closed';
    // Only jobs cut off by a terminated thread can still be waiting.
    const closed = new FedraError(
      'UNAVAILABLE',
      'the training host closed before the job finished',
      {
        metadata: { dependency: 'training-thread' },
      },
    );
    for (const waiter of this.pending.values()) waiter.reject(closed);
    this.pending.clear();
  }

  private listen(): void {
    this.worker.on('message', (reply: ThreadReply) => {
      this.settle(reply);
    });
    this.worker.on('error', (error) => {
      this.fail(new FedraError('INTERNAL', 'the training thread crashed', { cause: error }));
    });
    this.worker.on('messageerror', (error) => {
      this.fail(
        new FedraError('INTERNAL', 'a training thread message could not be read', { cause: error }),
      );
    });
    void this.exited.then((code) => {
      if (this.currentState === 'closing' || this.currentState === 'closed') return;
      this.logger.error({ exitCode: code }, 'training thread exited');
      this.fail(new FedraError('INTERNAL', `the training thread exited with code ${code}`));
    });
  }

  private settle(reply: ThreadReply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(fromThreadError(reply.error));
  }

  private fail(error: FedraError): void {
    if (this.currentState === 'failed' || this.currentState === 'closed') return;
    this.currentState = 'failed';
    this.failure = error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  private call(body: RequestBody, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.currentState !== 'running') {
      return Promise.reject(
        this.failure ??
          new FedraError('UNAVAILABLE', `the training host is ${this.currentState}`, {
            metadata: { dependency: 'training-thread' },
          }),
      );
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }
}

interface Internal {
  readonly exited: Promise<number>;
  readonly closeTimeoutMs: number;
  readonly logger: Logger;
}

/** Answers the one `init` call before the host exists. */
class Bootstrap {
  private readonly onMessage: (reply: ThreadReply) => void;
  private readonly onError: (error: Error) => void;
  private waiter: Pending | undefined;

  constructor(
    private readonly worker: Worker,
    exited: Promise<number>,
  ) {
    this.onMessage = (reply) => {
      const waiter = this.waiter;
      this.waiter = undefined;
      if (reply.ok) waiter?.resolve(reply.value);
      else waiter?.reject(fromThreadError(reply.error));
    };
    this.onError = (error) => {
      this.waiter?.reject(
        new FedraError('INTERNAL', 'the training thread failed to start', { cause: error }),
      );
      this.waiter = undefined;
    };
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    void exited.then((code) => {
      this.waiter?.reject(
        new FedraError('INTERNAL', `the training thread exited with code ${code} while starting`),
      );
      this.waiter = undefined;
    });
  }

  call(body: RequestBody): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.worker.postMessage({ ...body, id: 0 });
    });
  }

  detach(): void {
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
  }
}

/** The buffers to transfer: only when asked, and only arrays that own their whole buffer. */
function transferable(arrays: readonly ArrayBufferView[], options: SendOptions): ArrayBuffer[] {
  if (options.transfer !== true) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    const { buffer } = array;
    if (
      buffer instanceof ArrayBuffer &&
      array.byteOffset === 0 &&
      array.byteLength === buffer.byteLength
    ) {
      buffers.add(buffer);
    }
  }
  return [...buffers];
}
