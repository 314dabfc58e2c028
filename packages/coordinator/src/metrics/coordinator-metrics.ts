/**
 * The coordinator's Prometheus metrics, on a registry of its own (never
 * prom-client's global one, so several coordinators in one process, as in
 * tests, do not collide). Labels are bounded enums (stage, outcome,
 * reason, queue state); never ids, tensors or keys.
 *
 * @module
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SecAggStage } from '@fedra/secagg';
import type { QueueDepths } from '../engine/round-engine.js';
import type { AttemptAbortReason, DropRecord } from '../state/state-types.js';

/** Options of {@link CoordinatorMetrics}. */
export interface CoordinatorMetricsOptions {
  /**
   * Also export prom-client's default process metrics (CPU, memory, event
   * loop lag, GC), prefixed `fedra_coordinator_`.
   * @default false
   */
  readonly processMetrics?: boolean | undefined;
  /** Labels on every metric (e.g. `{ replica: 'c1' }`). @default none */
  readonly defaultLabels?: Readonly<Record<string, string>> | undefined;
}

/** How a round attempt ended. */
export type RoundOutcome = 'committed' | 'aborted';

/** Seconds buckets for stage durations: 50 ms to 30 min. */
const STAGE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Seconds buckets for fold and unmask: 1 ms to 30 s. */
const WORK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Participants per round. */
const PARTICIPANT_BUCKETS = [2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];

/**
 * The metrics and the calls that update them.
 *
 * @example
 * ```ts
 * const metrics = new CoordinatorMetrics();
 * metrics.observeQueue(() => engine.depths());
 * metrics.roundEnded('committed');
 * const text = await metrics.registry.metrics();
 * ```
 */
export class CoordinatorMetrics {
  /** The registry every metric here is in; serve it at `/metrics`. */
  readonly registry: Registry;
  readonly #rounds: Counter<'outcome' | 'reason'>;
  readonly #stageSeconds: Histogram<'stage'>;
  readonly #participants: Histogram;
  readonly #dropouts: Counter<'stage' | 'reason'>;
  readonly #uploadBytes: Counter;
  readonly #downloadBytes: Counter;
  readonly #foldSeconds: Histogram;
  readonly #unmaskSeconds: Histogram;
  readonly #queue: { source?: () => Promise<QueueDepths> } = {};

  constructor(options: CoordinatorMetricsOptions = {}) {
    const registry = new Registry();
    if (options.defaultLabels !== undefined)
      registry.setDefaultLabels({ ...options.defaultLabels });
    this.registry = registry;
    const registers = [registry];
    this.#rounds = new Counter({
      name: 'fedra_rounds_total',
      help: 'Round attempts that ended, by outcome (an aborted attempt is retried or fails its experiment) and abort reason.',
      labelNames: ['outcome', 'reason'],
      registers,
    });
    this.#stageSeconds = new Histogram({
      name: 'fedra_stage_duration_seconds',
      help: 'Time from a secure-aggregation stage opening to its successful close (waiting for workers included).',
      labelNames: ['stage'],
      buckets: STAGE_BUCKETS,
      registers,
    });
    this.#participants = new Histogram({
      name: 'fedra_round_participants',
      help: 'Participants selected per round attempt.',
      buckets: PARTICIPANT_BUCKETS,
      registers,
    });
    this.#dropouts = new Counter({
      name: 'fedra_dropouts_total',
      help: 'Participants dropped from a round attempt, by stage and reason.',
      labelNames: ['stage', 'reason'],
      registers,
    });
    this.#uploadBytes = new Counter({
      name: 'fedra_upload_bytes_total',
      help: 'Masked-update bytes received from workers (staged uploads).',
      registers,
    });
    this.#downloadBytes = new Counter({
      name: 'fedra_download_bytes_total',
      help: 'Model weight bytes sent to workers and scientists.',
      registers,
    });
    this.#foldSeconds = new Histogram({
      name: 'fedra_fold_seconds',
      help: 'Time to fold one staged masked upload into the running sum (reading it from the model store included).',
      buckets: WORK_BUCKETS,
      registers,
    });
    this.#unmaskSeconds = new Histogram({
      name: 'fedra_unmask_seconds',
      help: 'Time to remove the masks from a running sum (on the unmask threads).',
      buckets: WORK_BUCKETS,
      registers,
    });
    // Read on scrape, from whichever engine observeQueue() names.
    const queue = this.#queue;
    new Gauge({
      name: 'fedra_queue_jobs',
      help: 'Jobs in the round queue, by state.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const source = queue.source;
        if (source === undefined) return;
        this.reset();
        let depths: QueueDepths;
        try {
          depths = await source();
        } catch {
          // Redis unreachable: the scrape still answers, without queue depths.
          return;
        }
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) {
          this.set({ queue: depths.name, state }, depths[state]);
        }
      },
    });
    if (options.processMetrics === true) {
      collectDefaultMetrics({ register: registry, prefix: 'fedra_coordinator_' });
    }
  }

  /** Reads queue depths from `source` on every scrape (the round engine's `depths()`). */
  observeQueue(source: () => Promise<QueueDepths>): void {
    this.#queue.source = source;
  }

  /** A round attempt was opened with `participants` selected. */
  roundOpened(participants: number): void {
    this.#participants.observe(participants);
  }

  /** A round attempt ended; `reason` only for aborts. */
  roundEnded(outcome: RoundOutcome, reason?: AttemptAbortReason): void {
    this.#rounds.inc({ outcome, reason: reason ?? '' });
  }

  /** A stage closed successfully `seconds` after it opened. */
  stageClosed(stage: SecAggStage, seconds: number): void {
    this.#stageSeconds.observe({ stage }, Math.max(0, seconds));
  }

  /** Participants were dropped (drop records as written with a transition). */
  dropped(drops: readonly Pick<DropRecord, 'stage' | 'reason'>[]): void {
    for (const drop of drops) this.#dropouts.inc({ stage: drop.stage, reason: drop.reason });
  }

  /** `bytes` of masked upload were staged. */
  uploaded(bytes: number): void {
    if (bytes > 0) this.#uploadBytes.inc(bytes);
  }

  /** `bytes` of model weights were sent. */
  downloaded(bytes: number): void {
    if (bytes > 0) this.#downloadBytes.inc(bytes);
  }

  /** One upload was folded in `seconds`. */
  folded(seconds: number): void {
    this.#foldSeconds.observe(seconds);
  }

  /** A running sum was unmasked in `seconds`. */
  unmasked(seconds: number): void {
    this.#unmaskSeconds.observe(seconds);
  }
}
