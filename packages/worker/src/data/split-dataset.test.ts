import fc from 'fast-check';
import { InvalidArgumentError } from '@fedra/common';
import { describe, expect, it } from 'vitest';
import { gatherExamples, splitDataset } from './split-dataset.js';

/** Example i has features [i, i + 0.5] and label i mod 3. */
function examples(n: number): { xs: Float32Array; ys: Int32Array } {
  const xs = new Float32Array(n * 2);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    xs[2 * i] = i;
    xs[2 * i + 1] = i + 0.5;
    ys[i] = i % 3;
  }
  return { xs, ys };
}

describe('splitDataset', () => {
  it('partitions the examples, keeping each feature row with its label', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.nat(),
        (n, fraction, seed) => {
          const { train, validation } = splitDataset(examples(n), {
            exampleSize: 2,
            validationFraction: fraction,
            seed,
          });
          expect(train.ys.length + validation.ys.length).toBe(n);
          const seen: number[] = [];
          for (const split of [train, validation]) {
            for (let i = 0; i < split.ys.length; i++) {
              const id = split.xs[2 * i] as number;
              expect(split.xs[2 * i + 1]).toBe(id + 0.5);
              expect(split.ys[i]).toBe(id % 3);
              seen.push(id);
            }
          }
          expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('holds out round(n x fraction) examples, at least one, reproducibly', () => {
    const a = splitDataset(examples(100), { exampleSize: 2, validationFraction: 0.2, seed: 4 });
    const b = splitDataset(examples(100), { exampleSize: 2, validationFraction: 0.2, seed: 4 });
    const c = splitDataset(examples(100), { exampleSize: 2, validationFraction: 0.2, seed: 5 });
    expect(a.validation.ys.length).toBe(20);
    expect(b.validation.xs).toEqual(a.validation.xs);
    expect(c.validation.xs).not.toEqual(a.validation.xs);
    expect(
      splitDataset(examples(3), { exampleSize: 2, validationFraction: 0.01 }).validation.ys.length,
    ).toBe(1);
    expect(
      splitDataset(examples(10), { exampleSize: 2, validationFraction: 0 }).validation.ys.length,
    ).toBe(0);
  });

  it('rejects a fraction outside [0, 1)', () => {
    expect(() => splitDataset(examples(4), { exampleSize: 2, validationFraction: 1 })).toThrow(
      InvalidArgumentError,
    );
  });

  it('keeps the label array type when gathering', () => {
    const out = gatherExamples(
      { xs: new Float32Array([1, 2]), ys: Uint8Array.of(1, 0) },
      [1, 0],
      1,
    );
    expect(out.ys).toBeInstanceOf(Uint8Array);
    expect(Array.from(out.xs)).toEqual([2, 1]);
    expect(Array.from(out.ys)).toEqual([0, 1]);
  });
});
