import { describe, expect, it } from 'vitest';
import type { ExperimentSpecOutput } from '@fedra/proto';
import { decodeExperimentSpec, encodeExperimentSpec } from '@fedra/wire';
import { DEFAULT_SPEC_LIMITS, validateSpec } from './spec-validation.js';

function spec(overrides: Record<string, unknown> = {}): ExperimentSpecOutput {
  return decodeExperimentSpec(
    encodeExperimentSpec({
      model: {
        topologyJson: JSON.stringify({
          modelTopology: {
            class_name: 'Sequential',
            config: { layers: [{ class_name: 'Dense' }, { class_name: 'Dropout' }] },
          },
        }),
        weights: [
          { name: 'k', shape: [3, 2] },
          { name: 'b', shape: [2] },
        ],
        paramCount: 8,
      },
      training: {
        optimizer: 'LOCAL_OPTIMIZER_ADAM',
        learningRate: 0.01,
        batchSize: 4,
        localEpochs: 2,
        fedproxMu: 0,
      },
      dataset: { name: 'd', inputShape: [3], numClasses: 2 },
      rounds: 3,
      minParticipants: 4,
      targetParticipants: 10,
      regionQuotas: [{ region: 'eu', minParticipants: 1, maxParticipants: 5 }],
      strategy: { fedYogi: { serverLearningRate: 0.05 } },
      clippingBound: 2,
      laneScales: { update: 2 ** 16, weight: 1, lossSum: 2 ** 8, correctCount: 1 },
      deadlines: {
        setup: { seconds: 1 },
        shareKeys: { seconds: 2 },
        collectMasked: { seconds: 3 },
        consistencyCheck: { nanos: 500_000_000 },
        unmask: { seconds: 4 },
      },
      maxExampleWeight: 50,
      lossClip: 5,
      ...overrides,
    }),
  );
}

describe('validateSpec', () => {
  it('accepts a valid spec and derives lanes, deadlines and the strategy', () => {
    const validated = validateSpec(spec());
    expect(validated.paramCount).toBe(8);
    expect(validated.lanes.map((l) => [l.name, l.length, l.bound])).toEqual([
      ['update', 8, 100],
      ['weight', 1, 50],
      ['loss_sum', 1, 250],
      ['correct_count', 1, 50],
    ]);
    expect(validated.deadlinesMs).toEqual({
      setup: 1000,
      'share-keys': 2000,
      'collect-masked': 3000,
      'consistency-check': 500,
      unmask: 4000,
    });
    expect(validated.strategy).toMatchObject({ kind: 'fedyogi', serverLearningRate: 0.05 });
    expect(validated.secagg).toBeUndefined();
  });

  it.each([
    [{ rounds: 0 }, 'spec.rounds'],
    [{ targetParticipants: 3 }, 'spec.target_participants'],
    [{ clippingBound: 0 }, 'spec.clipping_bound'],
    [
      { regionQuotas: [{ region: 'EU!', minParticipants: 0, maxParticipants: 0 }] },
      'spec.region_quotas[0].region',
    ],
    [
      { regionQuotas: [{ region: 'eu', minParticipants: 11, maxParticipants: 0 }] },
      'spec.region_quotas',
    ],
    [{ secagg: { k: 3, t: 1 } }, 'spec.secagg.t'],
    [{ secagg: { k: 3, t: 2 } }, 'spec.secagg.t'],
    [
      {
        training: {
          optimizer: 'LOCAL_OPTIMIZER_UNSPECIFIED',
          learningRate: 1,
          batchSize: 1,
          localEpochs: 1,
        },
      },
      'spec.training.optimizer',
    ],
    [{ strategy: {} }, 'spec.strategy'],
  ])('refuses %j naming %s', (overrides, field) => {
    expect(() => validateSpec(spec(overrides))).toThrow(
      expect.objectContaining({
        code: 'INVALID_SPEC',
        metadata: expect.objectContaining({ field }) as unknown,
      }) as Error,
    );
  });

  it('enforces the parameter cap and the layer allow-list it is given', () => {
    expect(() => validateSpec(spec(), { ...DEFAULT_SPEC_LIMITS, maxParameters: 7 })).toThrow(
      expect.objectContaining({
        metadata: expect.objectContaining({ field: 'spec.model.param_count' }) as unknown,
      }) as Error,
    );
    expect(() =>
      validateSpec(spec(), { ...DEFAULT_SPEC_LIMITS, allowedLayers: ['Dense'] }),
    ).toThrow(/Dropout/);
  });

  it('keeps fixed k and t that suit every cohort size', () => {
    expect(validateSpec(spec({ secagg: { k: 3, t: 3 } })).secagg).toEqual({ k: 3, t: 3 });
  });
});
