import { describe, expect, it } from 'vitest';
import { createEd25519Identity, createStaticVerifier } from '@fedra/secagg';
import { Worker } from './worker.js';
import type { WorkerOptions } from './worker.js';

function options(overrides: Partial<WorkerOptions> = {}): WorkerOptions {
  return {
    coordinator: '127.0.0.1:50051',
    credentials: { mode: 'insecure', federation: 'dev', region: 'eu', workerId: 'w1' },
    signer: createEd25519Identity('w1').signer,
    verifier: createStaticVerifier(new Map()),
    datasets: [{ name: 'mnist', format: 'mnist', shard: 0, shards: 1 }],
    stateDir: '/tmp/unused',
    ...overrides,
  };
}

describe('Worker.create', () => {
  it('refuses invalid options, naming the option, before starting a training thread', async () => {
    await expect(Worker.create(options({ coordinator: 'nowhere' }))).rejects.toThrow(/coordinator/);
    await expect(
      Worker.create(options({ signer: createEd25519Identity('w2').signer })),
    ).rejects.toThrow(/signer/);
    await expect(Worker.create(options({ datasets: [] }))).rejects.toThrow(/datasets/);
    await expect(Worker.create(options({ chunkBytes: 0 }))).rejects.toThrow(/chunkBytes/);
    await expect(
      Worker.create(
        options({
          credentials: {
            mode: 'tls',
            ca: Buffer.alloc(0),
            cert: Buffer.alloc(0),
            key: Buffer.alloc(0),
            workerId: 'w1',
          },
        }),
      ),
    ).rejects.toThrow(/policy/);
  });
});
