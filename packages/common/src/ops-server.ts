/**
 * The HTTP endpoint Fedra's processes serve to operators and probes:
 * `GET /metrics` (Prometheus text from a {@link MetricsSource}) and health
 * probes such as `/healthz`, each answered by a callback. `HEAD` is served
 * like `GET` without a body; other methods get 405, other paths 404. The
 * endpoint reads no request body.
 *
 * Kept free of prom-client: a prom-client `Registry` is a
 * {@link MetricsSource} as it is.
 *
 * @module
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FedraError } from './errors.js';
import { silentLogger } from './logger.js';
import type { Logger } from './logger.js';

/** Where `/metrics` comes from (a prom-client `Registry` fits). */
export interface MetricsSource {
  /** The `content-type` of {@link MetricsSource.metrics}' text. */
  readonly contentType: string;
  /** The current metrics in Prometheus text format. */
  metrics(): Promise<string>;
}

/** A probe's answer. */
export interface ProbeAnswer {
  /** 200 when true, else 503. */
  readonly ok: boolean;
  /** The response's `content-type`. */
  readonly contentType: string;
  /** The response body. */
  readonly body: string;
}

/** Options of {@link startOpsServer}. */
export interface OpsServerOptions {
  /** Served at `/metrics`. */
  readonly metrics: MetricsSource;
  /** Probe paths (such as `/healthz`) and their answers, read per request. */
  readonly probes: Readonly<Record<string, () => ProbeAnswer>>;
  /** Host to bind. */
  readonly host: string;
  /** Port to bind; 0 picks a free one. */
  readonly port: number;
  /**
   * What the endpoint serves, for the bind error (`cannot listen for
   * <purpose> on host:port`), such as `'metrics'`.
   */
  readonly purpose: string;
  /** The bind error's `dependency` metadata, such as `'metrics-port'`. */
  readonly dependency: string;
  /** What to do when the port cannot be bound, appended to the bind error. */
  readonly hint?: string | undefined;
  /** Gets a warning when a scrape fails. @default silentLogger */
  readonly logger?: Logger | undefined;
}

/** A running endpoint. */
export interface OpsServer {
  /** The bound port. */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts the endpoint.
 *
 * @throws FedraError `UNAVAILABLE` when the address cannot be bound, naming
 *   it, {@link OpsServerOptions.purpose} and {@link OpsServerOptions.hint}.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const log = options.logger ?? silentLogger;
  const { host, port: requestedPort } = options;
  const server: Server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      log.warn({ code: error instanceof Error ? error.name : 'UNKNOWN' }, 'metrics scrape failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('metrics unavailable\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      const hint = options.hint === undefined ? '' : `; ${options.hint}`;
      reject(
        new FedraError(
          'UNAVAILABLE',
          `cannot listen for ${options.purpose} on ${host}:${String(requestedPort)}${hint}`,
          { cause: error, metadata: { dependency: options.dependency } },
        ),
      );
    };
    server.once('error', onError);
    server.listen(requestedPort, host, () => {
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
  options: OpsServerOptions,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://ops').pathname;
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
    response.end('method not allowed\n');
    return;
  }
  if (path === '/metrics') {
    const body = await options.metrics.metrics();
    response.writeHead(200, { 'content-type': options.metrics.contentType });
    response.end(head ? undefined : body);
    return;
  }
  const probe = Object.hasOwn(options.probes, path) ? options.probes[path] : undefined;
  if (probe !== undefined) {
    const answer = probe();
    response.writeHead(answer.ok ? 200 : 503, { 'content-type': answer.contentType });
    response.end(head ? undefined : answer.body);
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found\n');
}
