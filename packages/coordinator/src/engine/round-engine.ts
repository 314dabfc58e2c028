/**
 * The round engine on BullMQ: one queue of short jobs (`select`,
 * `advance`) with deterministic ids, processed by a BullMQ Worker on every
 * replica that runs the engine, plus a periodic sweep that re-queues what a
 * crashed step left undone. The jobs call {@link RoundDriver}; correctness
 * rests on its fenced compare-and-sets, never on a job's lock, so a job
 * that runs twice (a stalled job retried while its first run still goes
 * on) is harmless.
 *
 * @module
 */
import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Logger } from '@fedra/common';
import type { SecAggStage } from '@fedra/secagg';
import type { AttemptKey } from '../state/state-keys.js';
import { RoundDriver } from './round-driver.js';
import type { AdvanceTrigger, RoundDriverOptions, RoundScheduler } from './round-driver.js';

/** Lock and stall settings of the engine's BullMQ worker; tests shorten them. */
export interface RoundEngineTiming {
  /**
   * How long a job's lock lasts without renewal; a replica that stalls
   * longer loses the job to another (whose fencing epoch then wins).
   * @default 30_000
   */
  readonly lockDurationMs?: number | undefined;
  /**
   * How often stalled jobs are looked for.
   * @default 15_000
   */
  readonly stalledIntervalMs?: number | undefined;
  /**
   * How often one job may stall before BullMQ fails it. High: a stalled
   * step is simply redone, and the fence keeps redoing safe.
   * @default 20
   */
  readonly maxStalledCount?: number | undefined;
  /**
   * How often this replica sweeps the running experiments.
   * @default 5_000
   */
  readonly sweepIntervalMs?: number | undefined;
  /**
   * How long a driver may hold a stage before another step takes it over;
   * see RoundDriverOptions.closingTimeoutMs.
   * @default 120_000
   */
  readonly closingTimeoutMs?: number | undefined;
  /**
   * How many jobs this replica runs at once.
   * @default 4
   */
  readonly concurrency?: number | undefined;
}

/** Options for {@link RoundEngine.create}. */
export interface RoundEngineOptions extends Omit<RoundDriverOptions, 'scheduler'> {
  /** Redis URL for BullMQ's own connections. */
  readonly redisUrl: string;
  /**
   * BullMQ key prefix.
   * @default `${keys.prefix}:bull`
   */
  readonly bullPrefix?: string | undefined;
  /**
   * The queue's name.
   * @default 'rounds'
   */
  readonly queueName?: string | undefined;
  /**
   * Process jobs and sweep on this replica. A replica that only serves RPCs
   * still queues jobs.
   * @default true
   */
  readonly runWorkers?: boolean | undefined;
  /** Lock, stall and sweep settings. */
  readonly timing?: RoundEngineTiming | undefined;
}

interface SelectJob {
  readonly experimentId: string;
  readonly roundNumber: number;
  readonly attempt: number;
}

interface AdvanceJob extends SelectJob {
  readonly stage: SecAggStage;
  readonly trigger: AdvanceTrigger;
}

/** Queue depths, for AdminService.GetClusterStatus. */
export interface QueueDepths {
  readonly name: string;
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

/** The engine; see the module doc. */
export class RoundEngine implements RoundScheduler {
  /** The steps the jobs run. */
  readonly driver: RoundDriver;
  readonly #queue: Queue;
  readonly #worker: Worker | undefined;
  readonly #log: Logger;
  readonly #sweepMs: number;
  readonly #queueName: string;
  #sweepTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #sweeping: Promise<void> | undefined;
  #active = 0;

