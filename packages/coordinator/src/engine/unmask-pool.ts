/**
 * `UnmaskPool`: a few `worker_threads` that remove the masks from a
 * running sum in place, each on one slice, so the driver's event loop
 * keeps renewing its locks and answering RPCs while the AES keystreams
 * run (tens to hundreds of ms per round at 1M parameters).
 *
 * The sum must live on a SharedArrayBuffer (see {@link createSharedSum});
 * anything else is copied into shared memory and back. Each thread calls
 * `@fedra/secagg`'s `applyMaskPlan` on its slice; a plan can be applied to
 * any sub-range, and slices do not overlap, so the result is bit for bit
 * the single-thread one.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { FedraError, silentLogger, startModuleWorker } from '@fedra/common';
import type { Logger } from '@fedra/common';
import type { MaskPlan } from '@fedra/secagg';
import type { UnmaskSliceJob, UnmaskSliceReply } from './unmask-protocol.js';

/** Options of {@link UnmaskPool.create}. */
export interface UnmaskPoolOptions {
  /**
   * Threads in the pool.
   * @default availableParallelism()
   */
  readonly threads?: number | undefined;
  /**
   * Slices are multiples of this many elements (whole AES blocks and
   * keystream pieces keep each thread's stream aligned); tests lower it to
   * split small vectors.
   * @default 16_384
   */
  readonly sliceAlignment?: number | undefined;
  /** Logs thread exits (sizes and codes only). @default silentLogger */
  readonly logger?: Logger | undefined;
}

/** Something that applies an unmask plan to a running sum; what the round driver needs. */
export interface MaskPlanApplier {
  /** Applies `plan` to `sum` in place. */
  apply(plan: MaskPlan, sum: Uint32Array): Promise<void>;
}

interface Pending {
  resolve(): void;
  reject(error: unknown): void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  readonly ready: Promise<void>;
}

/** A zeroed running sum of `length` elements on a SharedArrayBuffer (AggregatorSession's `createSum`). */
export function createSharedSum(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * 4));
}

/**
 * The pool; see the module doc.
 *
 * Lifecycle: `create()` (threads started and loaded) → `apply()` any number
 * of times, concurrently too (each thread takes its jobs in order) →
 * `close()`. A thread that dies fails the jobs it held and is replaced.
 *
 * @example
 * ```ts
 * const pool = await UnmaskPool.create({ threads: 2 });
 * const result = await session.finish({ applyPlan: (plan, sum) => pool.apply(plan, sum) });
 * await pool.close();
 * ```
 */
export class UnmaskPool implements MaskPlanApplier {
  readonly #threads: Thread[] = [];
  readonly #alignment: number;
  readonly #log: Logger;
  #nextId = 1;
  #closed = false;

  private constructor(threads: number, alignment: number, log: Logger) {
    this.#alignment = alignment;
    this.#log = log;
    for (let i = 0; i < threads; i++) this.#threads.push(this.#spawn(i));
  }

