/**
 * Shared row handling for the CSV and JSON Lines loaders: label mapping,
 * feature flattening, shape checks, and the final split. Errors name the
 * file, the row and the column, never a feature value.
 *
 * @module
 */
import { basename } from 'node:path';
import { InvalidArgumentError } from '@fedra/common';
import type { Dataset } from './dataset.js';
import { exampleSize } from './dataset.js';
import type { TabularDatasetConfig } from './dataset-config.js';
import { splitDataset } from './split-dataset.js';

/** Collects rows into growable arrays and turns them into a {@link Dataset}. */
export class TabularBuilder {
  private readonly file: string;
  private readonly classIndex: ReadonlyMap<string, number> | undefined;
  private readonly numClasses: number;
  private featureColumns: readonly string[] | undefined;
  private featureCount = -1;
  private xs = new Float32Array(1024);
  private ys = new Int32Array(64);
  private rows = 0;

  constructor(private readonly config: TabularDatasetConfig) {
    this.file = basename(config.path);
    this.featureColumns = config.featureColumns;
    this.classIndex =
      config.classNames === undefined
        ? undefined
        : new Map(config.classNames.map((name, index) => [name, index]));
    const numClasses = config.numClasses ?? config.classNames?.length;
    if (numClasses === undefined) {
      throw new InvalidArgumentError(
        'numClasses',
        `dataset ${config.name}: give numClasses or classNames`,
      );
    }
    this.numClasses = numClasses;
  }

  /** The feature columns: from the config, or `fallback` (all but the label) on first use. */
  columns(fallback: () => readonly string[]): readonly string[] {
    this.featureColumns ??= fallback().filter((c) => c !== this.config.labelColumn);
    return this.featureColumns;
  }

  /** Throws an error naming the file and row (1-based, header excluded). */
  fail(field: string, row: number, message: string): never {
    throw new InvalidArgumentError(field, `${this.file} row ${row}: ${message}`, {
      metadata: { dataset: this.config.name, file: this.file, row: String(row) },
    });
  }

  /**
   * Adds one row. `get` returns the raw value of a column, or `undefined`
   * when the row lacks it.
   */
  add(row: number, get: (column: string) => unknown): void {
    const columns = this.columns(() => []);
    const label = this.label(row, get(this.config.labelColumn));
    const start = this.rows * Math.max(this.featureCount, 0);
    let written = 0;
    const push = (value: number): void => {
      const at = start + written;
      if (at >= this.xs.length) this.xs = grow(this.xs, at + 1);
      this.xs[at] = value;
      written++;
    };
    for (const column of columns) {
      const value = get(column);
      if (value === undefined) this.fail('featureColumns', row, `column ${column} is missing`);
      this.flatten(row, column, value, push);
    }
    if (this.featureCount === -1) this.featureCount = written;
    if (written !== this.featureCount) {
      this.fail(
        'featureColumns',
        row,
        `has ${written} feature values, earlier rows have ${this.featureCount}`,
      );
    }
    if (this.rows >= this.ys.length) this.ys = grow(this.ys, this.rows + 1);
    this.ys[this.rows] = label;
    this.rows++;
  }

  /** The dataset: all rows, split into train and validation with the config's seed. */
  finish(): Dataset {
    const { config } = this;
    if (this.rows === 0) {
      throw new InvalidArgumentError('path', `${this.file}: no rows`, {
        metadata: { dataset: config.name, file: this.file },
      });
    }
    const inputShape = config.inputShape ?? [this.featureCount];
    const size = exampleSize(inputShape);
    if (size !== this.featureCount) {
      throw new InvalidArgumentError(
        'inputShape',
        `${this.file}: rows have ${this.featureCount} feature values but inputShape [${inputShape.join(', ')}] needs ${size}`,
        { metadata: { dataset: config.name, file: this.file } },
      );
    }
    const all = {
      xs: this.xs.slice(0, this.rows * this.featureCount),
      ys: this.ys.slice(0, this.rows),
    };
    const split = splitDataset(all, {
      exampleSize: size,
      validationFraction: config.validationFraction,
      seed: config.seed,
    });
    return {
      name: config.name,
      inputShape: [...inputShape],
      numClasses: this.numClasses,
      ...split,
      ...(config.classNames === undefined ? {} : { classNames: [...config.classNames] }),
    };
  }

  private label(row: number, raw: unknown): number {
    const column = this.config.labelColumn;
    if (raw === undefined || raw === null || raw === '') {
      this.fail('labelColumn', row, `label column ${column} is empty or missing`);
    }
    if (this.classIndex !== undefined) {
      const key = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
      const index = key === undefined ? undefined : this.classIndex.get(key);
      if (index === undefined) {
        this.fail('labelColumn', row, `label in column ${column} is not one of classNames`);
      }
      return index;
    }
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < 0 || value >= this.numClasses) {
      this.fail(
        'labelColumn',
        row,
        `label in column ${column} must be an integer in 0..${this.numClasses - 1}`,
      );
    }
    return value;
  }

  private flatten(row: number, column: string, value: unknown, push: (v: number) => void): void {
    if (Array.isArray(value)) {
      for (const item of value) this.flatten(row, column, item, push);
      return;
    }
    const n =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && value.trim() !== ''
          ? Number(value)
          : NaN;
    if (!Number.isFinite(n)) {
      this.fail(
        'featureColumns',
        row,
        `column ${column} holds a value that is not a finite number`,
      );
    }
    push(n);
  }
}

function grow<T extends Float32Array | Int32Array>(array: T, minLength: number): T {
  const next = new (array.constructor as new (n: number) => T)(
    Math.max(minLength, array.length * 2),
  );
  next.set(array);
  return next;
}
