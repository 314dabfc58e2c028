import fc from 'fast-check';
import { FedraError, InvalidArgumentError } from '@fedra/common';
import { describe, expect, it } from 'vitest';
import { clipDelta, l2Norm } from './clip-delta.js';

const vectors = fc
  .array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 300 })
  .map((xs) => Float32Array.from(xs));

describe('clipDelta', () => {
  it('caps the L2 norm at the bound exactly and keeps the direction', () => {
    fc.assert(
      fc.property(vectors, fc.double({ min: 1e-3, max: 50, noNaN: true }), (delta, bound) => {
        const before = l2Norm(delta);
        fc.pre(before > bound * 1.0001);
        const original = delta.slice();
        const result = clipDelta(delta, bound);
        expect(result).toEqual({ norm: before, clipped: true });
        expect(Math.abs(l2Norm(delta) - bound) / bound).toBeLessThan(1e-6);
        const scale = bound / before;
        for (let i = 0; i < delta.length; i++) {
          expect(delta[i]).toBeCloseTo((original[i] as number) * scale, 4);
        }
      }),
    );
  });

  it('leaves a delta within the bound untouched', () => {
    fc.assert(
      fc.property(vectors, (delta) => {
        const norm = l2Norm(delta);
        const original = delta.slice();
        expect(clipDelta(delta, norm + 1)).toEqual({ norm, clipped: false });
        expect(delta).toEqual(original);
      }),
    );
  });

  it('refuses a diverged delta and a bad bound', () => {
    const error: unknown = (() => {
      try {
        return clipDelta(Float32Array.of(1, Number.NaN), 1);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FedraError);
    expect((error as FedraError).code).toBe('NON_FINITE_INPUT');
    expect(() => clipDelta(Float32Array.of(1), 0)).toThrow(InvalidArgumentError);
    expect(() => clipDelta(Float32Array.of(1), Number.POSITIVE_INFINITY)).toThrow(
      InvalidArgumentError,
    );
  });
});