  private constructor(options: RoundEngineOptions) {
    this.#log = options.logger;
    const timing = options.timing ?? {};
    this.driver = new RoundDriver({
      ...options,
      closingTimeoutMs: options.closingTimeoutMs ?? timing.closingTimeoutMs,
      scheduler: this,
    });
    this.#sweepMs = timing.sweepIntervalMs ?? 5_000;
    this.#queueName = options.queueName ?? 'rounds';
    const prefix = options.bullPrefix ?? `${options.keys.prefix}:bull`;
    const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
    this.#queue = new Queue(this.#queueName, { connection, prefix });
    this.#queue.on('error', (error) => {
      this.#log.error({ err: error }, 'round queue error');
    });
    if (options.runWorkers ?? true) {
      this.#worker = new Worker(this.#queueName, (job: Job) => this.#process(job), {
        connection,
        prefix,
        concurrency: timing.concurrency ?? 4,
        lockDuration: timing.lockDurationMs ?? 30_000,
        stalledInterval: timing.stalledIntervalMs ?? 15_000,
        maxStalledCount: timing.maxStalledCount ?? 20,
      });
      this.#worker.on('failed', (job, error) => {
        this.#log.warn({ job: job?.id, err: error }, 'round job failed');
      });
      this.#worker.on('error', (error) => {
        this.#log.error({ err: error }, 'round worker error');
      });
    }
  }

  /** Creates the engine; with `runWorkers` it starts processing and sweeping. */
  static async create(options: RoundEngineOptions): Promise<RoundEngine> {
    const engine = new RoundEngine(options);
    await engine.#queue.waitUntilReady();
    if (engine.#worker !== undefined) {
      await engine.#worker.waitUntilReady();
      engine.#scheduleSweep();
    }
    return engine;
  }

  #scheduleSweep(): void {
    if (this.#closed) return;
    this.#sweepTimer = setTimeout(() => {
      this.#sweeping = this.driver
        .sweep()
        .catch((error: unknown) => {
          this.#log.warn({ err: error }, 'sweep failed');
        })
        .finally(() => {
          this.#sweeping = undefined;
          this.#scheduleSweep();
        });
    }, this.#sweepMs);
  }

  async #process(job: Job): Promise<void> {
    this.#active += 1;
    try {
      await this.#run(job);
    } finally {
      this.#active -= 1;
    }
  }

  async #run(job: Job): Promise<void> {
    if (job.name === 'select') {
      const data = job.data as SelectJob;
      await this.driver.select(data.experimentId, data.roundNumber, data.attempt);
    } else if (job.name === 'advance') {
      const data = job.data as AdvanceJob;
      const key: AttemptKey = {
        experimentId: data.experimentId,
        roundNumber: data.roundNumber,
        attempt: data.attempt,
      };
      // A job that starts again (it stalled or failed) takes the stage over.
      await this.driver.advance(key, data.stage, data.trigger, job.attemptsStarted > 1);
    } else {
      this.#log.warn({ job: job.id, name: job.name }, 'unknown round job');
    }
  }

  /** @inheritdoc */
  async scheduleSelect(experimentId: string, roundNumber: number, attempt: number): Promise<void> {
    const data: SelectJob = { experimentId, roundNumber, attempt };
    await this.#queue.add('select', data, {
      jobId: `select.${experimentId}.${roundNumber}.${attempt}`,
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 3,
      backoff: { type: 'exponential', delay: 200 },
    });
  }

  /** @inheritdoc */
  async scheduleAdvance(
    key: AttemptKey,
    stage: SecAggStage,
    trigger: AdvanceTrigger,
    atMs: number,
    nowMs: number,
  ): Promise<void> {
    const base = `${key.experimentId}.${key.roundNumber}.${key.attempt}.${stage}`;
    const jobId =
      trigger === 'deadline'
        ? `deadline.${base}.${atMs}`
        : trigger === 'all-arrived'
          ? `advance.${base}`
          : `sweep.${base}.${Math.floor(nowMs / this.#sweepMs)}`;
    const data: AdvanceJob = { ...key, stage, trigger };
    await this.#queue.add('advance', data, {
      jobId,
      delay: Math.max(0, atMs - nowMs),
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 5,
      backoff: { type: 'exponential', delay: 200 },
    });
  }

  /** The queue's depths. */
  async depths(): Promise<QueueDepths> {
    const counts = await this.#queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    return {
      name: this.#queueName,
      waiting: counts['waiting'] ?? 0,
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
      failed: counts['failed'] ?? 0,
    };
  }

  /** Jobs this replica runs now. */
  get activeJobs(): number {
    return this.#active;
  }

  /** Stops processing and sweeping, waits for running jobs, closes the queue. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#sweepTimer !== undefined) clearTimeout(this.#sweepTimer);
    await this.#sweeping;
    await this.#worker?.close();
    await this.#queue.close();
  }
}
