import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { createStrategy, type StrategySpec } from './create-strategy.js';
import { FedAvg } from './fed-avg.js';
import { FedAvgM } from './fed-avg-m.js';
import { FedOpt } from './fed-opt.js';

function specError(spec: unknown): FedraError {
  try {
    createStrategy(spec as StrategySpec);
  } catch (error) {
    if (error instanceof FedraError) return error;
    throw error;
  }
  throw new Error('expected createStrategy to throw');
}

describe('createStrategy', () => {
  it('builds each kind with its defaults', () => {
    expect(createStrategy({ kind: 'fedavg' })).toBeInstanceOf(FedAvg);
    expect(createStrategy({ kind: 'fedavgm' })).toBeInstanceOf(FedAvgM);
    for (const kind of ['fedadam', 'fedyogi', 'fedadagrad'] as const) {
      const strategy = createStrategy({ kind });
      expect(strategy).toBeInstanceOf(FedOpt);
      expect(strategy.name).toBe(kind);
    }
    expect(createStrategy({ kind: 'fedavgm' }).describe()).toEqual({
      strategy: 'fedavgm',
      serverLearningRate: 1,
      momentum: 0.9,
    });
  });

  it('passes hyper-parameters through', () => {
    expect(
      createStrategy({
        kind: 'fedyogi',
        serverLearningRate: 0.1,
        beta1: 0.5,
        beta2: 0.9,
        tau: 1e-6,
      }).describe(),
    ).toEqual({ strategy: 'fedyogi', serverLearningRate: 0.1, beta1: 0.5, beta2: 0.9, tau: 1e-6 });
    // Explicit undefined means "use the default", as in an options object.
    expect(createStrategy({ kind: 'fedavg', serverLearningRate: undefined }).describe()).toEqual({
      strategy: 'fedavg',
      serverLearningRate: 1,
    });
  });

  it.each([
    ['strategy.kind', { kind: 'fedsgd' }],
    ['strategy.kind', null],
    ['strategy.kind', {}],
    ['strategy.serverLearningRate', { kind: 'fedavg', serverLearningRate: 0 }],
    ['strategy.serverLearningRate', { kind: 'fedadam', serverLearningRate: -0.1 }],
    [
      'strategy.serverLearningRate',
      { kind: 'fedavg', serverLearningRate: Number.POSITIVE_INFINITY },
    ],
    ['strategy.serverLearningRate', { kind: 'fedavg', serverLearningRate: '1' }],
    ['strategy.momentum', { kind: 'fedavgm', momentum: 1 }],
    ['strategy.momentum', { kind: 'fedavgm', momentum: -0.1 }],
    ['strategy.beta1', { kind: 'fedadam', beta1: 1 }],
    ['strategy.beta1', { kind: 'fedadagrad', beta1: Number.NaN }],
    ['strategy.beta2', { kind: 'fedyogi', beta2: 1.5 }],
    ['strategy.tau', { kind: 'fedyogi', tau: 0 }],
    ['strategy.tau', { kind: 'fedadam', tau: -1e-3 }],
    ['strategy.momentum', { kind: 'fedadam', momentum: 0.9 }],
    ['strategy.beta1', { kind: 'fedavg', beta1: 0.9 }],
    ['strategy.tau', { kind: 'fedavgm', tau: 1e-3 }],
    ['strategy.beta2', { kind: 'fedadagrad', beta2: 0.99 }],
    ['strategy.learningRate', { kind: 'fedavg', learningRate: 1 }],
  ])('rejects a bad %s with INVALID_SPEC naming it', (field, spec) => {
    const error = specError(spec);
    expect(error.code).toBe('INVALID_SPEC');
    expect(error.metadata['field']).toBe(field);
    expect(error.message).toContain(field);
  });

  it('says whether a field is misplaced or unknown', () => {
    expect(specError({ kind: 'fedadam', momentum: 0.9 }).message).toContain(
      'does not apply to fedadam',
    );
    expect(specError({ kind: 'fedavg', lr: 1 }).message).toContain('is not a strategy field');
  });
});
