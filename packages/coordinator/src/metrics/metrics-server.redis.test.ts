import { afterEach, describe, expect, it } from 'vitest';
import type { WatchExperimentResponseOutput } from '@fedra/proto';
import { SECAGG_STAGES } from '@fedra/secagg';
import {
  createAndStart,
  SCIENTIST,
  startCoordinator,
  testSpec,
} from '../services/testing/coordinator-fixture.js';
import type { CoordinatorFixture } from '../services/testing/coordinator-fixture.js';
import { identityMetadata } from '../services/testing/test-clients.js';

let fixture: CoordinatorFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

/** Creates and starts a one-round experiment and resolves when its event stream ends. */
async function runOneRound(f: CoordinatorFixture): Promise<WatchExperimentResponseOutput[]> {
  const experimentId = await createAndStart(f, testSpec({ rounds: 1 }));
  return new Promise((resolve, reject) => {
    const events: WatchExperimentResponseOutput[] = [];
    const stream = f.clients.experiments.watchExperiment(
      { experimentId, replay: true },
      identityMetadata(SCIENTIST),
    );
    stream.on('data', (event: WatchExperimentResponseOutput) => events.push(event));
    stream.on('error', reject);
    stream.on('end', () => {
      resolve(events);
    });
  });
}

/** The value of one sample line of the text format, or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics over HTTP', () => {
  it('serves /metrics with a committed round and stage durations, and /healthz', async () => {
    const f = (fixture = await startCoordinator(5, { metricsPort: 0, unmaskThreads: 2 }));
    const port = f.coordinator.metricsPort;
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${String(port)}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);

    await f.startWorkers(5);
    const events = await runOneRound(f);
    expect(events.at(-1)?.experimentFinished?.state).toBe('EXPERIMENT_STATE_COMPLETED');

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'fedra_rounds_total{outcome="committed",reason=""}')).toBe(1);
    for (const stage of SECAGG_STAGES) {
      expect(sample(text, `fedra_stage_duration_seconds_count{stage="${stage}"}`)).toBe(1);
    }
    expect(sample(text, 'fedra_round_participants_count')).toBe(1);
    expect(sample(text, 'fedra_round_participants_sum')).toBe(5);
    expect(sample(text, 'fedra_fold_seconds_count')).toBe(5);
    expect(sample(text, 'fedra_unmask_seconds_count')).toBe(1);
    // 5 masked vectors of 10 parameters + 3 lanes (weight, loss sum, correct)
    // x 4 bytes, and the 40-byte model to each worker.
    expect(sample(text, 'fedra_upload_bytes_total')).toBe(5 * 13 * 4);
    expect(sample(text, 'fedra_download_bytes_total')).toBeGreaterThanOrEqual(5 * 40);
    expect(sample(text, 'fedra_queue_jobs{queue="rounds",state="failed"}')).toBe(0);
    expect(text).toContain('fedra_coordinator_process_cpu_user_seconds_total');

    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
