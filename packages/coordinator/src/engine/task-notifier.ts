/**
 * Queues tasks on workers' streams: round invitations, stage openings,
 * cancellations and drain requests. StreamTasks (on whichever replica the
 * worker is connected to) reads them from there.
 *
 * Invitations and stage openings are queued at least once per (attempt,
 * stage, worker): a marker records each one after it was queued, so a
 * driver or sweeper that redoes a step after a crash only queues what is
 * missing. A crash between the two leaves a duplicate, which workers
 * tolerate (their stage calls are idempotent).
 *
 * @module
 */
import type { Logger } from '@fedra/common';
import type { CancelReasonOutput, StageOutput, StreamTasksResponse } from '@fedra/proto';
import type { SecAggStage } from '@fedra/secagg';
import type { AttemptStore } from '../state/attempt-store.js';
import type { AttemptKey } from '../state/state-keys.js';
import type { AttemptRecord } from '../state/state-types.js';
import type { WorkerRegistry } from '../state/worker-registry.js';
import { encodeTask } from './proto-codec.js';
import { stageToWire } from '@fedra/wire';

/** A Timestamp from milliseconds. */
export function timestamp(ms: number): { seconds: number; nanos: number } {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

/** Queues tasks; see the module doc. */
export class TaskNotifier {
  readonly #registry: WorkerRegistry;
  readonly #attempts: AttemptStore;
  readonly #log: Logger;

  constructor(registry: WorkerRegistry, attempts: AttemptStore, log: Logger) {
    this.#registry = registry;
    this.#attempts = attempts;
    this.#log = log;
  }

  async #queueOnce(
    key: AttemptKey,
    marker: string,
    recipients: readonly string[],
    task: StreamTasksResponse,
    deadlineMs: number,
    stage: string,
  ): Promise<number> {
    const done = await this.#attempts.notified(key, marker, recipients);
    const pending = recipients.filter((workerId) => !done.has(workerId));
    // Queued before marked: a crash in between queues again (workers run a repeated task once).
    await this.#registry.addTasks(pending, encodeTask(task), { deadlineMs, attempt: key, stage });
    await this.#attempts.markNotified(key, marker, pending);
    return pending.length;
  }

  /**
   * Invites `recipients` into the attempt (its setup stage). The spec is
   * not copied into every worker's stream: StreamTasks fills it in from
   * the experiment when it sends the invitation.
   */
  async invite(attempt: AttemptRecord, recipients: readonly string[]): Promise<void> {
    const task: StreamTasksResponse = {
      invitation: {
        roundConfig: {
          roundConfig: attempt.roundConfig,
          roundConfigSha256: Buffer.from(attempt.configSha256, 'hex'),
          signature: attempt.configSignature,
          signatureAlgorithm: attempt.configSignatureAlgorithm,
        },
        spec: Buffer.alloc(0),
        deadline: timestamp(attempt.deadlineMs),
      },
    };
    const queued = await this.#queueOnce(
      attempt,
      'setup',
      recipients,
      task,
      attempt.deadlineMs,
      'setup',
    );
    if (queued > 0) this.#log.debug({ queued }, 'invitations queued');
  }

  /** Tells `recipients` that `stage` opened. */
  async stageOpened(
    key: AttemptKey,
    stage: SecAggStage,
    deadlineMs: number,
    recipients: readonly string[],
  ): Promise<void> {
    const wireStage: StageOutput = stageToWire(stage);
    const task: StreamTasksResponse = {
      stageOpened: {
        attempt: {
          experimentId: key.experimentId,
          roundNumber: key.roundNumber,
          attempt: key.attempt,
        },
        stage: wireStage,
        deadline: timestamp(deadlineMs),
      },
    };
    const queued = await this.#queueOnce(key, stage, recipients, task, deadlineMs, stage);
    if (queued > 0) this.#log.debug({ stage, queued }, 'stage tasks queued');
  }

  /** Tells `recipients` to stop work on the attempt (round 0: the whole experiment). */
  async cancel(
    key: AttemptKey,
    reason: CancelReasonOutput,
    detail: string,
    recipients: readonly string[],
  ): Promise<void> {
    const task: StreamTasksResponse = {
      cancel: {
        attempt: {
          experimentId: key.experimentId,
          roundNumber: key.roundNumber,
          attempt: key.attempt,
        },
        reason,
        detail,
      },
    };
    await this.#queueOnce(key, 'cancel', recipients, task, 0, 'cancel');
  }

  /** Asks one worker to drain. */
  async drain(workerId: string, reason: string): Promise<void> {
    await this.#registry.addTask(workerId, encodeTask({ drain: { reason } }), { deadlineMs: 0 });
  }
}
