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
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FedraError, silentLogger } from '@fedra/common';
import type { Logger } from '@fedra/common';
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
export interface HealthServer {
  /** The bound port. */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts the endpoint.
 *
 * @throws FedraError `UNAVAILABLE` when the address cannot be bound (say
 *   another `--health-port`, or 0).
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const log = options.logger ?? silentLogger;
  const host = options.host ?? '0.0.0.0';
  const server: Server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      log.warn({ code: error instanceof Error ? error.name : 'UNKNOWN' }, 'metrics scrape failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('metrics unavailable\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new FedraError(
          'UNAVAILABLE',
          `cannot listen for health and metrics on ${host}:${options.port}; choose another --health-port`,
          { cause: error, metadata: { dependency: 'health-port' } },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host, port }, 'health and metrics endpoint listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HealthServerOptions,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://worker').pathname;
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    response.end('method not allowed\n');
    return;
  }
  if (path === '/metrics') {
    const body = await options.registry.metrics();
    response.writeHead(200, { 'content-type': options.registry.contentType });
    response.end(head ? undefined : body);
    return;
  }
  if (path === '/healthz' || path === '/readyz') {
    const state = options.state();
    const ok = path === '/healthz' ? LIVE.has(state) : state === 'RUNNING';
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    response.end(head ? undefined : `${JSON.stringify({ state })}\n`);
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
}
