/**
 * The dedicated Redis connection of one server-streaming read loop (Watch,
 * StreamTasks). A blocking XREAD holds its connection, so each loop gets its
 * own, and a client that goes away must end the read at once rather than
 * after the block times out.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import type { ServiceContext } from './service-context.js';

/**
 * Runs `read` on a fresh blocking connection that is disconnected as soon as
 * `signal` aborts (which fails a read in flight: check {@link isCancelled}
 * before treating that as an error) and, in any case, once `read` settles.
 */
export async function withBlockingConnection<T>(
  context: Pick<ServiceContext, 'blockingConnection'>,
  signal: AbortSignal,
  read: (connection: Redis) => Promise<T>,
): Promise<T> {
  const connection = context.blockingConnection();
  const onAbort = (): void => {
    connection.disconnect();
  };
  signal.addEventListener('abort', onAbort);
  try {
    return await read(connection);
  } finally {
    signal.removeEventListener('abort', onAbort);
    connection.disconnect();
  }
}

/** Reads the signal afresh (TypeScript narrows `signal.aborted` across awaits). */
export function isCancelled(signal: AbortSignal): boolean {
  return signal.aborted;
}
