import { afterEach, describe, expect, it } from 'vitest';
import { FedraError } from './errors.js';
import { startOpsServer } from './ops-server.js';
import type { OpsServer, OpsServerOptions } from './ops-server.js';

let server: OpsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function options(overrides: Partial<OpsServerOptions> = {}): OpsServerOptions {
  return {
    metrics: { contentType: 'text/plain; version=0.0.4', metrics: () => Promise.resolve('up 1\n') },
    probes: { '/healthz': () => ({ ok: false, contentType: 'text/plain', body: 'down\n' }) },
    host: '127.0.0.1',
    port: 0,
    purpose: 'probes',
    dependency: 'probe-port',
    ...overrides,
  };
}

describe('startOpsServer', () => {
  it('serves metrics and probes, answers HEAD without a body, refuses other methods and paths', async () => {
    server = await startOpsServer(options());
    const base = `http://127.0.0.1:${String(server.port)}`;
    const metrics = await fetch(`${base}/metrics`);
    expect([metrics.status, metrics.headers.get('content-type'), await metrics.text()]).toEqual([
      200,
      'text/plain; version=0.0.4',
      'up 1\n',
    ]);
    const probe = await fetch(`${base}/healthz`);
    expect([probe.status, await probe.text()]).toEqual([503, 'down\n']);
    const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect((await fetch(`${base}/toString`)).status).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('answers 500 when the metrics cannot be read', async () => {
    server = await startOpsServer(
      options({
        metrics: { contentType: 'text/plain', metrics: () => Promise.reject(new Error('boom')) },
      }),
    );
    const response = await fetch(`http://127.0.0.1:${String(server.port)}/metrics`);
    expect([response.status, await response.text()]).toEqual([500, 'metrics unavailable\n']);
  });

  it('names the address, purpose and hint when it cannot bind', async () => {
    server = await startOpsServer(options());
    const error = await startOpsServer(
      options({ port: server.port, hint: 'choose another --probe-port' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FedraError);
    expect((error as FedraError).code).toBe('UNAVAILABLE');
    expect((error as FedraError).message).toBe(
      `cannot listen for probes on 127.0.0.1:${String(server.port)}; choose another --probe-port`,
    );
  });
});
