/**
 * Promise forms of grpc-js's callback-style `bindAsync` and `tryShutdown`.
 *
 * @module
 */
import type { Server, ServerCredentials } from '@grpc/grpc-js';
import { UnavailableError } from '@fedra/common';

/**
 * Binds `server` to `address` and resolves with the port it got (useful
 * with `localhost:0` in tests). grpc-js ≥ 1.10 starts serving on bind.
 *
 * @example
 * ```ts
 * const port = await bindServer(server, '127.0.0.1:0', ServerCredentials.createInsecure());
 * ```
 *
 * @throws UnavailableError (dependency `listen`) when the address cannot be bound.
 */
export function bindServer(
  server: Server,
  address: string,
  credentials: ServerCredentials,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentials, (error, port) => {
      if (error === null) resolve(port);
      else {
        reject(
          new UnavailableError('listen', {
            message: `cannot listen on ${address}: ${error.message}`,
            cause: error,
          }),
        );
      }
    });
  });
}

/** Options for {@link shutdownServer}. */
export interface ShutdownOptions {
  /**
   * How long in-flight calls may run before they are cancelled.
   * @default 10_000
   */
  readonly graceMs?: number | undefined;
}

/**
 * Stops accepting calls, lets in-flight calls finish for up to `graceMs`,
 * then cancels what is left. Resolves once the server is down.
 */
export function shutdownServer(server: Server, options: ShutdownOptions = {}): Promise<void> {
  const graceMs = options.graceMs ?? 10_000;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
    }, graceMs);
    timer.unref();
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
