import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FedraError } from '@fedra/common';
import {
  addInto,
  createPieceFolder,
  PIECE_ELEMENTS,
  setSimdEnabled,
  simdAvailable,
  subInto,
} from './vector-math.js';

afterEach(() => {
  setSimdEnabled(true);
});

const M = 2n ** 32n;
function reference(a: Uint32Array, b: Uint32Array, sign: 1 | -1): number[] {
  return Array.from(a, (x, i) =>
    Number((((BigInt(x) + BigInt(sign) * BigInt(b[i] ?? 0)) % M) + M) % M),
  );
}

const pairs = fc
  .integer({ min: 0, max: 40_000 })
  .chain((n) =>
    fc.tuple(
      fc.uint32Array({ minLength: n, maxLength: n }),
      fc.uint32Array({ minLength: n, maxLength: n }),
    ),
  );

describe('vector math mod 2^32', () => {
  it('has the SIMD kernel on this Node', () => {
    expect(simdAvailable()).toBe(true);
  });

  for (const simd of [true, false]) {
    describe(simd ? 'SIMD kernel' : 'scalar kernel', () => {
      it('addInto and subInto equal a BigInt reference (any length, odd, 0)', () => {
        fc.assert(
          fc.property(pairs, fc.boolean(), ([a, b], add) => {
            expect(setSimdEnabled(simd)).toBe(simd);
            const target = Uint32Array.from(a);
            (add ? addInto : subInto)(target, b);
            expect(Array.from(target)).toEqual(reference(a, b, add ? 1 : -1));
          }),
          { numRuns: 40 },
        );
      });

      it('handles extremes and odd lengths', () => {
        setSimdEnabled(simd);
        for (const n of [0, 1, 3, 63, 64, 65, 127, PIECE_ELEMENTS + 5]) {
          const a = Uint32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0xffffffff : 0));
          const b = Uint32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0xffffffff));
          const sum = Uint32Array.from(a);
          addInto(sum, b);
          expect(Array.from(sum)).toEqual(reference(a, b, 1));
          subInto(sum, b);
          expect(Array.from(sum)).toEqual(Array.from(a));
        }
      });

      it('folds byte streams into a piece', () => {
        setSimdEnabled(simd);
        const folder = createPieceFolder();
        const target = Uint32Array.from({ length: 1001 }, (_, i) => i * 3);
        const word = Uint32Array.from({ length: 1001 }, (_, i) => 0xfffffff0 + (i % 32));
        const bytes = new Uint8Array(word.buffer);
        folder.begin(target);
        folder.fold(bytes, 1);
        folder.fold(bytes, 1);
        folder.fold(bytes, -1);
        folder.end();
        expect(Array.from(target)).toEqual(
          reference(
            Uint32Array.from({ length: 1001 }, (_, i) => i * 3),
            word,
            1,
          ),
        );
        folder.begin(target);
        expect(() => {
          folder.fold(bytes.subarray(4), 1);
        }).toThrow(FedraError);
      });
    });
  }

  it('rejects vectors of different lengths', () => {
    expect(() => {
      addInto(new Uint32Array(3), new Uint32Array(4));
    }).toThrow(FedraError);
    try {
      subInto(new Uint32Array(100), new Uint32Array(99));
    } catch (error) {
      expect((error as FedraError).code).toBe('VECTOR_LENGTH_MISMATCH');
    }
  });
});
