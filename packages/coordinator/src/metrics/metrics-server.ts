/**
 * A small HTTP server for Prometheus: `GET /metrics` (the registry's text
 * format) and `GET /healthz` (200 while the coordinator serves, 503 once it
 * is shutting down). Nothing else is served.
 *
 * @module
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FedraError, silentLogger } from '@fedra/common';
import type { Logger } from '@fedra/common';
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
export interface MetricsServer {
  /** The bound port. */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts the server.
 *
 * @throws FedraError `UNAVAILABLE` when the address cannot be bound.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const log = options.logger ?? silentLogger;
  const healthy = options.healthy ?? (() => true);
  const server: Server = createServer((request, response) => {
    handle(request, response, options.registry, healthy).catch((error: unknown) => {
      log.warn({ err: error }, 'metrics scrape failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('metrics unavailable\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new FedraError(
          'UNAVAILABLE',
          `cannot listen for metrics on ${options.host}:${options.port}`,
          { cause: error, metadata: { dependency: 'metrics-port' } },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
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
  registry: Registry,
  healthy: () => boolean,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://metrics').pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    response.end('method not allowed\n');
    return;
  }
  if (path === '/metrics') {
    const body = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType });
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  if (path === '/healthz') {
    const ok = healthy();
    response.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' });
    response.end(ok ? 'ok\n' : 'shutting down\n');
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
}
