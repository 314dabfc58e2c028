/**
 * The small config that names a region's dataset and says how to read it.
 * A region operator writes one per dataset (JSON); {@link parseDatasetConfig}
 * validates it into a frozen {@link DatasetConfig} and `loadDataset` reads it.
 *
 * @example
 * ```json
 * { "name": "claims", "format": "csv", "path": "claims.csv",
 *   "labelColumn": "outcome", "classNames": ["paid", "denied"],
 *   "validationFraction": 0.1, "seed": 7 }
 * ```
 *
 * @module
 */
import { isAbsolute, resolve } from 'node:path';
import { ConfigError } from '@fedra/common';

/** Fields every dataset config has. */
export interface DatasetConfigBase {
  /** The name experiments refer to. */
  readonly name: string;
  /**
   * Share of the examples held out locally for validation, in [0, 1).
   * @default 0.1
   */
  readonly validationFraction?: number;
  /**
   * Seed of the train/validation split (and of MNIST sharding).
   * @default 0
   */
  readonly seed?: number;
}

/**
 * Table-shaped data: one example per row, a label column and numeric
 * feature columns. Used by CSV (`format: 'csv'`, a header row names the
 * columns) and JSON Lines (`format: 'jsonl'`, one object per line; a feature
 * field may hold a number or a nested array of numbers, flattened in order).
 */
export interface TabularDatasetConfig extends DatasetConfigBase {
  /** `csv` or `jsonl`. */
  readonly format: 'csv' | 'jsonl';
  /** The file; relative paths are resolved against the config's directory. */
  readonly path: string;
  /** The column (CSV) or field (JSONL) that holds the label. */
  readonly labelColumn: string;
  /**
   * The feature columns, in order.
   * @default every column except the label (for JSONL: the first row's fields, in order)
   */
  readonly featureColumns?: readonly string[];
  /**
   * The shape of one example.
   * @default [number of feature values]
   */
  readonly inputShape?: readonly number[];
  /**
   * Label names by class index; labels in the file are then names. Without
   * it labels must be integers `0 .. numClasses-1`.
   */
  readonly classNames?: readonly string[];
  /** The number of classes; required unless `classNames` is given. */
  readonly numClasses?: number;
  /**
   * CSV field delimiter.
   * @default ','
   */
  readonly delimiter?: string;
}

/**
 * A folder with one subfolder per class holding PNG or JPEG images of
 * exactly the declared size. Pixels are scaled to [0, 1].
 */
export interface ImageFolderDatasetConfig extends DatasetConfigBase {
  /** `image-folder`. */
  readonly format: 'image-folder';
  /** The folder; relative paths are resolved against the config's directory. */
  readonly path: string;
  /** `[height, width, channels]`; channels 1 (grayscale) or 3 (RGB). */
  readonly inputShape: readonly [number, number, number];
  /**
   * Subfolder names by class index.
   * @default the subfolders, sorted by name
   */
  readonly classNames?: readonly string[];
}

/** The MNIST demo shards built into the worker (see `loadMnistShard`). */
export interface MnistDatasetConfig extends DatasetConfigBase {
  /** `mnist`. */
  readonly format: 'mnist';
  /** This worker's shard, `0 .. shards-1`. */
  readonly shard: number;
  /** How many shards the digits are cut into. */
  readonly shards: number;
  /**
   * The digits that dominate this shard.
   * @default two digits picked from the shard index
   */
  readonly classes?: readonly number[];
  /**
   * Share of each other digit's slice the shard keeps (1 = IID).
   * @default 0.1
   */
  readonly minorityFraction?: number;
  /**
   * `[28, 28, 1]` for convolutional models or `[784]` for dense ones.
   * @default [28, 28, 1]
   */
  readonly inputShape?: readonly number[];
}

/** Any dataset config. */
export type DatasetConfig = TabularDatasetConfig | ImageFolderDatasetConfig | MnistDatasetConfig;

/** The formats {@link DatasetConfig} supports. */
export const DATASET_FORMATS = ['csv', 'jsonl', 'image-folder', 'mnist'] as const;

/** Options for {@link parseDatasetConfig}. */
export interface ParseDatasetConfigOptions {
  /** Relative `path`s are resolved against this directory. @default process.cwd() */
  readonly baseDir?: string;
  /** Prefix for the keys named in errors, e.g. `datasets[2].`. @default '' */
  readonly keyPrefix?: string;
}

const COMMON_KEYS = ['name', 'format', 'validationFraction', 'seed'];
const KEYS: Record<DatasetConfig['format'], readonly string[]> = {
  csv: [
    ...COMMON_KEYS,
    'path',
    'labelColumn',
    'featureColumns',
    'inputShape',
    'classNames',
    'numClasses',
    'delimiter',
  ],
  jsonl: [
    ...COMMON_KEYS,
    'path',
    'labelColumn',
    'featureColumns',
    'inputShape',
    'classNames',
    'numClasses',
  ],
  'image-folder': [...COMMON_KEYS, 'path', 'inputShape', 'classNames'],
  mnist: [...COMMON_KEYS, 'shard', 'shards', 'classes', 'minorityFraction', 'inputShape'],
};

/**
 * Validates a parsed JSON dataset config. Unknown keys, missing keys, wrong
 * types and contradictions throw a {@link ConfigError} naming the key.
 * Returns a frozen config with `path` made absolute.
 */