  /**
   * Starts the threads and waits until each has loaded its module.
   *
   * @throws FedraError `INVALID_ARGUMENT` for a bad option; `INTERNAL`
   *   when a thread fails to start.
   */
  static async create(options: UnmaskPoolOptions = {}): Promise<UnmaskPool> {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isSafeInteger(threads) || threads < 1 || threads > 256) {
      throw new FedraError('INVALID_ARGUMENT', 'threads must be an integer in [1, 256]', {
        metadata: { field: 'threads' },
      });
    }
    const alignment = options.sliceAlignment ?? 16_384;
    if (!Number.isSafeInteger(alignment) || alignment < 1) {
      throw new FedraError('INVALID_ARGUMENT', 'sliceAlignment must be a positive integer', {
        metadata: { field: 'sliceAlignment' },
      });
    }
    const pool = new UnmaskPool(threads, alignment, options.logger ?? silentLogger);
    try {
      await Promise.all(pool.#threads.map((t) => t.ready));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Threads in the pool. */
  get threads(): number {
    return this.#threads.length;
  }

  #spawn(index: number): Thread {
    const worker = startModuleWorker('./unmask-thread.js', import.meta.url, {
      name: `fedra-unmask-${index}`,
      resourceLimits: { maxYoungGenerationSizeMb: 48 },
    });
    // Unref'd: an idle pool never keeps the process alive; pending jobs are
    // awaited by their callers anyway.
    worker.unref();
    const pending = new Map<number, Pending>();
    let started = false;
    const ready = new Promise<void>((resolve, reject) => {
      pending.set(0, { resolve, reject });
    });
    const fail = (error: FedraError): void => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    };
    worker.on('message', (reply: UnmaskSliceReply) => {
      const waiter = pending.get(reply.id);
      if (waiter === undefined) return;
      pending.delete(reply.id);
      if (reply.id === 0) started = true;
      if (reply.ok) waiter.resolve();
      else waiter.reject(new FedraError(reply.code, reply.message));
    });
    worker.on('error', (error) => {
      fail(new FedraError('INTERNAL', 'an unmask thread failed', { cause: error }));
    });
    worker.on('exit', (code) => {
      fail(new FedraError('INTERNAL', `an unmask thread exited with code ${code}`));
      if (this.#closed || !started) return;
      this.#log.error({ thread: index, exitCode: code }, 'unmask thread exited; replacing it');
      const replacement = this.#spawn(index);
      this.#threads[index] = replacement;
      replacement.ready.catch((error: unknown) => {
        this.#log.error({ thread: index, err: error }, 'unmask thread failed to restart');
      });
    });
    return { worker, pending, ready };
  }

  /**
   * Applies `plan` to `sum` in place, split into one slice per thread.
   *
   * @throws FedraError `UNAVAILABLE` after {@link close}; the thread's
   *   error (e.g. `INVALID_ARGUMENT` for a plan of another length) or
   *   `INTERNAL` when a thread died meanwhile. On an error the sum is
   *   partly unmasked: discard it.
   */
  async apply(plan: MaskPlan, sum: Uint32Array): Promise<void> {
    if (this.#closed) {
      throw new FedraError('UNAVAILABLE', 'the unmask pool is closed', {
        metadata: { dependency: 'unmask-pool' },
      });
    }
    if (sum.length !== plan.vectorLength) {
      throw new FedraError(
        'INVALID_ARGUMENT',
        `the sum has ${sum.length} elements, the plan ${plan.vectorLength}`,
        { metadata: { field: 'sum' } },
      );
    }
    const shared = sum.buffer instanceof SharedArrayBuffer;
    const target = shared ? sum : createSharedSum(sum.length);
    if (!shared) target.set(sum);
    const parts = this.#threads.length;
    const step = Math.max(
      this.#alignment,
      Math.ceil(sum.length / parts / this.#alignment) * this.#alignment,
    );
    const jobs: Array<Promise<void>> = [];
    for (let i = 0, start = 0; start < sum.length; i++, start += step) {
      const length = Math.min(step, sum.length - start);
      jobs.push(
        this.#submit(i % parts, {
          id: this.#nextId++,
          plan,
          buffer: target.buffer as SharedArrayBuffer,
          byteOffset: target.byteOffset + start * 4,
          length,
          elementOffset: start,
        }),
      );
    }
    const settled = await Promise.allSettled(jobs);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    if (!shared) sum.set(target);
  }

  #submit(index: number, job: UnmaskSliceJob): Promise<void> {
    const thread = this.#threads[index] as Thread;
    return new Promise<void>((resolve, reject) => {
      thread.pending.set(job.id, { resolve, reject });
      thread.worker.postMessage(job);
    });
  }

  /** Stops the threads; jobs still running fail with `INTERNAL`. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(this.#threads.map((t) => t.worker.terminate()));
  }
}
