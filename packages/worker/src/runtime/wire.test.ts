import { describe, expect, it } from 'vitest';
import {
  decodeExperimentSpec,
  decodeRoundConfig,
  stageFromWire,
  unmaskResponseToWire,
} from './wire.js';

const header = {
  experimentId: 'e',
  roundNumber: 1,
  attempt: 1,
  stage: 'unmask' as const,
  sender: 'w1',
};

describe('wire', () => {
  it('refuses bytes that do not decode, naming the field', () => {
    const garbage = new Uint8Array([
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
    expect(() => decodeRoundConfig(garbage)).toThrow(/RoundConfig/);
    expect(() => decodeExperimentSpec(garbage)).toThrow(/ExperimentSpec/);
  });

  it('decodes empty bytes to a config with defaults', () => {
    const config = decodeRoundConfig(new Uint8Array(0));
    expect(config.experimentId).toBe('');
    expect(config.participants).toEqual([]);
  });

  it('maps stages and splits revealed shares by secret', () => {
    expect(stageFromWire('STAGE_COLLECT_MASKED')).toBe('collect-masked');
    expect(stageFromWire('STAGE_UNSPECIFIED')).toBeUndefined();
    const wire = unmaskResponseToWire({
      header,
      shares: [
        { owner: 'w2', secret: 'b', share: new Uint8Array([1]) },
        { owner: 'w3', secret: 'sk', share: new Uint8Array([2]) },
      ],
    });
    expect(wire.header?.stage).toBe('STAGE_UNMASK');
    expect(wire.bShares?.map((s) => s.owner)).toEqual(['w2']);
    expect(wire.skShares?.map((s) => s.owner)).toEqual(['w3']);
  });
});