export function parseDatasetConfig(
  value: unknown,
  options: ParseDatasetConfigOptions = {},
): DatasetConfig {
  const prefix = options.keyPrefix ?? '';
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`${prefix}${key}`, `dataset config ${prefix}${key}: ${message}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('', 'must be a JSON object');
  }
  const raw = value as Record<string, unknown>;
  const format = raw['format'];
  if (typeof format !== 'string' || !(DATASET_FORMATS as readonly string[]).includes(format)) {
    return fail('format', `must be one of ${DATASET_FORMATS.join(', ')}`);
  }
  const fmt = format as DatasetConfig['format'];
  for (const key of Object.keys(raw)) {
    if (!KEYS[fmt].includes(key)) fail(key, `unknown key for format ${fmt}`);
  }
  const read = new FieldReader(raw, fail);
  const base = {
    name: read.requiredString('name', /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
    validationFraction: read.number('validationFraction', { min: 0, maxExclusive: 1 }),
    seed: read.integer('seed', { min: 0 }),
  };
  const baseDir = options.baseDir ?? process.cwd();
  const absolute = (p: string): string => (isAbsolute(p) ? p : resolve(baseDir, p));
  let config: DatasetConfig;
  switch (fmt) {
    case 'csv':
    case 'jsonl': {
      const classNames = read.stringArray('classNames');
      const numClasses = read.integer('numClasses', { min: 2 });
      if (classNames === undefined && numClasses === undefined) {
        fail('numClasses', 'give numClasses or classNames');
      }
      if (
        classNames !== undefined &&
        numClasses !== undefined &&
        numClasses !== classNames.length
      ) {
        fail('numClasses', `is ${numClasses} but classNames has ${classNames.length} entries`);
      }
      if (classNames !== undefined && classNames.length < 2) {
        fail('classNames', 'needs at least two classes');
      }
      config = {
        ...base,
        format: fmt,
        path: absolute(read.requiredString('path')),
        labelColumn: read.requiredString('labelColumn'),
        featureColumns: read.stringArray('featureColumns'),
        inputShape: read.shape('inputShape'),
        classNames,
        numClasses,
        ...(fmt === 'csv' ? { delimiter: read.string('delimiter') } : {}),
      };
      break;
    }
    case 'image-folder': {
      const shape = read.shape('inputShape', true);
      if (shape?.length !== 3 || (shape[2] !== 1 && shape[2] !== 3)) {
        fail('inputShape', 'must be [height, width, channels] with 1 or 3 channels');
      }
      config = {
        ...base,
        format: fmt,
        path: absolute(read.requiredString('path')),
        inputShape: shape as unknown as readonly [number, number, number],
        classNames: read.stringArray('classNames'),
      };
      break;
    }
    case 'mnist': {
      const shards = read.integer('shards', { min: 1, required: true }) as number;
      const shard = read.integer('shard', { min: 0, required: true }) as number;
      if (shard >= shards) fail('shard', `must be below shards (${shards})`);
      const classes = read.integerArray('classes', { min: 0, max: 9 });
      config = {
        ...base,
        format: fmt,
        shard,
        shards,
        classes,
        minorityFraction: read.number('minorityFraction', { min: 0, max: 1 }),
        inputShape: read.shape('inputShape'),
      };
      break;
    }
  }
  return Object.freeze(stripUndefined(config));
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

class FieldReader {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly fail: (key: string, message: string) => never,
  ) {}

  string(key: string, pattern?: RegExp): string | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') return this.fail(key, 'must be a non-empty string');
    if (pattern !== undefined && !pattern.test(v)) {
      return this.fail(key, `must match ${pattern.source}`);
    }
    return v;
  }

  requiredString(key: string, pattern?: RegExp): string {
    return this.string(key, pattern) ?? this.fail(key, 'is required');
  }

  number(
    key: string,
    opts: { min?: number; max?: number; maxExclusive?: number } = {},
  ): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(key, 'must be a number');
    if (opts.min !== undefined && v < opts.min) return this.fail(key, `must be >= ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) return this.fail(key, `must be <= ${opts.max}`);
    if (opts.maxExclusive !== undefined && v >= opts.maxExclusive) {
      return this.fail(key, `must be < ${opts.maxExclusive}`);
    }
    return v;
  }

  integer(
    key: string,
    opts: { min?: number; max?: number; required?: boolean } = {},
  ): number | undefined {
    const v = this.raw[key];
    if (v === undefined) return opts.required === true ? this.fail(key, 'is required') : undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      return this.fail(key, 'must be an integer');
    }
    return this.number(key, opts);
  }

  stringArray(key: string): readonly string[] | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string' && s !== '')) {
      return this.fail(key, 'must be a non-empty array of non-empty strings');
    }
    const list = v as string[];
    if (new Set(list).size !== list.length) return this.fail(key, 'has duplicate entries');
    return Object.freeze([...list]);
  }

  integerArray(key: string, opts: { min: number; max: number }): readonly number[] | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (
      !Array.isArray(v) ||
      v.length === 0 ||
      !v.every((n) => Number.isInteger(n) && (n as number) >= opts.min && (n as number) <= opts.max)
    ) {
      return this.fail(key, `must be a non-empty array of integers in ${opts.min}..${opts.max}`);
    }
    return Object.freeze([...(v as number[])]);
  }

  shape(key: string, required = false): readonly number[] | undefined {
    const v = this.raw[key];
    if (v === undefined) return required ? this.fail(key, 'is required') : undefined;
    if (
      !Array.isArray(v) ||
      v.length === 0 ||
      !v.every((n) => Number.isSafeInteger(n) && (n as number) > 0)
    ) {
      return this.fail(key, 'must be a non-empty array of positive integers');
    }
    return Object.freeze([...(v as number[])]);
  }
}
