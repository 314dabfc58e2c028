import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import { meanFromLaneSums, metricsFromLaneSums } from './aggregate.js';

describe('meanFromLaneSums', () => {
  it('divides in float64 and rounds once to float32', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true })),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (sum, weight) => {
          const mean = meanFromLaneSums(Float64Array.from(sum), weight);
          expect(mean).toBeInstanceOf(Float32Array);
          expect(Array.from(mean)).toEqual(sum.map((s) => Math.fround(s / weight)));
        },
      ),
    );
  });

  it('is the weighted mean of the updates behind the sum', () => {
    const updates = [
      { weight: 10, delta: [1, -2] },
      { weight: 30, delta: [3, 2] },
    ];
    const sum = Float64Array.from([0, 1], (i) =>
      updates.reduce((acc, u) => acc + u.weight * (u.delta[i] ?? 0), 0),
    );
    expect(Array.from(meanFromLaneSums(sum, 40))).toEqual([2.5, 1]);
    expect(Array.from(meanFromLaneSums(Float32Array.of(4, 8), 4))).toEqual([1, 2]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects total weight %s', (w) => {
    expect(() => meanFromLaneSums(Float64Array.of(1), w)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', metadata: { field: 'totalWeight' } }),
    );
  });

  it('rejects a non-finite sum', () => {
    expect(() => meanFromLaneSums(Float64Array.of(1, Number.NaN), 2)).toThrow(FedraError);
    expect(() => meanFromLaneSums(Float64Array.of(1, Number.NaN), 2)).toThrow(
      expect.objectContaining({ code: 'NON_FINITE_INPUT' }),
    );
  });
});

describe('metricsFromLaneSums', () => {
  it('gives mean loss over W and accuracy over examples', () => {
    expect(metricsFromLaneSums({ lossSum: 50, correctCount: 80, totalWeight: 100 })).toEqual({
      loss: 0.5,
      accuracy: 0.8,
      examples: 100,
    });
    expect(
      metricsFromLaneSums({ lossSum: 50, correctCount: 90, totalWeight: 100, examples: 120 }),
    ).toEqual({ loss: 0.5, accuracy: 0.75, examples: 120 });
  });

  it('rejects W <= 0, examples <= 0 and non-finite lanes', () => {
    expect(() => metricsFromLaneSums({ lossSum: 1, correctCount: 1, totalWeight: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', metadata: { field: 'totalWeight' } }),
    );
    expect(() =>
      metricsFromLaneSums({ lossSum: 1, correctCount: 1, totalWeight: 2, examples: 0 }),
    ).toThrow(expect.objectContaining({ metadata: { field: 'examples' } }));
    expect(() =>
      metricsFromLaneSums({ lossSum: Number.NaN, correctCount: 1, totalWeight: 2 }),
    ).toThrow(expect.objectContaining({ code: 'NON_FINITE_INPUT' }));
  });
});
