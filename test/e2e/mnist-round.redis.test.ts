/**
 * End to end: a coordinator (insecure, real Redis, fresh key prefix) and six
 * real `Worker`s in this process, two in each of three regions, each
 * training the demo MLP on a non-IID MNIST shard in its own training thread,
 * with secure aggregation.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoExperimentSpec } from '@fedra/cli';
import { parseRegionPolicy } from '@fedra/worker';
import {
  FEDERATION,
  getRound,
  heldOutAccuracy,
  revealedIn,
  startExperiment,
  startHarness,
  startWorkers,
  waitFor,
  waitForExperimentEnd,
} from './harness.js';
import type { Harness, WorkerPlan } from './harness.js';

const ROUNDS = 3;

/**
 * Two workers per region; each region's pair is dominated by its own digits
 * (eu 0-3, us 4-6, ap 7-9), so no region could learn all ten alone.
 */
const PLANS: readonly WorkerPlan[] = [
  { region: 'eu', classes: [0, 1] },
  { region: 'eu', classes: [2, 3] },
  { region: 'us', classes: [4, 5] },
  { region: 'us', classes: [6] },
  { region: 'ap', classes: [7, 8] },
  { region: 'ap', classes: [9] },
].map((p, i, all) => ({ ...p, workerId: `w${i + 1}`, shard: i, shards: all.length }));

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('MNIST federation end to end', () => {
  it('six workers in three regions: three securely aggregated rounds, accuracy >= 0.8 and rising', async () => {
    const h = await startHarness();
    harness = h;
    await startWorkers(h, PLANS);
    const { spec, topology, weights } = await demoExperimentSpec(PLANS.length, ROUNDS);
    const experimentId = await startExperiment(h, spec, weights);
    const finished = await waitForExperimentEnd(h, experimentId, 240_000);
    expect(finished.state).toBe('EXPERIMENT_STATE_COMPLETED');

    const accuracy = await heldOutAccuracy(h, experimentId, ROUNDS, topology);
    console.info(`held-out accuracy by round: ${accuracy.map((a) => a.toFixed(4)).join(', ')}`);
    expect(accuracy[ROUNDS - 1]).toBeGreaterThan(accuracy[0] ?? 1);
    expect(accuracy[ROUNDS - 1]).toBeGreaterThanOrEqual(0.8);

    // Every round was summed from all six masked updates and unmasked.
    const everyone = PLANS.map((p) => p.workerId).sort();
    for (let round = 1; round <= ROUNDS; round += 1)
      expect(await revealedIn(h, experimentId, round)).toEqual(everyone);
    // Each worker persisted what it revealed at unmask.
    for (const dir of h.stateDirs)
      expect((await readdir(join(dir, 'reveal'))).length).toBeGreaterThanOrEqual(ROUNDS);
    for (const worker of h.workers) expect(worker.state).toBe('RUNNING');
  }, 300_000);

  it('a worker whose policy demands a larger cohort refuses, and the coordinator records it', async () => {
    const h = await startHarness();
    harness = h;
    const plans = PLANS.slice(0, 3);
    const policy = parseRegionPolicy(
      JSON.stringify({
        version: 1,
        rounds: { minCohort: 5, minK: 2, minT: 2, minSurvivors: 2 },
        model: { maxParameters: 1_000_000, maxClipNorm: 10 },
        owners: [`spiffe://${FEDERATION}/scientist/*`],
        datasets: { mnist: { format: 'mnist', shard: 2, shards: 3, inputShape: [784] } },
        trust: { federation: FEDERATION, regionCas: { us: 'trust/us.pem' } },
      }),
    );
    await startWorkers(h, plans, { policies: new Map([['w3', policy]]) });
    const { spec, weights } = await demoExperimentSpec(plans.length, 1);
    const experimentId = await startExperiment(h, spec, weights);
    const refusal = await waitFor(async () => {
      const response = await getRound(h, experimentId, 1).catch(() => undefined);
      for (const attempt of response?.round?.attempts ?? [])
        for (const p of attempt.participants)
          if (p.workerId === 'w3' && p.refusalReason !== 'REFUSAL_REASON_UNSPECIFIED') return p;
      return undefined;
    }, 'the refusal to be recorded');
    expect(refusal.refusalReason).toBe('REFUSAL_REASON_COHORT_TOO_SMALL');
    expect(refusal.detail).toContain('rounds.minCohort');
    const w3 = h.workers.find((w) => w.workerId === 'w3');
    expect([...(w3?.activity.values() ?? [])].some((a) => a.outcome === 'refused')).toBe(true);
  }, 120_000);
});
