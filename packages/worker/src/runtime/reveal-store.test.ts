import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulatedCohort, RevealRecord, simulateRound } from '@fedra/secagg';
import { RevealStore } from './reveal-store.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fedra-reveal-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RevealStore', () => {
  it('persists a record so a restarted worker refuses the other secret of a peer', async () => {
    const scope = { experimentId: 'exp/1', roundNumber: 2, attempt: 1, participantId: 'w1' };
    const record = new RevealRecord(scope);
    record.record('w2', 'b');
    await new RevealStore(dir).save(record);
    const loaded = await new RevealStore(dir).load(scope);
    expect(loaded?.kindFor('w2')).toBe('b');
    expect(() => loaded?.check('w2', 'sk')).toThrow(/already revealed/);
    expect(await new RevealStore(dir).load({ ...scope, attempt: 2 })).toBeUndefined();
  });

  it('opens a restarted session bound by what the earlier run revealed in the attempt', async () => {
    // First run: p003 drops after share-keys, so p000 reveals its masking-key
    // share (and the self-mask shares of the survivors), saving the record first.
    const cohort = createSimulatedCohort({
      participants: 4,
      k: 3,
      t: 2,
      lanes: [{ name: 'update', length: 4, bound: 1, scale: 1024 }],
    });
    const outcome = await simulateRound(cohort, {
      dropouts: new Map([['p003', 'after-share-keys']]),
    });
    expect(outcome.error).toBeUndefined();
    const first = cohort.participants.get('p000');
    if (first === undefined) throw new Error('no p000');
    expect(first.revealRecord.kindFor('p003')).toBe('sk');
    await new RevealStore(dir).save(first.revealRecord);

    // The restarted worker opens the same attempt from its state directory.
    const signer = cohort.identities.signers.get('p000');
    if (signer === undefined) throw new Error('no signer');
    const options = { config: cohort.config, signer, verifier: cohort.identities.verifier };
    const restarted = await new RevealStore(dir).openSession(options);
    expect(restarted.revealRecord.size).toBe(first.revealRecord.size);
    expect(() => {
      restarted.revealRecord.check('p003', 'b');
    }).toThrow(/masking-key share was already revealed/);
    expect(() => {
      restarted.revealRecord.check('p001', 'sk');
    }).toThrow(/self-mask seed share was already revealed/);

    // Another attempt starts with a clean record.
    const other = createSimulatedCohort({
      participants: 4,
      k: 3,
      t: 2,
      attempt: 2,
      lanes: cohort.config.lanes,
      identities: cohort.identities,
    });
    const fresh = await new RevealStore(dir).openSession({ ...options, config: other.config });
    expect(fresh.revealRecord.size).toBe(0);
  });
});
