/**
 * Seeded train/validation splitting.
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';
import type { DatasetSplit, LabelArray } from './dataset.js';
import { createRng, permutation } from './seeded-random.js';

/** Options for {@link splitDataset}. */
export interface SplitOptions {
  /** Values per example (the product of the input shape). */
  readonly exampleSize: number;
  /**
   * Share of the examples held out for validation, in [0, 1).
   * @default 0.1
   */
  readonly validationFraction?: number;
  /**
   * Seed of the shuffle that decides which examples are held out.
   * @default 0
   */
  readonly seed?: number;
}

/**
 * Shuffles `all` with a seed and cuts it into a training and a validation
 * split (`round(count x validationFraction)` examples, at least one when the
 * fraction is positive and there are two or more examples).
 */
export function splitDataset(
  all: DatasetSplit,
  options: SplitOptions,
): { train: DatasetSplit; validation: DatasetSplit } {
  const fraction = options.validationFraction ?? 0.1;
  if (!(fraction >= 0 && fraction < 1)) {
    throw new InvalidArgumentError(
      'validationFraction',
      `validationFraction must be in [0, 1), got ${fraction}`,
    );
  }
  const count = all.ys.length;
  let held = Math.round(count * fraction);
  if (fraction > 0 && held === 0 && count >= 2) held = 1;
  const order = permutation(count, createRng(options.seed ?? 0));
  return {
    validation: gatherExamples(all, order.subarray(0, held), options.exampleSize),
    train: gatherExamples(all, order.subarray(held), options.exampleSize),
  };
}

/** Copies the examples at `indices` (in that order) into a new split. */
export function gatherExamples(
  source: DatasetSplit,
  indices: ArrayLike<number>,
  exampleSize: number,
): DatasetSplit {
  const n = indices.length;
  const xs = new Float32Array(n * exampleSize);
  const ys: LabelArray = source.ys instanceof Uint8Array ? new Uint8Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const from = indices[i] as number;
    xs.set(source.xs.subarray(from * exampleSize, (from + 1) * exampleSize), i * exampleSize);
    ys[i] = source.ys[from] as number;
  }
  return { xs, ys };
}
