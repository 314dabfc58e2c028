/**
 * The worker's HTTP endpoint for operators and probes:
 *
 * - `GET /healthz`: liveness. 200 while the worker is starting, running or
 *   reconnecting; 503 once it failed, is stopping or stopped. The body is
 *   `{"state":"RUNNING"}` (the {@link WorkerState}).
 * - `GET /readyz`: readiness. 200 only while registered and following the
 *   task stream (`RUNNING`), else 503.
 * - `GET /metrics`: Prometheus text format from the worker's registry.
 *
 * Nothing else is served; the endpoint reads no request body and never
 * exposes data, keys or ids beyond the worker's state.
 *
 * @module
 */
import { startOpsServer } from '@fedra/common';
import type { Logger, OpsServer } from '@fedra/common';
import type { Registry } from 'prom-client';
import type { WorkerState } from './worker.js';

/** Worker states in which `/healthz` answers 200. */
const LIVE: ReadonlySet<WorkerState> = new Set([
  'INITIALIZED',
  'CONNECTING',
  'RUNNING',
  'RECONNECTING',
]);

/** Options of {@link startHealthServer}. */
export interface HealthServerOptions {
  /** The registry served at `/metrics`. */
  readonly registry: Registry;
  /** The worker's current state, read on every probe. */
  readonly state: () => WorkerState;
  /**
   * Host to bind.
   * @default '0.0.0.0' (probes and scrapers come from outside the container)
   */
  readonly host?: string | undefined;
  /** Port to bind; 0 picks a free one. */
  readonly port: number;
  /** @default silentLogger */
  readonly logger?: Logger | undefined;
}

/** A running health endpoint. */
export type HealthServer = OpsServer;

/**
 * Starts the endpoint.
 *
 * @throws FedraError `UNAVAILABLE` when the address cannot be bound (say
 *   another `--health-port`, or 0).
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const host = options.host ?? '0.0.0.0';
  const probe = (ok: (state: WorkerState) => boolean) => () => {
    const state = options.state();
    return {
      ok: ok(state),
      contentType: 'application/json',
      body: `${JSON.stringify({ state })}\n`,
    };
  };
  const server = await startOpsServer({
    metrics: options.registry,
    probes: {
      '/healthz': probe((state) => LIVE.has(state)),
      '/readyz': probe((state) => state === 'RUNNING'),
    },
    host,
    port: options.port,
    purpose: 'health and metrics',
    dependency: 'health-port',
    hint: 'choose another --health-port',
    logger: options.logger,
  });
  options.logger?.info({ host, port: server.port }, 'health and metrics endpoint listening');
  return server;
}
