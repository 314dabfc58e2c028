import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RevealRecord } from '@fedra/secagg';
import { RevealStore } from './reveal-store.js';

describe('RevealStore', () => {
  it('persists a record so a restarted worker refuses the other secret of a peer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedra-reveal-'));
    try {
      const scope = { experimentId: 'exp/1', roundNumber: 2, attempt: 1, participantId: 'w1' };
      const record = new RevealRecord(scope);
      record.record('w2', 'b');
      await new RevealStore(dir).save(record);
      const loaded = await new RevealStore(dir).load(scope);
      expect(loaded?.kindFor('w2')).toBe('b');
      expect(() => loaded?.check('w2', 'sk')).toThrow(/already revealed/);
      expect(await new RevealStore(dir).load({ ...scope, attempt: 2 })).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
