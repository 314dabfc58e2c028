/**
 * A small HTTP server for Prometheus: `GET /metrics` (the registry's text
 * format) and `GET /healthz` (200 while the coordinator serves, 503 once it
 * is shutting down). Nothing else is served.
 *
 * @module
 */
import { startOpsServer } from '@fedra/common';
import type { Logger, OpsServer } from '@fedra/common';
import type { Registry } from 'prom-client';

/** Options of {@link startMetricsServer}. */
export interface MetricsServerOptions {
  /** The registry served at `/metrics`. */
  readonly registry: Registry;
  /** Host to bind. */
  readonly host: string;
  /** Port to bind; 0 picks a free one. */
  readonly port: number;
  /** Whether `/healthz` answers 200. @default () => true */
  readonly healthy?: (() => boolean) | undefined;
  /** @default silentLogger */
  readonly logger?: Logger | undefined;
}

/** A running metrics server. */
export type MetricsServer = OpsServer;

/**
 * Starts the server.
 *
 * @throws FedraError `UNAVAILABLE` when the address cannot be bound.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const healthy = options.healthy ?? (() => true);
  return startOpsServer({
    metrics: options.registry,
    probes: {
      '/healthz': () => {
        const ok = healthy();
        return { ok, contentType: 'text/plain', body: ok ? 'ok\n' : 'shutting down\n' };
      },
    },
    host: options.host,
    port: options.port,
    purpose: 'metrics',
    dependency: 'metrics-port',
    logger: options.logger,
  });
}
