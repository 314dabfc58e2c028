/**
 * The worker's Prometheus metrics, on a registry of its own (never
 * prom-client's global one, so several workers in one process, as in tests,
 * do not collide). Labels are bounded enums (refusal reason); never ids,
 * tensors, keys or data.
 *
 * | metric | type | what |
 * |---|---|---|
 * | `fedra_worker_rounds_joined_total` | counter | round attempts joined (setup sent) |
 * | `fedra_worker_rounds_refused_total{reason}` | counter | round attempts refused, by wire refusal reason |
 * | `fedra_worker_training_seconds` | histogram | local training time per round |
 * | `fedra_worker_examples_total` | counter | training examples used, summed over rounds |
 * | `fedra_worker_bytes_sent_total` | counter | request bytes sent to the coordinator (messages and metadata) |
 *
 * @module
 */
import { Counter, Histogram, Registry } from 'prom-client';
import type { Interceptor } from '@grpc/grpc-js';
import type { RefusalReasonOutput } from '@fedra/proto';
import { egressInterceptor } from './egress-interceptor.js';

/** Training-time buckets, seconds: a tiny model in a test up to a long local epoch. */
const TRAINING_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600, 1800];

/** Counters and histograms of one worker; see the module doc. */
export class WorkerMetrics {
  /** The registry to serve at `/metrics`. */
  readonly registry = new Registry();
  /** Counts every request byte into `fedra_worker_bytes_sent_total`; the worker installs it. */
  readonly interceptor: Interceptor;
  readonly #joined: Counter;
  readonly #refused: Counter<'reason'>;
  readonly #trainingSeconds: Histogram;
  readonly #examples: Counter;
  readonly #bytesSent: Counter;

  constructor() {
    const registers = [this.registry];
    this.#joined = new Counter({
      name: 'fedra_worker_rounds_joined_total',
      help: 'Round attempts this worker joined (signed keys sent at setup).',
      registers,
    });
    this.#refused = new Counter({
      name: 'fedra_worker_rounds_refused_total',
      help: 'Round attempts this worker refused, by refusal reason.',
      labelNames: ['reason'],
      registers,
    });
    this.#trainingSeconds = new Histogram({
      name: 'fedra_worker_training_seconds',
      help: 'Local training time per round, in seconds.',
      buckets: TRAINING_BUCKETS,
      registers,
    });
    this.#examples = new Counter({
      name: 'fedra_worker_examples_total',
      help: 'Training examples used, summed over rounds.',
      registers,
    });
    this.#bytesSent = new Counter({
      name: 'fedra_worker_bytes_sent_total',
      help: 'Bytes of request messages and metadata sent to the coordinator.',
      registers,
    });
    this.interceptor = egressInterceptor((record) => {
      this.#bytesSent.inc(record.bytes.length);
    });
  }

  /** The worker joined a round attempt. */
  roundJoined(): void {
    this.#joined.inc();
  }

  /** The worker refused a round attempt for `reason`. */
  roundRefused(reason: RefusalReasonOutput): void {
    this.#refused.inc({ reason });
  }

  /** One round's local training took `seconds` over `examples` examples. */
  trained(seconds: number, examples: number): void {
    this.#trainingSeconds.observe(Math.max(0, seconds));
    if (examples > 0) this.#examples.inc(examples);
  }
}
