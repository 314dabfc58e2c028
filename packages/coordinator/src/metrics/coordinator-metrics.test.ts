import { describe, expect, it } from 'vitest';
import { register } from 'prom-client';
import { CoordinatorMetrics } from './coordinator-metrics.js';

describe('CoordinatorMetrics', () => {
  it('keeps its own registry with rounds, stages, dropouts, bytes, fold and unmask', async () => {
    const metrics = new CoordinatorMetrics();
    metrics.roundOpened(5);
    metrics.stageClosed('setup', 0.2);
    metrics.stageClosed('unmask', 1.5);
    metrics.dropped([
      { stage: 'collect-masked', reason: 'DEADLINE_MISSED' },
      { stage: 'collect-masked', reason: 'DEADLINE_MISSED' },
    ]);
    metrics.roundEnded('aborted', 'QUORUM_NOT_MET');
    metrics.roundEnded('committed');
    metrics.uploaded(4096);
    metrics.downloaded(40);
    metrics.folded(0.003);
    metrics.unmasked(0.02);
    const text = await metrics.registry.metrics();
    expect(text).toContain('fedra_rounds_total{outcome="committed",reason=""} 1');
    expect(text).toContain('fedra_rounds_total{outcome="aborted",reason="QUORUM_NOT_MET"} 1');
    expect(text).toContain('fedra_stage_duration_seconds_count{stage="setup"} 1');
    expect(text).toContain('fedra_stage_duration_seconds_bucket{le="0.25",stage="setup"} 1');
    expect(text).toContain('fedra_round_participants_sum 5');
    expect(text).toContain(
      'fedra_dropouts_total{stage="collect-masked",reason="DEADLINE_MISSED"} 2',
    );
    expect(text).toContain('fedra_upload_bytes_total 4096');
    expect(text).toContain('fedra_download_bytes_total 40');
    expect(text).toContain('fedra_fold_seconds_count 1');
    expect(text).toContain('fedra_unmask_seconds_count 1');
    // Nothing leaks into prom-client's global registry.
    expect(await register.metrics()).not.toContain('fedra_');
  });

  it('reads queue depths on scrape, and still answers when the source fails', async () => {
    const metrics = new CoordinatorMetrics();
    let calls = 0;
    let fail = false;
    metrics.observeQueue(() => {
      calls += 1;
      if (fail) return Promise.reject(new Error('redis down'));
      return Promise.resolve({ name: 'rounds', waiting: 3, active: 1, delayed: 2, failed: 0 });
    });
    const text = await metrics.registry.metrics();
    expect(calls).toBe(1);
    expect(text).toContain('fedra_queue_jobs{queue="rounds",state="waiting"} 3');
    expect(text).toContain('fedra_queue_jobs{queue="rounds",state="delayed"} 2');
    fail = true;
    const after = await metrics.registry.metrics();
    expect(calls).toBe(2);
    expect(after).not.toContain('fedra_queue_jobs{');
    expect(after).toContain('fedra_rounds_total');
  });
});
