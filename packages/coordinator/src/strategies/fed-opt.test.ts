import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { FedOpt, type FedOptKind } from './fed-opt.js';

const value = fc.float({ min: -10, max: 10, noNaN: true });
const rounds = fc
  .integer({ min: 0, max: 48 })
  .chain((n) =>
    fc.tuple(
      fc.array(value, { minLength: n, maxLength: n }),
      fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }),
    ),
  );
const hyper = fc.record({
  eta: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  beta1: fc.double({ min: 0, max: 0.99, noNaN: true }),
  beta2: fc.double({ min: 0, max: 0.999, noNaN: true }),
  tau: fc.double({ min: 1e-9, max: 1, noNaN: true }),
});

interface Hyper {
  eta: number;
  beta1: number;
  beta2: number;
  tau: number;
}

/**
 * Reddi et al. 2021, Algorithm 2, written out per element: float64 math,
 * float32 storage after every round, m₀ = 0, v₀ = τ².
 */
function reference(kind: FedOptKind, h: Hyper, x: number[], deltas: number[][]) {
  let model = x.map(Math.fround);
  let m = x.map(() => 0);
  let v = x.map(() => Math.fround(h.tau * h.tau));
  for (const delta of deltas) {
    const nextModel: number[] = [];
    const nextM: number[] = [];
    const nextV: number[] = [];
    for (let i = 0; i < model.length; i += 1) {
      const d = Math.fround(delta[i] ?? 0);
      const mi = h.beta1 * (m[i] ?? 0) + (1 - h.beta1) * d;
      const vOld = v[i] ?? 0;
      let vi: number;
      if (kind === 'fedadagrad') vi = vOld + d * d;
      else if (kind === 'fedyogi') vi = vOld - (1 - h.beta2) * (d * d) * Math.sign(vOld - d * d);
      else vi = h.beta2 * vOld + (1 - h.beta2) * (d * d);
      nextModel.push(Math.fround((model[i] ?? 0) + (h.eta * mi) / (Math.sqrt(vi) + h.tau)));
      nextM.push(Math.fround(mi));
      nextV.push(Math.fround(vi));
    }
    model = nextModel;
    m = nextM;
    v = nextV;
  }
  return { model, m, v };
}

const KINDS: readonly FedOptKind[] = ['fedadam', 'fedyogi', 'fedadagrad'];

describe.each(KINDS)('%s', (kind) => {
  function make(h: Hyper): FedOpt {
    return new FedOpt({
      kind,
      serverLearningRate: h.eta,
      beta1: h.beta1,
      beta2: kind === 'fedadagrad' ? undefined : h.beta2,
      tau: h.tau,
    });
  }

  it('matches Algorithm 2 over several rounds, carrying m and v', () => {
    fc.assert(
      fc.property(rounds, hyper, ([x, deltas], h) => {
        const strategy = make(h);
        let model: Float32Array = Float32Array.from(x);
        let state = strategy.initialState(x.length);
        for (const d of deltas) {
          ({ model, state } = strategy.apply({ model, meanDelta: Float32Array.from(d), state }));
        }
        const expected = reference(kind, h, x, deltas);
        expect(Array.from(model)).toEqual(expected.model);
        expect(Array.from(state.vectors['m'] ?? [])).toEqual(expected.m);
        expect(Array.from(state.vectors['v'] ?? [])).toEqual(expected.v);
        expect(state).toMatchObject({ kind, params: x.length, steps: deltas.length });
        // The second moment never goes negative (Yogi's update keeps v ≥ 0 too).
        expect((state.vectors['v'] ?? []).every((vi) => vi >= 0)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('resumes identically from a persisted (copied) state', () => {
    const strategy = make({ eta: 0.05, beta1: 0.9, beta2: 0.99, tau: 1e-3 });
    const x = Float32Array.of(0.1, -0.2, 0.3, 0);
    const d1 = Float32Array.of(0.01, -0.02, 0, 0.5);
    const d2 = Float32Array.of(-0.01, 0.03, 0.2, 0.5);
    const one = strategy.apply({ model: x, meanDelta: d1, state: strategy.initialState(4) });
    const copy = {
      ...one.state,
      vectors: Object.fromEntries(
        Object.entries(one.state.vectors).map(([k, v]) => [k, Float32Array.from(v)]),
      ),
    };
    const a = strategy.apply({ model: one.model, meanDelta: d2, state: one.state });
    const b = strategy.apply({ model: Float32Array.from(one.model), meanDelta: d2, state: copy });
    expect(Array.from(a.model)).toEqual(Array.from(b.model));
    expect(a.model.some((xi, i) => xi !== one.model[i])).toBe(true);
  });

  it('starts from m = 0 and v = τ²', () => {
    const state = make({ eta: 0.1, beta1: 0.9, beta2: 0.99, tau: 0.01 }).initialState(2);
    expect(Array.from(state.vectors['m'] ?? [])).toEqual([0, 0]);
    expect(Array.from(state.vectors['v'] ?? [])).toEqual([Math.fround(1e-4), Math.fround(1e-4)]);
  });

  it('refuses state of another kind and vectors of the wrong length', () => {
    const strategy = make({ eta: 0.1, beta1: 0.9, beta2: 0.99, tau: 0.01 });
    const state = strategy.initialState(2);
    const model = Float32Array.of(0, 0);
    const other = kind === 'fedadam' ? 'fedyogi' : 'fedadam';
    expect(() =>
      strategy.apply({ model, meanDelta: model, state: { ...state, kind: other } }),
    ).toThrow(FedraError);
    const short = { ...state, vectors: { ...state.vectors, v: new Float32Array(1) } };
    expect(() => strategy.apply({ model, meanDelta: model, state: short })).toThrow(
      expect.objectContaining({ code: 'VECTOR_LENGTH_MISMATCH' }),
    );
    const missing = { ...state, vectors: { m: new Float32Array(2) } };
    expect(() => strategy.apply({ model, meanDelta: model, state: missing })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('FedOpt defaults', () => {
  it('uses η = 0.01, β1 = 0.9, β2 = 0.99, τ = 1e-3', () => {
    expect(new FedOpt({ kind: 'fedadam' }).describe()).toEqual({
      strategy: 'fedadam',
      serverLearningRate: 0.01,
      beta1: 0.9,
      beta2: 0.99,
      tau: 1e-3,
    });
    expect(new FedOpt({ kind: 'fedadagrad' }).describe()).toEqual({
      strategy: 'fedadagrad',
      serverLearningRate: 0.01,
      beta1: 0.9,
      tau: 1e-3,
    });
  });

  it('takes a first Adam step of η·(1−β1)·Δ/(√((1−β2)Δ² + β2τ²) + τ)', () => {
    const strategy = new FedOpt({ kind: 'fedadam' });
    const result = strategy.apply({
      model: Float32Array.of(1),
      meanDelta: Float32Array.of(0.5),
      state: strategy.initialState(1),
    });
    const step = (0.01 * 0.1 * 0.5) / (Math.sqrt(0.01 * 0.25 + 0.99 * Math.fround(1e-6)) + 1e-3);
    expect(result.model[0]).toBeCloseTo(1 + step, 6);
  });

  it('rejects beta2 for fedadagrad', () => {
    expect(() => new FedOpt({ kind: 'fedadagrad', beta2: 0.9 })).toThrow(
      expect.objectContaining({ code: 'INVALID_SPEC', metadata: { field: 'strategy.beta2' } }),
    );
  });
});
