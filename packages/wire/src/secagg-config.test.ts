import { SECAGG_PROTOCOL_VERSION, SECAGG_SUITE } from '@fedra/secagg';
import { describe, expect, it } from 'vitest';
import { decodeRoundConfig, encodeRoundConfig } from './message-codec.js';
import { secAggConfigFromRoundConfig } from './secagg-config.js';

const wire = {
  protocolVersion: SECAGG_PROTOCOL_VERSION,
  secaggSuite: SECAGG_SUITE,
  experimentId: 'exp-1',
  roundNumber: 2,
  attempt: 1,
  participants: ['a', 'b', 'c', 'd'].map((workerId) => ({ workerId, region: 'eu' })),
  k: 3,
  t: 3,
  graphSeed: Buffer.alloc(32, 9),
  lanes: [{ name: 'delta', length: 10, bound: 1, scale: 2 ** 20 }],
};

describe('secAggConfigFromRoundConfig', () => {
  it('carries the decoded RoundConfig and the hash into the secagg config', () => {
    const hash = new Uint8Array(32).fill(5);
    const config = secAggConfigFromRoundConfig(decodeRoundConfig(encodeRoundConfig(wire)), hash, 3);
    expect(config.participants).toEqual(['a', 'b', 'c', 'd']);
    expect(config).toMatchObject({ experimentId: 'exp-1', roundNumber: 2, attempt: 1, k: 3, t: 3 });
    expect(Buffer.from(config.configHash).equals(Buffer.from(hash))).toBe(true);
  });

  it('refuses a config secagg refuses, naming the field', () => {
    const decoded = decodeRoundConfig(encodeRoundConfig({ ...wire, secaggSuite: 'other' }));
    expect(() => secAggConfigFromRoundConfig(decoded, new Uint8Array(32), 4)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error,
    );
  });
});
