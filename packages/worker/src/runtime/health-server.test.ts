import { afterEach, describe, expect, it } from 'vitest';
import { register } from 'prom-client';
import { startHealthServer } from './health-server.js';
import type { HealthServer } from './health-server.js';
import type { WorkerState } from './worker.js';
import { WorkerMetrics } from './worker-metrics.js';

let server: HealthServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function get(path: string): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(`http://127.0.0.1:${server?.port ?? 0}${path}`);
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

describe('WorkerMetrics', () => {
  it('counts rounds joined and refused, training time, examples and bytes sent', async () => {
    const metrics = new WorkerMetrics();
    metrics.roundJoined();
    metrics.roundJoined();
    metrics.roundRefused('REFUSAL_REASON_COHORT_TOO_SMALL');
    metrics.trained(1.5, 640);
    metrics.trained(0.25, 0);
    const text = await metrics.registry.metrics();
    expect(text).toContain('fedra_worker_rounds_joined_total 2');
    expect(text).toContain(
      'fedra_worker_rounds_refused_total{reason="REFUSAL_REASON_COHORT_TOO_SMALL"} 1',
    );
    expect(text).toContain('fedra_worker_training_seconds_count 2');
    expect(text).toContain('fedra_worker_training_seconds_sum 1.75');
    expect(text).toContain('fedra_worker_examples_total 640');
    expect(text).toContain('fedra_worker_bytes_sent_total 0');
    // Nothing leaks into prom-client's global registry.
    expect(await register.metrics()).not.toContain('fedra_worker_');
  });
});

describe('startHealthServer', () => {
  it('serves liveness, readiness and metrics from the worker state and registry', async () => {
    const metrics = new WorkerMetrics();
    metrics.roundJoined();
    let state: WorkerState = 'CONNECTING';
    server = await startHealthServer({
      registry: metrics.registry,
      state: () => state,
      host: '127.0.0.1',
      port: 0,
    });
    expect(await get('/healthz')).toMatchObject({ status: 200, body: '{"state":"CONNECTING"}\n' });
    expect((await get('/readyz')).status).toBe(503);
    state = 'RUNNING';
    expect((await get('/readyz')).status).toBe(200);
    const scrape = await get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.type).toContain('text/plain');
    expect(scrape.body).toContain('fedra_worker_rounds_joined_total 1');
    state = 'FAILED';
    expect(await get('/healthz')).toMatchObject({ status: 503, body: '{"state":"FAILED"}\n' });
    expect((await get('/nope')).status).toBe(404);
    const post = await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('names the port when it cannot bind', async () => {
    const metrics = new WorkerMetrics();
    server = await startHealthServer({
      registry: metrics.registry,
      state: () => 'RUNNING',
      host: '127.0.0.1',
      port: 0,
    });
    await expect(
      startHealthServer({
        registry: metrics.registry,
        state: () => 'RUNNING',
        host: '127.0.0.1',
        port: server.port,
      }),
    ).rejects.toThrow(/choose another --health-port/);
  });
});
