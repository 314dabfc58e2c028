/**
 * Graceful shutdown for Fedra's entry points (coordinator, worker): the
 * first SIGINT or SIGTERM runs `shutdown` once, then exits 0, or 1 if it
 * failed; later signals are ignored while it runs.
 *
 * @module
 */
import type { Logger } from './logger.js';

/**
 * Installs SIGINT and SIGTERM handlers that call `shutdown` once and exit.
 *
 * @param shutdown - stops the service (finishes or leaves current work).
 * @param logger - gets `shutting down` with the signal, and any failure.
 */
export function shutdownOnSignals(shutdown: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
