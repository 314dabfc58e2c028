/**
 * Stage deadlines as the coordinator reports them: every `StageOpened` task
 * carries the time `remaining` until the stage closes, measured when it was
 * sent. The worker turns it into a monotonic timer (Node's timers do not
 * follow wall-clock jumps) and abandons the stage cleanly once it passes,
 * since the coordinator then accepts nothing more for it and a stage stuck
 * in retries would hold up the worker's later tasks.
 *
 * @module
 */
import { FedraError } from '@fedra/common';

/** A `google.protobuf.Duration` as grpc-js decodes it (seconds may be a string for int64). */
export interface WireDuration {
  readonly seconds: number | string;
  readonly nanos: number;
}

/** `remaining` in milliseconds; `undefined` when absent or not positive (no deadline known). */
export function remainingMs(remaining: WireDuration | null | undefined): number | undefined {
  if (remaining == null) return undefined;
  const ms = Number(remaining.seconds) * 1000 + remaining.nanos / 1e6;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/**
 * A signal that aborts when the stage's deadline passes, or `undefined`
 * when the coordinator named none.
 */
export function stageDeadlineSignal(
  remaining: WireDuration | null | undefined,
): AbortSignal | undefined {
  const ms = remainingMs(remaining);
  return ms === undefined ? undefined : AbortSignal.timeout(Math.ceil(ms));
}

/**
 * Settles as `work` does, or rejects with `DEADLINE_EXCEEDED` naming
 * `stage` as soon as `signal` aborts (`work` is left to fail on its own; it
 * should check the signal before each further call).
 */
export function beforeDeadline<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  stage: string,
): Promise<T> {
  if (signal === undefined) return work;
  const passed = (): FedraError =>
    new FedraError('DEADLINE_EXCEEDED', `the ${stage} deadline passed; left the attempt`);
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(passed());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(passed());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new FedraError('INTERNAL', String(error)));
      },
    );
  });
}
