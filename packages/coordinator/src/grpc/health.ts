/**
 * `grpc.health.v1.Health` for the coordinator, via grpc-health-check: load
 * balancers, Kubernetes probes and `grpc_health_probe` ask it whether the
 * server (service `''`) or one Fedra service is serving.
 *
 * @module
 */
import type { Server } from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import type { ServingStatus } from 'grpc-health-check';
import { fedraServiceNames } from './fedra-services.js';

export type { ServingStatus } from 'grpc-health-check';

/** Options for {@link addHealth}. */
export interface HealthOptions {
  /**
   * Services reported besides the whole server (`''`).
   * @default fedraServiceNames()
   */
  readonly services?: readonly string[] | undefined;
  /**
   * The status every service starts in.
   * @default 'SERVING'
   */
  readonly initialStatus?: ServingStatus | undefined;
}

/** Sets what the health service reports; returned by {@link addHealth}. */
export interface HealthController {
  /** The services reported, `''` (the whole server) first. */
  readonly services: readonly string[];
  /** Reports every service as SERVING. */
  setServing(): void;
  /**
   * Reports every service as NOT_SERVING. Call it first on shutdown, so
   * load balancers stop sending new calls while in-flight ones finish.
   */
  setNotServing(): void;
  /** Sets one service's status; unknown names become known. */
  setStatus(service: string, status: ServingStatus): void;
}

/**
 * Adds `grpc.health.v1.Health` to `server`, reporting `''` and each Fedra
 * service as SERVING.
 *
 * @example
 * ```ts
 * const health = addHealth(server);
 * process.once('SIGTERM', () => {
 *   health.setNotServing();
 *   server.tryShutdown(() => process.exit(0));
 * });
 * ```
 */
export function addHealth(
  server: Pick<Server, 'addService'>,
  options: HealthOptions = {},
): HealthController {
  const services = Object.freeze([
    '',
    ...(options.services ?? fedraServiceNames()).filter((name) => name !== ''),
  ]);
  const initial = options.initialStatus ?? 'SERVING';
  const implementation = new HealthImplementation(
    Object.fromEntries(services.map((name) => [name, initial])),
  );
  implementation.addToServer(server);
  const setAll = (status: ServingStatus): void => {
    for (const name of services) implementation.setStatus(name, status);
  };
  return Object.freeze({
    services,
    setServing: () => {
      setAll('SERVING');
    },
    setNotServing: () => {
      setAll('NOT_SERVING');
    },
    setStatus: (service: string, status: ServingStatus) => {
      implementation.setStatus(service, status);
    },
  });
}
