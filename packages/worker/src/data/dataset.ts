/**
 * The in-memory shape of a region's dataset, and the check that it fits an
 * experiment's model before the worker joins a round.
 *
 * Datasets hold flat typed arrays, not tensors, so they cross the
 * training-thread boundary as cheap structured clones (or transfers) and
 * never pin backend memory.
 *
 * @module
 */
import { InvalidArgumentError } from '@fedra/common';

/** Class labels, one per example: `0 .. numClasses-1`. */
export type LabelArray = Int32Array | Uint8Array;

/** A set of labelled examples. */
export interface DatasetSplit {
  /**
   * Features, example after example, each `product(inputShape)` values in
   * row-major (channels-last) order.
   */
  readonly xs: Float32Array;
  /** One label per example. */
  readonly ys: LabelArray;
}

/** A region's dataset, split into local training and validation examples. */
export interface Dataset {
  /** The name experiments refer to (`mnist`, `claims-2024`, …). */
  readonly name: string;
  /** The shape of one example, without the batch dimension (`[28, 28, 1]`). */
  readonly inputShape: readonly number[];
  /** How many classes the labels range over. */
  readonly numClasses: number;
  /** Examples the worker trains on. */
  readonly train: DatasetSplit;
  /** Examples held out locally to report validation loss and accuracy. */
  readonly validation: DatasetSplit;
  /** Names of the classes by label, when the source had names. */
  readonly classNames?: readonly string[];
}

/** What an experiment's model expects of a dataset. */
export interface DatasetExpectation {
  /** The model's input shape without the batch dimension. */
  readonly inputShape: readonly number[];
  /** The number of model outputs (classes). */
  readonly numClasses: number;
}

/** The number of feature values in one example of `shape`. */
export function exampleSize(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/** The number of examples in a split. */
export function splitSize(split: DatasetSplit): number {
  return split.ys.length;
}

/** Options for {@link validateDataset}. */
export interface ValidateDatasetOptions {
  /**
   * Also scan every label and feature value (O(dataset)). Loaders' callers
   * check values once; per-round checks can skip them.
   * @default true
   */
  readonly checkValues?: boolean;
}

/**
 * Checks that `dataset` is well formed and fits a model. Throws an
 * {@link InvalidArgumentError} whose `field` names what is wrong
 * (`inputShape`, `numClasses`, `train.xs`, `validation.ys`, …) and whose
 * metadata carries the dataset name; messages give shapes and counts, never
 * feature values.
 *
 * @param expected - what the experiment's model needs; omit to check only
 *   that the dataset is internally consistent.
 */
export function validateDataset(
  dataset: Dataset,
  expected?: DatasetExpectation,
  options: ValidateDatasetOptions = {},
): void {
  const meta = { dataset: dataset.name };
  const fail = (field: string, message: string): never => {
    throw new InvalidArgumentError(field, `dataset ${dataset.name}: ${message}`, {
      metadata: meta,
    });
  };
  if (
    dataset.inputShape.length === 0 ||
    !dataset.inputShape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    fail('inputShape', `inputShape must be positive integers, got ${fmt(dataset.inputShape)}`);
  }
  if (!Number.isInteger(dataset.numClasses) || dataset.numClasses < 2) {
    fail('numClasses', `numClasses must be an integer >= 2, got ${dataset.numClasses}`);
  }
  if (expected !== undefined) {
    if (!sameShape(dataset.inputShape, expected.inputShape)) {
      fail(
        'inputShape',
        `examples have shape ${fmt(dataset.inputShape)} but the model expects ${fmt(expected.inputShape)}`,
      );
    }
    if (dataset.numClasses !== expected.numClasses) {
      fail(
        'numClasses',
        `labels have ${dataset.numClasses} classes but the model has ${expected.numClasses} outputs`,
      );
    }
  }
  const size = exampleSize(dataset.inputShape);
  for (const name of ['train', 'validation'] as const) {
    const split = dataset[name];
    const count = split.ys.length;
    if (split.xs.length !== count * size) {
      fail(
        `${name}.xs`,
        `${name} has ${count} labels but ${split.xs.length} feature values (expected ${count * size})`,
      );
    }
    if (options.checkValues === false) continue;
    for (let i = 0; i < count; i++) {
      const label = split.ys[i] as number;
      if (label < 0 || label >= dataset.numClasses) {
        fail(
          `${name}.ys`,
          `${name} example ${i} has label ${label}, outside 0..${dataset.numClasses - 1}`,
        );
      }
    }
    for (let i = 0; i < split.xs.length; i++) {
      if (!Number.isFinite(split.xs[i])) {
        fail(`${name}.xs`, `${name} example ${Math.floor(i / size)} has a NaN or infinite feature`);
      }
    }
  }
  if (dataset.train.ys.length === 0) fail('train', 'the training split is empty');
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function fmt(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
