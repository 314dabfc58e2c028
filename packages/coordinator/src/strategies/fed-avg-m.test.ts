import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedAvg } from './fed-avg.js';
import { FedAvgM } from './fed-avg-m.js';

const value = fc.float({ min: -10, max: 10, noNaN: true });
const rounds = fc
  .integer({ min: 0, max: 48 })
  .chain((n) =>
    fc.tuple(
      fc.array(value, { minLength: n, maxLength: n }),
      fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }),
    ),
  );

/** Hsu et al. 2019, one element at a time, float64 math and float32 storage. */
function reference(
  x: number[],
  deltas: number[][],
  eta: number,
  beta: number,
): { x: number[]; v: number[] } {
  let model = x.map(Math.fround);
  let velocity = x.map(() => 0);
  for (const delta of deltas) {
    const d = delta.map(Math.fround);
    const v64 = velocity.map((v, i) => beta * v + (d[i] ?? 0));
    model = model.map((xi, i) => Math.fround(xi + eta * (v64[i] ?? 0)));
    velocity = v64.map(Math.fround);
  }
  return { x: model, v: velocity };
}

describe('FedAvgM', () => {
  it('matches a reference implementation over several rounds, carrying velocity', () => {
    fc.assert(
      fc.property(
        rounds,
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        ([x, deltas], eta, beta) => {
          const strategy = new FedAvgM({ serverLearningRate: eta, momentum: beta });
          let model: Float32Array = Float32Array.from(x);
          let state = strategy.initialState(x.length);
          for (const d of deltas) {
            ({ model, state } = strategy.apply({ model, meanDelta: Float32Array.from(d), state }));
          }
          const expected = reference(x, deltas, eta, beta);
          expect(Array.from(model)).toEqual(expected.x);
          expect(Array.from(state.vectors['velocity'] ?? [])).toEqual(expected.v);
          expect(state.steps).toBe(deltas.length);
        },
      ),
    );
  });

  it('is FedAvg when momentum is 0', () => {
    fc.assert(
      fc.property(rounds, ([x, deltas]) => {
        const avgm = new FedAvgM({ momentum: 0 });
        const avg = new FedAvg();
        let a: Float32Array = Float32Array.from(x);
        let b: Float32Array = Float32Array.from(x);
        let sa = avgm.initialState(x.length);
        let sb = avg.initialState(x.length);
        for (const d of deltas) {
          ({ model: a, state: sa } = avgm.apply({
            model: a,
            meanDelta: Float32Array.from(d),
            state: sa,
          }));
          ({ model: b, state: sb } = avg.apply({
            model: b,
            meanDelta: Float32Array.from(d),
            state: sb,
          }));
        }
        expect(Array.from(a)).toEqual(Array.from(b));
      }),
    );
  });

  it('defaults to η = 1, β = 0.9 and starts from zero velocity', () => {
    const strategy = new FedAvgM();
    expect(strategy.describe()).toEqual({
      strategy: 'fedavgm',
      serverLearningRate: 1,
      momentum: 0.9,
    });
    const state = strategy.initialState(3);
    expect(Array.from(state.vectors['velocity'] ?? [])).toEqual([0, 0, 0]);
    const step = strategy.apply({
      model: Float32Array.of(0, 0, 0),
      meanDelta: Float32Array.of(1, 2, 3),
      state,
    });
    const again = strategy.apply({
      model: step.model,
      meanDelta: Float32Array.of(1, 2, 3),
      state: step.state,
    });
    // v₂ = 0.9·Δ + Δ, x₂ = Δ + v₂.
    expect(Array.from(again.model)).toEqual([2.9, 5.8, 8.7].map(Math.fround));
    expect(step.state.vectors['velocity']).not.toBe(state.vectors['velocity']);
  });
});
