/**
 * Jittered exponential backoff for reconnecting to the coordinator ("full
 * jitter": each delay is uniform in [0, min(max, initial x 2^n)]), so a fleet
 * of workers that lost the same coordinator does not reconnect in lockstep.
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';

/** Options of {@link Backoff}. */
export interface BackoffOptions {
  /** The ceiling of the first delay, in milliseconds. @default 200 */
  readonly initialMs?: number;
  /** The largest ceiling, in milliseconds. @default 30_000 */
  readonly maxMs?: number;
  /** A uniform number in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/** Delays between reconnection tries; {@link Backoff.reset} after a success. */
export class Backoff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #random: () => number;
  #failures = 0;

  /** @throws InvalidArgumentError when a bound is not positive or `initialMs` exceeds `maxMs`. */
  constructor(options: BackoffOptions = {}) {
    this.#initialMs = options.initialMs ?? 200;
    this.#maxMs = options.maxMs ?? 30_000;
    this.#random = options.random ?? Math.random;
    if (!(this.#initialMs > 0))
      throw new InvalidArgumentError('initialMs', 'initialMs must be > 0');
    if (!(this.#maxMs >= this.#initialMs))
      throw new InvalidArgumentError('maxMs', 'maxMs must be >= initialMs');
  }

  /** Consecutive failures since the last reset. */
  get failures(): number {
    return this.#failures;
  }

  /** The delay before the next try; counts one more failure. */
  next(): number {
    const ceiling = Math.min(this.#maxMs, this.#initialMs * 2 ** Math.min(this.#failures, 30));
    this.#failures += 1;
    return Math.floor(this.#random() * ceiling);
  }

  /** Forgets past failures (after a successful connection). */
  reset(): void {
    this.#failures = 0;
  }
}
