/**
 * The region decides, end to end over mutual TLS: workers started through
 * the real entry point (`main()`: certificate, key, coordinator CA and policy
 * files, as an operator deploys them) refuse what their policy forbids, and
 * the coordinator records each refusal with its reason and detail.
 *
 * - A RoundConfig below the minimum cohort, a model above the parameter cap,
 *   a layer outside the allow-list: refused at the invitation.
 * - A peer whose certificate does not chain to a pinned region CA (the
 *   coordinator was told to trust a rogue CA for region eu): refused at
 *   share-keys, before any share or masked update leaves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoExperimentSpec } from '@fedra/cli';
import type { ParticipantStatusOutput } from '@fedra/proto';
import { main } from '@fedra/worker';
import type { HealthServer, Worker } from '@fedra/worker';
import { waitFor } from './harness.js';
import { startTlsFederation } from './tls-federation.js';
import type { TlsFederation, WorkerFiles, WorkerFilesOptions } from './tls-federation.js';

let federation: TlsFederation | undefined;

afterEach(async () => {
  await federation?.close();
  federation = undefined;
});

/** A policy every demo round satisfies; tests tighten one key. */
function policy(workerIndex: number, overrides: Record<string, unknown> = {}) {
  return {
    version: 1,
    rounds: { minCohort: 3, minK: 2, minT: 2, minSurvivors: 2 },
    model: { maxParameters: 200_000, maxClipNorm: 10 },
    owners: ['spiffe://test.fedra/scientist/*'],
    datasets: {
      mnist: { format: 'mnist', shard: workerIndex, shards: 3, inputShape: [784], seed: 7 },
    },
    ...overrides,
  };
}

interface Started {
  readonly worker: Worker;
  readonly health: HealthServer;
}

/** Starts a worker from its files through `main()`, shut down with the federation. */
async function startWorker(f: TlsFederation, files: WorkerFiles): Promise<Started> {
  const { worker, done, health } = await main(
    [
      '--coordinator',
      `127.0.0.1:${f.port}`,
      '--tls-ca',
      files.ca,
      '--tls-cert',
      files.cert,
      '--tls-key',
      files.key,
      '--policy',
      files.policy,
      '--data',
      files.dataDir,
      '--state-dir',
      files.stateDir,
      '--health-port',
      '0',
      '--log-level',
      'silent',
    ],
    {},
  );
  done.catch(() => undefined);
  f.onClose(async () => {
    await worker.shutdown();
    await health.close();
  });
  return { worker, health };
}

async function startWorkers(
  f: TlsFederation,
  specs: readonly Omit<WorkerFilesOptions, 'pinned'>[],
  pinned: Readonly<Record<string, string>>,
): Promise<Map<string, Started>> {
  const started = new Map<string, Started>();
  for (const spec of specs) {
    const files = await f.workerFiles({ pinned, ...spec });
    started.set(spec.workerId, await startWorker(f, files));
  }
  return started;
}

/** Waits until each of `workerIds` has a recorded refusal in round 1; returns them. */
function refusals(
  f: TlsFederation,
  experimentId: string,
  workerIds: readonly string[],
): Promise<Map<string, ParticipantStatusOutput>> {
  return waitFor(
    async () => {
      const found = new Map<string, ParticipantStatusOutput>();
      for (const p of await f.participants(experimentId, 1))
        if (workerIds.includes(p.workerId) && p.refusalReason !== 'REFUSAL_REASON_UNSPECIFIED')
          found.set(p.workerId, p);
      return found.size === workerIds.length ? found : undefined;
    },
    `refusals by ${workerIds.join(', ')}`,
  );
}

async function scrape(health: HealthServer): Promise<string> {
  return (await fetch(`http://127.0.0.1:${health.port}/metrics`)).text();
}

const PINNED = { eu: 'eu', us: 'us', ap: 'ap' };

