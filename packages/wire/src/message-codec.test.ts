import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeExperimentSpec,
  decodeRoundConfig,
  encodeExperimentSpec,
  encodeRoundConfig,
} from './message-codec.js';

const config = {
  protocolVersion: 1,
  secaggSuite: 'suite',
  experimentId: 'x1',
  roundNumber: 3,
  attempt: 2,
  participants: [
    { workerId: 'a', region: 'eu' },
    { workerId: 'b', region: 'us' },
  ],
  k: 1,
  t: 2,
  graphSeed: Buffer.alloc(32, 7),
  lanes: [{ name: 'update', length: 10, bound: 100, scale: 1048576 }],
  modelSha256: Buffer.alloc(32, 1),
  modelVersion: 2,
  specSha256: Buffer.alloc(32, 2),
  deadlines: { setup: { seconds: 5, nanos: 0 } },
  owner: 'spiffe://t/scientist/a',
};

describe('message codec', () => {
  it('round-trips a RoundConfig and encodes it the same way every time', () => {
    const bytes = encodeRoundConfig(config);
    expect(encodeRoundConfig(config).equals(bytes)).toBe(true);
    const decoded = decodeRoundConfig(bytes);
    expect(decoded).toMatchObject({
      experimentId: 'x1',
      roundNumber: 3,
      attempt: 2,
      participants: config.participants,
      lanes: config.lanes,
      owner: config.owner,
    });
    expect(decoded.graphSeed.equals(config.graphSeed)).toBe(true);
  });

  it('round-trips RoundConfigs of any size (multi-byte lengths)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.record({ workerId: fc.string(), region: fc.string() }), { maxLength: 30 }),
        (experimentId, roundNumber, seed, participants) => {
          const bytes = encodeRoundConfig({
            experimentId,
            roundNumber,
            graphSeed: Buffer.from(seed),
            participants,
          });
          const decoded = decodeRoundConfig(bytes);
          expect(decoded).toMatchObject({ experimentId, roundNumber, participants });
          expect(decoded.graphSeed.equals(Buffer.from(seed))).toBe(true);
        },
      ),
    );
  });

  it('round-trips an ExperimentSpec', () => {
    const spec = {
      rounds: 4,
      minParticipants: 3,
      targetParticipants: 5,
      dataset: { name: 'd', inputShape: [2, 2], numClasses: 3 },
    };
    expect(decodeExperimentSpec(encodeExperimentSpec(spec))).toMatchObject(spec);
  });

  it('decodes empty bytes to messages with defaults', () => {
    const decoded = decodeRoundConfig(new Uint8Array(0));
    expect(decoded.experimentId).toBe('');
    expect(decoded.participants).toEqual([]);
    expect(encodeRoundConfig({}).length).toBe(0);
    expect(decodeExperimentSpec(new Uint8Array(0)).rounds).toBe(0);
  });

  it('refuses bytes that do not decode with INVALID_ARGUMENT naming the field', () => {
    const garbage = new Uint8Array([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect(() => decodeRoundConfig(garbage)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'round_config' }) as Error,
    );
    expect(() => decodeExperimentSpec(garbage)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'spec' }) as Error,
    );
    expect(() => decodeRoundConfig(Buffer.from([0xff, 0xff, 0xff]))).toThrow(/RoundConfig/);
  });
});
