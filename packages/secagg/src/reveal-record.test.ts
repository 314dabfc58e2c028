import { describe, expect, it } from 'vitest';
import { SecAggProtocolError } from './errors.js';
import { RevealRecord } from './reveal-record.js';
import type { RevealRecordJSON } from './reveal-record.js';

const scope = { experimentId: 'e', roundNumber: 1, attempt: 2, participantId: 'p' };

describe('RevealRecord', () => {
  it('allows the same kind again and refuses the other kind for a peer', () => {
    const record = new RevealRecord(scope);
    record.record('a', 'b');
    record.record('a', 'b');
    record.record('z', 'sk');
    expect(record.kindFor('a')).toBe('b');
    expect(record.size).toBe(2);
    expect(() => {
      record.check('a', 'sk');
    }).toThrow(SecAggProtocolError);
    expect(() => {
      record.record('z', 'b');
    }).toThrow(/already revealed/);
    expect(record.kindFor('z')).toBe('sk');
  });

  it('survives JSON and keeps refusing', () => {
    const record = new RevealRecord(scope);
    record.record('a', 'b');
    record.record('__proto__', 'sk');
    const back = RevealRecord.fromJSON(
      JSON.parse(JSON.stringify(record.toJSON())) as RevealRecordJSON,
    );
    expect(back.scope).toEqual(scope);
    expect(back.kindFor('a')).toBe('b');
    expect(back.kindFor('__proto__')).toBe('sk');
    try {
      back.check('a', 'sk');
      throw new Error('not refused');
    } catch (e) {
      expect((e as SecAggProtocolError).code).toBe('SECAGG_UNMASK_REFUSED');
      expect((e as SecAggProtocolError).participantId).toBe('p');
    }
  });

  it('rejects malformed JSON', () => {
    const good = new RevealRecord(scope).toJSON();
    const bad = (json: unknown) => () => RevealRecord.fromJSON(json as RevealRecordJSON);
    expect(bad({ ...good, version: 2 })).toThrow(SecAggProtocolError);
    expect(bad({ ...good, revealed: [{ peer: 'a', kind: 'x' }] })).toThrow(SecAggProtocolError);
    expect(
      bad({
        ...good,
        revealed: [
          { peer: 'a', kind: 'b' },
          { peer: 'a', kind: 'sk' },
        ],
      }),
    ).toThrow(/twice/);
    expect(bad({ ...good, roundNumber: 'one' })).toThrow(SecAggProtocolError);
  });
});