describe('region policy over mutual TLS', () => {
  it('refuses a small cohort, too many parameters and a layer outside the allow-list; the coordinator records why', async () => {
    const f = await startTlsFederation({ regions: ['eu', 'us', 'ap'] });
    federation = f;
    const workers = await startWorkers(
      f,
      [
        {
          workerId: 'w1',
          region: 'eu',
          policy: policy(0, { rounds: { minCohort: 4, minK: 2, minT: 2, minSurvivors: 2 } }),
        },
        {
          workerId: 'w2',
          region: 'us',
          policy: policy(1, { model: { maxParameters: 50_000, maxClipNorm: 10 } }),
        },
        {
          workerId: 'w3',
          region: 'ap',
          policy: policy(2, {
            model: { maxParameters: 200_000, maxClipNorm: 10, allowedLayers: ['Conv2D'] },
          }),
        },
      ],
      PINNED,
    );
    // The coordinator knows each worker by its certificate: id and region.
    const { spec, weights } = await demoExperimentSpec(3, 1);
    const experimentId = await f.startExperiment(spec, weights);
    const refused = await refusals(f, experimentId, ['w1', 'w2', 'w3']);

    expect(refused.get('w1')).toMatchObject({
      region: 'eu',
      refusalReason: 'REFUSAL_REASON_COHORT_TOO_SMALL',
    });
    expect(refused.get('w1')?.detail).toContain('rounds.minCohort of 4');
    expect(refused.get('w2')).toMatchObject({
      region: 'us',
      refusalReason: 'REFUSAL_REASON_TOO_MANY_PARAMETERS',
    });
    expect(refused.get('w2')?.detail).toContain('model.maxParameters of 50000');
    expect(refused.get('w3')).toMatchObject({
      region: 'ap',
      refusalReason: 'REFUSAL_REASON_LAYER_NOT_ALLOWED',
    });
    expect(refused.get('w3')?.detail).toContain('Dense');

    // The refusals are counted in each worker's Prometheus metrics.
    const w1 = workers.get('w1');
    if (w1 === undefined) throw new Error('w1 did not start');
    expect(await scrape(w1.health)).toMatch(
      /fedra_worker_rounds_refused_total\{reason="REFUSAL_REASON_COHORT_TOO_SMALL"\} [1-9]/,
    );
    for (const { worker } of workers.values())
      expect([...worker.activity.values()].some((a) => a.outcome === 'refused')).toBe(true);
  }, 180_000);

  it('refuses a peer whose certificate does not chain to a pinned region CA', async () => {
    // The coordinator (wrongly) lets a rogue CA issue region eu's workers.
    const f = await startTlsFederation({
      regions: ['eu', 'us', 'rogue'],
      workerIssuers: { eu: ['eu', 'rogue'], us: ['us'] },
    });
    federation = f;
    await startWorkers(
      f,
      [
        { workerId: 'w1', region: 'eu', policy: policy(0) },
        { workerId: 'w2', region: 'us', policy: policy(1) },
      ],
      { eu: 'eu', us: 'us' },
    );
    // The rogue worker pins its own CA for eu, so it starts; honest peers pin the real one.
    await startWorkers(f, [{ workerId: 'w9', region: 'eu', issuer: 'rogue', policy: policy(2) }], {
      eu: 'rogue',
      us: 'us',
    });
    const { spec, weights } = await demoExperimentSpec(3, 1);
    const experimentId = await f.startExperiment(spec, weights);
    const refused = await refusals(f, experimentId, ['w1', 'w2']);
    for (const id of ['w1', 'w2']) {
      const status = refused.get(id);
      expect(status?.refusalReason).toBe('REFUSAL_REASON_SECAGG_CHECK_FAILED');
      expect(status?.dropStage).toBe('STAGE_SHARE_KEYS');
      expect(status?.detail).toContain('peer "w9": certificate is not signed by the pinned CA');
    }
    // Nothing was uploaded by the honest workers.
    const all = await f.participants(experimentId, 1);
    for (const p of all.filter((p) => p.workerId !== 'w9')) expect(p.uploadedBytes).toBe(0);
  }, 180_000);
});
