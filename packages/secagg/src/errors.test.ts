import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { SecAggAbortedError, SecAggBadShareError, SecAggProtocolError } from './errors.js';

describe('secagg errors', () => {
  it('carry stage and participant in fields, metadata and message', () => {
    const e = new SecAggProtocolError('SECAGG_BAD_SIGNATURE', 'share-keys', 'w7', 'bad', {
      metadata: { extra: 'x' },
    });
    expect(e).toBeInstanceOf(FedraError);
    expect(e.code).toBe('SECAGG_BAD_SIGNATURE');
    expect(e.stage).toBe('share-keys');
    expect(e.participantId).toBe('w7');
    expect(e.metadata).toEqual({ extra: 'x', stage: 'share-keys', participantId: 'w7' });
    expect(e.message).toContain('share-keys');
    expect(e.message).toContain('w7');
    expect(e.grpcStatus).toBe(7);
  });

  it('name the revealer of a bad share', () => {
    const e = new SecAggBadShareError('rev', 'own', 'sk');
    expect(e).toBeInstanceOf(SecAggProtocolError);
    expect(e.code).toBe('SECAGG_BAD_SHARE');
    expect(e.participantId).toBe('rev');
    expect(e.metadata['ownerId']).toBe('own');
  });

  it('list what an abort misses', () => {
    const missing = Array.from({ length: 10 }, (_, i) => ({
      ownerId: `p${i}`,
      secret: 'b' as const,
      holders: 1,
      threshold: 3,
    }));
    const e = new SecAggAbortedError('unmask', 'too few', missing);
    expect(e.code).toBe('SECAGG_ABORTED');
    expect(e.missing).toHaveLength(10);
    expect(e.message).toContain('b(p0): 1/3 holders');
    expect(e.message).toContain('and 2 more');
    expect(e.metadata['missingSecrets']).toBe('10');
  });
});
