import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { FedAvg } from './fed-avg.js';

const value = fc.float({ min: -100, max: 100, noNaN: true });
const vectors = fc
  .integer({ min: 0, max: 64 })
  .chain((n) =>
    fc.tuple(
      fc.array(value, { minLength: n, maxLength: n }),
      fc.array(value, { minLength: n, maxLength: n }),
    ),
  );

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof FedraError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('FedAvg', () => {
  it('with η = 1 returns exactly model + Δ̄ (float32)', () => {
    fc.assert(
      fc.property(vectors, ([x, d]) => {
        const strategy = new FedAvg();
        const model = Float32Array.from(x);
        const meanDelta = Float32Array.from(d);
        const result = strategy.apply({
          model,
          meanDelta,
          state: strategy.initialState(x.length),
        });
        expect(Array.from(result.model)).toEqual(x.map((xi, i) => Math.fround(xi + (d[i] ?? 0))));
        expect(result.state).toMatchObject({ kind: 'fedavg', params: x.length, steps: 1 });
      }),
    );
  });

  it('scales the mean delta by the server learning rate, over several steps', () => {
    fc.assert(
      fc.property(
        vectors,
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 4 }),
        ([x, d], eta, steps) => {
          const strategy = new FedAvg({ serverLearningRate: eta });
          let model: Float32Array = Float32Array.from(x);
          let state = strategy.initialState(x.length);
          let expected = x.map(Math.fround);
          for (let s = 0; s < steps; s += 1) {
            ({ model, state } = strategy.apply({ model, meanDelta: Float32Array.from(d), state }));
            expected = expected.map((xi, i) => Math.fround(xi + eta * Math.fround(d[i] ?? 0)));
          }
          expect(Array.from(model)).toEqual(expected);
          expect(state.steps).toBe(steps);
        },
      ),
    );
  });

  it('returns fresh arrays and leaves its input alone', () => {
    const strategy = new FedAvg();
    const model = Float32Array.of(1, 2, 3);
    const meanDelta = Float32Array.of(0.5, 0.5, 0.5);
    const state = strategy.initialState(3);
    const result = strategy.apply({ model, meanDelta, state });
    expect(result.model).not.toBe(model);
    expect(Array.from(model)).toEqual([1, 2, 3]);
    expect(Array.from(meanDelta)).toEqual([0.5, 0.5, 0.5]);
    expect(state.steps).toBe(0);
    expect(Array.from(result.model)).toEqual([1.5, 2.5, 3.5]);
  });

  it('rejects mismatched lengths, non-finite input, overflow and foreign state', () => {
    const strategy = new FedAvg();
    const state = strategy.initialState(2);
    const model = Float32Array.of(1, 2);
    expect(codeOf(() => strategy.apply({ model, meanDelta: Float32Array.of(1), state }))).toBe(
      'VECTOR_LENGTH_MISMATCH',
    );
    expect(
      codeOf(() =>
        strategy.apply({ model: Float32Array.of(1), meanDelta: Float32Array.of(1), state }),
      ),
    ).toBe('VECTOR_LENGTH_MISMATCH');
    expect(
      codeOf(() => strategy.apply({ model, meanDelta: Float32Array.of(1, Number.NaN), state })),
    ).toBe('NON_FINITE_INPUT');
    expect(
      codeOf(() =>
        strategy.apply({
          model: Float32Array.of(3e38, 0),
          meanDelta: Float32Array.of(3e38, 0),
          state,
        }),
      ),
    ).toBe('NON_FINITE_INPUT');
    expect(
      codeOf(() =>
        strategy.apply({ model, meanDelta: model, state: { ...state, kind: 'fedavgm' } }),
      ),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => strategy.initialState(-1))).toBe('INVALID_ARGUMENT');
  });

  it('describes itself for logs', () => {
    expect(new FedAvg({ serverLearningRate: 0.5 }).describe()).toEqual({
      strategy: 'fedavg',
      serverLearningRate: 0.5,
    });
  });
});
