import { describe, expect, it } from 'vitest';
import {
  decodeExperimentSpec,
  decodeRoundConfig,
  decodeTask,
  encodeExperimentSpec,
  encodeRoundConfig,
  encodeTask,
} from './proto-codec.js';

describe('proto codec', () => {
  it('round-trips a RoundConfig and encodes it the same way every time', () => {
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

  it('round-trips an ExperimentSpec and a task', () => {
    const spec = {
      rounds: 4,
      minParticipants: 3,
      targetParticipants: 5,
      dataset: { name: 'd', inputShape: [2, 2], numClasses: 3 },
    };
    const decoded = decodeExperimentSpec(encodeExperimentSpec(spec));
    expect(decoded).toMatchObject(spec);
    const task = decodeTask(encodeTask({ drain: { reason: 'maintenance' } }));
    expect(task.drain?.reason).toBe('maintenance');
    expect(task.task).toBe('drain');
  });

  it('refuses bytes that are not a RoundConfig with INVALID_ARGUMENT', () => {
    expect(() => decodeRoundConfig(Buffer.from([0xff, 0xff, 0xff]))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error,
    );
  });
});
